//! What a park serves besides treks and their surroundings, each in the shape
//! of its Geotrek serializer (mirroring `../shared/fixtures/geotrek-admin-rich`):
//! the reference lists trek fields point to (accessibility levels, rating
//! scales and ratings, web-link categories, sources, structures, organisms,
//! reservation systems, accessibility labels), the portals, the outdoor module
//! (sectors, practices, site and course types, rating scales, ratings, sites
//! and their courses), flat pages, services with their types, and HD viewpoints.

use std::f64::consts::TAU;

use rand::Rng;
use rand::seq::IndexedRandom;
use serde_json::{Value, json};

use super::clock::generated_lifetime;
use super::geodesy::round7;
use super::json::{bilingual, server_path, translated};
use super::objects::point_geometry;
use super::record::{Footprint, Publication, Record};
use super::resource::Resource;
use super::treks::TrekTrace;
use super::words::{CITIES, PLACES, of, slugify};
use super::{World, pick_some, stream_rng, uuid};

/// The portals a park serves: every other trek, site and page is on the
/// first, every third on the second, some on both, some on none.
pub const PORTALS: [(u64, &str); 2] = [(1, "Rando Écrins"), (2, "Vallouise en famille")];

/// Adds one reference list, ids 1..=n, always listed.
fn add_list(world: &mut World, resource: Resource, bodies: Vec<Value>) -> Vec<u64> {
    let mut rng = stream_rng(world.seed, resource.path(), 0);
    let lifetime = generated_lifetime(&mut rng);
    (1..)
        .zip(bodies)
        .map(|(id, body)| {
            let record = Record::new(resource, id, Publication::Always, lifetime, None, body);
            world.insert(resource, record);
            id
        })
        .collect()
}

fn text(world: &World, french: &str, english: Option<&str>) -> Value {
    bilingual(&world.languages, Some(french), english)
}

fn pictogram(name: &str) -> Value {
    server_path(format!("/media/upload/{name}.svg"))
}

/// Which portals object `index` is on (see [`PORTALS`]).
fn portals_of(index: usize) -> Vec<u64> {
    PORTALS
        .iter()
        .enumerate()
        .filter(|(p, _)| index.is_multiple_of(p + 2))
        .map(|(_, (id, _))| *id)
        .collect()
}

/// The ids of the outdoor reference lists objects point to.
struct OutdoorReferences {
    practices: Vec<u64>,
    site_types: Vec<u64>,
    course_types: Vec<u64>,
    ratings: Vec<u64>,
}

/// Everything this module generates, after the treks and their surroundings.
pub fn generate(world: &mut World, traces: &[TrekTrace], sites: usize, services: usize) {
    trek_reference_lists(world);
    portals(world);
    on_portals(world, Resource::Trek);
    on_portals(world, Resource::TouristicContent);
    on_portals(world, Resource::TouristicEvent);
    let outdoor = outdoor_reference_lists(world);
    outdoor_sites(world, &outdoor, sites);
    flat_pages(world);
    let service_types = add_list(
        world,
        Resource::ServiceType,
        [
            ("Eau potable", "Drinking water", "drinking_water"),
            ("Toilettes", "Toilets", "toilets"),
            ("Passage délicat", "Tricky passage", "tricky_passage"),
        ]
        .iter()
        .map(|(fr, en, picto)| {
            json!({"name": text(world, fr, Some(en)), "practices": world.references.practices, "pictogram": pictogram(picto)})
        })
        .collect(),
    );
    services_along(world, traces, &service_types, services);
    hd_viewpoints(world);
}

