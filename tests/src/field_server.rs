//! A local stand-in for a Geotrek-admin's report endpoints, with the faults
//! of a mountain network: the public `POST /api/v2/feedback_report/`
//! (multipart, photos) and the field API (JWT login, refresh and verify,
//! `/api/gtam/config/`, reports listed and created with `?format=gtam`,
//! conditions of signage and infrastructure items). Shapes follow
//! `shared/fixtures/geotrek-admin-live/` and Geotrek-admin's serializers;
//! like the real server the public endpoint HTML-escapes the comment.
//!
//! Faults, drawn from a seeded generator: the connection dropped before
//! answering (nothing stored), dropped after storing but before answering,
//! bursts of 503 with `Retry-After`, access tokens expired on demand or every
//! n-th authenticated request. The server records what it received (reports
//! with the SHA-256 of each photo, condition updates) so tests check the
//! server's side, not the client's bookkeeping. Like a French park's server,
//! it refuses an unknown id in French (`Clé primaire « 555 » non valide`).
//! A test can hold report creations at the door ([`FieldServer::hold_creations`])
//! to line up two clients on one report without any sleep.

use std::collections::HashSet;
use std::net::SocketAddr;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, patch, post};
use axum::{Extension, Json, Router};
use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use rand::{Rng, SeedableRng, rngs::StdRng};
use serde::Deserialize;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use tokio_util::sync::CancellationToken;

/// The user the field API knows.
pub const USERNAME: &str = "ranger";
/// Its password.
pub const PASSWORD: &str = "col-du-lautaret";
/// Its e-mail, as `/api/gtam/config/` gives it.
pub const EMAIL: &str = "ranger@example.org";
/// Report category ids the server accepts (`feedback_category.json`).
pub const CATEGORIES: [i64; 4] = [1, 2, 3, 4];
/// Activity ids (`feedback_activity.json`).
pub const ACTIVITIES: [i64; 1] = [1];
/// Problem magnitude ids (`feedback_magnitude.json`).
pub const MAGNITUDES: [i64; 3] = [1, 2, 3];
/// Condition ids of signage and infrastructure items.
pub const CONDITIONS: [i64; 3] = [1, 2, 3];

/// What goes wrong, and how often.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Faults {
    /// Seed of the generator drawing the faults.
    pub seed: u64,
    /// Share of requests whose connection is dropped before anything is done.
    pub drop_before_answer: f64,
    /// Share of report creations stored, then dropped before the answer.
    pub drop_after_store: f64,
    /// Every n-th request starts a burst of 503 (0: never).
    pub unavailable_every: u32,
    /// How many requests a burst answers 503.
    pub unavailable_burst: u32,
    /// The `Retry-After` of a 503, in seconds.
    pub retry_after_s: u64,
    /// Every n-th authenticated request finds its access token expired (0: never).
    pub expire_access_every: u32,
}

/// Which endpoint received a report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Endpoint {
    /// `POST /api/v2/feedback_report/`.
    Public,
    /// `POST /api/report/drf/reports?format=gtam`.
    Field,
}

/// A photo as the server received it.
#[derive(Clone, Debug, PartialEq)]
pub struct ReceivedPhoto {
    pub field_name: String,
    pub file_name: String,
    pub sha256: String,
    pub size_bytes: usize,
}

/// A report as the server stored it.
#[derive(Clone, Debug, PartialEq)]
pub struct ReceivedReport {
    pub id: i64,
    pub endpoint: Endpoint,
    pub email: String,
    /// As stored (HTML-escaped when received on the public endpoint).
    pub comment: String,
    /// `(longitude, latitude)`.
    pub point: Option<(f64, f64)>,
    pub category: Option<i64>,
    pub activity: Option<i64>,
    pub magnitude: Option<i64>,
    pub related_trek: Option<i64>,
    pub photos: Vec<ReceivedPhoto>,
}

/// A condition update of a signage or infrastructure item.
#[derive(Clone, Debug, PartialEq)]
pub struct ConditionUpdate {
    /// `signage` or `infrastructure`.
    pub model: String,
    pub id: i64,
    pub condition_ids: Vec<i64>,
}

