//! The desktop map page (`sentier map`, the rendering check): one HTML page
//! that loads MapLibre GL JS from a local copy of the npm package's `dist`
//! folder and shows the server's style, framed on the selected trek or the
//! basemap, with a legend of the overlays. Only the three files the page
//! needs are served from that folder, by fixed name.

use std::fmt::Write as _;

use super::overlay::OverlayLayer;
use super::style::{self, MAX_OPENING_ZOOM, Symbol};
use super::{Bounds, view::MapView};

/// The files of MapLibre GL JS's `dist` folder the page loads, with their types.
pub const ASSETS: [(&str, &str); 3] = [
    ("maplibre-gl.mjs", "text/javascript; charset=utf-8"),
    ("maplibre-gl-worker.mjs", "text/javascript; charset=utf-8"),
    ("maplibre-gl.css", "text/css; charset=utf-8"),
];

/// The page, for a server whose URLs start with `base`, showing `view`
/// fitted to `frame` in the window. It sets `window.sentierMap` and, once the
/// map is idle, `window.sentierIdle = true`, for the rendering check.
pub fn page(base: &str, view: &MapView, frame: Bounds) -> String {
    let style = super::server::style_url(base, view);
    let Bounds {
        west,
        south,
        east,
        north,
    } = frame;
    let legend = legend(view);
    format!(
        r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Sentier offline map</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="{base}/viewer/maplibre-gl.css">
<style>
html, body, #map {{ margin: 0; width: 100%; height: 100%; }}
#legend {{ position: absolute; left: 10px; bottom: 24px; padding: 6px 10px; background: rgba(255,255,255,0.9);
  border-radius: 4px; font: 12px/1.6 sans-serif; color: #333; box-shadow: 0 1px 3px rgba(0,0,0,0.3); }}
#legend .swatch {{ display: inline-block; width: 18px; margin-right: 6px; vertical-align: middle; box-sizing: border-box; }}
</style>
</head>
<body>
<div id="map"></div>
<div id="legend">{legend}</div>
<script type="module">
import * as maplibregl from "{base}/viewer/maplibre-gl.mjs";
const map = new maplibregl.Map({{
  container: "map",
  style: "{style}",
  bounds: [[{west}, {south}], [{east}, {north}]],
  // Room for the legend on the left and the zoom buttons on the right.
  fitBoundsOptions: {{ padding: {{ top: 40, bottom: 40, left: 200, right: 60 }}, maxZoom: {MAX_OPENING_ZOOM} }},
}});
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

/// One line per overlay, top of the map first; the selected trek only when there is one.
fn legend(view: &MapView) -> String {
    let mut html = String::new();
    for overlay in OverlayLayer::ALL.iter().rev() {
        if *overlay == OverlayLayer::SelectedTrek && view.selected_trek.is_none() {
            continue;
        }
        let look = style::look(*overlay);
        let color = look.color;
        let swatch = match look.symbol {
            Symbol::Line { width } => {
                format!("height: {width}px; background: {color}; border-radius: 3px")
            }
            Symbol::Icon { .. } => format!(
                "width: 12px; height: 12px; background: {color}; \
                 border: 2px solid #ffffff; border-radius: 50%"
            ),
            Symbol::Area => {
                format!("height: 12px; background: {color}40; border: 1px solid {color}")
            }
        };
        let _ = write!(
            html,
            r#"<div><span class="swatch" style="{swatch}"></span>{}</div>"#,
            look.label
        );
    }
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_frames_its_bounds_and_explains_its_symbols() {
        let frame = Bounds {
            west: 6.1,
            south: 44.7,
            east: 6.2,
            north: 44.75,
        };
        let page = page("http://127.0.0.1:1/t", &MapView::selecting(Some(3)), frame);
        assert!(
            page.contains("bounds: [[6.1, 44.7], [6.2, 44.75]]"),
            "{page}"
        );
        for label in [
            "Selected trek",
            "Trek",
            "Point of interest",
            "Signpost",
            "Sensitive area",
        ] {
            assert!(page.contains(label), "{label}");
        }
        assert!(page.find("Selected trek") < page.find("Point of interest"));
        assert!(!super::page("b", &MapView::default(), frame).contains("Selected trek"));
    }
}
