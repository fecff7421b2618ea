//! A local Geotrek-admin API v2 server over a [`Territory`], on
//! `127.0.0.1:0` only. It runs on its own thread with its own tokio runtime
//! (so tests can call blocking client code), stops when dropped, logs the
//! requests it serves and injects the faults of a [`FaultPlan`]. Given a
//! Geotrek-mobile tree ([`ApiServer::serve_mobile_tree`]), it also answers
//! `/mobile/` as a park's nginx does, so the whole admin is at one host.

mod endpoints;
mod faults;
mod media;
mod mobile;
mod query;

use std::collections::HashMap;
use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, RwLock};
use std::thread::JoinHandle;

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::Response;
use tokio::sync::oneshot;

pub use faults::{Fault, FaultPlan, FaultRule, Gate};
pub use query::{DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE};

use crate::territory::clock;
use crate::{Resource, Territory, TerritorySpec};
use endpoints::{ApiError, Request};
use query::{ApiQuery, PageRequest};

/// One request the server answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoggedRequest {
    /// E.g. `/api/v2/trek/`.
    pub path: String,
    /// The raw query string, e.g. `language=fr&page=2` (empty without one).
    pub query: String,
}

impl LoggedRequest {
    /// The (decoded) value of query parameter `name`.
    pub fn param(&self, name: &str) -> Option<String> {
        url::form_urlencoded::parse(self.query.as_bytes())
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
    }

    /// The API resource (path segment after `/api/v2/`), if any.
    pub fn resource(&self) -> Option<&str> {
        self.path
            .strip_prefix("/api/v2/")?
            .split('/')
            .next()
            .filter(|s| !s.is_empty())
    }
}

