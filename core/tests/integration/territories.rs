//! Adding a Geotrek territory by its address: the test kit's Geotrek API and
//! a Geotrek-mobile tree written from the same synthetic park (served at the
//! API's host as a park's nginx does, or as a plain static folder), with the
//! faults of a mountain connection and hostile zips; and the real tree
//! `sync_mobile` wrote, as a contract.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use sentier_core::catalog::{Catalog, TrekQuery};
use sentier_core::packs::download::TransferOptions;
use sentier_core::packs::tiles::TilePlan;
use sentier_core::packs::{InstalledPack, PackError, PackKind, PackLibrary};
use sentier_core::runtime::runtime;
use sentier_core::territory::mobile::{MAX_TILE_BYTES, TileScratch};
use sentier_core::territory::{
    TerritoryAddress, TerritoryChoice, TerritoryOffer, TerritoryProgress, add_territory, offer,
    territory_address, update_territory,
};
use sentier_core::tiles::{TileCoord, TileStore};
use sentier_testkit::Resource;
use sentier_testkit::api_server::ApiServer;
use sentier_testkit::mobile_tree::{MobileTree, trek_name, write_mobile_tree, write_zip};
use sentier_testkit::pack_server::{PackFault, PackFaultRule, PackServer};
use sentier_testkit::territory::{Territory, TerritorySpec};
use tokio_util::sync::CancellationToken;

const TREKS: usize = 5;

/// A park's API, its mobile tree on a static server, and a data folder.
struct Park {
    work: tempfile::TempDir,
    api: ApiServer,
    tree: MobileTree,
    server: PackServer,
}

fn park() -> Park {
    let work = tempfile::tempdir().unwrap();
    let territory = Territory::generate(&TerritorySpec::small(7, TREKS));
    let tree = write_mobile_tree(&territory, &work.path().join("www"), 0..=9, 11..=12).unwrap();
    let server = PackServer::start(&work.path().join("www")).unwrap();
    let api = ApiServer::start(territory).unwrap();
    Park {
        work,
        api,
        tree,
        server,
    }
}

impl Park {
    fn address(&self) -> TerritoryAddress {
        TerritoryAddress {
            admin_root: self.api.origin().to_string(),
            api_url: self.api.base_url(),
            mobile_url: format!("{}mobile/", self.server.url()),
        }
    }

    fn library(&self) -> PackLibrary {
        let options = TransferOptions {
            first_retry: Duration::from_millis(20),
            stall: Duration::from_secs(2),
            ..TransferOptions::default()
        };
        PackLibrary::open(&self.work.path().join("data"), options).unwrap()
    }

    fn offer(&self) -> TerritoryOffer {
        let client = sentier_core::http::client().unwrap();
        runtime()
            .block_on(offer(
                &client,
                &self.address(),
                "en",
                &CancellationToken::new(),
            ))
            .unwrap()
    }
}

/// The treks the API publishes in English: what an English search finds.
fn published_in_english(park: &Park) -> u64 {
    park.api
        .with_territory(|park| park.published_count(Resource::Trek, Some("en"))) as u64
}

fn add(
    library: &PackLibrary,
    offer: &TerritoryOffer,
    choice: &TerritoryChoice,
    seen: &Mutex<Vec<TerritoryProgress>>,
) -> Result<InstalledPack, PackError> {
    let languages = ["en".to_string(), "fr".to_string()];
    let progress = |step: &TerritoryProgress| seen.lock().unwrap().push(step.clone());
    runtime().block_on(add_territory(
        library,
        offer,
        choice,
        &languages,
        &progress,
        &CancellationToken::new(),
    ))
}

/// The tiles the installed pack holds, read back from its files.
fn installed_tiles(pack: &InstalledPack) -> BTreeSet<TileCoord> {
    let mut found = BTreeSet::new();
    for file in &pack.tile_files {
        let connection = rusqlite::Connection::open(file).unwrap();
        let mut rows = connection
            .prepare("SELECT zoom_level, tile_column, tile_row FROM tiles")
            .unwrap();
        let coords = rows
            .query_map([], |row| {
                Ok((
                    row.get::<_, u8>(0)?,
                    row.get::<_, u32>(1)?,
                    row.get::<_, u32>(2)?,
                ))
            })
            .unwrap();
        for coord in coords {
            let (z, x, tms) = coord.unwrap();
            found.insert(TileCoord::new(z, x, (1 << z) - 1 - tms).unwrap());
        }
        TileStore::open(Path::new(file)).unwrap();
    }
    found
}

