//! Offline maps: reading MBTiles and PMTiles tile sets, stacking the sets of
//! every installed pack into layers, and serving them with a MapLibre style
//! (basemap plus the catalog's overlays) from a loopback HTTP server.
//!
//! - [`coord`], [`format`]: what a tile is and how its bytes are recognised.
//! - [`mbtiles`], [`pmtiles`], [`store`]: one tile set on disk, read synchronously.
//! - [`inspect`]: validation of a tile set (`sentier tiles info`).
//! - [`layers`], [`overzoom`]: several sets behaving as one layer, raster overzoom.
//! - [`overlay`], [`style`]: the GeoJSON overlays and the style.json/TileJSON documents.
//! - [`sprite`]: the sprite sheet of the territory's pictograms and the core's markers.
//! - [`glyphs`]: the labels' glyph ranges, made from the font bundled in the core.
//! - [`view`]: what a map shows (the selected trek, the treks drawn) and its URL form.
//! - [`server`], [`viewer`]: the HTTP server and its desktop map page.

pub mod coord;
pub mod format;
pub mod glyphs;
pub mod inspect;
pub mod layers;
pub mod mbtiles;
pub mod overlay;
pub mod overzoom;
pub mod pmtiles;
pub mod server;
pub mod sprite;
pub mod store;
pub mod style;
pub mod view;
pub mod viewer;

pub use coord::TileCoord;
pub use format::{TileEncoding, TileFormat};
pub use layers::{Layer, LayerTile, TileLayers};
pub use overlay::{GeoJsonOverlays, OverlayError, OverlayLayer, OverlaySource};
pub use server::{ServerOptions, TileServer};
pub use store::{Bounds, Center, TileContainer, TileStore, TileStoreInfo};
pub use view::{MapView, TrekIdSet};

/// What can go wrong reading, stacking or serving tiles.
#[derive(Debug, thiserror::Error)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Error))]
pub enum TileError {
    /// The file could not be opened or read.
    #[error("cannot read {path}: {reason}")]
    Io { path: String, reason: String },
    /// The file is neither an MBTiles nor a PMTiles tile set.
    #[error("{path} is not a tile set: {reason}")]
    NotATileSet { path: String, reason: String },
    /// The tile set's metadata is missing, malformed or contradicts its tiles.
    #[error("{path} has invalid metadata: {reason}")]
    InvalidMetadata { path: String, reason: String },
    /// The tile set uses a feature this reader does not implement.
    #[error("{path} uses something unsupported: {reason}")]
    Unsupported { path: String, reason: String },
    /// The file's structure or a tile's bytes are damaged.
    #[error("{path} is corrupt: {reason}")]
    Corrupt { path: String, reason: String },
    /// A part of the file (a tile, a directory, the metadata) is larger than
    /// a tile set may hold: read no further, whatever it claims.
    #[error("{path} holds more than a tile set may: {reason}")]
    TooLarge { path: String, reason: String },
    /// A tile coordinate outside the grid of its zoom level.
    #[error("no tile {z}/{x}/{y} exists in the XYZ grid")]
    InvalidCoordinate { z: u32, x: u32, y: u32 },
    /// A layer name that cannot appear in URLs.
    #[error("`{key}` cannot name a layer: use 1 to 64 of a-z, 0-9, - and _")]
    InvalidLayerKey { key: String },
    /// No layer of that name is served.
    #[error("no layer `{key}`")]
    UnknownLayer { key: String },
    /// A tile set cannot join a layer holding another kind of tiles.
    #[error("layer {layer} holds {existing} tiles, not {offered}")]
    LayerMismatch {
        layer: String,
        existing: TileFormat,
        offered: TileFormat,
    },
    /// The tile server could not start.
    #[error("the tile server could not start: {reason}")]
    Server { reason: String },
}

impl TileError {
    pub(crate) fn io(path: &std::path::Path, error: impl std::fmt::Display) -> TileError {
        TileError::Io {
            path: path.display().to_string(),
            reason: error.to_string(),
        }
    }

    pub(crate) fn corrupt(path: &std::path::Path, reason: impl Into<String>) -> TileError {
        TileError::Corrupt {
            path: path.display().to_string(),
            reason: reason.into(),
        }
    }

    pub(crate) fn too_large(path: &std::path::Path, reason: impl Into<String>) -> TileError {
        TileError::TooLarge {
            path: path.display().to_string(),
            reason: reason.into(),
        }
    }

    pub(crate) fn metadata(path: &std::path::Path, reason: impl Into<String>) -> TileError {
        TileError::InvalidMetadata {
            path: path.display().to_string(),
            reason: reason.into(),
        }
    }

    pub(crate) fn unsupported(path: &std::path::Path, reason: impl Into<String>) -> TileError {
        TileError::Unsupported {
            path: path.display().to_string(),
            reason: reason.into(),
        }
    }

    pub(crate) fn not_a_tile_set(path: &std::path::Path, reason: impl Into<String>) -> TileError {
        TileError::NotATileSet {
            path: path.display().to_string(),
            reason: reason.into(),
        }
    }
}
