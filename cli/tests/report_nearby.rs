//! `sentier report nearby` lists the signage around a point (the synced
//! catalog's, or a ranger's download from the field API at login), and
//! `sentier report new --signage ID` accepts only an item that is really
//! there, labelled with its code and name, with ids of the park's lists and
//! numbers that are numbers.

mod support;

use support::sentier;

use std::process::{Command, Output};

use sentier_core::catalog::{Catalog, ChoiceList, Circle, LatLon, PlaceKind};
use sentier_testkit::api_server::ApiServer;
use sentier_testkit::field_server::{
    FieldServer, PASSWORD, USERNAME, gtam_infrastructure, gtam_signage,
};
use sentier_testkit::territory::{Territory, TerritorySpec};
use serde_json::Value;

#[test]
fn a_report_names_the_signpost_picked_around_its_location() {
    let server = ApiServer::start(Territory::generate(&TerritorySpec::small(5, 12))).unwrap();
    let dir = tempfile::tempdir().unwrap();
    assert!(
        sentier(dir.path(), &["sync", &server.base_url()])
            .status
            .success()
    );

    let catalog = Catalog::open(&dir.path().join("catalog.sqlite")).unwrap();
    let bbox = catalog
        .status()
        .unwrap()
        .bbox
        .expect("a synced catalog has a bbox");
    let center = LatLon::new((bbox[1] + bbox[3]) / 2.0, (bbox[0] + bbox[2]) / 2.0);
    let circle = Circle {
        center,
        radius_m: 50_000.0,
    };
    let signpost = catalog
        .nearby(&circle, &[PlaceKind::Signage], "fr", 1)
        .unwrap()
        .remove(0);
    let (lat, lon) = (
        signpost.position.lat.to_string(),
        signpost.position.lon.to_string(),
    );

    let listed = sentier(
        dir.path(),
        &["report", "nearby", "--lat", &lat, "--lon", &lon],
    );
    assert!(listed.status.success(), "{listed:?}");
    let assets: Vec<Value> = serde_json::from_slice(&listed.stdout).unwrap();
    assert_eq!(assets[0]["id"], signpost.id);
    assert_eq!(assets[0]["kind"], "signage");
    let distances: Vec<f64> = assets
        .iter()
        .map(|asset| asset["distance_m"].as_f64().unwrap())
        .collect();
    assert!(distances.windows(2).all(|pair| pair[0] <= pair[1]));
    assert!(distances.iter().all(|distance| *distance <= 50.0));

    // The report goes to the Geotrek-admin the catalog was synced from,
    // written as its root, not as its API.
    let admin = server.origin().to_string();
    let new_report = |signage_id: i64, lat: &str, category: &str| {
        sentier(
            dir.path(),
            &[
                "report",
                "new",
                "--server",
                &admin,
                "--kind",
                "field",
                "--lat",
                lat,
                "--lon",
                &lon,
                "--category",
                category,
                "--comment",
                "Lame cassée",
                "--signage",
                &signage_id.to_string(),
            ],
        )
    };
    let category = catalog.choices(ChoiceList::FeedbackCategory, "fr").unwrap()[0]
        .id
        .to_string();
    let queued = new_report(signpost.id, &lat, &category);
    assert!(queued.status.success(), "{queued:?}");
    assert!(
        String::from_utf8_lossy(&queued.stderr).contains("log in to 127.0.0.1:"),
        "a ranger's report without a session says where to log in: {queued:?}"
    );
    let outbox = sentier(dir.path(), &["outbox"]);
    let entries: Vec<Value> = serde_json::from_slice(&outbox.stdout).unwrap();
    assert_eq!(entries.len(), 1);

    let refused = |output: Output, expected: &str| {
        assert!(!output.status.success());
        // With --json, the error is the command's JSON document.
        let said = String::from_utf8_lossy(&output.stdout).to_string();
        assert!(said.contains(expected), "{said}");
    };
    refused(new_report(555, &lat, &category), "no such signage");
    let far = (signpost.position.lat + 0.01).to_string();
    refused(new_report(signpost.id, &far, &category), "not within 50 m");
    refused(
        new_report(signpost.id, &lat, "555"),
        "category is no longer",
    );
    let entries: Vec<Value> =
        serde_json::from_slice(&sentier(dir.path(), &["outbox"]).stdout).unwrap();
    assert_eq!(entries.len(), 1, "a refused report leaves nothing behind");
}

#[test]
fn a_position_that_is_not_a_number_is_refused_and_the_outbox_still_lists() {
    let dir = tempfile::tempdir().unwrap();
    for latitude in ["NaN", "inf", "1e400"] {
        let refused = sentier(
            dir.path(),
            &[
                "report",
                "new",
                "--server",
                "https://admin.example.org/",
                "--email",
                "hiker@example.org",
                "--lat",
                latitude,
                "--lon",
                "6.3",
                "--category",
                "1",
                "--comment",
                "Panneau cassé",
            ],
        );
        assert!(!refused.status.success(), "{latitude}");
        assert!(
            String::from_utf8_lossy(&refused.stdout).contains("not a valid location"),
            "{refused:?}"
        );
    }
    let outbox = sentier(dir.path(), &["outbox"]);
    assert!(outbox.status.success(), "{outbox:?}");
    let entries: Vec<Value> = serde_json::from_slice(&outbox.stdout).unwrap();
    assert!(entries.is_empty());
}

#[test]
fn a_ranger_picks_from_the_items_downloaded_at_login_without_a_catalog() {
    let server = FieldServer::start().unwrap();
    server.set_assets(
        vec![gtam_signage(
            12,
            "S012",
            "Carrefour",
            (6.3, 44.8),
            &["Refuge 2h"],
        )],
        vec![gtam_infrastructure(
            40,
            "Passerelle",
            &[(6.2995, 44.8001), (6.3005, 44.8001)],
        )],
    );
    let dir = tempfile::tempdir().unwrap();
    let login = Command::new(env!("CARGO_BIN_EXE_sentier"))
        .arg("--data-dir")
        .arg(dir.path())
        .args(["--json", "login", &server.url(), "--user", USERNAME])
        .env("SENTIER_PASSWORD", PASSWORD)
        .output()
        .unwrap();
    assert!(login.status.success(), "{login:?}");
    let logged_in: Value = serde_json::from_slice(&login.stdout).unwrap();
    assert_eq!(logged_in["field_assets"], 2);
    let url = server.url();
    drop(server);

    let listed = sentier(
        dir.path(),
        &[
            "report", "nearby", "--server", &url, "--lat", "44.8", "--lon", "6.3",
        ],
    );
    assert!(listed.status.success(), "{listed:?}");
    let assets: Vec<Value> = serde_json::from_slice(&listed.stdout).unwrap();
    let ids: Vec<i64> = assets.iter().map(|a| a["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, [12, 40]);

    let queued = sentier(
        dir.path(),
        &[
            "report",
            "new",
            "--server",
            &url,
            "--kind",
            "field",
            "--lat",
            "44.8",
            "--lon",
            "6.3",
            "--category",
            "1",
            "--comment",
            "Passerelle arrachée",
            "--infrastructure",
            "40",
        ],
    );
    assert!(queued.status.success(), "{queued:?}");
}
