//! `sentier trek` prints every field a park fills, and `sentier around`,
//! `sentier outdoor` and `sentier pages` list what the territory offers
//! beyond treks: over a synthetic park synced from loopback, text and JSON.

mod support;

use std::path::Path;
use std::process::{Command, Output};

use sentier_core::catalog::{Catalog, TrekQuery};
use sentier_testkit::api_server::{ApiServer, Fault, FaultPlan, FaultRule};
use sentier_testkit::territory::{Territory, TerritorySpec};
use support::{json, sentier};

/// `sentier --data-dir DATA_DIR ARGS…` as text, run to its end.
fn text(data_dir: &Path, args: &[&str]) -> String {
    let output: Output = Command::new(env!("CARGO_BIN_EXE_sentier"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).unwrap()
}

fn synced_park() -> (ApiServer, tempfile::TempDir, Catalog) {
    synced_park_of(7)
}

fn synced_park_of(seed: u64) -> (ApiServer, tempfile::TempDir, Catalog) {
    let server = ApiServer::start(Territory::generate(&TerritorySpec::small(seed, 24))).unwrap();
    let dir = tempfile::tempdir().unwrap();
    json(&sentier(dir.path(), &["sync", &server.base_url()]));
    let catalog = Catalog::open(&dir.path().join("catalog.sqlite")).unwrap();
    (server, dir, catalog)
}

#[test]
fn around_lists_what_lies_along_a_trek_with_distances() {
    // The first generated park where tourism or a desk lies along a trek.
    let (_server, dir, id, around) = (1..=12)
        .find_map(|seed| {
            let (server, dir, catalog) = synced_park_of(seed);
            let treks = catalog.search(&TrekQuery::all("en")).unwrap().treks;
            treks
                .iter()
                .map(|t| (t.id, catalog.around_trek(t.id, "en").unwrap()))
                .find(|(_, around)| !around.is_empty())
                .map(|(id, around)| (server, dir, id, around))
        })
        .expect("some generated trek has tourism or a desk along it");
    let listed = json(&sentier(
        dir.path(),
        &["around", &id.to_string(), "--lang", "en"],
    ));
    assert_eq!(listed, serde_json::to_value(&around).unwrap());
    let shown = text(dir.path(), &["around", &id.to_string(), "--lang", "en"]);
    assert!(shown.contains("off the trek"), "{shown}");
    for place in &around {
        assert!(
            shown.contains(&place.name),
            "{} missing from:\n{shown}",
            place.name
        );
    }
}

#[test]
fn trek_prints_parking_links_accessibility_and_photo_credits() {
    let (_server, dir, catalog) = synced_park();
    let treks = catalog.search(&TrekQuery::all("en")).unwrap().treks;
    let details: Vec<_> = treks
        .iter()
        .map(|t| catalog.trek_detail(t.id, "en").unwrap())
        .collect();
    let linked = details
        .iter()
        .find(|d| !d.web_links.is_empty())
        .expect("some trek has a web link");
    let shown = text(
        dir.path(),
        &["trek", &linked.id.to_string(), "--lang", "en"],
    );
    assert!(shown.contains("\nParking\n"), "{shown}");
    assert!(shown.contains(&linked.web_links[0].url), "{shown}");
    let photo = linked.media.iter().find(|m| m.is_image).unwrap();
    let author = photo.author.as_deref().unwrap();
    assert!(shown.contains(&format!("© {author}")), "{shown}");
    if let Some(accessible) = details.iter().find(|d| !d.accessibility.is_empty()) {
        let shown = text(
            dir.path(),
            &["trek", &accessible.id.to_string(), "--lang", "fr"],
        );
        assert!(shown.contains("Accessibilité :"), "{shown}");
    }
    let numbered = details
        .iter()
        .find(|d| !d.reference_points.is_empty())
        .expect("some trek numbers reference points");
    let shown = text(
        dir.path(),
        &["trek", &numbered.id.to_string(), "--lang", "en"],
    );
    assert!(shown.contains("  (1) "), "{shown}");
    // JSON carries the new records whole.
    let document = json(&sentier(
        dir.path(),
        &["trek", &linked.id.to_string(), "--lang", "en"],
    ));
    assert_eq!(
        document["web_links"],
        serde_json::to_value(&linked.web_links).unwrap()
    );
    assert!(document["accessibility"].is_object());
}

#[test]
fn outdoor_and_pages_list_what_the_instance_serves() {
    let (_server, dir, _catalog) = synced_park();
    let outdoor = json(&sentier(dir.path(), &["outdoor"]));
    let sites: Vec<&serde_json::Value> = outdoor
        .as_array()
        .unwrap()
        .iter()
        .filter(|place| place["kind"] == "OutdoorSite")
        .collect();
    assert!(!sites.is_empty(), "{outdoor}");
    assert!(
        sites.iter().all(
            |site| site["name"].as_str().is_some_and(|name| !name.is_empty())
                && site["practice"].is_string()
        ),
        "{outdoor}"
    );
    // Each site is listed in the text with its practice and type.
    let shown = text(dir.path(), &["outdoor", "--lang", "en"]);
    assert_eq!(
        shown.matches("outdoor site #").count(),
        sites.len(),
        "{shown}"
    );
    // Pages keep their tree: a child page names its parent.
    let pages = json(&sentier(dir.path(), &["pages"]));
    let pages = pages.as_array().unwrap();
    let child = pages.iter().find(|page| page["parent"].is_i64()).unwrap();
    assert!(pages.iter().any(|page| page["id"] == child["parent"]
        && page["children"].as_array().unwrap().contains(&child["id"])));
}

#[test]
fn outdoor_and_pages_say_when_the_instance_has_none() {
    // An instance running neither the outdoor module nor flat pages answers 404 there.
    let server = ApiServer::start(Territory::generate(&TerritorySpec::small(7, 24))).unwrap();
    let missing = ["outdoor_site", "outdoor_course", "flatpage"];
    server.set_faults(missing.iter().fold(FaultPlan::new(), |plan, resource| {
        plan.with(FaultRule::new(
            resource,
            Fault::Status {
                status: 404,
                retry_after: None,
            },
        ))
    }));
    let dir = tempfile::tempdir().unwrap();
    json(&sentier(dir.path(), &["sync", &server.base_url()]));
    assert_eq!(
        json(&sentier(dir.path(), &["outdoor"])),
        serde_json::json!([])
    );
    assert_eq!(
        json(&sentier(dir.path(), &["pages"])),
        serde_json::json!([])
    );
    assert_eq!(
        text(dir.path(), &["outdoor", "--lang", "en"]),
        "No outdoor sites.\n"
    );
    assert_eq!(text(dir.path(), &["pages", "--lang", "en"]), "No pages.\n");
}
