//! Cities and districts of the park: each is the Voronoi cell of a seed point
//! (its chief town) clipped to the park's extent, so they tile the park and
//! "which city is this vertex in" is "which seed is nearest". Geometries are
//! rendered in Lambert-93, as a real Geotrek-admin does for these two
//! resources (their serializers skip the transform to WGS84).

use serde_json::{Value, json};
use time::OffsetDateTime;

use super::geodesy::{LocalFrame, lambert93, round7};
use super::record::{Footprint, Publication, Record};
use super::resource::Resource;
use super::words::{CITIES, DISTRICTS};
use super::{Collections, PARK_EXTENT};

/// One zone: its id and seed point in local metres.
#[derive(Clone, Debug)]
struct Zone {
    id: u64,
    seed: (f64, f64),
}

/// The cities and districts, to locate points in them.
#[derive(Clone, Debug)]
pub struct Zoning {
    frame: LocalFrame,
    cities: Vec<(Zone, &'static str)>,
    districts: Vec<Zone>,
}

impl Zoning {
    /// Lays out the cities and districts and adds their records to `collections`.
    pub fn generate(
        frame: LocalFrame,
        created: (OffsetDateTime, OffsetDateTime),
        collections: &mut Collections,
    ) -> Zoning {
        let city_points: Vec<(f64, f64)> = CITIES.iter().map(|c| (c.lng, c.lat)).collect();
        let city_zones = add_zones(
            &frame,
            Resource::City,
            &city_points,
            created,
            collections,
            |index| {
                let city = &CITIES[index];
                json!({"code": city.code, "name": city.name})
            },
        );
        let cities = city_zones
            .into_iter()
            .zip(CITIES.iter().map(|c| c.code))
            .collect();
        let district_points: Vec<(f64, f64)> = DISTRICTS.iter().map(|d| (d.1, d.2)).collect();
        let districts = add_zones(
            &frame,
            Resource::District,
            &district_points,
            created,
            collections,
            |index| json!({"name": DISTRICTS[index].0}),
        );
        Zoning {
            frame,
            cities,
            districts,
        }
    }

    fn nearest(zones: impl Iterator<Item = (u64, (f64, f64))>, point: (f64, f64)) -> Option<u64> {
        zones
            .map(|(id, seed)| (id, (seed.0 - point.0).powi(2) + (seed.1 - point.1).powi(2)))
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(id, _)| id)
    }

    /// The city containing `(lng, lat)`: `(id, INSEE code)`.
    pub fn city_at(&self, lng: f64, lat: f64) -> Option<(u64, &'static str)> {
        let point = self.frame.to_metres(lng, lat);
        let id = Zoning::nearest(self.cities.iter().map(|(z, _)| (z.id, z.seed)), point)?;
        self.cities
            .iter()
            .find(|(zone, _)| zone.id == id)
            .map(|(zone, code)| (zone.id, *code))
    }

    /// The district containing `(lng, lat)`.
    pub fn district_at(&self, lng: f64, lat: f64) -> Option<u64> {
        let point = self.frame.to_metres(lng, lat);
        Zoning::nearest(self.districts.iter().map(|z| (z.id, z.seed)), point)
    }

    /// Cities crossed by a line, in order of first crossing: `(ids, codes)`.
    pub fn cities_along(&self, points: &[(f64, f64)]) -> (Vec<u64>, Vec<&'static str>) {
        let mut ids = Vec::new();
        let mut codes = Vec::new();
        for &(lng, lat) in sampled(points) {
            if let Some((id, code)) = self.city_at(lng, lat)
                && !ids.contains(&id)
            {
                ids.push(id);
                codes.push(code);
            }
        }
        (ids, codes)
    }

    /// Districts crossed by a line, in order of first crossing.
    pub fn districts_along(&self, points: &[(f64, f64)]) -> Vec<u64> {
        let mut ids = Vec::new();
        for &(lng, lat) in sampled(points) {
            if let Some(id) = self.district_at(lng, lat)
                && !ids.contains(&id)
            {
                ids.push(id);
            }
        }
        ids
    }
}

