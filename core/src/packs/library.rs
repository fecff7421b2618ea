//! The packs installed on this device, under `<data dir>/packs/`:
//!
//! ```text
//! packs/<id>/installed.json     which version is live (replaced atomically)
//! packs/<id>/v<version>/        its files and its own catalog.sqlite
//! packs/.staging/<id>/          a download in progress (manifest.json, files, *.part)
//! ```
//!
//! This module keeps that list, answers what is installed (from the disk
//! alone) and what the servers publish (asked briefly, never blocking the
//! list), runs downloads one per pack with pause and cancel, and removes
//! packs. A download fills the staging folder ([`super::download`] fetches
//! the files, [`super::fetch`] the manifest) and [`super::install`] makes
//! it the live version: a half-downloaded or unverified pack is never
//! visible, and the previous version stays usable until the switch. Opening
//! the library deletes what an interrupted switch or a removed pack left
//! behind; staging folders are kept, since a download resumes from them.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use futures_util::stream::{self, StreamExt, TryStreamExt};
use serde::{Deserialize, Serialize};
use tokio_util::sync::CancellationToken;

use super::download::{Counters, Rate, TransferOptions, fetch_file, free_space};
use super::index::PackSummary;
use super::install::{count_staged, data_size, install, prepare_staging};
use super::{FileKind, PackError, PackManifest, fetch};
use crate::http::Budget;

pub(super) const STAGING: &str = ".staging";
pub(super) const INSTALLED_FILE: &str = "installed.json";
pub(super) const CATALOG_FILE: &str = "catalog.sqlite";
pub(crate) const MANIFEST_FILE: &str = "manifest.json";

/// Where a download is.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PackProgress {
    pub pack_id: String,
    pub bytes_done: u64,
    pub bytes_total: u64,
    pub files_done: u64,
    pub files_total: u64,
    pub bytes_per_second: u64,
    /// Seconds left at the current pace, once it is known.
    pub eta_seconds: Option<u64>,
    /// True once every file is in and the pack is being installed.
    pub installing: bool,
}

/// Where an installed pack came from, which says how it is updated.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum PackKind {
    /// Published by a pack server (`sentier pack build`): its server's
    /// `index.json` says when a newer version is out.
    #[default]
    Published,
    /// A Geotrek territory added by its address (`crate::territory`): its
    /// API and its Geotrek-mobile tree, synced and converted on the device.
    Territory,
    /// A basemap alone, from an MBTiles or PMTiles file or URL: tiles, no treks.
    Basemap,
}

/// An installed pack.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct InstalledPack {
    pub id: String,
    pub name: String,
    pub version: u64,
    /// The pack server it came from; a territory's address, a basemap's
    /// file or URL.
    pub server_url: String,
    pub kind: PackKind,
    /// The root of the Geotrek-admin its data came from: where reports about
    /// this territory go and rangers log in, unless the user picked another.
    pub admin_url: String,
    pub bbox: Vec<f64>,
    /// Bytes its folder takes on disk.
    pub size_on_disk: u64,
    /// Its offline catalog, to open with the catalog API.
    pub catalog_path: String,
    /// Its tile sets, to add to the offline map.
    pub tile_files: Vec<String>,
    /// Its folder, where media files are found by [`super::media::media_path`].
    pub folder: String,
}

/// An installed pack next to what its server publishes.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PackStatus {
    pub pack: InstalledPack,
    /// The server's version when newer than the installed one.
    pub update_available: Option<u64>,
    /// Why the server could not say whether there is an update ("server
    /// unreachable: ..."); `None` when it answered, or was not asked.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub server_unreachable: Option<String>,
}

impl PackStatus {
    /// `pack` as the disk alone knows it, before its server is asked.
    pub fn unchecked(pack: InstalledPack) -> PackStatus {
        PackStatus {
            pack,
            update_available: None,
            server_unreachable: None,
        }
    }
}

#[derive(Serialize, Deserialize)]
pub(super) struct Installed {
    pub version: u64,
    pub folder: String,
    pub server_url: String,
    /// Absent from the files of versions that knew only published packs.
    #[serde(default)]
    pub kind: PackKind,
}

/// A download running, as `cancel` and `remove` reach it.
struct Running {
    cancel: CancellationToken,
    /// Cancelled for good: its staging folder goes when it ends.
    discard: bool,
}

/// The installed packs and their downloads.
pub struct PackLibrary {
    pub(super) root: PathBuf,
    client: reqwest::Client,
    options: TransferOptions,
    /// Downloads running, by pack id.
    running: Mutex<HashMap<String, Running>>,
    /// Held while a version goes live or a pack is removed, so a removal
    /// never races an install's last step.
    pub(super) switching: Mutex<()>,
}

