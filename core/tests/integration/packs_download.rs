//! Downloading, installing, updating and removing packs from the test kit's
//! pack server, with the faults of a mountain connection. Each case ends
//! with a correct installed pack or a clear error and the previous version
//! intact; what was re-fetched is counted on the server's side.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use sentier_core::catalog::{Catalog, TrekQuery};
use sentier_core::packs::build::{BuildOptions, build_pack};
use sentier_core::packs::download::TransferOptions;
use sentier_core::packs::tiles::TilePlan;
use sentier_core::packs::{InstalledPack, PackError, PackLibrary, PackManifest, PackProgress};
use sentier_core::runtime::runtime;
use sentier_core::tiles::TileStore;
use sentier_testkit::api_server::ApiServer;
use sentier_testkit::pack_server::{PackFault, PackFaultRule, PackServer};
use sentier_testkit::territory::{Territory, TerritorySpec};
use sentier_testkit::tiles::{TERRITORY, write_relief_mbtiles};
use tokio_util::sync::CancellationToken;

const ID: &str = "ecrins";

/// A park and its relief, and the pack built from them once per test run.
struct Fixture {
    _work: tempfile::TempDir,
    api: ApiServer,
    relief: PathBuf,
    /// A pack server root holding version 1.
    published: PathBuf,
}

fn fixture() -> &'static Mutex<Fixture> {
    static FIXTURE: OnceLock<Mutex<Fixture>> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let work = tempfile::tempdir().unwrap();
        let api = ApiServer::start(Territory::generate(&TerritorySpec::small(21, 12))).unwrap();
        let area = TERRITORY.zooms(0, 13);
        let relief = work.path().join("relief.mbtiles");
        write_relief_mbtiles(&relief, &area).unwrap();
        let published = work.path().join("v1");
        build(&api, &relief, &published);
        Mutex::new(Fixture {
            _work: work,
            api,
            relief,
            published,
        })
    })
}

fn build(api: &ApiServer, relief: &Path, out: &Path) -> PackManifest {
    let options = BuildOptions {
        api_url: api.base_url(),
        tiles: Some(relief.to_path_buf()),
        out: out.to_path_buf(),
        id: ID.into(),
        name: "Écrins".into(),
        languages: vec!["fr".into(), "en".into()],
        bbox: None,
        plan: TilePlan {
            low_zooms: 0..=10,
            high_zooms: 11..=13,
            corridor_m: 400.0,
            ..TilePlan::default()
        },
    };
    runtime()
        .block_on(build_pack(&options, &|_| {}, &CancellationToken::new()))
        .unwrap()
        .manifest
}

