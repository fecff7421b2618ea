//! The pack commands end to end: build from the test kit's Geotrek API and a
//! synthetic relief, serve the folder, list, download, show, update, remove;
//! the catalog commands read the pack in use, among the synced catalog.

mod support;

use support::{json, sentier};

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use sentier_testkit::api_server::ApiServer;
use sentier_testkit::territory::{Territory, TerritorySpec};
use sentier_testkit::tiles::{TERRITORY, write_relief_mbtiles};
use serde_json::Value;

/// Kills the child when dropped.
struct Child(std::process::Child);

impl Drop for Child {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn a_pack_is_built_served_downloaded_updated_and_removed() {
    let api = ApiServer::start(Territory::generate(&TerritorySpec::small(9, 8))).unwrap();
    let work = tempfile::tempdir().unwrap();
    let area = TERRITORY.zooms(0, 12);
    let relief = work.path().join("relief.mbtiles");
    write_relief_mbtiles(&relief, &area).unwrap();
    let (server_dir, data) = (work.path().join("server"), work.path().join("data"));
    let server_arg = server_dir.display().to_string();
    let build = |data: &Path| {
        json(&sentier(
            data,
            &[
                "pack",
                "build",
                "--api",
                &api.base_url(),
                "--tiles",
                relief.to_str().unwrap(),
                "--out",
                &server_arg,
                "--id",
                "demo",
                "--name",
                "Demo park",
                "--lang",
                "fr,en",
                "--zooms",
                "0-10,11-12",
                "--corridor-m",
                "300",
            ],
        ))
    };
    let built = build(&data);
    assert_eq!(built["version"], 1);
    assert!(built["files"].as_u64().unwrap() > 5);

    let mut serve = Child(
        Command::new(env!("CARGO_BIN_EXE_sentier"))
            .args(["--json", "pack", "serve", &server_arg])
            .stdout(Stdio::piped())
            .spawn()
            .unwrap(),
    );
    let mut announced = String::new();
    let stdout = serve.0.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    while !announced.contains('}') {
        announced.push_str(&lines.next().unwrap().unwrap());
    }
    let url = serde_json::from_str::<Value>(&announced).unwrap()["url"]
        .as_str()
        .unwrap()
        .to_string();

    let listed = json(&sentier(&data, &["pack", "list", &url]));
    assert_eq!(listed[0]["id"], "demo");
    let installed = json(&sentier(&data, &["pack", "download", &url, "demo"]));
    assert_eq!(installed[0]["version"], 1);
    let catalog = installed[0]["catalog"].as_str().unwrap();
    assert!(Path::new(catalog).is_file());

    let packs = json(&sentier(&data, &["packs"]));
    assert_eq!(packs[0]["id"], "demo");
    assert_eq!(packs[0]["update_available"], Value::Null);
    assert_eq!(packs[0]["in_use"], true);
    let treks_of = |args: &[&str]| {
        let mut search = vec!["treks", "--limit", "100"];
        search.extend_from_slice(args);
        json(&sentier(&data, &search))["total"].as_u64().unwrap()
    };
    let pack_treks = treks_of(&[]);
    assert!(pack_treks >= 5, "the downloaded pack is read at once");

    // A synced catalog joins the list and, synced last, is read from then on.
    let other = ApiServer::start(Territory::generate(&TerritorySpec::small(2, 3))).unwrap();
    json(&sentier(&data, &["sync", &other.base_url()]));
    let listed = json(&sentier(&data, &["packs"]));
    let in_use: Vec<(&str, bool)> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| (entry["id"].as_str().unwrap(), entry["in_use"] == true))
        .collect();
    assert_eq!(in_use, [("synced", true), ("demo", false)]);
    let synced_treks = treks_of(&[]);
    assert_ne!(synced_treks, pack_treks);
    assert_eq!(treks_of(&["--pack", "demo"]), pack_treks);
    assert_eq!(treks_of(&["--pack", "synced"]), synced_treks);
    let unknown = sentier(&data, &["--pack", "nowhere", "treks"]);
    assert!(!unknown.status.success());
    assert!(String::from_utf8_lossy(&unknown.stdout).contains("--pack nowhere"));
    json(&sentier(&data, &["pack", "download", &url, "demo"]));
    assert_eq!(
        treks_of(&[]),
        pack_treks,
        "downloading makes the pack the one in use"
    );
    std::fs::remove_file(data.join("catalog.sqlite")).unwrap();

    api.with_territory(|territory| territory.touch(0.2, 3));
    assert_eq!(build(&data)["version"], 2);
    assert_eq!(json(&sentier(&data, &["packs"]))[0]["update_available"], 2);
    let updated = json(&sentier(&data, &["pack", "update"]));
    assert_eq!(updated[0]["version"], 2);

    json(&sentier(&data, &["pack", "remove", "demo"]));
    assert_eq!(json(&sentier(&data, &["packs"])), Value::Array(vec![]));
    let again = sentier(&data, &["pack", "remove", "demo"]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stdout).contains("no installed pack demo"));
}

#[test]
fn a_basemap_pack_is_added_from_a_tile_file_and_a_text_file_is_refused() {
    let work = tempfile::tempdir().unwrap();
    let data = work.path().join("data");
    let relief = work.path().join("relief.mbtiles");
    write_relief_mbtiles(&relief, &TERRITORY.zooms(0, 8)).unwrap();

    let added = json(&sentier(
        &data,
        &[
            "pack",
            "basemap",
            relief.to_str().unwrap(),
            "--name",
            "Relief",
        ],
    ));
    let pack = &added[0];
    assert_eq!(pack["id"], "basemap-relief");
    assert_eq!(pack["name"], "Relief");
    assert_eq!(pack["kind"], "basemap");
    assert!(
        pack["tiles"][0]
            .as_str()
            .unwrap()
            .ends_with("basemap.mbtiles")
    );

    let text = work.path().join("notes.pmtiles");
    std::fs::write(&text, "not a map").unwrap();
    let refused = sentier(&data, &["pack", "basemap", text.to_str().unwrap()]);
    assert!(!refused.status.success());
    let message = serde_json::from_slice::<Value>(&refused.stdout).unwrap()["error"]["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        message.contains(
            "notes.pmtiles is not a usable MBTiles or PMTiles tile set: it is not a tile set"
        ),
        "{message}"
    );
}
