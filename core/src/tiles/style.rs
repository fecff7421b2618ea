//! The JSON documents MapLibre loads from the tile server: a TileJSON per
//! layer and the style.json combining the basemap layers with the overlays.
//! Every URL in them starts with the server's base (address and token).

use serde_json::{Value, json};

use super::layers::Layer;
use super::overlay::OverlayLayer;
use super::view::MapView;

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
/// with a plain generic styling), then the overlays as drawn in `view`.
pub fn style(base: &str, layers: &[std::sync::Arc<Layer>], view: &MapView) -> Value {
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
    let (center, zoom) = opening_view(layers);
    json!({
        "version": 8,
        "name": "Sentier offline",
        "center": center,
        "zoom": zoom,
        "sources": sources,
        "layers": style_layers,
    })
}

/// Where the map opens: the declared center of the newest raster set, else
/// the middle of every layer's bounds.
fn opening_view(layers: &[std::sync::Arc<Layer>]) -> ([f64; 2], u8) {
    let declared = layers
        .iter()
        .flat_map(|layer| layer.infos())
        .find_map(|info| info.center);
    if let Some(center) = declared {
        return ([center.lng, center.lat], center.zoom);
    }
    let bounds = layers
        .iter()
        .map(|layer| layer.bounds())
        .reduce(super::Bounds::union)
        .unwrap_or(super::Bounds::WORLD);
    let zoom = layers
        .iter()
        .map(|layer| layer.min_zoom())
        .min()
        .unwrap_or(0);
    (
        [
            (bounds.west + bounds.east) / 2.0,
            (bounds.south + bounds.north) / 2.0,
        ],
        zoom,
    )
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
    match overlay {
        OverlayLayer::SensitiveAreas => json!({"id": id, "type": "fill", "source": source_id,
            "paint": {"fill-color": "#e8790c", "fill-opacity": 0.25, "fill-outline-color": "#e8790c"}}),
        OverlayLayer::Treks => json!({"id": id, "type": "line", "source": source_id,
            "layout": {"line-cap": "round", "line-join": "round"},
            "paint": {"line-color": "#c2185b", "line-width": 3}}),
        OverlayLayer::SelectedTrek => json!({"id": id, "type": "line", "source": source_id,
            "layout": {"line-cap": "round", "line-join": "round"},
            "paint": {"line-color": "#1565c0", "line-width": 6}}),
        OverlayLayer::Pois => json!({"id": id, "type": "circle", "source": source_id,
            "paint": {"circle-color": "#2e7d32", "circle-radius": 5,
                      "circle-stroke-color": "#ffffff", "circle-stroke-width": 1.5}}),
        OverlayLayer::Signage => json!({"id": id, "type": "circle", "source": source_id,
            "paint": {"circle-color": "#f9a825", "circle-radius": 4,
                      "circle-stroke-color": "#5d4037", "circle-stroke-width": 1.5}}),
    }
}
