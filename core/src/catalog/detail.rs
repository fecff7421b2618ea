//! Assembling a trek's detail: its texts and figures, and what lies along
//! it (POIs, signage, information desks, sensitive areas, tour steps).

use rusqlite::{Connection, OptionalExtension};
use serde::Deserialize;

use super::language::LanguageOrder;
use super::model::*;
use super::profile::elevation_profile;
use super::query::{
    DETAIL_LISTS, Labels, StoredPlace, language_order, name_or_type, object_name,
    object_type_label, objects_in_bbox, polygons_of, summary,
};
use super::store::{Vertex, unpack_geometry};
use super::text::plain_text;
use super::trek_fields::{TrekFields, reference_points};
use super::wire::{Attachment, Geometry, Ref, Translated, Trek, lenient_number, null_as_empty};
use super::{Catalog, CatalogError};
use crate::geodesy::MeasuredLine;

/// POIs this close to a trek are listed with it (Geotrek's
/// `TREK_POI_INTERSECTION_MARGIN` default).
const POI_MARGIN_M: f64 = 500.0;
/// Tourism this close to a trek is listed around it (Geotrek's
/// `TOURISM_INTERSECTION_MARGIN` default).
pub const AROUND_MARGIN_M: f64 = 500.0;
/// Signage this close to a trek is listed with it.
const SIGNAGE_MARGIN_M: f64 = 50.0;

impl Catalog {
    /// Everything about trek `id`, in `language` (or the best fallback).
    pub fn trek_detail(&self, id: i64, language: &str) -> Result<TrekDetail, CatalogError> {
        self.read(|db| {
            let languages = language_order(db, language)?;
            let labels = Labels::load(db, &languages, DETAIL_LISTS)?;
            let (json, vertices) = trek_row(db, id)?;
            let trek: Trek = serde_json::from_str(&json).map_err(|e| CatalogError::Store {
                detail: format!("trek {id}: {e}"),
            })?;
            let (name, chosen) = languages
                .pick_with_language(&trek.name)
                .unwrap_or_else(|| (String::new(), languages.languages()[0].clone()));
            // Texts in the language the name was found in, so a page never mixes languages.
            let texts = LanguageOrder::new(&chosen, languages.languages());
            let line: Vec<(f64, f64)> = vertices.iter().map(|v| (v.0, v.1)).collect();
            let measured = MeasuredLine::new(&line);
            let choices = |resource: &str, ids: &[i64]| {
                ids.iter()
                    .filter_map(|id| labels.choice(resource, *id))
                    .collect::<Vec<_>>()
            };
            let along = Along {
                db,
                trek_id: id,
                measured: measured.as_ref(),
                languages: &texts,
                labels: &labels,
            };
            let fields = TrekFields {
                db,
                texts: &texts,
                labels: &labels,
            };
            Ok(TrekDetail {
                id,
                uuid: trek.uuid.clone(),
                language: chosen.clone(),
                name,
                teaser_html: shown_html(texts.pick(&trek.description_teaser)),
                description_html: shown_html(texts.pick(&trek.description)),
                ambiance_html: shown_html(texts.pick(&trek.ambiance)),
                access_html: shown_html(texts.pick(&trek.access)),
                advice_html: shown_html(texts.pick(&trek.advice)),
                gear_html: shown_html(texts.pick(&trek.gear)),
                public_transport_html: shown_html(texts.pick(&trek.public_transport)),
                departure: texts.pick(&trek.departure),
                arrival: texts.pick(&trek.arrival),
                duration_hours: trek.duration,
                length_m: trek.length_2d,
                ascent_m: trek.ascent,
                descent_m: trek.descent,
                min_elevation_m: trek.min_elevation,
                max_elevation_m: trek.max_elevation,
                practice: trek
                    .practice
                    .and_then(|p| labels.choice("trek_practice", p)),
                difficulty: trek
                    .difficulty
                    .and_then(|d| labels.choice("trek_difficulty", d)),
                route: trek.route.and_then(|r| labels.choice("trek_route", r)),
                themes: choices("theme", &trek.themes),
                networks: choices("trek_network", &trek.networks),
                labels: choices("label", &trek.labels),
                accessibilities: choices("trek_accessibility", &trek.accessibilities),
                cities: trek
                    .cities
                    .iter()
                    .filter_map(|c| referenced(db, "city", c).ok().flatten())
                    .map(|(_, json)| object_name(&json, &texts))
                    .collect(),
                departure_point: trek
                    .departure_geom
                    .or(line.first().map(|&(lng, lat)| super::wire::Position {
                        lng,
                        lat,
                        ele: None,
                    }))
                    .map(|p| LatLon::new(p.lat, p.lng)),
                parking_point: trek.parking_location.map(|p| LatLon::new(p.lat, p.lng)),
                geometry: vertices
                    .iter()
                    .map(|&(lon, lat, ele)| LatLon { lat, lon, ele })
                    .collect(),
                media: trek.attachments.iter().filter_map(media).collect(),
                gpx_url: Some(texts.pick(&trek.gpx)).filter(|u| !u.is_empty()),
                pdf_url: Some(texts.pick(&trek.pdf)).filter(|u| !u.is_empty()),
                pois: along.pois()?,
                signage: along.signage()?,
                information_desks: trek
                    .information_desks
                    .iter()
                    .filter_map(|r| referenced(db, "informationdesk", r).ok().flatten())
                    .map(|(id, json)| information_desk(id, &json, &texts))
                    .collect(),
                sensitive_areas: along.sensitive_areas(&line)?,
                steps: tour_members(db, &trek.children, &texts, &labels)?,
                parents: tour_members(db, &trek.parents, &texts, &labels)?,
                profile: elevation_profile(&vertices),
                advised_parking_html: shown_html(texts.pick(&trek.advised_parking)),
                accessibility: fields.accessibility(&trek),
                ratings: fields.ratings(&trek)?,
                ratings_description_html: shown_html(texts.pick(&trek.ratings_description)),
                web_links: fields.web_links(&trek),
                sources: fields.sources(&trek)?,
                structure: fields.structure(&trek)?,
                reservation: fields.reservation(&trek)?,
                reference_points: reference_points(&trek),
            })
        })
    }

