//! The server addresses a hiker types in the settings (pack server,
//! Geotrek-admin): trimmed, checked and written one way, so a typo is caught
//! when it is typed, not at the first download on the mountain.

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

#[cfg(test)]
mod tests {
    use super::*;

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
