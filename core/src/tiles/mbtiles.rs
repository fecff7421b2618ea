//! The hot read path of MBTiles 1.3 files: synchronous rusqlite, read-only
//! connections kept in a small pool, one cached prepared statement per
//! connection, over the `tiles` table or view that the flat, flat-with-hash
//! and normalized schemas all provide. Opening also reads and checks the
//! metadata (`format`, `bounds`, `center`, zooms, `json.vector_layers`).
//!
//! Chosen by measurement (`cargo bench -p sentier-testkit --bench tiles`:
//! 1,000 random tiles of a 110,000-tile, 1.35 GB file, one thread, release,
//! on the shared 2-core machine, two runs): this path read 36,200 and 49,600
//! tiles/s against 33,800 and 57,600 for a bare prepared rusqlite SELECT
//! (1.07x and 0.86x), and 4.5-5.1x the 7,100-10,900 tiles/s of the `mbtiles`
//! crate's async `MbtilesPool::get_tile` over sqlx.
//! The crate is still used for what it does well:
//! schema detection, integrity and `agg_tiles_hash` validation ([`super::inspect`]).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rusqlite::limits::Limit;
use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension, params};

use super::store::{Bounds, Center, MAX_TILE_BYTES, TileContainer, TileStoreInfo, file_stem};
use super::{TileCoord, TileEncoding, TileError, TileFormat};

/// How many idle connections a store keeps; more readers open extra
/// connections that are closed when they are done.
const POOL_SIZE: usize = 4;

const TILE_QUERY: &str =
    "SELECT tile_data FROM tiles WHERE zoom_level = ?1 AND tile_column = ?2 AND tile_row = ?3";

/// An open MBTiles file.
#[derive(Debug)]
pub struct MbtilesStore {
    path: PathBuf,
    idle: Mutex<Vec<Connection>>,
    info: TileStoreInfo,
}

impl MbtilesStore {
    /// Opens `path` read-only and reads its metadata.
    pub fn open(path: &Path) -> Result<MbtilesStore, TileError> {
        let conn = connect(path)?;
        let schema = detect_schema(path, &conn)?;
        let info = read_info(path, &conn, schema)?;
        Ok(MbtilesStore {
            path: path.to_path_buf(),
            idle: Mutex::new(vec![conn]),
            info,
        })
    }

    /// What the file declares and holds.
    pub fn info(&self) -> &TileStoreInfo {
        &self.info
    }

    /// The stored bytes of one tile, `None` when absent.
    pub fn tile(&self, coord: TileCoord) -> Result<Option<Vec<u8>>, TileError> {
        let conn = match self.lock_idle().pop() {
            Some(conn) => conn,
            None => connect(&self.path)?,
        };
        let result = conn
            .prepare_cached(TILE_QUERY)
            .and_then(|mut statement| {
                statement
                    .query_row(params![coord.z(), coord.x(), coord.tms_row()], |row| {
                        row.get::<_, Vec<u8>>(0)
                    })
                    .optional()
            })
            .map_err(|e| read_error(&self.path, e, || format!("tile {coord}")));
        let mut idle = self.lock_idle();
        if idle.len() < POOL_SIZE {
            idle.push(conn);
        }
        result
    }

    /// A tile larger than [`MAX_TILE_BYTES`], described, if the file holds
    /// one: looked for without loading any tile, before a validation that
    /// reads them all.
    pub fn oversized_tile(&self) -> Result<Option<String>, TileError> {
        let conn = connect(&self.path)?;
        let found = conn
            .query_row(
                "SELECT zoom_level, tile_column, tile_row, length(tile_data) FROM tiles
                 WHERE length(tile_data) > ?1 LIMIT 1",
                [MAX_TILE_BYTES],
                |row| {
                    Ok((
                        row.get::<_, i64>(0)?,
                        row.get::<_, i64>(1)?,
                        row.get::<_, i64>(2)?,
                        row.get::<_, i64>(3)?,
                    ))
                },
            )
            .optional();
        match found {
            Ok(found) => Ok(found.map(|(z, column, row, length)| {
                format!(
                    "tile {z}/{column}/{row} (TMS row) takes {length} bytes, more than the {MAX_TILE_BYTES} a tile may"
                )
            })),
            Err(error) if error.sqlite_error_code() == Some(ErrorCode::TooBig) => Ok(Some(
                format!("a tile takes more than the {MAX_TILE_BYTES} bytes a tile may"),
            )),
            Err(error) => Err(TileError::io(&self.path, error)),
        }
    }

