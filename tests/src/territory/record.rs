//! One stored object: its JSON tree (with the placeholders of
//! [`super::json`]) and the state the server filters on (publication per
//! language, timestamps, footprint in Lambert-93), kept in step with the JSON.

use std::collections::BTreeMap;

use geo::{BoundingRect, Coord, Geometry, LineString, Point, Polygon, Rect};
use rand::Rng;
use serde_json::Value;
use time::OffsetDateTime;

use super::clock::format_datetime;
use super::geodesy::lambert93;
use super::json::translated;
use super::resource::{PublishedField, Resource};

/// Where an object is published.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Publication {
    /// Models without a `published` field.
    Always,
    /// One flag.
    Flag(bool),
    /// One flag per language.
    PerLanguage(BTreeMap<String, bool>),
}

impl Publication {
    /// A generated publication: in French nearly always, in English when the
    /// English texts exist (`english_rate` of the time); returns whether they do.
    pub fn generated(
        rng: &mut impl Rng,
        languages: &[String],
        english_rate: f64,
    ) -> (Publication, bool) {
        let translated = rng.random_bool(english_rate);
        let published = rng.random_bool(0.97);
        let flags = languages
            .iter()
            .map(|language| {
                let flag = match language.as_str() {
                    "fr" => published,
                    "en" => published && translated,
                    _ => false,
                };
                (language.clone(), flag)
            })
            .collect();
        (Publication::PerLanguage(flags), translated)
    }

    /// Whether a request in `language` (`None`: all languages) lists the object.
    pub fn is_published(&self, language: Option<&str>) -> bool {
        match self {
            Publication::Always => true,
            Publication::Flag(flag) => *flag,
            Publication::PerLanguage(flags) => match language {
                Some(language) => flags.get(language).copied().unwrap_or(false),
                None => flags.values().any(|published| *published),
            },
        }
    }

    /// The same publication, withdrawn in `language` only.
    pub fn withheld_in(&self, language: &str) -> Publication {
        match self {
            Publication::PerLanguage(flags) => {
                let mut flags = flags.clone();
                if let Some(flag) = flags.get_mut(language) {
                    *flag = false;
                }
                Publication::PerLanguage(flags)
            }
            other => other.clone(),
        }
    }

    /// The same publication with every flag down.
    pub fn withdrawn(&self) -> Publication {
        match self {
            Publication::Always => Publication::Always,
            Publication::Flag(_) => Publication::Flag(false),
            Publication::PerLanguage(flags) => {
                Publication::PerLanguage(flags.keys().map(|l| (l.clone(), false)).collect())
            }
        }
    }
}

/// An object's geometry in Lambert-93 metres (Geotrek's storage SRID), for
/// `in_bbox` (bounding boxes overlap) and `dist` (metres to a point).
#[derive(Clone, Debug)]
pub struct Footprint {
    pub geometry: Geometry<f64>,
    pub bbox: Rect<f64>,
}

impl Footprint {
    fn new(geometry: Geometry<f64>) -> Option<Footprint> {
        let bbox = geometry.bounding_rect()?;
        Some(Footprint { geometry, bbox })
    }

    fn project(points: &[(f64, f64)]) -> Vec<Coord<f64>> {
        points
            .iter()
            .map(|&(lng, lat)| {
                let (x, y) = lambert93(lng, lat);
                Coord { x, y }
            })
            .collect()
    }

    /// A point given in WGS84.
    pub fn point(lng: f64, lat: f64) -> Option<Footprint> {
        let (x, y) = lambert93(lng, lat);
        Footprint::new(Geometry::Point(Point::new(x, y)))
    }

    /// A line given in WGS84.
    pub fn line(points: &[(f64, f64)]) -> Option<Footprint> {
        Footprint::new(Geometry::LineString(LineString::new(Footprint::project(
            points,
        ))))
    }

    /// A polygon (outer ring) given in WGS84.
    pub fn polygon(ring: &[(f64, f64)]) -> Option<Footprint> {
        let ring = LineString::new(Footprint::project(ring));
        Footprint::new(Geometry::Polygon(Polygon::new(ring, Vec::new())))
    }

    /// Area in square metres (zero for points and lines).
    pub fn area(&self) -> f64 {
        use geo::Area;
        self.geometry.unsigned_area()
    }
}

/// One object of a resource.
#[derive(Clone, Debug)]
pub struct Record {
    pub id: u64,
    pub publication: Publication,
    pub created: OffsetDateTime,
    pub updated: OffsetDateTime,
    pub footprint: Option<Footprint>,
    /// The JSON, with translation and URL placeholders.
    pub body: Value,
}

impl Record {
    /// A record whose JSON gets `id`, timestamps and `published` as `resource` renders them.
    pub fn new(
        resource: Resource,
        id: u64,
        publication: Publication,
        (created, updated): (OffsetDateTime, OffsetDateTime),
        footprint: Option<Footprint>,
        body: Value,
    ) -> Record {
        let mut record = Record {
            id,
            publication,
            created,
            updated,
            footprint,
            body,
        };
        if let Some(map) = record.body.as_object_mut() {
            map.insert("id".into(), id.into());
        }
        record.sync_body(resource);
        record
    }

    /// Withdraws the object from publication in every language.
    pub fn unpublish(&mut self, resource: Resource) {
        self.publication = self.publication.withdrawn();
        self.sync_body(resource);
    }

    /// Marks the object modified at `instant`.
    pub fn touch(&mut self, resource: Resource, instant: OffsetDateTime) {
        self.updated = instant;
        self.sync_body(resource);
    }

    fn sync_body(&mut self, resource: Resource) {
        let Some(map) = self.body.as_object_mut() else {
            return;
        };
        if resource.renders_timestamps() {
            map.insert(
                "create_datetime".into(),
                format_datetime(self.created).into(),
            );
            map.insert(
                "update_datetime".into(),
                format_datetime(self.updated).into(),
            );
        }
        match (resource.published_field(), &self.publication) {
            (PublishedField::PerLanguage, Publication::PerLanguage(flags)) => {
                map.insert(
                    "published".into(),
                    translated(flags.iter().map(|(l, f)| (l.clone(), *f))),
                );
            }
            (PublishedField::Flag, publication) => {
                map.insert("published".into(), publication.is_published(None).into());
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn publication_per_language() {
        let flags: BTreeMap<String, bool> = [("fr".into(), true), ("en".into(), false)].into();
        let publication = Publication::PerLanguage(flags);
        assert!(publication.is_published(None));
        assert!(publication.is_published(Some("fr")));
        assert!(!publication.is_published(Some("en")));
        assert!(!publication.is_published(Some("it")));
        assert!(!publication.withdrawn().is_published(None));
    }
}
