//! A pack's tile files: the territory's tiles cut out of one source tile set
//! (MBTiles or PMTiles) and split so that an update re-downloads only the
//! files whose tiles changed.
//!
//! - The low zooms ([`TilePlan::low_zooms`], z0-12 by default) cover the
//!   whole bounding box; the high zooms (z13-16) only the tiles within
//!   [`TilePlan::corridor_m`] of a trek, as Geotrek's `sync_mobile` does.
//! - `tiles/base.mbtiles` holds the zooms up to [`TilePlan::base_max_zoom`]
//!   (z8): a handful of tiles every map shows.
//! - Deeper, each zoom is cut into cells of [`TilePlan::cell_span`] x
//!   `cell_span` tiles of that zoom: `tiles/<z>/<cell x>-<cell y>.mbtiles`.
//!   The grid is fixed, so a change in one valley rewrites the few cells of
//!   each zoom that cover it and leaves every other file's bytes and hash
//!   alone: an update fetches about the changed area, not a zoom band.
//!
//! Each file is a flat-schema MBTiles written in a fixed order with fixed
//! settings and no timestamps: the same tiles always give the same bytes.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::RangeInclusive;
use std::path::Path;

use rusqlite::{Connection, params};

use super::{FileKind, PackError, fsutil};
use crate::geodesy::EARTH_RADIUS_M;
use crate::tiles::{TileCoord, TileStore, TileStoreInfo};

/// Which tiles a pack carries.
#[derive(Clone, Debug, PartialEq)]
pub struct TilePlan {
    /// Zooms kept over the whole bounding box.
    pub low_zooms: RangeInclusive<u8>,
    /// Zooms kept only near the treks.
    pub high_zooms: RangeInclusive<u8>,
    /// How far from a trek high-zoom tiles are kept, in metres.
    pub corridor_m: f64,
    /// Zooms up to this one go in one base file.
    pub base_max_zoom: u8,
    /// Tiles per side of a cell file, a power of two.
    pub cell_span: u32,
}

impl Default for TilePlan {
    fn default() -> Self {
        TilePlan {
            low_zooms: 0..=12,
            high_zooms: 13..=16,
            corridor_m: 1000.0,
            base_max_zoom: 8,
            cell_span: 2,
        }
    }
}

/// Cuts the tiles of `plan` out of `source` for `bbox` (west, south, east,
/// north) and the trek `lines` (`(lon, lat)` vertices), writing them under
/// `dir`; returns the files written.
pub fn write_tiles(
    dir: &Path,
    source: &TileStore,
    bbox: [f64; 4],
    lines: &[Vec<(f64, f64)>],
    plan: &TilePlan,
) -> Result<Vec<(String, FileKind)>, PackError> {
    let info = source.info();
    let available = info.min_zoom..=info.max_zoom;
    let mut files: BTreeMap<String, BTreeSet<TileCoord>> = BTreeMap::new();
    let mut place = |coord: TileCoord| {
        files.entry(plan.cell_of(coord)).or_default().insert(coord);
    };
    for z in plan.low_zooms.clone().filter(|z| available.contains(z)) {
        tiles_in_bbox(bbox, z)?.into_iter().for_each(&mut place);
    }
    for z in plan.high_zooms.clone().filter(|z| available.contains(z)) {
        corridor_tiles(lines, z, plan.corridor_m)?
            .into_iter()
            .for_each(&mut place);
    }
    let mut written = Vec::new();
    for (path, coords) in files {
        let mut tiles = Vec::new();
        for coord in coords {
            let tile = source.tile(coord).map_err(|error| PackError::Io {
                path: info.path.clone(),
                reason: error.to_string(),
            })?;
            if let Some(bytes) = tile {
                tiles.push((coord, bytes));
            }
        }
        if tiles.is_empty() {
            continue;
        }
        write_cell(dir, &path, info, &tiles)?;
        written.push((path, FileKind::Tiles));
    }
    Ok(written)
}

impl TilePlan {
    /// The file of the pack holding `coord`: `tiles/base.mbtiles` up to
    /// [`TilePlan::base_max_zoom`], else its cell `tiles/<z>/<cx>-<cy>.mbtiles`.
    pub fn cell_of(&self, coord: TileCoord) -> String {
        let span = self.cell_span.max(1);
        if coord.z() <= self.base_max_zoom {
            BASE_FILE.to_string()
        } else {
            format!(
                "tiles/{}/{}-{}.mbtiles",
                coord.z(),
                coord.x() / span,
                coord.y() / span
            )
        }
    }
}

/// The file of a pack holding its lowest zooms.
pub const BASE_FILE: &str = "tiles/base.mbtiles";

/// Writes the cell file `path` under `dir` holding `tiles` (sorted by
/// coordinate), described with `source`'s metadata, unless it already holds
/// exactly those bytes.
pub fn write_cell(
    dir: &Path,
    path: &str,
    source: &TileStoreInfo,
    tiles: &[(TileCoord, Vec<u8>)],
) -> Result<(), PackError> {
    let bytes = mbtiles_bytes(dir, source, tiles)?;
    fsutil::write_if_changed(&dir.join(path), &bytes)
}

/// The tiles of zoom `z` covering `bbox`.
fn tiles_in_bbox(bbox: [f64; 4], z: u8) -> Result<Vec<TileCoord>, PackError> {
    let [west, south, east, north] = bbox;
    let top_left = TileCoord::containing(west, north, z).map_err(invalid)?;
    let bottom_right = TileCoord::containing(east, south, z).map_err(invalid)?;
    let mut coords = Vec::new();
    for x in top_left.x()..=bottom_right.x() {
        for y in top_left.y()..=bottom_right.y() {
            coords.push(TileCoord::new(z, x, y).map_err(invalid)?);
        }
    }
    Ok(coords)
}

