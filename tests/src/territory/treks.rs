//! Treks: trails walked over the terrain (loops, figure-of-eight loops that
//! cross themselves, out-and-back, point to point, multi-day tours made of
//! steps), draped on the relief, with the lengths, ascent and elevations
//! Geotrek computes, and every field of Geotrek's `TrekSerializer`.

use std::f64::consts::{PI, TAU};

use rand::Rng;
use rand::seq::IndexedRandom;
use serde_json::{Map, Value, json};

use super::attachments::photos;
use super::clock::generated_lifetime;
use super::geodesy::{lambert93, round1, round7};
use super::json::{bilingual, server_path, translated};
use super::record::{Footprint, Publication, Record};
use super::resource::Resource;
use super::terrain::Terrain;
use super::words::{
    self, Bilingual, PLACES, TRAILHEADS, TextContext, TrekName, slugify, stage_name, trek_name,
};
use super::{PARK_EXTENT, World, pick_some, stream_rng, uuid};

/// Distance between control points of a walked trail, metres.
const CONTROL_STEP: f64 = 120.0;
/// Steepest grade a trail takes without zigzagging.
const COMFORTABLE_GRADE: f64 = 0.2;

/// The shape of a single trek.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    Loop,
    /// A loop that crosses itself in the middle.
    FigureOfEight,
    OutAndBack,
    PointToPoint,
}

/// A generated trail: `[lng, lat, ele]` vertices.
pub type Path3d = Vec<[f64; 3]>;

/// A trek's place in a multi-day tour.
#[derive(Clone, Debug, Default)]
pub struct Family {
    pub children: Vec<u64>,
    pub parents: Vec<u64>,
    /// Parent id (as a string key) to the next step id.
    pub next: Map<String, Value>,
    /// Parent id (as a string key) to the previous step id.
    pub previous: Map<String, Value>,
}

/// What the rest of the territory needs to know of a trek: where it goes.
#[derive(Clone, Debug)]
pub struct TrekTrace {
    pub id: u64,
    pub points: Vec<(f64, f64)>,
}

/// Walks the terrain from `start` to `goal` (local metres) in steps of
/// [`CONTROL_STEP`], preferring comfortable grades (zigzagging up steep
/// slopes) and heading ever more straight to the goal as the walk drags on.
/// Returns the control points, `start` and `goal` included.
fn walk(rng: &mut impl Rng, world: &World, start: (f64, f64), goal: (f64, f64)) -> Vec<(f64, f64)> {
    let crow_flies = (goal.0 - start.0).hypot(goal.1 - start.1);
    let max_steps = (crow_flies * 4.0 / CONTROL_STEP).ceil() as usize + 2;
    let mut points = vec![start];
    let mut current = start;
    let mut heading = (goal.1 - start.1).atan2(goal.0 - start.0);
    for step in 1..max_steps {
        let to_goal = (goal.0 - current.0, goal.1 - current.1);
        if to_goal.0.hypot(to_goal.1) <= CONTROL_STEP * 1.5 {
            break;
        }
        let walked = step as f64 * CONTROL_STEP;
        let urgency = 0.4 + 2.0 * (walked / (crow_flies * 1.6)).powi(2);
        let desired = to_goal.1.atan2(to_goal.0);
        let here = world.elevation_metric(current);
        let mut best = (f64::INFINITY, heading, current);
        for turn in [-70.0f64, -45.0, -25.0, -10.0, 0.0, 10.0, 25.0, 45.0, 70.0] {
            let candidate_heading = heading + turn.to_radians();
            let next = (
                current.0 + CONTROL_STEP * candidate_heading.cos(),
                current.1 + CONTROL_STEP * candidate_heading.sin(),
            );
            let grade = (world.elevation_metric(next) - here).abs() / CONTROL_STEP;
            let off_goal = angle_between(candidate_heading, desired).abs();
            let (lng, lat) = world.frame.to_degrees(next.0, next.1);
            let outside = if inside_park(lng, lat) { 0.0 } else { 100.0 };
            let cost = 8.0 * (grade - COMFORTABLE_GRADE).max(0.0)
                + grade
                + urgency * off_goal
                + 0.2 * turn.abs().to_radians()
                + rng.random_range(0.0..0.3)
                + outside;
            if cost < best.0 {
                best = (cost, candidate_heading, next);
            }
        }
        heading = best.1;
        current = best.2;
        points.push(current);
    }
    points.push(goal);
    points
}