/// How many requests met each fault.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FaultCounts {
    pub requests: u64,
    pub dropped_before_answer: u64,
    pub dropped_after_store: u64,
    pub unavailable: u64,
    pub expired_tokens: u64,
}

#[derive(Default)]
struct ServerState {
    faults: Faults,
    rng: Option<StdRng>,
    burst_left: u32,
    authenticated_requests: u64,
    counts: FaultCounts,
    next_token: u64,
    access_tokens: HashSet<String>,
    refresh_tokens: HashSet<String>,
    reports: Vec<ReceivedReport>,
    condition_updates: Vec<ConditionUpdate>,
    signages: Vec<Value>,
    infrastructures: Vec<Value>,
}

/// Report creations held at the door until the test releases them.
#[derive(Default)]
struct Gate {
    /// How many of the next creations to hold, and how many wait now.
    counts: Mutex<(u32, u32)>,
    arrived: Condvar,
    released: tokio::sync::Notify,
}

impl Gate {
    /// Waits here if this creation is to be held.
    async fn pass(&self) {
        let released = {
            let mut counts = self.counts.lock().unwrap_or_else(|p| p.into_inner());
            if counts.0 == 0 {
                return;
            }
            counts.0 -= 1;
            counts.1 += 1;
            // Registered under the lock [`FieldServer::release_held`] takes:
            // a release cannot slip in between.
            let released = self.released.notified();
            self.arrived.notify_all();
            released
        };
        released.await;
    }
}

type Shared = Arc<Mutex<ServerState>>;

