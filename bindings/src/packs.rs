//! Park packs for the shells: the packs a server publishes, the installed
//! ones, downloads and updates with progress and a cancel handle, removal,
//! and an installed pack's catalog and tile sets; basemap packs from any
//! MBTiles or PMTiles file or URL; Geotrek territories added
//! by their address (what the admin offers, then the territory installed as
//! a pack).

use std::future::Future;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use sentier_core::packs::basemap::add_basemap;
use sentier_core::packs::download::TransferOptions;
use sentier_core::packs::media::media_path;
use sentier_core::packs::{
    InstalledPack, PackError, PackLibrary, PackProgress, PackStatus, PackSummary,
};
use sentier_core::runtime::{TaskHandle, on_core_runtime};
use sentier_core::territory::{
    TerritoryAddress, TerritoryChoice, TerritoryOffer, TerritoryProgress, add_territory, offer,
    update_territory,
};
use sentier_core::tiles::TileError;
use tokio_util::sync::CancellationToken;

use crate::catalog::Catalog;
use crate::tiles::OfflineMap;

/// Receives the progress and the outcome of a download, on a core thread.
#[uniffi::export(with_foreign)]
pub trait PackListener: Send + Sync {
    fn on_progress(&self, progress: PackProgress);
    /// The pack is installed (or updated) and visible.
    fn on_finished(&self, pack: InstalledPack);
    /// The download failed, was paused or cancelled; the installed version
    /// (if any) is as it was, and a paused download resumes where it stopped.
    fn on_failed(&self, error: PackError);
}

/// Receives the progress and the outcome of adding a territory, on a core thread.
#[uniffi::export(with_foreign)]
pub trait TerritoryListener: Send + Sync {
    fn on_progress(&self, progress: TerritoryProgress);
    /// The territory is installed (or updated) and visible.
    fn on_finished(&self, pack: InstalledPack);
    /// Adding it failed, was paused or cancelled; an installed version (if
    /// any) is as it was.
    fn on_failed(&self, error: PackError);
}

/// The packs of this device, under `<data dir>/packs`.
#[derive(uniffi::Object)]
pub struct Packs {
    pub(crate) library: Arc<PackLibrary>,
}

#[uniffi::export]
impl Packs {
    /// Opens the library in `data_dir`, deleting what interrupted work left
    /// that cannot be resumed.
    #[uniffi::constructor]
    pub fn open(data_dir: String) -> Result<Arc<Packs>, PackError> {
        let library = PackLibrary::open(Path::new(&data_dir), TransferOptions::default())?;
        Ok(Arc::new(Packs {
            library: Arc::new(library),
        }))
    }

    /// The packs the server at `server_url` publishes (its `index.json`),
    /// asked on the core's runtime.
    pub async fn server_packs(&self, server_url: String) -> Result<Vec<PackSummary>, PackError> {
        let library = Arc::clone(&self.library);
        on_core_runtime(async move { library.server_packs(&server_url).await }).await?
    }

    /// The installed packs, without asking any server.
    pub fn installed(&self) -> Result<Vec<InstalledPack>, PackError> {
        self.library.installed()
    }

    /// The installed packs with the newer versions their servers publish,
    /// asked on the core's runtime.
    pub async fn statuses(&self) -> Result<Vec<PackStatus>, PackError> {
        let library = Arc::clone(&self.library);
        on_core_runtime(async move { library.statuses().await }).await?
    }

    /// Downloads and installs pack `id` from `server_url`, or updates it to
    /// the server's version (only changed files travel); resumes an earlier,
    /// interrupted download. Cancelling the handle pauses: call again to resume.
    pub fn download(
        &self,
        server_url: String,
        id: String,
        listener: Arc<dyn PackListener>,
    ) -> Arc<TaskHandle> {
        let library = Arc::clone(&self.library);
        pack_task(listener, move |listener, cancel| async move {
            let progress = |p: &PackProgress| listener.on_progress(p.clone());
            library.download(&server_url, &id, &progress, &cancel).await
        })
    }

    /// Installs the MBTiles or PMTiles tile set at `source` (a file path
    /// or an http(s) URL) as a basemap pack, called `name` (else the name
    /// it declares), after a full check: a file that is not a usable tile
    /// set fails with `PackError::BadTileSet` and nothing is installed.
    /// Put it on the map with `attach_tiles(pack.id, map, pack.id)`: the
    /// map's basemap switch lists every layer the map serves.
    pub fn add_basemap(
        &self,
        source: String,
        name: Option<String>,
        listener: Arc<dyn PackListener>,
    ) -> Arc<TaskHandle> {
        let library = Arc::clone(&self.library);
        pack_task(listener, move |listener, cancel| async move {
            let progress = |p: &PackProgress| listener.on_progress(p.clone());
            add_basemap(&library, &source, name.as_deref(), &progress, &cancel).await
        })
    }

    /// What the Geotrek-admin at `address` (read from what the user typed
    /// by `territory_address`) offers: its treks, extent, basemap and each
    /// trek's tiles with their sizes, trek names in `language`. Asked on the
    /// core's runtime within a screen's budget.
    pub async fn territory_offer(
        &self,
        address: TerritoryAddress,
        language: String,
    ) -> Result<TerritoryOffer, PackError> {
        let library = Arc::clone(&self.library);
        on_core_runtime(async move {
            let cancel = CancellationToken::new();
            offer(library.client(), &address, &language, &cancel).await
        })
        .await?
    }

