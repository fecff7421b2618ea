//! The catalog as map overlays: GeoJSON FeatureCollections of treks, the
//! selected trek, POIs, signage and sensitive areas, which the tile server
//! serves to MapLibre next to the basemap.
//!
//! Trek lines are simplified (Douglas-Peucker, about 5 m) for the all-treks
//! layer, which is built once per sync and cached; the selected trek keeps
//! every vertex.

use geo::Simplify;
use serde_json::{Value, json};

use super::query::{
    Labels, StoredPlace, language_order, object_name, object_type_label, objects_in_bbox,
    synced_languages,
};
use super::store::unpack_geometry;
use super::{Catalog, CatalogError, PlaceKind};
use crate::tiles::{OverlayError, OverlayLayer, OverlaySource};

/// Tolerance of the simplified trek lines, in degrees (about 5 m).
const SIMPLIFY_DEGREES: f64 = 0.00005;

impl OverlaySource for Catalog {
    fn overlay(
        &self,
        layer: OverlayLayer,
        selected_trek: Option<i64>,
    ) -> Result<String, OverlayError> {
        let unavailable = |e: CatalogError| OverlayError::Unavailable {
            reason: e.to_string(),
        };
        if layer == OverlayLayer::SelectedTrek {
            return self
                .read(|db| selected(db, selected_trek))
                .map_err(unavailable);
        }
        let version = self
            .read(|db| Ok(super::query::meta(db, "synced_at")?.unwrap_or_default()))
            .map_err(unavailable)?;
        let mut cache = self
            .overlays
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((cached_version, text)) = cache.get(&layer)
            && *cached_version == version
        {
            return Ok(text.clone());
        }
        let text = self.read(|db| build(db, layer)).map_err(unavailable)?;
        cache.insert(layer, (version, text.clone()));
        Ok(text)
    }
}

fn collection(features: Vec<Value>) -> String {
    json!({"type": "FeatureCollection", "features": features}).to_string()
}

fn selected(db: &rusqlite::Connection, trek: Option<i64>) -> Result<String, CatalogError> {
    let Some(id) = trek else {
        return Ok(collection(Vec::new()));
    };
    let features = trek_lines(db, Some(id), 0.0)?;
    Ok(collection(features))
}

fn build(db: &rusqlite::Connection, layer: OverlayLayer) -> Result<String, CatalogError> {
    let language = synced_languages(db)?
        .into_iter()
        .next()
        .unwrap_or_else(|| "fr".to_string());
    let languages = language_order(db, &language)?;
    let kind = match layer {
        OverlayLayer::Treks => return Ok(collection(trek_lines(db, None, SIMPLIFY_DEGREES)?)),
        OverlayLayer::SelectedTrek => return Ok(collection(Vec::new())),
        OverlayLayer::Pois => PlaceKind::Poi,
        OverlayLayer::Signage => PlaceKind::Signage,
        OverlayLayer::SensitiveAreas => PlaceKind::SensitiveArea,
    };
    let labels = Labels::load(db, &languages, kind.type_resource().as_slice())?;
    let everywhere = [-180.0, -90.0, 180.0, 90.0];
    let mut features = Vec::new();
    for StoredPlace { id, json, .. } in objects_in_bbox(db, &[kind], everywhere)? {
        let Ok(object) = serde_json::from_str::<Value>(&json) else {
            continue;
        };
        let Some(geometry) = object.get("geometry").filter(|g| g.is_object()).cloned() else {
            continue;
        };
        let mut properties = json!({
            "id": id,
            "name": object_name(&object, &languages),
        });
        if let Some(label) = object_type_label(&object, kind, &labels, &languages) {
            properties["type"] = label.into();
        }
        if let Some(code) = object.get("code").filter(|c| c.is_string()) {
            properties["code"] = code.clone();
        }
        if let Some(period) = object.get("period").filter(|p| p.is_array()) {
            properties["months"] = period.clone();
        }
        features.push(
            json!({"type": "Feature", "id": id, "geometry": geometry, "properties": properties}),
        );
    }
    Ok(collection(features))
}

/// Trek lines (one trek, or all), simplified by `tolerance` degrees (0 keeps every vertex).
fn trek_lines(
    db: &rusqlite::Connection,
    only: Option<i64>,
    tolerance: f64,
) -> Result<Vec<Value>, CatalogError> {
    let language = synced_languages(db)?
        .into_iter()
        .next()
        .unwrap_or_else(|| "fr".to_string());
    let languages = language_order(db, &language)?;
    let mut statement = db.prepare_cached(
        "SELECT t.id, t.practice, g.geometry, o.json FROM treks t JOIN trek_geometries g ON g.trek_id = t.id JOIN objects o ON o.kind = 'trek' AND o.id = t.id
         WHERE ?1 IS NULL OR t.id = ?1",
    )?;
    let rows = statement.query_map([only], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, Option<i64>>(1)?,
            r.get::<_, Option<Vec<u8>>>(2)?,
            r.get::<_, String>(3)?,
        ))
    })?;
    let mut features = Vec::new();
    for row in rows {
        let (id, practice, blob, json) = row?;
        let line: geo::LineString<f64> = unpack_geometry(&blob.unwrap_or_default())
            .into_iter()
            .map(|(lon, lat, _)| (lon, lat))
            .collect();
        if line.0.len() < 2 {
            continue;
        }
        let line = if tolerance > 0.0 {
            line.simplify(tolerance)
        } else {
            line
        };
        let coordinates: Vec<[f64; 2]> = line.coords().map(|c| [c.x, c.y]).collect();
        let name = serde_json::from_str::<Value>(&json)
            .map(|o| object_name(&o, &languages))
            .unwrap_or_default();
        features.push(json!({
            "type": "Feature",
            "id": id,
            "geometry": {"type": "LineString", "coordinates": coordinates},
            "properties": {"id": id, "name": name, "practice": practice},
        }));
    }
    Ok(features)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_catalog_has_empty_overlays() {
        let dir = tempfile::tempdir().unwrap();
        let catalog = Catalog::open(&dir.path().join("c.sqlite")).unwrap();
        for layer in OverlayLayer::ALL {
            let text = catalog.overlay(layer, Some(1)).unwrap();
            let value: Value = serde_json::from_str(&text).unwrap();
            assert_eq!(
                value["features"].as_array().map(Vec::len),
                Some(0),
                "{layer:?}"
            );
        }
    }
}
