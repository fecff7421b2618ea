//! Geotrek territories added by their address, with no Sentier server: the
//! core reads what the park's Geotrek-admin already publishes (its API v2
//! and, where present, its Geotrek-mobile tree) and assembles an installed
//! pack from it on the device, so updates, removal, search and the map work
//! exactly as for published packs.
//!
//! - [`address`]: what the user types, read as the admin's API and tree.
//! - [`offer`]: what the admin offers, with the size of each choice.
//! - [`mobile`]: the tree's tile zips converted into the pack's tile files.
//! - [`source`]: what an installed territory was taken from, for updates.
//! - [`add_territory`]: the download, conversion, sync and install;
//!   [`update_territory`] the same again, fetching only what changed.

pub mod address;
pub mod mobile;
pub mod offer;
pub mod source;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use futures_util::stream::{self, StreamExt, TryStreamExt};
use tokio_util::sync::CancellationToken;

pub use address::{TerritoryAddress, territory_address};
pub use offer::{MobileZip, TerritoryChoice, TerritoryOffer, TrekTiles, offer, territory_id};
pub use source::TerritorySource;

use crate::catalog::SyncProgress;
use crate::packs::build::{BuildOptions, BuildStage, assemble};
use crate::packs::download::{Counters, Rate, Transfer, fetch, free_space};
use crate::packs::install::install;
use crate::packs::library::{MANIFEST_FILE, read_manifest, staging_of};
use crate::packs::tiles::TilePlan;
use crate::packs::{InstalledPack, PackError, PackKind, PackLibrary, PackProgress, fsutil};
use mobile::TileScratch;

/// The folder of a territory's staging that holds its downloaded zips; it
/// is deleted before the pack goes live.
const ZIPS_FOLDER: &str = ".mobile";

/// Where adding a territory is.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum TerritoryProgress {
    /// The tile zips arriving, with size and time left.
    Downloading { progress: PackProgress },
    /// The zips read into the pack's tile files.
    ConvertingTiles,
    /// The API's objects arriving.
    Syncing { progress: SyncProgress },
    /// The photos and pictograms arriving.
    Media { done: u64, total: u64 },
    /// Every file in: checked, imported into the catalog, made live.
    Installing,
}

