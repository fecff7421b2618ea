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
        center: LatLon::new(lat, lon),
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
    sync_pages(pages_of(folder, rename)).await
}

/// The fixture pages of `folder`, by the endpoint `rename` serves each as.
fn pages_of(
    folder: &std::path::Path,
    rename: impl Fn(&str) -> Option<String>,
) -> HashMap<String, String> {
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
    files
}

/// Syncs `files` (endpoint -> page) served from loopback, in French and English.
async fn sync_pages(files: HashMap<String, String>) -> (tempfile::TempDir, Catalog) {
    let url = serve(files).await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("catalog.sqlite");
    let report = sync(
        &path,
        &url,
        &SyncOptions {
            languages: vec!["fr".into(), "en".into()],
            portal: None,
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

/// The dict-shaped (no `language=`) answers of each endpoint of the live folder.
fn live_endpoint(stem: &str) -> Option<String> {
    match stem {
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
    }
}

#[tokio::test]
async fn current_server_shapes_sync_and_answer() {
    let Some(folder) = fixtures("geotrek-admin-live") else {
        return;
    };
    let (_dir, catalog) = sync_folder(&folder, live_endpoint).await;
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

/// The live folder's endpoints with the rich folder's beside them, its tour
/// and stages listed as treks: what an instance using every module serves.
fn live_and_rich_pages(
    live: &std::path::Path,
    rich: &std::path::Path,
    edit_tour: impl Fn(&mut serde_json::Value),
) -> HashMap<String, String> {
    let mut pages = pages_of(live, live_endpoint);
    pages.extend(pages_of(rich, |stem| {
        (stem != "tour" && stem != "menu_item").then(|| stem.to_string())
    }));
    let mut tour = sentier_testkit::fixtures::json(rich, "tour.json")["results"][0].clone();
    edit_tour(&mut tour);
    let steps = tour["steps"].as_array().cloned().unwrap_or_default();
    let mut treks: serde_json::Value =
        serde_json::from_str(&pages["trek"]).expect("the trek page is JSON");
    let results = treks["results"].as_array_mut().unwrap();
    results.push(tour);
    results.extend(steps);
    treks["count"] = results.len().into();
    pages.insert("trek".into(), treks.to_string());
    pages
}

#[tokio::test]
async fn every_trek_field_a_current_server_sends_is_decoded_and_labelled() {
    let (Some(live), Some(rich)) = (
        fixtures("geotrek-admin-live"),
        fixtures("geotrek-admin-rich"),
    ) else {
        return;
    };
    // The rich fixture's tour has no grades nor accessibility level: given
    // here in the serializer's shape, as ids into the synced lists.
    let pages = live_and_rich_pages(&live, &rich, |tour| {
        tour["ratings"] = serde_json::json!([32, 26]);
        tour["accessibility_level"] = 1.into();
        tour["accessibility_slope"] =
            serde_json::json!({"fr": "<p>Pente de 8 %</p>", "en": "<p>8% slope</p>"});
    });
    let (_dir, catalog) = sync_pages(pages).await;
    let tour = catalog.trek_detail(10062, "en").unwrap();
    assert_eq!(tour.name, "Emparis plateau tour");
    assert_eq!(
        tour.advised_parking_html,
        "Le Chazelet car park; shuttle back from Besse"
    );
    assert!(tour.parking_point.is_some());
    assert_eq!(tour.arrival, "Besse-en-Oisans");
    assert_eq!(
        tour.teaser_html,
        "<p>A two-day tour around the plateau.</p>"
    );
    // Grades on their scales, in the scales' order.
    let ratings: Vec<(&str, &str)> = tour
        .ratings
        .iter()
        .map(|r| (r.scale.as_str(), r.name.as_str()))
        .collect();
    assert_eq!(
        ratings,
        [
            ("Effort", "1 - Easy"),
            ("Technical difficulty", "2 - Fairly easy")
        ]
    );
    assert_eq!(
        tour.ratings[0].description,
        "Less than 300 m of ascent, under 2 hours of walking."
    );
    assert_eq!(
        tour.accessibility.level.as_ref().map(|l| l.label.as_str()),
        Some("Beginner")
    );
    assert_eq!(tour.accessibility.slope_html, "<p>8% slope</p>");
    // Web links with their categories.
    let links: Vec<(&str, Option<&str>)> = tour
        .web_links
        .iter()
        .map(|l| {
            (
                l.url.as_str(),
                l.category.as_ref().map(|c| c.label.as_str()),
            )
        })
        .collect();
    assert_eq!(
        links,
        [
            ("https://meteofrance.com/meteo-montagne", Some("Weather")),
            ("https://zou.maregionsud.fr/", Some("Bus")),
            (
                "https://www.ecrins-parcnational.fr/refuges",
                Some("Mountain hut")
            ),
        ]
    );
    assert_eq!(
        tour.web_links[0].name,
        "Mountain weather forecast – Météo-France"
    );
    // Source, structure and booking, named from their lists.
    assert_eq!(tour.sources.len(), 1);
    assert_eq!(tour.sources[0].name, "Parc national des Écrins");
    assert_eq!(
        tour.sources[0].website.as_deref(),
        Some("https://www.ecrins-parcnational.fr")
    );
    assert_eq!(tour.structure.as_deref(), Some("PNE"));
    let reservation = tour.reservation.as_ref().expect("the tour can be booked");
    assert_eq!(reservation.system, "OpenSystem");
    assert_eq!(reservation.reservation_id, "PNE-EMPARIS-2J-2027");
    // Labels and networks (waymarking) labelled, route type too.
    assert!(!tour.labels.is_empty() && tour.labels.iter().all(|l| !l.label.is_empty()));
    assert_eq!(tour.networks.len(), 2);
    assert!(tour.route.is_some());
    // The tour's stages in order, and each stage's tour.
    let steps: Vec<i64> = tour.steps.iter().map(|s| s.id).collect();
    assert_eq!(steps, [10060, 10061]);
    let stage = catalog.trek_detail(10061, "fr").unwrap();
    assert_eq!(
        stage.parents.iter().map(|p| p.id).collect::<Vec<_>>(),
        [10062]
    );
    assert!(
        stage.reservation.is_none(),
        "an empty reservation id books nothing"
    );
    // The photo keeps its legend and author: crediting them is a licence obligation.
    let photo = &tour.media[0];
    assert_eq!(photo.legend.as_deref(), Some("Le plateau au lever du jour"));
    assert_eq!(photo.author.as_deref(), Some("Parc national des Écrins"));
    assert!(tour.pdf_url.as_deref().is_some_and(|u| u.ends_with(".pdf")));
}

#[tokio::test]
async fn a_current_server_s_accessibility_texts_and_reference_points_are_decoded() {
    let Some(live) = fixtures("geotrek-admin-live") else {
        return;
    };
    let (_dir, catalog) = sync_folder(&live, live_endpoint).await;
    // `trek_fr.json` holds the French texts as plain strings.
    let trek = catalog.trek_detail(10115, "fr").unwrap();
    assert_eq!(
        trek.accessibility.disabled_infrastructure_html,
        "<p>Accessibility infrastructure</p>"
    );
    assert_eq!(trek.accessibility.slope_html, "<p>Accessibility slope</p>");
    assert_eq!(trek.advised_parking_html, "<p>Advised parking</p>");
    assert!(trek.ratings.is_empty() && trek.web_links.is_empty());
    // Trek 9000 numbers two points of its description.
    let numbered = catalog.trek_detail(9000, "fr").unwrap().reference_points;
    assert_eq!(
        numbered.iter().map(|p| p.number).collect::<Vec<_>>(),
        [1, 2]
    );
    assert!((numbered[0].position.lon - -1.363_059_675).abs() < 1e-6);
    assert!((numbered[0].position.lat - -5.983_575_264).abs() < 1e-6);
}

#[tokio::test]
async fn outdoor_sites_courses_flat_pages_and_services_sync_and_answer() {
    let (Some(live), Some(rich)) = (
        fixtures("geotrek-admin-live"),
        fixtures("geotrek-admin-rich"),
    ) else {
        return;
    };
    let (_dir, catalog) = sync_pages(live_and_rich_pages(&live, &rich, |_| {})).await;
    let outdoor = catalog.outdoor("en").unwrap();
    let described: Vec<(PlaceKind, i64, &str, Option<&str>)> = outdoor
        .iter()
        .map(|o| (o.kind, o.id, o.name.as_str(), o.practice.as_deref()))
        .collect();
    assert_eq!(
        described,
        [
            (
                PlaceKind::OutdoorSite,
                1,
                "Pelvoux cliffs",
                Some("Climbing")
            ),
            (
                PlaceKind::OutdoorSite,
                2,
                "La Pisse sector",
                Some("Climbing")
            ),
            (
                PlaceKind::OutdoorSite,
                3,
                "Grand Clot mines via ferrata",
                Some("Via ferrata")
            ),
            (
                PlaceKind::OutdoorCourse,
                1,
                "Les Mélèzes route",
                Some("Climbing")
            ),
            (
                PlaceKind::OutdoorCourse,
                2,
                "Grand Clot via ferrata – main route",
                Some("Via ferrata")
            ),
        ]
    );
    let cliffs = &outdoor[0];
    assert_eq!(cliffs.type_label.as_deref(), Some("Climbing crag"));
    assert_eq!(cliffs.children, [2]);
    assert!(
        cliffs.position.is_some(),
        "a site's geometry collection places it"
    );
    assert!(
        cliffs.ratings.iter().all(|r| r.contains(": ")) && !cliffs.ratings.is_empty(),
        "grades carry their scale: {:?}",
        cliffs.ratings
    );
    assert_eq!(outdoor[4].parents, [3], "a course belongs to its site");
    // Flat pages, with their tree.
    let pages = catalog.flat_pages("en").unwrap();
    assert_eq!(pages.len(), 3);
    assert_eq!(pages[0].title, "Park rules");
    assert_eq!(pages[0].children, [2]);
    assert_eq!(pages[1].parent, Some(1));
    assert!(pages[0].content_html.contains("<h2>"));
    // Services are places: near a point, named by their type.
    let water = catalog
        .nearby(
            &circle(44.7257227, 6.1515329, 50.0),
            &[PlaceKind::Service],
            "en",
            5,
        )
        .unwrap();
    assert_eq!(water.len(), 1);
    assert_eq!(water[0].type_label.as_deref(), Some("Drinking water"));
}

#[tokio::test]
async fn what_lies_around_a_trek_is_listed_along_it() {
    let (Some(live), Some(rich)) = (
        fixtures("geotrek-admin-live"),
        fixtures("geotrek-admin-rich"),
    ) else {
        return;
    };
    let mut pages = live_and_rich_pages(&live, &rich, |_| {});
    // No fixture service lies on a trek: one more, in the fixture's shape,
    // on trek 10099's line (at its 40th vertex).
    let trek: serde_json::Value = serde_json::from_str(&pages["trek"]).unwrap();
    let vertex = trek["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == 10099)
        .unwrap()["geometry"]["coordinates"][40]
        .clone();
    let mut services: serde_json::Value = serde_json::from_str(&pages["service"]).unwrap();
    let mut water = services["results"][0].clone();
    water["id"] = 10090.into();
    water["geometry"]["coordinates"] = vertex;
    services["results"].as_array_mut().unwrap().push(water);
    pages.insert("service".into(), services.to_string());
    let (_dir, catalog) = sync_pages(pages).await;

    let around = catalog.around_trek(10099, "en").unwrap();
    let listed: Vec<(PlaceKind, i64, &str)> = around
        .iter()
        .map(|p| (p.kind, p.id, p.name.as_str()))
        .collect();
    assert_eq!(
        listed,
        [
            (PlaceKind::InformationDesk, 2, "Maison du Parc de Vallouise"),
            (PlaceKind::Service, 10090, "Drinking water"),
        ],
        "in trek order: {around:#?}"
    );
    assert!(around[0].along_m < around[1].along_m);
    assert!((around[0].distance_m - 13.0).abs() < 5.0 && around[1].distance_m < 1.0);
    // 378 m from trek 10110: within Geotrek's 500 m margin.
    let far = catalog.around_trek(10110, "en").unwrap();
    assert_eq!(far.iter().map(|p| p.id).collect::<Vec<_>>(), [5]);
    assert!((far[0].distance_m - 378.0).abs() < 10.0);
}