impl std::fmt::Debug for PackLibrary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PackLibrary")
            .field("root", &self.root)
            .finish_non_exhaustive()
    }
}

impl PackLibrary {
    /// The library under `data_dir/packs`, cleaned of leftovers.
    pub fn open(data_dir: &Path, options: TransferOptions) -> Result<PackLibrary, PackError> {
        let root = data_dir.join("packs");
        std::fs::create_dir_all(root.join(STAGING)).map_err(|error| PackError::io(&root, error))?;
        let client = crate::http::client().map_err(|error| PackError::Network {
            url: String::new(),
            reason: crate::http::describe_error(&error),
        })?;
        let library = PackLibrary {
            root,
            client,
            options,
            running: Mutex::new(HashMap::new()),
            switching: Mutex::new(()),
        };
        library.clean()?;
        Ok(library)
    }

    /// Deletes version folders no `installed.json` points at (an interrupted
    /// switch or removal) and staging folders without a manifest.
    fn clean(&self) -> Result<(), PackError> {
        for entry in read_dir(&self.root)? {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().to_string();
            if name == STAGING || !path.is_dir() {
                continue;
            }
            let live = read_installed(&path).map(|installed| installed.folder);
            for version in read_dir(&path)? {
                let version_name = version.file_name().to_string_lossy().to_string();
                if version.path().is_dir() && Some(&version_name) != live.as_ref() {
                    remove_dir(&version.path())?;
                }
            }
            if live.is_none() {
                remove_dir(&path)?;
            }
        }
        for staged in read_dir(&self.root.join(STAGING))? {
            if !staged.path().join(MANIFEST_FILE).is_file() {
                remove_dir(&staged.path())?;
            }
        }
        Ok(())
    }

    /// The folder of the installed packs (`<data dir>/packs`).
    pub(crate) fn root(&self) -> &Path {
        &self.root
    }

    /// The client every transfer of this library goes through.
    pub fn client(&self) -> &reqwest::Client {
        &self.client
    }

    /// How this library's transfers behave.
    pub(crate) fn options(&self) -> &TransferOptions {
        &self.options
    }

    /// The packs a pack server publishes, asked with the budget of a
    /// screen waiting for them.
    pub async fn server_packs(&self, server_url: &str) -> Result<Vec<PackSummary>, PackError> {
        let root = fetch::server_root(server_url)?;
        fetch::index(
            &self.client,
            &root,
            Budget::INTERACTIVE,
            &CancellationToken::new(),
        )
        .await
    }

    /// The installed packs, by id.
    pub fn installed(&self) -> Result<Vec<InstalledPack>, PackError> {
        let mut packs = Vec::new();
        for entry in read_dir(&self.root)? {
            let name = entry.file_name().to_string_lossy().to_string();
            if name == STAGING {
                continue;
            }
            if let Some(pack) = self.installed_pack(&name)? {
                packs.push(pack);
            }
        }
        packs.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(packs)
    }

    /// The installed packs with the updates their servers publish. The
    /// servers are asked all at once, each with an interactive budget (a few
    /// seconds), so offline the list comes as fast as [`PackLibrary::installed`]
    /// allows plus at most that budget; a server that cannot be asked leaves
    /// its packs marked "server unreachable" with the reason. Territories
    /// and basemaps have no pack server to ask: they come unchecked.
    pub async fn statuses(&self) -> Result<Vec<PackStatus>, PackError> {
        let installed = self.installed()?;
        let servers: BTreeSet<&str> = installed
            .iter()
            .filter(|pack| pack.kind == PackKind::Published)
            .map(|pack| pack.server_url.as_str())
            .collect();
        let answers: HashMap<&str, Result<Vec<PackSummary>, PackError>> =
            futures_util::future::join_all(
                servers
                    .into_iter()
                    .map(|server| async move { (server, self.server_packs(server).await) }),
            )
            .await
            .into_iter()
            .collect();
        Ok(installed
            .iter()
            .map(|pack| {
                let mut status = PackStatus::unchecked(pack.clone());
                match answers.get(pack.server_url.as_str()) {
                    None => {}
                    Some(Ok(published)) => {
                        status.update_available = published
                            .iter()
                            .find(|summary| summary.id == pack.id && summary.version > pack.version)
                            .map(|summary| summary.version);
                    }
                    Some(Err(error)) => {
                        status.server_unreachable = Some(format!("server unreachable: {error}"));
                    }
                }
                status
            })
            .collect())
    }