fn angle_between(a: f64, b: f64) -> f64 {
    let d = (a - b).rem_euclid(TAU);
    if d > PI { d - TAU } else { d }
}

fn inside_park(lng: f64, lat: f64) -> bool {
    let [west, south, east, north] = PARK_EXTENT;
    (west..=east).contains(&lng) && (south..=north).contains(&lat)
}

/// A point in the park (local metres), `margin` metres inside its edges.
fn random_point(rng: &mut impl Rng, world: &World, margin: f64) -> (f64, f64) {
    let [west, south, east, north] = PARK_EXTENT;
    let (min_e, min_n) = world.frame.to_metres(west, south);
    let (max_e, max_n) = world.frame.to_metres(east, north);
    (
        rng.random_range(min_e + margin..max_e - margin),
        rng.random_range(min_n + margin..max_n - margin),
    )
}

/// A trailhead: the lowest of a few random points (trails start in valleys).
fn trailhead(rng: &mut impl Rng, world: &World, margin: f64) -> (f64, f64) {
    (0..6)
        .map(|_| random_point(rng, world, margin))
        .min_by(|a, b| {
            world
                .elevation_metric(*a)
                .total_cmp(&world.elevation_metric(*b))
        })
        .unwrap_or_else(|| random_point(rng, world, margin))
}

/// Where a trail heads: a point `distance` metres from `from` whose elevation
/// is closest to `gain` metres above it (hikers aim at a lake or a pass, not
/// at the highest summit around).
fn destination(
    rng: &mut impl Rng,
    world: &World,
    from: (f64, f64),
    distance: f64,
    gain: f64,
) -> (f64, f64) {
    let target = world.elevation_metric(from) + gain;
    let first_angle = rng.random_range(0.0..TAU);
    (0..8)
        .map(|k| {
            let angle = first_angle + TAU * k as f64 / 8.0;
            clamp_to_park(
                world,
                (
                    from.0 + distance * angle.cos(),
                    from.1 + distance * angle.sin(),
                ),
            )
        })
        .min_by(|a, b| {
            let off = |p: &(f64, f64)| (world.elevation_metric(*p) - target).abs();
            off(a).total_cmp(&off(b))
        })
        .unwrap_or(from)
}

fn clamp_to_park(world: &World, point: (f64, f64)) -> (f64, f64) {
    let [west, south, east, north] = PARK_EXTENT;
    let (min_e, min_n) = world.frame.to_metres(west + 0.01, south + 0.01);
    let (max_e, max_n) = world.frame.to_metres(east - 0.01, north - 0.01);
    (point.0.clamp(min_e, max_e), point.1.clamp(min_n, max_n))
}

/// Control points of a figure-of-eight loop (a lemniscate of Gerono, which
/// crosses itself at its centre) of about `length` metres around `centre`.
fn loop_controls(rng: &mut impl Rng, centre: (f64, f64), length: f64) -> Vec<(f64, f64)> {
    let count = ((length / CONTROL_STEP) as usize).max(12);
    let rotation = rng.random_range(0.0..TAU);
    let phase = rng.random_range(0.0..TAU);
    let (sin, cos) = rotation.sin_cos();
    let a = length / 6.1;
    (0..count)
        .map(|i| {
            let t = TAU * i as f64 / count as f64;
            let wobble = 1.0 + 0.08 * (3.0 * t + phase).sin();
            let (x, y) = (a * t.sin() * wobble, a * t.sin() * t.cos() * 1.6);
            (centre.0 + x * cos - y * sin, centre.1 + x * sin + y * cos)
        })
        .collect()
}

