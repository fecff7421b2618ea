//! Park packs: a territory published for offline use as a folder of static
//! files (see `docs/pack-format.md`), built from a Geotrek API and a tile
//! source, downloaded with resume and verification, installed atomically,
//! updated by changed files only, removed.
//!
//! - [`manifest`], [`index`]: the format, validated before anything is written.
//! - [`data`], [`tiles`], [`media`], [`build`]: the builder.
//! - [`fetch`], [`download`]: a pack server's documents, and file transfers.
//! - [`install`], [`library`]: a download made live, and the installed packs.
//! - [`figures`]: a download's progress as the packs screen writes it.
//! - [`basemap`]: a basemap pack made from any MBTiles or PMTiles file or URL.

pub mod basemap;
pub mod build;
pub mod data;
pub mod download;
mod error;
pub mod fetch;
mod figures;
pub(crate) mod fsutil;
pub mod index;
pub(crate) mod install;
pub mod library;
pub mod manifest;
pub mod media;
pub mod tiles;

pub use error::PackError;
pub use figures::DownloadFigures;
pub use index::PackSummary;
pub use library::{InstalledPack, PackKind, PackLibrary, PackProgress, PackStatus};
pub use manifest::{
    FORMAT_VERSION, FileKind, MAX_FILE_SIZE, PackFile, PackManifest, build_manifest,
    verify_pack_dir, verify_staged_pack,
};
