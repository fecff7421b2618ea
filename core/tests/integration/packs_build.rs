//! Building a pack from the test kit's Geotrek API server and a synthetic
//! relief: deterministic bytes, a corridor of high-zoom tiles, cheap
//! republishing, and data that imports back into a working catalog.

use std::collections::BTreeMap;
use std::path::Path;

use sentier_core::catalog::snapshot::import;
use sentier_core::catalog::{Catalog, TrekQuery};
use sentier_core::packs::build::{BuildOptions, BuildReport, build_pack};
use sentier_core::packs::data::read_data;
use sentier_core::packs::tiles::TilePlan;
use sentier_core::packs::{FileKind, PackError, PackManifest, verify_pack_dir};
use sentier_core::runtime::runtime;
use sentier_core::tiles::{TileCoord, TileStore};
use sentier_testkit::api_server::ApiServer;
use sentier_testkit::territory::{Territory, TerritorySpec};
use sentier_testkit::tiles::{TERRITORY, write_relief_mbtiles};
use tokio_util::sync::CancellationToken;

fn plan() -> TilePlan {
    TilePlan {
        low_zooms: 0..=10,
        high_zooms: 11..=13,
        corridor_m: 300.0,
        ..TilePlan::default()
    }
}

fn relief(dir: &Path) -> std::path::PathBuf {
    let area = TERRITORY.zooms(0, 13);
    let path = dir.join("relief.mbtiles");
    write_relief_mbtiles(&path, &area).unwrap();
    path
}

fn build(server: &ApiServer, tiles: &Path, out: &Path) -> Result<BuildReport, PackError> {
    build_in(server, tiles, out, None)
}

fn build_in(
    server: &ApiServer,
    tiles: &Path,
    out: &Path,
    bbox: Option<[f64; 4]>,
) -> Result<BuildReport, PackError> {
    let options = BuildOptions {
        api_url: server.base_url(),
        tiles: Some(tiles.to_path_buf()),
        out: out.to_path_buf(),
        id: "ecrins".into(),
        name: "Écrins".into(),
        languages: vec!["fr".into(), "en".into()],
        bbox,
        plan: plan(),
    };
    runtime().block_on(build_pack(&options, &|_| {}, &CancellationToken::new()))
}

fn hashes(manifest: &PackManifest) -> BTreeMap<String, String> {
    manifest
        .files
        .iter()
        .map(|file| (file.path.clone(), file.sha256.clone()))
        .collect()
}

#[test]
fn the_same_territory_gives_the_same_bytes_and_a_change_touches_few_files() {
    let server = ApiServer::start(Territory::generate(&TerritorySpec::small(3, 12))).unwrap();
    let work = tempfile::tempdir().unwrap();
    let tiles = relief(work.path());
    let (first_out, second_out) = (work.path().join("a"), work.path().join("b"));
    let first = build(&server, &tiles, &first_out).unwrap();
    let second = build(&server, &tiles, &second_out).unwrap();
    assert_eq!(first.manifest, second.manifest);
    // Published like any static site: everyone may read every file.
    #[cfg(unix)]
    for file in first
        .manifest
        .files
        .iter()
        .map(|file| file.path.as_str())
        .chain(["manifest.json", "../index.json"])
    {
        use std::os::unix::fs::PermissionsExt;
        let path = first_out.join("ecrins").join(file);
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o044, 0o044, "{file}: {mode:o}");
    }
    for file in &first.manifest.files {
        assert_eq!(
            std::fs::read(first_out.join("ecrins").join(&file.path)).unwrap(),
            std::fs::read(second_out.join("ecrins").join(&file.path)).unwrap(),
            "{}",
            file.path
        );
    }
    assert_eq!(
        std::fs::read(first_out.join("index.json")).unwrap(),
        std::fs::read(second_out.join("index.json")).unwrap()
    );
    verify_pack_dir(&first_out.join("ecrins"), &first.manifest).unwrap();
    let kinds: Vec<FileKind> = first.manifest.files.iter().map(|f| f.kind).collect();
    for kind in [FileKind::Data, FileKind::Tiles, FileKind::Media] {
        assert!(kinds.contains(&kind), "{kind:?} files");
    }
    assert!(first.media_skipped.is_empty(), "{:?}", first.media_skipped);

    // Republished unchanged: same version, nothing changed.
    let again = build(&server, &tiles, &first_out).unwrap();
    assert_eq!(again.manifest.version, first.manifest.version);
    assert!(again.changed_files.is_empty(), "{:?}", again.changed_files);

    // One trek edited: a new version where few files changed.
    server.with_territory(|territory| territory.touch(0.05, 4));
    let updated = build(&server, &tiles, &first_out).unwrap();
    assert_eq!(updated.manifest.version, first.manifest.version + 1);
    let (before, after) = (hashes(&first.manifest), hashes(&updated.manifest));
    let changed_bytes: u64 = updated
        .manifest
        .files
        .iter()
        .filter(|file| before.get(&file.path) != Some(&file.sha256))
        .map(|file| file.size)
        .sum();
    assert!(!updated.changed_files.is_empty());
    assert!(
        changed_bytes * 2 < updated.manifest.total_size(),
        "{changed_bytes} of {} bytes changed",
        updated.manifest.total_size()
    );
    assert!(after.len() >= before.len() / 2);
    verify_pack_dir(&first_out.join("ecrins"), &updated.manifest).unwrap();
}

