//! The JSON shapes of Geotrek-admin's API v2, decoded leniently.
//!
//! What a server sends varies with its version and the request: translated
//! fields are a dict over languages without `language=`, a plain value with
//! it; `cities` hold ids on current servers and INSEE codes on older ones;
//! `children` hold ids or uuids; `published` is a bool or a dict. Every such
//! variant is accepted here, unknown fields are ignored, and nulls or missing
//! optional fields decode to `None` / empty. Nothing here touches the store.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};

/// A text field as a server sends it: plain (one language) or by language.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Translated {
    /// Absent or null.
    #[default]
    Missing,
    /// A plain value: the server answered for one language.
    Plain(String),
    /// A dict over the instance's languages, values possibly null.
    ByLanguage(BTreeMap<String, Option<String>>),
}

impl Translated {
    /// The value in `lang`, where `plain_lang` is the language a plain value is in.
    pub fn get(&self, lang: &str, plain_lang: &str) -> Option<&str> {
        match self {
            Translated::Missing => None,
            Translated::Plain(text) => (lang == plain_lang).then_some(text.as_str()),
            Translated::ByLanguage(map) => map.get(lang).and_then(|v| v.as_deref()),
        }
        .filter(|text| !text.trim().is_empty())
    }
}

impl<'de> Deserialize<'de> for Translated {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Shape {
            Plain(String),
            ByLanguage(BTreeMap<String, Option<String>>),
            Number(f64),
        }
        Ok(match Option::<Shape>::deserialize(deserializer)? {
            None => Translated::Missing,
            Some(Shape::Plain(text)) => Translated::Plain(text),
            Some(Shape::ByLanguage(map)) => Translated::ByLanguage(map),
            Some(Shape::Number(n)) => Translated::Plain(n.to_string()),
        })
    }
}

/// `published`: a bool, or a dict of bools over languages.
#[derive(Debug, Clone, PartialEq)]
pub enum Published {
    Everywhere(bool),
    ByLanguage(BTreeMap<String, bool>),
}

impl Default for Published {
    fn default() -> Self {
        Published::Everywhere(true)
    }
}

impl Published {
    /// Whether the object is published in `lang` (a bare bool covers every language).
    pub fn in_language(&self, lang: &str) -> bool {
        match self {
            Published::Everywhere(flag) => *flag,
            Published::ByLanguage(map) => map.get(lang).copied().unwrap_or(false),
        }
    }
}

impl<'de> Deserialize<'de> for Published {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Shape {
            Flag(bool),
            ByLanguage(BTreeMap<String, Option<bool>>),
        }
        Ok(match Option::<Shape>::deserialize(deserializer)? {
            None => Published::default(),
            Some(Shape::Flag(flag)) => Published::Everywhere(flag),
            Some(Shape::ByLanguage(map)) => Published::ByLanguage(
                map.into_iter()
                    .map(|(lang, flag)| (lang, flag.unwrap_or(false)))
                    .collect(),
            ),
        })
    }
}

/// A reference to another object: an id on current servers, a code or uuid on older ones.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Ref {
    Id(i64),
    Key(String),
}

impl Ref {
    /// The reference as stored: the id's digits or the key itself.
    pub fn as_text(&self) -> String {
        match self {
            Ref::Id(id) => id.to_string(),
            Ref::Key(key) => key.clone(),
        }
    }
}

impl<'de> Deserialize<'de> for Ref {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Shape {
            Id(i64),
            Key(String),
            Object { id: i64 },
        }
        Ok(match Shape::deserialize(deserializer)? {
            Shape::Id(id) | Shape::Object { id } => Ref::Id(id),
            Shape::Key(key) => Ref::Key(key),
        })
    }
}

/// A list that may be null or absent: both decode to empty.
pub fn null_as_empty<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(deserializer)?.unwrap_or_default())
}

