//! The loopback tile server MapLibre reads from: on the core's runtime,
//! bound to 127.0.0.1 on a port the OS picks, every path behind a random
//! token drawn at each start. It serves the layers' tiles and TileJSON, the
//! style.json, the overlays as GeoJSON and the desktop map page.
//!
//! Paths under `http://127.0.0.1:{port}/{token}`:
//! `/style.json[?trek=ID&treks=IDS&basemap=LAYER]`, `/sprite{@2x}.json`,
//! `/sprite{@2x}.png`, `/fonts/{fontstack}/{start}-{end}.pbf`, `/tiles/{layer}.json`,
//! `/tiles/{layer}/{z}/{x}/{y}.{ext}`, `/overlays/{overlay}.geojson[?trek=ID|?treks=IDS]`,
//! `/map[?trek=ID&treks=IDS]` and `/viewer/{maplibre file}` (the view's
//! query: [`MapView`]). Without the token: 403.
//! Tiles carry their `Content-Type`, `Content-Encoding: gzip` when stored
//! gzipped, an `ETag` (answering 304 to `If-None-Match`) and
//! `Cache-Control`; an absent tile is 204, an unknown layer 404, a malformed
//! or out-of-grid coordinate 400, a damaged tile 500.
//!
//! Stored tiles are read inline on the runtime's workers (an indexed SQLite
//! read or a `pread`, microseconds from the page cache); overzoom, which
//! decodes and encodes images (a few at a time), and overlays, which may
//! query the catalog, run on the blocking pool.
//!
//! Any local app can open connections to the port, token or not, so the
//! server bounds them ([`connections`]): headers must arrive within a
//! timeout, and past a cap the oldest connection without a request in
//! progress is closed for the new one, so slow clients cannot hold the
//! server's descriptors and stall MapLibre's requests.

use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use tokio::sync::Semaphore;

mod connections;

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;

use super::glyphs::{self, GlyphError};
use super::layers::{Layer, LayerTile, TileLayers};
use super::overlay::{OverlayLayer, OverlaySource, empty_feature_collection, extent};
use super::sprite::Sprites;
use super::view::{MapView, keep_shown};
use super::{Bounds, TileCoord, TileEncoding, TileError, style, viewer};
use crate::runtime::{TaskHandle, runtime};

/// How long a stopping server lets requests in flight finish.
pub(crate) const SHUTDOWN_GRACE: Duration = Duration::from_secs(2);
/// Overzoomed tiles decoded and encoded at once; more requests wait.
const OVERZOOM_CONCURRENCY: usize = 4;
/// Browsers and MapLibre may keep tiles this long without asking again.
const TILE_CACHE_CONTROL: &str = "public, max-age=3600";

/// How the server is set up beyond its layers and overlays.
#[derive(Clone, Debug)]
pub struct ServerOptions {
    /// The `dist` folder of the npm package `maplibre-gl`, for the `/map`
    /// page; without it the page is not served.
    pub viewer_assets: Option<PathBuf>,
    /// Connections held at once (a fraction of a mobile app's 1,024
    /// descriptors; MapLibre opens a few dozen at most).
    pub max_connections: usize,
    /// How long a client may take to send a request's headers, and a kept-alive
    /// connection may stay idle.
    pub header_timeout: Duration,
}

impl Default for ServerOptions {
    fn default() -> ServerOptions {
        ServerOptions {
            viewer_assets: None,
            max_connections: 64,
            header_timeout: Duration::from_secs(10),
        }
    }
}

/// The URL of the style at `base`, showing `view`.
pub fn style_url(base: &str, view: &MapView) -> String {
    format!("{base}/style.json{}", view.query())
}

struct ServerState {
    base: String,
    layers: Arc<TileLayers>,
    overlays: RwLock<Option<Arc<dyn OverlaySource>>>,
    sprites: RwLock<Arc<Sprites>>,
    viewer_assets: Option<PathBuf>,
    overzooms: Semaphore,
}

