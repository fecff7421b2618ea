//! Tile sets on disk: the three MBTiles schemas and PMTiles archives written
//! by the test kit read back tile for tile, their declarations, validation,
//! layering and overzoom, and damaged or lying files.

use std::path::{Path, PathBuf};

use sentier_core::tiles::inspect::inspect;
use sentier_core::tiles::{
    TileContainer, TileCoord, TileEncoding, TileError, TileFormat, TileLayers, TileStore,
};
use sentier_testkit::tiles::{
    self as testdata, MbtilesSchema, PmtilesLayout, TERRITORY, TileArea, relief_tiles,
};
use tempfile::TempDir;

/// Zooms 0-11 of the territory: every kind of tile, generated in well under a second.
const SMALL: TileArea = TERRITORY.zooms(0, 11);

fn temp() -> TempDir {
    tempfile::tempdir().expect("temp dir")
}

fn assert_same_tiles(store: &TileStore, tiles: &[(TileCoord, Vec<u8>)]) {
    for (coord, bytes) in tiles {
        assert_eq!(
            store.tile(*coord).unwrap().as_deref(),
            Some(&bytes[..]),
            "tile {coord}"
        );
    }
}

#[test]
fn every_mbtiles_schema_reads_back_every_tile() {
    let dir = temp();
    let tiles = relief_tiles(&SMALL, TileFormat::Png).unwrap();
    let metadata = testdata::metadata("Relief", &SMALL, TileFormat::Png);
    for (schema, name) in [
        (MbtilesSchema::Flat, "flat"),
        (MbtilesSchema::FlatWithHash, "flat-with-hash"),
        (MbtilesSchema::Normalized, "normalized"),
    ] {
        let path = dir.path().join(format!("{name}.mbtiles"));
        testdata::write_mbtiles(&path, schema, &metadata, &tiles).unwrap();
        let store = TileStore::open(&path).unwrap();
        let info = store.info();
        assert_eq!(info.container, TileContainer::Mbtiles);
        assert_eq!(info.schema, name);
        assert_eq!(
            (info.format, info.encoding),
            (TileFormat::Png, TileEncoding::Identity)
        );
        assert_eq!((info.min_zoom, info.max_zoom), (0, 11));
        assert_eq!(info.tile_count, tiles.len() as u64);
        assert_eq!(info.name, "Relief");
        assert_eq!(info.bounds.west, 6.0);
        assert_eq!(info.center.map(|c| c.zoom), Some(10));
        assert_same_tiles(&store, &tiles);
        // Outside the territory, and below or beyond the zooms held: absent.
        assert_eq!(store.tile(TileCoord::new(11, 0, 0).unwrap()).unwrap(), None);
        assert_eq!(
            store.tile(TileCoord::new(12, 2120, 1470).unwrap()).unwrap(),
            None
        );

        let report = inspect(&path).unwrap();
        assert!(report.problems.is_empty(), "{name}: {:?}", report.problems);
        assert!(report.agg_tiles_hash.is_some());
    }
}

#[test]
fn pmtiles_archives_read_back_every_tile_with_and_without_leaves() {
    let dir = temp();
    let tiles = relief_tiles(&SMALL, TileFormat::Webp).unwrap();
    let path = dir.path().join("relief.pmtiles");
    testdata::write_pmtiles(
        &path,
        &PmtilesLayout::new("Relief", SMALL, TileFormat::Webp),
        tiles.iter().map(|(c, b)| (*c, b.as_slice())),
    )
    .unwrap();
    let store = TileStore::open(&path).unwrap();
    let info = store.info();
    assert_eq!(
        (info.container, info.format),
        (TileContainer::Pmtiles, TileFormat::Webp)
    );
    assert_eq!(info.tile_count, tiles.len() as u64);
    assert_eq!(info.name, "Relief");
    assert!((info.bounds.north - 45.0).abs() < 1e-6);
    assert_same_tiles(&store, &tiles);
    assert!(inspect(&path).unwrap().problems.is_empty());

    // Leaf directories, as large archives have.
    let bulk = dir.path().join("bulk.pmtiles");
    let coords = testdata::bulk_pmtiles(&bulk, 10_000, 64, Some(700)).unwrap();
    let store = TileStore::open(&bulk).unwrap();
    let TileStore::Pmtiles(archive) = &store else {
        panic!("not PMTiles")
    };
    assert!(
        archive.header().leaf_length > 0,
        "expected leaf directories"
    );
    for coord in coords.iter().step_by(997).chain(coords.last()) {
        assert!(store.tile(*coord).unwrap().is_some(), "tile {coord}");
    }
    let report = inspect(&bulk).unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(report.info.tile_count, 10_000);
}

