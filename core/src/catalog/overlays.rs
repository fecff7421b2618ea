//! The catalog as map overlays: GeoJSON FeatureCollections of treks and
//! their starts, the selected trek (its line, start, end and parking), POIs,
//! signage, information desks, touristic contents and sensitive areas, which
//! the tile server serves to MapLibre next to the basemap. Points carry the
//! sprite `icon` of their type's pictogram ([`pictogram_icon`]), and
//! [`Catalog::map_sprites`] draws those pictograms from a pack's offline
//! copies.
//!
//! Trek lines are simplified (Douglas-Peucker, about 5 m) for the all-treks
//! layer, which is built once per sync and cached; the selected trek keeps
//! every vertex.

use geo::Simplify;
use serde_json::{Value, json};

use super::model::{Circle, LatLon, NearbyPlace};
use super::query::{
    Labels, StoredPlace, check_circle, circle_bbox, language_order, listed_treks, object_name,
    object_type_label, objects_in_bbox, synced_languages,
};
use super::store::unpack_geometry;
use super::{Catalog, CatalogError, PlaceKind};
use crate::geodesy::MeasuredLine;
use crate::tiles::sprite::{self, Sprites, pictogram_icon};
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

/// The selected trek: its full line, then its start, end and parking as
/// points (`marker`, `icon`, `order` for the style).
fn selected(db: &rusqlite::Connection, trek: Option<i64>) -> Result<String, CatalogError> {
    let Some(id) = trek else {
        return Ok(collection(Vec::new()));
    };
    let mut features = trek_lines(db, Some(id), 0.0)?;
    let ends = features.first().and_then(|line| {
        let coordinates = line.pointer("/geometry/coordinates")?.as_array()?;
        Some((coordinates.first()?.clone(), coordinates.last()?.clone()))
    });
    let parking = stored_object(db, "trek", id)?.and_then(|trek| {
        trek.get("parking_location")
            .filter(|p| p.is_array())
            .cloned()
    });
    let markers = [
        ("parking", sprite::PARKING_ICON, parking),
        (
            "end",
            sprite::END_ICON,
            ends.as_ref().map(|(_, end)| end.clone()),
        ),
        ("start", sprite::START_ICON, ends.map(|(start, _)| start)),
    ];
    for (order, (marker, icon, position)) in markers.into_iter().enumerate() {
        if let Some(position) = position {
            features.push(json!({"type": "Feature", "id": id,
                "geometry": {"type": "Point", "coordinates": position},
                "properties": {"id": id, "marker": marker, "icon": icon, "order": order}}));
        }
    }
    Ok(collection(features))
}

fn stored_object(
    db: &rusqlite::Connection,
    kind: &str,
    id: i64,
) -> Result<Option<Value>, CatalogError> {
    use rusqlite::OptionalExtension;
    let json: Option<String> = db
        .prepare_cached("SELECT json FROM objects WHERE kind = ?1 AND id = ?2")?
        .query_row(rusqlite::params![kind, id], |r| r.get(0))
        .optional()?;
    Ok(json.and_then(|json| serde_json::from_str(&json).ok()))
}

fn build(db: &rusqlite::Connection, layer: OverlayLayer) -> Result<String, CatalogError> {
    let languages = language_order(db, &first_language(db)?)?;
    let kind = match layer {
        OverlayLayer::Treks => return Ok(collection(trek_lines(db, None, SIMPLIFY_DEGREES)?)),
        OverlayLayer::TrekStarts => return Ok(collection(trek_starts(db)?)),
        OverlayLayer::SelectedTrek => return Ok(collection(Vec::new())),
        OverlayLayer::Pois => PlaceKind::Poi,
        OverlayLayer::Signage => PlaceKind::Signage,
        OverlayLayer::SensitiveAreas => PlaceKind::SensitiveArea,
        OverlayLayer::InformationDesks => PlaceKind::InformationDesk,
        OverlayLayer::TouristicContents => PlaceKind::TouristicContent,
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
        if let Some(url) = type_pictogram(&object, kind, &labels) {
            properties["icon"] = pictogram_icon(&url).into();
        }
        features.push(
            json!({"type": "Feature", "id": id, "geometry": geometry, "properties": properties}),
        );
    }
    Ok(collection(features))
}

/// The pictogram URL of an object's type: from its reference list, or
/// embedded (information desks).
fn type_pictogram(object: &Value, kind: PlaceKind, labels: &Labels) -> Option<String> {
    let field = match kind {
        PlaceKind::TouristicContent => "category",
        _ => "type",
    };
    match object.get(field)? {
        Value::Number(id) => {
            labels
                .choice(kind.type_resource()?, id.as_i64()?)?
                .pictogram_url
        }
        Value::Object(embedded) => embedded
            .get("pictogram")
            .and_then(Value::as_str)
            .map(str::to_string),
        _ => None,
    }
}

/// The reference lists whose entries carry pictograms drawn on the map.
const PICTOGRAM_LISTS: [&str; 4] = [
    "poi_type",
    "signage_type",
    "touristiccontent_category",
    "trek_practice",
];

