//! The tiles of a Geotrek-mobile tree, converted into a pack's tile layout.
//!
//! Geotrek-admin's `sync_mobile` writes `global.zip` (`tiles/{z}/{x}/{y}.png`
//! over the park at low zooms, and pictograms) and one `<trek id>.zip` per
//! trek (`/<id>/tiles/{z}/{x}/{y}.png` along the trek, and its media). Each
//! downloaded zip is read entry by entry from its file (never whole in
//! memory) into a scratch MBTiles; the scratch is then cut into the pack's
//! files ([`TilePlan::cell_of`]) one file at a time. Entries outside a
//! `tiles/` folder (media) are left out; a name climbing out of the archive
//! (`..`) refuses the zip, as do a tile larger than [`MAX_TILE_BYTES`]
//! (declared or read: a zip bomb), a corrupt entry (its CRC) and a
//! truncated archive.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Component, Path};

use rusqlite::{Connection, params};

use crate::packs::build::WrittenTiles;
use crate::packs::tiles::{TilePlan, write_cell};
use crate::packs::{FileKind, PackError};
use crate::tiles::{TileCoord, TileFormat, TileStore};

/// The largest tile accepted from a zip: a 512 px raster tile is far smaller.
pub const MAX_TILE_BYTES: u64 = 4 * 1024 * 1024;
/// The most entries read from one zip.
pub const MAX_ENTRIES: usize = 2_000_000;

/// Tiles gathered from zips, before they are cut into a pack's files.
pub struct TileScratch {
    connection: Connection,
    path: std::path::PathBuf,
    _dir: tempfile::TempDir,
    format: Option<TileFormat>,
}

