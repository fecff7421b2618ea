//! Offline maps for the shells: the tile sets of installed packs grouped into
//! layers, the loopback tile server MapLibre Native reads them from (tiles
//! travel over HTTP, not through the FFI), and a few direct calls for
//! platforms that want them.

use std::path::Path;
use std::sync::{Arc, Mutex};

use sentier_core::catalog::Catalog;
use sentier_core::packs::InstalledPack;
use sentier_core::packs::media::pack_sprites;
use sentier_core::screens::packs::PackMap;
use sentier_core::screens::{Basemap, MapStyles};
use sentier_core::tiles::inspect::{TileSetReport, inspect};
use sentier_core::tiles::{
    LayerTile, MapView, OverlayLayer, OverlaySource, ServerOptions, TileCoord, TileError,
    TileLayers, TileServer, TileStore, TileStoreInfo, TrekIdSet,
};

/// The offline map of the app: its layers and, while started, the server.
#[derive(uniffi::Object)]
pub struct OfflineMap {
    layers: Arc<TileLayers>,
    server: Mutex<Option<TileServer>>,
}

#[uniffi::export]
impl OfflineMap {
    /// A map with no layers and no server.
    #[uniffi::constructor]
    pub fn new() -> Arc<OfflineMap> {
        Arc::new(OfflineMap {
            layers: Arc::new(TileLayers::new()),
            server: Mutex::new(None),
        })
    }

    /// Opens the MBTiles or PMTiles file at `path` and puts it on top of
    /// layer `layer`; served at once if the server runs.
    pub fn add_tile_set(&self, layer: String, path: String) -> Result<TileStoreInfo, TileError> {
        self.layers.add(&layer, Path::new(&path))
    }

    /// Stops serving the tile set opened from `path`; whether it was served.
    pub fn remove_tile_set(&self, path: String) -> bool {
        self.layers.remove(Path::new(&path))
    }

    /// Starts the server (if not running) with `overlays` drawn over the
    /// basemap, and returns the style URL to give MapLibre.
    pub fn start(&self, overlays: Option<Arc<dyn OverlaySource>>) -> Result<String, TileError> {
        let mut server = self.lock();
        match server.as_ref() {
            Some(running) if running.is_running() => running.set_overlays(overlays),
            _ => {
                *server = Some(TileServer::start(
                    Arc::clone(&self.layers),
                    overlays,
                    ServerOptions::default(),
                )?)
            }
        }
        Ok(server
            .as_ref()
            .map(|s| s.style_url(&MapView::default()))
            .unwrap_or_default())
    }

    /// The style URL with `selected_trek` drawn over the other treks, and
    /// only the treks `shown_treks` drawn (a search's results; `None` draws
    /// every trek); `None` when stopped. Only the treks overlay's URL depends
    /// on `shown_treks`, so MapLibre keeps the rest when it changes.
    pub fn style_url(
        &self,
        selected_trek: Option<i64>,
        shown_treks: Option<Vec<i64>>,
    ) -> Option<String> {
        let view = MapView {
            selected_trek,
            shown_treks: shown_treks.map(TrekIdSet::from_ids),
            basemap: None,
        };
        self.lock().as_ref().map(|server| server.style_url(&view))
    }

    /// The basemaps served (the map's tile layers), raster first.
    pub fn basemaps(&self) -> Vec<Basemap> {
        let mut layers = self.layers.all();
        layers.sort_by_key(|layer| (!layer.format().is_raster(), layer.key().to_string()));
        layers
            .iter()
            .map(|layer| Basemap {
                key: layer.key().to_string(),
                name: layer
                    .infos()
                    .map(|info| info.name.clone())
                    .find(|name| !name.is_empty())
                    .unwrap_or_else(|| layer.key().to_string()),
            })
            .collect()
    }

    /// Stops the server and resumes once it no longer answers (requests in
    /// flight get a short grace), without holding the caller's thread. A
    /// later start draws a new token.
    pub async fn stop(&self) {
        let server = self.lock().take();
        if let Some(server) = server {
            server.shut_down().await;
        }
    }

    /// One tile of `layer` (stored, or overzoomed for raster layers), without
    /// the server; MVT tiles keep their declared encoding.
    pub fn tile(
        &self,
        layer: String,
        z: u8,
        x: u32,
        y: u32,
    ) -> Result<Option<LayerTile>, TileError> {
        let coord = TileCoord::new(z, x, y)?;
        let layer = self
            .layers
            .layer(&layer)
            .ok_or(TileError::UnknownLayer { key: layer })?;
        layer.tile(coord)
    }
}

impl OfflineMap {
    fn lock(&self) -> std::sync::MutexGuard<'_, Option<TileServer>> {
        self.server.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// The id of `overlay`'s layer in the map style, where a tap finds its features.
#[uniffi::export]
pub fn overlay_style_layer_id(overlay: OverlayLayer) -> String {
    overlay.style_layer_id()
}

/// Opens and checks the tile set at `path`: its declaration, every PMTiles
/// directory entry, an MBTiles file's SQLite integrity (the app library is
/// built without the `mbtiles` crate's per-tile and `agg_tiles_hash` checks,
/// which the report lists as `unchecked`). Slow on large files: call it off
/// the main thread.
#[uniffi::export]
pub fn inspect_tile_set(path: String) -> Result<TileSetReport, TileError> {
    inspect(Path::new(&path))
}

/// The search's map: the style drawing its results.
impl MapStyles for OfflineMap {
    fn style_url(
        &self,
        selected_trek: Option<i64>,
        shown_treks: Option<Vec<i64>>,
    ) -> Option<String> {
        OfflineMap::style_url(self, selected_trek, shown_treks)
    }

    fn map_style_url(&self, selected_trek: Option<i64>, basemap: Option<String>) -> Option<String> {
        let view = MapView {
            basemap,
            ..MapView::selecting(selected_trek)
        };
        self.lock().as_ref().map(|server| server.style_url(&view))
    }

    fn basemaps(&self) -> Vec<Basemap> {
        OfflineMap::basemaps(self)
    }
}

/// The pack in use on the map: its tile sets instead of the previous
/// pack's (raster sets as one basemap, vector sets as another: a layer
/// holds one kind), its catalog's overlays and the sprite of its
/// pictograms, the server started if it was not.
impl PackMap for OfflineMap {
    fn show(
        &self,
        pack: &InstalledPack,
        catalog: &Arc<Catalog>,
        previous: Option<&InstalledPack>,
    ) -> Result<(), TileError> {
        if let Some(previous) = previous {
            self.hide(previous);
        }
        for path in &pack.tile_files {
            let raster = TileStore::open(Path::new(path))?.info().format.is_raster();
            let layer = if raster { BASEMAP_LAYER } else { VECTOR_LAYER };
            self.add_tile_set(layer.to_string(), path.clone())?;
        }
        let overlays: Arc<dyn OverlaySource> = Arc::clone(catalog) as Arc<dyn OverlaySource>;
        self.start(Some(overlays))?;
        // Pictograms that cannot be drawn get the placeholder: the map
        // still shows their places. Drawn once per pack version.
        let sprites = pack_sprites(pack, catalog).ok().map(Arc::new);
        if let Some(server) = self.lock().as_ref() {
            server.set_sprites(sprites);
        }
        Ok(())
    }

    fn hide(&self, pack: &InstalledPack) {
        for path in &pack.tile_files {
            self.remove_tile_set(path.clone());
        }
    }
}

/// The map layer the packs' raster tile sets are served as.
const BASEMAP_LAYER: &str = "basemap";
/// The map layer the packs' vector tile sets are served as.
const VECTOR_LAYER: &str = "vector";
