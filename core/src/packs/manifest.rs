//! The pack manifest: its types, its validation (run before a single byte of
//! a pack is written to disk) and the deterministic builder that lists a
//! folder's files with their sizes and SHA-256 digests.

use std::collections::{BTreeSet, HashSet};
use std::fs::File;
use std::io::Read;
use std::path::{Component, Path};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::PackError;

/// The pack format version this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// No file of a pack may be larger than this (4 GiB); bigger entries are
/// rejected as hostile or broken before any download starts.
pub const MAX_FILE_SIZE: u64 = 4 << 30;

/// What a pack file holds, so the installer knows where it goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum FileKind {
    /// Catalog objects as JSON chunks.
    Data,
    /// An MBTiles or PMTiles tile set.
    Tiles,
    /// Photos and other media.
    Media,
}

/// One file of a pack, relative to the pack's folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PackFile {
    pub path: String,
    pub size: u64,
    /// Lowercase hex SHA-256 of the file's bytes.
    pub sha256: String,
    pub kind: FileKind,
}

/// A pack's `manifest.json`. Fields serialize in declaration order and files
/// sorted by path, so the same input always gives the same bytes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PackManifest {
    pub format: u32,
    pub id: String,
    pub name: String,
    pub version: u64,
    /// RFC 3339 time taken from the data (latest object update), never the clock.
    pub created: String,
    pub source_api: String,
    /// West, south, east, north in degrees.
    pub bbox: Vec<f64>,
    pub languages: Vec<String>,
    pub min_zoom: u8,
    pub max_zoom: u8,
    pub files: Vec<PackFile>,
}

impl PackManifest {
    /// Parses and validates a manifest: supported format, safe and unique
    /// relative paths, sizes under [`MAX_FILE_SIZE`], well-formed digests.
    pub fn parse(bytes: &[u8]) -> Result<Self, PackError> {
        let manifest: PackManifest =
            serde_json::from_slice(bytes).map_err(|err| PackError::BadManifest {
                reason: err.to_string(),
            })?;
        manifest.validate()?;
        Ok(manifest)
    }

    /// Checks every rule [`PackManifest::parse`] enforces.
    pub fn validate(&self) -> Result<(), PackError> {
        if self.format > FORMAT_VERSION {
            return Err(PackError::UnsupportedFormat {
                found: self.format,
                supported: FORMAT_VERSION,
            });
        }
        if !is_safe_id(&self.id) {
            return Err(PackError::UnsafePath {
                path: self.id.clone(),
            });
        }
        let mut seen = BTreeSet::new();
        for file in &self.files {
            if !is_safe_relative_path(&file.path) {
                return Err(PackError::UnsafePath {
                    path: file.path.clone(),
                });
            }
            if is_reserved(&file.path) {
                return Err(PackError::ReservedPath {
                    path: file.path.clone(),
                });
            }
            if !seen.insert(file.path.as_str()) {
                return Err(PackError::DuplicatePath {
                    path: file.path.clone(),
                });
            }
            if file.size > MAX_FILE_SIZE {
                return Err(PackError::Oversized {
                    path: file.path.clone(),
                    size: file.size,
                    limit: MAX_FILE_SIZE,
                });
            }
            let digest_ok = file.sha256.len() == 64
                && file
                    .sha256
                    .bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
            if !digest_ok {
                return Err(PackError::BadManifest {
                    reason: format!("{} has a malformed sha256", file.path),
                });
            }
        }
        Ok(())
    }

    /// The canonical bytes of this manifest (pretty JSON, trailing newline).
    pub fn to_bytes(&self) -> Result<Vec<u8>, PackError> {
        let mut bytes = serde_json::to_vec_pretty(self).map_err(|err| PackError::BadManifest {
            reason: err.to_string(),
        })?;
        bytes.push(b'\n');
        Ok(bytes)
    }

    /// Total bytes of the pack's files.
    pub fn total_size(&self) -> u64 {
        self.files.iter().map(|file| file.size).sum()
    }
}