fn trek_reference_lists(world: &mut World) {
    let levels = [("Débutant", "Beginner"), ("Confirmé", "Experienced")]
        .iter()
        .map(|(fr, en)| json!({"name": text(world, fr, Some(en))}))
        .collect();
    add_list(world, Resource::TrekAccessibilityLevel, levels);
    let practice = world.references.practices.first().copied().unwrap_or(1);
    let scales = vec![
        json!({"name": text(world, "Cotation globale", Some("Overall grade")), "practice": practice}),
    ];
    let scales = add_list(world, Resource::TrekRatingScale, scales);
    let ratings = rating_bodies(
        world,
        scales[0],
        &[
            ("1 - Facile", "1 - Easy"),
            ("2 - Moyen", "2 - Medium"),
            ("3 - Difficile", "3 - Hard"),
        ],
    );
    add_list(world, Resource::TrekRating, ratings);
    let categories = [("Bus", "Bus", "weblink-bus"), ("À lire", "Further reading", "weblink-book")]
        .iter()
        .map(|(fr, en, picto)| json!({"label": text(world, fr, Some(en)), "pictogram": pictogram(picto)}))
        .collect();
    add_list(world, Resource::WeblinkCategory, categories);
    let sources = vec![
        json!({"name": "Parc national des Écrins", "pictogram": Value::Null, "website": "https://www.ecrins-parcnational.fr"}),
        json!({"name": "Office de tourisme de Vallouise", "pictogram": Value::Null, "website": "https://www.example.org"}),
    ];
    add_list(world, Resource::Source, sources);
    add_list(world, Resource::Structure, vec![json!({"name": "PNE"})]);
    let organisms = ["Parc national des Écrins", "Conseil départemental 05"]
        .iter()
        .map(|name| json!({"name": name}))
        .collect();
    add_list(world, Resource::Organism, organisms);
    add_list(
        world,
        Resource::ReservationSystem,
        vec![json!({"name": "OpenSystem"})],
    );
    let labels = [
        ("Tourisme et Handicap - auditif", "Tourisme & Handicap - hearing", "handicap-auditif"),
        ("Tourisme et Handicap - moteur", "Tourisme & Handicap - motor", "handicap-moteur"),
    ]
    .iter()
    .map(|(fr, en, picto)| json!({"label": text(world, fr, Some(en)), "pictogram": pictogram(picto)}))
    .collect();
    add_list(world, Resource::LabelAccessibility, labels);
}

fn rating_bodies(world: &World, scale: u64, names: &[(&str, &str)]) -> Vec<Value> {
    (1..)
        .zip(names)
        .map(|(order, (fr, en))| {
            json!({"name": text(world, fr, Some(en)),
                   "description": text(world, &format!("<p>Niveau {fr}.</p>"), Some(&format!("<p>Grade {en}.</p>"))),
                   "scale": scale, "order": order, "color": ""})
        })
        .collect()
}

fn portals(world: &mut World) {
    let bodies = PORTALS
        .iter()
        .map(|(_, name)| {
            json!({"description": text(world, "", Some("")), "name": name,
                   "title": text(world, name, Some(name)),
                   "website": format!("https://{}.example.org", slugify(name))})
        })
        .collect();
    add_list(world, Resource::Portal, bodies);
}

/// Puts the objects of `resource` on the portals, in id order.
fn on_portals(world: &mut World, resource: Resource) {
    let Some(collection) = world.collections.get_mut(&resource) else {
        return;
    };
    for (index, record) in collection.values_mut().enumerate() {
        record.body["portal"] = json!(portals_of(index));
    }
}

fn outdoor_reference_lists(world: &mut World) -> OutdoorReferences {
    let sectors = [("Vertical", "Vertical"), ("Eau vive", "White water")]
        .iter()
        .map(|(fr, en)| json!({"name": text(world, fr, Some(en))}))
        .collect();
    let sectors = add_list(world, Resource::OutdoorSector, sectors);
    let practices = [("Escalade", "Climbing", "outdoor-climbing"), ("Via ferrata", "Via ferrata", "outdoor-via-ferrata")]
        .iter()
        .map(|(fr, en, picto)| {
            json!({"name": text(world, fr, Some(en)), "sector": sectors[0], "pictogram": pictogram(picto)})
        })
        .collect();
    let practices = add_list(world, Resource::OutdoorPractice, practices);
    let typed = |world: &World, names: &[(&str, &str)]| -> Vec<Value> {
        names
            .iter()
            .zip(&practices)
            .map(|((fr, en), practice)| json!({"name": text(world, fr, Some(en)), "practice": practice}))
            .collect()
    };
    let site_types = typed(
        world,
        &[
            ("Falaise d'escalade", "Climbing crag"),
            ("Site de via ferrata", "Via ferrata site"),
        ],
    );
    let site_types = add_list(world, Resource::OutdoorSiteType, site_types);
    let course_types = typed(
        world,
        &[("Grande voie", "Multi-pitch route"), ("Parcours", "Route")],
    );
    let course_types = add_list(world, Resource::OutdoorCourseType, course_types);
    let scales = typed(
        world,
        &[
            ("Cotation escalade", "Climbing grade"),
            ("Cotation via ferrata", "Via ferrata grade"),
        ],
    );
    let scales = add_list(world, Resource::OutdoorRatingScale, scales);
    let ratings = rating_bodies(
        world,
        scales[0],
        &[("5c", "5c"), ("6a", "6a"), ("6b", "6b")],
    );
    let ratings = add_list(world, Resource::OutdoorRating, ratings);
    OutdoorReferences {
        practices,
        site_types,
        course_types,
        ratings,
    }
}

