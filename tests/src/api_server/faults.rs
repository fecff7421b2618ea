//! Fault injection: a [`FaultPlan`] of rules, each matching requests to a
//! resource (optionally one page, or only the nth matching request, or only
//! the first N matches) and turning the answer into a bad one, so a client's
//! handling of bad input can be tested against a real socket.

use std::convert::Infallible;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use axum::body::Body;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use bytes::Bytes;
use futures_util::{StreamExt, stream};
use serde_json::Value;

use super::{body_response, json_response};

/// What goes wrong with an answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fault {
    /// This HTTP status with a JSON `{"detail": ...}` body, and a `Retry-After` in seconds.
    Status {
        status: u16,
        retry_after: Option<u64>,
    },
    /// A proxy's HTML error page, with status 200.
    HtmlErrorPage,
    /// The JSON cut in the middle (status 200, consistent `Content-Length`).
    MalformedJson,
    /// Field `field` of each object has the wrong JSON type.
    WrongType { field: String },
    /// A `Content-Length` larger than the body, then the connection closes.
    TruncatedBody,
    /// The answer comes after this delay (to trigger the client's timeout).
    Delay(Duration),
    /// `next` points back to the page itself.
    NextLoops,
    /// `next` points to another host (`127.0.0.2` on the same port).
    NextToForeignHost,
    /// A valid page of about `bytes` bytes, streamed.
    HugeBody { bytes: u64 },
    /// A page that never ends: the server streams until the client hangs up.
    EndlessBody,
    /// The answer waits until the test opens the gate; the test learns from
    /// the gate when a request is held (a signal, not a sleep).
    Hold(Gate),
    /// The answer trickles: one byte, then another after each `interval`.
    Trickle { interval: Duration },
    /// Pagination without end: every page links to a fresh URL (the same
    /// page with a new `cursor`), as a broken or hostile server may.
    EndlessPages,
}

/// Holds the requests of a [`Fault::Hold`] until opened, and tells a test
/// how many requests it has held.
#[derive(Clone, Debug, Default)]
pub struct Gate {
    state: Arc<GateState>,
}

#[derive(Debug, Default)]
struct GateState {
    held: Mutex<usize>,
    arrived: Condvar,
    opened: tokio::sync::Notify,
    open: std::sync::atomic::AtomicBool,
}

/// How long [`Gate::wait_for_held`] waits before failing the test: a
/// safety net against a hung client, not a measure of speed.
const GATE_PATIENCE: Duration = Duration::from_secs(120);

impl Gate {
    /// A closed gate that has held nothing yet.
    pub fn new() -> Gate {
        Gate::default()
    }

    /// Blocks the calling (test) thread until the gate has held `count`
    /// requests in all.
    ///
    /// # Panics
    /// When no client comes within two minutes: the client under test hung.
    pub fn wait_for_held(&self, count: usize) {
        let held = self.state.held.lock().unwrap_or_else(|p| p.into_inner());
        let (held, timeout) = self
            .state
            .arrived
            .wait_timeout_while(held, GATE_PATIENCE, |held| *held < count)
            .unwrap_or_else(|p| p.into_inner());
        assert!(
            !timeout.timed_out(),
            "the gate held {} of {count} requests",
            *held
        );
    }

    /// Lets every held and future request through.
    pub fn open(&self) {
        self.state
            .open
            .store(true, std::sync::atomic::Ordering::SeqCst);
        self.state.opened.notify_waiters();
    }

    /// Counts a request and waits until the gate is open.
    pub(crate) async fn hold(&self) {
        let opened = self.state.opened.notified();
        tokio::pin!(opened);
        opened.as_mut().enable();
        {
            let mut held = self.state.held.lock().unwrap_or_else(|p| p.into_inner());
            *held += 1;
            self.state.arrived.notify_all();
        }
        if !self.state.open.load(std::sync::atomic::Ordering::SeqCst) {
            opened.await;
        }
    }
}

impl PartialEq for Gate {
    fn eq(&self, other: &Gate) -> bool {
        Arc::ptr_eq(&self.state, &other.state)
    }
}

impl Eq for Gate {}

/// One rule of a [`FaultPlan`].
#[derive(Clone, Debug)]
pub struct FaultRule {
    resource: String,
    page: Option<usize>,
    nth: Option<usize>,
    times: Option<usize>,
    fault: Fault,
    matched: usize,
    fired: usize,
}

impl FaultRule {
    /// `fault` on every request to `resource` (a path segment under
    /// `/api/v2/` such as `trek`, `media` for photos, or `*` for any).
    pub fn new(resource: &str, fault: Fault) -> Self {
        FaultRule {
            resource: resource.to_string(),
            page: None,
            nth: None,
            times: None,
            fault,
            matched: 0,
            fired: 0,
        }
    }

    /// Only on this page of the list (page 1 when the request has no `page`).
    pub fn on_page(mut self, page: usize) -> Self {
        self.page = Some(page);
        self
    }