impl ServerState {
    fn overlays(&self) -> Option<Arc<dyn OverlaySource>> {
        self.overlays
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }
}

/// A running tile server; stops when [`TileServer::stop`] is called or when dropped.
pub struct TileServer {
    state: Arc<ServerState>,
    address: SocketAddr,
    task: Arc<TaskHandle>,
}

impl std::fmt::Debug for TileServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TileServer")
            .field("address", &self.address)
            .finish()
    }
}

impl TileServer {
    /// Starts serving `layers` (which may change while the server runs) and
    /// the overlays of `overlays` on 127.0.0.1 with a fresh token.
    pub fn start(
        layers: Arc<TileLayers>,
        overlays: Option<Arc<dyn OverlaySource>>,
        options: ServerOptions,
    ) -> Result<TileServer, TileError> {
        let server_error = |e: std::io::Error| TileError::Server {
            reason: e.to_string(),
        };
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).map_err(server_error)?;
        listener.set_nonblocking(true).map_err(server_error)?;
        let address = listener.local_addr().map_err(server_error)?;
        let listener = {
            let _context = runtime().enter();
            tokio::net::TcpListener::from_std(listener).map_err(server_error)?
        };
        let token = hex::encode(rand::random::<[u8; 16]>());
        let state = Arc::new(ServerState {
            base: format!("http://{address}/{token}"),
            layers,
            overlays: RwLock::new(overlays),
            sprites: RwLock::new(built_in_sprites()),
            viewer_assets: options.viewer_assets,
            overzooms: Semaphore::new(OVERZOOM_CONCURRENCY),
        });
        let app = router(&token, Arc::clone(&state));
        let limits = connections::Limits {
            max_connections: options.max_connections.max(1),
            header_timeout: options.header_timeout,
        };
        let task = TaskHandle::spawn(|cancel| connections::serve(listener, app, limits, cancel));
        Ok(TileServer {
            state,
            address,
            task,
        })
    }

    /// `http://127.0.0.1:{port}/{token}`: every URL of the server starts with it.
    pub fn base_url(&self) -> &str {
        &self.state.base
    }

    /// The address the server listens on.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The style.json URL, showing `view`.
    pub fn style_url(&self, view: &MapView) -> String {
        style_url(&self.state.base, view)
    }

    /// The desktop map page URL (served only with [`ServerOptions::viewer_assets`]).
    pub fn map_url(&self, view: &MapView) -> String {
        format!("{}/map{}", self.state.base, view.query())
    }

    /// The layers served; adding or removing tile sets takes effect at once.
    pub fn layers(&self) -> &Arc<TileLayers> {
        &self.state.layers
    }

    /// Replaces the source of the overlays.
    pub fn set_overlays(&self, overlays: Option<Arc<dyn OverlaySource>>) {
        *self
            .state
            .overlays
            .write()
            .unwrap_or_else(|p| p.into_inner()) = overlays;
    }

    /// Replaces the sprite sheet (the territory's pictograms); until then,
    /// and with `None`, the core's markers alone are served.
    pub fn set_sprites(&self, sprites: Option<Arc<Sprites>>) {
        *self
            .state
            .sprites
            .write()
            .unwrap_or_else(|p| p.into_inner()) = sprites.unwrap_or_else(built_in_sprites);
    }

    /// Whether the server is still accepting connections.
    pub fn is_running(&self) -> bool {
        !self.task.is_finished()
    }

    /// Stops accepting connections and returns once the listener is closed
    /// (requests in flight get a short grace). Call it from a thread of the
    /// caller, not from the core's runtime.
    pub fn stop(&self) {
        self.task.cancel();
        self.task.wait();
    }

    /// Stops accepting connections and resumes once the listener is closed
    /// (requests in flight get a short grace), from any executor.
    pub async fn shut_down(&self) {
        self.task.cancel();
        self.task.ended().await;
    }
}