/// A copy of the published pack server root, served.
fn serve_copy(into: &Path) -> (PackServer, PathBuf) {
    let root = into.join("server");
    copy_dir(&fixture().lock().unwrap().published, &root);
    (PackServer::start(&root).unwrap(), root)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn fast() -> TransferOptions {
    TransferOptions {
        first_retry: Duration::from_millis(20),
        stall: Duration::from_secs(2),
        flush_every: 64 * 1024,
        ..TransferOptions::default()
    }
}

fn manifest(root: &Path) -> PackManifest {
    PackManifest::parse(&std::fs::read(root.join(ID).join("manifest.json")).unwrap()).unwrap()
}

fn download(
    library: &PackLibrary,
    server: &PackServer,
    progress: &(dyn Fn(&PackProgress) + Send + Sync),
    cancel: &CancellationToken,
) -> Result<InstalledPack, PackError> {
    runtime().block_on(library.download(&server.url(), ID, progress, cancel))
}

/// The installed pack answers: its treks are found, its tiles open.
fn assert_usable(pack: &InstalledPack) {
    let catalog = Catalog::open(Path::new(&pack.catalog_path)).unwrap();
    let page = catalog.search(&TrekQuery::all("fr")).unwrap();
    assert_eq!(page.total, 12, "every trek of the park is there");
    assert!(!pack.tile_files.is_empty());
    for tiles in &pack.tile_files {
        TileStore::open(Path::new(tiles)).unwrap();
    }
    sentier_core::packs::verify_pack_dir(
        Path::new(&pack.folder),
        &PackManifest::parse(
            &std::fs::read(Path::new(&pack.folder).join("manifest.json")).unwrap(),
        )
        .unwrap(),
    )
    .unwrap();
}

/// The largest file of the pack.
fn largest(root: &Path) -> (String, u64) {
    let manifest = manifest(root);
    let file = manifest.files.iter().max_by_key(|file| file.size).unwrap();
    (file.path.clone(), file.size)
}

#[test]
fn a_pack_downloads_with_progress_and_installs_usable() {
    let work = tempfile::tempdir().unwrap();
    let (server, root) = serve_copy(work.path());
    let library = PackLibrary::open(&work.path().join("data"), fast()).unwrap();
    let listed = runtime()
        .block_on(library.server_packs(&server.url()))
        .unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].size, manifest(&root).total_size());

    let events = Mutex::new(Vec::new());
    let pack = download(
        &library,
        &server,
        &|p| events.lock().unwrap().push(p.clone()),
        &CancellationToken::new(),
    )
    .unwrap();
    assert_usable(&pack);
    let events = events.into_inner().unwrap();
    let last = events.last().unwrap();
    assert!(last.installing);
    assert_eq!(
        (last.bytes_done, last.files_done),
        (last.bytes_total, last.files_total)
    );
    assert!(
        events
            .windows(2)
            .all(|pair| pair[0].bytes_done <= pair[1].bytes_done)
    );
    assert_eq!(
        server.total_bytes_sent()
            - server.bytes_sent("manifest.json")
            - server.bytes_sent("index.json"),
        manifest(&root).total_size()
    );

    // The manifest is asked for again before installing, with its ETag: the
    // server answers 304 and sends it once only.
    let manifest_size = std::fs::metadata(root.join(ID).join("manifest.json"))
        .unwrap()
        .len();
    assert_eq!(server.requests("manifest.json"), 2);
    assert_eq!(server.bytes_sent("manifest.json"), manifest_size);

    let installed = library.installed().unwrap();
    assert_eq!(installed, vec![pack.clone()]);
    let source_api = manifest(&root).source_api;
    assert!(source_api.ends_with("/api/v2/"), "{source_api}");
    assert_eq!(
        format!("{}api/v2/", pack.admin_url),
        source_api,
        "reports about the territory go to the Geotrek-admin the pack was built from"
    );
    assert!(pack.size_on_disk >= manifest(&root).total_size());
    let statuses = runtime().block_on(library.statuses()).unwrap();
    assert_eq!(statuses[0].update_available, None);
}

#[test]
fn every_fault_of_a_bad_connection_still_ends_with_a_correct_pack() {
    let work = tempfile::tempdir().unwrap();
    let (server, root) = serve_copy(work.path());
    let (big, big_size) = largest(&root);
    server.set_faults(vec![
        PackFaultRule::new(
            &big,
            PackFault::ResetAt {
                offset: big_size / 2,
            },
            1,
        ),
        PackFaultRule::new(
            "data/meta.json",
            PackFault::Status {
                status: 503,
                retry_after: Some(1),
            },
            2,
        ),
        PackFaultRule::new(
            "tiles/base.mbtiles",
            PackFault::ShortBody { missing: 1000 },
            1,
        ),
        PackFaultRule::new("0000.json", PackFault::Corrupt { offset: 10 }, 1),
        PackFaultRule::new(
            "*",
            PackFault::Status {
                status: 500,
                retry_after: None,
            },
            2,
        ),
    ]);
    let library = PackLibrary::open(&work.path().join("data"), fast()).unwrap();
    let pack = download(&library, &server, &|_| {}, &CancellationToken::new()).unwrap();
    assert_usable(&pack);
    // The reset file resumed where it was cut: at most one flush interval more.
    assert!(
        server.bytes_sent(&big) <= big_size + 64 * 1024,
        "{} for {big_size}",
        server.bytes_sent(&big)
    );
    assert!(server.requests(&big) >= 2);
}