/// `vertices` points along a Catmull-Rom spline through `controls` (closed: back to the start).
fn densify(controls: &[(f64, f64)], vertices: usize, closed: bool) -> Vec<(f64, f64)> {
    let n = controls.len();
    let at = |i: isize| -> (f64, f64) {
        if closed {
            controls[i.rem_euclid(n as isize) as usize]
        } else {
            controls[i.clamp(0, n as isize - 1) as usize]
        }
    };
    let segments = if closed { n } else { n - 1 };
    let vertices = vertices.max(2);
    (0..vertices)
        .map(|j| {
            if closed && j == vertices - 1 {
                return controls[0];
            }
            let s = j as f64 * segments as f64 / (vertices - 1) as f64;
            let i = (s.floor() as isize).min(segments as isize - 1);
            let t = s - i as f64;
            let (p0, p1, p2, p3) = (at(i - 1), at(i), at(i + 1), at(i + 2));
            let spline = |a: f64, b: f64, c: f64, d: f64| {
                0.5 * ((2.0 * b)
                    + (-a + c) * t
                    + (2.0 * a - 5.0 * b + 4.0 * c - d) * t * t
                    + (-a + 3.0 * b - 3.0 * c + d) * t * t * t)
            };
            (
                spline(p0.0, p1.0, p2.0, p3.0),
                spline(p0.1, p1.1, p2.1, p3.1),
            )
        })
        .collect()
}

/// Drapes local-metre points on the terrain: `[lng, lat, ele]` rounded like Geotrek.
fn drape(world: &World, points: &[(f64, f64)]) -> Path3d {
    points
        .iter()
        .map(|&(e, n)| {
            let (lng, lat) = world.frame.to_degrees(e, n);
            let (lng, lat) = (round7(lng), round7(lat));
            [lng, lat, world.terrain.elevation(lng, lat)]
        })
        .collect()
}

/// A single trek's trail.
pub fn single_path(rng: &mut impl Rng, world: &World, shape: Shape, vertices: usize) -> Path3d {
    let length: f64 = rng.random_range(4_000.0..20_000.0);
    let gain = rng.random_range(200.0..1_300.0);
    let start = trailhead(rng, world, 6_000.0);
    match shape {
        Shape::Loop => {
            // Out to a high point, across to another as high, back down: a
            // triangle of walked legs.
            let leg = length / 8.0;
            let first = destination(rng, world, start, leg, gain);
            let second = [PI / 3.0, -PI / 3.0]
                .map(|turn| {
                    let (sin, cos) = f64::sin_cos(turn);
                    let (dx, dy) = (first.0 - start.0, first.1 - start.1);
                    clamp_to_park(
                        world,
                        (start.0 + dx * cos - dy * sin, start.1 + dx * sin + dy * cos),
                    )
                })
                .into_iter()
                .min_by(|a, b| {
                    let height = world.elevation_metric(first);
                    let off = |p: &(f64, f64)| (world.elevation_metric(*p) - height).abs();
                    off(a).total_cmp(&off(b))
                })
                .unwrap_or(first);
            let mut controls = walk(rng, world, start, first);
            controls.extend(walk(rng, world, first, second).into_iter().skip(1));
            controls.extend(walk(rng, world, second, start).into_iter().skip(1));
            drape(world, &densify(&controls, vertices, false))
        }
        Shape::FigureOfEight => {
            let controls = loop_controls(rng, start, length.min(9_000.0));
            drape(world, &densify(&controls, vertices, true))
        }
        Shape::OutAndBack => {
            let goal = destination(rng, world, start, length * 0.2, gain);
            let out = walk(rng, world, start, goal);
            let outbound = densify(&out, vertices.div_ceil(2), false);
            let mut there_and_back = outbound.clone();
            there_and_back.extend(outbound.iter().rev().skip(1));
            there_and_back.truncate(vertices.max(2));
            drape(world, &there_and_back)
        }
        Shape::PointToPoint => {
            let goal = destination(rng, world, start, length * 0.4, gain);
            drape(
                world,
                &densify(&walk(rng, world, start, goal), vertices, false),
            )
        }
    }
}

