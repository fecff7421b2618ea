//! The packs installed on this device, under `<data dir>/packs/`:
//!
//! ```text
//! packs/<id>/installed.json     which version is live (replaced atomically)
//! packs/<id>/v<version>/        its files and its own catalog.sqlite
//! packs/.staging/<id>/          a download in progress (manifest.json, files, *.part)
//! ```
//!
//! A download fills the staging folder (reusing the unchanged files of the
//! installed version), imports the data into the new version's catalog,
//! moves the folder into place and only then points `installed.json` at it:
//! a half-downloaded or unverified pack is never visible, and the previous
//! version stays usable until the switch. Opening the library deletes what
//! an interrupted switch or a removed pack left behind; staging folders are
//! kept, since a download resumes from them.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::stream::{self, StreamExt, TryStreamExt};
use reqwest::StatusCode;
use serde::{Deserialize, Serialize};
use tokio_util::sync::CancellationToken;

use super::data::read_data;
use super::download::{Counters, Rate, TransferOptions, fetch_file, free_space, part_path};
use super::index::{INDEX_FILE, PackIndex, PackSummary};
use super::{FileKind, PackError, PackManifest, fsutil};
use crate::catalog::snapshot::import;

const STAGING: &str = ".staging";
const INSTALLED_FILE: &str = "installed.json";
const CATALOG_FILE: &str = "catalog.sqlite";

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

/// An installed pack.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct InstalledPack {
    pub id: String,
    pub name: String,
    pub version: u64,
    /// The pack server it came from.
    pub server_url: String,
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
}

#[derive(Serialize, Deserialize)]
struct Installed {
    version: u64,
    folder: String,
    server_url: String,
}