/// A number sent as a number, a numeric string (`"42.5"`), or null.
pub fn lenient_number<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<f64>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Shape {
        Number(f64),
        Text(String),
    }
    Ok(match Option::<Shape>::deserialize(deserializer)? {
        Some(Shape::Number(n)) if n.is_finite() => Some(n),
        Some(Shape::Text(text)) => text.trim().parse().ok().filter(|n: &f64| n.is_finite()),
        _ => None,
    })
}

/// One position `[lng, lat]` or `[lng, lat, ele]`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Position {
    pub lng: f64,
    pub lat: f64,
    pub ele: Option<f64>,
}

impl<'de> Deserialize<'de> for Position {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PositionVisitor;
        impl<'de> Visitor<'de> for PositionVisitor {
            type Value = Position;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a position [lng, lat] or [lng, lat, ele]")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Position, A::Error> {
                let lng: f64 = seq
                    .next_element()?
                    .ok_or_else(|| de::Error::invalid_length(0, &self))?;
                let lat: f64 = seq
                    .next_element()?
                    .ok_or_else(|| de::Error::invalid_length(1, &self))?;
                let ele: Option<Option<f64>> = seq.next_element()?;
                while seq.next_element::<de::IgnoredAny>()?.is_some() {}
                if !(-180.0..=180.0).contains(&lng) || !(-90.0..=90.0).contains(&lat) {
                    return Err(de::Error::custom(format!(
                        "position out of range: [{lng}, {lat}]"
                    )));
                }
                Ok(Position {
                    lng,
                    lat,
                    ele: ele.flatten().filter(|e| e.is_finite()),
                })
            }
        }
        deserializer.deserialize_seq(PositionVisitor)
    }
}

/// A GeoJSON geometry in WGS84.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(tag = "type", content = "coordinates")]
pub enum Geometry {
    Point(Position),
    MultiPoint(Vec<Position>),
    LineString(Vec<Position>),
    MultiLineString(Vec<Vec<Position>>),
    Polygon(Vec<Vec<Position>>),
    MultiPolygon(Vec<Vec<Vec<Position>>>),
}

impl Geometry {
    /// Every position of the geometry, in order.
    pub fn positions(&self) -> Box<dyn Iterator<Item = &Position> + '_> {
        match self {
            Geometry::Point(p) => Box::new(std::iter::once(p)),
            Geometry::MultiPoint(ps) | Geometry::LineString(ps) => Box::new(ps.iter()),
            Geometry::MultiLineString(lines) | Geometry::Polygon(lines) => {
                Box::new(lines.iter().flatten())
            }
            Geometry::MultiPolygon(polys) => Box::new(polys.iter().flatten().flatten()),
        }
    }

    /// The bounding box `[west, south, east, north]`, `None` when empty.
    pub fn bbox(&self) -> Option<[f64; 4]> {
        self.positions().fold(None, |bbox, p| {
            let [w, s, e, n] = bbox.unwrap_or([p.lng, p.lat, p.lng, p.lat]);
            Some([w.min(p.lng), s.min(p.lat), e.max(p.lng), n.max(p.lat)])
        })
    }

    /// A point that stands for the object: the point itself, a line's start,
    /// an area's bounding-box centre.
    pub fn anchor(&self) -> Option<(f64, f64)> {
        match self {
            Geometry::Point(p) => Some((p.lng, p.lat)),
            Geometry::LineString(ps) | Geometry::MultiPoint(ps) => {
                ps.first().map(|p| (p.lng, p.lat))
            }
            _ => self
                .bbox()
                .map(|[w, s, e, n]| ((w + e) / 2.0, (s + n) / 2.0)),
        }
    }
}

/// A geometry that does not decode (unknown type, projected coordinates such
/// as some servers send for cities) is dropped rather than failing the object.
/// A `GeometryCollection` (outdoor sites and courses) stands as its only
/// member, or as the points of all its members (their extent, anchored at
/// the first).
pub fn lenient_geometry<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Geometry>, D::Error> {
    let value = Option::<serde_json::Value>::deserialize(deserializer)?;
    Ok(value.and_then(geometry_of))
}

