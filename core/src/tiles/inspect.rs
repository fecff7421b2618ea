//! Validation of a tile set, for `sentier tiles info` and the shells' pack
//! checks: everything [`TileStore::open`] reads, plus a full check. PMTiles
//! archives have every directory entry walked and checked against the tile
//! data section and the header. MBTiles files have their SQLite integrity
//! checked; with the `mbtiles-validation` feature (the desktop command, not
//! the app library) they go through the `mbtiles` crate instead, which also
//! checks tile values, per-tile hashes and `agg_tiles_hash`.

use std::path::Path;

#[cfg(feature = "mbtiles-validation")]
use mbtiles::{AggHashType, IntegrityCheckType, Mbtiles};

use super::pmtiles::{PmtilesStore, tile_id};
use super::store::MAX_TILE_BYTES;
use super::{TileCoord, TileError, TileStore, TileStoreInfo};

/// A tile set's declaration and the problems a full check found.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TileSetReport {
    pub info: TileStoreInfo,
    /// Empty when the tile set passed every check.
    pub problems: Vec<String>,
    /// The verified MBTiles `agg_tiles_hash`, when the file has one.
    pub agg_tiles_hash: Option<String>,
    /// Checks not run: an MBTiles file's tile values and hashes without the
    /// `mbtiles-validation` feature, its `agg_tiles_hash` when it has none.
    pub unchecked: Vec<String>,
}

/// Opens and fully checks the tile set at `path`. Blocks on the core's
/// runtime: call it from a thread of the caller, never from that runtime.
pub fn inspect(path: &Path) -> Result<TileSetReport, TileError> {
    let store = TileStore::open(path)?;
    let mut report = TileSetReport {
        info: store.info().clone(),
        problems: Vec::new(),
        agg_tiles_hash: None,
        unchecked: Vec::new(),
    };
    match &store {
        TileStore::Mbtiles(file) => match file.oversized_tile()? {
            // The validation below would load that tile whole.
            Some(problem) => report.problems.push(problem),
            None => check_mbtiles(path, &mut report),
        },
        TileStore::Pmtiles(archive) => check_pmtiles(archive, &mut report)?,
    }
    Ok(report)
}

#[cfg(feature = "mbtiles-validation")]
fn check_mbtiles(path: &Path, report: &mut TileSetReport) {
    let outcome = crate::runtime::runtime().block_on(async {
        let mbtiles = Mbtiles::new(path)?;
        let mut conn = mbtiles.open_readonly().await?;
        let has_hash = mbtiles.get_agg_tiles_hash(&mut conn).await?.is_some();
        let agg_hash = if has_hash {
            AggHashType::Verify
        } else {
            AggHashType::Off
        };
        let hash = mbtiles
            .validate(&mut conn, IntegrityCheckType::Quick, agg_hash)
            .await?;
        Ok::<_, mbtiles::MbtError>((has_hash, hash))
    });
    match outcome {
        Ok((true, hash)) => report.agg_tiles_hash = Some(hash),
        // MBTiles 1.3 does not require the hash: its absence is a check
        // that cannot run, not a defect of the file.
        Ok((false, _)) => report
            .unchecked
            .push("agg_tiles_hash (the file has none): the content as a whole".into()),
        Err(error) => report.problems.push(error.to_string()),
    }
}

#[cfg(not(feature = "mbtiles-validation"))]
fn check_mbtiles(path: &Path, report: &mut TileSetReport) {
    use rusqlite::{Connection, OpenFlags};
    let verdict =
        Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).and_then(|conn| {
            let mut statement = conn.prepare("PRAGMA quick_check")?;
            let lines = statement.query_map([], |row| row.get::<_, String>(0))?;
            lines.collect::<Result<Vec<_>, _>>()
        });
    match verdict {
        Ok(lines) if lines == ["ok"] => {}
        Ok(lines) => report
            .problems
            .push(format!("SQLite integrity check: {}", lines.join("; "))),
        Err(error) => report
            .problems
            .push(format!("SQLite integrity check failed: {error}")),
    }
    report.unchecked.push(
        "tile values, per-tile hashes and agg_tiles_hash (built without the \
         mbtiles-validation feature)"
            .into(),
    );
}

fn check_pmtiles(archive: &PmtilesStore, report: &mut TileSetReport) -> Result<(), TileError> {
    let header = archive.header();
    let first_id = tile_id(TileCoord::new(header.min_zoom, 0, 0)?);
    let end_id = match TileCoord::new(header.max_zoom + 1, 0, 0) {
        Ok(next_zoom) => tile_id(next_zoom),
        Err(_) => u64::MAX,
    };
    let (mut addressed, mut outside_zooms, mut outside_data) = (0u64, 0u64, 0u64);
    let mut oversized = 0u64;
    archive.for_each_entry(|entry| {
        addressed += u64::from(entry.run_length);
        if u64::from(entry.length) > MAX_TILE_BYTES {
            oversized += 1;
        }
        let last_id = entry
            .tile_id
            .saturating_add(u64::from(entry.run_length) - 1);
        if entry.tile_id < first_id || last_id >= end_id {
            outside_zooms += 1;
        }
        if entry.offset.saturating_add(u64::from(entry.length)) > header.data_length {
            outside_data += 1;
        }
        Ok(())
    })?;
    if addressed != header.addressed_tiles {
        report.problems.push(format!(
            "the header counts {} tiles, the directories address {addressed}",
            header.addressed_tiles
        ));
    }
    if outside_zooms > 0 {
        report.problems.push(format!(
            "{outside_zooms} entries outside zooms {}..={}",
            header.min_zoom, header.max_zoom
        ));
    }
    if oversized > 0 {
        report.problems.push(format!(
            "{oversized} entries point to tiles of more than the {MAX_TILE_BYTES} bytes a tile may take"
        ));
    }
    if outside_data > 0 {
        report
            .problems
            .push(format!("{outside_data} entries point past the tile data"));
    }
    Ok(())
}