#[test]
fn vector_tiles_stay_gzipped_and_declare_their_layers() {
    let dir = temp();
    let mbtiles = dir.path().join("contours.mbtiles");
    let pmtiles = dir.path().join("contours.pmtiles");
    testdata::vector_mbtiles(&mbtiles, &SMALL).unwrap();
    testdata::vector_pmtiles(&pmtiles, &SMALL).unwrap();
    let coord = TileCoord::containing(6.3, 44.8, 11).unwrap();
    for path in [&mbtiles, &pmtiles] {
        let store = TileStore::open(path).unwrap();
        let info = store.info();
        assert_eq!(
            (info.format, info.encoding),
            (TileFormat::Mvt, TileEncoding::Gzip)
        );
        let layers: serde_json::Value =
            serde_json::from_str(info.vector_layers.as_deref().unwrap()).unwrap();
        assert_eq!(layers[0]["id"], "contour");
        let bytes = store.tile(coord).unwrap().unwrap();
        assert_eq!(bytes, testdata::vector_tile(coord));
    }
}

#[test]
fn overlapping_sets_act_as_one_layer_newest_first() {
    let dir = temp();
    let wide = dir.path().join("wide.mbtiles");
    let detail = dir.path().join("detail.pmtiles");
    testdata::relief_mbtiles(&wide, &SMALL, MbtilesSchema::Flat, TileFormat::Png).unwrap();
    let corridor = TileArea {
        west: 6.25,
        south: 44.75,
        east: 6.35,
        north: 44.85,
        min_zoom: 11,
        max_zoom: 13,
    };
    testdata::relief_pmtiles(&detail, &corridor, TileFormat::Jpeg).unwrap();

    let layers = TileLayers::new();
    layers.add("relief", &wide).unwrap();
    layers.add("relief", &detail).unwrap();
    let layer = layers.layer("relief").unwrap();
    assert_eq!(layer.min_zoom(), 0);
    assert_eq!(layer.max_zoom(), 18, "raster layers are served to z18");

    // Where both hold a tile, the newest set wins; elsewhere the other one serves.
    let shared = TileCoord::containing(6.3, 44.8, 11).unwrap();
    assert_eq!(
        layer.stored_tile(shared).unwrap().unwrap().format,
        TileFormat::Jpeg
    );
    let only_wide = TileCoord::containing(6.05, 44.65, 11).unwrap();
    assert_eq!(
        layer.stored_tile(only_wide).unwrap().unwrap().format,
        TileFormat::Png
    );

    // Past the corridor's z13 the corridor's tile is overzoomed; outside it, the wide set's z11.
    let deep = TileCoord::containing(6.3, 44.8, 15).unwrap();
    assert_eq!(layer.stored_tile(deep).unwrap(), None);
    let tile = layer.overzoomed_tile(deep).unwrap().unwrap();
    assert_eq!(tile.format, TileFormat::Png);
    assert!(tile.etag.contains(&deep.ancestor(13).to_string()));
    let image = image::load_from_memory(&tile.bytes).unwrap();
    assert_eq!((image.width(), image.height()), (256, 256));
    let far = TileCoord::containing(6.05, 44.65, 13).unwrap();
    assert!(
        layer
            .overzoomed_tile(far)
            .unwrap()
            .unwrap()
            .etag
            .contains(&far.ancestor(11).to_string())
    );

    // A vector set cannot join a raster layer; removing the corridor leaves the wide set.
    let vector = dir.path().join("contours.mbtiles");
    testdata::vector_mbtiles(&vector, &SMALL).unwrap();
    assert!(matches!(
        layers.add("relief", &vector),
        Err(TileError::LayerMismatch { .. })
    ));
    assert!(matches!(
        layers.add("../x", &vector),
        Err(TileError::InvalidLayerKey { .. })
    ));
    assert!(layers.remove(&detail));
    let layer = layers.layer("relief").unwrap();
    assert_eq!(
        layer.stored_tile(shared).unwrap().unwrap().format,
        TileFormat::Png
    );
    assert!(layers.remove(&wide));
    assert!(layers.layer("relief").is_none());
}

/// The error opening `path` gives.
fn refused(path: &Path) -> TileError {
    TileStore::open(path).expect_err("a damaged tile set must not open")
}

fn sqlite(path: &Path, sql: &str) {
    rusqlite::Connection::open(path)
        .unwrap()
        .execute_batch(sql)
        .unwrap();
}

fn small_flat(dir: &TempDir, name: &str) -> PathBuf {
    let path = dir.path().join(name);
    testdata::relief_mbtiles(
        &path,
        &TERRITORY.zooms(0, 6),
        MbtilesSchema::Flat,
        TileFormat::Png,
    )
    .unwrap();
    path
}

