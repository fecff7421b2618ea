//! The loopback tile server over real HTTP: tokens, tiles and their headers,
//! TileJSON, the style with overlays, sets added while it runs, bad requests.

use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::time::{Duration, Instant};

use sentier_core::tiles::{
    GeoJsonOverlays, MapView, OverlayLayer, ServerOptions, TileCoord, TileFormat, TileLayers,
    TileServer, TrekIdSet,
};
use sentier_testkit::loopback::{self, Response};
use sentier_testkit::tiles::{self as testdata, MbtilesSchema, TERRITORY};
use tempfile::TempDir;

struct Fixture {
    dir: TempDir,
    server: TileServer,
}

impl Fixture {
    fn get(&self, path: &str) -> Response {
        loopback::get_url(&format!("{}{path}", self.server.base_url()), &[]).unwrap()
    }

    /// The style of `view`, parsed.
    fn style(&self, view: &MapView) -> serde_json::Value {
        serde_json::from_slice(
            &loopback::get_url(&self.server.style_url(view), &[])
                .unwrap()
                .body,
        )
        .unwrap()
    }

    fn raw(&self, target: &str, headers: &[(&str, &str)]) -> Response {
        loopback::get(self.server.address(), target, headers).unwrap()
    }
}

const TREKS: &str = r#"{"type":"FeatureCollection","features":[
  {"type":"Feature","id":7,"properties":{"name":"Lac"},"geometry":{"type":"LineString","coordinates":[[6.2,44.7],[6.4,44.9]]}},
  {"type":"Feature","id":8,"properties":{"name":"Col"},"geometry":{"type":"LineString","coordinates":[[6.1,44.8],[6.5,44.8]]}}]}"#;

fn start() -> Fixture {
    start_with(ServerOptions::default())
}

fn start_with(options: ServerOptions) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let relief = dir.path().join("relief.mbtiles");
    let contours = dir.path().join("contours.pmtiles");
    testdata::relief_mbtiles(
        &relief,
        &TERRITORY.zooms(0, 10),
        MbtilesSchema::Flat,
        TileFormat::Png,
    )
    .unwrap();
    testdata::vector_pmtiles(&contours, &TERRITORY.zooms(0, 10)).unwrap();
    let layers = Arc::new(TileLayers::new());
    layers.add("relief", &relief).unwrap();
    layers.add("contours", &contours).unwrap();
    let mut overlays = GeoJsonOverlays::new();
    overlays.set(OverlayLayer::Treks, TREKS).unwrap();
    let server = TileServer::start(layers, Some(Arc::new(overlays)), options).unwrap();
    Fixture { dir, server }
}

fn tile_path(layer: &str, coord: TileCoord, ext: &str) -> String {
    format!(
        "/tiles/{layer}/{}/{}/{}.{ext}",
        coord.z(),
        coord.x(),
        coord.y()
    )
}

#[test]
fn serves_tiles_with_their_http_headers() {
    let fixture = start();
    assert!(fixture.server.base_url().starts_with("http://127.0.0.1:"));
    let coord = TileCoord::containing(6.3, 44.8, 10).unwrap();

    let png = fixture.get(&tile_path("relief", coord, "png"));
    assert_eq!(png.status, 200);
    assert_eq!(png.header("content-type"), Some("image/png"));
    assert_eq!(png.header("content-encoding"), None);
    assert_eq!(
        png.body,
        testdata::relief_tile(coord, TileFormat::Png).unwrap()
    );
    assert!(png.header("cache-control").unwrap().contains("max-age"));
    assert_eq!(png.header("access-control-allow-origin"), Some("*"));
    let etag = png.header("etag").unwrap().to_string();

    let again = fixture.raw(
        &format!(
            "{}{}",
            base_path(&fixture),
            tile_path("relief", coord, "png")
        ),
        &[("If-None-Match", &etag)],
    );
    assert_eq!(again.status, 304);
    assert!(again.body.is_empty());
    assert_eq!(again.header("etag"), Some(etag.as_str()));

    let mvt = fixture.get(&tile_path("contours", coord, "pbf"));
    assert_eq!(mvt.status, 200);
    assert_eq!(
        mvt.header("content-type"),
        Some("application/vnd.mapbox-vector-tile")
    );
    assert_eq!(mvt.header("content-encoding"), Some("gzip"));
    assert_eq!(mvt.body, testdata::vector_tile(coord));

    // Outside the territory: no content. Past z10 the relief is overzoomed, the vector layer is not.
    let outside = TileCoord::new(10, 0, 0).unwrap();
    assert_eq!(
        fixture.get(&tile_path("relief", outside, "png")).status,
        204
    );
    let deep = TileCoord::containing(6.3, 44.8, 16).unwrap();
    let overzoomed = fixture.get(&tile_path("relief", deep, "png"));
    assert_eq!(overzoomed.status, 200);
    assert_eq!(overzoomed.header("content-type"), Some("image/png"));
    assert_eq!(
        image::load_from_memory(&overzoomed.body).unwrap().width(),
        256
    );
    assert_eq!(fixture.get(&tile_path("contours", deep, "pbf")).status, 204);
}

