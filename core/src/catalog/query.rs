//! Searching the catalog: full-text and filtered trek search, nearby places,
//! reference lists and the catalog's status.

use std::collections::HashMap;

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params_from_iter};
use serde::Deserialize;

use super::language::LanguageOrder;
use super::model::*;
use super::wire::{Geometry, Translated};
use super::{Catalog, CatalogError};
use crate::geodesy::{MeasuredLine, haversine_m};

/// Metres per degree of latitude.
const METRES_PER_DEGREE: f64 = 111_195.0;

impl Catalog {
    /// Treks matching `query`, best first, one page of them.
    pub fn search(&self, query: &TrekQuery) -> Result<TrekPage, CatalogError> {
        if query.limit == 0 || query.limit > 1000 {
            return Err(CatalogError::InvalidInput {
                detail: format!("limit {} (1 to 1000)", query.limit),
            });
        }
        self.read(|db| {
            let languages = language_order(db, &query.language)?;
            let Matches { page, total } = matches(db, query, &languages, Paging::Page)?;
            let labels = Labels::load(db, &languages, SUMMARY_LISTS)?;
            let treks = page
                .into_iter()
                .map(|(id, distance)| {
                    summary(db, id, &languages, &labels).map(|s| TrekSummary {
                        distance_m: distance,
                        ..s
                    })
                })
                .collect::<Result<_, _>>()?;
            Ok(TrekPage { total, treks })
        })
    }

    /// The id of every trek matching `query` (its paging ignored), best
    /// first: what a map of the search's results draws. `None` when every
    /// trek of the catalog matches, so the map draws them all without
    /// carrying each id.
    pub fn matching_trek_ids(&self, query: &TrekQuery) -> Result<Option<Vec<i64>>, CatalogError> {
        self.read(|db| {
            let languages = language_order(db, &query.language)?;
            let Matches { page, .. } = matches(db, query, &languages, Paging::All)?;
            let every: i64 = match listing_language(db, &languages)? {
                Some(lang) => db.query_row(
                    "SELECT COUNT(*) FROM trek_listed WHERE lang = ?1",
                    [lang],
                    |row| row.get(0),
                )?,
                None => db.query_row("SELECT COUNT(*) FROM treks", [], |row| row.get(0))?,
            };
            if page.len() as i64 == every {
                return Ok(None);
            }
            Ok(Some(page.into_iter().map(|(id, _)| id).collect()))
        })
    }

    /// Places of `kinds` (all kinds when empty) within `circle`, nearest first.
    pub fn nearby(
        &self,
        circle: &Circle,
        kinds: &[PlaceKind],
        language: &str,
        limit: u32,
    ) -> Result<Vec<NearbyPlace>, CatalogError> {
        check_circle(circle)?;
        let kinds: Vec<PlaceKind> = if kinds.is_empty() {
            PlaceKind::ALL.to_vec()
        } else {
            kinds.to_vec()
        };
        self.read(|db| {
            let languages = language_order(db, language)?;
            let type_lists: Vec<&'static str> =
                kinds.iter().filter_map(|k| k.type_resource()).collect();
            let labels = Labels::load(db, &languages, &type_lists)?;
            let listed = listed_treks(db, &languages)?;
            let center = (circle.center.lon, circle.center.lat);
            let mut places = Vec::new();
            for StoredPlace {
                kind,
                id,
                json,
                anchor,
            } in objects_in_bbox(db, &kinds, circle_bbox(circle))?
            {
                if kind == PlaceKind::Trek && listed.as_ref().is_some_and(|l| !l.contains(&id)) {
                    continue;
                }
                let json: serde_json::Value =
                    serde_json::from_str(&json).map_err(|e| CatalogError::Store {
                        detail: e.to_string(),
                    })?;
                let distance = match kind {
                    PlaceKind::SensitiveArea => area_distance_m(&json, center),
                    _ => anchor.map(|a| haversine_m(center, a)),
                };
                let (Some(distance), Some((lon, lat))) = (distance, anchor) else {
                    continue;
                };
                if distance > circle.radius_m {
                    continue;
                }
                let type_label = object_type_label(&json, kind, &labels, &languages);
                places.push(NearbyPlace {
                    kind,
                    id,
                    name: name_or_type(&json, type_label.as_deref(), &languages),
                    type_label,
                    code: json
                        .get("code")
                        .and_then(|c| c.as_str())
                        .filter(|c| !c.is_empty())
                        .map(str::to_string),
                    position: LatLon::new(lat, lon),
                    distance_m: distance,
                });
            }
            places.sort_by(|a, b| a.distance_m.total_cmp(&b.distance_m));
            places.truncate(limit as usize);
            Ok(places)
        })
    }