/// The sheet of the core's markers alone, drawn once.
fn built_in_sprites() -> Arc<Sprites> {
    static SPRITES: std::sync::OnceLock<Arc<Sprites>> = std::sync::OnceLock::new();
    Arc::clone(SPRITES.get_or_init(|| Arc::new(Sprites::build(&std::collections::BTreeMap::new()))))
}

impl Drop for TileServer {
    fn drop(&mut self) {
        self.task.cancel();
    }
}

fn router(token: &str, state: Arc<ServerState>) -> Router {
    let api = Router::new()
        .route("/style.json", get(style_json))
        .route("/sprite.json", get(|s| async move { sprite(s, 1, false) }))
        .route("/sprite.png", get(|s| async move { sprite(s, 1, true) }))
        .route(
            "/sprite@2x.json",
            get(|s| async move { sprite(s, 2, false) }),
        )
        .route("/sprite@2x.png", get(|s| async move { sprite(s, 2, true) }))
        .route("/fonts/{stack}/{range}", get(glyph_range))
        .route("/tiles/{file}", get(tilejson))
        .route("/tiles/{layer}/{z}/{x}/{file}", get(tile))
        .route("/overlays/{file}", get(overlay))
        .route("/map", get(map_page))
        .route("/viewer/{file}", get(viewer_asset))
        .fallback(|| async { (StatusCode::NOT_FOUND, "not found") })
        .with_state(state);
    Router::new()
        .nest(&format!("/{token}"), api)
        .fallback(|_: Uri| async { (StatusCode::FORBIDDEN, "forbidden") })
        .layer(axum::middleware::map_response(allow_any_origin))
}

/// The token, not the origin, guards the server: pages from `file://` or
/// another loopback port (the rendering check, `sentier map`) may read it.
async fn allow_any_origin(mut response: Response) -> Response {
    response.headers_mut().insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    response
}

/// The view's URL parameters ([`MapView::query`]).
#[derive(Deserialize)]
struct ViewQuery {
    trek: Option<i64>,
    treks: Option<String>,
    basemap: Option<String>,
}

impl ViewQuery {
    /// The view, or the 400 answering a malformed one.
    fn view(&self) -> Result<MapView, (StatusCode, String)> {
        MapView::from_query(self.trek, self.treks.as_deref(), self.basemap.as_deref())
            .map_err(|reason| (StatusCode::BAD_REQUEST, reason))
    }
}

fn json_response(value: serde_json::Value) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        value.to_string(),
    )
        .into_response()
}

async fn style_json(State(state): State<Arc<ServerState>>, Query(q): Query<ViewQuery>) -> Response {
    match q.view() {
        Ok(view) => {
            let layers = state.layers.all();
            let frame = style::frame(&layers, selected_trek_extent(&state, &view).await);
            json_response(style::style(&state.base, &layers, &view, frame))
        }
        Err(rejection) => rejection.into_response(),
    }
}

/// The extent of the trek `view` selects, from the overlays (which may
/// query the catalog: off the event loop); `None` without one.
async fn selected_trek_extent(state: &ServerState, view: &MapView) -> Option<Bounds> {
    let (source, trek) = (state.overlays()?, view.selected_trek?);
    let geojson = tokio::task::spawn_blocking(move || {
        source.overlay(OverlayLayer::SelectedTrek, Some(trek)).ok()
    })
    .await
    .ok()??;
    extent(&geojson)
}

fn sprite(State(state): State<Arc<ServerState>>, ratio: u32, png: bool) -> Response {
    let sprites = Arc::clone(&state.sprites.read().unwrap_or_else(|p| p.into_inner()));
    let sheet = sprites.at_ratio(ratio);
    let (content_type, body) = if png {
        ("image/png", sheet.png.clone())
    } else {
        ("application/json", sheet.json.clone().into_bytes())
    };
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
        .into_response()
}

