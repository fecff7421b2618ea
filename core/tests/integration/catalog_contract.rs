//! Contract tests: the catalog decodes and syncs what real Geotrek-admin
//! servers sent (`../shared/fixtures/`, when that folder exists), served as
//! they were from a loopback server, and answers questions about it.

use std::collections::HashMap;
use std::path::PathBuf;

use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use sentier_core::catalog::{
    Catalog, Circle, LatLon, Limits, PlaceKind, SyncOptions, TrekQuery, sync::sync,
};
use tokio_util::sync::CancellationToken;

fn fixtures(folder: &str) -> Option<PathBuf> {
    sentier_testkit::fixtures::folder(folder)
}

/// Serves `files` (endpoint -> JSON body) as `/api/v2/<endpoint>/`, and an
/// empty page for any other endpoint.
async fn serve(files: HashMap<String, String>) -> String {
    async fn endpoint(
        State(files): State<std::sync::Arc<HashMap<String, String>>>,
        Path(name): Path<String>,
    ) -> impl IntoResponse {
        let body = files.get(&name).cloned().unwrap_or_else(|| {
            r#"{"count": 0, "next": null, "previous": null, "results": []}"#.to_string()
        });
        (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "application/json")],
            body,
        )
    }
    let app = axum::Router::new()
        .route("/api/v2/{name}/", axum::routing::get(endpoint))
        .with_state(std::sync::Arc::new(files));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{address}/api/v2/")
}

fn circle(lat: f64, lon: f64, radius_m: f64) -> Circle {
    Circle {
        center: LatLon { lat, lon },
        radius_m,
    }
}

/// Endpoint names of the older fixtures, which were named after their test.
fn endpoint_of(file: &str) -> Option<&str> {
    Some(match file {
        "trek_theme" => "theme",
        "trek_label" => "label",
        "signage_conditions" => "signage_condition",
        // A trek list reduced to information desks: not a whole endpoint.
        "trek_informationdesk" => return None,
        other => other,
    })
}

async fn sync_folder(
    folder: &std::path::Path,
    rename: impl Fn(&str) -> Option<String>,
) -> (tempfile::TempDir, Catalog) {
    let mut files = HashMap::new();
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        if path.extension().is_some_and(|e| e == "json")
            && let Some(endpoint) = rename(&stem)
        {
            // Each file is one page; their `next` links point at servers
            // that were never ours.
            let mut page = sentier_testkit::fixtures::json(folder, &format!("{stem}.json"));
            if let Some(next) = page.get_mut("next") {
                *next = serde_json::Value::Null;
            }
            files.insert(endpoint, page.to_string());
        }
    }
    let url = serve(files).await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("catalog.sqlite");
    let report = sync(
        &path,
        &url,
        &SyncOptions {
            languages: vec!["fr".into(), "en".into()],
        },
        Limits::default(),
        &|_| {},
        &CancellationToken::new(),
    )
    .await
    .unwrap();
    assert!(report.objects_upserted > 0);
    (dir, Catalog::open(&path).unwrap())
}

#[tokio::test]
async fn older_server_shapes_sync_and_answer() {
    let Some(folder) = fixtures("geotrek-api-v2") else {
        return;
    };
    let (_dir, catalog) = sync_folder(&folder, |stem| endpoint_of(stem).map(str::to_string)).await;
    // Accent- and case-insensitive prefix search over names in both languages.
    let mut query = TrekQuery::all("en");
    query.text = Some("seigneur".into());
    let page = catalog.search(&query).unwrap();
    assert_eq!(page.total, 1, "{page:?}");
    let trek = catalog.trek_detail(page.treks[0].id, "fr").unwrap();
    assert_eq!(trek.name, "Boucle du Pic des Trois Seigneurs");
    assert_eq!(trek.language, "fr");
    assert_eq!(trek.ascent_m, Some(666.0));
    // The fixture's line is cut to its first two 3D vertices.
    assert_eq!(trek.geometry.len(), 2);
    assert_eq!(trek.profile.elevations_m, vec![1516.0, 1516.0]);
    assert!(trek.practice.is_some() && trek.difficulty.is_some());
    assert!(!trek.media.is_empty() && trek.media[0].is_image);
    assert!(trek.pdf_url.as_deref().is_some_and(|u| u.contains("/fr/")));
    // Signage lines of the older shape carry one `pictogram`.
    let signage = catalog.nearby(
        &circle(44.0, 4.0, 900_000.0),
        &[PlaceKind::Signage],
        "fr",
        10,
    );
    assert!(!signage.unwrap().is_empty());
}

#[tokio::test]
async fn current_server_shapes_sync_and_answer() {
    let Some(folder) = fixtures("geotrek-admin-live") else {
        return;
    };
    // The dict-shaped (no `language=`) answers of each endpoint.
    let (_dir, catalog) = sync_folder(&folder, |stem| match stem {
        "trek_fr" => Some("trek".into()),
        "sensitivearea_period_any" => Some("sensitivearea".into()),
        s if s.ends_with("_en")
            || s.contains("geojson")
            || s.starts_with("gtam")
            || s.starts_with("feedback_report")
            || s == "sensitivearea"
            || s == "sensitivearea_bubble"
            || s == "poi_near_trek" =>
        {
            None
        }
        s => Some(s.into()),
    })
    .await;
    let status = catalog.status().unwrap();
    assert_eq!(status.treks, 21);
    assert_eq!(status.bbox.as_ref().map(Vec::len), Some(4));
    // `trek_fr.json` holds plain French strings: the sync's first language.
    let mut query = TrekQuery::all("fr");
    query.text = Some("belvedere pelv".into());
    let page = catalog.search(&query).unwrap();
    assert_eq!(
        page.treks.first().map(|t| t.name.as_str()),
        Some("Belvédère du Pelvoux")
    );
    let detail = catalog.trek_detail(page.treks[0].id, "fr").unwrap();
    assert_eq!(detail.cities.len(), 1);
    assert!(
        !detail.information_desks.is_empty(),
        "information desks are linked by id"
    );
    // Every sensitive area, whatever the month, with its 12-month period.
    let areas = catalog
        .nearby(
            &circle(44.85, 6.3, 100_000.0),
            &[PlaceKind::SensitiveArea],
            "en",
            50,
        )
        .unwrap();
    assert_eq!(areas.len(), 5);
    // A trek's sensitive areas carry the rules to follow there, in the
    // language asked.
    let all = catalog.search(&TrekQuery::all("en")).unwrap();
    let area = all
        .treks
        .iter()
        .flat_map(|trek| catalog.trek_detail(trek.id, "en").unwrap().sensitive_areas)
        .find(|area| area.id == 1)
        .expect("a trek crosses sensitive area 1");
    assert_eq!(
        area.rules,
        [
            "Pedestrian access forbidden",
            "Regulated pedestrian access",
            "Equestrian activities forbidden"
        ]
    );
}