/// The steps of a multi-day tour: point-to-point trails chained around a big
/// loop, the last one back at the start.
pub fn tour_paths(
    rng: &mut impl Rng,
    world: &World,
    steps: usize,
    vertices: &[usize],
) -> Vec<Path3d> {
    let step_length = rng.random_range(7_000.0..12_000.0);
    let radius = step_length * steps as f64 / TAU * 0.5;
    let centre = trailhead(rng, world, radius + 2_000.0);
    let start_angle = rng.random_range(0.0..TAU);
    let waypoint = |k: usize| {
        let angle = start_angle + TAU * k as f64 / steps as f64;
        clamp_to_park(
            world,
            (
                centre.0 + radius * angle.cos(),
                centre.1 + radius * angle.sin(),
            ),
        )
    };
    (0..steps)
        .map(|k| {
            let controls = walk(rng, world, waypoint(k), waypoint((k + 1) % steps));
            drape(world, &densify(&controls, vertices[k], false))
        })
        .collect()
}

/// The measures Geotrek derives from a 3D geometry (DB triggers, in Lambert-93 metres).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Measures {
    pub length_2d: f64,
    pub length_3d: f64,
    pub ascent: i64,
    pub descent: i64,
    pub min_elevation: i64,
    pub max_elevation: i64,
}

/// Lengths, ascent/descent and elevation range of a path.
pub fn measures(path: &[[f64; 3]]) -> Measures {
    let mut length_2d = 0.0;
    let mut length_3d = 0.0;
    let mut ascent = 0.0;
    let mut descent = 0.0;
    let mut previous: Option<(f64, f64, f64)> = None;
    for &[lng, lat, ele] in path {
        let (x, y) = lambert93(lng, lat);
        if let Some((px, py, pz)) = previous {
            let flat = (x - px).hypot(y - py);
            let rise = ele - pz;
            length_2d += flat;
            length_3d += flat.hypot(rise);
            if rise > 0.0 {
                ascent += rise;
            } else {
                descent += rise;
            }
        }
        previous = Some((x, y, ele));
    }
    let elevations = path.iter().map(|p| p[2]);
    Measures {
        length_2d: round1(length_2d),
        length_3d: round1(length_3d),
        ascent: ascent.round() as i64,
        descent: descent.round() as i64,
        min_elevation: elevations.clone().fold(f64::INFINITY, f64::min).round() as i64,
        max_elevation: elevations.fold(f64::NEG_INFINITY, f64::max).round() as i64,
    }
}

/// Hiking time in hours: 4 km/h on the flat, 400 m/h of climbing (the
/// walkers' rule of thumb), to the tenth.
fn duration_hours(measures: &Measures) -> f64 {
    let flat = measures.length_2d / 4_000.0;
    let climb = measures.ascent as f64 / 400.0;
    round1(flat.max(climb) + flat.min(climb) / 2.0)
}

/// Sets `geometry` and every field derived from it in a trek's JSON.
pub fn set_geometry(body: &mut Value, path: &[[f64; 3]]) {
    let m = measures(path);
    let Some(map) = body.as_object_mut() else {
        return;
    };
    let first = path.first().copied().unwrap_or([0.0; 3]);
    map.insert(
        "geometry".into(),
        json!({"type": "LineString", "coordinates": path}),
    );
    map.insert("length_2d".into(), m.length_2d.into());
    map.insert("length_3d".into(), m.length_3d.into());
    map.insert("ascent".into(), m.ascent.into());
    map.insert("descent".into(), m.descent.into());
    map.insert("min_elevation".into(), m.min_elevation.into());
    map.insert("max_elevation".into(), m.max_elevation.into());
    map.insert("duration".into(), duration_hours(&m).into());
    map.insert("departure_geom".into(), json!([first[0], first[1]]));
}

