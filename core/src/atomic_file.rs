//! Files written whole or not at all: the bytes fill a temporary sibling,
//! synced, which then replaces the file in one rename, and the folder is
//! synced so the rename itself survives a power cut. A reader, another app
//! sharing the file or a crash midway never sees half a file, and once the
//! call returns the new content is on disk. The file gets the permissions
//! of any file the app creates (0666 less the umask: 0644 as a rule), not
//! the owner-only ones of a temporary file: a published pack is served as a
//! static site, and an exported GPX is the user's to share. Used for pack
//! files, manifests and `installed.json`, and for exported GPX files.

use std::io::{BufWriter, Write};
use std::path::Path;

/// Writes `path` through `write`, which streams into the temporary file;
/// if `write` fails, `path` keeps its previous content and nothing is left.
pub fn write_atomically_with<E: From<std::io::Error>>(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<(), E>,
) -> Result<(), E> {
    let parent = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)?;
    let mut temporary = temporary_in(parent)?;
    let mut buffered = BufWriter::new(temporary.as_file_mut());
    write(&mut buffered)?;
    buffered.flush()?;
    drop(buffered);
    temporary.as_file().sync_all()?;
    temporary.persist(path).map_err(|error| error.error)?;
    sync_dir(parent)?;
    Ok(())
}

/// A temporary file in `dir`, with the permissions of a file created plainly.
pub fn temporary_in(dir: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(dir)
}

/// Makes the entries of `dir` (files created, renamed or deleted in it)
/// durable. A no-op where folders cannot be opened for syncing (Windows).
pub fn sync_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(test)]
    journal::record(journal::Step::SyncedDir, dir);
    #[cfg(unix)]
    std::fs::File::open(dir)?.sync_all()?;
    Ok(())
}

/// What the durability steps of this process did, in order, for tests that
/// check a step comes before another (a power cut cannot be staged here).
#[cfg(test)]
pub(crate) mod journal {
    use std::path::{Path, PathBuf};
    use std::sync::Mutex;

    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub(crate) enum Step {
        SyncedDir,
        Removed,
    }

    static STEPS: Mutex<Vec<(Step, PathBuf)>> = Mutex::new(Vec::new());

    pub(crate) fn record(step: Step, path: &Path) {
        let mut steps = STEPS.lock().unwrap_or_else(|p| p.into_inner());
        steps.push((step, path.to_path_buf()));
    }

    /// The steps on paths under `root`, oldest first (tests run in parallel).
    pub(crate) fn under(root: &Path) -> Vec<(Step, PathBuf)> {
        let steps = STEPS.lock().unwrap_or_else(|p| p.into_inner());
        steps
            .iter()
            .filter(|(_, path)| path.starts_with(root))
            .cloned()
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::journal::{Step, under};
    use super::*;

    #[test]
    fn the_folder_is_synced_after_the_rename() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("installed.json");
        write_atomically_with(&path, |file| file.write_all(b"{}")).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"{}");
        assert_eq!(
            under(dir.path()),
            vec![(Step::SyncedDir, dir.path().into())]
        );
    }
}