    fn lock_idle(&self) -> std::sync::MutexGuard<'_, Vec<Connection>> {
        // A panic while holding the lock cannot leave the Vec half-changed.
        self.idle
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// A read-only connection on which no value may exceed [`MAX_TILE_BYTES`]:
/// SQLite refuses to load a larger blob, or to make one (a `tiles` view of
/// `zeroblob(900000000)`), before allocating it.
fn connect(path: &Path) -> Result<Connection, TileError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| TileError::io(path, e))?;
    conn.set_limit(Limit::SQLITE_LIMIT_LENGTH, MAX_TILE_BYTES as i32)
        .map_err(|e| TileError::io(path, e))?;
    Ok(conn)
}

/// A failed read of `what`: too large when SQLite refused a value past the
/// length limit, else an I/O error.
fn read_error(path: &Path, error: rusqlite::Error, what: impl FnOnce() -> String) -> TileError {
    match error.sqlite_error_code() {
        Some(ErrorCode::TooBig) => TileError::too_large(
            path,
            format!(
                "{} takes more than the {MAX_TILE_BYTES} bytes a tile may",
                what()
            ),
        ),
        _ => TileError::io(path, error),
    }
}

fn detect_schema(path: &Path, conn: &Connection) -> Result<&'static str, TileError> {
    let mut names = HashMap::new();
    let mut statement = conn
        .prepare("SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view')")
        .map_err(|e| TileError::not_a_tile_set(path, e.to_string()))?;
    let rows = statement
        .query_map([], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
        })
        .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
        .map_err(|e| TileError::not_a_tile_set(path, e.to_string()))?;
    names.extend(rows);
    if !names.contains_key("tiles") || names.get("metadata").map(String::as_str) != Some("table") {
        return Err(TileError::not_a_tile_set(
            path,
            "an SQLite database without the MBTiles `tiles` and `metadata` tables",
        ));
    }
    let table = |name: &str| names.get(name).map(String::as_str) == Some("table");
    Ok(
        if (table("map") && table("images")) || (table("tiles_shallow") && table("tiles_data")) {
            "normalized"
        } else if table("tiles_with_hash") {
            "flat-with-hash"
        } else {
            "flat"
        },
    )
}