fn geometry_of(value: serde_json::Value) -> Option<Geometry> {
    if value.get("type").and_then(|t| t.as_str()) != Some("GeometryCollection") {
        return Geometry::deserialize(value).ok();
    }
    let mut members: Vec<Geometry> = value
        .get("geometries")?
        .as_array()?
        .iter()
        .filter_map(|member| geometry_of(member.clone()))
        .collect();
    match members.len() {
        0 => None,
        1 => members.pop(),
        _ => Some(Geometry::MultiPoint(
            members
                .iter()
                .flat_map(|g| g.positions().copied())
                .collect(),
        )),
    }
}

/// The envelope of a paginated answer, results kept raw for a second decode.
#[derive(Debug, Deserialize)]
pub struct Page<'a> {
    pub count: Option<u64>,
    pub next: Option<String>,
    #[serde(borrow)]
    pub results: Vec<&'a serde_json::value::RawValue>,
}

/// A trek as the catalog needs it; the rest of the object is kept as raw JSON.
#[derive(Debug, Deserialize)]
pub struct Trek {
    pub id: i64,
    #[serde(default)]
    pub uuid: Option<String>,
    #[serde(default)]
    pub name: Translated,
    #[serde(default)]
    pub description_teaser: Translated,
    #[serde(default)]
    pub description: Translated,
    #[serde(default)]
    pub ambiance: Translated,
    #[serde(default)]
    pub departure: Translated,
    #[serde(default)]
    pub arrival: Translated,
    #[serde(default)]
    pub published: Published,
    #[serde(default, deserialize_with = "lenient_number")]
    pub duration: Option<f64>,
    #[serde(default, deserialize_with = "lenient_number")]
    pub length_2d: Option<f64>,
    #[serde(default, deserialize_with = "lenient_number")]
    pub length_3d: Option<f64>,
    #[serde(default, deserialize_with = "lenient_number")]
    pub ascent: Option<f64>,
    #[serde(default, deserialize_with = "lenient_number")]
    pub descent: Option<f64>,
    #[serde(default, deserialize_with = "lenient_number")]
    pub min_elevation: Option<f64>,
    #[serde(default, deserialize_with = "lenient_number")]
    pub max_elevation: Option<f64>,
    #[serde(default)]
    pub difficulty: Option<i64>,
    #[serde(default)]
    pub practice: Option<i64>,
    #[serde(default)]
    pub route: Option<i64>,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub themes: Vec<i64>,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub networks: Vec<i64>,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub labels: Vec<i64>,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub accessibilities: Vec<i64>,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub districts: Vec<i64>,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub cities: Vec<Ref>,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub information_desks: Vec<Ref>,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub children: Vec<Ref>,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub parents: Vec<Ref>,
    #[serde(default)]
    pub departure_geom: Option<Position>,
    #[serde(default)]
    pub parking_location: Option<Position>,
    #[serde(default)]
    pub access: Translated,
    #[serde(default)]
    pub advice: Translated,
    #[serde(default)]
    pub gear: Translated,
    #[serde(default)]
    pub public_transport: Translated,
    #[serde(default)]
    pub gpx: Translated,
    #[serde(default)]
    pub pdf: Translated,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub attachments: Vec<Attachment>,
    #[serde(default, deserialize_with = "lenient_geometry")]
    pub geometry: Option<Geometry>,
    #[serde(default)]
    pub advised_parking: Translated,
    /// Id in `trek_accessibility_level`.
    #[serde(default)]
    pub accessibility_level: Option<i64>,
    #[serde(default)]
    pub disabled_infrastructure: Translated,
    #[serde(default)]
    pub accessibility_slope: Translated,
    #[serde(default)]
    pub accessibility_width: Translated,
    #[serde(default)]
    pub accessibility_signage: Translated,
    #[serde(default)]
    pub accessibility_covering: Translated,
    #[serde(default)]
    pub accessibility_exposure: Translated,
    #[serde(default)]
    pub accessibility_advice: Translated,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub attachments_accessibility: Vec<Attachment>,
    /// Ids in `trek_rating`, each of a scale in `trek_ratingscale`.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub ratings: Vec<i64>,
    #[serde(default)]
    pub ratings_description: Translated,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub web_links: Vec<WebLink>,
    /// Ids in `source`: who provided the data.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub source: Vec<i64>,
    /// Id in `structure`: the organisation managing the trek.
    #[serde(default)]
    pub structure: Option<i64>,
    /// Id in `reservationsystem`.
    #[serde(default)]
    pub reservation_system: Option<i64>,
    #[serde(default)]
    pub reservation_id: Option<String>,
    /// Numbered steps of the description, a MultiPoint in order.
    #[serde(default, deserialize_with = "lenient_geometry")]
    pub points_reference: Option<Geometry>,
}

