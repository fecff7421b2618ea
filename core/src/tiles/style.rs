//! The JSON documents MapLibre loads from the tile server: a TileJSON per
//! layer and the style.json combining the basemap layers with the overlays,
//! opening on the selected trek or else on the basemap's bounds. How each
//! overlay looks ([`look`]) is written once, for the style and the legend.
//! Every URL in them starts with the server's base (address and token).

use serde_json::{Value, json};

use super::Bounds;
use super::layers::Layer;
use super::overlay::OverlayLayer;
use super::view::MapView;

/// The side, in CSS pixels, of the viewport the style's opening camera is
/// fitted to: a phone held upright is at least this wide.
const NOMINAL_VIEWPORT: f64 = 360.0;
/// The deepest zoom a map opens at, however small what it frames.
pub const MAX_OPENING_ZOOM: f64 = 16.0;

/// The symbol of an overlay.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Symbol {
    Line { width: f64 },
    Dot { radius: f64, stroke: &'static str },
    Area,
}

/// How an overlay is drawn, and what the legend calls it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct OverlayLook {
    pub label: &'static str,
    pub color: &'static str,
    pub symbol: Symbol,
}

/// How `overlay` is drawn.
pub fn look(overlay: OverlayLayer) -> OverlayLook {
    let (label, color, symbol) = match overlay {
        OverlayLayer::SensitiveAreas => ("Sensitive area (wildlife)", "#e8790c", Symbol::Area),
        OverlayLayer::Treks => ("Trek", "#c2185b", Symbol::Line { width: 3.0 }),
        OverlayLayer::SelectedTrek => ("Selected trek", "#1565c0", Symbol::Line { width: 6.0 }),
        OverlayLayer::Pois => (
            "Point of interest",
            "#2e7d32",
            Symbol::Dot {
                radius: 5.0,
                stroke: "#ffffff",
            },
        ),
        OverlayLayer::Signage => (
            "Signpost",
            "#f9a825",
            Symbol::Dot {
                radius: 4.0,
                stroke: "#5d4037",
            },
        ),
    };
    OverlayLook {
        label,
        color,
        symbol,
    }
}

/// What a map opens on: `selected_trek` (its extent) when known, else the
/// union of the layers' bounds, else the world.
pub fn frame(layers: &[std::sync::Arc<Layer>], selected_trek: Option<Bounds>) -> Bounds {
    selected_trek
        .or_else(|| {
            layers
                .iter()
                .map(|layer| layer.bounds())
                .reduce(Bounds::union)
        })
        .unwrap_or(Bounds::WORLD)
}

/// The center and zoom showing `bounds` whole in a square viewport of
/// `viewport` CSS pixels (MapLibre's world is 512 pixels wide at zoom 0).
pub fn camera(bounds: Bounds, viewport: f64) -> ([f64; 2], f64) {
    let mercator_y = |lat: f64| {
        let lat = lat.clamp(-85.051_128_78, 85.051_128_78).to_radians();
        (std::f64::consts::FRAC_PI_4 + lat / 2.0).tan().ln()
    };
    let (north, south) = (mercator_y(bounds.north), mercator_y(bounds.south));
    let fit = |span: f64, world: f64| {
        if span > 0.0 {
            (viewport * world / (512.0 * span)).log2()
        } else {
            MAX_OPENING_ZOOM
        }
    };
    let zoom = fit(bounds.east - bounds.west, 360.0)
        .min(fit(north - south, 2.0 * std::f64::consts::PI))
        .clamp(0.0, MAX_OPENING_ZOOM);
    let middle_y = (north + south) / 2.0;
    let center_lat = (2.0 * middle_y.exp().atan() - std::f64::consts::FRAC_PI_2).to_degrees();
    ([(bounds.west + bounds.east) / 2.0, center_lat], zoom)
}

/// The URL of the TileJSON of `layer`.
pub fn tilejson_url(base: &str, layer: &str) -> String {
    format!("{base}/tiles/{layer}.json")
}

/// The URL of the GeoJSON of `overlay`, as drawn in `view`.
pub fn overlay_url(base: &str, overlay: OverlayLayer, view: &MapView) -> String {
    format!(
        "{base}/overlays/{}.geojson{}",
        overlay.key(),
        view.overlay_query(overlay)
    )
}

/// TileJSON 3.0 for `layer`.
pub fn tilejson(base: &str, layer: &Layer) -> Value {
    let bounds = layer.bounds();
    let attribution: Vec<&str> = layer
        .infos()
        .filter_map(|info| info.attribution.as_deref())
        .collect();
    let mut document = json!({
        "tilejson": "3.0.0",
        "name": layer.key(),
        "scheme": "xyz",
        "tiles": [format!("{base}/tiles/{}/{{z}}/{{x}}/{{y}}.{}", layer.key(), layer.format().extension())],
        "minzoom": layer.min_zoom(),
        "maxzoom": layer.max_zoom(),
        "bounds": [bounds.west, bounds.south, bounds.east, bounds.north],
        "attribution": attribution.join(" · "),
    });
    let vector_layers: Vec<Value> = layer
        .infos()
        .filter_map(|info| info.vector_layers.as_deref())
        .filter_map(|text| serde_json::from_str::<Vec<Value>>(text).ok())
        .flatten()
        .collect();
    if !layer.format().is_raster() {
        document["vector_layers"] = Value::Array(vector_layers);
    }
    document
}

