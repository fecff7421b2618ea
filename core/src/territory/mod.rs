//! Geotrek territories added by their address, with no Sentier server: the
//! core reads what the park's Geotrek-admin already publishes (its API v2
//! and, where present, its Geotrek-mobile tree) and assembles an installed
//! pack from it on the device, so updates, removal, search and the map work
//! exactly as for published packs.
//!
//! - [`address`]: what the user types, read as the admin's API and tree.
//! - [`offer`]: what the admin offers, with the size of each choice.
//! - [`mobile`]: the tree's tile zips converted into the pack's tile files.
//! - [`add_territory`]: the download, conversion, sync and install.

pub mod address;
pub mod mobile;
pub mod offer;

use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use futures_util::stream::{self, StreamExt, TryStreamExt};
use tokio_util::sync::CancellationToken;

pub use address::{TerritoryAddress, territory_address};
pub use offer::{MobileZip, TerritoryChoice, TerritoryOffer, TrekTiles, offer, territory_id};

use crate::catalog::SyncProgress;
use crate::packs::build::{BuildOptions, BuildStage, assemble};
use crate::packs::download::{Counters, Rate, Transfer, fetch, free_space};
use crate::packs::install::install;
use crate::packs::library::{MANIFEST_FILE, staging_of};
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
pub async fn add_territory(
    library: &PackLibrary,
    offer: &TerritoryOffer,
    choice: &TerritoryChoice,
    languages: &[String],
    progress: &(dyn Fn(&TerritoryProgress) + Send + Sync),
    cancel: &CancellationToken,
) -> Result<InstalledPack, PackError> {
    let _running = library.start(&offer.id, cancel)?;
    let staging = staging_of(library.root(), &offer.id);
    let zips_dir = staging.join(ZIPS_FOLDER);
    let zips = offer.zips(choice);
    let downloaded = download_zips(library, &offer.id, &zips_dir, &zips, progress, cancel).await?;

    progress(&TerritoryProgress::ConvertingTiles);
    let plan = territory_plan();
    let (dir, name, token) = (staging.clone(), offer.name.clone(), cancel.clone());
    let (scratch_dir, conversion_plan) = (zips_dir.clone(), plan.clone());
    let written = tokio::task::spawn_blocking(move || {
        let mut scratch = TileScratch::new(&scratch_dir)?;
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
    let mut report = assemble(&options, &staging, written, &stage, cancel).await?;
    progress(&TerritoryProgress::Installing);
    let installed_version = library
        .installed_pack(&offer.id)?
        .map_or(0, |pack| pack.version);
    report.manifest.version = installed_version + 1;
    fsutil::write_atomically(&staging.join(MANIFEST_FILE), &report.manifest.to_bytes()?)?;
    remove_zips(&zips_dir)?;
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
) -> Result<Vec<(std::path::PathBuf, String)>, PackError> {
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

fn remove_zips(dir: &Path) -> Result<(), PackError> {
    match std::fs::remove_dir_all(dir) {
        Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
            Err(PackError::io(dir, error))
        }
        _ => Ok(()),
    }
}