#[test]
fn the_offer_names_the_api_the_basemap_and_each_trek_s_zip_with_its_size() {
    let park = park();
    let offer = park.offer();
    assert_eq!(offer.trek_count, TREKS as u64);
    let global = std::fs::metadata(park.tree.root.join("nolang/global.zip")).unwrap();
    assert_eq!(offer.basemap.as_ref().unwrap().size, global.len());
    let ids: Vec<u64> = offer.treks.iter().map(|trek| trek.trek_id).collect();
    let expected: Vec<u64> = park.tree.treks.iter().map(|(id, _)| *id).collect();
    assert_eq!(ids, expected);
    let first = &offer.treks[0];
    let all = offer.download_size(&TerritoryChoice::default());
    let one = offer.download_size(&TerritoryChoice {
        treks: Some(vec![first.trek_id]),
    });
    assert_eq!(one, global.len() + first.zip.size);
    assert!(all > one);
}

/// The park's API with its mobile tree at the same host, as a park's nginx
/// serves it.
fn park_at_one_host() -> Park {
    let park = park();
    park.api.serve_mobile_tree(&park.tree.root);
    park
}

fn offer_in(address: &TerritoryAddress, language: &str) -> TerritoryOffer {
    let client = sentier_core::http::client().unwrap();
    runtime()
        .block_on(offer(&client, address, language, &CancellationToken::new()))
        .unwrap()
}

#[test]
fn a_territory_added_from_its_bare_host_finds_its_api_and_mobile_tree() {
    let park = park_at_one_host();
    let bare_host = park.api.origin();
    assert!(!bare_host.ends_with('/'), "{bare_host}");
    let offer = offer_in(&territory_address(bare_host).unwrap(), "en");
    assert_eq!(offer.trek_count, TREKS as u64);
    let global = std::fs::metadata(park.tree.root.join("nolang/global.zip")).unwrap();
    assert_eq!(offer.basemap.as_ref().unwrap().size, global.len());
    assert_eq!(offer.treks.len(), park.tree.treks.len());

    let pack = add_whole(&park.library(), &offer).unwrap();
    assert_eq!(installed_tiles(&pack), park.tree.all_tiles());
    let catalog = Catalog::open(Path::new(&pack.catalog_path)).unwrap();
    assert_eq!(
        catalog.search(&TrekQuery::all("en")).unwrap().total,
        published_in_english(&park)
    );
    // Nothing came from the static copy: the API's host served it all.
    assert_eq!(park.server.total_bytes_sent(), 0);
}

#[test]
fn the_tree_at_the_api_s_host_answers_in_the_language_asked() {
    let park = park_at_one_host();
    let address = territory_address(park.api.origin()).unwrap();
    for language in ["en", "fr"] {
        let offer = offer_in(&address, language);
        let (id, _) = park.tree.treks[0];
        assert_eq!(offer.treks[0].name, trek_name(id, language));
        // `global.zip` is in no language folder: `nolang/` answers.
        assert!(offer.basemap.is_some(), "{language}");
    }
    let client = sentier_core::http::client().unwrap();
    let list = |language: Option<&str>| {
        let mut request = client.get(format!("{}mobile/treks.geojson", address.admin_root));
        if let Some(language) = language {
            request = request.header("Accept-Language", language);
        }
        runtime()
            .block_on(async { request.send().await })
            .unwrap()
            .status()
    };
    assert_eq!(list(Some("fr")), 200);
    // A language the park does not publish, or none: `nolang/` has no list.
    assert_eq!(list(Some("de")), 404);
    assert_eq!(list(None), 404);
}

fn update(library: &PackLibrary, id: &str) -> Result<InstalledPack, PackError> {
    runtime().block_on(update_territory(
        library,
        id,
        None,
        &|_: &TerritoryProgress| {},
        &CancellationToken::new(),
    ))
}