/// `/{token}`: the path part of the server's base URL.
fn base_path(fixture: &Fixture) -> String {
    let base = fixture.server.base_url().trim_start_matches("http://");
    base[base.find('/').unwrap()..].to_string()
}

#[test]
fn refuses_bad_requests_without_crashing() {
    let fixture = start();
    let token_path = base_path(&fixture);
    let coord = TileCoord::containing(6.3, 44.8, 10).unwrap();
    let good = tile_path("relief", coord, "png");
    // Without the token, or with another one: forbidden.
    assert_eq!(fixture.raw(&good, &[]).status, 403);
    assert_eq!(
        fixture
            .raw(&format!("/0123456789abcdef0123456789abcdef{good}"), &[])
            .status,
        403
    );
    assert_eq!(fixture.raw("/style.json", &[]).status, 403);
    assert_eq!(fixture.raw("/", &[]).status, 403);
    // Malformed, negative, overflowing and out-of-grid coordinates.
    for bad in [
        "/tiles/relief/10/x/5.png",
        "/tiles/relief/-1/0/0.png",
        "/tiles/relief/10/-3/0.png",
        "/tiles/relief/10/0/99999999999999999999.png",
        "/tiles/relief/10/1024/0.png",
        "/tiles/relief/31/0/0.png",
        "/tiles/relief/255/0/0.png",
        "/tiles/relief/10/0/0",
        "/tiles/relief/10/+1/0.png",
        "/tiles/relief/10/0/1e3.png",
    ] {
        assert_eq!(fixture.get(bad).status, 400, "{bad}");
    }
    // Unknown layers and extensions, traversal attempts: not found, never a file.
    for missing in [
        "/tiles/nope/0/0/0.png",
        "/tiles/relief/0/0/0.jpg",
        "/tiles/..%2F..%2Fetc.json",
        "/tiles/../../../../etc/passwd",
        "/viewer/..%2F..%2FCargo.toml",
        "/viewer/maplibre-gl.mjs",
        "/map",
        "/overlays/secret.geojson",
        "/nothing",
    ] {
        let response = fixture.raw(&format!("{token_path}{missing}"), &[]);
        assert!(
            matches!(response.status, 400 | 404),
            "{missing}: {}",
            response.status
        );
        assert!(!response.text().contains("[package]"), "{missing}");
    }
    // Still serving.
    assert_eq!(fixture.get(&good).status, 200);
}