    /// Where the place `id` of `kind` is: a point, or a line's vertices
    /// (an area's anchor stands for it); `None` when the catalog has no
    /// such place.
    pub fn place_geometry(
        &self,
        kind: PlaceKind,
        id: i64,
    ) -> Result<Option<Vec<LatLon>>, CatalogError> {
        self.read(|db| {
            let row: Option<(String, Option<f64>, Option<f64>)> = db
                .prepare_cached("SELECT json, lng, lat FROM objects WHERE kind = ?1 AND id = ?2")?
                .query_row(rusqlite::params![kind.resource(), id], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })
                .optional()?;
            let Some((json, lon, lat)) = row else {
                return Ok(None);
            };
            #[derive(Deserialize)]
            struct Located {
                #[serde(default, deserialize_with = "super::wire::lenient_geometry")]
                geometry: Option<Geometry>,
            }
            let at = |p: &super::wire::Position| LatLon::new(p.lat, p.lng);
            let vertices = match serde_json::from_str::<Located>(&json)
                .ok()
                .and_then(|l| l.geometry)
            {
                Some(Geometry::Point(point)) => vec![at(&point)],
                Some(Geometry::LineString(line)) => line.iter().map(at).collect(),
                Some(Geometry::MultiLineString(lines)) => lines.iter().flatten().map(at).collect(),
                _ => lon
                    .zip(lat)
                    .map(|(lon, lat)| LatLon::new(lat, lon))
                    .into_iter()
                    .collect(),
            };
            Ok(Some(vertices))
        })
    }

    /// The entries of a reference list, in `language`, in the server's order.
    pub fn choices(&self, list: ChoiceList, language: &str) -> Result<Vec<Choice>, CatalogError> {
        self.read(|db| {
            let languages = language_order(db, language)?;
            reference_choices(db, list.resource(), &languages)
        })
    }

    /// Where the catalog came from and what it holds.
    pub fn status(&self) -> Result<CatalogStatus, CatalogError> {
        self.read(|db| {
            let meta = |key: &str| -> Result<Option<String>, CatalogError> {
                Ok(db
                    .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
                    .optional()?)
            };
            #[derive(Deserialize)]
            struct Config {
                bbox: Option<Vec<f64>>,
            }
            let count = |sql: &str| -> Result<u64, CatalogError> {
                Ok(db.query_row(sql, [], |r| r.get::<_, i64>(0))? as u64)
            };
            Ok(CatalogStatus {
                api_url: meta("source")?,
                synced_at: meta("synced_at")?,
                languages: synced_languages(db)?,
                treks: count("SELECT COUNT(*) FROM treks")?,
                stages: count(
                    "SELECT COUNT(*) FROM treks WHERE id NOT IN (SELECT trek_id FROM trek_published)",
                )?,
                places: count("SELECT COUNT(*) FROM object_bounds")?,
                bbox: meta("config")?
                    .and_then(|c| serde_json::from_str::<Config>(&c).ok())
                    .and_then(|c| c.bbox)
                    .filter(|b| b.len() == 4),
            })
        })
    }
}

pub(super) fn check_circle(circle: &Circle) -> Result<(), CatalogError> {
    let LatLon { lat, lon, .. } = circle.center;
    let valid = (-90.0..=90.0).contains(&lat)
        && (-180.0..=180.0).contains(&lon)
        && (0.0..=1_000_000.0).contains(&circle.radius_m);
    if !valid {
        return Err(CatalogError::InvalidInput {
            detail: format!("circle at {lat},{lon} of {} m", circle.radius_m),
        });
    }
    Ok(())
}

/// A fact recorded by the last sync.
pub(super) fn meta(db: &Connection, key: &str) -> Result<Option<String>, CatalogError> {
    Ok(db
        .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .optional()?)
}