/// Adds (or updates) the territory `offer` describes with the tiles of
/// `choice`: its zips downloaded (resumable, sized, retried), converted,
/// its data synced from the API with its media, then installed atomically
/// as a [`PackKind::Territory`]. A territory without a mobile tree installs
/// without a basemap. `cancel` stops it, keeping the zips received for a
/// resume ([`PackLibrary::pause`]) or deleting them ([`PackLibrary::cancel`]).
///
/// Over an installed version, only what changed is fetched: the zips whose
/// size or `ETag` differ from those it was made of (its other tiles are
/// kept), the objects the API changed since (deletions found by the id
/// lists) and the media it lacks. Nothing changed: the installed version
/// stays as it is.
pub async fn add_territory(
    library: &PackLibrary,
    offer: &TerritoryOffer,
    choice: &TerritoryChoice,
    languages: &[String],
    progress: &(dyn Fn(&TerritoryProgress) + Send + Sync),
    cancel: &CancellationToken,
) -> Result<InstalledPack, PackError> {
    let _running = library.start(&offer.id, cancel)?;
    let installed = library.installed_pack(&offer.id)?;
    let held = installed.as_ref().map(|pack| PathBuf::from(&pack.folder));
    let staging = staging_of(library.root(), &offer.id);
    let zips_dir = staging.join(ZIPS_FOLDER);
    let zips = offer.zips(choice);
    let unchanged = held
        .as_deref()
        .and_then(TerritorySource::read)
        .map(|source| source.unchanged(&zips))
        .unwrap_or_default();
    let changed: Vec<MobileZip> = zips
        .iter()
        .filter(|zip| !unchanged.contains(&zip.url))
        .cloned()
        .collect();
    let downloaded =
        download_zips(library, &offer.id, &zips_dir, &changed, progress, cancel).await?;

    progress(&TerritoryProgress::ConvertingTiles);
    let plan = territory_plan();
    let kept_tiles = match (&installed, unchanged.is_empty()) {
        (Some(pack), false) => pack.tile_files.clone(),
        _ => Vec::new(),
    };
    let (dir, name, token) = (staging.clone(), offer.name.clone(), cancel.clone());
    let (scratch_dir, conversion_plan) = (zips_dir.clone(), plan.clone());
    let written = tokio::task::spawn_blocking(move || {
        let mut scratch = TileScratch::new(&scratch_dir)?;
        scratch.add_pack_tiles(&kept_tiles)?;
        for (path, name) in &downloaded {
            if token.is_cancelled() {
                return Err(PackError::Cancelled);
            }
            scratch.add_zip(path, name)?;
        }
        scratch.write_pack_tiles(&dir, &conversion_plan, &name, None)
    })
    .await
    .map_err(|error| PackError::Internal {
        reason: error.to_string(),
    })??;

    let options = BuildOptions {
        api_url: offer.address.api_url.clone(),
        tiles: None,
        out: library.root().to_path_buf(),
        id: offer.id.clone(),
        name: offer.name.clone(),
        languages: languages.to_vec(),
        bbox: offer.bbox.as_deref().and_then(|bbox| bbox.try_into().ok()),
        plan,
    };
    let stage = |stage: BuildStage| match stage {
        BuildStage::Sync(sync) => progress(&TerritoryProgress::Syncing { progress: sync }),
        BuildStage::Media { done, total } => progress(&TerritoryProgress::Media {
            done: done as u64,
            total: total as u64,
        }),
        BuildStage::Tiles | BuildStage::Manifest => {}
    };
    let mut report = assemble(
        &options,
        &staging,
        (written, held.as_deref()),
        &stage,
        cancel,
    )
    .await?;
    progress(&TerritoryProgress::Installing);
    remove_folder(&zips_dir)?;
    if let Some(pack) = installed.filter(|pack| same_files(pack, &report.manifest)) {
        remove_folder(&staging)?;
        return Ok(pack);
    }
    report.manifest.version = installed_version(library, &offer.id)? + 1;
    fsutil::write_atomically(&staging.join(MANIFEST_FILE), &report.manifest.to_bytes()?)?;
    let source = TerritorySource {
        address: offer.address.clone(),
        choice: choice.clone(),
        languages: languages.to_vec(),
        zips,
    };
    source.write(&staging)?;
    let assembled: HashSet<String> = report
        .manifest
        .files
        .iter()
        .map(|file| file.path.clone())
        .collect();
    install(
        library,
        &staging,
        &report.manifest,
        (&offer.address.admin_root, PackKind::Territory),
        assembled,
        cancel,
    )
    .await
}

/// Brings the installed territory `id` up to date from its admin, with the
/// languages and mobile tree it was added with and the treks it was added
/// with (or `choice`, remembered from then on), fetching only what changed
/// ([`add_territory`]).
pub async fn update_territory(
    library: &PackLibrary,
    id: &str,
    choice: Option<TerritoryChoice>,
    progress: &(dyn Fn(&TerritoryProgress) + Send + Sync),
    cancel: &CancellationToken,
) -> Result<InstalledPack, PackError> {
    let pack = library
        .installed_pack(id)?
        .filter(|pack| pack.kind == PackKind::Territory)
        .ok_or_else(|| PackError::NotInstalled { id: id.to_string() })?;
    let source = match TerritorySource::read(Path::new(&pack.folder)) {
        Some(source) => source,
        None => TerritorySource {
            address: territory_address(&pack.server_url).map_err(|error| PackError::Source {
                reason: error.to_string(),
            })?,
            choice: TerritoryChoice::default(),
            languages: Vec::new(),
            zips: Vec::new(),
        },
    };
    let language = source.languages.first().map_or("en", String::as_str);
    let offered = offer(library.client(), &source.address, language, cancel).await?;
    add_territory(
        library,
        &offered,
        &choice.unwrap_or(source.choice),
        &source.languages,
        progress,
        cancel,
    )
    .await
}

fn installed_version(library: &PackLibrary, id: &str) -> Result<u64, PackError> {
    Ok(library.installed_pack(id)?.map_or(0, |pack| pack.version))
}