#[test]
fn tilejson_and_style_describe_layers_and_overlays() {
    let fixture = start();
    let base = fixture.server.base_url().to_string();
    let tilejson: serde_json::Value =
        serde_json::from_slice(&fixture.get("/tiles/relief.json").body).unwrap();
    assert_eq!(
        tilejson["tiles"][0],
        format!("{base}/tiles/relief/{{z}}/{{x}}/{{y}}.png")
    );
    assert_eq!(tilejson["maxzoom"], 18);
    assert_eq!(tilejson["bounds"][0], 6.0);
    let vector: serde_json::Value =
        serde_json::from_slice(&fixture.get("/tiles/contours.json").body).unwrap();
    assert_eq!(vector["maxzoom"], 10);
    assert_eq!(vector["vector_layers"][1]["id"], "forest");
    assert_eq!(fixture.get("/tiles/nope.json").status, 404);

    let response =
        loopback::get_url(&fixture.server.style_url(&MapView::selecting(Some(8))), &[]).unwrap();
    assert_eq!(response.header("content-type"), Some("application/json"));
    let style: serde_json::Value = serde_json::from_slice(&response.body).unwrap();
    assert_eq!(style["version"], 8);
    assert_eq!(
        style["sources"]["basemap-relief"]["url"],
        format!("{base}/tiles/relief.json")
    );
    assert_eq!(style["sources"]["basemap-contours"]["type"], "vector");
    let layer_ids: Vec<&str> = style["layers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["id"].as_str().unwrap())
        .collect();
    let position = |id: &str| {
        layer_ids
            .iter()
            .position(|l| *l == id)
            .unwrap_or_else(|| panic!("{id} in {layer_ids:?}"))
    };
    assert!(position("basemap-relief") < position("basemap-contours-contour-line"));
    assert!(position("overlay-treks") < position("overlay-selected-trek"));
    assert!(position("overlay-sensitive-areas") < position("overlay-treks"));
    // The selected trek is drawn above the markers.
    assert!(position("overlay-pois") < position("overlay-selected-trek"));
    assert!(position("overlay-signage") < position("overlay-selected-trek"));
    assert_eq!(layer_ids.last(), Some(&"overlay-selected-trek-markers"));
    for overlay in OverlayLayer::ALL {
        for id in overlay.style_layer_ids() {
            position(&id);
        }
    }

    // The overlays come from the source, the selected trek highlighted from the style's URL.
    let selected_url = style["sources"]["selected-trek"]["data"].as_str().unwrap();
    let selected = loopback::get_url(selected_url, &[]).unwrap();
    assert_eq!(
        selected.header("content-type"),
        Some("application/geo+json")
    );
    let selected: serde_json::Value = serde_json::from_slice(&selected.body).unwrap();
    assert_eq!(selected["features"].as_array().unwrap().len(), 1);
    assert_eq!(selected["features"][0]["id"], 8);
    let treks: serde_json::Value =
        serde_json::from_slice(&fixture.get("/overlays/treks.geojson").body).unwrap();
    assert_eq!(treks["features"].as_array().unwrap().len(), 2);
    let pois: serde_json::Value =
        serde_json::from_slice(&fixture.get("/overlays/pois.geojson").body).unwrap();
    assert!(pois["features"].as_array().unwrap().is_empty());
    assert_eq!(fixture.get("/overlays/treks.geojson?trek=abc").status, 400);

    fixture.server.set_overlays(None);
    let treks: serde_json::Value =
        serde_json::from_slice(&fixture.get("/overlays/treks.geojson").body).unwrap();
    assert!(treks["features"].as_array().unwrap().is_empty());
}

#[test]
fn labels_are_written_with_glyphs_the_server_makes_from_the_bundled_font() {
    use sentier_core::tiles::glyphs::{FONT_STACK, glyph_range};
    let fixture = start();
    let base = fixture.server.base_url().to_string();
    let style = fixture.style(&MapView::selecting(Some(8)));
    let template = style["glyphs"].as_str().unwrap();
    assert_eq!(
        template,
        format!("{base}/fonts/{{fontstack}}/{{range}}.pbf")
    );

    // Every text of the style is in the bundled font: places under their
    // icons, cluster counts, the selected trek's name along it.
    let texts: Vec<&serde_json::Value> = style["layers"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|layer| layer["layout"]["text-field"].is_array())
        .collect();
    let ids: Vec<&str> = texts.iter().map(|l| l["id"].as_str().unwrap()).collect();
    for id in [
        "overlay-pois",
        "overlay-pois-cluster-counts",
        "overlay-signage",
        "overlay-information-desks",
        "overlay-touristic-contents",
        "overlay-selected-trek-name",
    ] {
        assert!(ids.contains(&id), "{id} writes no label: {ids:?}");
    }
    for layer in &texts {
        assert_eq!(
            layer["layout"]["text-font"],
            serde_json::json!([FONT_STACK])
        );
    }

    // MapLibre's request, as it writes it: the stack URL-encoded.
    let url = template
        .replace("{fontstack}", &FONT_STACK.replace(' ', "%20"))
        .replace("{range}", "0-255");
    let response = loopback::get_url(&url, &[]).unwrap();
    assert_eq!(response.status, 200);
    assert_eq!(
        response.header("content-type"),
        Some("application/x-protobuf")
    );
    assert_eq!(
        response.body,
        glyph_range(FONT_STACK, "0-255.pbf").unwrap().to_vec()
    );

    // Unknown stacks, malformed or out-of-plane ranges and paths that try
    // to climb out are a clean 404, and the server goes on serving.
    let font = FONT_STACK.replace(' ', "%20");
    for path in [
        "/fonts/Arial%20Regular/0-255.pbf".to_string(),
        "/fonts/..%2F..%2Fetc%2Fpasswd/0-255.pbf".to_string(),
        "/fonts/%2E%2E/0-255.pbf".to_string(),
        format!("/fonts/{font}/0-511.pbf"),
        format!("/fonts/{font}/65536-65791.pbf"),
        format!("/fonts/{font}/-256-1.pbf"),
        format!("/fonts/{font}/0-255"),
        format!("/fonts/{font}/..%2F..%2F0-255.pbf"),
        format!("/fonts/{font}/99999999999999999999-0.pbf"),
    ] {
        let response = fixture.get(&path);
        assert_eq!(response.status, 404, "{path}");
    }
    assert_eq!(
        fixture.get(&format!("/fonts/{font}/256-511.pbf")).status,
        200
    );
}

#[test]
fn the_style_draws_icons_from_the_served_sprite_and_one_basemap_when_chosen() {
    use sentier_core::tiles::sprite::{ARROW_ICON, PLACEHOLDER_ICON, Sprites, pictogram_icon};
    let fixture = start();
    let base = fixture.server.base_url().to_string();
    let style = |view: &MapView| fixture.style(view);
    let every = style(&MapView::selecting(Some(8)));
    assert_eq!(every["sprite"], format!("{base}/sprite"));
    let layer = |style: &serde_json::Value, id: &str| {
        style["layers"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["id"] == id)
            .cloned()
            .unwrap_or_else(|| panic!("no layer {id}"))
    };
    let arrows = layer(&every, "overlay-selected-trek-arrows");
    assert_eq!(arrows["layout"]["symbol-placement"], "line");
    assert_eq!(arrows["layout"]["icon-image"], ARROW_ICON);
    let pois = layer(&every, "overlay-pois");
    assert_eq!(pois["type"], "symbol");
    assert_eq!(
        pois["layout"]["icon-image"][2],
        serde_json::json!(["image", PLACEHOLDER_ICON])
    );
    // A place without an icon gets the fallback, not a null `image`.
    assert_eq!(
        pois["layout"]["icon-image"][1],
        serde_json::json!(["image", ["coalesce", ["get", "icon"], PLACEHOLDER_ICON]])
    );
    assert_eq!(every["sources"]["pois"]["cluster"], true);
    assert_eq!(layer(&every, "overlay-pois-clusters")["filter"][0], "has");

    // The core's markers are served before any pictogram is known.
    for (path, content_type) in [
        ("/sprite.json", "application/json"),
        ("/sprite@2x.json", "application/json"),
        ("/sprite.png", "image/png"),
        ("/sprite@2x.png", "image/png"),
    ] {
        let response = fixture.get(path);
        assert_eq!(response.status, 200, "{path}");
        assert_eq!(
            response.header("content-type"),
            Some(content_type),
            "{path}"
        );
    }
    let index: serde_json::Value =
        serde_json::from_slice(&fixture.get("/sprite@2x.json").body).unwrap();
    assert_eq!(index[ARROW_ICON]["pixelRatio"], 2);
    let picture = image::load_from_memory(&fixture.get("/sprite@2x.png").body).unwrap();
    assert!(picture.width() >= 52);

    // A territory's pictograms replace the sheet.
    let url = "https://park.example/media/picto/lake.svg";
    let lake = br##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#1565c0"/></svg>"##;
    let sprites = Sprites::build(&[(pictogram_icon(url), lake.to_vec())].into_iter().collect());
    fixture.server.set_sprites(Some(Arc::new(sprites)));
    let index: serde_json::Value =
        serde_json::from_slice(&fixture.get("/sprite.json").body).unwrap();
    assert_eq!(index[pictogram_icon(url)]["pixelRatio"], 1);

    // One basemap chosen: only its layers; an unknown one draws them all.
    let relief = style(&MapView {
        basemap: Some("relief".into()),
        ..MapView::default()
    });
    assert!(relief["sources"]["basemap-relief"].is_object());
    assert!(relief["sources"]["basemap-contours"].is_null());
    let unknown = style(&MapView {
        basemap: Some("gone".into()),
        ..MapView::default()
    });
    assert!(unknown["sources"]["basemap-contours"].is_object());
    assert_eq!(fixture.get("/style.json?basemap=..%2Fx").status, 400);
}

#[test]
fn a_search_limits_the_treks_drawn_and_leaves_the_other_overlays_alone() {
    let fixture = start();
    let treks_in = |view: &MapView| -> (String, Vec<i64>) {
        let style: serde_json::Value = serde_json::from_slice(
            &loopback::get_url(&fixture.server.style_url(view), &[])
                .unwrap()
                .body,
        )
        .unwrap();
        let url = style["sources"]["treks"]["data"]
            .as_str()
            .unwrap()
            .to_string();
        let treks: serde_json::Value =
            serde_json::from_slice(&loopback::get_url(&url, &[]).unwrap().body).unwrap();
        let ids = treks["features"]
            .as_array()
            .unwrap()
            .iter()
            .map(|feature| feature["id"].as_i64().unwrap())
            .collect();
        (url, ids)
    };
    let (every_url, every) = treks_in(&MapView::default());
    assert_eq!(every, [7, 8]);
    let found = MapView {
        selected_trek: Some(7),
        shown_treks: Some(TrekIdSet::from_ids([8, 9])),
        basemap: None,
    };
    let (found_url, shown) = treks_in(&found);
    assert_eq!(shown, [8]);
    assert!(
        found_url.ends_with("/overlays/treks.geojson?treks=8,9"),
        "{found_url}"
    );
    let nothing_found = MapView {
        shown_treks: Some(TrekIdSet::default()),
        ..MapView::default()
    };
    assert_eq!(treks_in(&nothing_found).1, Vec::<i64>::new());
    assert_ne!(found_url, every_url);

    // Only the treks overlay changes with the results; the others keep their URL.
    let style = |view: &MapView| fixture.style(view);
    let (all, searched) = (style(&MapView::selecting(Some(7))), style(&found));
    for overlay in OverlayLayer::ALL
        .into_iter()
        .filter(|o| *o != OverlayLayer::Treks)
    {
        assert_eq!(
            all["sources"][overlay.key()],
            searched["sources"][overlay.key()],
            "{overlay:?}"
        );
    }

    assert_eq!(fixture.get("/overlays/treks.geojson?treks=8-x").status, 400);
    assert_eq!(fixture.get("/style.json?treks=5-3").status, 400);
}

#[test]
fn sets_added_while_running_are_served_at_once_and_stop_closes_the_port() {
    let fixture = start();
    let outside = TileCoord::containing(7.5, 45.5, 9).unwrap();
    assert_eq!(
        fixture.get(&tile_path("relief", outside, "png")).status,
        204
    );
    let pack = fixture.dir.path().join("pack.pmtiles");
    let area = testdata::TileArea {
        west: 7.4,
        south: 45.4,
        east: 7.6,
        north: 45.6,
        min_zoom: 8,
        max_zoom: 10,
    };
    testdata::relief_pmtiles(&pack, &area, TileFormat::Png).unwrap();
    fixture.server.layers().add("relief", &pack).unwrap();
    let served = fixture.get(&tile_path("relief", outside, "png"));
    assert_eq!(served.status, 200);
    assert_eq!(
        served.body,
        testdata::relief_tile(outside, TileFormat::Png).unwrap()
    );
    let style: serde_json::Value =
        serde_json::from_slice(&fixture.get("/tiles/relief.json").body).unwrap();
    assert_eq!(style["bounds"][2], 7.6);

    fixture.server.layers().remove(&pack);
    assert_eq!(
        fixture.get(&tile_path("relief", outside, "png")).status,
        204
    );

    let address = fixture.server.address();
    fixture.server.stop();
    assert!(!fixture.server.is_running());
    assert!(TcpStream::connect(address).is_err());
}

#[test]
fn concurrent_requests_all_get_their_tile() {
    let fixture = start();
    let coords: Vec<TileCoord> = TERRITORY.zooms(6, 10).coords();
    std::thread::scope(|scope| {
        for worker in 0..8 {
            let fixture = &fixture;
            let coords = &coords;
            scope.spawn(move || {
                for coord in coords.iter().skip(worker).step_by(8) {
                    let response = fixture.get(&tile_path("relief", *coord, "png"));
                    assert_eq!(response.status, 200, "{coord}");
                    assert_eq!(&response.body[1..4], b"PNG");
                }
            });
        }
    });
}

#[test]
fn two_starts_get_two_tokens() {
    let first = start();
    let layers = Arc::clone(first.server.layers());
    let second = TileServer::start(layers, None, ServerOptions::default()).unwrap();
    assert_ne!(first.server.base_url(), second.base_url());
    let coord = TileCoord::containing(6.3, 44.8, 8).unwrap();
    let wrong_token = format!("{}{}", base_path(&first), tile_path("relief", coord, "png"));
    assert_eq!(
        loopback::get(second.address(), &wrong_token, &[])
            .unwrap()
            .status,
        403
    );
}

/// A slowloris client: the start of a request whose headers never end.
fn slow_client(fixture: &Fixture) -> TcpStream {
    let mut stream = TcpStream::connect(fixture.server.address()).unwrap();
    stream
        .write_all(b"GET /tiles HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        .unwrap();
    stream
}

/// Whether the server closes `stream` while the client trickles one more
/// header byte every half second, giving up after `patience` (a bound on a
/// failing run, not a measured time).
fn closed_by_server(stream: &mut TcpStream, patience: Duration) -> bool {
    let give_up = Instant::now() + patience;
    stream
        .set_read_timeout(Some(Duration::from_millis(500)))
        .unwrap();
    let mut buffer = [0u8; 1024];
    while Instant::now() < give_up {
        match stream.read(&mut buffer) {
            Ok(0) => return true,
            Ok(_) => {}
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                if stream.write_all(b"X").is_err() {
                    return true;
                }
            }
            Err(_) => return true,
        }
    }
    false
}

#[test]
fn slow_clients_make_room_for_real_requests() {
    // Headers could take a minute: only the connection cap frees room here.
    let fixture = start_with(ServerOptions {
        max_connections: 8,
        header_timeout: Duration::from_secs(60),
        ..ServerOptions::default()
    });
    let mut slow: Vec<TcpStream> = (0..24).map(|_| slow_client(&fixture)).collect();
    let coord = TileCoord::containing(6.3, 44.8, 10).unwrap();
    let real = fixture.get(&tile_path("relief", coord, "png"));
    assert_eq!(real.status, 200);
    // The 16 oldest made room for the newer ones, and the real request took the place of one more.
    for (index, stream) in slow.iter_mut().take(17).enumerate() {
        assert!(
            closed_by_server(stream, Duration::from_secs(20)),
            "slow client {index} still open"
        );
    }
}

#[test]
fn headers_that_never_end_and_idle_connections_are_closed() {
    let fixture = start_with(ServerOptions {
        header_timeout: Duration::from_secs(1),
        ..ServerOptions::default()
    });
    let mut trickling = slow_client(&fixture);
    assert!(closed_by_server(&mut trickling, Duration::from_secs(30)));
    let mut silent = TcpStream::connect(fixture.server.address()).unwrap();
    silent
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let answer = silent.read(&mut [0u8; 16]);
    assert!(
        match &answer {
            Ok(read) => *read == 0,
            Err(e) => !matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut),
        },
        "an idle connection stayed open: {answer:?}"
    );
    // Meanwhile real requests are answered.
    let coord = TileCoord::containing(6.3, 44.8, 10).unwrap();
    assert_eq!(fixture.get(&tile_path("relief", coord, "png")).status, 200);
}