/// The 2D points of a path, for footprints and zoning.
pub fn flat_points(path: &[[f64; 3]]) -> Vec<(f64, f64)> {
    path.iter().map(|p| (p[0], p[1])).collect()
}

/// Everything that makes one trek, before it becomes JSON.
pub struct TrekDraft<'a> {
    pub id: u64,
    pub name: TrekName,
    pub path: &'a [[f64; 3]],
    pub route: u64,
    pub family: Family,
    pub publication: Publication,
    /// Whether the English texts exist (they are `null` otherwise).
    pub translated: bool,
}

/// The trek's record: every field of Geotrek's `TrekSerializer`.
pub fn trek_record(rng: &mut impl Rng, world: &World, draft: TrekDraft) -> Record {
    let id = draft.id;
    let languages = &world.languages;
    let default_language = languages.first().map(String::as_str).unwrap_or("fr");
    let points = flat_points(draft.path);
    let first = points.first().copied().unwrap_or((6.3, 44.8));
    let (cities, city_codes) = world.zoning.cities_along(&points);
    let departure_city = world.zoning.city_at(first.0, first.1);
    let place = *PLACES.choose(rng).unwrap_or(&PLACES[0]);
    let departure = *TRAILHEADS.choose(rng).unwrap_or(&TRAILHEADS[0]);
    let closed = points.first() == points.last();
    let arrival = if closed {
        departure
    } else {
        (draft.name.french.as_str(), draft.name.english.as_str())
    };
    let city_name = departure_city
        .and_then(|(id, _)| world.city_name(id))
        .unwrap_or("Vallouise-Pelvoux");
    let context = TextContext {
        name: &draft.name,
        place: &place,
        city: city_name,
        departure,
        arrival,
    };
    let english = |text: &str| draft.translated.then(|| text.to_string());
    let text = |b: Bilingual| bilingual(languages, Some(&b.french), english(&b.english).as_deref());
    let slug = slugify(&draft.name.french);
    let has_accessibility = rng.random_bool(0.1);
    let accessibility_text = |fr: &str, en: &str| {
        if has_accessibility {
            bilingual(languages, Some(fr), english(en).as_deref())
        } else {
            bilingual(languages, None, None)
        }
    };
    let photo_count = rng.random_range(1..=3);
    let desks = world.nearest_desks(first, rng.random_range(1..=2));
    let web_links = if rng.random_bool(0.2) {
        json!([{
            "category": {"id": 1, "label": bilingual(languages, Some("Météo"), english("Weather").as_deref()),
                         "pictogram": server_path("/media/upload/weblink-weather.svg")},
            "name": bilingual(languages, Some("Bulletin météo montagne"), english("Mountain weather forecast").as_deref()),
            "url": "https://meteofrance.com/meteo-montagne",
        }])
    } else {
        json!([])
    };
    let points_reference = if rng.random_bool(0.3) && points.len() > 4 {
        let references: Vec<[f64; 2]> = (1..=3)
            .map(|k| points[k * (points.len() - 1) / 4])
            .map(|(lng, lat)| [lng, lat])
            .collect();
        json!({"type": "MultiPoint", "coordinates": references})
    } else {
        Value::Null
    };
    let parking_location = if rng.random_bool(0.8) {
        json!([round7(first.0 + 0.0003), round7(first.1 - 0.0002)])
    } else {
        Value::Null
    };
    let r = &world.references;
    let mut body = json!({
        "access": text(Bilingual {
            french: format!("<p>Depuis {city_name}, suivre la route jusqu'à {}.</p>", departure.0),
            english: format!("<p>From {city_name}, follow the road to {}.</p>", departure.1),
        }),
        "accessibilities": if has_accessibility { pick_some(rng, &r.accessibilities, 1, 2) } else { Vec::new() },
        "accessibility_advice": accessibility_text("<p>Prévoir un accompagnateur.</p>", "<p>Come with a companion.</p>"),
        "accessibility_covering": accessibility_text("<p>Sentier stabilisé.</p>", "<p>Stabilised path.</p>"),
        "accessibility_exposure": accessibility_text("<p>Peu d'ombre.</p>", "<p>Little shade.</p>"),
        "accessibility_level": Value::Null,
        "accessibility_signage": accessibility_text("<p>Balisage adapté.</p>", "<p>Adapted waymarking.</p>"),
        "accessibility_slope": accessibility_text("<p>Pente inférieure à 8 %.</p>", "<p>Slope under 8%.</p>"),
        "accessibility_width": accessibility_text("<p>Largeur minimale 1,20 m.</p>", "<p>At least 1.20 m wide.</p>"),
        "advice": text(words::advice(rng)),
        "advised_parking": text(Bilingual {
            french: format!("<p>{}</p>", departure.0),
            english: format!("<p>{}</p>", departure.1),
        }),
        "altimetric_profile": server_path(format!("/api/v2/trek/{id}/profile/")),
        "ambiance": text(words::ambiance(rng)),
        "arrival": bilingual(languages, Some(arrival.0), english(arrival.1).as_deref()),
        "attachments": photos(rng, "trekking_trek", id, &draft.name.french, photo_count),
        "attachments_accessibility": [],
        "children": draft.family.children,
        "cities": cities,
        "city_codes": city_codes,
        "departure": bilingual(languages, Some(departure.0), english(departure.1).as_deref()),
        "departure_city": departure_city.map(|(id, _)| id),
        "departure_city_code": departure_city.map(|(_, code)| code),
        "description": text(words::description(rng, &context)),
        "description_teaser": text(words::teaser(rng, &context)),
        "difficulty": r.difficulties.choose(rng),
        "districts": world.zoning.districts_along(&points),
        "disabled_infrastructure": accessibility_text("<p>Toilettes adaptées au départ.</p>", "<p>Accessible toilets at the start.</p>"),
        "elevation_area_url": server_path(format!("/api/v2/trek/{id}/dem/")),
        "elevation_svg_url": server_path(format!("/api/v2/trek/{id}/profile/?language={default_language}&format=svg")),
        "external_id": "",
        "gear": text(Bilingual {
            french: "<p>Chaussures de randonnée, bâtons, coupe-vent.</p>".into(),
            english: "<p>Hiking boots, poles, windproof jacket.</p>".into(),
        }),
        "gpx": server_path(format!("/api/{default_language}/treks/{id}/{slug}.gpx")),
        "information_desks": desks,
        "kml": server_path(format!("/api/{default_language}/treks/{id}/{slug}.kml")),
        "labels": pick_some(rng, &r.labels, 0, 2),
        "name": bilingual(languages, Some(&draft.name.french), english(&draft.name.english).as_deref()),
        "networks": pick_some(rng, &r.networks, 1, 2),
        "next": draft.family.next,
        "parents": draft.family.parents,
        "parking_location": parking_location,
        "pdf": translated(languages.iter().map(|language| {
            (language.clone(), server_path(format!("/api/{language}/treks/{id}/{slug}.pdf")))
        })),
        "points_reference": points_reference,
        "portal": [],
        "practice": if rng.random_bool(0.8) { r.practices.first() } else { r.practices.choose(rng) },
        "previous": draft.family.previous,
        "provider": Value::Null,
        "public_transport": text(Bilingual {
            french: "<p>Navettes estivales depuis la vallée.</p>".into(),
            english: "<p>Summer shuttles from the valley.</p>".into(),
        }),
        "ratings": [],
        "ratings_description": bilingual(languages, None, None),
        "reservation_id": "",
        "reservation_system": Value::Null,
        "route": draft.route,
        "second_external_id": Value::Null,
        "source": [],
        "structure": 1,
        "themes": pick_some(rng, &r.themes, 1, 3),
        "url": server_path(format!("/api/v2/trek/{id}/")),
        "uuid": uuid(rng),
        "view_points": [],
        "web_links": web_links,
    });
    set_geometry(&mut body, draft.path);
    Record::new(
        Resource::Trek,
        id,
        draft.publication,
        generated_lifetime(rng),
        Footprint::line(&points),
        body,
    )
}

