//! The offline trek catalog: a Geotrek-admin instance's treks and everything
//! around them, synced into SQLite and queried without a network.
//!
//! [`sync::sync`] fills the store; [`Catalog`] answers the app's questions
//! (search, filters, nearby, trek detail, elevation profile) in the user's
//! language with sensible fallbacks.

mod content;
mod detail;
pub mod error;
pub mod fetch;
mod ingest;
mod language;
pub mod model;
mod overlays;
mod profile;
mod query;
pub mod resources;
pub mod snapshot;
mod store;
pub mod sync;
mod text;
mod trek_fields;
pub mod wire;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rusqlite::Connection;

use crate::tiles::OverlayLayer;

pub use error::CatalogError;
pub use fetch::Limits;
pub use model::*;
pub use profile::elevation_profile;
pub use sync::{SyncOptions, SyncProgress, SyncReport};
pub use text::plain_text;

/// An open offline catalog, safe to share between threads.
pub struct Catalog {
    path: PathBuf,
    connection: Mutex<Connection>,
    /// Map overlays built from the catalog, with the sync they were built after.
    overlays: Mutex<HashMap<OverlayLayer, (String, String)>>,
}

impl Catalog {
    /// Opens the catalog file at `path`, creating an empty one if needed.
    pub fn open(path: &Path) -> Result<Catalog, CatalogError> {
        Ok(Catalog {
            path: path.to_path_buf(),
            connection: Mutex::new(store::open(path)?),
            overlays: Mutex::new(HashMap::new()),
        })
    }

    /// The file this catalog lives in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `read` on the catalog's connection.
    fn read<T>(
        &self,
        read: impl FnOnce(&Connection) -> Result<T, CatalogError>,
    ) -> Result<T, CatalogError> {
        // A panic elsewhere while holding the lock leaves the connection usable.
        let connection = self
            .connection
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        read(&connection)
    }
}