fn lock(state: &Shared) -> MutexGuard<'_, ServerState> {
    state
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The running server; stops when dropped.
pub struct FieldServer {
    address: SocketAddr,
    state: Shared,
    gate: Arc<Gate>,
    shutdown: CancellationToken,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl FieldServer {
    /// Starts a server on 127.0.0.1 (a free port) with no faults, on its own thread.
    pub fn start() -> std::io::Result<FieldServer> {
        FieldServer::start_on(0)
    }

    /// Starts a server on 127.0.0.1:`port` (0: a free port).
    pub fn start_on(port: u16) -> std::io::Result<FieldServer> {
        let listener = std::net::TcpListener::bind(("127.0.0.1", port))?;
        listener.set_nonblocking(true)?;
        let address = listener.local_addr()?;
        let state: Shared = Arc::default();
        let gate = Arc::new(Gate::default());
        let shutdown = CancellationToken::new();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let app = router(state.clone()).layer(Extension(gate.clone()));
        let stop = shutdown.clone();
        let thread = std::thread::Builder::new()
            .name("field-server".into())
            .spawn(move || {
                runtime.block_on(async move {
                    if let Ok(listener) = tokio::net::TcpListener::from_std(listener) {
                        serve(listener, app, stop).await;
                    }
                });
            })?;
        Ok(FieldServer {
            address,
            state,
            gate,
            shutdown,
            thread: Some(thread),
        })
    }

    /// The server's base URL, e.g. `http://127.0.0.1:40123/`.
    pub fn url(&self) -> String {
        format!("http://{}/", self.address)
    }

    /// Replaces the faults (and restarts their generator from their seed).
    pub fn set_faults(&self, faults: Faults) {
        let mut state = lock(&self.state);
        state.rng = Some(StdRng::seed_from_u64(faults.seed));
        state.burst_left = 0;
        state.faults = faults;
    }

    /// Holds the next `count` report creations (either endpoint) before
    /// anything is stored, until [`FieldServer::release_held`].
    pub fn hold_creations(&self, count: u32) {
        self.gate.counts.lock().unwrap_or_else(|p| p.into_inner()).0 = count;
    }

    /// Blocks until `count` creations wait at the door (at most a minute,
    /// so a broken client fails the test instead of hanging it).
    pub fn wait_for_held(&self, count: u32) {
        let counts = self.gate.counts.lock().unwrap_or_else(|p| p.into_inner());
        let (_counts, timeout) = self
            .gate
            .arrived
            .wait_timeout_while(counts, Duration::from_secs(60), |counts| counts.1 < count)
            .unwrap_or_else(|p| p.into_inner());
        assert!(
            !timeout.timed_out(),
            "{count} report creations never arrived"
        );
    }

    /// Lets the held creations go on.
    pub fn release_held(&self) {
        let mut counts = self.gate.counts.lock().unwrap_or_else(|p| p.into_inner());
        counts.1 = 0;
        self.gate.released.notify_waiters();
    }

    /// Every access token issued so far is now expired (refresh tokens still work).
    pub fn expire_access_tokens(&self) {
        lock(&self.state).access_tokens.clear();
    }

    /// Every token issued so far is now invalid: the user must log in again.
    pub fn revoke_all_tokens(&self) {
        let mut state = lock(&self.state);
        state.access_tokens.clear();
        state.refresh_tokens.clear();
    }

    /// The signage and infrastructure items the field API lists, in the
    /// GTAM serializers' shape (see [`gtam_signage`], [`gtam_infrastructure`]).
    pub fn set_assets(&self, signages: Vec<Value>, infrastructures: Vec<Value>) {
        let mut state = lock(&self.state);
        state.signages = signages;
        state.infrastructures = infrastructures;
    }

    /// The reports stored, in order of arrival.
    pub fn reports(&self) -> Vec<ReceivedReport> {
        lock(&self.state).reports.clone()
    }

    /// The condition updates received, in order.
    pub fn condition_updates(&self) -> Vec<ConditionUpdate> {
        lock(&self.state).condition_updates.clone()
    }

    /// How many requests met each fault.
    pub fn fault_counts(&self) -> FaultCounts {
        lock(&self.state).counts.clone()
    }
}

impl Drop for FieldServer {
    fn drop(&mut self) {
        self.shutdown.cancel();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Closes the connection a request came on, without an answer.
#[derive(Clone)]
struct ConnectionKiller(CancellationToken);

impl ConnectionKiller {
    async fn drop_connection(&self) -> Response {
        self.0.cancel();
        std::future::pending().await
    }
}

/// Serves HTTP/1.1 connection by connection, so a handler can drop its own.
async fn serve(listener: tokio::net::TcpListener, app: Router, shutdown: CancellationToken) {
    loop {
        let stream = tokio::select! {
            _ = shutdown.cancelled() => return,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(_) => continue,
            },
        };
        let killer = CancellationToken::new();
        let service = TowerToHyperService::new(
            app.clone()
                .layer(Extension(ConnectionKiller(killer.clone()))),
        );
        let stop = shutdown.clone();
        tokio::spawn(async move {
            let connection = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service);
            tokio::select! {
                _ = connection => {}
                _ = killer.cancelled() => {}
                _ = stop.cancelled() => {}
            }
        });
    }
}

fn router(state: Shared) -> Router {
    Router::new()
        .route("/api/auth/token/", post(token))
        .route("/api/auth/refresh-token/", post(refresh_token))
        .route("/api/auth/verify-token/", post(verify_token))
        .route("/api/gtam/config/", get(config))
        .route(
            "/api/report/drf/reports",
            get(list_reports).post(create_field_report),
        )
        .route("/api/signage/drf/signages", get(list_signages))
        .route("/api/signage/drf/signages/{id}", patch(update_signage))
        .route(
            "/api/infrastructure/drf/infrastructures",
            get(list_infrastructures),
        )
        .route(
            "/api/infrastructure/drf/infrastructures/{id}",
            patch(update_infrastructure),
        )
        .route("/api/v2/feedback_report/", post(create_public_report))
        .layer(DefaultBodyLimit::max(64 * 1024 * 1024))
        .with_state(state)
}

/// What the fault generator decided for a request.
enum Fate {
    Proceed,
    DropBefore,
    Unavailable(u64),
}

fn fate(state: &Shared) -> Fate {
    let mut state = lock(state);
    state.counts.requests += 1;
    let faults = state.faults.clone();
    if state.burst_left > 0 {
        state.burst_left -= 1;
        state.counts.unavailable += 1;
        return Fate::Unavailable(faults.retry_after_s);
    }
    if faults.unavailable_every > 0
        && state
            .counts
            .requests
            .is_multiple_of(u64::from(faults.unavailable_every))
    {
        state.burst_left = faults.unavailable_burst.saturating_sub(1);
        state.counts.unavailable += 1;
        return Fate::Unavailable(faults.retry_after_s);
    }
    if draw(&mut state, faults.drop_before_answer) {
        state.counts.dropped_before_answer += 1;
        return Fate::DropBefore;
    }
    Fate::Proceed
}

fn draw(state: &mut ServerState, probability: f64) -> bool {
    probability > 0.0
        && state
            .rng
            .get_or_insert_with(|| StdRng::seed_from_u64(0))
            .random_bool(probability.min(1.0))
}

/// Runs the common faults; `Some` is the answer (or the drop) to give instead.
async fn faulted(state: &Shared, killer: &ConnectionKiller) -> Option<Response> {
    match fate(state) {
        Fate::Proceed => None,
        Fate::DropBefore => Some(killer.drop_connection().await),
        Fate::Unavailable(retry_after) => Some(
            (
                StatusCode::SERVICE_UNAVAILABLE,
                [(header::RETRY_AFTER, retry_after.to_string())],
                "Service Unavailable",
            )
                .into_response(),
        ),
    }
}

/// After storing a report: maybe drop before answering.
async fn after_store(state: &Shared, killer: &ConnectionKiller, answer: Response) -> Response {
    let drop = {
        let mut state = lock(state);
        let probability = state.faults.drop_after_store;
        let drop = draw(&mut state, probability);
        if drop {
            state.counts.dropped_after_store += 1;
        }
        drop
    };
    if drop {
        killer.drop_connection().await
    } else {
        answer
    }
}

fn detail(status: StatusCode, detail: &str) -> Response {
    (status, Json(json!({ "detail": detail }))).into_response()
}

fn token_invalid() -> Response {
    (
        StatusCode::UNAUTHORIZED,
        Json(json!({"detail": "Given token not valid for any token type", "code": "token_not_valid"})),
    )
        .into_response()
}

/// Checks the bearer token, expiring it when the faults say so.
// The refusal is the HTTP answer itself; boxing it would buy nothing here.
#[allow(clippy::result_large_err)]
fn authenticate(state: &Shared, headers: &HeaderMap) -> Result<(), Response> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .ok_or_else(|| {
            detail(
                StatusCode::UNAUTHORIZED,
                "Authentication credentials were not provided.",
            )
        })?;
    let mut state = lock(state);
    if !state.access_tokens.contains(token) {
        return Err(token_invalid());
    }
    state.authenticated_requests += 1;
    let every = u64::from(state.faults.expire_access_every);
    if every > 0 && state.authenticated_requests.is_multiple_of(every) {
        state.access_tokens.remove(token);
        state.counts.expired_tokens += 1;
        return Err(token_invalid());
    }
    Ok(())
}

