//! Hostile tile sets, generated small on disk by the test kit: the readers
//! answer with typed errors before holding what the file claims, and
//! overzoom always produces tiles at the tile size. (Peak memory on the
//! same files is measured by `cargo bench -p sentier-testkit --bench tiles -- hostile`.)

use std::path::PathBuf;

use sentier_core::tiles::inspect::inspect;
use sentier_core::tiles::pmtiles::MAX_DIRECTORY_ENTRIES;
use sentier_core::tiles::store::MAX_TILE_BYTES;
use sentier_core::tiles::{TileCoord, TileError, TileFormat, TileLayers, TileStore};
use sentier_testkit::tiles::hostile::{
    directory_bomb_pmtiles, huge_png, huge_tile_pmtiles, root_bomb_pmtiles, zeroblob_view_mbtiles,
};
use sentier_testkit::tiles::{self as testdata, TERRITORY};
use tempfile::TempDir;

fn file(dir: &TempDir, name: &str) -> PathBuf {
    dir.path().join(name)
}

#[test]
fn a_leaf_directory_past_the_entry_cap_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let bomb = file(&dir, "leaf-bomb.pmtiles");
    let entries = MAX_DIRECTORY_ENTRIES as u64 + 1;
    directory_bomb_pmtiles(&bomb, 2, entries).unwrap();
    assert!(std::fs::metadata(&bomb).unwrap().len() < 64 * 1024);

    // The root is small: the archive opens; the leaves are refused when reached.
    let store = TileStore::open(&bomb).unwrap();
    let error = store.tile(TileCoord::new(0, 0, 0).unwrap()).unwrap_err();
    assert!(matches!(error, TileError::Corrupt { .. }), "{error}");
    assert!(
        error.to_string().contains("more than the 524288"),
        "{error}"
    );
    assert!(matches!(inspect(&bomb), Err(TileError::Corrupt { .. })));
}

#[test]
fn leaves_at_the_entry_cap_are_read_and_checked_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = file(&dir, "full-leaves.pmtiles");
    let entries = MAX_DIRECTORY_ENTRIES as u64;
    directory_bomb_pmtiles(&path, 3, entries).unwrap();
    let store = TileStore::open(&path).unwrap();
    // Tile id 5 is 2/0/0; every entry addresses the same tiny PNG.
    let tile = store.tile(TileCoord::new(2, 0, 0).unwrap()).unwrap();
    assert_eq!(tile, Some(testdata::hostile::tiny_png()));
    let report = inspect(&path).unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(report.info.tile_count, 3 * entries);
}

#[test]
fn a_root_bomb_is_refused_before_it_is_decoded_whole() {
    let dir = tempfile::tempdir().unwrap();
    // 64 MiB of zeros behind a count of 60 million: about 65 kB of gzip,
    // refused from its count before anything is allocated.
    let bomb = file(&dir, "root-bomb.pmtiles");
    root_bomb_pmtiles(&bomb, 60_000_000, 64 << 20).unwrap();
    assert!(std::fs::metadata(&bomb).unwrap().len() < 128 * 1024);
    let error = TileStore::open(&bomb).unwrap_err();
    assert!(matches!(error, TileError::Corrupt { .. }), "{error}");
    assert!(
        error.to_string().contains("60000000 entries, more than"),
        "{error}"
    );

    // A count within the cap, then zeros: decoded only as far as the
    // entries go (2 MiB of the 64), and refused (no valid first offset).
    let zeros = file(&dir, "root-zeros.pmtiles");
    root_bomb_pmtiles(&zeros, MAX_DIRECTORY_ENTRIES as u64, 64 << 20).unwrap();
    let error = TileStore::open(&zeros).unwrap_err();
    assert!(matches!(error, TileError::Corrupt { .. }), "{error}");
    assert!(
        error.to_string().contains("offset 0 on the first entry"),
        "{error}"
    );
}

#[test]
fn a_tile_past_the_byte_cap_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let coord = TileCoord::new(0, 0, 0).unwrap();

    // PMTiles: a gigabyte tile in a sparse file.
    let sparse = file(&dir, "gigabyte-tile.pmtiles");
    huge_tile_pmtiles(&sparse, 1 << 30).unwrap();
    let store = TileStore::open(&sparse).unwrap();
    let error = store.tile(coord).unwrap_err();
    assert!(matches!(error, TileError::TooLarge { .. }), "{error}");
    let report = inspect(&sparse).unwrap();
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.contains("more than the 4194304 bytes")),
        "{:?}",
        report.problems
    );

    // MBTiles: one stored tile just past the cap, among good ones.
    let mbtiles = file(&dir, "one-huge-tile.mbtiles");
    testdata::relief_mbtiles(
        &mbtiles,
        &TERRITORY.zooms(0, 3),
        testdata::MbtilesSchema::Flat,
        TileFormat::Png,
    )
    .unwrap();
    let mut huge = testdata::relief_tile(coord, TileFormat::Png).unwrap();
    huge.resize(MAX_TILE_BYTES as usize + 1, 0);
    rusqlite::Connection::open(&mbtiles)
        .unwrap()
        .execute(
            "UPDATE tiles SET tile_data = ?1 WHERE zoom_level = 0",
            [&huge],
        )
        .unwrap();
    let store = TileStore::open(&mbtiles).unwrap();
    assert!(matches!(store.tile(coord), Err(TileError::TooLarge { .. })));
    let deeper = TileCoord::containing(6.3, 44.8, 3).unwrap();
    assert!(store.tile(deeper).unwrap().is_some());
    let report = inspect(&mbtiles).unwrap();
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.contains("tile 0/0/0 (TMS row) takes 4194305 bytes")),
        "{:?}",
        report.problems
    );

    // MBTiles: a view that makes a 900 MB zeroblob.
    let view = file(&dir, "zeroblob-view.mbtiles");
    zeroblob_view_mbtiles(&view, 900_000_000).unwrap();
    let error = TileStore::open(&view).unwrap_err();
    assert!(matches!(error, TileError::TooLarge { .. }), "{error}");
}

#[test]
fn overzoom_decodes_within_a_pixel_budget_and_makes_tile_sized_tiles() {
    let dir = tempfile::tempdir().unwrap();
    let parent = TileCoord::containing(6.3, 44.8, 10).unwrap();
    let child = TileCoord::containing(6.3, 44.8, 12).unwrap();
    let layer_with_ancestor = |name: &str, png: Vec<u8>| {
        let path = file(&dir, name);
        let area = TERRITORY.zooms(10, 10);
        testdata::write_flat_mbtiles(
            &path,
            &testdata::metadata(name, &area, TileFormat::Png),
            [(parent, png.as_slice())],
        )
        .unwrap();
        let layers = TileLayers::new();
        layers.add("relief", &path).unwrap();
        layers.layer("relief").unwrap()
    };

    let giant = huge_png(11_000, 11_000);
    assert!(giant.len() < 1 << 20, "{} bytes", giant.len());
    let layer = layer_with_ancestor("giant", giant);
    let error = layer.overzoomed_tile(child).unwrap_err();
    assert!(matches!(error, TileError::TooLarge { .. }), "{error}");
    assert!(error.to_string().contains("11000x11000 pixels"), "{error}");

    let layer = layer_with_ancestor("odd", huge_png(300, 200));
    let tile = layer.overzoomed_tile(child).unwrap().unwrap();
    let image = image::load_from_memory(&tile.bytes).unwrap();
    assert_eq!((image.width(), image.height()), (256, 256));
}