    /// Only on the nth matching request (1-based).
    pub fn on_nth_request(mut self, n: usize) -> Self {
        self.nth = Some(n);
        self
    }

    /// Only on the first `count` matching requests (one-shot with 1), so retries succeed.
    pub fn times(mut self, count: usize) -> Self {
        self.times = Some(count);
        self
    }

    /// Counts a request and says whether the fault applies to it.
    fn fires_on(&mut self, resource: &str, page: Option<usize>) -> bool {
        let resource_matches = self.resource == "*" || self.resource == resource;
        let page_matches = self.page.is_none_or(|wanted| page == Some(wanted));
        if !(resource_matches && page_matches) {
            return false;
        }
        self.matched += 1;
        if self.nth.is_some_and(|n| n != self.matched)
            || self.times.is_some_and(|t| self.fired >= t)
        {
            return false;
        }
        self.fired += 1;
        true
    }
}

/// The faults a server injects; the first rule that fires wins.
#[derive(Clone, Debug, Default)]
pub struct FaultPlan {
    rules: Vec<FaultRule>,
}

impl FaultPlan {
    /// A plan with no fault.
    pub fn new() -> Self {
        FaultPlan::default()
    }

    /// The plan with one more rule.
    pub fn with(mut self, rule: FaultRule) -> Self {
        self.rules.push(rule);
        self
    }

    /// The fault for a request to `resource` (page `page` of a list), if any.
    pub(crate) fn fault_for(&mut self, resource: &str, page: Option<usize>) -> Option<Fault> {
        // Every rule counts the request, so `on_nth_request` counts all matches.
        let mut chosen = None;
        for rule in &mut self.rules {
            if rule.fires_on(resource, page) && chosen.is_none() {
                chosen = Some(rule.fault.clone());
            }
        }
        chosen
    }
}

/// A streamed JSON body that announces `length` bytes.
fn streamed_json(body: Body, length: u64) -> Response {
    let mut response = body_response(StatusCode::OK, "application/json", body);
    response
        .headers_mut()
        .insert(header::CONTENT_LENGTH, HeaderValue::from(length));
    response
}

/// The answer a faulty server gives instead of `body` (the JSON it would have sent).
/// `self_url` is the request's absolute URL, `foreign_origin` the other host's.
pub(crate) fn faulty_response(
    fault: &Fault,
    body: Vec<u8>,
    self_url: &str,
    foreign_origin: &str,
    origin: &str,
) -> Response {
    match fault {
        Fault::Status {
            status,
            retry_after,
        } => {
            let code = StatusCode::from_u16(*status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let detail = serde_json::json!({"detail": code.canonical_reason().unwrap_or("Error")});
            let mut response = json_response(code, detail.to_string().into_bytes());
            if let Some(seconds) = retry_after {
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(*seconds));
            }
            response
        }
        Fault::HtmlErrorPage => {
            let html = "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head>\
                        <body><h1>Bad Gateway</h1><p>The proxy server received an invalid response \
                        from an upstream server.</p><hr><address>nginx</address></body></html>";
            body_response(StatusCode::OK, "text/html; charset=utf-8", html)
        }
        Fault::MalformedJson => {
            let mut cut = body;
            cut.truncate(cut.len() / 2);
            cut.extend_from_slice(b"\"}]");
            json_response(StatusCode::OK, cut)
        }
        Fault::WrongType { field } => json_response(StatusCode::OK, with_wrong_type(&body, field)),
        Fault::TruncatedBody => {
            let announced = body.len();
            let half = Bytes::from(body).slice(..announced / 2);
            // Give hyper time to flush the first half before the error aborts the connection.
            let abort = stream::once(async {
                tokio::time::sleep(Duration::from_millis(50)).await;
                Err(std::io::Error::new(
                    std::io::ErrorKind::ConnectionAborted,
                    "truncated by the fault plan",
                ))
            });
            let chunks = stream::once(async { Ok(half) }).chain(abort);
            streamed_json(Body::from_stream(chunks), announced as u64)
        }
        Fault::NextLoops => json_response(StatusCode::OK, with_next(&body, self_url.to_string())),
        Fault::NextToForeignHost => {
            let foreign = self_url.replacen(origin, foreign_origin, 1);
            json_response(StatusCode::OK, with_next(&body, foreign))
        }
        Fault::HugeBody { bytes } => huge_body(*bytes),
        Fault::EndlessBody => endless_body(),
        Fault::Trickle { interval } => trickle(body, *interval),
        Fault::EndlessPages => {
            let cursor = self_url.len();
            let separator = if self_url.contains('?') { '&' } else { '?' };
            let fresh = format!("{self_url}{separator}cursor={cursor}");
            json_response(StatusCode::OK, with_next(&body, fresh))
        }
        Fault::Delay(_) | Fault::Hold(_) => json_response(StatusCode::OK, body),
    }
}

fn with_next(body: &[u8], next: String) -> Vec<u8> {
    let mut value: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
    if let Some(map) = value.as_object_mut() {
        map.insert("next".into(), next.into());
    }
    value.to_string().into_bytes()
}

