//! The local Geotrek API v2 server behaves like Geotrek-admin's: pagination,
//! languages, field selection, geometric and date filters, details, profiles,
//! tours, media, and the mutations incremental sync relies on.

mod common;

use std::collections::BTreeSet;

use common::{get, get_json, walk_pages};
use sentier_testkit::territory::clock;
use sentier_testkit::{ApiServer, Resource, Territory, TerritorySpec};
use serde_json::Value;

fn server(treks: usize) -> ApiServer {
    ApiServer::start(Territory::generate(&TerritorySpec::small(11, treks))).expect("server starts")
}

fn ids(pages: &[Value]) -> Vec<u64> {
    pages
        .iter()
        .flat_map(|p| p["results"].as_array().cloned().unwrap_or_default())
        .filter_map(|o| o["id"].as_u64())
        .collect()
}

#[test]
fn pagination_walks_every_object_exactly_once() {
    let server = server(23);
    let expected = server.with_territory(|t| t.published_count(Resource::Trek, None));
    let pages = walk_pages(&format!("{}trek/?page_size=4", server.base_url()));
    let seen = ids(&pages);
    let unique: BTreeSet<u64> = seen.iter().copied().collect();
    assert_eq!(seen.len(), expected, "every published trek once");
    assert_eq!(unique.len(), seen.len(), "no trek twice");
    assert_eq!(pages.len(), expected.div_ceil(4));
    for page in &pages {
        assert_eq!(page["count"].as_u64(), Some(expected as u64));
    }
    assert!(pages[0]["previous"].is_null());
    assert!(
        pages.last().is_some_and(|p| p["next"].is_null()),
        "next is null on the last page"
    );
    // DRF drops `page` from the link back to the first page.
    assert_eq!(
        pages[1]["previous"].as_str(),
        Some(format!("{}trek/?page_size=4", server.base_url()).as_str())
    );
}

#[test]
fn page_sizes_are_capped_and_bad_pages_are_404() {
    let server = server(5);
    let page = get_json(&format!("{}poi/?page_size=100000", server.base_url()));
    assert_eq!(
        page["results"].as_array().map(Vec::len),
        page["count"].as_u64().map(|c| c as usize)
    );
    let default = get_json(&format!("{}poi/", server.base_url()));
    assert!(default["results"].as_array().is_some_and(|r| r.len() <= 50));
    let reply = get(&format!("{}poi/?page=99", server.base_url()));
    assert_eq!(reply.status, 404);
    assert_eq!(reply.json()["detail"], "Invalid page.");
    let all = get_json(&format!("{}poi/?no_page", server.base_url()));
    assert_eq!(
        all.as_array().map(Vec::len),
        default["count"].as_u64().map(|c| c as usize)
    );
}

#[test]
fn languages_render_dicts_or_plain_values_and_filter_publication() {
    let server = server(30);
    let base = server.base_url();
    let all = get_json(&format!("{base}trek/?page_size=1000"));
    let first = &all["results"][0];
    assert!(
        first["name"]["fr"].is_string(),
        "no language: a dict over languages"
    );
    assert!(
        first["name"]
            .as_object()
            .is_some_and(|m| m.contains_key("en"))
    );
    assert!(first["published"]["fr"].is_boolean());
    let french = get_json(&format!("{base}trek/?language=fr&page_size=1000"));
    assert!(french["results"][0]["name"].is_string());
    assert_eq!(french["results"][0]["published"], Value::Bool(true));
    let english = get_json(&format!("{base}trek/?language=en&page_size=1000"));
    let (in_english, in_any) = server.with_territory(|t| {
        (
            t.published_count(Resource::Trek, Some("en")),
            t.published_count(Resource::Trek, None),
        )
    });
    assert_eq!(english["count"].as_u64(), Some(in_english as u64));
    assert!(in_english < in_any, "some treks are not translated");
    for trek in english["results"].as_array().into_iter().flatten() {
        assert!(
            trek["name"].is_string(),
            "published in English means named in English"
        );
    }
    // Nested translated fields follow: a POI's type label.
    let poi = get_json(&format!("{base}poi/?language=fr&page_size=1"));
    assert!(poi["results"][0]["type_label"].is_string());
}

#[test]
fn lists_are_sorted_like_geotrek() {
    let server = server(25);
    let treks = get_json(&format!(
        "{}trek/?language=fr&page_size=1000&fields=id,name",
        server.base_url()
    ));
    let names: Vec<String> = treks["results"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|t| t["name"].as_str().unwrap_or("").to_string())
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "treks by name");
    let pois = get_json(&format!(
        "{}poi/?page_size=1000&fields=id",
        server.base_url()
    ));
    let poi_ids = ids(&[pois]);
    assert!(poi_ids.windows(2).all(|w| w[0] < w[1]), "POIs by id");
}