/// The answer of a field API request that meets a fault or a bad token,
/// before its handler does anything.
async fn faulted_or_unauthenticated(
    state: &Shared,
    killer: &ConnectionKiller,
    headers: &HeaderMap,
) -> Option<Response> {
    if let Some(answer) = faulted(state, killer).await {
        return Some(answer);
    }
    authenticate(state, headers).err()
}

fn issue(state: &mut ServerState, kind: &str) -> String {
    state.next_token += 1;
    format!("{kind}.{}.{}", state.next_token, state.counts.requests)
}

#[derive(Deserialize)]
struct Credentials {
    username: String,
    password: String,
}

async fn token(
    State(state): State<Shared>,
    Extension(killer): Extension<ConnectionKiller>,
    Json(credentials): Json<Credentials>,
) -> Response {
    if let Some(answer) = faulted(&state, &killer).await {
        return answer;
    }
    if credentials.username != USERNAME || credentials.password != PASSWORD {
        return detail(
            StatusCode::UNAUTHORIZED,
            "No active account found with the given credentials",
        );
    }
    let mut state = lock(&state);
    let access = issue(&mut state, "access");
    let refresh = issue(&mut state, "refresh");
    state.access_tokens.insert(access.clone());
    state.refresh_tokens.insert(refresh.clone());
    Json(json!({ "access": access, "refresh": refresh })).into_response()
}

async fn refresh_token(
    State(state): State<Shared>,
    Extension(killer): Extension<ConnectionKiller>,
    Json(body): Json<Value>,
) -> Response {
    if let Some(answer) = faulted(&state, &killer).await {
        return answer;
    }
    let mut state = lock(&state);
    let refresh = body["refresh"].as_str().unwrap_or_default();
    if !state.refresh_tokens.contains(refresh) {
        return token_invalid();
    }
    let access = issue(&mut state, "access");
    state.access_tokens.insert(access.clone());
    Json(json!({ "access": access })).into_response()
}