/// The languages the catalog was synced with, in order.
pub(super) fn synced_languages(db: &Connection) -> Result<Vec<String>, CatalogError> {
    Ok(meta(db, "languages")?
        .unwrap_or_default()
        .split(',')
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect())
}

pub(super) fn language_order(db: &Connection, asked: &str) -> Result<LanguageOrder, CatalogError> {
    Ok(LanguageOrder::new(asked, &synced_languages(db)?))
}

/// The language whose published treks a list shows: the asked one when the
/// catalog has it; `None` (every trek) when it does not.
fn listing_language(
    db: &Connection,
    languages: &LanguageOrder,
) -> Result<Option<String>, CatalogError> {
    let asked = &languages.languages()[0];
    Ok(synced_languages(db)?.contains(asked).then(|| asked.clone()))
}

/// The treks a list in the asked language shows; `None`: every trek.
pub(super) fn listed_treks(
    db: &Connection,
    languages: &LanguageOrder,
) -> Result<Option<std::collections::HashSet<i64>>, CatalogError> {
    let Some(lang) = listing_language(db, languages)? else {
        return Ok(None);
    };
    let mut statement = db.prepare_cached("SELECT trek_id FROM trek_listed WHERE lang = ?1")?;
    let ids = statement.query_map([lang], |row| row.get(0))?;
    Ok(Some(ids.collect::<Result<_, _>>()?))
}

/// The user's words as FTS5 expressions: every word must match, accents and
/// case ignored (the tokenizer folds them). `None` when no word is left.
#[derive(Debug, PartialEq)]
struct WordMatch {
    /// Each word as a prefix: what a trek must match.
    prefixes: String,
    /// Each word whole.
    words: String,
}

fn fts_expression(text: &str) -> Option<WordMatch> {
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return None;
    }
    let joined = |suffix: &str| {
        words
            .iter()
            .map(|w| format!("\"{w}\"{suffix}"))
            .collect::<Vec<_>>()
            .join(" ")
    };
    Some(WordMatch {
        prefixes: joined("*"),
        words: joined(""),
    })
}

/// The SQL and its parameters for a search; rows are `(id, lon, lat, total)`.
/// Whether a search returns the query's page or every match.
#[derive(Clone, Copy, PartialEq)]
enum Paging {
    Page,
    All,
}

/// The treks of a search, best first, with their distance in nearby searches.
struct Matches {
    page: Vec<(i64, Option<f64>)>,
    /// How many treks match in all.
    total: u64,
}

fn matches(
    db: &Connection,
    query: &TrekQuery,
    languages: &LanguageOrder,
    paging: Paging,
) -> Result<Matches, CatalogError> {
    if let Some(near) = &query.near {
        check_circle(near)?;
    }
    let match_expression = query.text.as_deref().and_then(fts_expression);
    if query.text.as_deref().is_some_and(|t| !t.trim().is_empty()) && match_expression.is_none() {
        return Ok(Matches {
            page: Vec::new(),
            total: 0,
        });
    }
    let listing = listing_language(db, languages)?;
    let (sql, values) = search_sql(query, match_expression, languages, listing, paging);
    let mut statement = db.prepare_cached(&sql)?;
    let mut rows = statement.query(params_from_iter(values))?;
    let mut hits: Vec<(i64, Option<f64>)> = Vec::new();
    let mut total = 0u64;
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        let anchor: (Option<f64>, Option<f64>) = (row.get(1)?, row.get(2)?);
        total = row.get::<_, i64>(3)? as u64;
        match (&query.near, anchor) {
            (Some(near), (Some(lon), Some(lat))) => {
                let distance = haversine_m((near.center.lon, near.center.lat), (lon, lat));
                if distance <= near.radius_m {
                    hits.push((id, Some(distance)));
                }
            }
            (Some(_), _) => {}
            (None, _) => hits.push((id, None)),
        }
    }
    if query.near.is_none() {
        return Ok(Matches { page: hits, total });
    }
    // The disc is applied here, so this path pages by itself.
    total = hits.len() as u64;
    if query.text.is_none() {
        hits.sort_by(|a, b| a.1.unwrap_or(0.0).total_cmp(&b.1.unwrap_or(0.0)));
    }
    if paging == Paging::Page {
        hits = hits
            .into_iter()
            .skip(query.offset as usize)
            .take(query.limit as usize)
            .collect();
    }
    Ok(Matches { page: hits, total })
}