#[test]
fn fields_and_omit_select_top_level_keys() {
    let server = server(4);
    let page = get_json(&format!("{}trek/?fields=id", server.base_url()));
    for trek in page["results"].as_array().into_iter().flatten() {
        assert_eq!(trek.as_object().map(|m| m.len()), Some(1));
        assert!(trek["id"].is_u64());
    }
    let page = get_json(&format!(
        "{}trek/?omit=geometry,steps&page_size=1",
        server.base_url()
    ));
    let trek = &page["results"][0];
    assert!(trek.get("geometry").is_none() && trek.get("name").is_some());
}

#[test]
fn ids_in_bbox_and_distance_filter() {
    let server = server(12);
    let base = server.base_url();
    let pois = get_json(&format!("{base}poi/?page_size=1000&fields=id,geometry"));
    let results = pois["results"].as_array().cloned().unwrap_or_default();
    let chosen: Vec<u64> = results
        .iter()
        .take(3)
        .filter_map(|p| p["id"].as_u64())
        .collect();
    let list = chosen
        .iter()
        .map(u64::to_string)
        .collect::<Vec<_>>()
        .join(",");
    let by_ids = get_json(&format!("{base}poi/?ids={list}&fields=id"));
    assert_eq!(ids(&[by_ids]), chosen);

    let point = &results[0]["geometry"]["coordinates"];
    let (lng, lat) = (
        point[0].as_f64().unwrap_or(0.0),
        point[1].as_f64().unwrap_or(0.0),
    );
    let (west, south, east, north) = (lng - 0.01, lat - 0.01, lng + 0.01, lat + 0.01);
    let boxed = get_json(&format!(
        "{base}poi/?in_bbox={west},{south},{east},{north}&page_size=1000&fields=id,geometry"
    ));
    let boxed_results = boxed["results"].as_array().cloned().unwrap_or_default();
    assert!(boxed_results.iter().any(|p| p["id"] == results[0]["id"]));
    assert!(
        boxed_results.len() < results.len(),
        "the box leaves some POIs out"
    );
    for poi in &boxed_results {
        let c = &poi["geometry"]["coordinates"];
        let (x, y) = (c[0].as_f64().unwrap_or(0.0), c[1].as_f64().unwrap_or(0.0));
        assert!(
            (west - 0.001..=east + 0.001).contains(&x)
                && (south - 0.001..=north + 0.001).contains(&y)
        );
    }
    let near = get_json(&format!(
        "{base}poi/?dist=500&point={lng},{lat}&page_size=1000&fields=id"
    ));
    let near_ids = ids(&[near]);
    assert!(near_ids.contains(&results[0]["id"].as_u64().unwrap_or(0)));
    assert!(
        near_ids.len() <= boxed_results.len(),
        "500 m is inside the ~1.5 km box"
    );
}

#[test]
fn sensitive_areas_follow_the_period_filter() {
    let server = server(6);
    let base = server.base_url();
    let all = get_json(&format!(
        "{base}sensitivearea/?period=ignore&page_size=1000"
    ));
    let areas = all["results"].as_array().cloned().unwrap_or_default();
    assert!(
        areas
            .iter()
            .all(|a| a["period"].as_array().is_some_and(|p| p.len() == 12))
    );
    let month = usize::from(u8::from(clock::paris_date(clock::now()).month()));
    let sensitive_now = areas
        .iter()
        .filter(|a| a["period"][month - 1] == Value::Bool(true))
        .count();
    let default = get_json(&format!("{base}sensitivearea/?page_size=1000"));
    assert_eq!(
        default["count"].as_u64(),
        Some(sensitive_now as u64),
        "only this month's areas"
    );
    let july = get_json(&format!("{base}sensitivearea/?period=7&page_size=1000"));
    let in_july = areas
        .iter()
        .filter(|a| a["period"][6] == Value::Bool(true))
        .count();
    assert_eq!(july["count"].as_u64(), Some(in_july as u64));
}

#[test]
fn details_profiles_and_missing_objects() {
    let server = server(8);
    let base = server.base_url();
    let list = get_json(&format!("{base}trek/?language=en&page_size=1"));
    let id = list["results"][0]["id"].as_u64().unwrap_or(0);
    let detail = get_json(&format!("{base}trek/{id}/?language=en"));
    assert_eq!(detail, list["results"][0]);
    assert_eq!(detail["url"], format!("{base}trek/{id}/"));
    let reply = get(&format!("{base}trek/999999999/"));
    assert_eq!(reply.status, 404);
    assert_eq!(reply.json()["detail"], "No Trek matches the given query.");

    let profile = get_json(&format!("{base}trek/{id}/profile/"));
    let points = profile["profile"].as_array().cloned().unwrap_or_default();
    let vertices = detail["geometry"]["coordinates"]
        .as_array()
        .map_or(0, Vec::len);
    assert_eq!(points.len(), vertices, "one profile point per vertex");
    assert!(
        points
            .windows(2)
            .all(|w| w[0][0].as_f64() <= w[1][0].as_f64()),
        "distances grow"
    );
    let last = points.last().and_then(|p| p[0].as_f64()).unwrap_or(0.0);
    let length = detail["length_2d"].as_f64().unwrap_or(0.0);
    assert!((last - length).abs() < 1.0, "{last} vs length_2d {length}");
    let (floor, ceil) = (
        profile["limits"]["floor"].as_i64(),
        profile["limits"]["ceil"].as_i64(),
    );
    assert_eq!(floor, detail["min_elevation"].as_i64().map(|m| m - 100));
    assert!(ceil.zip(floor).is_some_and(|(c, f)| c - f >= 1_200));

    let config = get_json(&format!("{base}config/"));
    assert_eq!(config["bbox"].as_array().map(Vec::len), Some(4));
}

