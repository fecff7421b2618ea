//! The typed errors of every pack operation.

/// Why a pack could not be read, built or verified.
#[derive(Debug, thiserror::Error)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Error))]
pub enum PackError {
    #[error("manifest is not valid JSON for format {FORMAT}: {reason}", FORMAT = super::FORMAT_VERSION)]
    BadManifest { reason: String },
    #[error("manifest format {found} is newer than this app supports ({supported})")]
    UnsupportedFormat { found: u32, supported: u32 },
    #[error("unsafe path in manifest: {path}")]
    UnsafePath { path: String },
    /// A manifest listing a name the installed pack keeps for itself (its
    /// manifest, its catalog, a download's `.part` files).
    #[error("manifest lists {path}, a name reserved for the app's own files")]
    ReservedPath { path: String },
    #[error("file listed twice in manifest: {path}")]
    DuplicatePath { path: String },
    #[error("file {path} is {size} bytes, over the {limit} byte limit")]
    Oversized { path: String, size: u64, limit: u64 },
    #[error("file {path} does not match the manifest: {reason}")]
    Mismatch { path: String, reason: String },
    #[error("i/o error on {path}: {reason}")]
    Io { path: String, reason: String },
    /// A basemap's file is not a tile set, or its full check found problems.
    #[error("{file} is not a usable MBTiles or PMTiles tile set: {reason}")]
    BadTileSet { file: String, reason: String },
    /// The territory's API or tile source could not be read.
    #[error("source: {reason}")]
    Source { reason: String },
    /// The pack server could not be reached or answered with an error.
    #[error("{url}: {reason}")]
    Network { url: String, reason: String },
    /// Not enough free space for the download.
    #[error("not enough space on the device: {needed} more bytes needed, {available} bytes free")]
    NoSpace { needed: u64, available: u64 },
    /// The server published a new version while this one was downloading.
    #[error("the pack changed on the server during the download: retry to get version {version}")]
    ManifestChanged { version: u64 },
    /// No installed pack has this id.
    #[error("no installed pack {id}")]
    NotInstalled { id: String },
    /// Another download of this pack is running.
    #[error("pack {id} is already being downloaded")]
    Busy { id: String },
    #[error("cancelled")]
    Cancelled,
    /// The core's task stopped before its end (a defect, never the user's doing).
    #[error("the core's task stopped before its end: {reason}")]
    Internal { reason: String },
}

impl From<crate::runtime::TaskFailed> for PackError {
    fn from(failed: crate::runtime::TaskFailed) -> Self {
        PackError::Internal {
            reason: failed.reason,
        }
    }
}

impl PackError {
    pub(crate) fn io(path: &std::path::Path, err: std::io::Error) -> Self {
        PackError::Io {
            path: path.display().to_string(),
            reason: err.to_string(),
        }
    }
}