impl TileScratch {
    /// An empty scratch in a temporary folder under `beside` (the same disk
    /// as the pack, which it may be as large as).
    pub fn new(beside: &Path) -> Result<TileScratch, PackError> {
        std::fs::create_dir_all(beside).map_err(|error| PackError::io(beside, error))?;
        let dir = tempfile::tempdir_in(beside).map_err(|error| PackError::io(beside, error))?;
        let path = dir.path().join("tiles.mbtiles");
        let connection = Connection::open(&path).map_err(|error| sqlite(&path, error))?;
        connection
            .execute_batch(
                "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
                 CREATE TABLE metadata (name TEXT NOT NULL, value TEXT);
                 CREATE TABLE tiles (zoom_level INTEGER NOT NULL, tile_column INTEGER NOT NULL,
                                     tile_row INTEGER NOT NULL, tile_data BLOB);
                 CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);",
            )
            .map_err(|error| sqlite(&path, error))?;
        Ok(TileScratch {
            connection,
            path,
            _dir: dir,
            format: None,
        })
    }

    /// Adds the tiles of the zip at `zip_path` (named `name` in errors);
    /// returns how many it held.
    pub fn add_zip(&mut self, zip_path: &Path, name: &str) -> Result<u64, PackError> {
        let bad = |reason: String| PackError::Mismatch {
            path: name.to_string(),
            reason,
        };
        let file = std::fs::File::open(zip_path).map_err(|error| PackError::io(zip_path, error))?;
        let mut archive = zip::ZipArchive::new(std::io::BufReader::new(file))
            .map_err(|error| bad(format!("not a readable zip: {error}")))?;
        if archive.len() > MAX_ENTRIES {
            return Err(bad(format!(
                "{} entries, over {MAX_ENTRIES}",
                archive.len()
            )));
        }
        let transaction = self
            .connection
            .unchecked_transaction()
            .map_err(|error| sqlite(&self.path, error))?;
        let mut insert = transaction
            .prepare(
                "INSERT OR REPLACE INTO tiles (zoom_level, tile_column, tile_row, tile_data)
                 VALUES (?1, ?2, ?3, ?4)",
            )
            .map_err(|error| sqlite(&self.path, error))?;
        let mut count = 0;
        for index in 0..archive.len() {
            let entry = archive
                .by_index(index)
                .map_err(|error| bad(format!("entry {index}: {error}")))?;
            let entry_name = entry
                .name()
                .map_err(|error| bad(format!("entry {index}: {error}")))?
                .into_owned();
            let Some(coord) = tile_of(&entry_name).map_err(|path| PackError::UnsafePath {
                path: format!("{name}: {path}"),
            })?
            else {
                continue;
            };
            let oversized = |size: u64| PackError::Oversized {
                path: format!("{name}: {entry_name}"),
                size,
                limit: MAX_TILE_BYTES,
            };
            if entry.size() > MAX_TILE_BYTES {
                return Err(oversized(entry.size()));
            }
            let mut bytes = Vec::with_capacity(entry.size() as usize);
            entry
                .take(MAX_TILE_BYTES + 1)
                .read_to_end(&mut bytes)
                .map_err(|error| bad(format!("{entry_name}: {error}")))?;
            if bytes.len() as u64 > MAX_TILE_BYTES {
                // The header understated it: at least this much, read no further.
                return Err(oversized(bytes.len() as u64));
            }
            if self.format.is_none() {
                self.format = TileFormat::sniff(&bytes).map(|(format, _)| format);
            }
            insert
                .execute(params![coord.z(), coord.x(), coord.tms_row(), bytes])
                .map_err(|error| sqlite(&self.path, error))?;
            count += 1;
        }
        drop(insert);
        transaction
            .commit()
            .map_err(|error| sqlite(&self.path, error))?;
        Ok(count)
    }

    /// Adds every tile of the pack tile files `files` (an installed
    /// version's, whose zips did not change); returns how many.
    pub fn add_pack_tiles(&mut self, files: &[String]) -> Result<u64, PackError> {
        let mut count = 0;
        for file in files {
            let failed = |error| sqlite(Path::new(file), error);
            self.connection
                .execute("ATTACH DATABASE ?1 AS held", [file])
                .map_err(failed)?;
            let copied = self.connection.execute(
                "INSERT OR REPLACE INTO tiles (zoom_level, tile_column, tile_row, tile_data)
                 SELECT zoom_level, tile_column, tile_row, tile_data FROM held.tiles",
                [],
            );
            self.connection
                .execute("DETACH DATABASE held", [])
                .map_err(failed)?;
            count += copied.map_err(failed)? as u64;
        }
        if self.format.is_none() {
            let first: Option<Vec<u8>> = self
                .connection
                .query_row("SELECT tile_data FROM tiles LIMIT 1", [], |row| row.get(0))
                .ok();
            self.format = first
                .as_deref()
                .and_then(TileFormat::sniff)
                .map(|(format, _)| format);
        }
        Ok(count)
    }

    /// Writes the gathered tiles under `dir` in the files `plan` assigns
    /// them, one file's tiles in memory at a time; `name` and `attribution`
    /// describe them. `None` when no zip held a tile.
    pub fn write_pack_tiles(
        self,
        dir: &Path,
        plan: &TilePlan,
        name: &str,
        attribution: Option<&str>,
    ) -> Result<Option<WrittenTiles>, PackError> {
        let format = self.format.unwrap_or(TileFormat::Png);
        let mut metadata = vec![
            ("name", name.to_string()),
            ("format", format.extension().to_string()),
            ("type", "baselayer".to_string()),
        ];
        metadata.extend(attribution.map(|text| ("attribution", text.to_string())));
        for (key, value) in metadata {
            self.connection
                .execute(
                    "INSERT INTO metadata (name, value) VALUES (?1, ?2)",
                    params![key, value],
                )
                .map_err(|error| sqlite(&self.path, error))?;
        }
        let mut cells: BTreeMap<String, BTreeSet<TileCoord>> = BTreeMap::new();
        {
            let mut coords = self
                .connection
                .prepare("SELECT zoom_level, tile_column, tile_row FROM tiles")
                .map_err(|error| sqlite(&self.path, error))?;
            let rows = coords
                .query_map([], |row| {
                    Ok((
                        row.get::<_, u8>(0)?,
                        row.get::<_, u32>(1)?,
                        row.get::<_, u32>(2)?,
                    ))
                })
                .map_err(|error| sqlite(&self.path, error))?;
            for row in rows {
                let (z, x, tms_row) = row.map_err(|error| sqlite(&self.path, error))?;
                let y = (1u32 << z) - 1 - tms_row;
                if let Ok(coord) = TileCoord::new(z, x, y) {
                    cells.entry(plan.cell_of(coord)).or_default().insert(coord);
                }
            }
        }
        if cells.is_empty() {
            return Ok(None);
        }
        let store = TileStore::open(&self.path).map_err(|error| PackError::Io {
            path: self.path.display().to_string(),
            reason: error.to_string(),
        })?;
        let info = store.info().clone();
        std::fs::create_dir_all(dir).map_err(|error| PackError::io(dir, error))?;
        let mut files = Vec::new();
        for (path, coords) in cells {
            let mut tiles = Vec::with_capacity(coords.len());
            for coord in coords {
                let tile = store.tile(coord).map_err(|error| PackError::Io {
                    path: info.path.clone(),
                    reason: error.to_string(),
                })?;
                tiles.extend(tile.map(|bytes| (coord, bytes)));
            }
            write_cell(dir, &path, &info, &tiles)?;
            files.push((path, FileKind::Tiles));
        }
        Ok(Some(WrittenTiles {
            files,
            min_zoom: info.min_zoom,
            max_zoom: info.max_zoom,
        }))
    }
}