/// Generates `count` treks (tours count their parent and each step), adding
/// them to the world's collections; returns their traces.
pub fn generate(world: &mut World, count: usize) -> Vec<TrekTrace> {
    let mut traces = Vec::new();
    let mut index = 0;
    while traces.len() < count {
        let remaining = count - traces.len();
        let mut rng = stream_rng(world.seed, "trek", index as u64);
        if remaining >= 4 && rng.random_bool(0.06) {
            let steps = rng.random_range(3..=5).min(remaining - 1);
            traces.extend(add_tour(&mut rng, world, index, steps));
        } else {
            let shape = *[
                Shape::Loop,
                Shape::Loop,
                Shape::Loop,
                Shape::OutAndBack,
                Shape::OutAndBack,
                Shape::PointToPoint,
                Shape::PointToPoint,
                Shape::FigureOfEight,
            ]
            .choose(&mut rng)
            .unwrap_or(&Shape::Loop);
            traces.push(add_single(&mut rng, world, index, shape));
        }
        index += 1;
    }
    traces
}

/// Adds one single (non-tour) trek; `index` picks its name.
pub fn add_single(rng: &mut impl Rng, world: &mut World, index: usize, shape: Shape) -> TrekTrace {
    let vertices = world.vertex_count(rng);
    let path = single_path(rng, world, shape, vertices);
    let id = world.ids.next(Resource::Trek);
    let route = match shape {
        Shape::Loop | Shape::FigureOfEight => world.references.routes.loop_route,
        Shape::OutAndBack => world.references.routes.return_route,
        Shape::PointToPoint => world.references.routes.crossing,
    };
    let (publication, translated) = Publication::generated(rng, &world.languages, 0.85);
    let publication = english_withheld_now_and_then(world, id, publication);
    let draft = TrekDraft {
        id,
        name: trek_name(rng, index),
        path: &path,
        route,
        family: Family::default(),
        publication,
        translated,
    };
    let record = trek_record(rng, world, draft);
    world.insert(Resource::Trek, record);
    TrekTrace {
        id,
        points: flat_points(&path),
    }
}

