//! The JSON documents MapLibre loads from the tile server: a TileJSON per
//! layer and the style.json combining the basemap layers with the overlays,
//! opening on the selected trek or else on the basemap's bounds. How each
//! overlay looks ([`look`]) is written once, for the style and the legend.
//! Every URL in them starts with the server's base (address and token).

use serde_json::{Value, json};

use super::Bounds;
use super::glyphs::FONT_STACK;
use super::layers::Layer;
use super::overlay::OverlayLayer;
use super::sprite;
use super::view::MapView;

/// The side, in CSS pixels, of the viewport the style's opening camera is
/// fitted to: a phone held upright is at least this wide.
const NOMINAL_VIEWPORT: f64 = 360.0;
/// The deepest zoom a map opens at, however small what it frames.
pub const MAX_OPENING_ZOOM: f64 = 16.0;

/// The symbol of an overlay.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Symbol {
    Line {
        width: f64,
    },
    Area,
    /// A sprite icon: the feature's `icon` (its type's pictogram) when the
    /// sprite has it, else `fallback`; clusters at low zooms are dots of the
    /// overlay's colour.
    Icon {
        fallback: &'static str,
    },
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
    let pictogram = Symbol::Icon {
        fallback: sprite::PLACEHOLDER_ICON,
    };
    let (label, color, symbol) = match overlay {
        OverlayLayer::SensitiveAreas => ("Sensitive area (wildlife)", "#e8790c", Symbol::Area),
        OverlayLayer::Treks => ("Trek", "#c2185b", Symbol::Line { width: 3.0 }),
        OverlayLayer::SelectedTrek => ("Selected trek", "#1565c0", Symbol::Line { width: 6.0 }),
        OverlayLayer::Pois => ("Point of interest", "#2e7d32", pictogram),
        OverlayLayer::Signage => ("Signpost", "#f9a825", pictogram),
        OverlayLayer::TouristicContents => ("Tourism and services", "#6a1b9a", pictogram),
        OverlayLayer::InformationDesks => (
            "Information desk",
            "#00838f",
            Symbol::Icon {
                fallback: sprite::DESK_ICON,
            },
        ),
        OverlayLayer::TrekStarts => (
            "Trek start",
            "#2e7d32",
            Symbol::Icon {
                fallback: sprite::START_ICON,
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

/// The URL of the sprite sheet, without MapLibre's `@2x.json` / `.png` ends.
pub fn sprite_url(base: &str) -> String {
    format!("{base}/sprite")
}

/// The URL template of the labels' glyph ranges (MapLibre fills
/// `{fontstack}` and `{range}`).
pub fn glyphs_url(base: &str) -> String {
    format!("{base}/fonts/{{fontstack}}/{{range}}.pbf")
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

/// The style: the basemap `view` chooses (every layer stacked when it
/// chooses none or one not served: raster layers first, then vector ones
/// drawn with a plain generic styling), then the overlays as drawn in
/// `view`, with the sprite's icons, opening on `frame` (see [`frame`]).
pub fn style(base: &str, layers: &[std::sync::Arc<Layer>], view: &MapView, frame: Bounds) -> Value {
    let mut sources = serde_json::Map::new();
    let mut style_layers = vec![json!({
        "id": "background",
        "type": "background",
        "paint": {"background-color": "#f2efe9"}
    })];
    let chosen = view
        .basemap
        .as_deref()
        .filter(|key| layers.iter().any(|layer| layer.key() == *key));
    let mut ordered: Vec<&Layer> = layers
        .iter()
        .map(|l| l.as_ref())
        .filter(|layer| chosen.is_none_or(|key| layer.key() == key))
        .collect();
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
        let mut source = json!({"type": "geojson", "data": overlay_url(base, overlay, view)});
        if overlay.is_clustered() {
            source["cluster"] = json!(true);
            source["clusterMaxZoom"] = json!(CLUSTER_MAX_ZOOM);
            source["clusterRadius"] = json!(CLUSTER_RADIUS);
        }
        sources.insert(overlay.key().to_string(), source);
        style_layers.extend(overlay_style(overlay));
    }
    let (center, zoom) = camera(frame, NOMINAL_VIEWPORT);
    json!({
        "version": 8,
        "name": "Sentier offline",
        "sprite": sprite_url(base),
        "glyphs": glyphs_url(base),
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

/// The deepest zoom at which nearby points still gather into a cluster.
const CLUSTER_MAX_ZOOM: u8 = 13;
/// How close, in pixels, points gather into a cluster.
const CLUSTER_RADIUS: u8 = 40;
/// Direction arrows along the selected trek, this many pixels apart.
const ARROW_SPACING: u8 = 90;
/// The selected trek's name along its line, this many pixels apart.
const TREK_NAME_SPACING: u16 = 320;
/// The zoom from which the selected trek's name is written along it.
const TREK_NAME_MIN_ZOOM: u8 = 11;
/// The zoom from which places are named under their icons: past the
/// clusters, where a label has room.
const PLACE_LABEL_MIN_ZOOM: u8 = CLUSTER_MAX_ZOOM + 1;
/// Signposts are many and their names long: named one zoom deeper.
const SIGNAGE_LABEL_MIN_ZOOM: u8 = PLACE_LABEL_MIN_ZOOM + 1;
/// The labels' ink and halo: dark grey on white reads on relief and on
/// the overlays' colours alike.
const LABEL_COLOR: &str = "#333333";
const LABEL_HALO: &str = "#ffffff";

/// The label of a place under its icon, from `min_zoom`; the icon stays
/// when its label has no room (labels do not overlap one another).
fn place_label(layout: &mut Value, paint: &mut Value, min_zoom: u8) {
    let name = json!(["coalesce", ["get", "name"], ""]);
    layout["text-field"] = json!(["step", ["zoom"], "", min_zoom, name]);
    layout["text-font"] = json!([FONT_STACK]);
    layout["text-size"] = json!(13);
    layout["text-anchor"] = json!("top");
    layout["text-offset"] = json!([0, 1.1]);
    layout["text-max-width"] = json!(9);
    layout["text-optional"] = json!(true);
    paint["text-color"] = json!(LABEL_COLOR);
    paint["text-halo-color"] = json!(LABEL_HALO);
    paint["text-halo-width"] = json!(1.5);
}

/// The style layers of `overlay`, in the order of
/// [`OverlayLayer::style_layer_ids`].
fn overlay_style(overlay: OverlayLayer) -> Vec<Value> {
    let id = |suffix: &str| format!("{}{suffix}", overlay.style_layer_id());
    let source_id = overlay.key();
    let OverlayLook { color, symbol, .. } = look(overlay);
    let lines = json!(["==", ["geometry-type"], "LineString"]);
    match symbol {
        Symbol::Area => vec![
            json!({"id": id(""), "type": "fill", "source": source_id,
                "paint": {"fill-color": color, "fill-opacity": 0.25}}),
            json!({"id": id("-outline"), "type": "line", "source": source_id,
                "paint": {"line-color": color, "line-width": 1.5, "line-dasharray": [3, 2]}}),
        ],
        Symbol::Line { width } if overlay == OverlayLayer::SelectedTrek => vec![
            json!({"id": id(""), "type": "line", "source": source_id, "filter": lines,
                "layout": {"line-cap": "round", "line-join": "round"},
                "paint": {"line-color": color, "line-width": width}}),
            json!({"id": id("-arrows"), "type": "symbol", "source": source_id, "filter": lines,
                "layout": {"symbol-placement": "line", "symbol-spacing": ARROW_SPACING,
                           "icon-image": sprite::ARROW_ICON, "icon-size": 0.7,
                           "icon-rotation-alignment": "map", "icon-allow-overlap": true,
                           "icon-ignore-placement": true}}),
            json!({"id": id("-name"), "type": "symbol", "source": source_id, "filter": lines,
                "minzoom": TREK_NAME_MIN_ZOOM,
                "layout": {"symbol-placement": "line", "symbol-spacing": TREK_NAME_SPACING,
                           "text-field": ["coalesce", ["get", "name"], ""], "text-font": [FONT_STACK],
                           "text-size": 13, "text-offset": [0, -1.1], "text-max-angle": 30},
                "paint": {"text-color": color, "text-halo-color": LABEL_HALO, "text-halo-width": 2}}),
            json!({"id": id("-markers"), "type": "symbol", "source": source_id,
                "filter": ["==", ["geometry-type"], "Point"],
                "layout": {"icon-image": ["get", "icon"], "icon-anchor": "bottom-left",
                           "icon-allow-overlap": true, "symbol-sort-key": ["get", "order"]}}),
        ],
        Symbol::Line { width } => vec![json!({"id": id(""), "type": "line", "source": source_id,
            "layout": {"line-cap": "round", "line-join": "round"},
            "paint": {"line-color": color, "line-width": width}})],
        Symbol::Icon { fallback } => {
            let clustered = json!(["has", "point_count"]);
            // A feature without `icon` must not reach `image` as null: MapLibre
            // reports a type error and draws no icon at all.
            let icon = json!(["coalesce", ["get", "icon"], fallback]);
            let mut layout = json!({"icon-image": ["coalesce", ["image", icon], ["image", fallback]],
                                    "icon-allow-overlap": true});
            let mut paint = json!({});
            let label_zoom = if overlay == OverlayLayer::Signage {
                SIGNAGE_LABEL_MIN_ZOOM
            } else {
                PLACE_LABEL_MIN_ZOOM
            };
            place_label(&mut layout, &mut paint, label_zoom);
            vec![
                json!({"id": id("-clusters"), "type": "circle", "source": source_id, "filter": clustered,
                    "paint": {"circle-color": color, "circle-opacity": 0.85,
                              "circle-stroke-color": "#ffffff", "circle-stroke-width": 2,
                              "circle-radius": ["step", ["get", "point_count"], 10, 10, 14, 50, 18]}}),
                json!({"id": id("-cluster-counts"), "type": "symbol", "source": source_id, "filter": clustered,
                    "layout": {"text-field": ["get", "point_count_abbreviated"], "text-font": [FONT_STACK],
                               "text-size": 12, "text-allow-overlap": true, "text-ignore-placement": true},
                    "paint": {"text-color": "#ffffff"}}),
                json!({"id": id(""), "type": "symbol", "source": source_id,
                    "filter": ["!", clustered], "layout": layout, "paint": paint}),
            ]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_overlay_draws_the_group_the_shells_toggle() {
        for overlay in OverlayLayer::ALL {
            let drawn: Vec<String> = overlay_style(overlay)
                .iter()
                .map(|layer| layer["id"].as_str().unwrap().to_string())
                .collect();
            assert_eq!(drawn, overlay.style_layer_ids(), "{overlay:?}");
            assert!(drawn.contains(&overlay.style_layer_id()));
        }
    }

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