/// The style: each basemap layer (raster layers first, then vector ones drawn
/// with a plain generic styling), then the overlays as drawn in `view`,
/// opening on `frame` (see [`frame`]).
pub fn style(base: &str, layers: &[std::sync::Arc<Layer>], view: &MapView, frame: Bounds) -> Value {
    let mut sources = serde_json::Map::new();
    let mut style_layers = vec![json!({
        "id": "background",
        "type": "background",
        "paint": {"background-color": "#f2efe9"}
    })];
    let mut ordered: Vec<&Layer> = layers.iter().map(|l| l.as_ref()).collect();
    ordered.sort_by_key(|layer| !layer.format().is_raster());
    for layer in ordered {
        let source_id = format!("basemap-{}", layer.key());
        if layer.format().is_raster() {
            sources.insert(
                source_id.clone(),
                json!({"type": "raster", "url": tilejson_url(base, layer.key()), "tileSize": 256}),
            );
            style_layers.push(json!({"id": source_id, "type": "raster", "source": source_id}));
        } else {
            sources.insert(
                source_id.clone(),
                json!({"type": "vector", "url": tilejson_url(base, layer.key())}),
            );
            style_layers.extend(vector_layer_styles(&source_id, layer));
        }
    }
    for overlay in OverlayLayer::ALL {
        let source_id = overlay.key().to_string();
        sources.insert(
            source_id.clone(),
            json!({"type": "geojson", "data": overlay_url(base, overlay, view)}),
        );
        style_layers.push(overlay_style(overlay));
    }
    let (center, zoom) = camera(frame, NOMINAL_VIEWPORT);
    json!({
        "version": 8,
        "name": "Sentier offline",
        "center": center,
        "zoom": zoom,
        "sources": sources,
        "layers": style_layers,
    })
}

fn vector_layer_styles(source_id: &str, layer: &Layer) -> Vec<Value> {
    let mut ids: Vec<String> = layer
        .infos()
        .filter_map(|info| info.vector_layers.as_deref())
        .filter_map(|text| serde_json::from_str::<Vec<Value>>(text).ok())
        .flatten()
        .filter_map(|entry| entry.get("id").and_then(Value::as_str).map(str::to_string))
        .collect();
    ids.sort();
    ids.dedup();
    let geometry = |kind: &str| json!(["==", ["geometry-type"], kind]);
    ids.iter()
        .flat_map(|id| {
            [
                json!({"id": format!("{source_id}-{id}-fill"), "type": "fill", "source": source_id,
                       "source-layer": id, "filter": geometry("Polygon"),
                       "paint": {"fill-color": "#c8dcb4", "fill-opacity": 0.6}}),
                json!({"id": format!("{source_id}-{id}-line"), "type": "line", "source": source_id,
                       "source-layer": id, "filter": geometry("LineString"),
                       "paint": {"line-color": "#8a7f70", "line-width": 1}}),
                json!({"id": format!("{source_id}-{id}-point"), "type": "circle", "source": source_id,
                       "source-layer": id, "filter": geometry("Point"),
                       "paint": {"circle-color": "#6b6257", "circle-radius": 2}}),
            ]
        })
        .collect()
}

fn overlay_style(overlay: OverlayLayer) -> Value {
    let (id, source_id) = (overlay.style_layer_id(), overlay.key());
    let OverlayLook { color, symbol, .. } = look(overlay);
    match symbol {
        Symbol::Area => json!({"id": id, "type": "fill", "source": source_id,
            "paint": {"fill-color": color, "fill-opacity": 0.25, "fill-outline-color": color}}),
        Symbol::Line { width } => json!({"id": id, "type": "line", "source": source_id,
            "layout": {"line-cap": "round", "line-join": "round"},
            "paint": {"line-color": color, "line-width": width}}),
        Symbol::Dot { radius, stroke } => json!({"id": id, "type": "circle", "source": source_id,
            "paint": {"circle-color": color, "circle-radius": radius,
                      "circle-stroke-color": stroke, "circle-stroke-width": 1.5}}),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_camera_shows_the_bounds_whole() {
        let area = Bounds {
            west: 6.0,
            south: 44.6,
            east: 6.6,
            north: 45.0,
        };
        let ([lng, lat], zoom) = camera(area, 512.0);
        assert!((lng - 6.3).abs() < 1e-9 && (44.6..45.0).contains(&lat));
        // 0.6 degrees across 512 pixels: 2^z = 360 / 0.6.
        assert!((zoom - (360.0f64 / 0.6).log2()).abs() < 1e-9, "{zoom}");
        assert_eq!(camera(Bounds::WORLD, 512.0).1, 0.0);
        let point = Bounds {
            west: 6.3,
            south: 44.8,
            east: 6.3,
            north: 44.8,
        };
        let ([lng, lat], zoom) = camera(point, 512.0);
        assert!((lng - 6.3).abs() < 1e-9 && (lat - 44.8).abs() < 1e-9);
        assert_eq!(zoom, MAX_OPENING_ZOOM);
    }
}
