//! The desktop map page (`sentier map`, the rendering check): one HTML page
//! that loads MapLibre GL JS from a local copy of the npm package's `dist`
//! folder and shows the server's style. Only the three files the page needs
//! are served from that folder, by fixed name.

use super::view::MapView;

/// The files of MapLibre GL JS's `dist` folder the page loads, with their types.
pub const ASSETS: [(&str, &str); 3] = [
    ("maplibre-gl.mjs", "text/javascript; charset=utf-8"),
    ("maplibre-gl-worker.mjs", "text/javascript; charset=utf-8"),
    ("maplibre-gl.css", "text/css; charset=utf-8"),
];

/// The page, for a server whose URLs start with `base`, showing `view`. It sets `window.sentierMap` and, once the map is idle,
/// `window.sentierIdle = true`, for the rendering check.
pub fn page(base: &str, view: &MapView) -> String {
    let style = super::server::style_url(base, view);
    format!(
        r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Sentier offline map</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="{base}/viewer/maplibre-gl.css">
<style>html, body, #map {{ margin: 0; width: 100%; height: 100%; }}</style>
</head>
<body>
<div id="map"></div>
<script type="module">
import * as maplibregl from "{base}/viewer/maplibre-gl.mjs";
const map = new maplibregl.Map({{ container: "map", style: "{style}" }});
map.addControl(new maplibregl.NavigationControl());
window.sentierMap = map;
map.once("idle", () => {{ window.sentierIdle = true; }});
map.on("error", (event) => {{ (window.sentierErrors ||= []).push(String(event.error)); }});
</script>
</body>
</html>
"#
    )
}