    /// Adds (or updates) the territory of `offer` with the tiles of
    /// `choice`, its data in `languages` (empty: all the admin has).
    /// Cancelling the handle pauses: call again to resume; `cancel(id)`
    /// deletes what it received.
    pub fn add_territory(
        &self,
        offer: TerritoryOffer,
        choice: TerritoryChoice,
        languages: Vec<String>,
        listener: Arc<dyn TerritoryListener>,
    ) -> Arc<TaskHandle> {
        let library = Arc::clone(&self.library);
        pack_task(listener, move |listener, cancel| async move {
            let progress = |p: &TerritoryProgress| listener.on_progress(p.clone());
            add_territory(&library, &offer, &choice, &languages, &progress, &cancel).await
        })
    }

    /// Brings the installed territory `id` up to date from its admin, with
    /// the treks, languages and mobile tree it was added with: only the
    /// tile zips whose size or ETag changed, the objects changed since the
    /// last sync and the photos it lacks are downloaded; with nothing new,
    /// the installed version stays. Cancelling the handle pauses.
    pub fn update_territory(
        &self,
        id: String,
        listener: Arc<dyn TerritoryListener>,
    ) -> Arc<TaskHandle> {
        let library = Arc::clone(&self.library);
        pack_task(listener, move |listener, cancel| async move {
            let progress = |p: &TerritoryProgress| listener.on_progress(p.clone());
            update_territory(&library, &id, None, &progress, &cancel).await
        })
    }

    /// Pauses the download of `id`, keeping what it received.
    pub fn pause(&self, id: String) {
        self.library.pause(&id);
    }

    /// Stops the download of `id` and deletes what it received.
    pub fn cancel(&self, id: String) -> Result<(), PackError> {
        self.library.cancel(&id)
    }

    /// Removes pack `id` and reclaims its space.
    pub fn remove(&self, id: String) -> Result<(), PackError> {
        self.library.remove(&id)
    }

    /// The offline catalog of installed pack `id`.
    pub fn catalog(&self, id: String) -> Result<Arc<Catalog>, PackError> {
        let pack = self.installed_pack(&id)?;
        let inner = sentier_core::catalog::Catalog::open(Path::new(&pack.catalog_path)).map_err(
            |error| PackError::Io {
                path: pack.catalog_path.clone(),
                reason: error.to_string(),
            },
        )?;
        Ok(Arc::new(Catalog {
            inner: Arc::new(inner),
            media_folder: Some(PathBuf::from(&pack.folder)),
        }))
    }

    /// The file installed pack `id` keeps for the photo or pictogram at
    /// `url` (as its objects name it), if the pack has it.
    pub fn media_file(&self, id: String, url: String) -> Result<Option<String>, PackError> {
        let path = Path::new(&self.installed_pack(&id)?.folder).join(media_path(&url));
        Ok(path.is_file().then(|| path.display().to_string()))
    }

    /// Puts the tile sets of installed pack `id` on layer `layer` of `map`,
    /// served at once if the map's server runs.
    pub fn attach_tiles(
        &self,
        id: String,
        map: Arc<OfflineMap>,
        layer: String,
    ) -> Result<(), PackError> {
        for path in self.installed_pack(&id)?.tile_files {
            map.add_tile_set(layer.clone(), path.clone())
                .map_err(|error: TileError| PackError::Io {
                    path,
                    reason: error.to_string(),
                })?;
        }
        Ok(())
    }
}

impl Packs {
    fn installed_pack(&self, id: &str) -> Result<InstalledPack, PackError> {
        self.library
            .installed()?
            .into_iter()
            .find(|pack| pack.id == id)
            .ok_or_else(|| PackError::NotInstalled { id: id.to_string() })
    }
}

/// A listener that hears how a pack's task ended.
trait HearsOutcome: Send + Sync {
    fn finished(&self, pack: InstalledPack);
    fn failed(&self, error: PackError);
}

impl HearsOutcome for dyn PackListener {
    fn finished(&self, pack: InstalledPack) {
        self.on_finished(pack)
    }
    fn failed(&self, error: PackError) {
        self.on_failed(error)
    }
}

impl HearsOutcome for dyn TerritoryListener {
    fn finished(&self, pack: InstalledPack) {
        self.on_finished(pack)
    }
    fn failed(&self, error: PackError) {
        self.on_failed(error)
    }
}

/// Runs `work` on the core's runtime, given the listener to tell its
/// progress; its outcome (a panic as a failure) is told to `listener`.
fn pack_task<L, Fut>(
    listener: Arc<L>,
    work: impl FnOnce(Arc<L>, CancellationToken) -> Fut,
) -> Arc<TaskHandle>
where
    L: HearsOutcome + ?Sized + 'static,
    Fut: Future<Output = Result<InstalledPack, PackError>> + Send + 'static,
{
    let told = Arc::clone(&listener);
    TaskHandle::spawn_reporting(
        move |cancel| {
            let work = work(Arc::clone(&listener), cancel);
            async move {
                match work.await {
                    Ok(pack) => listener.finished(pack),
                    Err(error) => listener.failed(error),
                }
            }
        },
        move |failed| told.failed(failed.into()),
    )
}