#[test]
fn tours_list_their_steps() {
    // A park big enough to hold a few multi-day tours.
    let server =
        ApiServer::start(Territory::generate(&TerritorySpec::small(3, 120))).expect("server");
    let base = server.base_url();
    let tours = get_json(&format!("{base}tour/?page_size=1000&language=fr"));
    let tour = &tours["results"][0];
    let children: Vec<u64> = tour["children"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_u64)
        .collect();
    assert!(!children.is_empty());
    assert_eq!(tour["count_children"].as_u64(), Some(children.len() as u64));
    let steps: Vec<u64> = tour["steps"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["id"].as_u64())
        .collect();
    assert_eq!(steps, children);
    assert_eq!(tour["url"], format!("{base}tour/{}/", tour["id"]));
    for (k, step) in tour["steps"].as_array().into_iter().flatten().enumerate() {
        assert_eq!(step["parents"], serde_json::json!([tour["id"]]));
        let key = tour["id"].to_string();
        assert_eq!(step["next"][&key].as_u64(), children.get(k + 1).copied());
        // Steps, published or not, are served in detail since their parent is.
        assert_eq!(
            get(&format!("{base}trek/{}/?language=fr", step["id"])).status,
            200
        );
    }
}

#[test]
fn photos_and_pictograms_are_served() {
    let server = server(3);
    let trek = get_json(&format!("{}trek/?page_size=1", server.base_url()));
    let attachment = &trek["results"][0]["attachments"][0];
    for key in ["url", "thumbnail"] {
        let reply = get(attachment[key].as_str().unwrap_or_default());
        assert_eq!(reply.status, 200);
        assert_eq!(reply.header("content-type"), Some("image/jpeg"));
        assert_eq!(&reply.body[..2], &[0xFF, 0xD8]);
    }
    let practice = get_json(&format!("{}trek_practice/", server.base_url()));
    let pictogram = get(practice["results"][0]["pictogram"]
        .as_str()
        .unwrap_or_default());
    assert_eq!(pictogram.status, 200);
}

#[test]
fn mutations_show_up_for_incremental_sync() {
    let server = server(20);
    let base = server.base_url();
    let today = clock::paris_date(clock::now());
    let updated = || {
        let page = get_json(&format!(
            "{base}trek/?updated_after={today}&page_size=1000&fields=id"
        ));
        ids(&[page])
    };
    assert!(
        updated().is_empty(),
        "generated objects are older than today"
    );
    let touched = server.with_territory(|t| t.touch(0.1, 7));
    assert_eq!(touched.treks.len(), 2);
    let published: Vec<u64> = server.with_territory(|t| {
        touched
            .treks
            .iter()
            .copied()
            .filter(|id| {
                t.record(Resource::Trek, *id)
                    .is_some_and(|r| r.publication.is_published(None))
            })
            .collect()
    });
    let mut seen = updated();
    seen.sort_unstable();
    assert_eq!(seen, published);
    let before = get_json(&format!("{base}poi/?updated_before=2000-01-01"));
    assert_eq!(before["count"], 0);

    let all_ids = ids(&walk_pages(&format!(
        "{base}trek/?fields=id&page_size=1000"
    )));
    let (gone, hidden) = (all_ids[0], all_ids[1]);
    server.with_territory(|t| {
        t.delete(Resource::Trek, &[gone]);
        t.unpublish(Resource::Trek, &[hidden]);
    });
    let after = ids(&walk_pages(&format!(
        "{base}trek/?fields=id&page_size=1000"
    )));
    assert!(!after.contains(&gone) && !after.contains(&hidden));
    assert_eq!(get(&format!("{base}trek/{gone}/")).status, 404);
    let added = server.with_territory(Territory::add_trek);
    assert!(updated().contains(&added));
    let log = server.request_log();
    assert!(
        log.iter()
            .any(|r| r.param("updated_after") == Some(today.to_string()))
    );
    assert!(log.iter().all(|r| r.resource().is_some()));
}