async fn verify_token(
    State(state): State<Shared>,
    Extension(killer): Extension<ConnectionKiller>,
    Json(body): Json<Value>,
) -> Response {
    if let Some(answer) = faulted(&state, &killer).await {
        return answer;
    }
    let token = body["token"].as_str().unwrap_or_default();
    let state = lock(&state);
    if state.access_tokens.contains(token) || state.refresh_tokens.contains(token) {
        Json(json!({})).into_response()
    } else {
        token_invalid()
    }
}

async fn config(
    State(state): State<Shared>,
    Extension(killer): Extension<ConnectionKiller>,
    headers: HeaderMap,
) -> Response {
    if let Some(answer) = faulted_or_unauthenticated(&state, &killer, &headers).await {
        return answer;
    }
    let all =
        json!({"create": true, "update_geom": true, "update": true, "delete": true, "read": true});
    Json(json!({
        "settings": {
            "intervalSyncInHours": {"data": 168, "references": 168},
            "map": {
                "layers": {"online": {"base_layers": [], "overlay_layers": []}, "offline": []},
                "localOptions": {"bounds": [5.797, 44.501, 6.713, 45.196]}
            },
            "appOptions": {"minZoom": 10}
        },
        "user": {
            "attachedStructure": {"id": 1, "label": "PNE"},
            "email": EMAIL,
            "firstName": "",
            "lastName": "",
            "permissions": {
                "signage": all, "infrastructure": all, "intervention": all, "report": all,
                "attachment": {"create": true, "update": true, "delete": true, "read": true},
                "is_superuser": false,
                "can_bypass_structure": false
            },
            "userName": USERNAME
        }
    }))
    .into_response()
}

#[derive(Deserialize)]
struct ListQuery {
    email: Option<String>,
}

fn named(id: Option<i64>, name: &str) -> Value {
    id.map_or(
        Value::Null,
        |id| json!({"id": id, "name": format!("{name} {id}")}),
    )
}

fn gtam_report(report: &ReceivedReport) -> Value {
    json!({
        "id": report.id,
        "date_insert": "2026-11-28T17:05:08.771950+01:00",
        "date_update": "2026-11-28T17:05:08.854996+01:00",
        "email": report.email,
        "comment": report.comment,
        "geom": report.point.map(|(x, y)| json!({"type": "Point", "coordinates": [x, y]})),
        "activity": named(report.activity, "Activité"),
        "category": named(report.category, "Catégorie"),
        "problem_magnitude": named(report.magnitude, "Magnitude"),
        "status": {"id": 6, "name": "Nouveau"},
    })
}

async fn list_reports(
    State(state): State<Shared>,
    Extension(killer): Extension<ConnectionKiller>,
    headers: HeaderMap,
    Query(query): Query<ListQuery>,
) -> Response {
    if let Some(answer) = faulted_or_unauthenticated(&state, &killer, &headers).await {
        return answer;
    }
    let state = lock(&state);
    let email = query.email.filter(|email| !email.is_empty());
    let listed: Vec<Value> = state
        .reports
        .iter()
        .rev()
        .filter(|report| email.as_ref().is_none_or(|email| &report.email == email))
        .map(gtam_report)
        .collect();
    Json(listed).into_response()
}

/// A signage item as `SignageGTAMSerializer` gives it (`gtam_signages.json`).
pub fn gtam_signage(id: i64, code: &str, name: &str, lon_lat: (f64, f64), lines: &[&str]) -> Value {
    json!({
        "id": id, "code": code, "name": name, "published": true,
        "geom": {"type": "Point", "coordinates": [lon_lat.0, lon_lat.1]},
        "type": {"id": 2, "name": "Directionnelle"},
        "conditions": [{"id": CONDITIONS[0], "name": "Bon état"}],
        "blades": [{
            "id": id * 10, "number": "1",
            "direction": {"id": 1, "name": "Tout Droit"},
            "color": {"id": 1, "name": "Jaune"},
            "conditions": [],
            "lines": lines.iter().enumerate().map(|(n, text)| json!({
                "id": id * 100 + n as i64, "number": n + 1, "text": text,
                "distance": "1.5", "time": "00:30:00"
            })).collect::<Vec<_>>(),
        }],
    })
}