/// A glyph range of the bundled font, made on first use (on the blocking
/// pool: a range takes milliseconds to rasterise).
async fn glyph_range(Path((stack, range)): Path<(String, String)>) -> Response {
    let made = tokio::task::spawn_blocking(move || glyphs::glyph_range(&stack, &range)).await;
    match made {
        Ok(Ok(pbf)) => (
            [
                (header::CONTENT_TYPE, "application/x-protobuf"),
                (header::CACHE_CONTROL, TILE_CACHE_CONTROL),
            ],
            pbf,
        )
            .into_response(),
        Ok(Err(error @ (GlyphError::UnknownFontStack(_) | GlyphError::BadRange(_)))) => {
            (StatusCode::NOT_FOUND, error.to_string()).into_response()
        }
        Err(error) => (StatusCode::INTERNAL_SERVER_ERROR, error.to_string()).into_response(),
    }
}

async fn tilejson(State(state): State<Arc<ServerState>>, Path(file): Path<String>) -> Response {
    match file
        .strip_suffix(".json")
        .and_then(|key| state.layers.layer(key))
    {
        Some(layer) => json_response(style::tilejson(&state.base, &layer)),
        None => (StatusCode::NOT_FOUND, "no such layer").into_response(),
    }
}

async fn tile(
    State(state): State<Arc<ServerState>>,
    Path((key, z, x, file)): Path<(String, String, String, String)>,
    headers: HeaderMap,
) -> Response {
    let Some(layer) = state.layers.layer(&key) else {
        return (StatusCode::NOT_FOUND, "no such layer").into_response();
    };
    let Some((y, extension)) = file.split_once('.') else {
        return (StatusCode::BAD_REQUEST, "expected {y}.{extension}").into_response();
    };
    if extension != layer.format().extension() {
        return (
            StatusCode::NOT_FOUND,
            "this layer has no tiles of that type",
        )
            .into_response();
    }
    let coord = match parse_coord(&z, &x, y) {
        Ok(coord) => coord,
        Err(message) => return (StatusCode::BAD_REQUEST, message).into_response(),
    };
    match find_tile(layer, coord, &state.overzooms).await {
        Ok(Some(tile)) => tile_response(tile, &headers),
        Ok(None) => StatusCode::NO_CONTENT.into_response(),
        Err(error) => (StatusCode::INTERNAL_SERVER_ERROR, error.to_string()).into_response(),
    }
}

fn parse_coord(z: &str, x: &str, y: &str) -> Result<TileCoord, String> {
    let number = |text: &str| -> Result<u32, String> {
        // Plain decimal digits only: no sign, no spaces, no leading `+`.
        if text.is_empty() || text.len() > 10 || !text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("`{text}` is not a tile coordinate"));
        }
        text.parse()
            .map_err(|_| format!("`{text}` is not a tile coordinate"))
    };
    let z = u8::try_from(number(z)?).map_err(|_| "zoom too deep".to_string())?;
    TileCoord::new(z, number(x)?, number(y)?).map_err(|e| e.to_string())
}

async fn find_tile(
    layer: Arc<Layer>,
    coord: TileCoord,
    overzooms: &Semaphore,
) -> Result<Option<LayerTile>, TileError> {
    if let Some(tile) = layer.stored_tile(coord)? {
        return Ok(Some(tile));
    }
    if !layer.format().is_raster() || coord.z() > layer.max_zoom() {
        return Ok(None);
    }
    let _permit = overzooms.acquire().await.map_err(|e| TileError::Server {
        reason: e.to_string(),
    })?;
    tokio::task::spawn_blocking(move || layer.overzoomed_tile(coord))
        .await
        .map_err(|e| TileError::Server {
            reason: format!("overzoom task failed: {e}"),
        })?
}

