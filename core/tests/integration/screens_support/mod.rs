//! What the screens' tests share: the demo park served and synced once,
//! its pack built and published once, settings in a folder, and the
//! redaction of loopback ports in snapshots.

use std::path::Path;
use std::sync::{Arc, OnceLock};

use sentier_core::catalog::{Catalog, Limits, SyncOptions, sync::sync};
use sentier_core::packs::PackLibrary;
use sentier_core::packs::build::{BuildOptions, build_pack};
use sentier_core::packs::download::TransferOptions;
use sentier_core::packs::tiles::TilePlan;
use sentier_core::runtime::runtime;
use sentier_core::screens::packs::PacksScreen;
use sentier_core::screens::settings::Settings;
use sentier_testkit::api_server::ApiServer;
use sentier_testkit::pack_server::PackServer;
use sentier_testkit::territory::{Territory, TerritorySpec};
use tokio_util::sync::CancellationToken;

/// The demo park's API, served for the whole test binary.
pub fn park() -> &'static ApiServer {
    static PARK: OnceLock<ApiServer> = OnceLock::new();
    PARK.get_or_init(|| ApiServer::start(Territory::generate(&TerritorySpec::demo())).unwrap())
}

/// The demo park synced once into a catalog.
pub fn catalog() -> Arc<Catalog> {
    static CATALOG: OnceLock<(tempfile::TempDir, Arc<Catalog>)> = OnceLock::new();
    let (_, catalog) = CATALOG.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("catalog.sqlite");
        let options = SyncOptions {
            languages: vec!["fr".into(), "en".into()],
            portal: None,
        };
        runtime()
            .block_on(sync(
                &path,
                &park().base_url(),
                &options,
                Limits::default(),
                &|_| {},
                &CancellationToken::new(),
            ))
            .unwrap();
        (dir, Arc::new(Catalog::open(&path).unwrap()))
    });
    Arc::clone(catalog)
}

/// The settings kept in `dir`, for a device speaking `device`.
pub fn settings(dir: &Path, device: &str) -> Arc<Settings> {
    Arc::new(Settings::open(dir, vec![device.to_string()]))
}

/// Loopback ports change from run to run; snapshots name the server instead.
pub fn redacted(snapshot: impl FnOnce()) {
    insta::with_settings!({ filters => vec![(r"http://127\.0\.0\.1:\d+", "http://[server]")] }, {
        snapshot()
    });
}

/// The demo pack built once and published by a pack server root.
pub fn published_pack() -> &'static Path {
    static ROOT: OnceLock<tempfile::TempDir> = OnceLock::new();
    ROOT.get_or_init(|| {
        let work = tempfile::tempdir().unwrap();
        let options = BuildOptions {
            api_url: park().base_url(),
            tiles: None,
            out: work.path().to_path_buf(),
            id: "demo".into(),
            name: "Démo".into(),
            languages: vec!["fr".into()],
            bbox: None,
            plan: TilePlan::default(),
        };
        runtime()
            .block_on(build_pack(&options, &|_| {}, &CancellationToken::new()))
            .unwrap();
        work
    })
    .path()
}

/// A packs screen over a new library in `dir`, the demo pack downloaded
/// from a pack server and in use.
pub fn demo_pack_in_use(dir: &Path, settings: &Arc<Settings>) -> PacksScreen {
    let server = PackServer::start(published_pack()).unwrap();
    settings.set_pack_server(&server.url());
    let library = Arc::new(PackLibrary::open(dir, TransferOptions::default()).unwrap());
    let screen = PacksScreen::open(library, Arc::clone(settings), None);
    let mut changes = screen.subscribe();
    screen.download("demo".into());
    runtime().block_on(async {
        while let Some(state) = changes.next().await {
            if state.in_use.is_some() && !state.loading {
                break;
            }
        }
    });
    screen
}