#[test]
fn high_zoom_tiles_follow_the_treks_and_low_zooms_cover_the_territory() {
    let server = ApiServer::start(Territory::generate(&TerritorySpec::small(5, 6))).unwrap();
    let work = tempfile::tempdir().unwrap();
    let tiles = relief(work.path());
    let territory = [
        TERRITORY.west,
        TERRITORY.south,
        TERRITORY.east,
        TERRITORY.north,
    ];
    let report = build_in(&server, &tiles, work.path(), Some(territory)).unwrap();
    let pack = work.path().join("ecrins");
    let base = TileStore::open(&pack.join("tiles/base.mbtiles")).unwrap();
    assert_eq!((base.info().min_zoom, base.info().max_zoom), (0, 8));
    let bbox = &report.manifest.bbox;
    let whole = |z: u8| {
        let nw = TileCoord::containing(bbox[0], bbox[3], z).unwrap();
        let se = TileCoord::containing(bbox[2], bbox[1], z).unwrap();
        u64::from(se.x() - nw.x() + 1) * u64::from(se.y() - nw.y() + 1)
    };
    let source = TileStore::open(&tiles).unwrap();
    let mut per_zoom = BTreeMap::<u8, u64>::new();
    for file in report
        .manifest
        .files
        .iter()
        .filter(|f| f.kind == FileKind::Tiles)
    {
        if file.path == "tiles/base.mbtiles" {
            continue;
        }
        // tiles/<z>/<cell x>-<cell y>.mbtiles holds zoom z's tiles of that 2 x 2 cell.
        let parts: Vec<&str> = file
            .path
            .trim_end_matches(".mbtiles")
            .split(['/', '-'])
            .collect();
        let (z, cx, cy): (u8, u32, u32) = (
            parts[1].parse().unwrap(),
            parts[2].parse().unwrap(),
            parts[3].parse().unwrap(),
        );
        let store = TileStore::open(&pack.join(&file.path)).unwrap();
        assert_eq!(
            (store.info().min_zoom, store.info().max_zoom),
            (z, z),
            "{}",
            file.path
        );
        *per_zoom.entry(z).or_default() += store.info().tile_count;
        let bounds = store.info().bounds;
        let probe = TileCoord::containing(
            (bounds.west + bounds.east) / 2.0,
            (bounds.south + bounds.north) / 2.0,
            z,
        )
        .unwrap();
        assert_eq!((probe.x() / 2, probe.y() / 2), (cx, cy), "{}", file.path);
        if let Some(kept) = store.tile(probe).unwrap() {
            assert_eq!(Some(kept), source.tile(probe).unwrap(), "{}", file.path);
        }
    }
    // The low zooms cover the territory; the high zooms only a corridor.
    for z in 9..=10 {
        assert_eq!(per_zoom[&z], whole(z), "zoom {z}");
    }
    for z in 11..=13 {
        assert!(
            per_zoom[&z] > 0 && per_zoom[&z] < whole(z),
            "zoom {z}: {} of {}",
            per_zoom[&z],
            whole(z)
        );
    }
}

#[test]
fn the_data_files_import_into_a_catalog_that_answers_like_the_synced_one() {
    let server = ApiServer::start(Territory::generate(&TerritorySpec::small(7, 10))).unwrap();
    let work = tempfile::tempdir().unwrap();
    let tiles = relief(work.path());
    let report = build(&server, &tiles, work.path()).unwrap();
    let pack = work.path().join("ecrins");
    let data: Vec<&str> = report
        .manifest
        .files
        .iter()
        .filter(|file| file.kind == FileKind::Data)
        .map(|file| file.path.as_str())
        .collect();
    let snapshot = read_data(&pack, &data).unwrap();
    let imported_path = work.path().join("imported.sqlite");
    assert!(import(&imported_path, &snapshot, &report.manifest.created).unwrap() > 10);

    let synced_path = work.path().join("synced.sqlite");
    runtime()
        .block_on(sentier_core::catalog::sync::sync(
            &synced_path,
            &server.base_url(),
            &sentier_core::catalog::SyncOptions {
                languages: vec!["fr".into(), "en".into()],
                portal: None,
            },
            sentier_core::catalog::Limits::default(),
            &|_| {},
            &CancellationToken::new(),
        ))
        .unwrap();
    let (imported, synced) = (
        Catalog::open(&imported_path).unwrap(),
        Catalog::open(&synced_path).unwrap(),
    );
    let query = TrekQuery {
        limit: 100,
        ..TrekQuery::all("fr")
    };
    let names = |catalog: &Catalog| -> Vec<String> {
        catalog
            .search(&query)
            .unwrap()
            .treks
            .into_iter()
            .map(|t| t.name)
            .collect()
    };
    assert_eq!(names(&imported), names(&synced));
    let first = synced.search(&query).unwrap().treks[0].id;
    assert_eq!(
        imported.trek_detail(first, "en").unwrap(),
        synced.trek_detail(first, "en").unwrap()
    );
    assert_eq!(
        imported.status().unwrap().places,
        synced.status().unwrap().places
    );
}

#[test]
fn an_unreachable_api_is_a_typed_error_and_writes_nothing() {
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("out");
    let options = BuildOptions {
        api_url: "http://127.0.0.1:9/api/v2/".into(),
        tiles: None,
        out: out.clone(),
        id: "nowhere".into(),
        name: "Nowhere".into(),
        languages: vec![],
        bbox: None,
        plan: plan(),
    };
    let outcome = runtime().block_on(build_pack(&options, &|_| {}, &CancellationToken::new()));
    assert!(
        matches!(outcome, Err(PackError::Source { .. })),
        "{outcome:?}"
    );
    assert!(!out.exists());
    let missing_tiles = BuildOptions {
        tiles: Some(work.path().join("missing.mbtiles")),
        ..options
    };
    let outcome = runtime().block_on(build_pack(
        &missing_tiles,
        &|_| {},
        &CancellationToken::new(),
    ));
    assert!(matches!(outcome, Err(PackError::Io { .. })), "{outcome:?}");
    assert!(!out.exists());
}