/// The JSON the installed catalog holds for trek `id`.
fn stored_trek(pack: &InstalledPack, id: u64) -> String {
    rusqlite::Connection::open(&pack.catalog_path)
        .unwrap()
        .query_row(
            "SELECT json FROM objects WHERE kind = 'trek' AND id = ?1",
            [id],
            |row| row.get(0),
        )
        .unwrap()
}

/// A territory added whole from one host, with the server's counts cleared.
fn added_at_one_host() -> (Park, PackLibrary, TerritoryOffer, InstalledPack) {
    let park = park_at_one_host();
    let library = park.library();
    let offer = offer_in(&territory_address(park.api.origin()).unwrap(), "en");
    let pack = add_whole(&library, &offer).unwrap();
    park.api.clear_request_log();
    (park, library, offer, pack)
}

#[test]
fn an_update_with_nothing_new_downloads_no_zip_no_photo_and_keeps_the_version() {
    let (park, library, offer, pack) = added_at_one_host();
    let updated = update(&library, &offer.id).unwrap();
    assert_eq!(updated.version, pack.version);
    assert_eq!(updated.folder, pack.folder);
    // Each zip was asked its size (a one-byte range), none fetched again.
    let zips = offer.zips(&TerritoryChoice::default()).len() as u64;
    assert_eq!(park.api.mobile_bytes_sent(".zip"), zips);
    let log = park.api.request_log();
    assert!(
        !log.iter()
            .any(|request| request.path.starts_with("/media/"))
    );
    // Every trek page asked only for what changed since the last sync.
    let trek_pages: Vec<_> = log
        .iter()
        .filter(|request| request.resource() == Some("trek"))
        .filter(|request| request.param("fields").as_deref() != Some("id"))
        .collect();
    assert!(!trek_pages.is_empty());
    assert!(
        trek_pages
            .iter()
            .all(|request| request.param("updated_after").is_some()),
        "{trek_pages:?}"
    );
}

#[test]
fn an_update_fetches_only_the_changed_trek_s_zip_and_objects() {
    let (park, library, offer, pack) = added_at_one_host();
    let touched = park.api.with_territory(|park| park.touch(0.01, 5));
    let changed = touched.treks[0];
    let untouched = park
        .tree
        .treks
        .iter()
        .map(|(id, _)| *id)
        .find(|id| *id != changed)
        .unwrap();
    let before = (stored_trek(&pack, changed), stored_trek(&pack, untouched));
    // The park's sync_mobile wrote the changed trek's zip again, one tile more.
    let (_, tiles) = park
        .tree
        .treks
        .iter()
        .find(|(id, _)| *id == changed)
        .unwrap();
    let extra = TileCoord::new(13, 0, 0).unwrap();
    let mut rewritten = tiles.clone();
    rewritten.insert(extra);
    let zip_path = park.tree.root.join(format!("nolang/{changed}.zip"));
    write_zip(
        &zip_path,
        &format!("/{changed}/"),
        &rewritten,
        "media/x.png",
    )
    .unwrap();
    let zip_size = std::fs::metadata(&zip_path).unwrap().len();

    let updated = update(&library, &offer.id).unwrap();
    assert_eq!(updated.version, pack.version + 1);
    assert_eq!(
        park.api.mobile_bytes_sent(&format!("/{changed}.zip")),
        1 + zip_size,
        "sized, then downloaded whole once"
    );
    let zips = offer.zips(&TerritoryChoice::default()).len() as u64;
    assert_eq!(
        park.api.mobile_bytes_sent(".zip"),
        zips + zip_size,
        "every other zip only sized"
    );
    let mut expected = park.tree.all_tiles();
    expected.insert(extra);
    assert_eq!(installed_tiles(&updated), expected);
    assert_ne!(stored_trek(&updated, changed), before.0);
    assert_eq!(stored_trek(&updated, untouched), before.1);
    assert!(
        !park
            .api
            .request_log()
            .iter()
            .any(|request| request.path.starts_with("/media/")),
        "photos held are not fetched again"
    );
}

