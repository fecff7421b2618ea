//! Park packs: the versioned, static-file format a territory is published in
//! for offline use (see `docs/pack-format.md`). This module owns the
//! manifest types, their validation before anything is written, and the
//! deterministic manifest builder over a folder of pack files.

mod error;
mod manifest;

pub use error::PackError;
pub use manifest::{
    FORMAT_VERSION, FileKind, MAX_FILE_SIZE, PackFile, PackManifest, build_manifest,
    verify_pack_dir,
};