/// Now and then (one trek in ten) a trek whose English texts exist is not
/// published in English yet (translation under review), as real parks do:
/// then only French lists show it. Drawn from the trek's own stream, so the
/// rest of the park is the same either way.
fn english_withheld_now_and_then(world: &World, id: u64, publication: Publication) -> Publication {
    if stream_rng(world.seed, "english-withheld", id).random_bool(0.1) {
        publication.withheld_in("en")
    } else {
        publication
    }
}

/// Adds a multi-day tour: a parent trek and its `steps` children.
fn add_tour(rng: &mut impl Rng, world: &mut World, index: usize, steps: usize) -> Vec<TrekTrace> {
    let per_step_max = (world.vertices.1 / steps).max(world.vertices.0);
    let vertices: Vec<usize> = (0..steps)
        .map(|_| rng.random_range(world.vertices.0..=per_step_max))
        .collect();
    let paths = tour_paths(rng, world, steps, &vertices);
    let parent_id = world.ids.next(Resource::Trek);
    let step_ids: Vec<u64> = (0..steps).map(|_| world.ids.next(Resource::Trek)).collect();
    let mut name = trek_name(rng, index);
    if !name.french.starts_with("Tour") {
        name = TrekName {
            french: format!(
                "Tour {}",
                words::of(PLACES.choose(rng).unwrap_or(&PLACES[0]))
            ),
            english: format!("Tour of {}", PLACES.choose(rng).unwrap_or(&PLACES[0]).name),
        };
    }
    let (publication, translated) = Publication::generated(rng, &world.languages, 0.85);
    let publication = english_withheld_now_and_then(world, parent_id, publication);
    // Now and then a tour's steps are unpublished: Geotrek still serves them
    // as the parent's children (detail and `steps`), not in the trek list.
    let steps_published = rng.random_bool(0.75);
    let mut whole: Path3d = Vec::new();
    let mut traces = Vec::new();
    for (k, path) in paths.iter().enumerate() {
        whole.extend(path.iter().skip(usize::from(k > 0)));
        let key = parent_id.to_string();
        let mut family = Family {
            parents: vec![parent_id],
            ..Family::default()
        };
        family
            .next
            .insert(key.clone(), step_ids.get(k + 1).copied().into());
        family
            .previous
            .insert(key, k.checked_sub(1).map(|p| step_ids[p]).into());
        let destination = trek_name(rng, index + 1000 + k);
        let step_publication = if steps_published {
            publication.clone()
        } else {
            publication.withdrawn()
        };
        let draft = TrekDraft {
            id: step_ids[k],
            name: stage_name(k + 1, &destination),
            path,
            route: world.references.routes.crossing,
            family,
            publication: step_publication,
            translated,
        };
        let record = trek_record(rng, world, draft);
        world.insert(Resource::Trek, record);
        traces.push(TrekTrace {
            id: step_ids[k],
            points: flat_points(path),
        });
    }
    let draft = TrekDraft {
        id: parent_id,
        name,
        path: &whole,
        route: world.references.routes.loop_route,
        family: Family {
            children: step_ids.clone(),
            ..Family::default()
        },
        publication,
        translated,
    };
    let record = trek_record(rng, world, draft);
    world.insert(Resource::Trek, record);
    traces.insert(
        0,
        TrekTrace {
            id: parent_id,
            points: flat_points(&whole),
        },
    );
    traces
}