    /// The installed pack `id`, from the disk.
    pub fn installed_pack(&self, id: &str) -> Result<Option<InstalledPack>, PackError> {
        let folder = self.root.join(id);
        let Some(installed) = read_installed(&folder) else {
            return Ok(None);
        };
        let version_dir = folder.join(&installed.folder);
        let manifest = read_manifest(&version_dir)?;
        Ok(Some(InstalledPack {
            id: manifest.id.clone(),
            name: manifest.name.clone(),
            version: manifest.version,
            server_url: installed.server_url,
            kind: installed.kind,
            // A basemap comes from no Geotrek-admin.
            admin_url: match manifest.source_api.as_str() {
                "" => String::new(),
                api => crate::address::admin_root(api),
            },
            bbox: manifest.bbox.clone(),
            size_on_disk: disk_usage(&version_dir),
            catalog_path: version_dir.join(CATALOG_FILE).display().to_string(),
            tile_files: manifest
                .files
                .iter()
                .filter(|file| file.kind == FileKind::Tiles)
                .map(|file| version_dir.join(&file.path).display().to_string())
                .collect(),
            folder: version_dir.display().to_string(),
        }))
    }

    /// Downloads pack `id` from `server_url` and installs it, or brings an
    /// installed pack to the server's version fetching only changed files;
    /// resumes what an earlier, interrupted download left. `progress` hears
    /// about every received chunk, at most every 100 ms.
    pub async fn download(
        &self,
        server_url: &str,
        id: &str,
        progress: &(dyn Fn(&PackProgress) + Send + Sync),
        cancel: &CancellationToken,
    ) -> Result<InstalledPack, PackError> {
        let _running = self.start(id, cancel)?;
        let root = fetch::server_root(server_url)?;
        let pack_url = fetch::join(&root, &format!("{id}/"))?;
        let manifest_url = fetch::join(&pack_url, MANIFEST_FILE)?;
        let budget = self.options.background();
        let fetched = fetch::manifest(&self.client, &manifest_url, None, budget, cancel).await?;
        let Some(fetched) = fetched else {
            return Err(PackError::Network {
                url: manifest_url.to_string(),
                reason: "HTTP 304 to a request without a condition".into(),
            });
        };
        let manifest = PackManifest::parse(&fetched.bytes)?;
        if manifest.id != id {
            return Err(PackError::BadManifest {
                reason: format!("the manifest of {id} names pack {}", manifest.id),
            });
        }
        let staging = staging_of(&self.root, id);
        prepare_staging(self, &staging, &manifest, &fetched.bytes)?;

        let counters = Arc::new(Counters::default());
        let total = manifest.total_size();
        counters.bytes_total.store(total, Ordering::Relaxed);
        let missing = count_staged(&staging, &manifest, &counters);
        let needed: u64 =
            missing.iter().map(|file| file.size).sum::<u64>() + data_size(&manifest) * 3;
        let available = free_space(&self.root)?;
        if needed > available {
            return Err(PackError::NoSpace { needed, available });
        }
        let files_total = manifest.files.len() as u64;
        let rate = Rate::start(&counters);
        let report =
            |installing: bool| progress(&rate.progress(id, &counters, files_total, installing));
        report(false);
        let transfers = stream::iter(missing.into_iter().map(|file| {
            let (staging, pack_url, counters) = (&staging, &pack_url, &counters);
            async move {
                fetch_file(
                    &self.client,
                    pack_url,
                    staging,
                    &file,
                    &self.options,
                    counters,
                    cancel,
                )
                .await
            }
        }))
        .buffer_unordered(self.options.parallel.max(1))
        .try_collect::<Vec<()>>();
        let ticker = async {
            loop {
                tokio::time::sleep(Duration::from_millis(100)).await;
                report(false);
            }
        };
        tokio::select! {
            outcome = transfers => outcome?,
            _ = ticker => unreachable!("the ticker never ends"),
        };
        // The server may have published a new version meanwhile; asked with
        // the manifest's ETag, it says so without sending it again.
        let etag = fetched.etag.as_deref();
        if let Some(current) =
            fetch::manifest(&self.client, &manifest_url, etag, budget, cancel).await?
            && current.bytes != fetched.bytes
        {
            let version = PackManifest::parse(&current.bytes)
                .map(|m| m.version)
                .unwrap_or(manifest.version);
            return Err(PackError::ManifestChanged { version });
        }
        report(true);
        install(
            self,
            &staging,
            &manifest,
            (server_url, PackKind::Published),
            counters.hashed_files(),
            cancel,
        )
        .await
    }

