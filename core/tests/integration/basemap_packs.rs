//! Basemap packs: a real MBTiles file and a real PMTiles archive written by
//! the test kit, installed from the disk and from a loopback server (with a
//! dropped connection), and files that are not tile sets refused.

use std::path::Path;

use sentier_core::packs::basemap::add_basemap;
use sentier_core::packs::download::TransferOptions;
use sentier_core::packs::{
    InstalledPack, PackError, PackKind, PackLibrary, PackManifest, PackProgress,
};
use sentier_core::runtime::runtime;
use sentier_core::tiles::{TileFormat, TileStore};
use sentier_testkit::pack_server::{PackFault, PackFaultRule, PackServer};
use sentier_testkit::tiles::hostile::huge_tile_pmtiles;
use sentier_testkit::tiles::{TERRITORY, relief_pmtiles, write_relief_mbtiles};
use tokio_util::sync::CancellationToken;

fn library(data: &Path) -> PackLibrary {
    let options = TransferOptions {
        first_retry: std::time::Duration::from_millis(10),
        ..TransferOptions::default()
    };
    PackLibrary::open(data, options).unwrap()
}

fn add(
    library: &PackLibrary,
    source: &str,
    name: Option<&str>,
) -> Result<InstalledPack, PackError> {
    let seen = std::sync::Mutex::new(Vec::<PackProgress>::new());
    let progress = |p: &PackProgress| seen.lock().unwrap().push(p.clone());
    let outcome = runtime().block_on(add_basemap(
        library,
        source,
        name,
        &progress,
        &CancellationToken::new(),
    ));
    if outcome.is_ok() {
        let seen = seen.lock().unwrap();
        let last = seen.last().expect("progress was reported");
        assert_eq!(last.bytes_done, last.bytes_total, "{last:?}");
    }
    outcome
}

fn manifest(pack: &InstalledPack) -> PackManifest {
    PackManifest::parse(&std::fs::read(Path::new(&pack.folder).join("manifest.json")).unwrap())
        .unwrap()
}

#[test]
fn a_basemap_pack_installs_from_an_mbtiles_file_with_its_bounds_and_zooms() {
    let work = tempfile::tempdir().unwrap();
    let source = work.path().join("Relief IGN.mbtiles");
    let area = TERRITORY.zooms(0, 10);
    let tiles = write_relief_mbtiles(&source, &area).unwrap();
    let library = library(&work.path().join("data"));

    let pack = add(&library, source.to_str().unwrap(), None).unwrap();

    assert_eq!(pack.id, "basemap-relief-ign");
    assert_eq!(pack.kind, PackKind::Basemap);
    assert_eq!(pack.server_url, source.display().to_string());
    assert_eq!(pack.admin_url, "", "a basemap comes from no Geotrek-admin");
    assert_eq!(pack.tile_files.len(), 1);
    assert!(pack.tile_files[0].ends_with("tiles/basemap.mbtiles"));
    let installed = TileStore::open(Path::new(&pack.tile_files[0])).unwrap();
    assert_eq!(installed.info().tile_count, tiles);
    assert_eq!(
        std::fs::read(&pack.tile_files[0]).unwrap(),
        std::fs::read(&source).unwrap()
    );
    for (got, want) in pack
        .bbox
        .iter()
        .zip([area.west, area.south, area.east, area.north])
    {
        assert!((got - want).abs() < 1e-6, "{:?}", pack.bbox);
    }
    let manifest = manifest(&pack);
    assert_eq!((manifest.min_zoom, manifest.max_zoom), (0, 10));
    assert_eq!(manifest.name, installed.info().name);
    assert_eq!(library.installed().unwrap(), vec![pack.clone()]);

    let again = add(&library, source.to_str().unwrap(), Some("My relief")).unwrap();
    assert_eq!((again.version, again.name.as_str()), (2, "My relief"));
    library.remove(&again.id).unwrap();
    assert!(library.installed().unwrap().is_empty());
}

#[test]
fn a_basemap_pack_downloads_a_pmtiles_url_resuming_after_a_dropped_connection() {
    let work = tempfile::tempdir().unwrap();
    let www = work.path().join("www");
    std::fs::create_dir_all(&www).unwrap();
    let source = www.join("alps_topo.pmtiles");
    let area = TERRITORY.zooms(0, 11);
    let tiles = relief_pmtiles(&source, &area, TileFormat::Png).unwrap();
    let size = std::fs::metadata(&source).unwrap().len();
    let server = PackServer::start(&www).unwrap();
    server.set_faults(vec![PackFaultRule::new(
        "alps_topo.pmtiles",
        PackFault::ResetAt { offset: size / 2 },
        2,
    )]);
    let library = library(&work.path().join("data"));
    let url = format!("{}alps_topo.pmtiles", server.url());

    let pack = add(&library, &url, None).unwrap();

    assert_eq!(pack.id, "basemap-alps-topo");
    assert_eq!(pack.kind, PackKind::Basemap);
    assert_eq!(pack.server_url, url);
    assert!(pack.tile_files[0].ends_with("tiles/basemap.pmtiles"));
    assert_eq!(
        std::fs::read(&pack.tile_files[0]).unwrap(),
        std::fs::read(&source).unwrap()
    );
    let installed = TileStore::open(Path::new(&pack.tile_files[0])).unwrap();
    assert_eq!(installed.info().tile_count as usize, tiles);
    assert_eq!(
        (manifest(&pack).min_zoom, manifest(&pack).max_zoom),
        (0, 11)
    );
    assert!(
        server.bytes_sent("alps_topo.pmtiles") < 2 * size,
        "the dropped transfer resumed instead of starting over"
    );
}

#[test]
fn files_that_are_not_usable_tile_sets_are_refused_and_nothing_is_installed() {
    let work = tempfile::tempdir().unwrap();
    let library = library(&work.path().join("data"));
    let text = work.path().join("notes.mbtiles");
    std::fs::write(&text, b"these are my hiking notes, not a map").unwrap();
    let bomb = work.path().join("bomb.pmtiles");
    huge_tile_pmtiles(&bomb, 64 << 20).unwrap();
    let empty = work.path().join("empty.mbtiles");
    rusqlite::Connection::open(&empty)
        .unwrap()
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();

    for file in [&text, &bomb, &empty] {
        let error = add(&library, file.to_str().unwrap(), None).unwrap_err();
        assert!(
            matches!(&error, PackError::BadTileSet { file: named, .. } if named == &file.display().to_string()),
            "{file:?}: {error:?}"
        );
    }
    assert!(library.installed().unwrap().is_empty());
    let staging = work.path().join("data/packs/.staging");
    assert_eq!(
        std::fs::read_dir(staging).unwrap().count(),
        0,
        "nothing kept"
    );

    let server = PackServer::start(work.path()).unwrap();
    let url = format!("{}none.pmtiles", server.url());
    let missing = add(&library, &url, None).unwrap_err();
    assert!(matches!(missing, PackError::Network { .. }), "{missing:?}");
    assert!(library.installed().unwrap().is_empty());
}