fn search_sql(
    query: &TrekQuery,
    match_expression: Option<WordMatch>,
    languages: &LanguageOrder,
    listing: Option<String>,
    paging: Paging,
) -> (String, Vec<Value>) {
    let mut values: Vec<Value> = Vec::new();
    let mut sql = String::new();
    if let Some(expression) = &match_expression {
        // Rank in tiers: the words whole in the name, as prefixes in the
        // name, whole anywhere, as prefixes anywhere ("lac" finds "Lac
        // Blanc" before a description climbing "en lacets"); within a tier,
        // name first, then cities and places, then the long texts. Names
        // have their own small index. Materialized, since bm25() only runs
        // in a plain scan of the index.
        sql.push_str(
            "WITH m AS MATERIALIZED (SELECT rowid, bm25(trek_search, 10.0, 3.0, 1.0, 1.0, 4.0, 4.0, 4.0) AS score
                                    FROM trek_search WHERE trek_search MATCH ?),
                  nw AS MATERIALIZED (SELECT rowid FROM trek_name_search WHERE trek_name_search MATCH ?),
                  np AS MATERIALIZED (SELECT rowid FROM trek_name_search WHERE trek_name_search MATCH ?),
                  w AS MATERIALIZED (SELECT rowid FROM trek_search WHERE trek_search MATCH ?) ",
        );
        values.extend(
            [
                &expression.prefixes,
                &expression.words,
                &expression.prefixes,
                &expression.words,
            ]
            .map(|e| Value::Text(e.clone())),
        );
    }
    sql.push_str("SELECT t.id, t.departure_lng, t.departure_lat, COUNT(*) OVER () FROM treks t");
    if match_expression.is_some() {
        sql.push_str(
            " JOIN (SELECT x.trek_id AS id, MIN(m.score) AS score,
                           MIN(CASE WHEN m.rowid IN nw THEN 0 WHEN m.rowid IN np THEN 1
                                    WHEN m.rowid IN w THEN 2 ELSE 3 END) AS tier
                    FROM m JOIN trek_texts x ON x.rowid = m.rowid GROUP BY x.trek_id) s ON s.id = t.id",
        );
    } else {
        sql.push_str(" LEFT JOIN trek_texts n ON n.trek_id = t.id AND n.lang = ?");
        values.push(Value::Text(languages.languages()[0].clone()));
    }
    sql.push_str(" WHERE 1");
    if let Some(lang) = listing {
        sql.push_str(
            " AND EXISTS (SELECT 1 FROM trek_listed l WHERE l.lang = ? AND l.trek_id = t.id)",
        );
        values.push(Value::Text(lang));
    }
    let mut any_of = |column: &str, ids: &[i64], values: &mut Vec<Value>| {
        if !ids.is_empty() {
            sql.push_str(&format!(" AND {column} IN ({})", placeholders(ids.len())));
            values.extend(ids.iter().map(|id| Value::Integer(*id)));
        }
    };
    any_of("t.practice", &query.practices, &mut values);
    any_of("t.difficulty", &query.difficulties, &mut values);
    any_of("t.route", &query.routes, &mut values);
    for (kind, ids) in [
        ("theme", &query.themes),
        ("accessibility", &query.accessibilities),
    ] {
        if !ids.is_empty() {
            sql.push_str(&format!(
                " AND EXISTS (SELECT 1 FROM trek_refs r WHERE r.trek_id = t.id AND r.kind = '{kind}' AND r.ref IN ({}))",
                placeholders(ids.len())
            ));
            values.extend(ids.iter().map(|id| Value::Text(id.to_string())));
        }
    }
    if !query.cities.is_empty() {
        // Treks refer to cities by id (current servers) or INSEE code (older ones).
        sql.push_str(&format!(
            " AND EXISTS (SELECT 1 FROM trek_refs r JOIN objects c ON c.kind = 'city'
                AND (r.ref = CAST(c.id AS TEXT) OR r.ref = c.key)
                WHERE r.trek_id = t.id AND r.kind = 'city' AND c.id IN ({}))",
            placeholders(query.cities.len())
        ));
        values.extend(query.cities.iter().map(|id| Value::Integer(*id)));
    }
    for (column, range) in [
        ("t.duration", query.duration_hours),
        ("t.length_2d", query.length_m),
        ("t.ascent", query.ascent_m),
    ] {
        if let Some(min) = range.min {
            sql.push_str(&format!(" AND {column} >= ?"));
            values.push(Value::Real(min));
        }
        if let Some(max) = range.max {
            sql.push_str(&format!(" AND {column} <= ?"));
            values.push(Value::Real(max));
        }
    }
    if let Some(near) = &query.near {
        let [west, south, east, north] = circle_bbox(near);
        sql.push_str(
            " AND t.id IN (SELECT o.id FROM object_bounds b JOIN objects o ON o.rowid = b.rowid
               WHERE o.kind = 'trek' AND b.west <= ? AND b.east >= ? AND b.south <= ? AND b.north >= ?)",
        );
        values.extend([east, west, north, south].map(Value::Real));
    }
    sql.push_str(if match_expression.is_some() {
        " ORDER BY s.tier, s.score, t.id"
    } else {
        " ORDER BY n.name IS NULL, n.name COLLATE NOCASE, t.id"
    });
    if query.near.is_none() && paging == Paging::Page {
        sql.push_str(" LIMIT ? OFFSET ?");
        values.extend([
            Value::Integer(query.limit as i64),
            Value::Integer(query.offset as i64),
        ]);
    }
    (sql, values)
}

