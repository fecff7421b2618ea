//! The core trusts what the system trusts: a server whose certificate an
//! organisation's own authority signed (listed in the system's store, not
//! among Mozilla's roots) is reached over HTTPS, one no trusted authority
//! signed is refused, and every request names Sentier. Its own test binary,
//! since it points the process's system store (`SSL_CERT_FILE`, read on
//! Linux) at the test authority.

use sentier_core::http::{self, Trust};
use sentier_core::packs::PackError;
use sentier_core::packs::PackLibrary;
use sentier_core::packs::download::TransferOptions;
use sentier_core::runtime::runtime;
use sentier_testkit::tls::{TestCa, TlsServer};

#[test]
#[cfg(all(unix, not(target_vendor = "apple")))]
#[allow(unsafe_code)] // set_var, before any thread of this binary reads the environment
fn the_systems_trusted_authorities_are_honoured_and_others_refused() {
    let organisation = TestCa::generate("Parc national, autorité interne").unwrap();
    let work = tempfile::tempdir().unwrap();
    let store = work.path().join("ca-certificates.crt");
    std::fs::write(&store, &organisation.ca_pem).unwrap();
    // SAFETY: the only test of this binary, before any thread of its own
    // reads the environment.
    unsafe {
        std::env::set_var("SSL_CERT_FILE", &store);
        std::env::remove_var("SSL_CERT_DIR");
    }
    let (_, trust) = http::client_with(|builder| builder).unwrap();
    assert_eq!(trust, Trust::Platform);

    let index = br#"{"format": 1, "packs": []}"#;
    let server = TlsServer::start(&organisation, index).unwrap();
    let library = PackLibrary::open(&work.path().join("data"), TransferOptions::default()).unwrap();
    let packs = runtime().block_on(library.server_packs(&server.url()));
    assert_eq!(packs.unwrap(), Vec::new());
    assert_eq!(
        server.user_agents(),
        vec![format!("Sentier/{}", sentier_core::core_version())]
    );

    let stranger = TestCa::generate("Quelqu'un d'autre").unwrap();
    let impostor = TlsServer::start(&stranger, index).unwrap();
    match runtime().block_on(library.server_packs(&impostor.url())) {
        Err(PackError::Network { reason, .. }) => {
            assert!(reason.contains("certificate"), "{reason}")
        }
        other => panic!("{other:?}"),
    }
}