/// A value of another JSON type than `value`.
fn mistyped(value: &Value) -> Value {
    match value {
        Value::String(_) => Value::from(42),
        Value::Number(_) => Value::from("not a number"),
        Value::Bool(_) => Value::from("yes"),
        Value::Array(_) | Value::Object(_) => Value::from("oops"),
        Value::Null => serde_json::json!({"unexpected": true}),
    }
}

fn with_wrong_type(body: &[u8], field: &str) -> Vec<u8> {
    let mut value: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
    let spoil = |object: &mut Value| {
        if let Some(map) = object.as_object_mut() {
            let replacement = mistyped(map.get(field).unwrap_or(&Value::Null));
            map.insert(field.to_string(), replacement);
        }
    };
    match value.get_mut("results").and_then(Value::as_array_mut) {
        Some(results) => results.iter_mut().for_each(spoil),
        None => spoil(&mut value),
    }
    value.to_string().into_bytes()
}

const FILLER_OBJECT: &[u8] =
    b"{\"id\":1,\"name\":\"Sentier sans fin\",\"description\":\"<p>Encore et encore.</p>\"},";

fn page_head(count: u64) -> Bytes {
    Bytes::from(format!(
        "{{\"count\":{count},\"next\":null,\"previous\":null,\"results\":["
    ))
}

/// A valid page of `bytes` bytes (at least its envelope), streamed in 64 KiB chunks.
fn huge_body(bytes: u64) -> Response {
    let head = page_head(1);
    let tail = Bytes::from_static(b"{\"id\":1}]}");
    let filler_count =
        bytes.saturating_sub((head.len() + tail.len()) as u64) / FILLER_OBJECT.len() as u64;
    let total = head.len() as u64 + filler_count * FILLER_OBJECT.len() as u64 + tail.len() as u64;
    let per_chunk = (64 * 1024 / FILLER_OBJECT.len()) as u64;
    let chunk = Bytes::from(FILLER_OBJECT.repeat(per_chunk as usize));
    let state = (Some(head), filler_count, Some(tail));
    let body = stream::unfold(state, move |(head, left, tail)| {
        let chunk = chunk.clone();
        async move {
            if let Some(head) = head {
                return Some((Ok::<_, Infallible>(head), (None, left, tail)));
            }
            if left > 0 {
                let n = left.min(per_chunk);
                let piece = chunk.slice(..(n as usize * FILLER_OBJECT.len()));
                return Some((Ok(piece), (None, left - n, tail)));
            }
            tail.map(|tail| (Ok(tail), (None, 0, None)))
        }
    });
    streamed_json(Body::from_stream(body), total)
}

/// `body` one byte at a time, `interval` apart.
fn trickle(body: Vec<u8>, interval: Duration) -> Response {
    let length = body.len() as u64;
    let bytes = stream::iter(body).then(move |byte| async move {
        tokio::time::sleep(interval).await;
        Ok::<_, Infallible>(Bytes::from(vec![byte]))
    });
    streamed_json(Body::from_stream(bytes), length)
}

/// A page whose results never end.
fn endless_body() -> Response {
    let chunk = Bytes::from(FILLER_OBJECT.repeat(64 * 1024 / FILLER_OBJECT.len()));
    let body = stream::iter(std::iter::once(page_head(u64::MAX)).chain(std::iter::repeat(chunk)))
        .map(Ok::<_, Infallible>);
    body_response(StatusCode::OK, "application/json", Body::from_stream(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_fire_on_their_requests_only() {
        let mut plan = FaultPlan::new()
            .with(
                FaultRule::new("trek", Fault::HtmlErrorPage)
                    .on_page(2)
                    .times(1),
            )
            .with(FaultRule::new("poi", Fault::MalformedJson).on_nth_request(2));
        assert_eq!(plan.fault_for("trek", Some(1)), None);
        assert_eq!(plan.fault_for("trek", Some(2)), Some(Fault::HtmlErrorPage));
        assert_eq!(plan.fault_for("trek", Some(2)), None, "one-shot");
        assert_eq!(plan.fault_for("poi", Some(1)), None);
        assert_eq!(plan.fault_for("poi", Some(1)), Some(Fault::MalformedJson));
        assert_eq!(plan.fault_for("poi", Some(1)), None);
    }

    #[test]
    fn wrong_types_differ_from_the_originals() {
        let body = br#"{"count":1,"next":null,"previous":null,"results":[{"id":3,"name":"x"}]}"#;
        let spoiled: Value =
            serde_json::from_slice(&with_wrong_type(body, "name")).unwrap_or_default();
        assert_eq!(spoiled["results"][0]["name"], Value::from(42));
        let spoiled: Value =
            serde_json::from_slice(&with_wrong_type(body, "count")).unwrap_or_default();
        assert_eq!(
            spoiled["results"][0]["count"],
            serde_json::json!({"unexpected": true})
        );
    }
}