/// A point near a town, `spread` degrees or less away.
fn near_a_town(rng: &mut impl Rng, spread: f64) -> (f64, f64) {
    let city = CITIES.choose(rng).unwrap_or(&CITIES[0]);
    (
        round7(city.lng + rng.random_range(-spread..spread)),
        round7(city.lat + rng.random_range(-spread..spread)),
    )
}

/// `count` outdoor sites near the towns, each with one to three courses.
fn outdoor_sites(world: &mut World, outdoor: &OutdoorReferences, count: usize) {
    for index in 0..count {
        let mut rng = stream_rng(world.seed, "outdoor_site", index as u64);
        let place = PLACES.choose(&mut rng).unwrap_or(&PLACES[0]);
        let kind = index % outdoor.practices.len();
        let (kind_fr, kind_en) = [("Falaises", "cliffs"), ("Via ferrata", "via ferrata")][kind];
        let name_fr = format!("{kind_fr} {}", of(place));
        let name_en = format!("{} {kind_en}", place.name);
        let (lng, lat) = near_a_town(&mut rng, 0.02);
        let ring: Vec<(f64, f64)> = (0..=6)
            .map(|i| {
                let angle = TAU * f64::from(i % 6) / 6.0;
                (
                    round7(lng + 0.002 * angle.cos()),
                    round7(lat + 0.0015 * angle.sin()),
                )
            })
            .collect();
        let site_id = world.ids.next(Resource::OutdoorSite);
        let (publication, has_english) = Publication::generated(&mut rng, &world.languages, 0.8);
        let english = |text: String| has_english.then_some(text);
        let courses: Vec<u64> = (0..rng.random_range(1..=3))
            .map(|number| {
                outdoor_course(world, outdoor, kind, site_id, (lng, lat), &name_fr, number)
            })
            .collect();
        let languages = &world.languages;
        let (cities, city_codes) = world.zoning.cities_along(&[(lng, lat)]);
        let body = json!({
            "accessibility": bilingual(languages, Some("<p>Accès en 10 minutes.</p>"), english("<p>10-minute approach.</p>".into()).as_deref()),
            "advice": bilingual(languages, Some("<p>Casque indispensable.</p>"), english("<p>Helmet essential.</p>".into()).as_deref()),
            "ambiance": bilingual(languages, Some(&format!("<p>Grimpe face {}.</p>", of(place))), english(format!("<p>Climbing opposite {}.</p>", place.name)).as_deref()),
            "attachments": [],
            "children": [],
            "children_uuids": [],
            "cities": cities,
            "city_codes": city_codes,
            "courses": courses,
            "courses_uuids": [],
            "description": bilingual(languages, Some(&format!("<p>{name_fr} : une soixantaine de voies.</p>")), english(format!("<p>{name_en}: about sixty routes.</p>")).as_deref()),
            "description_teaser": bilingual(languages, Some(&format!("<p>{name_fr}</p>")), english(format!("<p>{name_en}</p>")).as_deref()),
            "districts": world.zoning.district_at(lng, lat).into_iter().collect::<Vec<_>>(),
            "eid": "",
            "geometry": {"type": "GeometryCollection", "geometries": [
                {"type": "Polygon", "coordinates": [ring.iter().map(|(x, y)| json!([x, y])).collect::<Vec<_>>()]}
            ]},
            "information_desks": world.nearest_desks((lng, lat), 1),
            "labels": [],
            "managers": [1],
            "name": bilingual(languages, Some(&name_fr), english(name_en.clone()).as_deref()),
            "orientation": ["S", "SE"],
            "parent": Value::Null,
            "parent_uuid": Value::Null,
            "pdf": translated(languages.iter().map(|l| (l.clone(), server_path(format!("/api/{l}/sites/{site_id}/{}.pdf", slugify(&name_fr)))))),
            "period": bilingual(languages, Some("Avril à novembre"), english("April to November".into()).as_deref()),
            "portal": portals_of(index),
            "practice": outdoor.practices[kind],
            "provider": Value::Null,
            "ratings": pick_some(&mut rng, &outdoor.ratings, 1, 2),
            "sector": 1,
            "source": [1],
            "structure": 1,
            "themes": pick_some(&mut rng, &world.references.themes, 0, 2),
            "type": outdoor.site_types[kind],
            "url": server_path(format!("/api/v2/outdoor_site/{site_id}/")),
            "uuid": uuid(&mut rng),
            "view_points": [],
            "web_links": [],
            "wind": ["N"],
        });
        let record = Record::new(
            Resource::OutdoorSite,
            site_id,
            publication,
            generated_lifetime(&mut rng),
            Footprint::polygon(&ring),
            body,
        );
        world.insert(Resource::OutdoorSite, record);
    }
}