#[test]
fn a_server_ignoring_range_and_a_trickle_are_survived() {
    let work = tempfile::tempdir().unwrap();
    let (server, root) = serve_copy(work.path());
    let (big, big_size) = largest(&root);
    server.set_faults(vec![
        PackFaultRule::new(
            &big,
            PackFault::ResetAt {
                offset: big_size / 3,
            },
            1,
        ),
        PackFaultRule::new(&big, PackFault::IgnoreRange, 1),
        PackFaultRule::new(
            "data/meta.json",
            PackFault::Trickle {
                bytes_per_second: 8,
            },
            1,
        ),
    ]);
    let library = PackLibrary::open(&work.path().join("data"), fast()).unwrap();
    let pack = download(&library, &server, &|_| {}, &CancellationToken::new()).unwrap();
    assert_usable(&pack);
    // Range ignored: the whole file came again after the cut.
    assert!(server.bytes_sent(&big) >= big_size + big_size / 3 - 1);
}

#[test]
fn a_killed_download_resumes_without_fetching_again_what_it_had() {
    let work = tempfile::tempdir().unwrap();
    let (server, root) = serve_copy(work.path());
    let total = manifest(&root).total_size();
    let (big, big_size) = largest(&root);
    // The largest file comes slowly, so the app is killed in the middle of it.
    server.set_faults(vec![PackFaultRule::new(
        &big,
        PackFault::Trickle {
            bytes_per_second: big_size / 8,
        },
        1,
    )]);
    let data = work.path().join("data");
    {
        let library = PackLibrary::open(&data, fast()).unwrap();
        let cancel = CancellationToken::new();
        let stop = cancel.clone();
        let outcome = download(
            &library,
            &server,
            &move |p| {
                if p.bytes_done > p.bytes_total / 3 {
                    stop.cancel();
                }
            },
            &cancel,
        );
        assert!(matches!(outcome, Err(PackError::Cancelled)), "{outcome:?}");
        assert!(library.installed().unwrap().is_empty(), "nothing visible");
    }
    // The app starts again: it fetches what it did not have, and at most
    // the last flush interval of what it had.
    server.reset_counts();
    let library = PackLibrary::open(&data, fast()).unwrap();
    let had = Mutex::new(None);
    let pack = download(
        &library,
        &server,
        &|p| {
            had.lock().unwrap().get_or_insert(p.bytes_done);
        },
        &CancellationToken::new(),
    )
    .unwrap();
    assert_usable(&pack);
    let had = had.into_inner().unwrap().unwrap();
    assert!(had > 0 && had < total, "{had} of {total} bytes kept");
    let fetched = server.total_bytes_sent() - server.bytes_sent("manifest.json");
    assert!(
        fetched <= total - had + 64 * 1024,
        "{fetched} bytes fetched, {} were missing",
        total - had
    );
}

#[test]
fn a_full_disk_is_a_clear_error_then_the_download_resumes() {
    let work = tempfile::tempdir().unwrap();
    let (server, root) = serve_copy(work.path());
    let total = manifest(&root).total_size();
    let data = work.path().join("data");
    let cramped = TransferOptions {
        storage_limit: Some(total / 2),
        ..fast()
    };
    let library = PackLibrary::open(&data, cramped).unwrap();
    let outcome = download(&library, &server, &|_| {}, &CancellationToken::new());
    assert!(
        matches!(outcome, Err(PackError::NoSpace { needed, .. }) if needed > 0 && needed <= total / 2 + 64 * 1024),
        "the message says what is missing: {outcome:?}"
    );
    assert!(library.installed().unwrap().is_empty());
    drop(library);
    let library = PackLibrary::open(&data, fast()).unwrap();
    assert_usable(&download(&library, &server, &|_| {}, &CancellationToken::new()).unwrap());
}

#[test]
fn a_pack_republished_during_the_download_is_not_installed_half_old() {
    let work = tempfile::tempdir().unwrap();
    let (server, root) = serve_copy(work.path());
    server.set_faults(vec![PackFaultRule::new(
        "data/meta.json",
        PackFault::Status {
            status: 503,
            retry_after: Some(2),
        },
        1,
    )]);
    let mut republished = manifest(&root);
    republished.version += 1;
    republished.name = "Écrins (édition d'hiver)".into();
    let manifest_path = root.join(ID).join("manifest.json");
    let library = PackLibrary::open(&work.path().join("data"), fast()).unwrap();
    // Republished once the download is under way: the server signals the
    // first request of meta.json, which it answers "come back in 2 s".
    let outcome = std::thread::scope(|scope| {
        scope.spawn(|| {
            assert!(server.wait_for_requests("data/meta.json", 1, Duration::from_secs(60)));
            std::fs::write(&manifest_path, republished.to_bytes().unwrap()).unwrap();
        });
        download(&library, &server, &|_| {}, &CancellationToken::new())
    });
    assert!(
        matches!(outcome, Err(PackError::ManifestChanged { version }) if version == republished.version),
        "{outcome:?}"
    );
    assert!(library.installed().unwrap().is_empty());
    let pack = download(&library, &server, &|_| {}, &CancellationToken::new()).unwrap();
    assert_eq!(
        (pack.version, pack.name.as_str()),
        (republished.version, "Écrins (édition d'hiver)")
    );
}

