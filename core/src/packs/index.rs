//! A pack server's `index.json`: the packs it publishes, with their sizes
//! and versions, so the app lists them without fetching every manifest.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{FORMAT_VERSION, PackError, PackManifest, fsutil};

/// The file at the root of a pack server.
pub const INDEX_FILE: &str = "index.json";

/// One published pack.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PackSummary {
    pub id: String,
    pub name: String,
    pub version: u64,
    /// Bytes of all its files.
    pub size: u64,
    /// West, south, east, north in degrees.
    pub bbox: Vec<f64>,
    /// Its manifest, relative to the index.
    pub manifest: String,
}

impl PackSummary {
    pub fn of(manifest: &PackManifest) -> PackSummary {
        PackSummary {
            id: manifest.id.clone(),
            name: manifest.name.clone(),
            version: manifest.version,
            size: manifest.total_size(),
            bbox: manifest.bbox.clone(),
            manifest: format!("{}/manifest.json", manifest.id),
        }
    }
}

/// `index.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PackIndex {
    pub format: u32,
    pub packs: Vec<PackSummary>,
}

impl PackIndex {
    /// Parses an index, refusing a newer format and unsafe pack ids.
    pub fn parse(bytes: &[u8]) -> Result<PackIndex, PackError> {
        let index: PackIndex =
            serde_json::from_slice(bytes).map_err(|error| PackError::BadManifest {
                reason: format!("index.json: {error}"),
            })?;
        if index.format > FORMAT_VERSION {
            return Err(PackError::UnsupportedFormat {
                found: index.format,
                supported: FORMAT_VERSION,
            });
        }
        for pack in &index.packs {
            if !super::manifest::is_safe_id(&pack.id) {
                return Err(PackError::UnsafePath {
                    path: pack.id.clone(),
                });
            }
        }
        Ok(index)
    }
}

/// Adds or replaces `manifest`'s entry in the `index.json` of `root`.
pub fn publish(root: &Path, manifest: &PackManifest) -> Result<(), PackError> {
    let path = root.join(INDEX_FILE);
    let mut index = match std::fs::read(&path) {
        Ok(bytes) => PackIndex::parse(&bytes)?,
        Err(_) => PackIndex {
            format: FORMAT_VERSION,
            packs: Vec::new(),
        },
    };
    index.packs.retain(|pack| pack.id != manifest.id);
    index.packs.push(PackSummary::of(manifest));
    index.packs.sort_by(|a, b| a.id.cmp(&b.id));
    let mut bytes = serde_json::to_vec_pretty(&index).map_err(|error| PackError::Io {
        path: path.display().to_string(),
        reason: error.to_string(),
    })?;
    bytes.push(b'\n');
    fsutil::write_if_changed(&path, &bytes)
}