fn tile_response(tile: LayerTile, headers: &HeaderMap) -> Response {
    let etag = HeaderValue::from_str(&tile.etag).ok();
    let not_modified = match (&etag, headers.get(header::IF_NONE_MATCH)) {
        (Some(etag), Some(asked)) => asked
            .to_str()
            .map(|asked| {
                asked
                    .split(',')
                    .any(|tag| tag.trim() == etag || tag.trim() == "*")
            })
            .unwrap_or(false),
        _ => false,
    };
    let mut response = if not_modified {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let mut response = tile.bytes.into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(tile.format.content_type()),
        );
        if tile.encoding == TileEncoding::Gzip {
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
        }
        response
    };
    let headers = response.headers_mut();
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(TILE_CACHE_CONTROL),
    );
    if let Some(etag) = etag {
        headers.insert(header::ETAG, etag);
    }
    response
}

async fn overlay(
    State(state): State<Arc<ServerState>>,
    Path(file): Path<String>,
    Query(q): Query<ViewQuery>,
) -> Response {
    let Some(layer) = file
        .strip_suffix(".geojson")
        .and_then(OverlayLayer::from_key)
    else {
        return (StatusCode::NOT_FOUND, "no such overlay").into_response();
    };
    let view = match q.view() {
        Ok(view) => view,
        Err(rejection) => return rejection.into_response(),
    };
    let geojson = match state.overlays() {
        None => Ok(empty_feature_collection()),
        Some(source) => tokio::task::spawn_blocking(move || {
            let geojson = source.overlay(layer, view.selected_trek)?;
            match (layer, &view.shown_treks) {
                (OverlayLayer::Treks, Some(shown)) => keep_shown(&geojson, shown),
                _ => Ok(geojson),
            }
        })
        .await
        .unwrap_or_else(|e| {
            Err(super::OverlayError::Unavailable {
                reason: e.to_string(),
            })
        }),
    };
    match geojson {
        Ok(geojson) => (
            [
                (header::CONTENT_TYPE, "application/geo+json"),
                (header::CACHE_CONTROL, "no-cache"),
            ],
            geojson,
        )
            .into_response(),
        Err(error) => (StatusCode::SERVICE_UNAVAILABLE, error.to_string()).into_response(),
    }
}

async fn map_page(State(state): State<Arc<ServerState>>, Query(q): Query<ViewQuery>) -> Response {
    if state.viewer_assets.is_none() {
        return (StatusCode::NOT_FOUND, "this server has no map page").into_response();
    }
    match q.view() {
        Ok(view) => {
            let frame = style::frame(
                &state.layers.all(),
                selected_trek_extent(&state, &view).await,
            );
            (
                [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
                viewer::page(&state.base, &view, frame),
            )
                .into_response()
        }
        Err(rejection) => rejection.into_response(),
    }
}

async fn viewer_asset(State(state): State<Arc<ServerState>>, Path(file): Path<String>) -> Response {
    let (Some(folder), Some((name, content_type))) = (
        state.viewer_assets.as_ref(),
        viewer::ASSETS.iter().find(|(name, _)| *name == file),
    ) else {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    };
    match tokio::fs::read(folder.join(name)).await {
        Ok(bytes) => ([(header::CONTENT_TYPE, *content_type)], bytes).into_response(),
        Err(error) => (StatusCode::NOT_FOUND, error.to_string()).into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coordinates_are_plain_numbers_inside_the_grid() {
        assert!(parse_coord("3", "7", "7").is_ok());
        assert!(parse_coord("3", "8", "0").is_err());
        assert!(parse_coord("-1", "0", "0").is_err());
        assert!(parse_coord("3", "+1", "0").is_err());
        assert!(parse_coord("3", " 1", "0").is_err());
        assert!(parse_coord("300", "0", "0").is_err());
        assert!(parse_coord("31", "0", "0").is_err());
        assert!(parse_coord("12", "99999999999", "0").is_err());
        assert!(parse_coord("", "0", "0").is_err());
    }
}
