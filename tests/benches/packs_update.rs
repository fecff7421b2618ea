//! The cost of a pack update: a park is built into a pack and installed from
//! the test kit's pack server; then 5% of its treks (and POIs, signage)
//! change and the basemap of one area is redrawn; the pack is rebuilt and the
//! installed pack updated. Printed: the bytes the update transferred (counted
//! by the server) against the size of the new pack. Goal: at most 10%.

use std::path::Path;

use rusqlite::{Connection, params};
use sentier_core::packs::build::{BuildOptions, build_pack};
use sentier_core::packs::download::TransferOptions;
use sentier_core::packs::tiles::TilePlan;
use sentier_core::packs::{FileKind, PackLibrary, PackManifest};
use sentier_core::runtime::runtime;
use sentier_core::tiles::{TileCoord, TileFormat};
use sentier_testkit::api_server::ApiServer;
use sentier_testkit::bench::{Comparison, report};
use sentier_testkit::pack_server::PackServer;
use sentier_testkit::territory::{Territory, TerritorySpec};
use sentier_testkit::tiles::{TERRITORY, relief_tile, write_relief_mbtiles};
use tokio_util::sync::CancellationToken;

fn build(api: &ApiServer, relief: &Path, out: &Path) -> PackManifest {
    let options = BuildOptions {
        api_url: api.base_url(),
        tiles: Some(relief.to_path_buf()),
        out: out.to_path_buf(),
        id: "park".into(),
        name: "Synthetic park".into(),
        languages: vec!["fr".into(), "en".into()],
        bbox: Some([
            TERRITORY.west,
            TERRITORY.south,
            TERRITORY.east,
            TERRITORY.north,
        ]),
        plan: TilePlan {
            low_zooms: 0..=11,
            high_zooms: 12..=14,
            corridor_m: 1000.0,
            ..TilePlan::default()
        },
    };
    runtime()
        .block_on(build_pack(&options, &|_| {}, &CancellationToken::new()))
        .expect("the pack builds")
        .manifest
}

/// Redraws the basemap tiles of zoom 9 and deeper in a 5 km square.
fn redraw_one_area(relief: &Path) -> usize {
    let (west, south) = (6.30, 44.80);
    let (east, north) = (west + 0.063, south + 0.045);
    let connection = Connection::open(relief).expect("the relief opens");
    let mut changed = 0;
    for z in 9..=14u8 {
        let (Ok(nw), Ok(se)) = (
            TileCoord::containing(west, north, z),
            TileCoord::containing(east, south, z),
        ) else {
            continue;
        };
        for x in nw.x()..=se.x() {
            for y in nw.y()..=se.y() {
                let Ok(coord) = TileCoord::new(z, x, y) else {
                    continue;
                };
                // The neighbouring tile's drawing: different bytes, same format.
                let Ok(neighbour) = TileCoord::new(z, x + 1, y) else {
                    continue;
                };
                let bytes = relief_tile(neighbour, TileFormat::Png).expect("a relief tile");
                changed += connection
                    .execute(
                        "UPDATE tiles SET tile_data = ?1 WHERE zoom_level = ?2 AND tile_column = ?3 AND tile_row = ?4",
                        params![bytes, z, x, coord.tms_row()],
                    )
                    .expect("the tile is rewritten");
            }
        }
    }
    changed
}

fn main() {
    let work = tempfile::tempdir().expect("a temporary folder");
    let spec = TerritorySpec {
        pois: 400,
        signage: 200,
        ..TerritorySpec::small(31, 120)
    };
    let api = ApiServer::start(Territory::generate(&spec)).expect("the API server starts");
    let area = TERRITORY.zooms(0, 14);
    let relief = work.path().join("relief.mbtiles");
    write_relief_mbtiles(&relief, &area).expect("the relief is written");

    let root = work.path().join("server");
    let first = build(&api, &relief, &root);
    let server = PackServer::start(&root).expect("the pack server starts");
    let library = PackLibrary::open(&work.path().join("device"), TransferOptions::default())
        .expect("the library opens");
    runtime()
        .block_on(library.download(&server.url(), "park", &|_| {}, &CancellationToken::new()))
        .expect("the first download");

    api.with_territory(|territory| territory.touch(0.05, 7));
    let redrawn = redraw_one_area(&relief);
    let second = build(&api, &relief, &root);
    server.reset_counts();
    runtime()
        .block_on(library.download(&server.url(), "park", &|_| {}, &CancellationToken::new()))
        .expect("the update");
    let transferred = server.total_bytes_sent();
    for kind in [FileKind::Data, FileKind::Tiles, FileKind::Media] {
        let (files, bytes) = second
            .files
            .iter()
            .filter(|file| file.kind == kind)
            .filter(|file| {
                !first
                    .files
                    .iter()
                    .any(|old| old.path == file.path && old.sha256 == file.sha256)
            })
            .fold((0, 0), |(files, bytes), file| {
                (files + 1, bytes + file.size)
            });
        println!(
            "changed {kind:?} files: {files}, {:.2} MB",
            bytes as f64 / 1e6
        );
    }
    println!(
        "pack v{} {:.1} MB ({} files) -> v{} {:.1} MB; {redrawn} basemap tiles redrawn",
        first.version,
        first.total_size() as f64 / 1e6,
        first.files.len(),
        second.version,
        second.total_size() as f64 / 1e6,
    );
    report(&Comparison {
        name: "update after 5% of treks and one area's tiles changed: bytes transferred",
        value: transferred as f64 / 1e6,
        unit: "MB",
        baseline_name: "the whole new pack",
        baseline: second.total_size() as f64 / 1e6,
        goal: "ratio <= 0.10",
    });
}
