//! The territory's content beyond treks and places along them: outdoor
//! sites and courses with their practices and grades, and the park's flat
//! pages (rules, good practice) with their parent and children. Objects not
//! published in the language asked are left out.

use rusqlite::Connection;
use serde::Deserialize;

use super::language::LanguageOrder;
use super::model::*;
use super::query::{Labels, language_order, object_name, object_type_label};
use super::text::plain_text;
use super::wire::{Geometry, Published, lenient_geometry, null_as_empty};
use super::{Catalog, CatalogError};

/// The fields of outdoor sites, courses and flat pages this module reads.
#[derive(Deserialize)]
struct Content {
    #[serde(default)]
    published: Published,
    #[serde(default)]
    practice: Option<i64>,
    #[serde(default, deserialize_with = "null_as_empty")]
    ratings: Vec<i64>,
    #[serde(default)]
    parent: Option<i64>,
    /// A course's sites.
    #[serde(default, deserialize_with = "null_as_empty")]
    sites: Vec<i64>,
    #[serde(default, deserialize_with = "null_as_empty")]
    children: Vec<i64>,
    #[serde(default, deserialize_with = "null_as_empty")]
    courses: Vec<i64>,
    #[serde(default, deserialize_with = "lenient_geometry")]
    geometry: Option<Geometry>,
}

/// Objects of `kind` published in the first language of `languages`, by id.
fn published(
    db: &Connection,
    kind: &str,
    languages: &LanguageOrder,
) -> Result<Vec<(i64, serde_json::Value, Content)>, CatalogError> {
    let mut statement =
        db.prepare_cached("SELECT id, json FROM objects WHERE kind = ?1 ORDER BY id")?;
    let rows = statement.query_map([kind], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
    })?;
    let language = &languages.languages()[0];
    let mut objects = Vec::new();
    for row in rows {
        let (id, json) = row?;
        let value: serde_json::Value =
            serde_json::from_str(&json).map_err(|e| CatalogError::Store {
                detail: format!("{kind} {id}: {e}"),
            })?;
        let Ok(content) = Content::deserialize(&value) else {
            continue;
        };
        if content.published.in_language(language) {
            objects.push((id, value, content));
        }
    }
    Ok(objects)
}

impl Catalog {
    /// Every outdoor site, then every course, in `language`.
    pub fn outdoor(&self, language: &str) -> Result<Vec<OutdoorItem>, CatalogError> {
        self.read(|db| {
            let languages = language_order(db, language)?;
            let labels = Labels::load(
                db,
                &languages,
                &[
                    "outdoor_practice",
                    "outdoor_sitetype",
                    "outdoor_coursetype",
                    "outdoor_ratingscale",
                ],
            )?;
            let ratings = Ratings::load(db, &languages, &labels)?;
            let sites = published(db, "outdoor_site", &languages)?;
            let site_practice = |site: i64| {
                sites
                    .iter()
                    .find(|(id, ..)| *id == site)
                    .and_then(|(_, _, s)| s.practice)
            };
            let mut items = Vec::new();
            for (kind, objects) in [
                (PlaceKind::OutdoorSite, &sites),
                (
                    PlaceKind::OutdoorCourse,
                    &published(db, "outdoor_course", &languages)?,
                ),
            ] {
                for (id, json, content) in objects {
                    let practice = content
                        .practice
                        .or_else(|| content.sites.iter().find_map(|&s| site_practice(s)));
                    let summary = ["description_teaser", "description"]
                        .iter()
                        .map(|key| plain_text(&languages.pick_in(json, key)))
                        .find(|text| !text.trim().is_empty())
                        .unwrap_or_default();
                    items.push(OutdoorItem {
                        kind,
                        id: *id,
                        name: object_name(json, &languages),
                        practice: practice.and_then(|p| labels.get("outdoor_practice", p)),
                        type_label: object_type_label(json, kind, &labels, &languages),
                        summary,
                        ratings: content
                            .ratings
                            .iter()
                            .filter_map(|&r| ratings.get(r))
                            .collect(),
                        parents: content
                            .parent
                            .into_iter()
                            .chain(content.sites.iter().copied())
                            .collect(),
                        children: content
                            .children
                            .iter()
                            .chain(&content.courses)
                            .copied()
                            .collect(),
                        position: content
                            .geometry
                            .as_ref()
                            .and_then(Geometry::anchor)
                            .map(|(lon, lat)| LatLon::new(lat, lon)),
                    });
                }
            }
            Ok(items)
        })
    }

    /// The park's flat pages in `language`, by id.
    pub fn flat_pages(&self, language: &str) -> Result<Vec<FlatPage>, CatalogError> {
        self.read(|db| {
            let languages = language_order(db, language)?;
            Ok(published(db, "flatpage", &languages)?
                .into_iter()
                .map(|(id, json, content)| FlatPage {
                    id,
                    title: languages.pick_in(&json, "title"),
                    content_html: languages.pick_in(&json, "content"),
                    parent: content.parent,
                    children: content.children,
                })
                .collect())
        })
    }
}

/// Outdoor grades as `scale: grade`, by id.
struct Ratings(std::collections::HashMap<i64, String>);

impl Ratings {
    fn load(
        db: &Connection,
        languages: &LanguageOrder,
        labels: &Labels,
    ) -> Result<Ratings, CatalogError> {
        let mut statement =
            db.prepare_cached("SELECT id, json FROM objects WHERE kind = 'outdoor_rating'")?;
        let rows =
            statement.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
        let mut ratings = std::collections::HashMap::new();
        for row in rows {
            let (id, json) = row?;
            let Ok(value) = serde_json::from_str::<serde_json::Value>(&json) else {
                continue;
            };
            let grade = object_name(&value, languages);
            let scale = value
                .get("scale")
                .and_then(|s| s.as_i64())
                .and_then(|s| labels.get("outdoor_ratingscale", s))
                .filter(|s| !s.is_empty());
            ratings.insert(
                id,
                match scale {
                    Some(scale) => format!("{scale}: {grade}"),
                    None => grade,
                },
            );
        }
        Ok(Ratings(ratings))
    }

    fn get(&self, id: i64) -> Option<String> {
        self.0.get(&id).cloned()
    }
}
