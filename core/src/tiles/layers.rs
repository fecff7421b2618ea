//! Tile sets grouped into named layers: the basemap of every installed pack,
//! possibly overlapping, behaves as one layer. Tiles come from the most
//! recently added set that holds them; raster layers fall back to an
//! overzoomed ancestor past a set's deepest zoom. Sets are added and removed
//! while the server runs: readers hold an immutable snapshot of a layer.

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::sync::{Arc, RwLock};

use super::overzoom::{self, UpscaleError};
use super::store::{Bounds, TileStore, TileStoreInfo};
use super::{TileCoord, TileEncoding, TileError, TileFormat};

/// Raster layers are served (overzoomed) down to this zoom at least.
pub const RASTER_SERVED_MAX_ZOOM: u8 = 18;

/// Whether `key` may name a layer in URLs: 1 to 64 of `a-z`, `0-9`, `-`, `_`.
pub fn is_valid_layer_key(key: &str) -> bool {
    (1..=64).contains(&key.len())
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// One tile ready to be served.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct LayerTile {
    pub bytes: Vec<u8>,
    pub format: TileFormat,
    pub encoding: TileEncoding,
    /// Identifies these bytes: the serving set's fingerprint and the coordinate.
    pub etag: String,
}

/// A tile set in a layer, with the fingerprint that tells its tiles apart
/// from another version of the same file.
#[derive(Debug)]
struct Source {
    store: TileStore,
    fingerprint: u64,
}

impl Source {
    fn new(store: TileStore) -> Source {
        let info = store.info();
        let mut hasher = std::hash::DefaultHasher::new();
        info.path.hash(&mut hasher);
        if let Ok(meta) = std::fs::metadata(&info.path) {
            meta.len().hash(&mut hasher);
            meta.modified().ok().hash(&mut hasher);
        }
        Source {
            fingerprint: hasher.finish(),
            store,
        }
    }

    fn covers(&self, tile: TileCoord) -> bool {
        let info = self.store.info();
        let [west, south, east, north] = tile.bounds();
        west <= info.bounds.east
            && east >= info.bounds.west
            && south <= info.bounds.north
            && north >= info.bounds.south
    }
}

/// An immutable snapshot of one layer: its sets, newest first.
#[derive(Debug)]
pub struct Layer {
    key: String,
    sources: Vec<Arc<Source>>,
}

impl Layer {
    /// The layer's name.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// The format of the layer's first set; every set is raster, or every set vector.
    pub fn format(&self) -> TileFormat {
        self.sources[0].store.info().format
    }

    /// What each set of the layer declares, newest first.
    pub fn infos(&self) -> impl Iterator<Item = &TileStoreInfo> {
        self.sources.iter().map(|source| source.store.info())
    }

    /// The union of the sets' bounds.
    pub fn bounds(&self) -> Bounds {
        self.infos()
            .map(|info| info.bounds)
            .reduce(Bounds::union)
            .unwrap_or(Bounds::WORLD)
    }

    /// The lowest zoom any set holds.
    pub fn min_zoom(&self) -> u8 {
        self.infos().map(|info| info.min_zoom).min().unwrap_or(0)
    }

    /// The deepest zoom served: for raster layers at least
    /// [`RASTER_SERVED_MAX_ZOOM`] (overzoomed); for vector layers the
    /// deepest zoom held, past which MapLibre overzooms itself.
    pub fn max_zoom(&self) -> u8 {
        let held = self.infos().map(|info| info.max_zoom).max().unwrap_or(0);
        if self.format().is_raster() {
            held.max(RASTER_SERVED_MAX_ZOOM)
        } else {
            held
        }
    }

    /// The tile at `coord` as stored by the newest set holding it. Cheap:
    /// one indexed read per set covering the tile.
    pub fn stored_tile(&self, coord: TileCoord) -> Result<Option<LayerTile>, TileError> {
        for source in self.sources.iter().filter(|s| s.covers(coord)) {
            if let Some(bytes) = source.store.tile(coord)? {
                let info = source.store.info();
                return Ok(Some(LayerTile {
                    bytes,
                    format: info.format,
                    encoding: info.encoding,
                    etag: format!("\"{:016x}-{coord}\"", source.fingerprint),
                }));
            }
        }
        Ok(None)
    }

    /// The tile at `coord`, stored or else overzoomed: the whole lookup, for
    /// callers off the server's event loop.
    pub fn tile(&self, coord: TileCoord) -> Result<Option<LayerTile>, TileError> {
        match self.stored_tile(coord)? {
            Some(tile) => Ok(Some(tile)),
            None => self.overzoomed_tile(coord),
        }
    }