    /// Marks `id` as downloading; the guard unmarks it.
    pub(crate) fn start<'a>(
        &'a self,
        id: &str,
        cancel: &CancellationToken,
    ) -> Result<RunningGuard<'a>, PackError> {
        if !super::manifest::is_safe_id(id) {
            return Err(PackError::UnsafePath {
                path: id.to_string(),
            });
        }
        let mut running = self.running();
        if running.contains_key(id) {
            return Err(PackError::Busy { id: id.to_string() });
        }
        let download = Running {
            cancel: cancel.clone(),
            discard: false,
        };
        running.insert(id.to_string(), download);
        Ok(RunningGuard {
            library: self,
            id: id.to_string(),
        })
    }

    fn running(&self) -> MutexGuard<'_, HashMap<String, Running>> {
        self.running.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Stops the download of `id`, keeping what was received for a later resume.
    pub fn pause(&self, id: &str) {
        if let Some(download) = self.running().get(id) {
            download.cancel.cancel();
        }
    }

    /// Stops the download of `id` and deletes what it received. Returns at
    /// once: a download still running deletes its staging folder itself as
    /// it ends (never while a transfer still writes into it).
    pub fn cancel(&self, id: &str) -> Result<(), PackError> {
        if !super::manifest::is_safe_id(id) {
            return Err(PackError::UnsafePath {
                path: id.to_string(),
            });
        }
        let mut running = self.running();
        match running.get_mut(id) {
            Some(download) => {
                download.discard = true;
                download.cancel.cancel();
                Ok(())
            }
            None => remove_dir(&staging_of(&self.root, id)),
        }
    }

    /// Removes pack `id` and any download of it, reclaiming their space.
    pub fn remove(&self, id: &str) -> Result<(), PackError> {
        if !super::manifest::is_safe_id(id) {
            return Err(PackError::UnsafePath {
                path: id.to_string(),
            });
        }
        let folder = self.root.join(id);
        let installed = folder.join(INSTALLED_FILE);
        if !installed.exists() && !staging_of(&self.root, id).exists() {
            return Err(PackError::NotInstalled { id: id.to_string() });
        }
        self.cancel(id)?;
        // A download that got past its last check finishes its switch first.
        let _switching = self
            .switching
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        // Unpublish first: a crash mid-removal leaves a folder `open` cleans.
        if installed.exists() {
            std::fs::remove_file(&installed).map_err(|error| PackError::io(&installed, error))?;
        }
        remove_dir(&folder)
    }
}

/// Unmarks a download when it ends, however it ends, and deletes what it
/// received if it was cancelled for good.
pub(crate) struct RunningGuard<'a> {
    library: &'a PackLibrary,
    id: String,
}

impl Drop for RunningGuard<'_> {
    fn drop(&mut self) {
        let mut running = self.library.running();
        if running
            .remove(&self.id)
            .is_some_and(|download| download.discard)
        {
            // Under the lock: a new download of the pack waits for this.
            let _ = remove_dir(&staging_of(&self.library.root, &self.id));
        }
    }
}

pub(crate) fn staging_of(root: &Path, id: &str) -> PathBuf {
    root.join(STAGING).join(id)
}

pub(super) fn read_installed(folder: &Path) -> Option<Installed> {
    let installed: Installed =
        serde_json::from_slice(&std::fs::read(folder.join(INSTALLED_FILE)).ok()?).ok()?;
    let safe = installed.folder.starts_with('v')
        && installed.folder[1..].bytes().all(|b| b.is_ascii_digit());
    safe.then_some(installed)
}

pub(crate) fn read_manifest(dir: &Path) -> Result<PackManifest, PackError> {
    let path = dir.join(MANIFEST_FILE);
    PackManifest::parse(&std::fs::read(&path).map_err(|error| PackError::io(&path, error))?)
}

pub(super) fn read_dir(path: &Path) -> Result<Vec<std::fs::DirEntry>, PackError> {
    match std::fs::read_dir(path) {
        Ok(entries) => Ok(entries.flatten().collect()),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(error) => Err(PackError::io(path, error)),
    }
}

pub(super) fn remove_dir(path: &Path) -> Result<(), PackError> {
    #[cfg(test)]
    crate::atomic_file::journal::record(crate::atomic_file::journal::Step::Removed, path);
    match std::fs::remove_dir_all(path) {
        Ok(()) => Ok(()),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(error) => Err(PackError::io(path, error)),
    }
}

/// Bytes the files under `path` take.
fn disk_usage(path: &Path) -> u64 {
    let mut total = 0;
    let mut pending = vec![path.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in read_dir(&folder).unwrap_or_default() {
            match entry.metadata() {
                Ok(meta) if meta.is_dir() => pending.push(entry.path()),
                Ok(meta) => total += meta.len(),
                Err(_) => {}
            }
        }
    }
    total
}