/// The installed packs and their downloads.
pub struct PackLibrary {
    root: PathBuf,
    client: reqwest::Client,
    options: TransferOptions,
    /// Downloads running, by pack id.
    running: Mutex<HashMap<String, CancellationToken>>,
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
        let client = crate::http::client_builder()
            .connect_timeout(Duration::from_secs(20))
            .build()
            .map_err(|error| PackError::Network {
                url: String::new(),
                reason: crate::http::describe_error(&error),
            })?;
        let library = PackLibrary {
            root,
            client,
            options,
            running: Mutex::new(HashMap::new()),
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
            if !staged.path().join("manifest.json").is_file() {
                remove_dir(&staged.path())?;
            }
        }
        Ok(())
    }

    /// The packs a pack server publishes.
    pub async fn server_packs(&self, server_url: &str) -> Result<Vec<PackSummary>, PackError> {
        let url = server_root(server_url)?
            .join(INDEX_FILE)
            .map_err(|error| bad_url(server_url, error))?;
        let bytes = self.get(&url).await?;
        Ok(PackIndex::parse(&bytes)?.packs)
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

    /// The installed packs with the updates their servers publish; a server
    /// that cannot be reached leaves its packs without update information.
    pub async fn statuses(&self) -> Result<Vec<PackStatus>, PackError> {
        let mut statuses = Vec::new();
        let mut published: HashMap<String, Option<Vec<PackSummary>>> = HashMap::new();
        for pack in self.installed()? {
            if !published.contains_key(&pack.server_url) {
                let listed = self.server_packs(&pack.server_url).await.ok();
                published.insert(pack.server_url.clone(), listed);
            }
            let update_available = published[&pack.server_url]
                .iter()
                .flatten()
                .find(|summary| summary.id == pack.id && summary.version > pack.version)
                .map(|summary| summary.version);
            statuses.push(PackStatus {
                pack,
                update_available,
            });
        }
        Ok(statuses)
    }

    fn installed_pack(&self, id: &str) -> Result<Option<InstalledPack>, PackError> {
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
            admin_url: crate::reports::admin_root(&manifest.source_api),
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
        let root = server_root(server_url)?;
        let pack_url = root
            .join(&format!("{id}/"))
            .map_err(|error| bad_url(server_url, error))?;
        let manifest_url = pack_url
            .join("manifest.json")
            .map_err(|e| bad_url(server_url, e))?;
        let (manifest_bytes, manifest_etag) = self.get_tagged(&manifest_url).await?;
        let manifest = PackManifest::parse(&manifest_bytes)?;
        if manifest.id != id {
            return Err(PackError::BadManifest {
                reason: format!("the manifest of {id} names pack {}", manifest.id),
            });
        }
        let staging = self.root.join(STAGING).join(id);
        self.prepare_staging(&staging, &manifest, &manifest_bytes)?;

        let counters = Arc::new(Counters::default());
        let missing = self.count_staged(&staging, &manifest, &counters);
        let needed: u64 =
            missing.iter().map(|file| file.size).sum::<u64>() + data_size(&manifest) * 3;
        let available = free_space(&self.root)?;
        if needed > available {
            return Err(PackError::NoSpace { needed, available });
        }
        let total = manifest.total_size();
        let files_total = manifest.files.len() as u64;
        let rate = Rate::start(&counters);
        let report = |installing: bool| {
            let bytes_done = counters.bytes_done.load(Ordering::Relaxed);
            let (bytes_per_second, eta_seconds) =
                rate.measure(&counters, total.saturating_sub(bytes_done));
            progress(&PackProgress {
                pack_id: id.to_string(),
                bytes_done,
                bytes_total: total,
                files_done: counters.files_done.load(Ordering::Relaxed),
                files_total,
                bytes_per_second,
                eta_seconds,
                installing,
            });
        };
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
        if let Fetched::Body { bytes: current, .. } =
            self.fetch(&manifest_url, manifest_etag.as_deref()).await?
            && current != manifest_bytes
        {
            let version = PackManifest::parse(&current)
                .map(|m| m.version)
                .unwrap_or(manifest.version);
            return Err(PackError::ManifestChanged { version });
        }
        report(true);
        self.install(&staging, &manifest, server_url).await
    }

    /// Marks `id` as downloading; the guard unmarks it.
    fn start<'a>(&'a self, id: &str, cancel: &CancellationToken) -> Result<Running<'a>, PackError> {
        if !super::manifest::is_safe_id(id) {
            return Err(PackError::UnsafePath {
                path: id.to_string(),
            });
        }
        let mut running = self
            .running
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if running.contains_key(id) {
            return Err(PackError::Busy { id: id.to_string() });
        }
        running.insert(id.to_string(), cancel.clone());
        Ok(Running {
            library: self,
            id: id.to_string(),
        })
    }

    /// Makes `staging` hold `manifest`'s download: a staged download of
    /// another version keeps only its files that did not change; files the
    /// installed version already has are linked in.
    fn prepare_staging(
        &self,
        staging: &Path,
        manifest: &PackManifest,
        bytes: &[u8],
    ) -> Result<(), PackError> {
        if let Ok(staged) = read_manifest(staging) {
            for old in &staged.files {
                let kept = manifest
                    .files
                    .iter()
                    .any(|new| new.path == old.path && new.sha256 == old.sha256);
                if !kept {
                    let path = staging.join(&old.path);
                    let _ = std::fs::remove_file(&path);
                    let _ = std::fs::remove_file(part_path(&path));
                }
            }
        }
        std::fs::create_dir_all(staging).map_err(|error| PackError::io(staging, error))?;
        fsutil::write_atomically(&staging.join("manifest.json"), bytes)?;
        let Some(current) = self.installed_pack(&manifest.id)? else {
            return Ok(());
        };
        let current_dir = PathBuf::from(&current.folder);
        let current_manifest = read_manifest(&current_dir)?;
        for file in &manifest.files {
            let unchanged = current_manifest
                .files
                .iter()
                .any(|old| old.path == file.path && old.sha256 == file.sha256);
            let target = staging.join(&file.path);
            if unchanged && !target.exists() {
                if let Some(parent) = target.parent() {
                    std::fs::create_dir_all(parent)
                        .map_err(|error| PackError::io(parent, error))?;
                }
                let source = current_dir.join(&file.path);
                if std::fs::hard_link(&source, &target).is_err() {
                    std::fs::copy(&source, &target)
                        .map_err(|error| PackError::io(&target, error))?;
                }
            }
        }
        Ok(())
    }

    /// The files still to fetch; counts what is staged already.
    fn count_staged(
        &self,
        staging: &Path,
        manifest: &PackManifest,
        counters: &Counters,
    ) -> Vec<super::PackFile> {
        let mut missing = Vec::new();
        for file in &manifest.files {
            let target = staging.join(&file.path);
            let complete = std::fs::symlink_metadata(&target)
                .is_ok_and(|meta| meta.is_file() && meta.len() == file.size);
            if complete {
                counters.bytes_done.fetch_add(file.size, Ordering::Relaxed);
                counters.files_done.fetch_add(1, Ordering::Relaxed);
            } else {
                let partial = std::fs::metadata(part_path(&target))
                    .map_or(0, |meta| meta.len().min(file.size));
                counters.bytes_done.fetch_add(partial, Ordering::Relaxed);
                missing.push(file.clone());
            }
        }
        missing
    }

    /// Imports the staged data, moves the staged folder into place and
    /// switches `installed.json` to it, then deletes the previous version.
    async fn install(
        &self,
        staging: &Path,
        manifest: &PackManifest,
        server_url: &str,
    ) -> Result<InstalledPack, PackError> {
        let (staging, manifest_owned) = (staging.to_path_buf(), manifest.clone());
        tokio::task::spawn_blocking(move || -> Result<(), PackError> {
            super::verify_pack_dir(&staging, &manifest_owned)?;
            let data: Vec<&str> = manifest_owned
                .files
                .iter()
                .filter(|file| file.kind == FileKind::Data)
                .map(|file| file.path.as_str())
                .collect();
            let snapshot = read_data(&staging, &data)?;
            let catalog = staging.join(CATALOG_FILE);
            let _ = std::fs::remove_file(&catalog);
            import(&catalog, &snapshot, &manifest_owned.created).map_err(|error| {
                PackError::Io {
                    path: catalog.display().to_string(),
                    reason: error.to_string(),
                }
            })?;
            Ok(())
        })
        .await
        .map_err(|error| PackError::Io {
            path: String::new(),
            reason: error.to_string(),
        })??;

        let folder = self.root.join(&manifest.id);
        std::fs::create_dir_all(&folder).map_err(|error| PackError::io(&folder, error))?;
        let previous = read_installed(&folder);
        let version_name = format!("v{}", manifest.version);
        let version_dir = folder.join(&version_name);
        if previous.as_ref().is_some_and(|p| p.folder == version_name) {
            // Reinstalling the live version: move it aside first.
            let aside = folder.join(format!("{version_name}.old"));
            std::fs::rename(&version_dir, &aside).map_err(|error| PackError::io(&aside, error))?;
        } else if version_dir.exists() {
            remove_dir(&version_dir)?;
        }
        std::fs::rename(staging_of(&self.root, &manifest.id), &version_dir)
            .map_err(|error| PackError::io(&version_dir, error))?;
        let installed = Installed {
            version: manifest.version,
            folder: version_name.clone(),
            server_url: server_url.to_string(),
        };
        let bytes = serde_json::to_vec_pretty(&installed).map_err(|error| PackError::Io {
            path: INSTALLED_FILE.into(),
            reason: error.to_string(),
        })?;
        fsutil::write_atomically(&folder.join(INSTALLED_FILE), &bytes)?;
        // The switch is done: what is left of the previous version goes.
        for entry in read_dir(&folder)? {
            let name = entry.file_name().to_string_lossy().to_string();
            if entry.path().is_dir() && name != version_name {
                remove_dir(&entry.path())?;
            }
        }
        self.installed_pack(&manifest.id)?
            .ok_or_else(|| PackError::NotInstalled {
                id: manifest.id.clone(),
            })
    }

    /// Stops the download of `id`, keeping what was received for a later resume.
    pub fn pause(&self, id: &str) {
        if let Some(cancel) = self
            .running
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(id)
        {
            cancel.cancel();
        }
    }

    /// Stops the download of `id` and deletes what it received.
    pub fn cancel(&self, id: &str) -> Result<(), PackError> {
        self.pause(id);
        let staging = staging_of(&self.root, id);
        // The transfers stop at their next chunk; wait for them to let go.
        for _ in 0..50 {
            if !self
                .running
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .contains_key(id)
            {
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        remove_dir(&staging)
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
        // Unpublish first: a crash mid-removal leaves a folder `open` cleans.
        if installed.exists() {
            std::fs::remove_file(&installed).map_err(|error| PackError::io(&installed, error))?;
        }
        remove_dir(&folder)
    }

    async fn get(&self, url: &url::Url) -> Result<Vec<u8>, PackError> {
        Ok(self.get_tagged(url).await?.0)
    }

    /// A small file and its ETag, when the server gives one.
    async fn get_tagged(&self, url: &url::Url) -> Result<(Vec<u8>, Option<String>), PackError> {
        match self.fetch(url, None).await? {
            Fetched::Body { bytes, etag } => Ok((bytes, etag)),
            Fetched::NotModified => Err(PackError::Network {
                url: url.to_string(),
                reason: "HTTP 304 to a request without a condition".into(),
            }),
        }
    }

    /// Fetches a small file (index, manifest) whole, retrying transient
    /// failures; with `if_none_match`, a server whose copy still has that
    /// ETag answers 304 and sends nothing.
    async fn fetch(
        &self,
        url: &url::Url,
        if_none_match: Option<&str>,
    ) -> Result<Fetched, PackError> {
        let network = |reason: String| PackError::Network {
            url: url.to_string(),
            reason,
        };
        let mut delay = self.options.first_retry;
        for attempt in 1..=self.options.attempts {
            let mut request = self.client.get(url.clone()).timeout(self.options.stall);
            if let Some(etag) = if_none_match {
                request = request.header(reqwest::header::IF_NONE_MATCH, etag);
            }
            match request.send().await {
                Ok(response)
                    if response.status() == StatusCode::NOT_MODIFIED && if_none_match.is_some() =>
                {
                    return Ok(Fetched::NotModified);
                }
                Ok(response) if response.status().is_success() => {
                    let etag = response
                        .headers()
                        .get(reqwest::header::ETAG)
                        .and_then(|value| value.to_str().ok())
                        .map(str::to_string);
                    match response.bytes().await {
                        Ok(bytes) => {
                            return Ok(Fetched::Body {
                                bytes: bytes.to_vec(),
                                etag,
                            });
                        }
                        Err(error) if attempt == self.options.attempts => {
                            return Err(network(crate::http::describe_error(&error)));
                        }
                        Err(_) => {}
                    }
                }
                Ok(response) if response.status().is_client_error() => {
                    return Err(network(format!("HTTP {}", response.status())));
                }
                Ok(response) if attempt == self.options.attempts => {
                    return Err(network(format!("HTTP {}", response.status())));
                }
                Err(error) if attempt == self.options.attempts => {
                    return Err(network(crate::http::describe_error(&error)));
                }
                _ => {}
            }
            tokio::time::sleep(delay).await;
            delay = (delay * 2).min(Duration::from_secs(30));
        }
        Err(network("no attempt made".into()))
    }
}

/// What a GET of a small file brought.
enum Fetched {
    Body {
        bytes: Vec<u8>,
        etag: Option<String>,
    },
    /// The server's copy still has the ETag the request named.
    NotModified,
}

/// Unmarks a download when it ends, however it ends.
struct Running<'a> {
    library: &'a PackLibrary,
    id: String,
}