fn sqlite(path: &Path, error: rusqlite::Error) -> PackError {
    PackError::Io {
        path: path.display().to_string(),
        reason: error.to_string(),
    }
}

/// The tile an entry named `name` holds: `None` for an entry that is not a
/// tile (media, folders); `Err(name)` for a name leaving the archive.
fn tile_of(name: &str) -> Result<Option<TileCoord>, String> {
    let relative = name.trim_start_matches('/');
    let climbs = Path::new(relative)
        .components()
        .any(|part| !matches!(part, Component::Normal(_)))
        || name.contains('\\')
        || name.contains('\0');
    if climbs {
        return Err(name.to_string());
    }
    let parts: Vec<&str> = relative.split('/').collect();
    let tail = match parts.as_slice() {
        ["tiles", z, x, y] => [*z, *x, *y],
        [_, "tiles", z, x, y] => [*z, *x, *y],
        _ => return Ok(None),
    };
    let [z, x, y] = tail;
    let Some((y, _extension)) = y.split_once('.') else {
        return Ok(None);
    };
    let (Ok(z), Ok(x), Ok(y)) = (z.parse::<u8>(), x.parse::<u32>(), y.parse::<u32>()) else {
        return Ok(None);
    };
    Ok(TileCoord::new(z, x, y).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiles_are_found_under_both_layouts_and_media_is_left_out() {
        let coord = |z, x, y| Ok(Some(TileCoord::new(z, x, y).unwrap()));
        assert_eq!(tile_of("tiles/4/8/5.png"), coord(4, 8, 5));
        assert_eq!(
            tile_of("/10054/tiles/15/16939/11804.png"),
            coord(15, 16939, 11804)
        );
        assert_eq!(tile_of("media/upload/practice.png"), Ok(None));
        assert_eq!(tile_of("10054/media/paperclip/a.jpg"), Ok(None));
        assert_eq!(tile_of("tiles/3/99/0.png"), Ok(None), "outside zoom 3");
    }

    #[test]
    fn names_leaving_the_archive_are_refused() {
        for name in ["../tiles/1/0/0.png", "tiles/../../etc/passwd", "a\\..\\b"] {
            assert_eq!(tile_of(name), Err(name.to_string()));
        }
    }
}