#[test]
fn an_update_remembers_the_chosen_treks_and_the_tree_given_apart() {
    let park = park();
    let library = park.library();
    let offer = park.offer();
    let (_, pack, expected) = add_one_trek(&park, &library, &offer);
    park.api.with_territory(|park| park.touch(0.01, 9));
    park.server.reset_counts();
    let updated = update(&library, &offer.id).unwrap();
    assert_eq!(updated.version, pack.version + 1);
    assert_eq!(installed_tiles(&updated), expected);
    // The tree at the static host given apart was asked again, not the API's host.
    assert!(park.server.requests("global.zip") > 0);
}

#[test]
fn a_territory_installs_from_its_api_and_mobile_tree_and_is_searchable_offline() {
    let park = park();
    let library = park.library();
    let offer = park.offer();
    let seen = Mutex::new(Vec::new());
    let pack = add(&library, &offer, &TerritoryChoice::default(), &seen).unwrap();

    assert_eq!(pack.kind, PackKind::Territory);
    assert_eq!(pack.server_url, park.api.origin());
    let catalog = Catalog::open(Path::new(&pack.catalog_path)).unwrap();
    assert_eq!(
        catalog.search(&TrekQuery::all("en")).unwrap().total,
        published_in_english(&park)
    );
    assert_eq!(installed_tiles(&pack), park.tree.all_tiles());
    let steps = seen.into_inner().unwrap();
    let last_download = steps
        .iter()
        .filter_map(|step| match step {
            TerritoryProgress::Downloading { progress } => Some(progress.clone()),
            _ => None,
        })
        .next_back()
        .unwrap();
    assert_eq!(
        last_download.bytes_done,
        offer.download_size(&TerritoryChoice::default())
    );
    assert_eq!(last_download.bytes_total, last_download.bytes_done);
    assert!(
        steps
            .iter()
            .any(|step| matches!(step, TerritoryProgress::Syncing { .. }))
    );
    assert_eq!(steps.last(), Some(&TerritoryProgress::Installing));
    let staging = park.work.path().join("data/packs/.staging");
    assert!(!staging.join(&offer.id).exists(), "no zip left behind");

    // Added again with nothing new, it stays the version installed.
    let again = add_whole(&library, &offer).unwrap();
    assert_eq!(again.version, pack.version);
    assert_eq!(library.installed().unwrap().len(), 1);
}

/// Adds `offer` with one trek's tiles; returns the trek, the pack and the
/// tiles it holds (the basemap's and that trek's).
fn add_one_trek(
    park: &Park,
    library: &PackLibrary,
    offer: &TerritoryOffer,
) -> (u64, InstalledPack, BTreeSet<TileCoord>) {
    let (chosen, tiles) = &park.tree.treks[1];
    let choice = TerritoryChoice {
        treks: Some(vec![*chosen]),
    };
    let pack = add(library, offer, &choice, &Mutex::default()).unwrap();
    let mut expected = park.tree.global_tiles.clone();
    expected.extend(tiles);
    (*chosen, pack, expected)
}

#[test]
fn only_the_chosen_treks_tiles_are_downloaded() {
    let park = park();
    let library = park.library();
    let offer = park.offer();
    let (chosen, pack, expected) = add_one_trek(&park, &library, &offer);
    assert_eq!(installed_tiles(&pack), expected);
    for (id, _) in &park.tree.treks {
        let asked = park.server.requests(&format!("/mobile/nolang/{id}.zip"));
        // One ranged request sized it; the chosen one was also downloaded.
        assert_eq!(asked, if *id == chosen { 2 } else { 1 }, "trek {id}");
    }
}

#[test]
fn without_a_mobile_tree_the_territory_installs_without_a_basemap() {
    let park = park();
    let library = park.library();
    // Typed as a user would: the API's address; its host has no /mobile/.
    let address = territory_address(&park.api.base_url()).unwrap();
    let client = sentier_core::http::client().unwrap();
    let offer = runtime()
        .block_on(offer(&client, &address, "en", &CancellationToken::new()))
        .unwrap();
    assert_eq!(offer.basemap, None);
    assert!(offer.treks.is_empty());
    let pack = add_whole(&library, &offer).unwrap();
    assert!(pack.tile_files.is_empty());
    let catalog = Catalog::open(Path::new(&pack.catalog_path)).unwrap();
    assert_eq!(
        catalog.search(&TrekQuery::all("en")).unwrap().total,
        published_in_english(&park)
    );
}