/// An infrastructure item as `InfrastructureGTAMSerializer` gives it
/// (`gtam_infrastructures.json`), along a line.
pub fn gtam_infrastructure(id: i64, name: &str, line: &[(f64, f64)]) -> Value {
    json!({
        "id": id, "name": name, "published": false,
        "geom": {"type": "LineString", "coordinates": line.iter().map(|(lon, lat)| json!([lon, lat])).collect::<Vec<_>>()},
        "type": {"id": 24, "name": "Passerelle"},
        "conditions": [],
    })
}

async fn list_assets(
    state: Shared,
    killer: ConnectionKiller,
    headers: HeaderMap,
    pick: fn(&ServerState) -> &Vec<Value>,
) -> Response {
    if let Some(answer) = faulted_or_unauthenticated(&state, &killer, &headers).await {
        return answer;
    }
    Json(pick(&lock(&state)).clone()).into_response()
}

async fn list_signages(
    State(state): State<Shared>,
    Extension(killer): Extension<ConnectionKiller>,
    headers: HeaderMap,
) -> Response {
    list_assets(state, killer, headers, |state| &state.signages).await
}

async fn list_infrastructures(
    State(state): State<Shared>,
    Extension(killer): Extension<ConnectionKiller>,
    headers: HeaderMap,
) -> Response {
    list_assets(state, killer, headers, |state| &state.infrastructures).await
}