/// The tiles of zoom `z` with some part within `corridor_m` of a line.
fn corridor_tiles(
    lines: &[Vec<(f64, f64)>],
    z: u8,
    corridor_m: f64,
) -> Result<BTreeSet<TileCoord>, PackError> {
    let mut coords = BTreeSet::new();
    let tiles_per_side = 1u64 << z;
    for line in lines {
        for point in densified(line, z) {
            let (lon, lat) = point;
            let tile_m = 2.0 * std::f64::consts::PI * EARTH_RADIUS_M * lat.to_radians().cos()
                / tiles_per_side as f64;
            let reach = (corridor_m / tile_m).ceil() as i64;
            let centre = TileCoord::containing(lon, lat, z).map_err(invalid)?;
            for dx in -reach..=reach {
                for dy in -reach..=reach {
                    let (x, y) = (i64::from(centre.x()) + dx, i64::from(centre.y()) + dy);
                    if (0..tiles_per_side as i64).contains(&x)
                        && (0..tiles_per_side as i64).contains(&y)
                    {
                        coords.insert(TileCoord::new(z, x as u32, y as u32).map_err(invalid)?);
                    }
                }
            }
        }
    }
    Ok(coords)
}

/// The vertices of `line` with points added so that consecutive points are
/// at most half a tile of zoom `z` apart.
fn densified(line: &[(f64, f64)], z: u8) -> Vec<(f64, f64)> {
    let step_deg = 360.0 / (1u64 << z) as f64 / 2.0;
    let mut points = Vec::with_capacity(line.len());
    for pair in line.windows(2) {
        let ((lon_a, lat_a), (lon_b, lat_b)) = (pair[0], pair[1]);
        let steps = ((lon_b - lon_a).abs().max((lat_b - lat_a).abs()) / step_deg)
            .ceil()
            .max(1.0);
        for step in 0..steps as usize {
            let t = step as f64 / steps;
            points.push((lon_a + t * (lon_b - lon_a), lat_a + t * (lat_b - lat_a)));
        }
    }
    points.extend(line.last());
    points
}

fn invalid(error: crate::tiles::TileError) -> PackError {
    PackError::Mismatch {
        path: "tiles".into(),
        reason: error.to_string(),
    }
}

/// A flat-schema MBTiles holding `tiles` (sorted), with `info`'s metadata.
fn mbtiles_bytes(
    dir: &Path,
    info: &TileStoreInfo,
    tiles: &[(TileCoord, Vec<u8>)],
) -> Result<Vec<u8>, PackError> {
    let scratch = tempfile::Builder::new()
        .suffix(".mbtiles")
        .tempfile_in(dir)
        .map_err(|error| PackError::io(dir, error))?;
    let path = scratch.path().to_path_buf();
    let sqlite = |error: rusqlite::Error| PackError::Io {
        path: path.display().to_string(),
        reason: error.to_string(),
    };
    {
        let connection = Connection::open(&path).map_err(sqlite)?;
        connection
            .execute_batch(
                "PRAGMA page_size = 4096; PRAGMA journal_mode = OFF;
                 CREATE TABLE metadata (name TEXT NOT NULL, value TEXT);
                 CREATE TABLE tiles (zoom_level INTEGER NOT NULL, tile_column INTEGER NOT NULL,
                                     tile_row INTEGER NOT NULL, tile_data BLOB);
                 CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);
                 BEGIN;",
            )
            .map_err(sqlite)?;
        let (min_zoom, max_zoom) = tiles.iter().fold((u8::MAX, 0), |(lo, hi), (coord, _)| {
            (lo.min(coord.z()), hi.max(coord.z()))
        });
        let bounds = tiles.iter().fold(
            [
                f64::INFINITY,
                f64::INFINITY,
                f64::NEG_INFINITY,
                f64::NEG_INFINITY,
            ],
            |[w, s, e, n], (coord, _)| {
                let [tw, ts, te, tn] = coord.bounds();
                [w.min(tw), s.min(ts), e.max(te), n.max(tn)]
            },
        );
        let mut metadata = vec![
            (
                "bounds",
                format!(
                    "{:.6},{:.6},{:.6},{:.6}",
                    bounds[0], bounds[1], bounds[2], bounds[3]
                ),
            ),
            ("format", info.format.extension().to_string()),
            ("maxzoom", max_zoom.to_string()),
            ("minzoom", min_zoom.to_string()),
            ("name", info.name.clone()),
            ("type", "baselayer".to_string()),
        ];
        if let Some(attribution) = &info.attribution {
            metadata.push(("attribution", attribution.clone()));
        }
        if let Some(layers) = &info.vector_layers {
            metadata.push(("json", format!("{{\"vector_layers\":{layers}}}")));
        }
        metadata.sort();
        for (name, value) in metadata {
            connection
                .execute(
                    "INSERT INTO metadata (name, value) VALUES (?1, ?2)",
                    params![name, value],
                )
                .map_err(sqlite)?;
        }
        let mut insert = connection
            .prepare("INSERT INTO tiles (zoom_level, tile_column, tile_row, tile_data) VALUES (?1, ?2, ?3, ?4)")
            .map_err(sqlite)?;
        for (coord, bytes) in tiles {
            insert
                .execute(params![coord.z(), coord.x(), coord.tms_row(), bytes])
                .map_err(sqlite)?;
        }
        drop(insert);
        connection
            .execute_batch("COMMIT; VACUUM;")
            .map_err(sqlite)?;
    }
    std::fs::read(&path).map_err(|error| PackError::io(&path, error))
}