    /// Touristic contents, events, information desks and services within
    /// [`AROUND_MARGIN_M`] of trek `id`, in trek order.
    pub fn around_trek(&self, id: i64, language: &str) -> Result<Vec<AroundPlace>, CatalogError> {
        self.read(|db| {
            let languages = language_order(db, language)?;
            let labels = Labels::load(
                db,
                &languages,
                &[
                    "touristiccontent_category",
                    "touristicevent_type",
                    "service_type",
                ],
            )?;
            let (_, vertices) = trek_row(db, id)?;
            let line: Vec<(f64, f64)> = vertices.iter().map(|v| (v.0, v.1)).collect();
            let measured = MeasuredLine::new(&line);
            let along = Along {
                db,
                trek_id: id,
                measured: measured.as_ref(),
                languages: &languages,
                labels: &labels,
            };
            let mut places = Vec::new();
            for kind in [
                PlaceKind::TouristicContent,
                PlaceKind::TouristicEvent,
                PlaceKind::InformationDesk,
                PlaceKind::Service,
            ] {
                for place in along.near_line(kind, AROUND_MARGIN_M)? {
                    let type_label = object_type_label(&place.json, kind, &labels, &languages);
                    let name = name_or_type(&place.json, type_label.as_deref(), &languages);
                    places.push(AroundPlace {
                        kind,
                        id: place.id,
                        name,
                        type_label,
                        position: LatLon::new(place.position.1, place.position.0),
                        along_m: place.along_m,
                        distance_m: place.offset_m,
                    });
                }
            }
            places.sort_by(|a, b| a.along_m.total_cmp(&b.along_m));
            Ok(places)
        })
    }

    /// Signage within `circle`, nearest first, with its blades.
    pub fn signage_near(
        &self,
        circle: &Circle,
        language: &str,
    ) -> Result<Vec<SignageItem>, CatalogError> {
        let places = self.nearby(circle, &[PlaceKind::Signage], language, 200)?;
        self.read(|db| {
            let languages = language_order(db, language)?;
            let labels = Labels::load(db, &languages, &["signage_type"])?;
            let mut items = Vec::new();
            for place in places {
                let json: Option<String> = db
                    .prepare_cached("SELECT json FROM objects WHERE kind = 'signage' AND id = ?1")?
                    .query_row([place.id], |r| r.get(0))
                    .optional()?;
                let Some(json) = json.and_then(|j| serde_json::from_str(&j).ok()) else {
                    continue;
                };
                let position = (place.position.lon, place.position.lat);
                items.push(signage_item(
                    place.id, &json, position, None, &languages, &labels,
                ));
            }
            Ok(items)
        })
    }

    /// The elevation profile of trek `id`.
    pub fn elevation_profile(&self, id: i64) -> Result<ElevationProfile, CatalogError> {
        self.read(|db| trek_row(db, id).map(|(_, vertices)| elevation_profile(&vertices)))
    }