/// A pack id names a folder: ASCII letters, digits, `-` and `_` only.
pub(crate) fn is_safe_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Names the app writes in a pack's folder, compared without case (iOS and
/// macOS folders ignore it): a listed file must not replace the verified
/// manifest, the catalog built from the data, or a download's part files.
fn is_reserved(path: &str) -> bool {
    let path = path.to_ascii_lowercase();
    const AT_ROOT: [&str; 6] = [
        "manifest.json",
        "installed.json",
        "catalog.sqlite",
        "catalog.sqlite-wal",
        "catalog.sqlite-shm",
        "catalog.sqlite-journal",
    ];
    AT_ROOT.contains(&path.as_str()) || path.ends_with(".part")
}

/// A relative, forward-slash path of normal components: no `..`, no `.`, no
/// root, no drive prefix, no backslash, no empty component.
fn is_safe_relative_path(path: &str) -> bool {
    !path.is_empty()
        && !path.contains('\\')
        && !path.contains(':')
        && path.split('/').all(|part| !part.is_empty())
        && Path::new(path)
            .components()
            .all(|component| matches!(component, Component::Normal(_)))
}

/// Lists `files` (paths relative to `dir`, with their kinds) into `manifest`,
/// measuring and hashing each; files end sorted by path. Symlinks are refused
/// so a pack never points outside its folder.
pub fn build_manifest(
    dir: &Path,
    files: &[(String, FileKind)],
    mut manifest: PackManifest,
) -> Result<PackManifest, PackError> {
    manifest.format = FORMAT_VERSION;
    manifest.files = files
        .iter()
        .map(|(path, kind)| {
            let (size, sha256) = hash_regular_file(&dir.join(path))?;
            Ok(PackFile {
                path: path.clone(),
                size,
                sha256,
                kind: *kind,
            })
        })
        .collect::<Result<_, PackError>>()?;
    manifest.files.sort_by(|a, b| a.path.cmp(&b.path));
    manifest.validate()?;
    Ok(manifest)
}

/// Checks that every file of `manifest` is in `dir` as a regular file with
/// the listed size and digest.
pub fn verify_pack_dir(dir: &Path, manifest: &PackManifest) -> Result<(), PackError> {
    verify_staged_pack(dir, manifest, &HashSet::new())
}

/// [`verify_pack_dir`] for a download's staging folder: the files in `hashed`
/// (by path) had their digest checked as they arrived, so they are only
/// checked to still be regular files of the listed size; the others (kept
/// from an earlier run, linked from the installed version) are hashed again.
pub fn verify_staged_pack(
    dir: &Path,
    manifest: &PackManifest,
    hashed: &HashSet<String>,
) -> Result<(), PackError> {
    manifest.validate()?;
    for file in &manifest.files {
        let path = dir.join(&file.path);
        let (size, sha256) = if hashed.contains(&file.path) {
            (regular_file_size(&path)?, file.sha256.clone())
        } else {
            hash_regular_file(&path)?
        };
        if size != file.size {
            return Err(PackError::Mismatch {
                path: file.path.clone(),
                reason: format!("{size} bytes, expected {}", file.size),
            });
        }
        if sha256 != file.sha256 {
            return Err(PackError::Mismatch {
                path: file.path.clone(),
                reason: "sha256 differs".to_string(),
            });
        }
    }
    Ok(())
}

/// The size of a regular (non-symlink) file.
fn regular_file_size(path: &Path) -> Result<u64, PackError> {
    let meta = std::fs::symlink_metadata(path).map_err(|err| PackError::io(path, err))?;
    if !meta.file_type().is_file() {
        return Err(PackError::UnsafePath {
            path: path.display().to_string(),
        });
    }
    Ok(meta.len())
}

/// Size and lowercase hex SHA-256 of a regular (non-symlink) file.
fn hash_regular_file(path: &Path) -> Result<(u64, String), PackError> {
    regular_file_size(path)?;
    let mut file = File::open(path).map_err(|err| PackError::io(path, err))?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    let mut size = 0u64;
    loop {
        let read = file
            .read(&mut buf)
            .map_err(|err| PackError::io(path, err))?;
        if read == 0 {
            break;
        }
        size += read as u64;
        hasher.update(&buf[..read]);
    }
    Ok((size, hex::encode(hasher.finalize())))
}