#[test]
fn hostile_manifests_are_refused_before_anything_is_written() {
    let work = tempfile::tempdir().unwrap();
    let (server, root) = serve_copy(work.path());
    let data = work.path().join("data");
    let library = PackLibrary::open(&data, fast()).unwrap();
    let original = manifest(&root);
    let hostile = |edit: &dyn Fn(&mut PackManifest)| {
        let mut manifest = original.clone();
        edit(&mut manifest);
        let bytes = serde_json::to_vec(&manifest).unwrap();
        std::fs::write(root.join(ID).join("manifest.json"), bytes).unwrap();
        download(&library, &server, &|_| {}, &CancellationToken::new())
    };
    let outcomes = [
        hostile(&|m| m.files[0].path = "../../outside".into()),
        hostile(&|m| m.files[0].path = "/etc/passwd".into()),
        hostile(&|m| m.files[0].size = 5 << 30),
        hostile(&|m| m.files[1].path = m.files[0].path.clone()),
        hostile(&|m| m.format = 99),
        // Names the installed pack keeps for itself.
        hostile(&|m| m.files[0].path = "manifest.json".into()),
        hostile(&|m| m.files[0].path = "Catalog.SQLite".into()),
        hostile(&|m| m.files[0].path = "tiles/base.mbtiles.part".into()),
    ];
    assert!(
        matches!(outcomes[0], Err(PackError::UnsafePath { .. })),
        "{:?}",
        outcomes[0]
    );
    assert!(matches!(outcomes[1], Err(PackError::UnsafePath { .. })));
    assert!(matches!(outcomes[2], Err(PackError::Oversized { .. })));
    assert!(matches!(outcomes[3], Err(PackError::DuplicatePath { .. })));
    assert!(matches!(
        outcomes[4],
        Err(PackError::UnsupportedFormat { .. })
    ));
    for reserved in &outcomes[5..] {
        assert!(
            matches!(reserved, Err(PackError::ReservedPath { .. })),
            "{reserved:?}"
        );
    }
    assert!(
        !data.join("packs/.staging").join(ID).exists(),
        "nothing staged"
    );
    assert!(!work.path().join("outside").exists());
    assert_eq!(
        server.total_bytes_sent() - server.bytes_sent("manifest.json"),
        0
    );
}

#[test]
fn an_update_fetches_only_changed_files_and_removal_reclaims_the_space() {
    let work = tempfile::tempdir().unwrap();
    let (server, root) = serve_copy(work.path());
    let data = work.path().join("data");
    let library = PackLibrary::open(&data, fast()).unwrap();
    let first = download(&library, &server, &|_| {}, &CancellationToken::new()).unwrap();
    let v1 = manifest(&root);

    // Five percent of the park changes; the pack is republished in place.
    let v2 = {
        let fixture = fixture().lock().unwrap();
        fixture
            .api
            .with_territory(|territory| territory.touch(0.05, 99));
        build(&fixture.api, &fixture.relief, &root)
    };
    assert_eq!(v2.version, v1.version + 1);
    let statuses = runtime().block_on(library.statuses()).unwrap();
    assert_eq!(statuses[0].update_available, Some(v2.version));

    server.reset_counts();
    let old_catalog = Catalog::open(Path::new(&first.catalog_path)).unwrap();
    let updated = download(&library, &server, &|_| {}, &CancellationToken::new()).unwrap();
    assert_eq!(updated.version, v2.version);
    assert_usable(&updated);
    let changed: u64 = v2
        .files
        .iter()
        .filter(|file| {
            !v1.files
                .iter()
                .any(|old| old.path == file.path && old.sha256 == file.sha256)
        })
        .map(|file| file.size)
        .sum();
    let fetched = server.total_bytes_sent() - server.bytes_sent("manifest.json");
    assert_eq!(fetched, changed);
    assert!(
        changed < v2.total_size() / 2,
        "{changed} of {}",
        v2.total_size()
    );
    assert!(
        !Path::new(&first.folder).exists(),
        "the old version is gone"
    );
    // A catalog opened on the old version kept working through the switch.
    assert!(old_catalog.search(&TrekQuery::all("fr")).unwrap().total > 0);

    library.remove(ID).unwrap();
    assert!(library.installed().unwrap().is_empty());
    assert!(!data.join("packs").join(ID).exists());
    assert!(matches!(
        library.remove(ID),
        Err(PackError::NotInstalled { .. })
    ));
}

