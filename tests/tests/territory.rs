//! Generated territories are deterministic, plausible, and shaped exactly
//! like a current Geotrek-admin's answers (compared with the live fixtures).

mod common;

use std::collections::BTreeSet;

use common::get_json;
use sentier_testkit::territory::json::text_in;
use sentier_testkit::{ApiServer, Resource, Territory, TerritorySpec};
use serde_json::Value;

fn all_json(territory: &Territory) -> Vec<String> {
    Resource::ALL
        .iter()
        .flat_map(|resource| {
            territory
                .collection(*resource)
                .into_iter()
                .flat_map(|c| c.values())
        })
        .map(|record| record.body.to_string())
        .collect()
}

#[test]
fn same_seed_same_json_other_seed_other_park() {
    let spec = TerritorySpec::demo();
    let first = all_json(&Territory::generate(&spec));
    assert_eq!(first, all_json(&Territory::generate(&spec)));
    let other = TerritorySpec {
        seed: spec.seed + 1,
        ..spec
    };
    assert_ne!(first, all_json(&Territory::generate(&other)));
}

#[test]
fn the_demo_park_is_plausible() {
    let spec = TerritorySpec::demo();
    let territory = Territory::generate(&spec);
    let count = |resource| territory.ids(resource).len();
    assert_eq!(count(Resource::Trek), spec.treks);
    assert_eq!(count(Resource::Poi), spec.pois);
    assert_eq!(count(Resource::Signage), spec.signage);
    assert_eq!(count(Resource::SensitiveArea), spec.sensitive_areas);
    assert_eq!(count(Resource::InformationDesk), spec.information_desks);
    let treks: Vec<&Value> = territory
        .collection(Resource::Trek)
        .into_iter()
        .flat_map(|c| c.values())
        .map(|r| &r.body)
        .collect();
    let mut routes = BTreeSet::new();
    let mut tours = 0;
    for trek in &treks {
        let coordinates = trek["geometry"]["coordinates"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let is_tour = trek["children"].as_array().is_some_and(|c| !c.is_empty());
        tours += usize::from(is_tour);
        if !is_tour {
            assert!((spec.vertices_min..=spec.vertices_max).contains(&coordinates.len()));
        }
        for point in &coordinates {
            let (lng, lat, ele) = (point[0].as_f64(), point[1].as_f64(), point[2].as_f64());
            assert!(lng.is_some_and(|x| (6.0..=6.6).contains(&x)), "{point}");
            assert!(lat.is_some_and(|y| (44.6..=45.0).contains(&y)), "{point}");
            assert!(
                ele.is_some_and(|z| (800.0..=3_500.0).contains(&z)),
                "{point}"
            );
        }
        let route = trek["route"].as_u64().unwrap_or(0);
        routes.insert(route);
        if route == 1 {
            assert_eq!(coordinates.first(), coordinates.last(), "loops come back");
        }
        if route == 2 {
            let n = coordinates.len();
            assert_eq!(
                coordinates[1],
                coordinates[n - 2],
                "out-and-back retraces its steps"
            );
        }
        let km = trek["length_2d"].as_f64().unwrap_or(0.0) / 1_000.0;
        let ascent = trek["ascent"].as_f64().unwrap_or(0.0);
        assert!((1.0..60.0).contains(&km), "{km} km");
        assert!(
            ascent > 0.0 && ascent / km < 400.0,
            "{ascent} m over {km} km"
        );
    }
    assert_eq!(
        routes,
        [1, 2, 3].into(),
        "loops, out-and-back and crossings"
    );
    assert!(tours >= 1, "at least one multi-day tour");
    let names: Vec<&str> = treks
        .iter()
        .filter_map(|t| text_in(&t["name"], "fr"))
        .collect();
    for landmark in [
        "Lac Blanc",
        "Col des Écrins",
        "Tour des Seigneurs",
        "Refuge de la Pilatte",
    ] {
        assert!(names.contains(&landmark), "{landmark}");
    }
}

/// Compares the shape (keys and JSON types) of `ours` with `theirs`, recursively.
fn compare_shapes(path: &str, ours: &Value, theirs: &Value, errors: &mut Vec<String>) {
    match (ours, theirs) {
        (_, Value::Null) | (Value::Null, _) => {}
        (Value::Object(a), Value::Object(b)) => {
            // Maps keyed by ids (tour steps' next/previous, content types) vary.
            if ["next", "previous", "types"]
                .iter()
                .any(|k| path.ends_with(k))
            {
                return;
            }
            let (ka, kb): (BTreeSet<&String>, BTreeSet<&String>) =
                (a.keys().collect(), b.keys().collect());
            if ka != kb {
                errors.push(format!(
                    "{path}: ours only {:?}, theirs only {:?}",
                    ka.difference(&kb).collect::<Vec<_>>(),
                    kb.difference(&ka).collect::<Vec<_>>()
                ));
            }
            for key in ka.intersection(&kb) {
                if key.as_str() != "coordinates" {
                    compare_shapes(&format!("{path}.{key}"), &a[*key], &b[*key], errors);
                }
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            if let (Some(x), Some(y)) = (a.first(), b.first()) {
                compare_shapes(&format!("{path}[0]"), x, y, errors);
            }
        }
        (Value::Number(_), Value::Number(_))
        | (Value::String(_), Value::String(_))
        | (Value::Bool(_), Value::Bool(_)) => {}
        _ => errors.push(format!("{path}: ours {ours}, theirs {theirs}")),
    }
}

/// Live fixture file, the request answering the same thing here.
const LIVE_FIXTURES: &[(&str, &str)] = &[
    ("city.json", "city/"),
    ("district.json", "district/"),
    ("feedback_activity.json", "feedback_activity/"),
    ("feedback_category.json", "feedback_category/"),
    ("feedback_magnitude.json", "feedback_magnitude/"),
    ("informationdesk.json", "informationdesk/"),
    ("informationdesk_en.json", "informationdesk/?language=en"),
    ("informationdesk_type.json", "informationdesk_type/"),
    ("infrastructure.json", "infrastructure/"),
    ("infrastructure_en.json", "infrastructure/?language=en"),
    ("infrastructure_type.json", "infrastructure_type/"),
    ("poi.json", "poi/"),
    ("poi_near_trek.json", "poi/?language=en"),
    ("poi_type.json", "poi_type/"),
    ("sensitivearea.json", "sensitivearea/?period=ignore"),
    (
        "sensitivearea_period_any.json",
        "sensitivearea/?period=any&language=en",
    ),
    ("sensitivearea_practice.json", "sensitivearea_practice/"),
    ("signage.json", "signage/"),
    ("signage_en.json", "signage/?language=en"),
    ("signage_type.json", "signage_type/"),
    ("theme.json", "theme/"),
    ("trek_difficulty.json", "trek_difficulty/"),
    ("trek_en.json", "trek/?language=en"),
    ("trek_fr.json", "trek/?language=fr"),
    ("trek_network.json", "trek_network/"),
    ("trek_practice.json", "trek_practice/"),
    ("trek_route.json", "trek_route/"),
];

/// Compares each fixture list with the same request to `server`, envelope
/// and objects' shapes, adding shape differences to `errors`.
fn compare_lists(
    server: &ApiServer,
    read: &dyn Fn(&str) -> Value,
    fixtures: &[(&str, &str)],
    errors: &mut Vec<String>,
) {
    for (file, request) in fixtures {
        let theirs = read(file);
        let ours = get_json(&format!("{}{request}", server.base_url()));
        let envelope_keys = |v: &Value| {
            v.as_object()
                .map(|m| m.keys().cloned().collect::<BTreeSet<_>>())
        };
        assert_eq!(
            envelope_keys(&ours),
            envelope_keys(&theirs),
            "{file}: envelope"
        );
        // Compare every fixture object with our first: fixtures are few, ours many.
        let first = &ours["results"][0];
        assert!(first.is_object(), "{file}: no object served for {request}");
        for object in theirs["results"].as_array().into_iter().flatten() {
            compare_shapes(file, first, object, errors);
        }
    }
}

/// Rich fixture file (a park with the optional modules), the request answering the same here.
const RICH_FIXTURES: &[(&str, &str)] = &[
    ("flatpage.json", "flatpage/"),
    ("label_accessibility.json", "label_accessibility/"),
    ("organism.json", "organism/"),
    ("outdoor_course.json", "outdoor_course/"),
    ("outdoor_coursetype.json", "outdoor_coursetype/"),
    ("outdoor_practice.json", "outdoor_practice/"),
    ("outdoor_rating.json", "outdoor_rating/"),
    ("outdoor_ratingscale.json", "outdoor_ratingscale/"),
    ("outdoor_sector.json", "outdoor_sector/"),
    ("outdoor_site.json", "outdoor_site/"),
    ("outdoor_sitetype.json", "outdoor_sitetype/"),
    ("portal.json", "portal/"),
    ("reservationsystem.json", "reservationsystem/"),
    ("service.json", "service/"),
    ("service_type.json", "service_type/"),
    ("source.json", "source/"),
    ("structure.json", "structure/"),
    ("trek_accessibility_level.json", "trek_accessibility_level/"),
    ("trek_rating.json", "trek_rating/"),
    ("trek_ratingscale.json", "trek_ratingscale/"),
    ("weblink_category.json", "weblink_category/"),
];

#[test]
fn the_optional_modules_have_the_keys_of_a_rich_geotrek() {
    let Some(folder) = sentier_testkit::fixtures::folder("geotrek-admin-rich") else {
        return;
    };
    let server =
        ApiServer::start(Territory::generate(&TerritorySpec::small(2, 10))).expect("server");
    let read = |name: &str| -> Value { sentier_testkit::fixtures::json(&folder, name) };
    let mut errors = Vec::new();
    compare_lists(&server, &read, RICH_FIXTURES, &mut errors);
    errors.dedup();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn portals_filter_the_lists_that_have_them_and_no_other() {
    let territory = Territory::generate(&TerritorySpec::small(2, 10));
    let server = ApiServer::start(territory).expect("server");
    let ids = |request: &str| -> Vec<u64> {
        get_json(&format!("{}{request}", server.base_url()))["results"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|o| o["id"].as_u64())
            .collect()
    };
    for (list, field) in [
        ("trek", "portal"),
        ("outdoor_site", "portal"),
        ("flatpage", "portals"),
    ] {
        let all = get_json(&format!("{}{list}/?page_size=1000", server.base_url()));
        let on_first: Vec<u64> = all["results"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|o| {
                o[field]
                    .as_array()
                    .is_some_and(|p| p.contains(&Value::from(1)))
            })
            .filter_map(|o| o["id"].as_u64())
            .collect();
        assert!(!on_first.is_empty(), "{list}: nothing on portal 1");
        assert!(
            on_first.len() < all["count"].as_u64().unwrap_or(0) as usize,
            "{list}: all on portal 1"
        );
        assert_eq!(
            ids(&format!("{list}/?page_size=1000&portals=1")),
            on_first,
            "{list}"
        );
    }
    // Lists without a portal field ignore the filter, as Geotrek's do.
    assert_eq!(
        ids("service/?page_size=1000&portals=1"),
        ids("service/?page_size=1000")
    );
}

#[test]
fn every_resource_has_the_keys_of_a_live_geotrek() {
    let Some(folder) = sentier_testkit::fixtures::folder("geotrek-admin-live") else {
        return;
    };
    let server =
        ApiServer::start(Territory::generate(&TerritorySpec::small(2, 10))).expect("server");
    let read = |name: &str| -> Value { sentier_testkit::fixtures::json(&folder, name) };
    let mut errors = Vec::new();
    compare_lists(&server, &read, LIVE_FIXTURES, &mut errors);
    // A detail is the list object itself.
    let detail = read("trek_detail_en.json");
    let id = get_json(&format!(
        "{}trek/?language=en&page_size=1",
        server.base_url()
    ))["results"][0]["id"]
        .clone();
    let ours = get_json(&format!("{}trek/{id}/?language=en", server.base_url()));
    compare_shapes("trek_detail_en.json", &ours, &detail, &mut errors);
    let config = read("config.json");
    compare_shapes(
        "config.json",
        &get_json(&format!("{}config/", server.base_url())),
        &config,
        &mut errors,
    );
    errors.dedup();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}