impl Drop for Running<'_> {
    fn drop(&mut self) {
        self.library
            .running
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .remove(&self.id);
    }
}

fn staging_of(root: &Path, id: &str) -> PathBuf {
    root.join(STAGING).join(id)
}

/// The server root as a URL ending in `/`.
fn server_root(server_url: &str) -> Result<url::Url, PackError> {
    let with_slash = if server_url.ends_with('/') {
        server_url.to_string()
    } else {
        format!("{server_url}/")
    };
    let url = url::Url::parse(&with_slash).map_err(|error| bad_url(server_url, error))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(PackError::Network {
            url: server_url.into(),
            reason: "not an http(s) URL".into(),
        });
    }
    Ok(url)
}

fn bad_url(url: &str, error: url::ParseError) -> PackError {
    PackError::Network {
        url: url.to_string(),
        reason: error.to_string(),
    }
}

fn read_installed(folder: &Path) -> Option<Installed> {
    let installed: Installed =
        serde_json::from_slice(&std::fs::read(folder.join(INSTALLED_FILE)).ok()?).ok()?;
    let safe = installed.folder.starts_with('v')
        && installed.folder[1..].bytes().all(|b| b.is_ascii_digit());
    safe.then_some(installed)
}

fn read_manifest(dir: &Path) -> Result<PackManifest, PackError> {
    let path = dir.join("manifest.json");
    PackManifest::parse(&std::fs::read(&path).map_err(|error| PackError::io(&path, error))?)
}

fn read_dir(path: &Path) -> Result<Vec<std::fs::DirEntry>, PackError> {
    match std::fs::read_dir(path) {
        Ok(entries) => Ok(entries.flatten().collect()),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(error) => Err(PackError::io(path, error)),
    }
}

fn remove_dir(path: &Path) -> Result<(), PackError> {
    match std::fs::remove_dir_all(path) {
        Ok(()) => Ok(()),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(error) => Err(PackError::io(path, error)),
    }
}

/// Bytes of the data files: the catalog built from them takes a few times that.
fn data_size(manifest: &PackManifest) -> u64 {
    manifest
        .files
        .iter()
        .filter(|file| file.kind == FileKind::Data)
        .map(|file| file.size)
        .sum()
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