fn read_info(path: &Path, conn: &Connection, schema: &str) -> Result<TileStoreInfo, TileError> {
    let sql_error = |e: rusqlite::Error| match e.sqlite_error_code() {
        Some(ErrorCode::TooBig) => read_error(path, e, || "a tile or metadata value".into()),
        _ => TileError::not_a_tile_set(path, e.to_string()),
    };
    let metadata: HashMap<String, String> = conn
        .prepare("SELECT name, value FROM metadata")
        .and_then(|mut s| {
            s.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
                .collect::<Result<_, _>>()
        })
        .map_err(sql_error)?;
    // The first bytes of one non-empty tile are enough to recognise the
    // format (`length` does not load a stored blob: an oversized tile is skipped).
    let sample: Option<Vec<u8>> = conn
        .query_row(
            "SELECT substr(tile_data, 1, 16) FROM tiles
             WHERE length(tile_data) BETWEEN 1 AND ?1 LIMIT 1",
            [MAX_TILE_BYTES],
            |row| row.get(0),
        )
        .optional()
        .map_err(sql_error)?;
    let (format, encoding) = declared_format(path, metadata.get("format"), sample.as_deref())?;
    let (min_zoom, max_zoom, tile_count): (Option<u8>, Option<u8>, u64) = conn
        .query_row(
            "SELECT MIN(zoom_level), MAX(zoom_level), COUNT(*) FROM tiles",
            [],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .map_err(sql_error)?;
    let (min_zoom, max_zoom) = match (min_zoom, max_zoom) {
        (Some(min), Some(max)) => (min, max),
        _ => declared_zooms(path, &metadata)?,
    };
    let bounds = match metadata.get("bounds") {
        Some(text) => parse_bounds(text).map_err(|reason| TileError::metadata(path, reason))?,
        None => Bounds::WORLD,
    };
    let vector_layers = match metadata.get("json") {
        Some(json) => {
            let value: serde_json::Value = serde_json::from_str(json)
                .map_err(|e| TileError::metadata(path, format!("`json` is not JSON: {e}")))?;
            value.get("vector_layers").map(|layers| layers.to_string())
        }
        None => None,
    };
    Ok(TileStoreInfo {
        path: path.display().to_string(),
        container: TileContainer::Mbtiles,
        schema: schema.to_string(),
        format,
        encoding,
        name: metadata
            .get("name")
            .cloned()
            .unwrap_or_else(|| file_stem(path)),
        attribution: metadata.get("attribution").cloned(),
        bounds,
        center: metadata.get("center").and_then(|text| parse_center(text)),
        min_zoom,
        max_zoom,
        tile_count,
        vector_layers,
    })
}

/// The format from the metadata, checked against a stored tile; either alone
/// is enough, both must agree.
fn declared_format(
    path: &Path,
    declared: Option<&String>,
    sample: Option<&[u8]>,
) -> Result<(TileFormat, TileEncoding), TileError> {
    let sniffed = sample.filter(|b| !b.is_empty()).map(TileFormat::sniff);
    let declared = match declared {
        Some(name) => Some(
            TileFormat::from_name(name)
                .ok_or_else(|| TileError::unsupported(path, format!("tile format `{name}`")))?,
        ),
        None => None,
    };
    match (declared, sniffed) {
        (_, Some(None)) => Err(TileError::corrupt(path, "tiles in no known format")),
        (Some(declared), Some(Some((found, encoding)))) if declared == found => {
            Ok((declared, encoding))
        }
        (Some(declared), Some(Some((found, _)))) => Err(TileError::metadata(
            path,
            format!("`format` says {declared} but the tiles are {found}"),
        )),
        (None, Some(Some(found))) => Ok(found),
        (Some(declared), None) => Ok((declared, TileEncoding::Identity)),
        (None, None) => Err(TileError::metadata(path, "no `format` and no tiles")),
    }
}

fn declared_zooms(path: &Path, metadata: &HashMap<String, String>) -> Result<(u8, u8), TileError> {
    let zoom = |key: &str| -> Result<u8, TileError> {
        let text = metadata.get(key).map(String::as_str).unwrap_or("0");
        text.trim()
            .parse::<u8>()
            .ok()
            .filter(|z| *z <= super::coord::MAX_ZOOM)
            .ok_or_else(|| TileError::metadata(path, format!("`{key}` is `{text}`")))
    };
    let (min, max) = (zoom("minzoom")?, zoom("maxzoom")?);
    if min > max {
        return Err(TileError::metadata(
            path,
            format!("minzoom {min} > maxzoom {max}"),
        ));
    }
    Ok((min, max))
}

/// Parses `west,south,east,north`.
pub(crate) fn parse_bounds(text: &str) -> Result<Bounds, String> {
    let values = parse_numbers(text).ok_or_else(|| format!("`bounds` is `{text}`"))?;
    let [west, south, east, north] = values[..] else {
        return Err(format!("`bounds` has {} numbers, not 4", values.len()));
    };
    Bounds {
        west,
        south,
        east,
        north,
    }
    .validated()
}

/// Parses `lng,lat,zoom`; a malformed center is ignored (the map centers on the bounds).
fn parse_center(text: &str) -> Option<Center> {
    match parse_numbers(text)?[..] {
        [lng, lat, zoom] if (-180.0..=180.0).contains(&lng) && (-90.0..=90.0).contains(&lat) => {
            Some(Center {
                lng,
                lat,
                zoom: zoom.clamp(0.0, f64::from(super::coord::MAX_ZOOM)) as u8,
            })
        }
        _ => None,
    }
}

fn parse_numbers(text: &str) -> Option<Vec<f64>> {
    text.split(',')
        .map(|v| v.trim().parse::<f64>().ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_must_be_four_numbers_in_range() {
        assert!(parse_bounds("6.0,44.6,6.6,45.0").is_ok());
        assert!(parse_bounds("6.0,44.6,6.6").is_err());
        assert!(parse_bounds("6.6,44.6,6.0,45.0").is_err());
        assert!(parse_bounds("6.0,44.6,6.6,95").is_err());
        assert!(parse_bounds("a,b,c,d").is_err());
    }

    #[test]
    fn center_is_optional() {
        assert_eq!(
            parse_center("6.3, 44.8, 12"),
            Some(Center {
                lng: 6.3,
                lat: 44.8,
                zoom: 12
            })
        );
        assert_eq!(parse_center("6.3,44.8"), None);
    }
}
