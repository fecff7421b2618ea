//! File writes a pack relies on: content written only when it changed (so
//! an unchanged file keeps its bytes and times), always through a temporary
//! file renamed into place, so a reader never sees half a file; and the one
//! sync that makes a downloaded pack durable before it is installed; and
//! the link that lends an installed version's unchanged file to the next.

use std::path::Path;

use super::PackError;

/// Writes `bytes` to `path` unless it already holds exactly them.
pub fn write_if_changed(path: &Path, bytes: &[u8]) -> Result<(), PackError> {
    if std::fs::read(path).is_ok_and(|current| current == bytes) {
        return Ok(());
    }
    write_atomically(path, bytes)
}

/// Writes `bytes` to `path` through a synced temporary file and a rename.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), PackError> {
    crate::atomic_file::write_atomically_with(path, |file| file.write_all(bytes))
        .map_err(|error: std::io::Error| PackError::io(path, error))
}

/// Syncs the files at `paths` under `dir`, then the folders holding them, so
/// that their bytes and names survive a power cut. Files already on disk
/// cost little.
pub fn sync_tree<'a>(dir: &Path, paths: impl Iterator<Item = &'a str>) -> Result<(), PackError> {
    let mut folders = std::collections::BTreeSet::new();
    for relative in paths {
        let path = dir.join(relative);
        std::fs::File::open(&path)
            .and_then(|file| file.sync_all())
            .map_err(|error| PackError::io(&path, error))?;
        folders.extend(path.parent().map(Path::to_path_buf));
    }
    folders.insert(dir.to_path_buf());
    for folder in folders {
        std::fs::File::open(&folder)
            .and_then(|handle| handle.sync_all())
            .map_err(|error| PackError::io(&folder, error))?;
    }
    Ok(())
}

/// Puts the file `source` at `target` too (its folders made): a hard link,
/// or a copy where the disk has none.
pub fn link_or_copy(source: &Path, target: &Path) -> Result<(), PackError> {
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent).map_err(|error| PackError::io(parent, error))?;
    }
    if std::fs::hard_link(source, target).is_err() {
        std::fs::copy(source, target).map_err(|error| PackError::io(target, error))?;
    }
    Ok(())
}