fn placeholders(count: usize) -> String {
    vec!["?"; count].join(", ")
}

/// `[west, south, east, north]` around a circle.
pub(super) fn circle_bbox(circle: &Circle) -> [f64; 4] {
    let dlat = circle.radius_m / METRES_PER_DEGREE;
    let dlon =
        circle.radius_m / (METRES_PER_DEGREE * circle.center.lat.to_radians().cos().max(0.01));
    [
        circle.center.lon - dlon,
        circle.center.lat - dlat,
        circle.center.lon + dlon,
        circle.center.lat + dlat,
    ]
}

/// An object found by a spatial query, as stored.
pub(super) struct StoredPlace {
    pub kind: PlaceKind,
    pub id: i64,
    pub json: String,
    /// `(lon, lat)` of the point standing for it.
    pub anchor: Option<(f64, f64)>,
}

/// Objects of `kinds` whose bounds meet `bbox`.
pub(super) fn objects_in_bbox(
    db: &Connection,
    kinds: &[PlaceKind],
    [west, south, east, north]: [f64; 4],
) -> Result<Vec<StoredPlace>, CatalogError> {
    let mut statement = db.prepare_cached(&format!(
        "SELECT o.kind, o.id, o.json, o.lng, o.lat FROM object_bounds b JOIN objects o ON o.rowid = b.rowid
         WHERE b.west <= ?1 AND b.east >= ?2 AND b.south <= ?3 AND b.north >= ?4 AND o.kind IN ({})",
        kinds.iter().map(|k| format!("'{}'", k.resource())).collect::<Vec<_>>().join(", ")
    ))?;
    let rows = statement.query_map(rusqlite::params![east, west, north, south], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get::<_, Option<f64>>(3)?,
            r.get::<_, Option<f64>>(4)?,
        ))
    })?;
    let mut objects = Vec::new();
    for row in rows {
        let (kind, id, json, lon, lat) = row?;
        if let Some(kind) = PlaceKind::of_resource(&kind) {
            objects.push(StoredPlace {
                kind,
                id,
                json,
                anchor: lon.zip(lat),
            });
        }
    }
    Ok(objects)
}