/// Adds one `resource` record per seed point (`(lng, lat)`), the seed's
/// Voronoi cell as its geometry, the rest of its JSON from `body(index)`.
fn add_zones(
    frame: &LocalFrame,
    resource: Resource,
    points: &[(f64, f64)],
    lifetime: (OffsetDateTime, OffsetDateTime),
    collections: &mut Collections,
    body: impl Fn(usize) -> Value,
) -> Vec<Zone> {
    let seeds: Vec<(f64, f64)> = points
        .iter()
        .map(|&(lng, lat)| frame.to_metres(lng, lat))
        .collect();
    let mut zones = Vec::with_capacity(seeds.len());
    for (index, &seed) in seeds.iter().enumerate() {
        let id = index as u64 + 1;
        let ring = voronoi_cell(frame, &seeds, index);
        let mut json = body(index);
        json["geometry"] = lambert_multipolygon(&ring);
        let record = Record::new(
            resource,
            id,
            Publication::Flag(true),
            lifetime,
            Footprint::polygon(&ring),
            json,
        );
        collections.entry(resource).or_default().insert(id, record);
        zones.push(Zone { id, seed });
    }
    zones
}

/// Every 8th point and the last: zones are kilometres wide, vertices metres apart.
fn sampled(points: &[(f64, f64)]) -> impl Iterator<Item = &(f64, f64)> {
    points.iter().step_by(8).chain(points.last())
}

/// The cell of `seeds[index]` inside the park extent, as a closed WGS84 ring.
fn voronoi_cell(frame: &LocalFrame, seeds: &[(f64, f64)], index: usize) -> Vec<(f64, f64)> {
    let [west, south, east, north] = PARK_EXTENT;
    let corners = [(west, south), (east, south), (east, north), (west, north)];
    let mut cell: Vec<(f64, f64)> = corners
        .iter()
        .map(|&(lng, lat)| frame.to_metres(lng, lat))
        .collect();
    let own = seeds[index];
    for (other_index, &other) in seeds.iter().enumerate() {
        if other_index != index {
            cell = clip_half_plane(&cell, own, other);
        }
    }
    let mut ring: Vec<(f64, f64)> = cell
        .iter()
        .map(|&(e, n)| {
            let (lng, lat) = frame.to_degrees(e, n);
            (round7(lng), round7(lat))
        })
        .collect();
    if let Some(&first) = ring.first() {
        ring.push(first);
    }
    ring
}

/// Sutherland-Hodgman: keeps the part of `polygon` closer to `own` than to `other`.
fn clip_half_plane(polygon: &[(f64, f64)], own: (f64, f64), other: (f64, f64)) -> Vec<(f64, f64)> {
    let normal = (other.0 - own.0, other.1 - own.1);
    let middle = ((own.0 + other.0) / 2.0, (own.1 + other.1) / 2.0);
    let side = |p: (f64, f64)| (p.0 - middle.0) * normal.0 + (p.1 - middle.1) * normal.1;
    let mut out = Vec::with_capacity(polygon.len() + 1);
    for (i, &current) in polygon.iter().enumerate() {
        let next = polygon[(i + 1) % polygon.len()];
        let (sc, sn) = (side(current), side(next));
        if sc <= 0.0 {
            out.push(current);
        }
        if (sc <= 0.0) != (sn <= 0.0) {
            let t = sc / (sc - sn);
            out.push((
                current.0 + t * (next.0 - current.0),
                current.1 + t * (next.1 - current.1),
            ));
        }
    }
    out
}

/// A GeoJSON MultiPolygon of one ring, in Lambert-93 metres.
fn lambert_multipolygon(ring: &[(f64, f64)]) -> Value {
    let coordinates: Vec<[f64; 2]> = ring
        .iter()
        .map(|&(lng, lat)| {
            let (x, y) = lambert93(lng, lat);
            [(x * 10.0).round() / 10.0, (y * 10.0).round() / 10.0]
        })
        .collect();
    json!({"type": "MultiPolygon", "coordinates": [[coordinates]]})
}