/// One course of site `site`, climbing from near its centre; returns its id.
fn outdoor_course(
    world: &mut World,
    outdoor: &OutdoorReferences,
    kind: usize,
    site: u64,
    (lng, lat): (f64, f64),
    site_name: &str,
    number: usize,
) -> u64 {
    let id = world.ids.next(Resource::OutdoorCourse);
    let mut rng = stream_rng(world.seed, "outdoor_course", id);
    let heading = rng.random_range(0.0..TAU);
    let line: Vec<(f64, f64)> = (0..5)
        .map(|step| {
            let distance = 0.0004 * f64::from(step);
            (
                round7(lng + distance * heading.cos()),
                round7(lat + distance * heading.sin()),
            )
        })
        .collect();
    let elevations: Vec<f64> = line
        .iter()
        .map(|&(x, y)| world.terrain.elevation(x, y))
        .collect();
    let (low, high) = elevations
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), e| {
            (lo.min(*e), hi.max(*e))
        });
    let (publication, has_english) = Publication::generated(&mut rng, &world.languages, 0.8);
    let english = |text: String| has_english.then_some(text);
    let name_fr = format!("{site_name} – voie {}", number + 1);
    let name_en = format!("Route {} of {site_name}", number + 1);
    let languages = &world.languages;
    let body = json!({
        "accessibility": bilingual(languages, Some("<p>Réservée aux personnes sans vertige.</p>"), english("<p>Not for anyone with vertigo.</p>".into()).as_deref()),
        "advice": bilingual(languages, Some("<p>Une échappatoire à mi-parcours.</p>"), english("<p>One escape route halfway.</p>".into()).as_deref()),
        "attachments": [],
        "children": [],
        "children_uuids": [],
        "cities": world.zoning.cities_along(&line).0,
        "city_codes": world.zoning.cities_along(&line).1,
        "description": bilingual(languages, Some(&format!("<p>{name_fr}.</p>")), english(format!("<p>{name_en}.</p>")).as_deref()),
        "districts": world.zoning.district_at(lng, lat).into_iter().collect::<Vec<_>>(),
        "duration": f64::from(rng.random_range(1..=6)),
        "eid": "",
        "equipment": bilingual(languages, Some("<p>Câble continu.</p>"), english("<p>Continuous cable.</p>".into()).as_deref()),
        "gear": bilingual(languages, Some("<ul><li>Baudrier</li></ul>"), english("<ul><li>Harness</li></ul>".into()).as_deref()),
        "geometry": {"type": "GeometryCollection", "geometries": [
            {"type": "LineString", "coordinates": line.iter().map(|(x, y)| json!([x, y])).collect::<Vec<_>>()}
        ]},
        "height": (high - low).round() as i64,
        "length": 180.0,
        "max_elevation": high.round() as i64,
        "min_elevation": low.round() as i64,
        "name": bilingual(languages, Some(&name_fr), english(name_en).as_deref()),
        "parents": [],
        "parents_uuids": [],
        "pdf": translated(languages.iter().map(|l| (l.clone(), server_path(format!("/api/{l}/courses/{id}/{}.pdf", slugify(&name_fr)))))),
        "points_reference": Value::Null,
        "provider": Value::Null,
        "ratings": pick_some(&mut rng, &outdoor.ratings, 1, 1),
        "ratings_description": bilingual(languages, Some("<p>Passages déversants.</p>"), english("<p>Overhanging sections.</p>".into()).as_deref()),
        "sites": [site],
        "sites_uuids": [],
        "structure": 1,
        "type": outdoor.course_types[kind],
        "url": server_path(format!("/api/v2/outdoor_course/{id}/")),
        "uuid": uuid(&mut rng),
    });
    let record = Record::new(
        Resource::OutdoorCourse,
        id,
        publication,
        generated_lifetime(&mut rng),
        Footprint::line(&line),
        body,
    );
    world.insert(Resource::OutdoorCourse, record);
    id
}

