//! The server addresses a hiker types in the settings (pack server,
//! Geotrek-admin): trimmed, checked and written one way, so a typo is caught
//! when it is typed, not at the first download on the mountain; and the one
//! key a Geotrek-admin is known by ([`AdminServer`]), so its field session,
//! its outbox and its downloaded signage are found whichever way its address
//! was written (`http://host:8000`, `http://host:8000/`, `.../api/v2/`,
//! `localhost` or `127.0.0.1`).

/// Why a typed address is not a server's.
#[derive(Debug, thiserror::Error, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Error))]
pub enum AddressError {
    /// Not a web address with a host.
    #[error("`{text}` is not a web address: {reason}")]
    NotAnAddress { text: String, reason: String },
    /// A scheme other than `https` or `http`.
    #[error("`{text}` is not an http(s) address")]
    NotHttp { text: String },
}

/// The address `text` as it is kept: `None` when blank (the setting is
/// cleared); `https://` assumed when no scheme is typed; a trailing slash
/// on the path, so the address joins with relative paths the same way
/// whether the hiker typed one or not.
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn typed_server_address(text: &str) -> Result<Option<String>, AddressError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    let with_scheme = if trimmed.contains("://") {
        trimmed.to_string()
    } else {
        format!("https://{trimmed}")
    };
    let mut url = url::Url::parse(&with_scheme).map_err(|error| AddressError::NotAnAddress {
        text: trimmed.to_string(),
        reason: error.to_string(),
    })?;
    if !matches!(url.scheme(), "https" | "http") {
        return Err(AddressError::NotHttp {
            text: trimmed.to_string(),
        });
    }
    if url.host_str().is_none_or(str::is_empty) || trimmed.chars().any(char::is_whitespace) {
        return Err(AddressError::NotAnAddress {
            text: trimmed.to_string(),
            reason: "no host".to_string(),
        });
    }
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    url.set_fragment(None);
    Ok(Some(url.to_string()))
}

/// The root of the Geotrek-admin at `server_url`, given either as that root
/// or as its public API (`https://host/api/v2/`, what packs and catalogs keep),
/// with one trailing slash.
pub fn admin_root(server_url: &str) -> String {
    let trimmed = server_url.trim_end_matches('/');
    let root = trimmed.strip_suffix("/api/v2").unwrap_or(trimmed);
    format!("{root}/")
}

/// A Geotrek-admin, however its address was written: its root or its
/// public API (`https://host/api/v2/`, what packs and catalogs keep), with or
/// without a scheme (`https://` assumed) or a trailing slash, in any case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AdminServer {
    root: url::Url,
}

impl AdminServer {
    /// Reads `text` as a Geotrek-admin's address; anything but an http(s)
    /// address with a host (`file://`, `ftp://`, a typo) is refused.
    pub fn parse(text: &str) -> Result<AdminServer, AddressError> {
        let typed = typed_server_address(text)?.ok_or_else(|| AddressError::NotAnAddress {
            text: text.trim().to_string(),
            reason: "no address".to_string(),
        })?;
        let mut root = url::Url::parse(&typed).map_err(|error| AddressError::NotAnAddress {
            text: text.trim().to_string(),
            reason: error.to_string(),
        })?;
        let path = root.path().to_string();
        let path = match path.find("/api/v2/") {
            Some(api) => &path[..=api],
            None => path.as_str(),
        };
        root.set_path(path);
        root.set_query(None);
        Ok(AdminServer { root })
    }

    /// The admin root with one trailing slash, e.g. `http://host:8000/`: what
    /// the report endpoints are joined to.
    pub fn root(&self) -> &str {
        self.root.as_str()
    }

    /// The key the server's session, reports and downloads are kept under:
    /// the root without its trailing slash, loopback names (`localhost`,
    /// `::1`) written `127.0.0.1`.
    pub fn key(&self) -> String {
        let mut key = self.root.clone();
        if self.is_loopback() {
            // Cannot fail: the URL has a host already.
            let _ = key.set_host(Some("127.0.0.1"));
        }
        key.as_str().trim_end_matches('/').to_string()
    }