/// Distance from `point` to an area's edge, 0 inside it.
fn area_distance_m(json: &serde_json::Value, point: (f64, f64)) -> Option<f64> {
    use geo::Contains;
    let geometry: Geometry = serde_json::from_value(json.get("geometry")?.clone()).ok()?;
    let polygons = polygons_of(&geometry);
    let inside = polygons
        .iter()
        .any(|p| p.contains(&geo::Point::new(point.0, point.1)));
    if inside {
        return Some(0.0);
    }
    polygons
        .iter()
        .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
        .filter_map(|ring| {
            let vertices: Vec<(f64, f64)> = ring.coords().map(|c| (c.x, c.y)).collect();
            MeasuredLine::new(&vertices)?
                .project(point)
                .map(|p| p.offset_m)
        })
        .min_by(f64::total_cmp)
}

/// An area geometry as geo polygons (points and lines give none).
pub(super) fn polygons_of(geometry: &Geometry) -> Vec<geo::Polygon<f64>> {
    let ring = |positions: &Vec<super::wire::Position>| {
        geo::LineString::from(positions.iter().map(|p| (p.lng, p.lat)).collect::<Vec<_>>())
    };
    let polygon = |rings: &Vec<Vec<super::wire::Position>>| {
        let mut rings = rings.iter().map(ring);
        rings
            .next()
            .map(|exterior| geo::Polygon::new(exterior, rings.collect()))
    };
    match geometry {
        Geometry::Polygon(rings) => polygon(rings).into_iter().collect(),
        Geometry::MultiPolygon(polygons) => polygons.iter().filter_map(polygon).collect(),
        _ => Vec::new(),
    }
}

/// The display name of any object: `name`, else `label`, else its code.
pub(super) fn object_name(json: &serde_json::Value, languages: &LanguageOrder) -> String {
    ["name", "label", "route", "code"]
        .iter()
        .map(|key| languages.pick_in(json, key))
        .find(|name| !name.is_empty())
        .unwrap_or_default()
}

/// The name to show for an object: its own, else its type's (services
/// have no name: "Drinking water" is what a hiker reads).
pub(super) fn name_or_type(
    json: &serde_json::Value,
    type_label: Option<&str>,
    languages: &LanguageOrder,
) -> String {
    Some(object_name(json, languages))
        .filter(|name| !name.is_empty())
        .or_else(|| type_label.map(str::to_string))
        .unwrap_or_default()
}

/// The label of an object's type, from its reference list.
pub(super) fn object_type_label(
    json: &serde_json::Value,
    kind: PlaceKind,
    labels: &Labels,
    languages: &LanguageOrder,
) -> Option<String> {
    let field = match kind {
        PlaceKind::TouristicContent => "category",
        PlaceKind::Trek => "practice",
        _ => "type",
    };
    match json.get(field)? {
        serde_json::Value::Number(id) => labels.get(kind.type_resource()?, id.as_i64()?),
        // Information desks embed their type.
        object @ serde_json::Value::Object(_) => {
            Some(object_name(object, languages)).filter(|l| !l.is_empty())
        }
        _ => None,
    }
}

