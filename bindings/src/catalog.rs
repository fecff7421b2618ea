//! The offline trek catalog for the shells: open, sync with progress and
//! cancellation, search, nearby, trek detail.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use sentier_core::catalog::{
    self, CatalogError, CatalogStatus, Choice, ChoiceList, Circle, ElevationProfile, Limits,
    NearbyPlace, PlaceKind, SyncOptions, SyncProgress, SyncReport, TrekDetail, TrekPage, TrekQuery,
};
use sentier_core::runtime::TaskHandle;
use sentier_core::screens::PackCatalog;
use sentier_core::screens::export::write_trek_gpx;
use sentier_core::tiles::OverlaySource;
use sentier_core::trail::Route;

/// Receives the progress and the outcome of a sync, on a core thread.
#[uniffi::export(with_foreign)]
pub trait SyncListener: Send + Sync {
    fn on_progress(&self, progress: SyncProgress);
    /// The sync committed: the catalog now shows the new data.
    fn on_finished(&self, report: SyncReport);
    /// The sync failed or was cancelled: the catalog is as it was.
    fn on_failed(&self, error: CatalogError);
}

/// An offline catalog file (an installed pack's knows its photos offline).
#[derive(uniffi::Object)]
pub struct Catalog {
    pub(crate) inner: Arc<catalog::Catalog>,
    /// The folder of the pack it belongs to, where its photos are.
    pub(crate) media_folder: Option<PathBuf>,
}

impl Catalog {
    /// The catalog with its pack's photos, as screens read it.
    pub(crate) fn pack_catalog(&self) -> PackCatalog {
        PackCatalog {
            catalog: Arc::clone(&self.inner),
            media_folder: self.media_folder.clone(),
        }
    }
}

#[uniffi::export]
impl Catalog {
    /// Opens (creating if needed) the catalog stored at `path`.
    #[uniffi::constructor]
    pub fn open(path: String) -> Result<Arc<Catalog>, CatalogError> {
        Ok(Arc::new(Catalog {
            inner: Arc::new(catalog::Catalog::open(&PathBuf::from(path))?),
            media_folder: None,
        }))
    }

    /// Starts syncing from `api_url` (`https://host/api/v2/`) on the core's runtime.
    pub fn sync(
        &self,
        api_url: String,
        options: SyncOptions,
        listener: Arc<dyn SyncListener>,
    ) -> Arc<TaskHandle> {
        let path = self.inner.path().to_path_buf();
        let told = Arc::clone(&listener);
        TaskHandle::spawn_reporting(
            move |cancel| async move {
                let progress = |p: &SyncProgress| listener.on_progress(p.clone());
                match catalog::sync::sync(
                    &path,
                    &api_url,
                    &options,
                    Limits::default(),
                    &progress,
                    &cancel,
                )
                .await
                {
                    Ok(report) => listener.on_finished(report),
                    Err(error) => listener.on_failed(error),
                }
            },
            move |failed| told.on_failed(failed.into()),
        )
    }

    pub fn search(&self, query: TrekQuery) -> Result<TrekPage, CatalogError> {
        self.inner.search(&query)
    }

    /// The id of every trek matching `query`, its paging ignored: the treks a
    /// map of the search's results draws (`OfflineMap.styleUrl`); `None` when
    /// every trek matches.
    pub fn matching_trek_ids(&self, query: TrekQuery) -> Result<Option<Vec<i64>>, CatalogError> {
        self.inner.matching_trek_ids(&query)
    }

    /// Places within `circle`, nearest first; all kinds when `kinds` is empty.
    pub fn nearby(
        &self,
        circle: Circle,
        kinds: Vec<PlaceKind>,
        language: String,
        limit: u32,
    ) -> Result<Vec<NearbyPlace>, CatalogError> {
        self.inner.nearby(&circle, &kinds, &language, limit)
    }

    pub fn trek_detail(&self, id: i64, language: String) -> Result<TrekDetail, CatalogError> {
        self.inner.trek_detail(id, &language)
    }

    /// The route to follow trek `id`: line, points along it, sensitive areas.
    pub fn trek_route(&self, id: i64, language: String) -> Result<Route, CatalogError> {
        Ok(Route::from_trek(&self.inner.trek_detail(id, &language)?))
    }

    /// Writes trek `id` as a GPX 1.1 file at `path`, offline: its line with
    /// elevations, its POIs, signage and information desks as waypoints.
    pub fn export_trek_gpx(
        &self,
        id: i64,
        language: String,
        path: String,
    ) -> Result<(), CatalogError> {
        let route = self.trek_route(id, language)?;
        write_trek_gpx(&route, Path::new(&path)).map_err(|error| CatalogError::Export {
            path: path.clone(),
            detail: error.to_string(),
        })
    }

    pub fn elevation_profile(&self, id: i64) -> Result<ElevationProfile, CatalogError> {
        self.inner.elevation_profile(id)
    }

    /// A reference list (practices, themes...) for filters and labels.
    pub fn choices(&self, list: ChoiceList, language: String) -> Result<Vec<Choice>, CatalogError> {
        self.inner.choices(list, &language)
    }

    /// The catalog as map overlays (treks, POIs, signage, sensitive areas), for `OfflineMap.start`.
    pub fn overlays(&self) -> Arc<dyn OverlaySource> {
        self.inner.clone()
    }

    pub fn status(&self) -> Result<CatalogStatus, CatalogError> {
        self.inner.status()
    }
}