    /// `host` or `host:port`, as messages name the server ("log in to ...").
    pub fn host(&self) -> String {
        let host = self.root.host_str().unwrap_or_default();
        match self.root.port() {
            Some(port) => format!("{host}:{port}"),
            None => host.to_string(),
        }
    }

    fn is_loopback(&self) -> bool {
        match self.root.host() {
            Some(url::Host::Domain(domain)) => domain.eq_ignore_ascii_case("localhost"),
            Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
            Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
            None => false,
        }
    }
}

/// The key of the Geotrek-admin at `text` (see [`AdminServer::key`]); an
/// address that does not read as one is its own key, trimmed.
pub fn admin_key(text: &str) -> String {
    AdminServer::parse(text)
        .map(|server| server.key())
        .unwrap_or_else(|_| text.trim().trim_end_matches('/').to_string())
}

/// How messages name the Geotrek-admin at `text`: its host (and port).
pub fn admin_host(text: &str) -> String {
    AdminServer::parse(text)
        .map(|server| server.host())
        .unwrap_or_else(|_| text.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_geotrek_admin_has_one_key_however_its_address_is_written() {
        let key = |text: &str| AdminServer::parse(text).unwrap().key();
        for written in [
            "http://127.0.0.1:8000",
            "http://127.0.0.1:8000/",
            "http://127.0.0.1:8000/api/v2/",
            "http://127.0.0.1:8000/api/v2",
            "HTTP://LOCALHOST:8000/api/v2/feedback_report/?x=1#top",
            "http://[::1]:8000/",
            " http://localhost:8000 ",
        ] {
            assert_eq!(key(written), "http://127.0.0.1:8000", "{written}");
        }
        assert_eq!(key("admin.park.fr"), "https://admin.park.fr");
        assert_eq!(key("https://admin.park.fr:443/"), "https://admin.park.fr");
        assert_eq!(
            key("https://example.org/geotrek/api/v2/"),
            "https://example.org/geotrek"
        );
        assert_ne!(key("http://admin.park.fr"), key("https://admin.park.fr"));
        assert_ne!(key("http://127.0.0.1:8000"), key("http://127.0.0.1:8001"));
    }

    #[test]
    fn the_root_keeps_the_host_as_written_and_messages_name_it() {
        let server = AdminServer::parse("localhost:8000/api/v2").unwrap();
        assert_eq!(server.root(), "https://localhost:8000/");
        assert_eq!(server.host(), "localhost:8000");
        assert_eq!(admin_host("https://admin.park.fr/api/v2/"), "admin.park.fr");
        assert_eq!(admin_key("not an address/"), "not an address");
    }

    #[test]
    fn a_report_server_must_be_a_web_server() {
        for refused in ["file:///etc/passwd", "ftp://admin.park.fr/", "", "https://"] {
            assert!(AdminServer::parse(refused).is_err(), "{refused}");
        }
    }

    #[test]
    fn typed_addresses_are_kept_one_way() {
        let kept = |text: &str| typed_server_address(text).unwrap();
        assert_eq!(kept("  "), None);
        assert_eq!(
            kept(" geotrek.ecrins-parcnational.fr "),
            Some("https://geotrek.ecrins-parcnational.fr/".into())
        );
        assert_eq!(
            kept("https://admin.example.org/api/v2"),
            Some("https://admin.example.org/api/v2/".into())
        );
        assert_eq!(
            kept("http://127.0.0.1:8080/packs/"),
            Some("http://127.0.0.1:8080/packs/".into())
        );
        assert_eq!(
            kept("HTTPS://Example.ORG#top"),
            Some("https://example.org/".into())
        );
    }

    #[test]
    fn what_is_not_a_server_s_address_is_refused() {
        assert!(matches!(
            typed_server_address("ftp://example.org"),
            Err(AddressError::NotHttp { .. })
        ));
        for typo in [
            "https://",
            "exa mple.org",
            "https://exa mple.org",
            "http://[::1",
        ] {
            assert!(
                matches!(
                    typed_server_address(typo),
                    Err(AddressError::NotAnAddress { .. })
                ),
                "{typo}"
            );
        }
    }
}
