//! The sample basemap the README's `pack build` example uses: written by the
//! test kit's `sample-basemap`, a valid tile set over the park `fake-geotrek`
//! serves.

use std::process::Command;

use sentier_core::tiles::inspect::inspect;
use sentier_core::tiles::{TileCoord, TileFormat, TileStore};
use sentier_testkit::territory::PARK_EXTENT;

#[test]
fn the_sample_basemap_covers_the_demo_park() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("basemap.mbtiles");
    let status = Command::new(env!("CARGO_BIN_EXE_sample-basemap"))
        .arg(&out)
        .args(["--max-zoom", "9"])
        .status()
        .unwrap();
    assert!(status.success());
    let report = inspect(&out).unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    let info = &report.info;
    assert_eq!(
        (info.format, info.min_zoom, info.max_zoom),
        (TileFormat::Jpeg, 0, 9)
    );
    let [west, south, east, north] = PARK_EXTENT;
    assert_eq!(
        [
            info.bounds.west,
            info.bounds.south,
            info.bounds.east,
            info.bounds.north
        ],
        [west, south, east, north]
    );
    let store = TileStore::open(&out).unwrap();
    for (lng, lat) in [
        (west, south),
        (east, north),
        ((west + east) / 2.0, (south + north) / 2.0),
    ] {
        let coord = TileCoord::containing(lng, lat, 9).unwrap();
        assert!(store.tile(coord).unwrap().is_some(), "{coord}");
    }
    // An existing file is left alone.
    let again = Command::new(env!("CARGO_BIN_EXE_sample-basemap"))
        .arg(&out)
        .status()
        .unwrap();
    assert!(!again.success());
}