impl Catalog {
    /// The sprite sheets of the map: every pictogram of the types drawn on
    /// it (POI and signage types, touristic categories, practices, desks'
    /// types), read by `offline_copy` from the pack's copies (a pictogram
    /// the pack lacks falls back to the style's placeholder). Where a pack
    /// keeps a URL's file is the pack's business, not the catalog's.
    pub fn map_sprites(
        &self,
        offline_copy: impl Fn(&str) -> Option<Vec<u8>>,
    ) -> Result<Sprites, CatalogError> {
        let urls = self.read(|db| {
            let mut urls = std::collections::BTreeSet::new();
            let mut statement = db.prepare_cached(&format!(
                "SELECT json FROM objects WHERE kind IN ({}, 'informationdesk')",
                PICTOGRAM_LISTS.map(|list| format!("'{list}'")).join(", ")
            ))?;
            for json in statement.query_map([], |r| r.get::<_, String>(0))? {
                let Ok(object) = serde_json::from_str::<Value>(&json?) else {
                    continue;
                };
                let pictogram = object
                    .get("pictogram")
                    .or_else(|| object.pointer("/type/pictogram"));
                if let Some(url) = pictogram.and_then(Value::as_str) {
                    urls.insert(url.to_string());
                }
            }
            Ok(urls)
        })?;
        let pictograms = urls
            .iter()
            .filter_map(|url| {
                let bytes = offline_copy(url)?;
                Some((pictogram_icon(url), bytes))
            })
            .collect();
        Ok(Sprites::build(&pictograms))
    }
}

impl Catalog {
    /// What is here, for a tap on the map: every object of every kind
    /// (treks, POIs, signage, infrastructure, information desks, touristic
    /// contents and events, sensitive areas) within `circle`, nearest
    /// first. A trek is as far as its line, not its start; an area is 0 m
    /// away from inside it.
    pub fn what_is_here(
        &self,
        circle: &Circle,
        language: &str,
    ) -> Result<Vec<NearbyPlace>, CatalogError> {
        let others: Vec<PlaceKind> = PlaceKind::ALL
            .into_iter()
            .filter(|kind| *kind != PlaceKind::Trek)
            .collect();
        let mut places = self.nearby(circle, &others, language, u32::MAX)?;
        places.extend(self.read(|db| treks_near(db, circle, language))?);
        places.sort_by(|a, b| a.distance_m.total_cmp(&b.distance_m));
        Ok(places)
    }
}

/// The treks (listed in `language`) whose line passes within `circle`,
/// each at the point of its line nearest the centre.
fn treks_near(
    db: &rusqlite::Connection,
    circle: &Circle,
    language: &str,
) -> Result<Vec<NearbyPlace>, CatalogError> {
    check_circle(circle)?;
    let languages = language_order(db, language)?;
    let labels = Labels::load(db, &languages, &["trek_practice"])?;
    let listed = listed_treks(db, &languages)?;
    let center = (circle.center.lon, circle.center.lat);
    let mut treks = Vec::new();
    let mut geometry =
        db.prepare_cached("SELECT geometry FROM trek_geometries WHERE trek_id = ?1")?;
    for StoredPlace { id, json, .. } in
        objects_in_bbox(db, &[PlaceKind::Trek], circle_bbox(circle))?
    {
        if listed.as_ref().is_some_and(|listed| !listed.contains(&id)) {
            continue;
        }
        let blob: Option<Vec<u8>> = geometry
            .query_map([id], |r| r.get(0))?
            .next()
            .transpose()?
            .flatten();
        let vertices: Vec<(f64, f64)> = unpack_geometry(&blob.unwrap_or_default())
            .into_iter()
            .map(|(lon, lat, _)| (lon, lat))
            .collect();
        let Some(nearest) = MeasuredLine::new(&vertices).and_then(|line| line.project(center))
        else {
            continue;
        };
        if nearest.offset_m > circle.radius_m {
            continue;
        }
        let (a, b) = (
            vertices[nearest.segment],
            vertices[(nearest.segment + 1).min(vertices.len() - 1)],
        );
        let Ok(object) = serde_json::from_str::<Value>(&json) else {
            continue;
        };
        treks.push(NearbyPlace {
            kind: PlaceKind::Trek,
            id,
            name: object_name(&object, &languages),
            type_label: object_type_label(&object, PlaceKind::Trek, &labels, &languages),
            code: None,
            position: LatLon::new(
                a.1 + nearest.fraction * (b.1 - a.1),
                a.0 + nearest.fraction * (b.0 - a.0),
            ),
            distance_m: nearest.offset_m,
        });
    }
    Ok(treks)
}

/// A start marker per trek, with its practice's pictogram as `icon`.
fn trek_starts(db: &rusqlite::Connection) -> Result<Vec<Value>, CatalogError> {
    let languages = language_order(db, &first_language(db)?)?;
    let labels = Labels::load(db, &languages, &["trek_practice"])?;
    let mut starts = Vec::new();
    for line in trek_lines(db, None, SIMPLIFY_DEGREES)? {
        let Some(start) = line.pointer("/geometry/coordinates/0").cloned() else {
            continue;
        };
        let mut properties = line["properties"].clone();
        let pictogram = properties["practice"]
            .as_i64()
            .and_then(|practice| labels.choice("trek_practice", practice))
            .and_then(|choice| choice.pictogram_url);
        properties["icon"] = pictogram
            .map_or_else(
                || sprite::START_ICON.to_string(),
                |url| pictogram_icon(&url),
            )
            .into();
        starts.push(json!({"type": "Feature", "id": line["id"], "geometry": {"type": "Point", "coordinates": start}, "properties": properties}));
    }
    Ok(starts)
}

fn first_language(db: &rusqlite::Connection) -> Result<String, CatalogError> {
    Ok(synced_languages(db)?
        .into_iter()
        .next()
        .unwrap_or_else(|| "fr".to_string()))
}

/// Trek lines (one trek, or all), simplified by `tolerance` degrees (0 keeps every vertex).
fn trek_lines(
    db: &rusqlite::Connection,
    only: Option<i64>,
    tolerance: f64,
) -> Result<Vec<Value>, CatalogError> {
    let languages = language_order(db, &first_language(db)?)?;
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
