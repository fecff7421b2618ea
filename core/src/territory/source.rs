//! What an installed territory was taken from, kept in its version folder
//! (`territory.json`, live with the version it describes): the admin's
//! address (with a mobile tree given apart), the treks chosen, the
//! languages, and each tile zip as it was downloaded (URL, size, `ETag`).
//! An update takes the same choice again and downloads only the zips
//! whose size or `ETag` changed.

use std::collections::HashSet;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::address::TerritoryAddress;
use super::offer::{MobileZip, TerritoryChoice};
use crate::packs::{PackError, fsutil};

/// The file in a territory's version folder.
pub const SOURCE_FILE: &str = "territory.json";

/// What a territory was installed from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TerritorySource {
    pub address: TerritoryAddress,
    pub choice: TerritoryChoice,
    pub languages: Vec<String>,
    /// The zips its tiles came from.
    pub zips: Vec<MobileZip>,
}

impl TerritorySource {
    /// The source recorded in the version folder `folder`; `None` for a
    /// folder without one (or an unreadable one: the update starts over).
    pub fn read(folder: &Path) -> Option<TerritorySource> {
        let bytes = std::fs::read(folder.join(SOURCE_FILE)).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    /// Writes it into `folder`, atomically.
    pub fn write(&self, folder: &Path) -> Result<(), PackError> {
        let bytes = serde_json::to_vec_pretty(self).map_err(|error| PackError::Internal {
            reason: error.to_string(),
        })?;
        fsutil::write_atomically(&folder.join(SOURCE_FILE), &bytes)
    }

    /// The URLs of `zips` whose tiles the installed version already holds:
    /// the same URL, size and `ETag` as downloaded then. Empty when a zip
    /// installed then is no longer taken (a trek gone or not chosen): its
    /// tiles would linger, so every zip is taken again.
    pub fn unchanged(&self, zips: &[MobileZip]) -> HashSet<String> {
        let taken: HashSet<&str> = zips.iter().map(|zip| zip.url.as_str()).collect();
        if self
            .zips
            .iter()
            .any(|old| !taken.contains(old.url.as_str()))
        {
            return HashSet::new();
        }
        zips.iter()
            .filter(|zip| self.zips.iter().any(|old| same_file(old, zip)))
            .map(|zip| zip.url.clone())
            .collect()
    }
}

/// Whether `old` and `new` are the same file: same URL and size, and the
/// same `ETag` when the server gives one.
fn same_file(old: &MobileZip, new: &MobileZip) -> bool {
    old.url == new.url && old.size == new.size && old.etag == new.etag
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zip(name: &str, size: u64, etag: &str) -> MobileZip {
        MobileZip {
            url: format!("https://park.fr/mobile/{name}"),
            size,
            etag: Some(etag.into()),
        }
    }

    fn source(zips: Vec<MobileZip>) -> TerritorySource {
        TerritorySource {
            address: crate::territory::territory_address("park.fr").unwrap(),
            choice: TerritoryChoice::default(),
            languages: vec!["fr".into()],
            zips,
        }
    }

    #[test]
    fn only_zips_whose_size_or_etag_changed_are_taken_again() {
        let installed = source(vec![zip("global.zip", 10, "a"), zip("1.zip", 5, "b")]);
        let now = [
            zip("global.zip", 10, "a"),
            zip("1.zip", 5, "c"),
            zip("2.zip", 7, "d"),
        ];
        let unchanged = installed.unchanged(&now);
        assert_eq!(unchanged, HashSet::from([now[0].url.clone()]));
        let resized = [zip("global.zip", 11, "a"), zip("1.zip", 5, "b")];
        assert_eq!(
            installed.unchanged(&resized),
            HashSet::from([resized[1].url.clone()])
        );
    }

    #[test]
    fn a_zip_no_longer_taken_starts_the_tiles_over() {
        let installed = source(vec![zip("global.zip", 10, "a"), zip("1.zip", 5, "b")]);
        assert!(
            installed
                .unchanged(&[zip("global.zip", 10, "a")])
                .is_empty()
        );
    }
}