/// `Invalid pk` errors as DRF words them on a French park's server, for ids
/// the server does not know.
#[allow(clippy::result_large_err)]
fn check_references(fields: &[(&str, Option<i64>, &[i64])]) -> Result<(), Response> {
    let mut errors = serde_json::Map::new();
    for (name, id, known) in fields {
        if let Some(id) = id
            && !known.contains(id)
        {
            errors.insert(name.to_string(), json!([invalid_pk(*id)]));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err((StatusCode::BAD_REQUEST, Json(Value::Object(errors))).into_response())
    }
}

/// DRF's `does_not_exist` message in French, as a French park's server answers it.
fn invalid_pk(id: i64) -> String {
    format!("Clé primaire «\u{a0}{id}\u{a0}» non valide - l'objet n'existe pas.")
}

fn point(geometry: &Value) -> Option<(f64, f64)> {
    let coordinates = geometry.get("coordinates")?;
    Some((coordinates.get(0)?.as_f64()?, coordinates.get(1)?.as_f64()?))
}

async fn create_field_report(
    State(state): State<Shared>,
    Extension(killer): Extension<ConnectionKiller>,
    Extension(gate): Extension<Arc<Gate>>,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> Response {
    if let Some(answer) = faulted_or_unauthenticated(&state, &killer, &headers).await {
        return answer;
    }
    gate.pass().await;
    let (category, activity, magnitude) = (
        body["category_id"].as_i64(),
        body["activity_id"].as_i64(),
        body["problem_magnitude_id"].as_i64(),
    );
    if let Err(refusal) = check_references(&[
        ("category_id", category, &CATEGORIES),
        ("activity_id", activity, &ACTIVITIES),
        ("problem_magnitude_id", magnitude, &MAGNITUDES),
    ]) {
        return refusal;
    }
    let answer = {
        let mut state = lock(&state);
        let report = ReceivedReport {
            id: state.reports.len() as i64 + 1,
            endpoint: Endpoint::Field,
            email: body["email"].as_str().unwrap_or_default().to_string(),
            comment: body["comment"].as_str().unwrap_or_default().to_string(),
            point: point(&body["geom"]),
            category,
            activity,
            magnitude,
            related_trek: None,
            photos: Vec::new(),
        };
        let answer = (StatusCode::CREATED, Json(gtam_report(&report))).into_response();
        state.reports.push(report);
        answer
    };
    after_store(&state, &killer, answer).await
}

/// What Django's `escape` does to the public endpoint's comment.
fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#x27;")
}

async fn create_public_report(
    State(state): State<Shared>,
    Extension(killer): Extension<ConnectionKiller>,
    Extension(gate): Extension<Arc<Gate>>,
    mut multipart: Multipart,
) -> Response {
    if let Some(answer) = faulted(&state, &killer).await {
        return answer;
    }
    gate.pass().await;
    let mut text = std::collections::HashMap::new();
    let mut photos = Vec::new();
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(error) => return detail(StatusCode::BAD_REQUEST, &error.to_string()),
        };
        let name = field.name().unwrap_or_default().to_string();
        let file_name = field.file_name().map(str::to_string);
        let bytes = match field.bytes().await {
            Ok(bytes) => bytes,
            Err(error) => return detail(StatusCode::BAD_REQUEST, &error.to_string()),
        };
        match file_name {
            Some(file_name) => photos.push(ReceivedPhoto {
                field_name: name,
                file_name,
                sha256: hex::encode(Sha256::digest(&bytes)),
                size_bytes: bytes.len(),
            }),
            None => {
                text.insert(name, String::from_utf8_lossy(&bytes).into_owned());
            }
        }
    }
    let id_of = |name: &str| text.get(name).and_then(|value| value.parse::<i64>().ok());
    let (category, activity, magnitude) = (
        id_of("category"),
        id_of("activity"),
        id_of("problem_magnitude"),
    );
    if let Err(refusal) = check_references(&[
        ("category", category, &CATEGORIES),
        ("activity", activity, &ACTIVITIES),
        ("problem_magnitude", magnitude, &MAGNITUDES),
    ]) {
        return refusal;
    }
    let geometry = text
        .get("geom")
        .and_then(|geom| serde_json::from_str::<Value>(geom).ok())
        .unwrap_or(Value::Null);
    let answer = {
        let mut state = lock(&state);
        let report = ReceivedReport {
            id: state.reports.len() as i64 + 1,
            endpoint: Endpoint::Public,
            email: text.get("email").cloned().unwrap_or_default(),
            comment: html_escape(text.get("comment").map(String::as_str).unwrap_or_default()),
            point: point(&geometry),
            category,
            activity,
            magnitude,
            related_trek: id_of("related_trek"),
            photos,
        };
        let answer = (
            StatusCode::CREATED,
            Json(json!({
                "id": report.id,
                "email": report.email,
                "activity": report.activity,
                "comment": report.comment,
                "category": report.category,
                "status": 6,
                "problem_magnitude": report.magnitude,
                "related_trek": report.related_trek,
            })),
        )
            .into_response();
        state.reports.push(report);
        answer
    };
    after_store(&state, &killer, answer).await
}

async fn update_conditions(
    state: Shared,
    killer: ConnectionKiller,
    headers: HeaderMap,
    model: &str,
    id: i64,
    body: Value,
) -> Response {
    if let Some(answer) = faulted_or_unauthenticated(&state, &killer, &headers).await {
        return answer;
    }
    let Some(ids) = body["conditions_id"]
        .as_array()
        .map(|ids| ids.iter().filter_map(Value::as_i64).collect::<Vec<_>>())
    else {
        return detail(StatusCode::BAD_REQUEST, "conditions_id must be a list");
    };
    if let Some(unknown) = ids.iter().find(|id| !CONDITIONS.contains(id)) {
        return (
            StatusCode::BAD_REQUEST,
            Json(json!({"conditions_id": [invalid_pk(*unknown)]})),
        )
            .into_response();
    }
    lock(&state).condition_updates.push(ConditionUpdate {
        model: model.to_string(),
        id,
        condition_ids: ids.clone(),
    });
    Json(json!({"id": id, "conditions": ids.iter().map(|id| json!({"id": id, "name": format!("Condition {id}")})).collect::<Vec<_>>()}))
        .into_response()
}

async fn update_signage(
    State(state): State<Shared>,
    Extension(killer): Extension<ConnectionKiller>,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Json(body): Json<Value>,
) -> Response {
    update_conditions(state, killer, headers, "signage", id, body).await
}

async fn update_infrastructure(
    State(state): State<Shared>,
    Extension(killer): Extension<ConnectionKiller>,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Json(body): Json<Value>,
) -> Response {
    update_conditions(state, killer, headers, "infrastructure", id, body).await
}