/// Labels of the reference lists, loaded once per answer.
pub(super) struct Labels(HashMap<&'static str, HashMap<i64, Choice>>);

/// The lists a trek summary is labelled with.
pub(super) const SUMMARY_LISTS: &[&str] = &["trek_practice", "trek_difficulty"];

/// Every list a trek detail is labelled with.
pub(super) const DETAIL_LISTS: &[&str] = &[
    "trek_practice",
    "trek_difficulty",
    "trek_route",
    "poi_type",
    "signage_type",
    "sensitivearea_practice",
    "sensitivearea_species",
    "theme",
    "trek_network",
    "label",
    "trek_accessibility",
    "trek_accessibility_level",
];

impl Labels {
    /// The labels of the reference lists `resources`, in the best language.
    pub(super) fn load(
        db: &Connection,
        languages: &LanguageOrder,
        resources: &[&'static str],
    ) -> Result<Labels, CatalogError> {
        let mut lists = HashMap::new();
        for &resource in resources {
            let choices = reference_choices(db, resource, languages)?;
            lists.insert(resource, choices.into_iter().map(|c| (c.id, c)).collect());
        }
        Ok(Labels(lists))
    }

    pub(super) fn choice(&self, resource: &str, id: i64) -> Option<Choice> {
        self.0.get(resource)?.get(&id).cloned()
    }

    pub(super) fn get(&self, resource: &str, id: i64) -> Option<String> {
        self.choice(resource, id).map(|c| c.label)
    }
}

/// Every entry of the reference list `resource`, ordered like the server's `order` then label.
fn reference_choices(
    db: &Connection,
    resource: &str,
    languages: &LanguageOrder,
) -> Result<Vec<Choice>, CatalogError> {
    #[derive(Deserialize)]
    struct Entry {
        #[serde(default)]
        order: Option<i64>,
        #[serde(default)]
        pictogram: Option<String>,
    }
    let mut statement = db.prepare_cached("SELECT id, json FROM objects WHERE kind = ?1")?;
    let rows = statement.query_map([resource], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
    })?;
    let mut entries = Vec::new();
    for row in rows {
        let (id, json) = row?;
        let Ok(value) = serde_json::from_str::<serde_json::Value>(&json) else {
            continue;
        };
        let entry: Entry = serde_json::from_value(value.clone()).unwrap_or(Entry {
            order: None,
            pictogram: None,
        });
        let label = object_name(&value, languages);
        entries.push((
            entry.order,
            Choice {
                id,
                label,
                pictogram_url: entry.pictogram,
            },
        ));
    }
    entries.sort_by(|a, b| {
        (a.0.is_none(), a.0, a.1.label.to_lowercase()).cmp(&(
            b.0.is_none(),
            b.0,
            b.1.label.to_lowercase(),
        ))
    });
    Ok(entries.into_iter().map(|(_, choice)| choice).collect())
}

/// A trek's list entry.
pub(super) fn summary(
    db: &Connection,
    id: i64,
    languages: &LanguageOrder,
    labels: &Labels,
) -> Result<TrekSummary, CatalogError> {
    let mut statement = db.prepare_cached(
        "SELECT practice, difficulty, duration, length_2d, ascent, thumbnail, departure_lng, departure_lat
         FROM treks WHERE id = ?1",
    )?;
    let row = statement
        .query_row([id], |r| {
            Ok((
                r.get::<_, Option<i64>>(0)?,
                r.get::<_, Option<i64>>(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get::<_, Option<f64>>(6)?,
                r.get::<_, Option<f64>>(7)?,
            ))
        })
        .optional()?
        .ok_or(CatalogError::NotFound {
            kind: "trek".into(),
            id,
        })?;
    let (practice, difficulty, duration_hours, length_m, ascent_m, thumbnail_url, lon, lat) = row;
    let mut texts =
        db.prepare_cached("SELECT lang, name, teaser FROM trek_texts WHERE trek_id = ?1")?;
    let by_language: HashMap<String, (String, String)> = texts
        .query_map([id], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?
        .collect::<Result<_, _>>()?;
    let names = Translated::ByLanguage(
        by_language
            .iter()
            .map(|(l, (n, _))| (l.clone(), Some(n.clone())))
            .collect(),
    );
    let (name, lang) = languages.pick_with_language(&names).unwrap_or_default();
    let teaser = by_language
        .get(&lang)
        .map(|(_, t)| t.clone())
        .unwrap_or_default();
    Ok(TrekSummary {
        id,
        name,
        teaser,
        practice: practice.and_then(|p| labels.get("trek_practice", p)),
        difficulty: difficulty.and_then(|d| labels.get("trek_difficulty", d)),
        duration_hours,
        length_m,
        ascent_m,
        departure: lon.zip(lat).map(|(lon, lat)| LatLon::new(lat, lon)),
        thumbnail_url,
        distance_m: None,
    })
}

#[cfg(test)]
mod tests {
    use super::fts_expression;

    #[test]
    fn user_words_become_terms_as_prefixes_and_whole() {
        let expression = fts_expression("lac blanc").unwrap();
        assert_eq!(expression.prefixes, "\"lac\"* \"blanc\"*");
        assert_eq!(expression.words, "\"lac\" \"blanc\"");
        assert_eq!(
            fts_expression("  Col d'Écrins ").unwrap().prefixes,
            "\"Col\"* \"d\"* \"Écrins\"*"
        );
        // Operators typed by the user stay words: quoted terms never act as syntax.
        assert_eq!(fts_expression("\"*) OR (").unwrap().words, "\"OR\"");
        assert_eq!(fts_expression("\"*) - ("), None);
    }
}
