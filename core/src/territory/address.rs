//! Reading the address a user types for a territory: a bare host, the
//! Geotrek-admin's root, its API (`.../api/v2/...`) or its Geotrek-mobile
//! tree (`.../mobile/...`) all name the same Geotrek-admin, whose API and
//! mobile tree sit at fixed places under its root.

use crate::address::{AddressError, AdminServer, typed_server_address};

/// Where a Geotrek-admin serves what a territory is made of.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TerritoryAddress {
    /// The Geotrek-admin's root, e.g. `https://admin.park.fr/`.
    pub admin_root: String,
    /// Its public API v2: `<root>api/v2/`.
    pub api_url: String,
    /// Its Geotrek-mobile tree, where the park publishes one: `<root>mobile/`.
    pub mobile_url: String,
}

/// The Geotrek-admin `text` names (see the module's doc). The path above
/// `api/v2/` or `mobile/` is kept: an admin served under a prefix works.
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn territory_address(text: &str) -> Result<TerritoryAddress, AddressError> {
    let typed = typed_server_address(text)?.ok_or_else(|| AddressError::NotAnAddress {
        text: text.trim().to_string(),
        reason: "the address is empty".into(),
    })?;
    let mut url = url::Url::parse(&typed).map_err(|error| AddressError::NotAnAddress {
        text: text.trim().to_string(),
        reason: error.to_string(),
    })?;
    let path = url.path().to_string();
    if let Some(tree) = path.find("/mobile/") {
        url.set_path(&path[..=tree]);
    }
    let admin_root = AdminServer::parse(url.as_str())?.root().to_string();
    Ok(TerritoryAddress {
        api_url: format!("{admin_root}api/v2/"),
        mobile_url: format!("{admin_root}mobile/"),
        admin_root,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_way_of_typing_an_admin_names_its_api_and_mobile_tree() {
        for typed in [
            "geotrek-admin.ecrins-parcnational.fr",
            "https://geotrek-admin.ecrins-parcnational.fr/",
            "geotrek-admin.ecrins-parcnational.fr/api/v2",
            "https://geotrek-admin.ecrins-parcnational.fr/api/v2/trek/?language=fr",
            " https://geotrek-admin.ecrins-parcnational.fr/mobile/fr/treks.geojson ",
            "https://geotrek-admin.ecrins-parcnational.fr/mobile",
        ] {
            let address = territory_address(typed).unwrap();
            assert_eq!(
                address,
                TerritoryAddress {
                    admin_root: "https://geotrek-admin.ecrins-parcnational.fr/".into(),
                    api_url: "https://geotrek-admin.ecrins-parcnational.fr/api/v2/".into(),
                    mobile_url: "https://geotrek-admin.ecrins-parcnational.fr/mobile/".into(),
                },
                "{typed}"
            );
        }
    }

    #[test]
    fn an_admin_under_a_prefix_keeps_it() {
        let address = territory_address("http://127.0.0.1:8000/geotrek/api/v2/").unwrap();
        assert_eq!(address.admin_root, "http://127.0.0.1:8000/geotrek/");
        assert_eq!(address.mobile_url, "http://127.0.0.1:8000/geotrek/mobile/");
    }

    #[test]
    fn a_blank_or_foreign_address_is_refused() {
        assert!(matches!(
            territory_address("  "),
            Err(AddressError::NotAnAddress { .. })
        ));
        assert!(matches!(
            territory_address("ftp://park.fr"),
            Err(AddressError::NotHttp { .. })
        ));
    }
}