#[test]
fn damaged_or_lying_mbtiles_are_clear_errors() {
    let dir = temp();

    let not_sqlite = dir.path().join("text.mbtiles");
    std::fs::write(&not_sqlite, "just some text, long enough to be sniffed").unwrap();
    assert!(matches!(
        refused(&not_sqlite),
        TileError::NotATileSet { .. }
    ));
    assert!(matches!(
        TileStore::open(&dir.path().join("missing.mbtiles")),
        Err(TileError::Io { .. })
    ));

    let other_db = dir.path().join("other.sqlite");
    sqlite(
        &other_db,
        "CREATE TABLE treks (id INTEGER); INSERT INTO treks VALUES (1);",
    );
    assert!(matches!(refused(&other_db), TileError::NotATileSet { .. }));

    let truncated = small_flat(&dir, "truncated.mbtiles");
    let bytes = std::fs::read(&truncated).unwrap();
    std::fs::write(&truncated, &bytes[..bytes.len() / 3]).unwrap();
    let opened = TileStore::open(&truncated);
    let read_all = || -> Result<(), TileError> {
        let store = TileStore::open(&truncated)?;
        for coord in TERRITORY.zooms(0, 6).coords() {
            store.tile(coord)?;
        }
        Ok(())
    };
    assert!(
        opened.is_err() || read_all().is_err(),
        "a third of a database must not read cleanly"
    );

    let lying = small_flat(&dir, "lying.mbtiles");
    sqlite(
        &lying,
        "UPDATE metadata SET value = 'jpg' WHERE name = 'format';",
    );
    let error = TileStore::open(&lying).unwrap_err();
    assert!(
        matches!(error, TileError::InvalidMetadata { .. }),
        "{error}"
    );
    assert!(
        error.to_string().contains("jpg but the tiles are png"),
        "{error}"
    );

    let bad_bounds = small_flat(&dir, "bounds.mbtiles");
    sqlite(
        &bad_bounds,
        "UPDATE metadata SET value = '6.6,44.6,6.0' WHERE name = 'bounds';",
    );
    assert!(matches!(
        refused(&bad_bounds),
        TileError::InvalidMetadata { .. }
    ));

    let empty = dir.path().join("empty.mbtiles");
    testdata::write_flat_mbtiles(&empty, &[], std::iter::empty()).unwrap();
    assert!(matches!(refused(&empty), TileError::InvalidMetadata { .. }));

    let unknown_format = small_flat(&dir, "tiff.mbtiles");
    sqlite(
        &unknown_format,
        "UPDATE metadata SET value = 'tiff' WHERE name = 'format';",
    );
    assert!(matches!(
        refused(&unknown_format),
        TileError::Unsupported { .. }
    ));

    // One tile replaced by HTML: the set opens (the sample is fine), that tile is refused.
    let poisoned = small_flat(&dir, "poisoned.mbtiles");
    sqlite(
        &poisoned,
        "UPDATE tiles SET tile_data = CAST('<html>' AS BLOB) WHERE zoom_level = 6;",
    );
    let store = TileStore::open(&poisoned).unwrap();
    let coord = TileCoord::containing(6.3, 44.8, 6).unwrap();
    assert!(matches!(store.tile(coord), Err(TileError::Corrupt { .. })));

    // A tampered tile fails the agg_tiles_hash check.
    let tampered = small_flat(&dir, "tampered.mbtiles");
    let png = testdata::relief_tile(TileCoord::new(0, 0, 0).unwrap(), TileFormat::Png).unwrap();
    let conn = rusqlite::Connection::open(&tampered).unwrap();
    conn.execute(
        "UPDATE tiles SET tile_data = ?1 WHERE zoom_level = 5",
        [&png],
    )
    .unwrap();
    drop(conn);
    let report = inspect(&tampered).unwrap();
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.contains("hash") && p.contains("does not match")),
        "{:?}",
        report.problems
    );
}

#[test]
fn damaged_pmtiles_are_clear_errors() {
    let dir = temp();
    let good = dir.path().join("good.pmtiles");
    testdata::relief_pmtiles(&good, &TERRITORY.zooms(0, 6), TileFormat::Png).unwrap();
    let bytes = std::fs::read(&good).unwrap();
    let write = |name: &str, content: &[u8]| {
        let path = dir.path().join(name);
        std::fs::write(&path, content).unwrap();
        path
    };

    let header_only = write("header.pmtiles", &bytes[..60]);
    assert!(matches!(refused(&header_only), TileError::Corrupt { .. }));

    let truncated = write("truncated.pmtiles", &bytes[..bytes.len() - 100]);
    let error = TileStore::open(&truncated).unwrap_err();
    assert!(error.to_string().contains("truncated"), "{error}");

    let mut v2 = bytes.clone();
    v2[7] = 2;
    assert!(matches!(
        refused(&write("v2.pmtiles", &v2)),
        TileError::NotATileSet { .. }
    ));

    let mut brotli = bytes.clone();
    brotli[97] = 3;
    assert!(matches!(
        refused(&write("br.pmtiles", &brotli)),
        TileError::Unsupported { .. }
    ));

    let mut garbage_root = bytes.clone();
    for byte in &mut garbage_root[127..140] {
        *byte = 0xFF;
    }
    assert!(matches!(
        refused(&write("root.pmtiles", &garbage_root)),
        TileError::Corrupt { .. }
    ));

    let mut huge_offsets = bytes.clone();
    huge_offsets[56..64].copy_from_slice(&u64::MAX.to_le_bytes());
    assert!(matches!(
        refused(&write("offsets.pmtiles", &huge_offsets)),
        TileError::Corrupt { .. }
    ));

    let mut bad_zooms = bytes.clone();
    bad_zooms[100] = 9;
    bad_zooms[101] = 3;
    assert!(matches!(
        refused(&write("zooms.pmtiles", &bad_zooms)),
        TileError::InvalidMetadata { .. }
    ));
}
