//! `sentier territory` end to end: a territory added from the test kit's
//! Geotrek API and its Geotrek-mobile tree, offered, installed with some
//! treks' tiles, searched, listed, updated and removed.

mod support;

use support::{json, sentier};

use sentier_testkit::Resource;
use sentier_testkit::api_server::ApiServer;
use sentier_testkit::mobile_tree::write_mobile_tree;
use sentier_testkit::pack_server::PackServer;
use sentier_testkit::territory::{Territory, TerritorySpec};
use serde_json::Value;

#[test]
fn a_territory_is_offered_added_searched_updated_and_removed() {
    let work = tempfile::tempdir().unwrap();
    let territory = Territory::generate(&TerritorySpec::small(11, 4));
    let tree = write_mobile_tree(&territory, &work.path().join("www"), 0..=8, 10..=11).unwrap();
    let server = PackServer::start(&work.path().join("www")).unwrap();
    let api = ApiServer::start(territory).unwrap();
    let data = work.path().join("data");
    let mobile = format!("{}mobile/", server.url());
    let address = api.base_url();

    let offer = json(&sentier(
        &data,
        &["territory", "add", &address, "--mobile", &mobile, "--offer"],
    ));
    assert_eq!(offer["treks"], 4);
    assert_eq!(offer["trek_tiles"].as_array().unwrap().len(), 4);
    assert!(offer["basemap_size"].as_u64().unwrap() > 0);
    assert!(
        !data
            .join("packs")
            .read_dir()
            .unwrap()
            .any(|entry| { entry.unwrap().file_name() != ".staging" })
    );

    let chosen = tree.treks[0].0.to_string();
    let added = json(&sentier(
        &data,
        &[
            "territory",
            "add",
            &address,
            "--mobile",
            &mobile,
            "--treks",
            &chosen,
            "--lang",
            "en,fr",
        ],
    ));
    let id = added[0]["id"].as_str().unwrap().to_string();
    assert_eq!(added[0]["kind"], "territory");
    assert!(!added[0]["tiles"].as_array().unwrap().is_empty());

    let treks = json(&sentier(&data, &["treks", "--lang", "en"]));
    let in_english = api.with_territory(|park| park.published_count(Resource::Trek, Some("en")));
    assert_eq!(treks["total"], in_english, "{treks}");

    let listed = json(&sentier(&data, &["territory", "list"]));
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(listed[0]["id"], id.as_str());

    // The admin's address, the tree given apart and the treks chosen are
    // remembered: an update needs nothing more. With nothing new it keeps
    // the installed version; after a change on the admin it takes the same
    // treks' tiles again.
    let same = json(&sentier(&data, &["territory", "update", &id]));
    assert_eq!(same[0]["version"], 1);
    api.with_territory(|park| park.touch(0.01, 3));
    server.reset_counts();
    let updated = json(&sentier(&data, &["territory", "update", &id]));
    assert_eq!(updated[0]["version"], 2);
    assert_eq!(
        updated[0]["tiles"].as_array().unwrap().len(),
        added[0]["tiles"].as_array().unwrap().len()
    );
    assert!(
        server.requests("global.zip") > 0,
        "the tree given apart was asked"
    );

    let removed = json(&sentier(&data, &["territory", "remove", &id]));
    assert_eq!(removed["removed"], id.as_str());
    assert_eq!(
        json(&sentier(&data, &["territory", "list"])),
        Value::Array(vec![])
    );
}