#[test]
fn opening_the_library_cleans_what_interrupted_work_left() {
    let work = tempfile::tempdir().unwrap();
    let (server, _root) = serve_copy(work.path());
    let data = work.path().join("data");
    let pack = {
        let library = PackLibrary::open(&data, fast()).unwrap();
        download(&library, &server, &|_| {}, &CancellationToken::new()).unwrap()
    };
    let packs = data.join("packs");
    // A switch interrupted after moving a new version in, and a staging
    // folder that never got its manifest.
    std::fs::create_dir_all(packs.join(ID).join("v99/tiles")).unwrap();
    std::fs::create_dir_all(packs.join(".staging/other/data")).unwrap();
    let library = PackLibrary::open(&data, fast()).unwrap();
    assert!(!packs.join(ID).join("v99").exists());
    assert!(!packs.join(".staging/other").exists());
    assert_eq!(library.installed().unwrap(), vec![pack]);
}

#[test]
fn installed_packs_are_listed_when_their_server_is_gone_saying_so() {
    let work = tempfile::tempdir().unwrap();
    let (server, _root) = serve_copy(work.path());
    let data = work.path().join("data");
    let library = PackLibrary::open(&data, fast()).unwrap();
    let pack = download(&library, &server, &|_| {}, &CancellationToken::new()).unwrap();

    // The server answers 503 to everything: it is asked with the short
    // budget of a screen waiting for the list, not a download's.
    server.set_faults(vec![PackFaultRule::new(
        "*",
        PackFault::Status {
            status: 503,
            retry_after: None,
        },
        usize::MAX,
    )]);
    server.reset_counts();
    let statuses = runtime().block_on(library.statuses()).unwrap();
    assert_eq!(statuses.len(), 1);
    assert_eq!(statuses[0].pack, pack);
    assert_eq!(statuses[0].update_available, None);
    let unreachable = statuses[0]
        .server_unreachable
        .as_deref()
        .unwrap_or_default();
    assert!(
        unreachable.starts_with("server unreachable")
            && unreachable.contains("gave up after 3 attempts: HTTP 503"),
        "{unreachable}"
    );
    assert_eq!(
        server.requests("index.json"),
        u64::from(sentier_core::http::Budget::INTERACTIVE.attempts)
    );

    // Gone altogether: the same, and the pack is there.
    drop(server);
    let statuses = runtime().block_on(library.statuses()).unwrap();
    assert_eq!(statuses[0].pack, pack);
    assert!(statuses[0].server_unreachable.is_some());
}

#[test]
fn a_429_is_temporary_and_its_retry_after_is_waited_out() {
    let work = tempfile::tempdir().unwrap();
    let (server, _root) = serve_copy(work.path());
    server.set_faults(vec![
        PackFaultRule::new(
            "manifest.json",
            PackFault::Status {
                status: 429,
                retry_after: Some(1),
            },
            1,
        ),
        PackFaultRule::new(
            "index.json",
            PackFault::Status {
                status: 429,
                retry_after: Some(0),
            },
            1,
        ),
    ]);
    let library = PackLibrary::open(&work.path().join("data"), fast()).unwrap();
    let listed = runtime().block_on(library.server_packs(&server.url()));
    assert_eq!(listed.unwrap().len(), 1);
    let pack = download(&library, &server, &|_| {}, &CancellationToken::new()).unwrap();
    assert_usable(&pack);
    // Refused once, fetched, then asked again with its ETag before installing.
    assert_eq!(server.requests("manifest.json"), 3);
}