/// Moves a trek's vertices by a few metres (a re-surveyed trail), keeping its shape.
pub fn nudge_path(rng: &mut impl Rng, terrain: &Terrain, path: &[[f64; 3]]) -> Path3d {
    let shift_lng = rng.random_range(-0.0002..0.0002);
    let shift_lat = rng.random_range(-0.0002..0.0002);
    path.iter()
        .map(|p| {
            let lng = round7(p[0] + shift_lng);
            let lat = round7(p[1] + shift_lat);
            [lng, lat, terrain.elevation(lng, lat)]
        })
        .collect()
}

/// The `[lng, lat, ele]` vertices of a trek's JSON geometry.
pub fn path_of(body: &Value) -> Path3d {
    body["geometry"]["coordinates"]
        .as_array()
        .map(|coordinates| {
            coordinates
                .iter()
                .filter_map(|c| Some([c[0].as_f64()?, c[1].as_f64()?, c[2].as_f64()?]))
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_follow_geotrek() {
        // Two vertices ~111 m apart northwards with a 10 m climb.
        let path = [
            [6.3, 44.8, 1000.0],
            [6.3, 44.801, 1010.0],
            [6.3, 44.802, 1004.0],
        ];
        let m = measures(&path);
        assert!((m.length_2d - 222.0).abs() < 2.0, "{m:?}");
        assert!(m.length_3d > m.length_2d);
        assert_eq!((m.ascent, m.descent), (10, -6));
        assert_eq!((m.min_elevation, m.max_elevation), (1000, 1010));
    }

    #[test]
    fn densify_closes_loops_and_keeps_ends() {
        let square = [(0.0, 0.0), (100.0, 0.0), (100.0, 100.0), (0.0, 100.0)];
        let closed = densify(&square, 41, true);
        assert_eq!(closed.len(), 41);
        assert_eq!(closed.first(), closed.last());
        let open = densify(&square, 30, false);
        assert_eq!(open.len(), 30);
        assert_eq!(open[0], (0.0, 0.0));
        let end = open[29];
        assert!((end.0 - 0.0).abs() < 1e-9 && (end.1 - 100.0).abs() < 1e-9);
    }
}
