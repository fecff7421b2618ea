//! `sentier pack serve` serves only the files inside its folder: a symlink
//! (to a file or a folder outside it) is answered 404, as `pack build`
//! refuses to publish one.

use sentier_testkit::loopback;
use sentier_testkit::pack_server::PackServer;

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_folder_are_not_followed() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("shadow"), b"root:secret").unwrap();
    let root = tempfile::tempdir().unwrap();
    std::fs::write(root.path().join("index.json"), b"{}").unwrap();
    std::fs::create_dir(root.path().join("pack")).unwrap();
    std::fs::write(root.path().join("pack/manifest.json"), b"{}").unwrap();
    std::os::unix::fs::symlink(outside.path().join("shadow"), root.path().join("shadow")).unwrap();
    std::os::unix::fs::symlink(outside.path(), root.path().join("pack/etc")).unwrap();

    let server = PackServer::start(root.path()).unwrap();
    let get = |path: &str| loopback::get_url(&format!("{}{path}", server.url()), &[]).unwrap();
    assert_eq!(get("index.json").status, 200);
    assert_eq!(get("pack/manifest.json").status, 200);
    for link in ["shadow", "pack/etc/shadow"] {
        let response = get(link);
        assert_eq!(response.status, 404, "{link}");
        assert!(!response.text().contains("secret"), "{link}");
    }
}