#[test]
fn a_dropped_connection_resumes_the_zip_where_it_stopped() {
    let park = park();
    let library = park.library();
    let offer = park.offer();
    park.server.reset_counts();
    let global = offer.basemap.as_ref().unwrap().size;
    park.server.set_faults(vec![PackFaultRule::new(
        "global.zip",
        PackFault::ResetAt { offset: global / 2 },
        1,
    )]);
    let pack = add_whole(&library, &offer).unwrap();
    assert_eq!(installed_tiles(&pack), park.tree.all_tiles());
    let sent = park.server.bytes_sent("global.zip");
    assert!(sent < global + global / 4, "{sent} bytes sent for {global}");
}

#[test]
fn a_corrupt_zip_entry_fails_clearly_and_installs_nothing() {
    let park = park();
    let library = park.library();
    let offer = park.offer();
    let zip = &offer.treks[0].zip;
    park.server.set_faults(vec![PackFaultRule::new(
        &format!("/{}", zip.url.rsplit('/').next().unwrap()),
        PackFault::Corrupt {
            offset: zip.size / 2,
        },
        8,
    )]);
    let error = refused(&library, &offer);
    assert!(matches!(error, PackError::Mismatch { .. }), "{error:?}");
}

/// Adds the whole of `offer`, its progress left unobserved.
fn add_whole(library: &PackLibrary, offer: &TerritoryOffer) -> Result<InstalledPack, PackError> {
    add(
        library,
        offer,
        &TerritoryChoice::default(),
        &Mutex::default(),
    )
}

/// Adds the whole of `offer`, which must fail and leave nothing installed.
fn refused(library: &PackLibrary, offer: &TerritoryOffer) -> PackError {
    let error = add_whole(library, offer).unwrap_err();
    assert!(
        library.installed().unwrap().is_empty(),
        "nothing is installed after {error:?}"
    );
    error
}

/// Replaces a trek's zip in the served tree, then asks for the offer again.
fn replace_zip(park: &Park, write: impl FnOnce(&Path)) -> TerritoryOffer {
    let (id, _) = park.tree.treks[0];
    write(&park.tree.root.join(format!("nolang/{id}.zip")));
    park.offer()
}

#[test]
fn a_truncated_zip_fails_clearly_and_installs_nothing() {
    let park = park();
    let library = park.library();
    let offer = replace_zip(&park, |path| {
        let bytes = std::fs::read(path).unwrap();
        std::fs::write(path, &bytes[..bytes.len() * 2 / 3]).unwrap();
    });
    let error = refused(&library, &offer);
    assert!(matches!(error, PackError::Mismatch { .. }), "{error:?}");
}

#[test]
fn a_zip_slip_is_refused_and_nothing_is_written_outside() {
    let park = park();
    let library = park.library();
    let tiles = BTreeSet::from([TileCoord::new(1, 0, 0).unwrap()]);
    let offer = replace_zip(&park, |path| {
        write_zip(path, "../../../escaped/", &tiles, "media/x.png").unwrap();
    });
    let error = refused(&library, &offer);
    assert!(matches!(error, PackError::UnsafePath { .. }), "{error:?}");
    let mut pending: Vec<PathBuf> = vec![park.work.path().to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            assert_ne!(entry.file_name(), "escaped");
            if entry.path().is_dir() {
                pending.push(entry.path());
            }
        }
    }
}

/// Writes a zip holding the tile `tiles/1/0/0.png` of `size` zero bytes,
/// deflated or stored.
fn write_one_tile_zip(path: &Path, size: usize, method: zip::CompressionMethod) {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(method)
        .large_file(false);
    zip.start_file("tiles/1/0/0.png", options).unwrap();
    std::io::Write::write_all(&mut zip, &vec![0u8; size]).unwrap();
    zip.finish().unwrap();
}

/// Rewrites the uncompressed size the first entry of the zip at `path`
/// declares (local header and central directory), as a hostile zip lies.
fn declare_uncompressed_size(path: &Path, declared: u32) {
    let mut bytes = std::fs::read(path).unwrap();
    assert_eq!(&bytes[..4], b"PK\x03\x04");
    bytes[22..26].copy_from_slice(&declared.to_le_bytes());
    let central = bytes
        .windows(4)
        .position(|window| window == b"PK\x01\x02")
        .unwrap();
    bytes[central + 24..central + 28].copy_from_slice(&declared.to_le_bytes());
    std::fs::write(path, bytes).unwrap();
}

