//! The overlays drawn over the basemap (treks and their start markers, the
//! selected trek, POIs, signage, information desks, touristic contents,
//! sensitive areas): the contract through which the trek catalog
//! provides them as GeoJSON, and an in-memory implementation for files given
//! on the command line and for tests.

use std::collections::HashMap;

use serde_json::{Value, json};

use super::Bounds;

/// One overlay of the map style, each served as a GeoJSON source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum OverlayLayer {
    /// Every trek as a line.
    Treks,
    /// The trek the hiker selected, drawn over the others.
    SelectedTrek,
    /// Points of interest.
    Pois,
    /// Signposts.
    Signage,
    /// Sensitive areas (wildlife) as polygons.
    SensitiveAreas,
    /// Where each trek starts, a marker per trek.
    TrekStarts,
    /// Visitor centres and tourist offices.
    InformationDesks,
    /// Refuges, food, water, accommodation... (Geotrek's touristic contents).
    TouristicContents,
}

impl OverlayLayer {
    /// Every overlay, bottom to top of the style: the selected trek is drawn
    /// above the markers, which would otherwise hide it.
    pub const ALL: [OverlayLayer; 8] = [
        OverlayLayer::SensitiveAreas,
        OverlayLayer::Treks,
        OverlayLayer::TouristicContents,
        OverlayLayer::InformationDesks,
        OverlayLayer::Pois,
        OverlayLayer::Signage,
        OverlayLayer::TrekStarts,
        OverlayLayer::SelectedTrek,
    ];

    /// The overlay's name in URLs and style ids.
    pub fn key(self) -> &'static str {
        match self {
            OverlayLayer::Treks => "treks",
            OverlayLayer::SelectedTrek => "selected-trek",
            OverlayLayer::Pois => "pois",
            OverlayLayer::Signage => "signage",
            OverlayLayer::SensitiveAreas => "sensitive-areas",
            OverlayLayer::TrekStarts => "trek-starts",
            OverlayLayer::InformationDesks => "information-desks",
            OverlayLayer::TouristicContents => "touristic-contents",
        }
    }

    /// The id of the overlay's main layer in the style, for the shells to
    /// find the features under a tap (each carries its Geotrek `id`); the
    /// other layers drawing it are [`OverlayLayer::style_layer_ids`].
    pub fn style_layer_id(self) -> String {
        format!("overlay-{}", self.key())
    }

    /// Every layer of the style drawing the overlay (its group): what the
    /// shells show or hide together when the hiker toggles it.
    pub fn style_layer_ids(self) -> Vec<String> {
        let main = self.style_layer_id();
        let parts: &[&str] = match self {
            OverlayLayer::SensitiveAreas => &["", "-outline"],
            OverlayLayer::SelectedTrek => &["", "-arrows", "-name", "-markers"],
            _ if self.is_clustered() => &["-clusters", "-cluster-counts", ""],
            _ => &[""],
        };
        parts.iter().map(|part| format!("{main}{part}")).collect()
    }

    /// Whether the overlay's points gather into clusters at low zooms.
    pub fn is_clustered(self) -> bool {
        matches!(
            self,
            OverlayLayer::Pois
                | OverlayLayer::Signage
                | OverlayLayer::TrekStarts
                | OverlayLayer::InformationDesks
                | OverlayLayer::TouristicContents
        )
    }

    /// The overlay named `key`.
    pub fn from_key(key: &str) -> Option<OverlayLayer> {
        OverlayLayer::ALL
            .into_iter()
            .find(|layer| layer.key() == key)
    }
}

/// Why an overlay could not be produced.
#[derive(Debug, thiserror::Error)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Error))]
pub enum OverlayError {
    #[error("overlay unavailable: {reason}")]
    Unavailable { reason: String },
}

#[cfg(feature = "uniffi")]
impl From<uniffi::UnexpectedUniFFICallbackError> for OverlayError {
    fn from(error: uniffi::UnexpectedUniFFICallbackError) -> Self {
        OverlayError::Unavailable {
            reason: error.reason,
        }
    }
}

/// Provides the overlays as GeoJSON FeatureCollections. The trek catalog
/// implements it; the tile server asks for a layer each time MapLibre loads it.
#[cfg_attr(feature = "uniffi", uniffi::export(with_foreign))]
pub trait OverlaySource: Send + Sync {
    /// The FeatureCollection of `layer`; for [`OverlayLayer::SelectedTrek`],
    /// the trek `selected_trek` (empty when `None`).
    fn overlay(
        &self,
        layer: OverlayLayer,
        selected_trek: Option<i64>,
    ) -> Result<String, OverlayError>;
}

/// An empty FeatureCollection, the overlay of a map without a source.
pub fn empty_feature_collection() -> String {
    json!({"type": "FeatureCollection", "features": []}).to_string()
}

/// Overlays held in memory as FeatureCollections. The selected trek is the
/// feature of the treks layer whose `id` (or `properties.id`) matches.
#[derive(Clone, Debug, Default)]
pub struct GeoJsonOverlays {
    features: HashMap<OverlayLayer, Vec<Value>>,
}

