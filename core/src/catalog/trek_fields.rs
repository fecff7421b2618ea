//! The trek fields a detail shows beyond texts and figures: accessibility,
//! ratings on their scales, web links, data sources, the managing
//! structure, booking and the numbered reference points. Each is decoded
//! from the trek's JSON and labelled from the reference lists synced beside
//! it; a reference the store does not hold is left out, never an error.

use rusqlite::Connection;

use super::CatalogError;
use super::detail::{media, referenced, shown_html};
use super::language::LanguageOrder;
use super::model::*;
use super::query::{Labels, object_name};
use super::text::plain_text;
use super::wire::{self, Geometry, Ref, Trek};

/// Reads the extra fields of one trek.
pub(super) struct TrekFields<'a> {
    pub db: &'a Connection,
    pub texts: &'a LanguageOrder,
    pub labels: &'a Labels,
}

impl TrekFields<'_> {
    pub fn accessibility(&self, trek: &Trek) -> TrekAccessibility {
        let html = |field: &wire::Translated| shown_html(self.texts.pick(field));
        TrekAccessibility {
            level: trek
                .accessibility_level
                .and_then(|id| self.labels.choice("trek_accessibility_level", id)),
            disabled_infrastructure_html: html(&trek.disabled_infrastructure),
            slope_html: html(&trek.accessibility_slope),
            width_html: html(&trek.accessibility_width),
            signage_html: html(&trek.accessibility_signage),
            covering_html: html(&trek.accessibility_covering),
            exposure_html: html(&trek.accessibility_exposure),
            advice_html: html(&trek.accessibility_advice),
            media: trek
                .attachments_accessibility
                .iter()
                .filter_map(media)
                .collect(),
        }
    }

    /// The trek's grades, ordered by scale as the server lists them.
    pub fn ratings(&self, trek: &Trek) -> Result<Vec<TrekRating>, CatalogError> {
        let mut ratings = Vec::new();
        for &id in &trek.ratings {
            let Some((_, json)) = referenced(self.db, "trek_rating", &Ref::Id(id))? else {
                continue;
            };
            let scale = match json.get("scale").and_then(|s| s.as_i64()) {
                Some(scale) => referenced(self.db, "trek_ratingscale", &Ref::Id(scale))?
                    .map(|(_, scale)| object_name(&scale, self.texts))
                    .unwrap_or_default(),
                None => String::new(),
            };
            ratings.push((
                json.get("scale").and_then(|s| s.as_i64()),
                TrekRating {
                    id,
                    scale,
                    name: object_name(&json, self.texts),
                    description: plain_text(&self.texts.pick_in(&json, "description")),
                    color: json
                        .get("color")
                        .and_then(|c| c.as_str())
                        .filter(|c| !c.is_empty())
                        .map(str::to_string),
                },
            ));
        }
        ratings.sort_by_key(|(scale, _)| *scale);
        Ok(ratings.into_iter().map(|(_, rating)| rating).collect())
    }

    pub fn web_links(&self, trek: &Trek) -> Vec<WebLink> {
        trek.web_links
            .iter()
            .filter_map(|link| {
                let url = link.url.clone().filter(|u| !u.trim().is_empty())?;
                let name = Some(self.texts.pick(&link.name))
                    .filter(|n| !n.is_empty())
                    .unwrap_or_else(|| url.clone());
                Some(WebLink {
                    name,
                    url,
                    category: link.category.as_ref().map(|category| Choice {
                        id: category.id,
                        label: self.texts.pick(&category.label),
                        pictogram_url: category.pictogram.clone(),
                    }),
                })
            })
            .collect()
    }

    pub fn sources(&self, trek: &Trek) -> Result<Vec<DataSource>, CatalogError> {
        let mut sources = Vec::new();
        for &id in &trek.source {
            if let Some((id, json)) = referenced(self.db, "source", &Ref::Id(id))? {
                let text = |key: &str| {
                    json.get(key)
                        .and_then(|v| v.as_str())
                        .filter(|s| !s.is_empty())
                        .map(str::to_string)
                };
                sources.push(DataSource {
                    id,
                    name: object_name(&json, self.texts),
                    website: text("website"),
                    pictogram_url: text("pictogram"),
                });
            }
        }
        Ok(sources)
    }

    pub fn structure(&self, trek: &Trek) -> Result<Option<String>, CatalogError> {
        let Some(id) = trek.structure else {
            return Ok(None);
        };
        Ok(referenced(self.db, "structure", &Ref::Id(id))?
            .map(|(_, json)| object_name(&json, self.texts))
            .filter(|name| !name.is_empty()))
    }

    /// The booking, when the trek has an identifier in a booking system.
    pub fn reservation(&self, trek: &Trek) -> Result<Option<Reservation>, CatalogError> {
        let Some(reservation_id) = trek
            .reservation_id
            .clone()
            .filter(|id| !id.trim().is_empty())
        else {
            return Ok(None);
        };
        let system = match trek.reservation_system {
            Some(id) => referenced(self.db, "reservationsystem", &Ref::Id(id))?
                .map(|(_, json)| object_name(&json, self.texts))
                .unwrap_or_default(),
            None => String::new(),
        };
        Ok(Some(Reservation {
            system,
            reservation_id,
        }))
    }
}

/// The trek's reference points, numbered from 1 in the server's order.
pub(super) fn reference_points(trek: &Trek) -> Vec<ReferencePoint> {
    let positions: Vec<wire::Position> = match &trek.points_reference {
        Some(Geometry::MultiPoint(points)) => points.clone(),
        Some(Geometry::Point(point)) => vec![*point],
        _ => Vec::new(),
    };
    positions
        .iter()
        .zip(1..)
        .map(|(p, number)| ReferencePoint {
            number,
            position: LatLon::new(p.lat, p.lng),
        })
        .collect()
}
