//! Every screen of the apps, once: its state and its rules, above the
//! capability modules (as matrix-sdk-ui is above matrix-sdk). A screen is
//! driven by actions, carried out in order on the core's runtime, and
//! publishes an immutable state value, worded in the user's units and
//! language; the shells draw that value and forward the user's actions,
//! so both apps behave alike by construction.
//!
//! - [`settings`]: units, language, servers, recording filters, pack in use.
//! - [`trek_search`]: search, filters, near me, list or map.
//! - [`trek_detail`]: one trek, its photos, profile and GPX, following it.
//! - [`map`]: the map of the pack in use, the trek highlighted, its layers.
//! - [`follow`]: following a trek, its banner and alerts.
//! - [`recording`]: recording a track, its live figures, the saved tracks.
//! - [`packs`]: a server's packs, the installed ones, downloads, the pack in use.
//! - [`outbox`]: the outbox, the ranger's account, the delivery loop.
//! - [`report`]: the report composer (kind, location, items nearby, lists,
//!   photos, live problems).
//! - [`safety`]: the numbers to call, the position to give, the help nearest.
//!
//! [`observable`] publishes the states; [`actor`] carries out the actions;
//! [`export`] writes the files a screen hands the user to share.

use std::path::PathBuf;
use std::sync::Arc;

use crate::catalog::Catalog;
use crate::packs::InstalledPack;
use crate::packs::media::media_path;

mod actor;
pub mod export;
pub mod follow;
pub mod map;
pub mod observable;
pub mod outbox;
pub mod packs;
pub mod recording;
pub mod report;
pub mod safety;
pub mod settings;
pub mod trek_detail;
pub mod trek_search;

/// A figure with its label: `Length` `12.4 km`.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct LabeledValue {
    pub label: String,
    pub value: String,
}

/// A catalog a screen reads, and where its photos are kept offline: the
/// folder of the installed pack it came from.
#[derive(Clone)]
pub struct PackCatalog {
    pub catalog: Arc<Catalog>,
    /// The pack's folder; `None` for a catalog synced from a server.
    pub media_folder: Option<PathBuf>,
}

impl PackCatalog {
    /// A catalog without offline media (synced from a Geotrek-admin).
    pub fn synced(catalog: Arc<Catalog>) -> PackCatalog {
        PackCatalog {
            catalog,
            media_folder: None,
        }
    }

    /// The catalog of installed `pack`, with the pack's photos.
    pub fn of_pack(pack: &InstalledPack, catalog: Arc<Catalog>) -> PackCatalog {
        PackCatalog {
            catalog,
            media_folder: Some(PathBuf::from(&pack.folder)),
        }
    }

    /// Where the photo at `url` is shown from: the pack's copy (a `file:`
    /// URL) when it has one, else `url` itself, which needs the network.
    pub fn media_url(&self, url: &str) -> String {
        self.media_folder
            .as_ref()
            .map(|folder| folder.join(media_path(url)))
            .filter(|path| path.is_file())
            .and_then(|path| url::Url::from_file_path(path).ok())
            .map_or_else(|| url.to_string(), String::from)
    }
}

/// The map styles of the offline map a screen draws on: the core's tile
/// server as the shells hold it.
pub trait MapStyles: Send + Sync {
    /// The style URL with `selected_trek` highlighted and only `shown_treks`
    /// drawn (`None`: every trek); `None` while the map is not served.
    fn style_url(
        &self,
        selected_trek: Option<i64>,
        shown_treks: Option<Vec<i64>>,
    ) -> Option<String>;

    /// The map screen's style URL: `selected_trek` highlighted over every
    /// trek, on the basemap `basemap` (a key of [`MapStyles::basemaps`];
    /// `None`: every basemap stacked); `None` while the map is not served.
    fn map_style_url(&self, selected_trek: Option<i64>, basemap: Option<String>) -> Option<String>;

    /// The basemaps the map can switch between, in the order offered.
    fn basemaps(&self) -> Vec<Basemap>;
}

/// A basemap of the offline map: a layer of the tile server.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Basemap {
    /// The layer's key, as the style's URL names it.
    pub key: String,
    /// What its tile set calls itself.
    pub name: String,
}