/// Whether `manifest` lists exactly the files, with the same bytes, of the
/// installed `pack`.
fn same_files(pack: &InstalledPack, manifest: &crate::packs::PackManifest) -> bool {
    let key = |files: &[crate::packs::PackFile]| -> HashSet<(String, String)> {
        files
            .iter()
            .map(|file| (file.path.clone(), file.sha256.clone()))
            .collect()
    };
    read_manifest(Path::new(&pack.folder))
        .is_ok_and(|installed| key(&installed.files) == key(&manifest.files))
}

/// How a territory's tiles are filed: the mobile tree's global zooms in the
/// base file, deeper zooms in cells of 8 x 8 tiles (a trek's corridor in a
/// few files per zoom).
fn territory_plan() -> TilePlan {
    TilePlan {
        cell_span: 8,
        ..TilePlan::default()
    }
}

/// Downloads `zips` into `dir`, reporting their bytes; returns each file
/// with its name. Zips already whole there are kept.
async fn download_zips(
    library: &PackLibrary,
    id: &str,
    dir: &Path,
    zips: &[MobileZip],
    progress: &(dyn Fn(&TerritoryProgress) + Send + Sync),
    cancel: &CancellationToken,
) -> Result<Vec<(PathBuf, String)>, PackError> {
    let transfers: Vec<Transfer> = zips
        .iter()
        .map(|zip| {
            let url = url::Url::parse(&zip.url).map_err(|error| PackError::Network {
                url: zip.url.clone(),
                reason: error.to_string(),
            })?;
            let name = url
                .path_segments()
                .and_then(|mut segments| segments.next_back())
                .filter(|name| crate::packs::manifest::is_safe_id(name.trim_end_matches(".zip")))
                .map(str::to_string)
                .ok_or_else(|| PackError::UnsafePath {
                    path: zip.url.clone(),
                })?;
            Ok(Transfer {
                url,
                target: dir.join(&name),
                name,
                size: zip.size,
                sha256: None,
                if_range: zip.etag.clone(),
            })
        })
        .collect::<Result<_, PackError>>()?;
    let counters = Arc::new(Counters::default());
    let total: u64 = zips.iter().map(|zip| zip.size).sum();
    counters.bytes_total.store(total, Ordering::Relaxed);
    let mut missing = Vec::new();
    for transfer in &transfers {
        let whole =
            std::fs::metadata(&transfer.target).is_ok_and(|meta| meta.len() == transfer.size);
        if whole {
            counters
                .bytes_done
                .fetch_add(transfer.size, Ordering::Relaxed);
            counters.files_done.fetch_add(1, Ordering::Relaxed);
        } else {
            let partial = std::fs::metadata(crate::packs::download::part_path(&transfer.target))
                .map_or(0, |meta| meta.len().min(transfer.size));
            counters.bytes_done.fetch_add(partial, Ordering::Relaxed);
            missing.push(transfer.clone());
        }
    }
    let needed = total.saturating_sub(counters.bytes_done.load(Ordering::Relaxed)) * 2;
    std::fs::create_dir_all(dir).map_err(|error| PackError::io(dir, error))?;
    let available = free_space(dir)?;
    if needed > available {
        return Err(PackError::NoSpace { needed, available });
    }
    let rate = Rate::start(&counters);
    let files_total = transfers.len() as u64;
    let report = || {
        let progress_now = rate.progress(id, &counters, files_total, false);
        progress(&TerritoryProgress::Downloading {
            progress: progress_now,
        });
    };
    report();
    let options = library.options();
    let fetches = stream::iter(missing.into_iter().map(|transfer| {
        let counters = &counters;
        async move { fetch(library.client(), &transfer, options, counters, cancel).await }
    }))
    .buffer_unordered(options.parallel.max(1))
    .try_collect::<Vec<()>>();
    let ticker = async {
        loop {
            tokio::time::sleep(Duration::from_millis(100)).await;
            report();
        }
    };
    tokio::select! {
        outcome = fetches => outcome?,
        _ = ticker => unreachable!("the ticker never ends"),
    };
    report();
    Ok(transfers
        .into_iter()
        .map(|transfer| (transfer.target, transfer.name))
        .collect())
}

fn remove_folder(dir: &Path) -> Result<(), PackError> {
    match std::fs::remove_dir_all(dir) {
        Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
            Err(PackError::io(dir, error))
        }
        _ => Ok(()),
    }
}