/// A link a trek points to, with its category embedded (`WebLinkSerializer`).
#[derive(Debug, Clone, Deserialize)]
pub struct WebLink {
    #[serde(default)]
    pub name: Translated,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub category: Option<WebLinkCategory>,
}

/// A web link's category (`WebLinkCategorySerializer`).
#[derive(Debug, Clone, Deserialize)]
pub struct WebLinkCategory {
    pub id: i64,
    #[serde(default)]
    pub label: Translated,
    #[serde(default)]
    pub pictogram: Option<String>,
}

impl Trek {
    /// The thumbnail of the first picture, what lists show.
    pub fn thumbnail(&self) -> Option<&str> {
        self.attachments
            .iter()
            .find(|a| a.is_image())
            .and_then(|a| a.thumbnail.as_deref().or(a.url.as_deref()))
    }
}

/// A file attached to an object: photos mostly, also PDFs or videos.
#[derive(Debug, Clone, Deserialize)]
pub struct Attachment {
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub thumbnail: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub legend: Option<String>,
    #[serde(default)]
    pub author: Option<String>,
    #[serde(default)]
    pub license: Option<String>,
}

impl Attachment {
    /// Whether this is a picture (older servers omit the type: judge by the file name).
    pub fn is_image(&self) -> bool {
        match self.kind.as_deref() {
            Some(kind) => kind == "image",
            None => self.url.as_deref().is_some_and(|u| {
                let u = u.to_ascii_lowercase();
                [".jpg", ".jpeg", ".png", ".webp"]
                    .iter()
                    .any(|ext| u.ends_with(ext))
            }),
        }
    }
}

/// Any other object: what every resource has in common.
#[derive(Debug, Deserialize)]
pub struct Object {
    pub id: Ref,
    /// A city's INSEE code or a signage code: what older servers refer to objects by.
    #[serde(default)]
    pub code: Option<String>,
    #[serde(default)]
    pub uuid: Option<String>,
    #[serde(default, deserialize_with = "lenient_geometry")]
    pub geometry: Option<Geometry>,
    #[serde(default)]
    pub published: Published,
    /// Information desks give their position as two fields instead of a geometry.
    #[serde(default, deserialize_with = "lenient_number")]
    pub longitude: Option<f64>,
    #[serde(default, deserialize_with = "lenient_number")]
    pub latitude: Option<f64>,
}

impl Object {
    /// The object's geometry, from `geometry` or `longitude`/`latitude`.
    pub fn geometry(&self) -> Option<Geometry> {
        self.geometry
            .clone()
            .or_else(|| match (self.longitude, self.latitude) {
                (Some(lng), Some(lat))
                    if (-180.0..=180.0).contains(&lng) && (-90.0..=90.0).contains(&lat) =>
                {
                    Some(Geometry::Point(Position {
                        lng,
                        lat,
                        ele: None,
                    }))
                }
                _ => None,
            })
    }
}