/// A body and its content type.
pub(crate) struct Payload {
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

struct Shared {
    territory: RwLock<Territory>,
    faults: Mutex<FaultPlan>,
    log: Mutex<Vec<LoggedRequest>>,
    origin: String,
    foreign_origin: String,
    /// The Geotrek-mobile tree served at `/mobile/`, if any.
    mobile_tree: RwLock<Option<PathBuf>>,
    /// Body bytes sent per `/mobile/` path.
    mobile_bytes: Mutex<HashMap<String, u64>>,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A running server; it stops when dropped.
pub struct ApiServer {
    shared: Arc<Shared>,
    address: SocketAddr,
    shutdown: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl ApiServer {
    /// Serves `territory` on a free port of 127.0.0.1.
    pub fn start(territory: Territory) -> std::io::Result<ApiServer> {
        ApiServer::start_on(territory, 0)
    }

    /// Serves `territory` on 127.0.0.1:`port` (0: any free port).
    pub fn start_on(territory: Territory, port: u16) -> std::io::Result<ApiServer> {
        let listener = TcpListener::bind(("127.0.0.1", port))?;
        listener.set_nonblocking(true)?;
        let address = listener.local_addr()?;
        let shared = Arc::new(Shared {
            territory: RwLock::new(territory),
            faults: Mutex::new(FaultPlan::new()),
            log: Mutex::new(Vec::new()),
            origin: format!("http://{address}"),
            foreign_origin: format!("http://127.0.0.2:{}", address.port()),
            mobile_tree: RwLock::new(None),
            mobile_bytes: Mutex::new(HashMap::new()),
        });
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .thread_name("fake-geotrek")
            .build()?;
        let app = Router::new().fallback(handle).with_state(shared.clone());
        let (shutdown, stopped) = oneshot::channel::<()>();
        let listener = {
            let _guard = runtime.enter();
            tokio::net::TcpListener::from_std(listener)?
        };
        let thread = std::thread::Builder::new()
            .name("fake-geotrek".into())
            .spawn(move || {
                runtime.block_on(async move {
                    tokio::select! {
                        _ = axum::serve(listener, app) => {}
                        _ = stopped => {}
                    }
                });
                // Streaming connections (endless bodies) must not keep the test waiting.
                runtime.shutdown_timeout(std::time::Duration::from_millis(200));
            })?;
        Ok(ApiServer {
            shared,
            address,
            shutdown: Some(shutdown),
            thread: Some(thread),
        })
    }

    /// `http://127.0.0.1:PORT/api/v2/`.
    pub fn base_url(&self) -> String {
        format!("{}/api/v2/", self.shared.origin)
    }

    /// `http://127.0.0.1:PORT`.
    pub fn origin(&self) -> &str {
        &self.shared.origin
    }

    /// The bound address.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// Reads or changes the served territory; requests wait meanwhile.
    pub fn with_territory<R>(&self, change: impl FnOnce(&mut Territory) -> R) -> R {
        let mut territory = self
            .shared
            .territory
            .write()
            .unwrap_or_else(PoisonError::into_inner);
        change(&mut territory)
    }

    /// Replaces the fault plan (counters start again).
    pub fn set_faults(&self, plan: FaultPlan) {
        *lock(&self.shared.faults) = plan;
    }

    /// The requests served so far, oldest first.
    pub fn request_log(&self) -> Vec<LoggedRequest> {
        lock(&self.shared.log).clone()
    }

    /// Forgets the requests served so far (and the `/mobile/` bytes sent).
    pub fn clear_request_log(&self) {
        lock(&self.shared.log).clear();
        lock(&self.shared.mobile_bytes).clear();
    }

    /// Serves the Geotrek-mobile tree in `root` (the folder `sync_mobile`
    /// wrote: `nolang/`, `<lang>/`) at `/mobile/`, as a park's nginx does.
    pub fn serve_mobile_tree(&self, root: &Path) {
        *self
            .shared
            .mobile_tree
            .write()
            .unwrap_or_else(PoisonError::into_inner) = Some(root.to_path_buf());
    }

    /// Body bytes sent for `/mobile/` paths ending with `suffix`.
    pub fn mobile_bytes_sent(&self, suffix: &str) -> u64 {
        lock(&self.shared.mobile_bytes)
            .iter()
            .filter(|(path, _)| path.ends_with(suffix))
            .map(|(_, bytes)| bytes)
            .sum()
    }
}

impl Drop for ApiServer {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// A server over [`TerritorySpec::demo`], for `sentier demo` and quick tests.
pub fn demo_server() -> std::io::Result<ApiServer> {
    ApiServer::start(Territory::generate(&TerritorySpec::demo()))
}

/// What a path asks for.
enum Route {
    List(Resource),
    Detail(Resource, u64),
    Profile(u64),
    /// `/api/{lang}/treks/{id}/{slug}.gpx`, where a trek's `gpx` points.
    Gpx(u64),
    Config,
    Media(String),
    Unknown,
}

fn route(path: &str) -> Route {
    if path.starts_with("/media/") {
        return Route::Media(path.to_string());
    }
    let Some(rest) = path.strip_prefix("/api/v2/") else {
        return match path.split('/').collect::<Vec<_>>().as_slice() {
            ["", "api", _, "treks", id, file] if file.ends_with(".gpx") => {
                id.parse().map_or(Route::Unknown, Route::Gpx)
            }
            _ => Route::Unknown,
        };
    };
    let segments: Vec<&str> = rest.trim_end_matches('/').split('/').collect();
    let resource = segments.first().and_then(|s| Resource::from_path(s));
    let id = segments.get(1).and_then(|s| s.parse::<u64>().ok());
    match (segments.as_slice(), resource, id) {
        (["config"], _, _) => Route::Config,
        ([_], Some(resource), _) => Route::List(resource),
        ([_, _], Some(resource), Some(id)) => Route::Detail(resource, id),
        (["trek", _, "profile"], _, Some(id)) => Route::Profile(id),
        _ => Route::Unknown,
    }
}

/// A response with `status`, a `Content-Type` and `body`.
fn body_response(
    status: StatusCode,
    content_type: &'static str,
    body: impl Into<Body>,
) -> Response {
    let mut response = Response::new(body.into());
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
}

fn json_response(status: StatusCode, body: Vec<u8>) -> Response {
    body_response(status, "application/json", body)
}

fn error_response(error: &ApiError) -> Response {
    let status = StatusCode::from_u16(error.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    json_response(status, error.body())
}

/// Computes the normal answer (JSON bytes) to an API request.
fn answer(
    shared: &Shared,
    route: &Route,
    path: &str,
    query: &ApiQuery,
) -> Result<Vec<u8>, ApiError> {
    let territory = shared
        .territory
        .read()
        .unwrap_or_else(PoisonError::into_inner);
    let request = Request {
        origin: &shared.origin,
        path,
        query,
        now: clock::now(),
    };
    match route {
        Route::List(resource) => endpoints::list(&territory, *resource, &request),
        Route::Detail(resource, id) => endpoints::detail(&territory, *resource, *id, &request),
        Route::Profile(id) => endpoints::profile(&territory, *id, &request),
        Route::Gpx(id) => endpoints::gpx(&territory, *id, &request),
        Route::Config => Ok(endpoints::config()),
        Route::Media(_) | Route::Unknown => Err(ApiError::not_found("Not found.")),
    }
}

async fn handle(State(shared): State<Arc<Shared>>, uri: Uri, headers: HeaderMap) -> Response {
    let path = uri.path().to_string();
    let raw_query = uri.query().unwrap_or("").to_string();
    lock(&shared.log).push(LoggedRequest {
        path: path.clone(),
        query: raw_query.clone(),
    });
    let tree = shared
        .mobile_tree
        .read()
        .unwrap_or_else(PoisonError::into_inner)
        .clone();
    if let (Some(root), Some(file)) = (tree, path.strip_prefix("/mobile/")) {
        let file = file.to_string();
        let answered =
            tokio::task::spawn_blocking(move || mobile::answer(&root, &file, &headers)).await;
        return match answered {
            Ok((response, sent)) => {
                *lock(&shared.mobile_bytes).entry(path).or_default() += sent;
                response
            }
            Err(join_error) => error_response(&ApiError {
                status: 500,
                detail: join_error.to_string(),
            }),
        };
    }
    let query = ApiQuery::parse(uri.query());
    let route = route(&path);
    let resource_name = match &route {
        Route::Media(_) => "media".to_string(),
        _ => path
            .strip_prefix("/api/v2/")
            .and_then(|rest| rest.split('/').next())
            .unwrap_or("")
            .to_string(),
    };
    let page = match (&route, query.page) {
        (Route::List(_), Ok(PageRequest::Number(n))) => Some(n),
        _ => None,
    };
    let fault = lock(&shared.faults).fault_for(&resource_name, page);
    match &fault {
        Some(Fault::Delay(delay)) => tokio::time::sleep(*delay).await,
        Some(Fault::Hold(gate)) => gate.hold().await,
        _ => {}
    }
    let worker_shared = shared.clone();
    let worker_path = path.clone();
    let computed = tokio::task::spawn_blocking(move || match &route {
        Route::Media(media_path) => Ok(media::file(media_path)),
        _ => answer(&worker_shared, &route, &worker_path, &query).map(|json| {
            Some(Payload {
                content_type: match route {
                    Route::Gpx(_) => "application/gpx+xml",
                    _ => "application/json",
                },
                bytes: json,
            })
        }),
    })
    .await;
    let file = match computed {
        Ok(Ok(Some(file))) => file,
        Ok(Ok(None)) => return error_response(&ApiError::not_found("Not found.")),
        Ok(Err(error)) => return error_response(&error),
        Err(join_error) => {
            return error_response(&ApiError {
                status: 500,
                detail: join_error.to_string(),
            });
        }
    };
    match fault {
        Some(fault) => {
            let self_url = if raw_query.is_empty() {
                format!("{}{path}", shared.origin)
            } else {
                format!("{}{path}?{raw_query}", shared.origin)
            };
            faults::faulty_response(
                &fault,
                file.bytes,
                &self_url,
                &shared.foreign_origin,
                &shared.origin,
            )
        }
        None => body_response(StatusCode::OK, file.content_type, file.bytes),
    }
}