    /// The 3D line of trek `id`, `(lon, lat, ele)`.
    pub fn trek_geometry(&self, id: i64) -> Result<Vec<Vertex>, CatalogError> {
        self.read(|db| trek_row(db, id).map(|(_, vertices)| vertices))
    }
}

fn trek_row(db: &Connection, id: i64) -> Result<(String, Vec<Vertex>), CatalogError> {
    db.prepare_cached("SELECT o.json, g.geometry FROM objects o LEFT JOIN trek_geometries g ON g.trek_id = o.id WHERE o.kind = 'trek' AND o.id = ?1")?
        .query_row([id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, Option<Vec<u8>>>(1)?)))
        .optional()?
        .map(|(json, blob)| (json, unpack_geometry(&blob.unwrap_or_default())))
        .ok_or(CatalogError::NotFound { kind: "trek".into(), id })
}

/// The object of `kind` a reference points to (by id, or by code/uuid).
pub(super) fn referenced(
    db: &Connection,
    kind: &str,
    reference: &Ref,
) -> Result<Option<(i64, serde_json::Value)>, CatalogError> {
    let row: Option<(i64, String)> = match reference {
        Ref::Id(id) => db
            .prepare_cached("SELECT id, json FROM objects WHERE kind = ?1 AND id = ?2")?
            .query_row(rusqlite::params![kind, id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?,
        Ref::Key(key) => db
            .prepare_cached("SELECT id, json FROM objects WHERE kind = ?1 AND key = ?2")?
            .query_row(rusqlite::params![kind, key], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?,
    };
    Ok(row.and_then(|(id, json)| serde_json::from_str(&json).ok().map(|json| (id, json))))
}

fn tour_members(
    db: &Connection,
    refs: &[Ref],
    languages: &LanguageOrder,
    labels: &Labels,
) -> Result<Vec<TrekSummary>, CatalogError> {
    let mut members = Vec::new();
    for reference in refs {
        if let Some((id, _)) = referenced(db, "trek", reference)? {
            members.push(summary(db, id, languages, labels)?);
        }
    }
    Ok(members)
}

pub(super) fn media(attachment: &Attachment) -> Option<Media> {
    Some(Media {
        url: attachment.url.clone().filter(|u| !u.is_empty())?,
        thumbnail_url: attachment.thumbnail.clone(),
        title: attachment.title.clone(),
        legend: attachment.legend.clone(),
        author: attachment.author.clone(),
        license: attachment.license.clone(),
        is_image: attachment.is_image(),
    })
}

fn information_desk(
    id: i64,
    json: &serde_json::Value,
    languages: &LanguageOrder,
) -> InformationDesk {
    let text = |key: &str| {
        json.get(key)
            .and_then(|v| v.as_str())
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let address = [text("street"), text("postal_code"), text("municipality")]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let number = |key: &str| json.get(key).and_then(|v| v.as_f64());
    InformationDesk {
        id,
        name: object_name(json, languages),
        type_label: json
            .get("type")
            .map(|t| object_name(t, languages))
            .filter(|l| !l.is_empty()),
        description: plain_text(&languages.pick_in(json, "description")),
        phone: text("phone"),
        email: text("email"),
        website: text("website"),
        address,
        position: number("latitude")
            .zip(number("longitude"))
            .map(|(lat, lon)| LatLon::new(lat, lon)),
    }
}

/// An object near a trek, where it projects on it.
struct PlaceAlong {
    id: i64,
    json: serde_json::Value,
    position: (f64, f64),
    along_m: f64,
    offset_m: f64,
}

/// Finds what lies along one trek.
struct Along<'a> {
    db: &'a Connection,
    trek_id: i64,
    measured: Option<&'a MeasuredLine>,
    languages: &'a LanguageOrder,
    labels: &'a Labels,
}

impl Along<'_> {
    /// Objects of `kind` within `margin_m` of the trek, with their projection, in trek order.
    fn near_line(&self, kind: PlaceKind, margin_m: f64) -> Result<Vec<PlaceAlong>, CatalogError> {
        let Some(line) = self.measured else {
            return Ok(Vec::new());
        };
        let Some(bbox) = self.bbox() else {
            return Ok(Vec::new());
        };
        let lat_margin = margin_m / 111_195.0;
        let lon_margin = lat_margin
            / bbox[3]
                .abs()
                .max(bbox[1].abs())
                .to_radians()
                .cos()
                .max(0.01);
        let expanded = [
            bbox[0] - lon_margin,
            bbox[1] - lat_margin,
            bbox[2] + lon_margin,
            bbox[3] + lat_margin,
        ];
        let mut found = Vec::new();
        for StoredPlace {
            id, json, anchor, ..
        } in objects_in_bbox(self.db, &[kind], expanded)?
        {
            let Some(position) = anchor else { continue };
            let Some(projection) = line.project(position) else {
                continue;
            };
            if projection.offset_m <= margin_m {
                let json = serde_json::from_str(&json).map_err(|e| CatalogError::Store {
                    detail: e.to_string(),
                })?;
                found.push(PlaceAlong {
                    id,
                    json,
                    position,
                    along_m: projection.along_m,
                    offset_m: projection.offset_m,
                });
            }
        }
        found.sort_by(|a, b| a.along_m.total_cmp(&b.along_m));
        Ok(found)
    }

    fn bbox(&self) -> Option<[f64; 4]> {
        self.db
            .query_row(
                "SELECT b.west, b.south, b.east, b.north FROM objects o JOIN object_bounds b ON b.rowid = o.rowid WHERE o.kind = 'trek' AND o.id = ?1",
                [self.trek_id],
                |r| Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?]),
            )
            .ok()
    }

    fn pois(&self) -> Result<Vec<PoiItem>, CatalogError> {
        #[derive(Deserialize)]
        struct Poi {
            #[serde(default)]
            description: Translated,
            #[serde(default, deserialize_with = "null_as_empty")]
            attachments: Vec<Attachment>,
        }
        Ok(self
            .near_line(PlaceKind::Poi, POI_MARGIN_M)?
            .into_iter()
            .map(
                |PlaceAlong {
                     id,
                     json,
                     position: (lon, lat),
                     along_m,
                     offset_m,
                 }| {
                    let poi: Option<Poi> = serde_json::from_value(json.clone()).ok();
                    PoiItem {
                        id,
                        name: object_name(&json, self.languages),
                        type_label: object_type_label(
                            &json,
                            PlaceKind::Poi,
                            self.labels,
                            self.languages,
                        ),
                        description: poi
                            .as_ref()
                            .map(|p| plain_text(&self.languages.pick(&p.description)))
                            .unwrap_or_default(),
                        position: LatLon::new(lat, lon),
                        along_m,
                        offset_m,
                        media: poi
                            .map(|p| p.attachments.iter().filter_map(media).collect())
                            .unwrap_or_default(),
                    }
                },
            )
            .collect())
    }

    fn signage(&self) -> Result<Vec<SignageItem>, CatalogError> {
        Ok(self
            .near_line(PlaceKind::Signage, SIGNAGE_MARGIN_M)?
            .into_iter()
            .map(|place| {
                signage_item(
                    place.id,
                    &place.json,
                    place.position,
                    Some(place.along_m),
                    self.languages,
                    self.labels,
                )
            })
            .collect())
    }

    fn sensitive_areas(&self, line: &[(f64, f64)]) -> Result<Vec<SensitiveArea>, CatalogError> {
        use geo::Intersects;
        let Some(bbox) = self.bbox() else {
            return Ok(Vec::new());
        };
        let trek = geo::LineString::from(line.to_vec());
        let mut areas = Vec::new();
        for StoredPlace { id, json, .. } in
            objects_in_bbox(self.db, &[PlaceKind::SensitiveArea], bbox)?
        {
            let json: serde_json::Value =
                serde_json::from_str(&json).map_err(|e| CatalogError::Store {
                    detail: e.to_string(),
                })?;
            let Some(geometry) = json
                .get("geometry")
                .and_then(|g| serde_json::from_value::<Geometry>(g.clone()).ok())
            else {
                continue;
            };
            let polygons = polygons_of(&geometry);
            if polygons.iter().any(|p| p.intersects(&trek)) {
                areas.push(sensitive_area(
                    id,
                    &json,
                    &polygons,
                    self.languages,
                    self.labels,
                ));
            }
        }
        Ok(areas)
    }
}

