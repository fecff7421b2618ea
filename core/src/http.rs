//! The HTTP client every networked part of the core starts from.
//!
//! TLS is rustls with the `ring` provider and Mozilla's root certificates
//! compiled in: the same trust on Android, iOS and desktop, with no platform
//! verifier to initialise through JNI. Timeouts are set so that a stalled
//! mountain connection fails in bounded time instead of hanging a sync.

use std::sync::Once;
use std::time::Duration;

/// How long to wait for a TCP/TLS connection.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(15);
/// How long a read may stall before the request fails.
pub const READ_TIMEOUT: Duration = Duration::from_secs(30);

/// A client builder with Sentier's TLS, timeouts and user agent.
pub fn client_builder() -> reqwest::ClientBuilder {
    static PROVIDER: Once = Once::new();
    PROVIDER.call_once(|| {
        // Fails only if another provider was installed first, which is as good.
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
    let roots = webpki_root_certs::TLS_SERVER_ROOT_CERTS
        .iter()
        .filter_map(|der| reqwest::Certificate::from_der(der).ok());
    reqwest::Client::builder()
        .tls_certs_only(roots)
        .connect_timeout(CONNECT_TIMEOUT)
        .read_timeout(READ_TIMEOUT)
        .user_agent(concat!("Sentier/", env!("CARGO_PKG_VERSION")))
}

/// A request error as people read it: reqwest's text with its causes (which
/// hold the useful part), the URL cut to its path since a query string may
/// carry a token.
pub fn describe_error(error: &reqwest::Error) -> String {
    let mut text = error.to_string();
    if let Some(url) = error.url() {
        text = text.replace(url.as_str(), url.path());
    }
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}