    /// For a raster layer, `coord` cut from the deepest stored ancestor of a
    /// set whose deepest zoom is above it, as PNG. Decodes and encodes an
    /// image: callers run it off the server's event loop.
    pub fn overzoomed_tile(&self, coord: TileCoord) -> Result<Option<LayerTile>, TileError> {
        if !self.format().is_raster() {
            return Ok(None);
        }
        let mut candidates: Vec<&Arc<Source>> = self
            .sources
            .iter()
            .filter(|s| s.store.info().max_zoom < coord.z() && s.covers(coord))
            .filter(|s| coord.z() - s.store.info().max_zoom <= overzoom::MAX_LEVELS)
            .collect();
        candidates.sort_by_key(|s| std::cmp::Reverse(s.store.info().max_zoom));
        for source in candidates {
            let ancestor = coord.ancestor(source.store.info().max_zoom);
            if let Some(bytes) = source.store.tile(ancestor)? {
                let path = Path::new(&source.store.info().path);
                let png =
                    overzoom::upscale(&bytes, ancestor, coord).map_err(|error| match error {
                        UpscaleError::TooLarge(reason) => TileError::too_large(path, reason),
                        UpscaleError::Invalid(reason) => TileError::corrupt(path, reason),
                    })?;
                return Ok(Some(LayerTile {
                    bytes: png,
                    format: TileFormat::Png,
                    encoding: TileEncoding::Identity,
                    etag: format!("\"{:016x}-{ancestor}-to-{coord}\"", source.fingerprint),
                }));
            }
        }
        Ok(None)
    }
}

/// The layers served, changed at run time as packs are installed and removed.
#[derive(Debug, Default)]
pub struct TileLayers {
    layers: RwLock<BTreeMap<String, Arc<Layer>>>,
}

impl TileLayers {
    /// No layers.
    pub fn new() -> TileLayers {
        TileLayers::default()
    }

    /// Opens the tile set at `path` and adds it on top of layer `key`
    /// (created if needed), replacing an earlier version of the same file.
    pub fn add(&self, key: &str, path: &Path) -> Result<TileStoreInfo, TileError> {
        if !is_valid_layer_key(key) {
            return Err(TileError::InvalidLayerKey {
                key: key.to_string(),
            });
        }
        let store = TileStore::open(path)?;
        let info = store.info().clone();
        let mut layers = self.write();
        let mut sources = vec![Arc::new(Source::new(store))];
        if let Some(existing) = layers.get(key) {
            if existing.format().is_raster() != info.format.is_raster() {
                return Err(TileError::LayerMismatch {
                    layer: key.to_string(),
                    existing: existing.format(),
                    offered: info.format,
                });
            }
            sources.extend(
                existing
                    .sources
                    .iter()
                    .filter(|s| s.store.info().path != info.path)
                    .cloned(),
            );
        }
        layers.insert(
            key.to_string(),
            Arc::new(Layer {
                key: key.to_string(),
                sources,
            }),
        );
        Ok(info)
    }

    /// Removes the tile set opened from `path` from every layer, dropping
    /// layers left empty. Whether it was served.
    pub fn remove(&self, path: &Path) -> bool {
        let path = path.display().to_string();
        let mut layers = self.write();
        let mut removed = false;
        let keys: Vec<String> = layers.keys().cloned().collect();
        for key in keys {
            let Some(layer) = layers.get(&key) else {
                continue;
            };
            let kept: Vec<Arc<Source>> = layer
                .sources
                .iter()
                .filter(|s| s.store.info().path != path)
                .cloned()
                .collect();
            if kept.len() == layer.sources.len() {
                continue;
            }
            removed = true;
            if kept.is_empty() {
                layers.remove(&key);
            } else {
                layers.insert(key.clone(), Arc::new(Layer { key, sources: kept }));
            }
        }
        removed
    }

    /// The current snapshot of layer `key`.
    pub fn layer(&self, key: &str) -> Option<Arc<Layer>> {
        self.read().get(key).cloned()
    }

    /// The current snapshots of every layer, by name.
    pub fn all(&self) -> Vec<Arc<Layer>> {
        self.read().values().cloned().collect()
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, BTreeMap<String, Arc<Layer>>> {
        // Writers replace whole entries: a poisoned map is still consistent.
        self.layers.read().unwrap_or_else(|p| p.into_inner())
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, BTreeMap<String, Arc<Layer>>> {
        self.layers.write().unwrap_or_else(|p| p.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layer_keys_are_url_safe() {
        assert!(is_valid_layer_key("relief-2024_a"));
        assert!(!is_valid_layer_key(""));
        assert!(!is_valid_layer_key("../etc"));
        assert!(!is_valid_layer_key("Relief"));
        assert!(!is_valid_layer_key(&"a".repeat(65)));
    }
}