/// A signage object as the app shows it.
pub(super) fn signage_item(
    id: i64,
    json: &serde_json::Value,
    (lon, lat): (f64, f64),
    along_m: Option<f64>,
    languages: &LanguageOrder,
    labels: &Labels,
) -> SignageItem {
    #[derive(Deserialize)]
    struct Line {
        #[serde(default)]
        text: Translated,
        #[serde(default, deserialize_with = "lenient_number")]
        distance: Option<f64>,
        #[serde(default)]
        time: Option<String>,
        #[serde(default, deserialize_with = "null_as_empty")]
        pictograms: Vec<Pictogram>,
        /// Older servers: one pictogram per line.
        #[serde(default)]
        pictogram: Option<String>,
    }
    #[derive(Deserialize)]
    struct Pictogram {
        #[serde(default)]
        label: Option<String>,
        #[serde(default)]
        code: Option<String>,
    }
    #[derive(Deserialize)]
    struct BladeJson {
        #[serde(default)]
        number: Option<serde_json::Value>,
        #[serde(default, deserialize_with = "null_as_empty")]
        lines: Vec<Line>,
    }
    let blades: Vec<BladeJson> = json
        .get("blades")
        .and_then(|b| serde_json::from_value(b.clone()).ok())
        .unwrap_or_default();
    SignageItem {
        id,
        code: json
            .get("code")
            .and_then(|c| c.as_str())
            .filter(|c| !c.is_empty())
            .map(str::to_string),
        name: object_name(json, languages),
        type_label: object_type_label(json, PlaceKind::Signage, labels, languages),
        position: LatLon::new(lat, lon),
        printed_elevation: json.get("printed_elevation").and_then(|e| e.as_i64()),
        blades: blades
            .into_iter()
            .map(|blade| Blade {
                number: match blade.number {
                    Some(serde_json::Value::String(s)) => s,
                    Some(other) => other.to_string(),
                    None => String::new(),
                },
                lines: blade
                    .lines
                    .into_iter()
                    .map(|line| BladeLine {
                        text: languages.pick(&line.text),
                        distance_km: line.distance,
                        time: line.time.filter(|t| !t.is_empty()),
                        pictograms: line
                            .pictograms
                            .into_iter()
                            .filter_map(|p| p.label.or(p.code))
                            .chain(line.pictogram)
                            .collect(),
                    })
                    .collect(),
            })
            .collect(),
        along_m,
    }
}