/// The park's flat pages: its rules, good practice (a child of the rules) and access.
fn flat_pages(world: &mut World) {
    const PAGES: [(&str, &str, &str, &str); 3] = [
        (
            "Règles du parc",
            "Park rules",
            "<p>Chiens interdits, bivouac entre 19 h et 9 h.</p>",
            "<p>No dogs, bivouac between 7 pm and 9 am.</p>",
        ),
        (
            "Bonnes pratiques",
            "Good practice",
            "<p>Refermez les barrières, restez sur les sentiers.</p>",
            "<p>Close the gates, stay on the paths.</p>",
        ),
        (
            "Venir en transports en commun",
            "Getting here by public transport",
            "<p>Navettes depuis Briançon l'été.</p>",
            "<p>Shuttles from Briançon in summer.</p>",
        ),
    ];
    let mut rng = stream_rng(world.seed, "flatpage", 0);
    let lifetime = generated_lifetime(&mut rng);
    for (index, (title_fr, title_en, content_fr, content_en)) in PAGES.iter().enumerate() {
        let id = index as u64 + 1;
        let body = json!({
            "title": text(world, title_fr, Some(title_en)),
            "content": text(world, content_fr, Some(content_en)),
            "source": [1],
            "portals": portals_of(index),
            "attachments": [],
            "children": if id == 1 { json!([2]) } else { json!([]) },
            "parent": if id == 2 { json!(1) } else { Value::Null },
        });
        let publication =
            Publication::PerLanguage(world.languages.iter().map(|l| (l.clone(), true)).collect());
        let record = Record::new(Resource::FlatPage, id, publication, lifetime, None, body);
        world.insert(Resource::FlatPage, record);
    }
}

/// `count` services (water, toilets, tricky passages) on the treks.
fn services_along(world: &mut World, traces: &[TrekTrace], types: &[u64], count: usize) {
    for index in 0..count {
        let mut rng = stream_rng(world.seed, "service", index as u64);
        let fallback = (6.3, 44.8);
        let (lng, lat) = traces
            .choose(&mut rng)
            .and_then(|trace| trace.points.choose(&mut rng).copied())
            .unwrap_or(fallback);
        let (lng, lat) = (round7(lng), round7(lat));
        let ele = world.terrain.elevation(lng, lat);
        let id = world.ids.next(Resource::Service);
        let body = json!({
            "eid": format!("PNE-SVC-{id:05}"),
            "geometry": point_geometry(lng, lat, ele),
            "provider": Value::Null,
            "structure": 1,
            "type": types.choose(&mut rng).copied().unwrap_or(1),
            "uuid": uuid(&mut rng),
        });
        let record = Record::new(
            Resource::Service,
            id,
            Publication::Always,
            generated_lifetime(&mut rng),
            Footprint::point(lng, lat),
            body,
        );
        world.insert(Resource::Service, record);
    }
}

/// A few high-definition viewpoints, at the first POIs.
fn hd_viewpoints(world: &mut World) {
    let pois: Vec<(u64, Value)> = world
        .collections
        .get(&Resource::Poi)
        .into_iter()
        .flat_map(|c| c.values())
        .take(3)
        .map(|poi| (poi.id, poi.body["geometry"].clone()))
        .collect();
    for (index, (poi, geometry)) in pois.into_iter().enumerate() {
        let id = index as u64 + 1;
        let mut rng = stream_rng(world.seed, "hdviewpoint", id);
        let body = json!({
            "author": "Parc national des Écrins",
            "geometry": {"type": "Point", "coordinates": [geometry["coordinates"][0], geometry["coordinates"][1]]},
            "legend": text(world, "Panorama en haute définition", Some("High-definition panorama")),
            "license": Value::Null,
            "metadata_url": server_path(format!("/api/hdviewpoint/drf/hdviewpoints/{id}/tiles/tilejson.json")),
            "picture_tiles_url": server_path(format!("/api/hdviewpoint/drf/hdviewpoints/{id}/tiles/{{z}}/{{x}}/{{y}}.png")),
            "poi": poi,
            "site": Value::Null,
            "title": text(world, &format!("Vue n° {id}"), Some(&format!("View {id}"))),
            "trek": Value::Null,
            "uuid": uuid(&mut rng),
        });
        let record = Record::new(
            Resource::HdViewPoint,
            id,
            Publication::Always,
            generated_lifetime(&mut rng),
            None,
            body,
        );
        world.insert(Resource::HdViewPoint, record);
    }
}
