//! A ranger downloads the territory's signage and infrastructure from the
//! field API before going out, then picks the item a report is about
//! offline, nearest first, unpublished items and current conditions included.

use crate::reports_support;

use reports_support::{login, open_sync};
use sentier_core::geodesy::LatLon;
use sentier_core::reports::{AssetKind, FieldAssetCache, ReportError, nearby_assets};
use sentier_core::runtime::runtime;
use sentier_testkit::field_server::{FieldServer, gtam_infrastructure, gtam_signage};

const HERE: LatLon = LatLon::new(44.8, 6.3);

/// A point `north_m` metres north and `east_m` metres east of [`HERE`].
fn offset(north_m: f64, east_m: f64) -> (f64, f64) {
    let lat = HERE.lat + north_m / 111_195.0;
    let lon = HERE.lon + east_m / (111_195.0 * HERE.lat.to_radians().cos());
    (lon, lat)
}

#[test]
fn downloaded_items_are_offered_offline_nearest_first_with_their_conditions() {
    let server = FieldServer::start().unwrap();
    server.set_assets(
        vec![
            gtam_signage(
                7,
                "S007",
                "Pont de la Pisse",
                offset(30.0, 0.0),
                &["Refuge 1h30"],
            ),
            gtam_signage(
                8,
                "S008",
                "Lac Lauvitel",
                offset(5.0, 5.0),
                &["Lac 0h45", "Col 2h"],
            ),
            gtam_signage(9, "S009", "Far away", offset(400.0, 0.0), &[]),
        ],
        // Unpublished, along a line passing 20 m south of here.
        vec![gtam_infrastructure(
            3,
            "Passerelle du Vénéon",
            &[offset(-20.0, -100.0), offset(-20.0, 100.0)],
        )],
    );
    let dir = tempfile::tempdir().unwrap();
    let sync = open_sync(dir.path());
    login(&sync, &server.url());
    let assets = runtime()
        .block_on(sync.download_field_assets(&server.url()))
        .unwrap();
    assert_eq!(assets.len(), 4);

    let cache = FieldAssetCache::open(&dir.path().join("field-assets.sqlite")).unwrap();
    let status = cache.replace(&server.url(), &assets, 1_000).unwrap();
    assert_eq!(status.items, 4);
    drop(server); // offline from here on

    let offered = nearby_assets(&cache.of_server(&status.server_url), HERE);
    let picked: Vec<(AssetKind, i64)> =
        offered.iter().map(|a| (a.asset.kind, a.asset.id)).collect();
    assert_eq!(
        picked,
        [
            (AssetKind::Signage, 8),
            (AssetKind::Infrastructure, 3),
            (AssetKind::Signage, 7)
        ]
    );
    assert!(
        (offered[1].distance_m - 20.0).abs() < 1.0,
        "{}",
        offered[1].distance_m
    );
    let signpost = &offered[0].asset;
    assert_eq!(
        (signpost.code.as_str(), signpost.name.as_str()),
        ("S008", "Lac Lauvitel")
    );
    assert_eq!(signpost.type_name.as_deref(), Some("Directionnelle"));
    assert_eq!(signpost.blades[0].lines, ["Lac 0h45", "Col 2h"]);
    assert_eq!(signpost.blades[0].direction.as_deref(), Some("Tout Droit"));
    assert_eq!(signpost.conditions[0].label, "Bon état");

    // Reopened (the app restarted), the cache still answers.
    drop(cache);
    let cache = FieldAssetCache::open(&dir.path().join("field-assets.sqlite")).unwrap();
    assert_eq!(
        cache.status(&status.server_url).unwrap(),
        Some(status.clone())
    );
    assert_eq!(
        nearby_assets(&cache.of_server(&status.server_url), HERE).len(),
        3
    );
    // Another server's items are not mixed in.
    assert!(nearby_assets(&cache.of_server("http://127.0.0.1:9/"), HERE).is_empty());
}