#[test]
fn a_server_failing_every_time_is_given_up_on_with_its_reason() {
    let work = tempfile::tempdir().unwrap();
    let (server, _root) = serve_copy(work.path());
    server.set_faults(vec![PackFaultRule::new(
        "data/meta.json",
        PackFault::Status {
            status: 503,
            retry_after: None,
        },
        usize::MAX,
    )]);
    let library = PackLibrary::open(&work.path().join("data"), fast()).unwrap();
    let error = download(&library, &server, &|_| {}, &CancellationToken::new()).unwrap_err();
    let message = error.to_string();
    assert!(
        message.contains("gave up after 8 attempts: HTTP 503: Service Unavailable"),
        "{message}"
    );
}

#[test]
fn hostile_answers_are_cut_at_what_the_call_expects() {
    let work = tempfile::tempdir().unwrap();
    let (server, _root) = serve_copy(work.path());
    let library = PackLibrary::open(&work.path().join("data"), fast()).unwrap();
    let too_large = |outcome: Result<(), PackError>, what: &str| match outcome {
        Err(PackError::Network { reason, .. }) => assert!(
            reason.contains("answer larger than") && reason.contains(what),
            "{reason}"
        ),
        other => panic!("{what}: {other:?}"),
    };
    // 256 MB of JSON in a gzip of a few hundred kB, and an index that never ends.
    for fault in [
        PackFault::GzipBomb {
            decoded_bytes: 256 << 20,
        },
        PackFault::EndlessBody { status: 200 },
    ] {
        server.set_faults(vec![PackFaultRule::new("index.json", fault, 1)]);
        too_large(
            runtime()
                .block_on(library.server_packs(&server.url()))
                .map(drop),
            "a pack index",
        );
    }
    server.set_faults(vec![PackFaultRule::new(
        "manifest.json",
        PackFault::EndlessBody { status: 200 },
        1,
    )]);
    too_large(
        download(&library, &server, &|_| {}, &CancellationToken::new()).map(drop),
        "a pack manifest",
    );
    // An endless error page: its reason is read from its start only.
    server.set_faults(vec![PackFaultRule::new(
        "index.json",
        PackFault::EndlessBody { status: 404 },
        1,
    )]);
    match runtime().block_on(library.server_packs(&server.url())) {
        Err(PackError::Network { reason, .. }) => {
            assert!(reason.starts_with("HTTP 404: "), "{reason}");
            assert!(reason.len() < 400, "{} bytes", reason.len());
        }
        other => panic!("{other:?}"),
    }
    assert!(library.installed().unwrap().is_empty());
}

#[test]
fn cancel_during_the_install_stops_it_and_the_download_deletes_what_it_received() {
    let work = tempfile::tempdir().unwrap();
    let (server, _root) = serve_copy(work.path());
    let data = work.path().join("data");
    let staging = data.join("packs/.staging").join(ID);
    let library = PackLibrary::open(&data, fast()).unwrap();
    // Cancelled from the download's own progress as it starts installing:
    // `cancel` returns at once (it used to wait up to 1 s, then delete
    // the staging folder under the running install).
    let outcome = download(
        &library,
        &server,
        &|progress| {
            if progress.installing {
                library.cancel(ID).unwrap();
                assert!(staging.is_dir(), "not deleted while the download runs");
            }
        },
        &CancellationToken::new(),
    );
    assert!(matches!(outcome, Err(PackError::Cancelled)), "{outcome:?}");
    assert!(library.installed().unwrap().is_empty(), "not installed");
    assert!(!staging.exists(), "what it received is deleted as it ends");

    // Paused at the same point, it keeps everything: the next run fetches
    // no file again.
    let outcome = download(
        &library,
        &server,
        &|progress| {
            if progress.installing {
                library.pause(ID);
            }
        },
        &CancellationToken::new(),
    );
    assert!(matches!(outcome, Err(PackError::Cancelled)), "{outcome:?}");
    assert!(staging.join("manifest.json").is_file());
    server.reset_counts();
    let pack = download(&library, &server, &|_| {}, &CancellationToken::new()).unwrap();
    assert_usable(&pack);
    assert_eq!(
        server.total_bytes_sent() - server.bytes_sent("manifest.json"),
        0
    );
}