const BOMB_BYTES: usize = 64 * 1024 * 1024;

#[test]
fn a_zip_bomb_declaring_its_size_is_refused_and_nothing_is_installed() {
    let park = park();
    let library = park.library();
    let offer = replace_zip(&park, |path| {
        write_one_tile_zip(path, BOMB_BYTES, zip::CompressionMethod::Deflated);
    });
    // A thousandth of what it unpacks to crossed the network.
    assert!(offer.treks[0].zip.size < BOMB_BYTES as u64 / 500);
    let error = refused(&library, &offer);
    assert!(
        matches!(error, PackError::Oversized { size, limit: MAX_TILE_BYTES, .. } if size == BOMB_BYTES as u64),
        "{error:?}"
    );
}

#[test]
fn a_zip_bomb_understating_its_size_is_stopped_past_its_declared_size_and_nothing_is_installed() {
    let park = park();
    let library = park.library();
    let offer = replace_zip(&park, |path| {
        write_one_tile_zip(path, BOMB_BYTES, zip::CompressionMethod::Deflated);
        declare_uncompressed_size(path, 100);
    });
    let error = refused(&library, &offer);
    // Inflating stopped once past the 100 bytes declared, not at the bomb's end.
    assert!(
        matches!(&error, PackError::Mismatch { path, reason }
            if path.ends_with(".zip") && reason.contains("larger than its declared")),
        "{error:?}"
    );
}

#[test]
fn an_oversized_tile_entry_is_refused_and_nothing_is_installed() {
    let park = park();
    let library = park.library();
    let offer = replace_zip(&park, |path| {
        write_one_tile_zip(
            path,
            MAX_TILE_BYTES as usize + 1,
            zip::CompressionMethod::Stored,
        );
    });
    let error = refused(&library, &offer);
    assert!(
        matches!(error, PackError::Oversized { size, limit: MAX_TILE_BYTES, .. } if size == MAX_TILE_BYTES + 1),
        "{error:?}"
    );
    let staging = park.work.path().join("data/packs/.staging");
    assert!(
        !staging.join(&offer.id).join("tiles").exists(),
        "no tile file written"
    );
}

/// The real tree: every tile of its zips lands in the pack's files, byte
/// for byte, and its media is left out.
#[test]
fn the_real_sync_mobile_zips_convert_into_pack_tiles() {
    let Some(sample) = sentier_testkit::fixtures::folder("geotrek-mobile-sync") else {
        return;
    };
    let work = tempfile::tempdir().unwrap();
    let mut scratch = TileScratch::new(work.path()).unwrap();
    let nolang = sample.join("nolang");
    assert_eq!(
        scratch
            .add_zip(&nolang.join("global.zip"), "global.zip")
            .unwrap(),
        34
    );
    let trek = scratch
        .add_zip(&nolang.join("10054.zip"), "10054.zip")
        .unwrap();
    let pack = work.path().join("pack");
    let written = scratch
        .write_pack_tiles(&pack, &TilePlan::default(), "Écrins", None)
        .unwrap()
        .unwrap();
    assert_eq!((written.min_zoom, written.max_zoom), (0, 15));

    let mut archive =
        zip::ZipArchive::new(std::fs::File::open(nolang.join("10054.zip")).unwrap()).unwrap();
    let mut checked = 0;
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).unwrap();
        let name = entry.name().unwrap().into_owned();
        let Some(rest) = name.strip_prefix("/10054/tiles/") else {
            assert!(!name.contains("tiles/"), "{name}");
            continue;
        };
        let parts: Vec<u32> = rest
            .trim_end_matches(".png")
            .split('/')
            .map(|part| part.parse().unwrap())
            .collect();
        let coord = TileCoord::new(parts[0] as u8, parts[1], parts[2]).unwrap();
        let file = pack.join(TilePlan::default().cell_of(coord));
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut entry, &mut bytes).unwrap();
        let store = TileStore::open(&file).unwrap();
        assert_eq!(store.tile(coord).unwrap(), Some(bytes), "{name}");
        checked += 1;
    }
    assert_eq!(checked, trek);
}