/// The instance's configuration (`/api/v2/config/`).
#[derive(Debug, Deserialize)]
pub struct Config {
    #[serde(default)]
    pub bbox: Option<[f64; 4]>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translated_accepts_plain_dict_null_and_missing() {
        #[derive(Deserialize)]
        struct T {
            #[serde(default)]
            a: Translated,
        }
        let plain: T = serde_json::from_str(r#"{"a": "Lac"}"#).unwrap();
        assert_eq!(plain.a.get("fr", "fr"), Some("Lac"));
        assert_eq!(plain.a.get("en", "fr"), None);
        let dict: T =
            serde_json::from_str(r#"{"a": {"fr": "Lac", "en": null, "it": ""}}"#).unwrap();
        assert_eq!(dict.a.get("fr", "en"), Some("Lac"));
        assert_eq!(dict.a.get("en", "en"), None);
        assert_eq!(dict.a.get("it", "en"), None);
        let null: T = serde_json::from_str(r#"{"a": null}"#).unwrap();
        assert_eq!(null.a, Translated::Missing);
        let missing: T = serde_json::from_str("{}").unwrap();
        assert_eq!(missing.a, Translated::Missing);
    }

    #[test]
    fn positions_accept_2d_and_3d_and_reject_out_of_range() {
        let line: Geometry = serde_json::from_str(
            r#"{"type": "LineString", "coordinates": [[6.1, 44.7], [6.2, 44.8, 1500.5]]}"#,
        )
        .unwrap();
        let positions: Vec<_> = line.positions().copied().collect();
        assert_eq!(positions[0].ele, None);
        assert_eq!(positions[1].ele, Some(1500.5));
        assert!(
            serde_json::from_str::<Geometry>(r#"{"type": "Point", "coordinates": [200, 44]}"#)
                .is_err()
        );
        assert!(
            serde_json::from_str::<Geometry>(r#"{"type": "Point", "coordinates": [6]}"#).is_err()
        );
    }

    #[test]
    fn geometry_collections_stand_as_their_member_or_their_points() {
        #[derive(Deserialize)]
        struct G {
            #[serde(default, deserialize_with = "lenient_geometry")]
            geometry: Option<Geometry>,
        }
        let one: G = serde_json::from_str(
            r#"{"geometry": {"type": "GeometryCollection", "geometries": [{"type": "LineString", "coordinates": [[6.1, 44.7], [6.2, 44.8]]}]}}"#,
        )
        .unwrap();
        assert!(matches!(one.geometry, Some(Geometry::LineString(ref l)) if l.len() == 2));
        let two: G = serde_json::from_str(
            r#"{"geometry": {"type": "GeometryCollection", "geometries": [{"type": "Point", "coordinates": [6.3, 44.9]}, {"type": "Point", "coordinates": [6.1, 44.7]}]}}"#,
        )
        .unwrap();
        let geometry = two.geometry.unwrap();
        assert_eq!(geometry.anchor(), Some((6.3, 44.9)));
        assert_eq!(geometry.bbox(), Some([6.1, 44.7, 6.3, 44.9]));
    }

    #[test]
    fn refs_accept_ids_codes_uuids_and_objects() {
        let refs: Vec<Ref> =
            serde_json::from_str(r#"[4, "05904", {"id": 7, "name": "x"}]"#).unwrap();
        assert_eq!(refs, vec![Ref::Id(4), Ref::Key("05904".into()), Ref::Id(7)]);
    }

    #[test]
    fn numbers_may_be_strings() {
        #[derive(Deserialize)]
        struct N {
            #[serde(default, deserialize_with = "lenient_number")]
            n: Option<f64>,
        }
        assert_eq!(
            serde_json::from_str::<N>(r#"{"n": "42.5"}"#).unwrap().n,
            Some(42.5)
        );
        assert_eq!(
            serde_json::from_str::<N>(r#"{"n": 3}"#).unwrap().n,
            Some(3.0)
        );
        assert_eq!(
            serde_json::from_str::<N>(r#"{"n": "n/a"}"#).unwrap().n,
            None
        );
        assert_eq!(serde_json::from_str::<N>(r#"{}"#).unwrap().n, None);
    }
}