#[test]
fn the_style_opens_on_the_selected_trek_else_on_the_basemap() {
    let fixture = start();
    let style = |view: &MapView| fixture.style(view);
    let opening = |style: &serde_json::Value| {
        (
            style["center"][0].as_f64().unwrap(),
            style["center"][1].as_f64().unwrap(),
            style["zoom"].as_f64().unwrap(),
        )
    };
    // Trek 8 runs from 6.1 to 6.5 along 44.8: framed, deeper than the basemap's bounds.
    let (lng, lat, trek_zoom) = opening(&style(&MapView::selecting(Some(8))));
    assert!(
        (lng - 6.3).abs() < 1e-6 && (lat - 44.8).abs() < 1e-6,
        "{lng},{lat}"
    );
    let (lng, lat, basemap_zoom) = opening(&style(&MapView::default()));
    assert!(
        (6.0..6.6).contains(&lng) && (44.6..45.0).contains(&lat),
        "{lng},{lat}"
    );
    // The basemap (0.6 x 0.4 degrees) opens fitted, far from zoom 0.
    assert!(basemap_zoom > 8.0, "{basemap_zoom}");
    assert!(trek_zoom > basemap_zoom, "{trek_zoom} vs {basemap_zoom}");
    // An unknown trek opens on the basemap.
    assert_eq!(
        opening(&style(&MapView::selecting(Some(99)))).2,
        basemap_zoom
    );
}
