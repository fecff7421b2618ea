//! HTTPS on loopback for tests of the core's trust: a certificate authority
//! made on the spot (as an organisation's own CA, unknown to Mozilla's
//! roots) and a small server whose certificate it signs, for `localhost`
//! and 127.0.0.1. The server answers every request with one JSON body and
//! keeps each request's `User-Agent`.

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use rcgen::{BasicConstraints, CertificateParams, IsCa, Issuer, KeyPair};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

/// A certificate authority and a server certificate it signed.
pub struct TestCa {
    /// The authority's certificate, in PEM: what a system trust store lists.
    pub ca_pem: String,
    leaf: CertificateDer<'static>,
    leaf_key: PrivatePkcs8KeyDer<'static>,
}

impl TestCa {
    /// A fresh authority named `name`, and a certificate for `localhost`
    /// and 127.0.0.1 signed by it.
    pub fn generate(name: &str) -> Result<TestCa, rcgen::Error> {
        let ca_key = KeyPair::generate()?;
        let mut ca_params = CertificateParams::new(Vec::<String>::new())?;
        ca_params
            .distinguished_name
            .push(rcgen::DnType::CommonName, name);
        ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        let ca = ca_params.self_signed(&ca_key)?;
        let issuer = Issuer::new(ca_params, ca_key);
        let leaf_key = KeyPair::generate()?;
        let leaf_params =
            CertificateParams::new(vec!["localhost".to_string(), "127.0.0.1".to_string()])?;
        let leaf = leaf_params.signed_by(&leaf_key, &issuer)?;
        Ok(TestCa {
            ca_pem: ca.pem(),
            leaf: leaf.der().clone(),
            leaf_key: PrivatePkcs8KeyDer::from(leaf_key.serialize_der()),
        })
    }
}

/// The running server; stops when dropped.
pub struct TlsServer {
    address: SocketAddr,
    user_agents: Arc<Mutex<Vec<String>>>,
    stop: Arc<AtomicBool>,
}

impl TlsServer {
    /// Serves `body` (as JSON) over HTTPS with `ca`'s server certificate.
    pub fn start(ca: &TestCa, body: &[u8]) -> std::io::Result<TlsServer> {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let config = rustls::ServerConfig::builder()
            .with_no_client_auth()
            .with_single_cert(
                vec![ca.leaf.clone()],
                PrivateKeyDer::Pkcs8(ca.leaf_key.clone_key()),
            )
            .map_err(std::io::Error::other)?;
        let config = Arc::new(config);
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let address = listener.local_addr()?;
        let user_agents = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (agents, stopping, body) = (user_agents.clone(), stop.clone(), body.to_vec());
        std::thread::Builder::new()
            .name("tls-server".into())
            .spawn(move || {
                for stream in listener.incoming() {
                    if stopping.load(Ordering::SeqCst) {
                        return;
                    }
                    let Ok(stream) = stream else { continue };
                    let (config, agents, body) = (config.clone(), agents.clone(), body.clone());
                    std::thread::spawn(move || {
                        let _ = answer(stream, config, &agents, &body);
                    });
                }
            })?;
        Ok(TlsServer {
            address,
            user_agents,
            stop,
        })
    }

    /// `https://localhost:PORT/`.
    pub fn url(&self) -> String {
        format!("https://localhost:{}/", self.address.port())
    }

    /// The `User-Agent` of every request answered, in order.
    pub fn user_agents(&self) -> Vec<String> {
        self.user_agents
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

impl Drop for TlsServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(self.address);
    }
}

fn answer(
    stream: TcpStream,
    config: Arc<rustls::ServerConfig>,
    agents: &Mutex<Vec<String>>,
    body: &[u8],
) -> std::io::Result<()> {
    let connection = rustls::ServerConnection::new(config).map_err(std::io::Error::other)?;
    let mut tls = rustls::StreamOwned::new(connection, stream);
    let mut agent = String::new();
    {
        let mut reader = BufReader::new(&mut tls);
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line)? == 0 || line == "\r\n" {
                break;
            }
            if let Some((name, value)) = line.split_once(':')
                && name.eq_ignore_ascii_case("user-agent")
            {
                agent = value.trim().to_string();
            }
        }
    }
    agents
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push(agent);
    let head = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    tls.write_all(head.as_bytes())?;
    tls.write_all(body)?;
    tls.flush()?;
    tls.conn.send_close_notify();
    tls.flush()
}
