//! Files written whole or not at all: the bytes fill a temporary sibling,
//! synced, which then replaces the file in one rename. A reader, another app
//! sharing the file or a crash midway never sees half a file. Used for pack
//! manifests and `installed.json`, and for exported GPX files.

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
    let mut temporary = tempfile::NamedTempFile::new_in(parent)?;
    let mut buffered = BufWriter::new(temporary.as_file_mut());
    write(&mut buffered)?;
    buffered.flush()?;
    drop(buffered);
    temporary.as_file().sync_all()?;
    temporary.persist(path).map_err(|error| error.error)?;
    Ok(())
}