#[test]
fn a_new_download_replaces_the_previous_one() {
    let dir = tempfile::tempdir().unwrap();
    let cache = FieldAssetCache::open(&dir.path().join("field-assets.sqlite")).unwrap();
    let server = FieldServer::start().unwrap();
    let sync = open_sync(dir.path());
    login(&sync, &server.url());
    let download = |signages| {
        server.set_assets(signages, Vec::new());
        let assets = runtime()
            .block_on(sync.download_field_assets(&server.url()))
            .unwrap();
        cache.replace(&server.url(), &assets, 0).unwrap()
    };
    download(vec![
        gtam_signage(1, "S1", "Removed since", offset(1.0, 0.0), &[]),
        gtam_signage(2, "S2", "Kept", offset(2.0, 0.0), &[]),
    ]);
    let status = download(vec![gtam_signage(
        2,
        "S2",
        "Renamed",
        offset(2.0, 0.0),
        &[],
    )]);
    assert_eq!(status.items, 1);
    let offered = nearby_assets(&cache.of_server(&server.url()), HERE);
    assert_eq!(offered.len(), 1);
    assert_eq!(offered[0].asset.name, "Renamed");
}

#[test]
fn downloading_needs_a_session_and_survives_an_expired_token() {
    let server = FieldServer::start().unwrap();
    server.set_assets(
        vec![gtam_signage(1, "S1", "Carrefour", offset(0.0, 0.0), &[])],
        vec![],
    );
    let dir = tempfile::tempdir().unwrap();
    let sync = open_sync(dir.path());
    let without_session = runtime().block_on(sync.download_field_assets(&server.url()));
    assert!(matches!(
        without_session,
        Err(ReportError::LoginRequired { .. })
    ));

    login(&sync, &server.url());
    server.expire_access_tokens();
    let assets = runtime()
        .block_on(sync.download_field_assets(&server.url()))
        .unwrap();
    assert_eq!(assets.len(), 1, "the token was refreshed once");

    server.revoke_all_tokens();
    let revoked = runtime().block_on(sync.download_field_assets(&server.url()));
    assert!(matches!(revoked, Err(ReportError::LoginRequired { .. })));
}

/// The field API's real answers (`shared/fixtures/geotrek-admin-live`),
/// served as they are: every item decodes, points and lines alike.
#[test]
fn the_live_field_api_lists_decode() {
    let Some(fixtures) = sentier_testkit::fixtures::folder("geotrek-admin-live") else {
        return;
    };
    let read = |name: &str| -> Vec<serde_json::Value> {
        serde_json::from_value(sentier_testkit::fixtures::json(&fixtures, name))
            .unwrap_or_else(|error| panic!("{name} is not a list of items: {error}"))
    };
    let (signages, infrastructures) = (
        read("gtam_signages.json"),
        read("gtam_infrastructures.json"),
    );
    let expected = signages.len() + infrastructures.len();
    let server = FieldServer::start().unwrap();
    server.set_assets(signages, infrastructures);
    let dir = tempfile::tempdir().unwrap();
    let sync = open_sync(dir.path());
    login(&sync, &server.url());
    let assets = runtime()
        .block_on(sync.download_field_assets(&server.url()))
        .unwrap();
    assert_eq!(assets.len(), expected);
    let carrefour = assets
        .iter()
        .find(|asset| asset.code == "S011")
        .expect("S011 Carrefour Vallon de Chabournéou");
    assert_eq!(carrefour.name, "Carrefour Vallon de Chabournéou");
    assert!(!carrefour.blades.is_empty() && !carrefour.blades[0].lines.is_empty());
    assert!(!carrefour.conditions.is_empty());
    assert!(
        assets
            .iter()
            .any(|asset| asset.kind == AssetKind::Infrastructure && asset.geometry.len() > 1),
        "line infrastructure keeps its vertices"
    );
}