fn sensitive_area(
    id: i64,
    json: &serde_json::Value,
    polygons: &[geo::Polygon<f64>],
    languages: &LanguageOrder,
    labels: &Labels,
) -> SensitiveArea {
    let practices: Vec<i64> = json
        .get("practices")
        .and_then(|p| serde_json::from_value(p.clone()).ok())
        .unwrap_or_default();
    let mut months: Vec<bool> = json
        .get("period")
        .and_then(|p| serde_json::from_value(p.clone()).ok())
        .unwrap_or_default();
    months.resize(12, false);
    let name = Some(object_name(json, languages))
        .filter(|name| !name.is_empty())
        .or_else(|| {
            let species = json.get("species_id")?.as_i64()?;
            labels.get("sensitivearea_species", species)
        })
        .unwrap_or_default();
    let rules = json
        .get("rules")
        .and_then(|rules| rules.as_array())
        .into_iter()
        .flatten()
        .map(|rule| object_name(rule, languages))
        .filter(|rule| !rule.is_empty())
        .collect();
    SensitiveArea {
        id,
        name,
        rules,
        description: plain_text(&languages.pick_in(json, "description")),
        months,
        practice_labels: practices
            .iter()
            .filter_map(|p| labels.get("sensitivearea_practice", *p))
            .collect(),
        practices,
        contact: plain_text(&languages.pick_in(json, "contact")),
        info_url: Some(languages.pick_in(json, "info_url")).filter(|u| !u.is_empty()),
        outline: polygons
            .iter()
            .map(|p| {
                p.exterior()
                    .coords()
                    .map(|c| LatLon::new(c.y, c.x))
                    .collect()
            })
            .collect(),
    }
}

/// `html` when it says or shows something, else empty: Geotrek-admin's
/// editor leaves `<p></p>` or `<p>&nbsp;</p>` in fields nobody filled, which
/// the apps must not show as a section.
pub(super) fn shown_html(html: String) -> String {
    let lowercase = html.to_ascii_lowercase();
    let shows = ["<img", "<iframe", "<video"]
        .iter()
        .any(|tag| lowercase.contains(tag));
    if !shows && plain_text(&html).trim().is_empty() {
        String::new()
    } else {
        html
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_nobody_filled_are_empty() {
        for blank in ["", "<p></p>", "<p>&nbsp;</p>\n", "<div><br></div>"] {
            assert_eq!(shown_html(blank.to_string()), "", "{blank:?}");
        }
        assert_eq!(shown_html("<p>Lac</p>".to_string()), "<p>Lac</p>");
        let picture = "<p><IMG src=\"lac.jpg\"></p>".to_string();
        assert_eq!(shown_html(picture.clone()), picture);
    }
}