impl GeoJsonOverlays {
    /// No overlays.
    pub fn new() -> GeoJsonOverlays {
        GeoJsonOverlays::default()
    }

    /// Sets the features of `layer` from a FeatureCollection (or a single Feature).
    pub fn set(&mut self, layer: OverlayLayer, geojson: &str) -> Result<(), OverlayError> {
        let invalid = |reason: String| OverlayError::Unavailable {
            reason: format!("{}: {reason}", layer.key()),
        };
        let value: Value = serde_json::from_str(geojson).map_err(|e| invalid(e.to_string()))?;
        let features =
            match value.get("type").and_then(Value::as_str) {
                Some("FeatureCollection") => value
                    .get("features")
                    .and_then(Value::as_array)
                    .cloned()
                    .ok_or_else(|| invalid("a FeatureCollection without `features`".into()))?,
                Some("Feature") => vec![value],
                other => return Err(invalid(format!("GeoJSON of type {other:?}"))),
            };
        self.features.insert(layer, features);
        Ok(())
    }
}

impl OverlaySource for GeoJsonOverlays {
    fn overlay(
        &self,
        layer: OverlayLayer,
        selected_trek: Option<i64>,
    ) -> Result<String, OverlayError> {
        let features: Vec<&Value> = match layer {
            OverlayLayer::SelectedTrek => self
                .features
                .get(&OverlayLayer::Treks)
                .into_iter()
                .flatten()
                .filter(|feature| selected_trek.is_some() && feature_id(feature) == selected_trek)
                .collect(),
            _ => self.features.get(&layer).into_iter().flatten().collect(),
        };
        Ok(json!({"type": "FeatureCollection", "features": features}).to_string())
    }
}

/// The rectangle holding every position of a GeoJSON document (any
/// geometry, feature or collection); `None` when it has none.
pub fn extent(geojson: &str) -> Option<Bounds> {
    fn visit(value: &Value, bounds: &mut Option<Bounds>) {
        match value {
            Value::Array(items) => match items.as_slice() {
                [Value::Number(lng), Value::Number(lat), ..] => {
                    if let (Some(lng), Some(lat)) = (lng.as_f64(), lat.as_f64()) {
                        let point = Bounds {
                            west: lng,
                            south: lat,
                            east: lng,
                            north: lat,
                        };
                        *bounds = Some(bounds.map_or(point, |b| b.union(point)));
                    }
                }
                _ => items.iter().for_each(|item| visit(item, bounds)),
            },
            Value::Object(fields) => ["coordinates", "geometry", "geometries", "features"]
                .iter()
                .filter_map(|key| fields.get(*key))
                .for_each(|child| visit(child, bounds)),
            _ => {}
        }
    }
    let value: Value = serde_json::from_str(geojson).ok()?;
    let mut bounds = None;
    visit(&value, &mut bounds);
    bounds.and_then(|b| b.validated().ok())
}

fn feature_id(feature: &Value) -> Option<i64> {
    feature
        .get("id")
        .and_then(Value::as_i64)
        .or_else(|| feature.pointer("/properties/id").and_then(Value::as_i64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selected_trek_is_picked_from_the_treks() {
        let mut overlays = GeoJsonOverlays::new();
        overlays
            .set(
                OverlayLayer::Treks,
                r#"{"type":"FeatureCollection","features":[
                    {"type":"Feature","id":1,"properties":{},"geometry":null},
                    {"type":"Feature","properties":{"id":2},"geometry":null}]}"#,
            )
            .unwrap();
        let selected: Value = serde_json::from_str(
            &overlays
                .overlay(OverlayLayer::SelectedTrek, Some(2))
                .unwrap(),
        )
        .unwrap();
        assert_eq!(selected["features"].as_array().unwrap().len(), 1);
        assert_eq!(selected["features"][0]["properties"]["id"], 2);
        let none: Value =
            serde_json::from_str(&overlays.overlay(OverlayLayer::SelectedTrek, None).unwrap())
                .unwrap();
        assert!(none["features"].as_array().unwrap().is_empty());
        assert!(overlays.set(OverlayLayer::Pois, "[1]").is_err());
        assert_eq!(
            OverlayLayer::from_key("sensitive-areas"),
            Some(OverlayLayer::SensitiveAreas)
        );
    }

    #[test]
    fn the_extent_holds_every_position_of_any_geometry() {
        let collection = r#"{"type":"FeatureCollection","features":[
            {"type":"Feature","geometry":{"type":"LineString","coordinates":[[6.2,44.7,1200],[6.4,44.9,1800]]}},
            {"type":"Feature","geometry":{"type":"MultiPolygon","coordinates":[[[[6.1,44.8],[6.15,44.95],[6.1,44.8]]]]}},
            {"type":"Feature","geometry":null}]}"#;
        assert_eq!(
            extent(collection),
            Some(Bounds {
                west: 6.1,
                south: 44.7,
                east: 6.4,
                north: 44.95
            })
        );
        assert_eq!(
            extent(r#"{"type":"FeatureCollection","features":[]}"#),
            None
        );
        assert_eq!(extent(r#"{"type":"Point","coordinates":[500,1]}"#), None);
        assert_eq!(extent("not json"), None);
    }
}
