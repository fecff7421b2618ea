//! How the core talks to servers, in one place: the client every networked
//! part starts from (the platform's trusted certificates, a User-Agent naming
//! Sentier, timeouts), the one retry loop (backoff with jitter, `Retry-After`
//! honoured, waits that end on cancellation, a total budget per kind of
//! call), the one reading of `Retry-After`, and body reads capped by what
//! each call expects, counted after gzip decoding.
//!
//! Trust: on Apple platforms, Windows and Linux the client verifies servers
//! with the OS (rustls-platform-verifier: the user's and the organisation's
//! certificates count, revocations too where the OS checks them). Android's
//! verifier is reached through JNI: the app calls `PlatformTls.init(context)`
//! at start (see `bindings/src/platform_tls.rs`), which reports here through
//! [`platform_trust_ready`]; until then, and wherever the OS offers no
//! trust store, Mozilla's roots compiled into the app are the fallback.

use std::future::Future;
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use bytes::Bytes;
use futures_util::StreamExt;
use rand::Rng;
use reqwest::header::HeaderMap;
use reqwest::{Response, StatusCode};
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;

/// How long to wait for a TCP/TLS connection.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(15);
/// How long a read may stall before the request fails.
pub const READ_TIMEOUT: Duration = Duration::from_secs(30);
/// What every request says it is.
pub const USER_AGENT: &str = concat!("Sentier/", env!("CARGO_PKG_VERSION"));
/// The most of an error answer read to learn the server's reason.
pub const ERROR_TEXT_LIMIT: u64 = 64 * 1024;

static PLATFORM_TRUST_READY: AtomicBool = AtomicBool::new(false);

/// Told by the Android shell's start-up, once rustls-platform-verifier holds
/// the JVM handles it needs: clients built from now on trust what Android
/// trusts. Elsewhere the OS verifier needs no set-up and this is a no-op.
pub fn platform_trust_ready() {
    PLATFORM_TRUST_READY.store(true, Ordering::SeqCst);
}

/// Which certificates a client trusts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trust {
    /// The operating system's verifier and trust store.
    Platform,
    /// Mozilla's roots compiled into the app.
    Compiled,
}

fn platform_trust_usable() -> bool {
    !cfg!(target_os = "android") || PLATFORM_TRUST_READY.load(Ordering::SeqCst)
}

fn base_builder(trust: Trust) -> reqwest::ClientBuilder {
    static PROVIDER: Once = Once::new();
    PROVIDER.call_once(|| {
        // Fails only if another provider was installed first, which is as good.
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
    let builder = reqwest::Client::builder()
        .connect_timeout(CONNECT_TIMEOUT)
        .read_timeout(READ_TIMEOUT)
        .user_agent(USER_AGENT);
    match trust {
        // Without certificates of its own, reqwest verifies with the OS.
        Trust::Platform => builder,
        Trust::Compiled => builder.tls_certs_only(
            webpki_root_certs::TLS_SERVER_ROOT_CERTS
                .iter()
                .filter_map(|der| reqwest::Certificate::from_der(der).ok()),
        ),
    }
}

/// A client with Sentier's trust, timeouts and User-Agent, adjusted by
/// `configure` (a timeout of its own, say); the OS's trust when it has one,
/// the compiled roots otherwise.
pub fn client_with(
    configure: impl Fn(reqwest::ClientBuilder) -> reqwest::ClientBuilder,
) -> Result<(reqwest::Client, Trust), reqwest::Error> {
    if platform_trust_usable()
        && let Ok(client) = configure(base_builder(Trust::Platform)).build()
    {
        return Ok((client, Trust::Platform));
    }
    configure(base_builder(Trust::Compiled))
        .build()
        .map(|client| (client, Trust::Compiled))
}

/// [`client_with`] as it comes.
pub fn client() -> Result<reqwest::Client, reqwest::Error> {
    client_with(|builder| builder).map(|(client, _)| client)
}

/// A request error as people read it: reqwest's text with its causes (which
/// hold the useful part), the URL cut to its path since a query string may
/// carry a token.
pub fn describe_error(error: &reqwest::Error) -> String {
    let mut text = error.to_string();
    if let Some(url) = error.url() {
        text = text.replace(url.as_str(), url.path());
    }
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// `Retry-After` in either of its forms (seconds, or an HTTP date), as the
/// wait from now.
pub fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers
        .get(reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(
        date.duration_since(std::time::SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}

/// Whether an answer with `status` may come out differently a little later:
/// the server is busy or overloaded (429, 503), a gateway or the server
/// stumbled (500, 502, 504), or the request timed out (408).
pub fn is_temporary(status: StatusCode) -> bool {
    matches!(status.as_u16(), 408 | 429 | 500 | 502 | 503 | 504)
}

/// How long a call may take and how it retries: a user waiting on an answer
/// gets it (or the reason) within seconds; work running in the background
/// rides out a longer outage.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Budget {
    /// Failed attempts before giving up.
    pub attempts: u32,
    /// The wait after the first failure; it doubles after each (with jitter).
    pub first_delay: Duration,
    /// The longest wait between two attempts. A server's `Retry-After`
    /// beyond it ends the call at once, with the server's word on when to
    /// come back.
    pub longest_wait: Duration,
    /// The whole call, attempts and waits included ([`Duration::MAX`]: no
    /// limit, for transfers whose attempts bound their own time).
    pub total: Duration,
}

impl Budget {
    /// A user is looking at a screen waiting for this answer.
    pub const INTERACTIVE: Budget = Budget {
        attempts: 3,
        first_delay: Duration::from_millis(250),
        longest_wait: Duration::from_secs(4),
        total: Duration::from_secs(10),
    };
    /// Work the user started and watches progress of (a sync, a download).
    pub const BACKGROUND: Budget = Budget {
        attempts: 8,
        first_delay: Duration::from_millis(500),
        longest_wait: Duration::from_secs(120),
        total: Duration::from_secs(600),
    };

    /// The wait after `failures` failed attempts: `first_delay` doubled
    /// each time, capped, then drawn in its upper half so the phones of a
    /// whole valley coming back online do not retry in step.
    fn backoff(&self, failures: u32) -> Duration {
        let ceiling = self
            .first_delay
            .saturating_mul(1 << failures.saturating_sub(1).min(20))
            .min(self.longest_wait);
        ceiling / 2 + ceiling.mul_f64(rand::rng().random_range(0.0..=0.5))
    }
}

/// One attempt of a call with retries.
#[derive(Clone, Copy, Debug)]
pub struct Attempt {
    /// From 1.
    pub number: u32,
    /// When the call's budget runs out, if it has a limit.
    pub deadline: Option<Instant>,
}

/// Why an attempt failed, in the terms the retry loop acts on.
#[derive(Debug)]
pub enum Failure<E> {
    /// May succeed later: try again after the server's `Retry-After`, if
    /// it gave one, else after the budget's backoff.
    Temporary {
        error: E,
        retry_after: Option<Duration>,
    },
    /// The attempt moved the work forward before it failed (a download
    /// that received bytes): try again soon, with the budget renewed.
    Interrupted(E),
    /// Trying again will not help.
    Permanent(E),
}

impl<E> Failure<E> {
    /// The same failure with its error turned into another type.
    pub fn map<F>(self, into: impl FnOnce(E) -> F) -> Failure<F> {
        match self {
            Failure::Temporary { error, retry_after } => Failure::Temporary {
                error: into(error),
                retry_after,
            },
            Failure::Interrupted(error) => Failure::Interrupted(into(error)),
            Failure::Permanent(error) => Failure::Permanent(into(error)),
        }
    }
}

/// How a call with retries ended without a result.
#[derive(Clone, Debug, PartialEq)]
pub enum CallError<E> {
    /// Its cancellation token fired; waits and attempts stop at once.
    Cancelled,
    /// An attempt failed for good.
    Refused(E),
    /// Temporary failures used up the budget: `last` is the last one's
    /// error (`None` if the time ran out during the first attempt).
    GaveUp {
        last: Option<E>,
        attempts: u32,
        /// The time budget, when it is time that ran out.
        out_of_time: Option<Duration>,
    },
}

impl<E: std::fmt::Display> CallError<E> {
    /// The failure as a sentence that always carries the reason.
    pub fn describe(&self) -> String {
        match self {
            CallError::Cancelled => "cancelled".into(),
            CallError::Refused(error) => error.to_string(),
            CallError::GaveUp {
                last,
                attempts,
                out_of_time,
            } => {
                let tried = match out_of_time {
                    Some(budget) => format!("no complete answer within {}", seconds(*budget)),
                    None if *attempts == 1 => "gave up after 1 attempt".to_string(),
                    None => format!("gave up after {attempts} attempts"),
                };
                match last {
                    Some(error) => format!("{tried}: {error}"),
                    None => tried,
                }
            }
        }
    }

    /// The same outcome with its error turned into another type.
    pub fn map<F>(self, into: impl Fn(E) -> F) -> CallError<F> {
        match self {
            CallError::Cancelled => CallError::Cancelled,
            CallError::Refused(error) => CallError::Refused(into(error)),
            CallError::GaveUp {
                last,
                attempts,
                out_of_time,
            } => CallError::GaveUp {
                last: last.map(into),
                attempts,
                out_of_time,
            },
        }
    }

    /// The underlying error, if an attempt produced one.
    pub fn error(&self) -> Option<&E> {
        match self {
            CallError::Cancelled => None,
            CallError::Refused(error) => Some(error),
            CallError::GaveUp { last, .. } => last.as_ref(),
        }
    }
}

fn seconds(duration: Duration) -> String {
    if duration < Duration::from_secs(1) {
        format!("{} ms", duration.as_millis())
    } else {
        format!("{} s", duration.as_secs())
    }
}

/// Runs `attempt` until it succeeds, fails for good, `budget` runs out or
/// `cancel` fires. Every attempt and every wait ends with the budget's time
/// (an attempt is dropped then) and at once on cancellation.
pub async fn with_retries<T, E, Fut>(
    budget: &Budget,
    cancel: &CancellationToken,
    mut attempt: impl FnMut(Attempt) -> Fut,
) -> Result<T, CallError<E>>
where
    Fut: Future<Output = Result<T, Failure<E>>>,
{
    let deadline_from_now = || Instant::now().checked_add(budget.total);
    let mut deadline = deadline_from_now();
    let mut failures = 0;
    let mut number = 0;
    let mut last = None;
    loop {
        number += 1;
        let run = attempt(Attempt { number, deadline });
        let outcome = tokio::select! {
            _ = cancel.cancelled() => return Err(CallError::Cancelled),
            outcome = until(deadline, run) => outcome,
        };
        let Some(outcome) = outcome else {
            return Err(CallError::GaveUp {
                last,
                attempts: number,
                out_of_time: Some(budget.total),
            });
        };
        let (error, wait) = match outcome {
            Ok(value) => return Ok(value),
            Err(Failure::Permanent(error)) => return Err(CallError::Refused(error)),
            Err(Failure::Interrupted(error)) => {
                failures = 0;
                deadline = deadline_from_now();
                (error, Some(budget.first_delay))
            }
            Err(Failure::Temporary { error, retry_after }) => {
                failures += 1;
                (error, retry_after)
            }
        };
        if failures >= budget.attempts {
            return Err(CallError::GaveUp {
                last: Some(error),
                attempts: number,
                out_of_time: None,
            });
        }
        let wait = wait.unwrap_or_else(|| budget.backoff(failures));
        let past_deadline = deadline.is_some_and(|end| Instant::now() + wait >= end);
        if wait > budget.longest_wait || past_deadline {
            // The server asks for longer than this call may wait: say so now.
            return Err(CallError::GaveUp {
                last: Some(error),
                attempts: number,
                out_of_time: None,
            });
        }
        last = Some(error);
        tokio::select! {
            _ = cancel.cancelled() => return Err(CallError::Cancelled),
            _ = tokio::time::sleep(wait) => {}
        }
    }
}

/// `future`'s output, or `None` if `deadline` comes first.
async fn until<F: Future>(deadline: Option<Instant>, future: F) -> Option<F::Output> {
    match deadline {
        Some(deadline) => tokio::time::timeout_at(deadline, future).await.ok(),
        None => Some(future.await),
    }
}

/// Why an exchange with a server failed.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum HttpError {
    /// The server answered with an error status; `reason` is its own words
    /// (DRF's `detail`, a short text) or the status's name.
    #[error("HTTP {status}: {reason}{}", retry_hint(*retry_after))]
    Status {
        status: u16,
        retry_after: Option<Duration>,
        reason: String,
    },
    /// The connection could not be made, or was cut or stalled.
    #[error("{0}")]
    Network(String),
    /// The answer is larger than what this call expects.
    #[error("answer larger than the {limit}-byte limit of {what}")]
    TooLarge { what: &'static str, limit: u64 },
}

fn retry_hint(retry_after: Option<Duration>) -> String {
    retry_after
        .map(|wait| format!(" (retry after {})", seconds(wait)))
        .unwrap_or_default()
}

impl HttpError {
    /// The failure of a request that never got an answer.
    pub fn network(error: &reqwest::Error) -> HttpError {
        HttpError::Network(describe_error(error))
    }

    /// The failure an error answer stands for (see [`error_answer`]).
    pub async fn from_answer(response: Response) -> HttpError {
        let status = response.status().as_u16();
        let (retry_after, reason) = error_answer(response).await;
        HttpError::Status {
            status,
            retry_after,
            reason,
        }
    }

    /// How the retry loop treats this failure of an idempotent request.
    pub fn into_failure(self) -> Failure<HttpError> {
        match &self {
            HttpError::Status {
                status,
                retry_after,
                ..
            } if StatusCode::from_u16(*status).is_ok_and(is_temporary) => Failure::Temporary {
                retry_after: *retry_after,
                error: self,
            },
            HttpError::Network(_) => Failure::Temporary {
                error: self,
                retry_after: None,
            },
            _ => Failure::Permanent(self),
        }
    }
}

/// An error answer's `Retry-After` and the server's reason, read from at
/// most [`ERROR_TEXT_LIMIT`] bytes of its body.
pub async fn error_answer(response: Response) -> (Option<Duration>, String) {
    let status = response.status();
    let retry_after = retry_after(response.headers());
    let body = read_capped(response, ERROR_TEXT_LIMIT, "an error answer", &|_| {})
        .await
        .unwrap_or_default();
    (retry_after, server_reason(status, &body))
}

/// The server's own words in an error body: DRF's `{"detail": ...}` or its
/// field errors, else a short text; the status's name when there are none
/// (an HTML error page says nothing a person needs).
pub fn server_reason(status: StatusCode, body: &[u8]) -> String {
    let text = match serde_json::from_slice::<serde_json::Value>(body) {
        Ok(serde_json::Value::Object(map)) => match map.get("detail") {
            Some(serde_json::Value::String(detail)) => detail.clone(),
            _ => serde_json::Value::Object(map).to_string(),
        },
        Ok(serde_json::Value::String(text)) => text,
        _ => {
            let text = String::from_utf8_lossy(body);
            let text = text.trim();
            if text.starts_with('<') {
                String::new()
            } else {
                text.to_string()
            }
        }
    };
    let text: String = text.chars().take(300).collect();
    if text.trim().is_empty() {
        status
            .canonical_reason()
            .map_or_else(|| format!("HTTP {}", status.as_u16()), str::to_string)
    } else {
        text
    }
}

/// Reads `response`'s body, refusing more than `limit` bytes as they arrive
/// (after gzip decoding, so a small compressed bomb is cut as early as a
/// large plain body); `received` hears the running count.
pub async fn read_capped(
    response: Response,
    limit: u64,
    what: &'static str,
    received: &(dyn Fn(u64) + Send + Sync),
) -> Result<Bytes, HttpError> {
    let too_large = HttpError::TooLarge { what, limit };
    if response
        .content_length()
        .is_some_and(|length| length > limit)
    {
        return Err(too_large);
    }
    let capacity = response.content_length().unwrap_or(16 * 1024).min(limit);
    let mut body = Vec::with_capacity(capacity as usize);
    let mut stream = response.bytes_stream();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|error| HttpError::network(&error))?;
        if (body.len() + chunk.len()) as u64 > limit {
            return Err(too_large);
        }
        body.extend_from_slice(&chunk);
        received(body.len() as u64);
    }
    Ok(body.into())
}

/// A GET of a document read whole into memory (a list page, a manifest).
#[derive(Clone, Copy, Debug)]
pub struct Get<'a> {
    pub url: &'a url::Url,
    /// What it is, for the error saying it was too large.
    pub what: &'static str,
    /// The largest body this call accepts.
    pub limit: u64,
    pub budget: Budget,
    /// Sent as `Accept`.
    pub accept: Option<&'static str>,
    /// Sent as `If-None-Match`: the server answers 304 if its copy still has this ETag.
    pub if_none_match: Option<&'a str>,
    /// Sent as `Accept-Language`: a Geotrek-mobile tree picks its folder by it.
    pub accept_language: Option<&'a str>,
}

impl<'a> Get<'a> {
    pub fn new(url: &'a url::Url, what: &'static str, limit: u64, budget: Budget) -> Get<'a> {
        Get {
            url,
            what,
            limit,
            budget,
            accept: None,
            if_none_match: None,
            accept_language: None,
        }
    }
}

/// A document as a server sent it.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    pub bytes: Bytes,
    pub etag: Option<String>,
    /// Lower case, empty when the server gave none.
    pub content_type: String,
}

/// What a GET brought.
#[derive(Clone, Debug, PartialEq)]
pub enum Got {
    Document(Document),
    /// The server's copy still has the ETag the request named.
    NotModified,
}

/// GETs a document with retries within `request.budget`: temporary statuses
/// (429, 503...) and cut connections are tried again, other statuses fail
/// at once with the server's reason; the body is capped at `request.limit`.
/// `received` hears the bytes of the body as they come.
pub async fn get(
    client: &reqwest::Client,
    request: &Get<'_>,
    cancel: &CancellationToken,
    received: &(dyn Fn(u64) + Send + Sync),
) -> Result<Got, CallError<HttpError>> {
    with_retries(&request.budget, cancel, |_| async {
        let mut builder = client.get(request.url.clone());
        if let Some(accept) = request.accept {
            builder = builder.header(reqwest::header::ACCEPT, accept);
        }
        if let Some(etag) = request.if_none_match {
            builder = builder.header(reqwest::header::IF_NONE_MATCH, etag);
        }
        if let Some(language) = request.accept_language {
            builder = builder.header(reqwest::header::ACCEPT_LANGUAGE, language);
        }
        let response = builder
            .send()
            .await
            .map_err(|error| HttpError::network(&error).into_failure())?;
        let status = response.status();
        if status == StatusCode::NOT_MODIFIED && request.if_none_match.is_some() {
            return Ok(Got::NotModified);
        }
        if !status.is_success() {
            return Err(HttpError::from_answer(response).await.into_failure());
        }
        let header = |name| header_text(&response, name);
        let etag = header(reqwest::header::ETAG);
        let content_type = header(reqwest::header::CONTENT_TYPE)
            .unwrap_or_default()
            .to_ascii_lowercase();
        let bytes = read_capped(response, request.limit, request.what, received)
            .await
            .map_err(HttpError::into_failure)?;
        Ok(Got::Document(Document {
            bytes,
            etag,
            content_type,
        }))
    })
    .await
}

/// The value of header `name` in `response`, when it is there and text.
pub fn header_text(response: &Response, name: reqwest::header::HeaderName) -> Option<String> {
    response
        .headers()
        .get(name)
        .and_then(|value| value.to_str().ok())
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(reqwest::header::RETRY_AFTER, value.parse().unwrap());
        headers
    }

    #[test]
    fn retry_after_is_read_in_seconds_and_as_an_http_date() {
        assert_eq!(retry_after(&headers("120")), Some(Duration::from_secs(120)));
        assert_eq!(retry_after(&headers(" 0 ")), Some(Duration::ZERO));
        let in_a_minute = std::time::SystemTime::now() + Duration::from_secs(61);
        let wait = retry_after(&headers(&httpdate::fmt_http_date(in_a_minute))).unwrap();
        assert!((55..=61).contains(&wait.as_secs()), "{wait:?}");
        // RFC 850 and asctime dates, allowed by HTTP/1.1, in the past: now.
        assert_eq!(
            retry_after(&headers("Sunday, 06-Nov-94 08:49:37 GMT")),
            Some(Duration::ZERO)
        );
        assert_eq!(
            retry_after(&headers("Sun Nov  6 08:49:37 1994")),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after(&headers("soon")), None);
        assert_eq!(retry_after(&HeaderMap::new()), None);
    }

    #[test]
    fn backoff_doubles_within_its_ceiling_with_jitter() {
        let budget = Budget {
            attempts: 10,
            first_delay: Duration::from_secs(1),
            longest_wait: Duration::from_secs(8),
            total: Duration::MAX,
        };
        for (failures, ceiling) in [(1, 1), (2, 2), (3, 4), (4, 8), (9, 8)] {
            let ceiling = Duration::from_secs(ceiling);
            let waits: Vec<Duration> = (0..50).map(|_| budget.backoff(failures)).collect();
            assert!(waits.iter().all(|w| *w >= ceiling / 2 && *w <= ceiling));
            assert!(waits.iter().any(|w| *w != waits[0]), "jittered");
        }
    }

    fn quick(attempts: u32) -> Budget {
        Budget {
            attempts,
            first_delay: Duration::from_millis(1),
            longest_wait: Duration::from_secs(1),
            total: Duration::from_secs(30),
        }
    }

    #[tokio::test]
    async fn temporary_failures_are_retried_until_the_attempts_run_out() {
        let calls = std::sync::atomic::AtomicU32::new(0);
        let outcome: Result<(), _> = with_retries(&quick(3), &CancellationToken::new(), |_| {
            calls.fetch_add(1, Ordering::SeqCst);
            async {
                Err(Failure::Temporary {
                    error: "HTTP 503",
                    retry_after: None,
                })
            }
        })
        .await;
        assert_eq!(calls.load(Ordering::SeqCst), 3);
        let error = outcome.unwrap_err();
        assert_eq!(error.describe(), "gave up after 3 attempts: HTTP 503");
    }

    #[tokio::test]
    async fn a_retry_after_beyond_the_budget_ends_the_call_at_once() {
        let calls = std::sync::atomic::AtomicU32::new(0);
        let outcome: Result<(), _> = with_retries(&quick(5), &CancellationToken::new(), |_| {
            calls.fetch_add(1, Ordering::SeqCst);
            async {
                Err(Failure::Temporary {
                    error: "HTTP 429 (retry after 3600 s)",
                    retry_after: Some(Duration::from_secs(3600)),
                })
            }
        })
        .await;
        assert_eq!(calls.load(Ordering::SeqCst), 1);
        assert!(
            outcome
                .unwrap_err()
                .describe()
                .contains("retry after 3600 s")
        );
    }

    #[tokio::test]
    async fn cancellation_ends_a_wait_at_once() {
        let cancel = CancellationToken::new();
        let budget = Budget {
            longest_wait: Duration::from_secs(3600),
            total: Duration::MAX,
            ..quick(5)
        };
        let outcome: Result<(), _> = with_retries(&budget, &cancel, |_| {
            // The server asks for an hour; the user cancels during the wait.
            cancel.cancel();
            async {
                Err(Failure::Temporary {
                    error: "busy",
                    retry_after: Some(Duration::from_secs(3600)),
                })
            }
        })
        .await;
        assert_eq!(outcome, Err(CallError::Cancelled));
    }

    #[tokio::test]
    async fn progress_renews_the_attempts() {
        let calls = std::sync::atomic::AtomicU32::new(0);
        let outcome = with_retries(&quick(2), &CancellationToken::new(), |attempt| {
            calls.fetch_add(1, Ordering::SeqCst);
            async move {
                match attempt.number {
                    1..=5 => Err(Failure::Interrupted("cut after some bytes")),
                    6 => Err(Failure::Temporary {
                        error: "reset",
                        retry_after: None,
                    }),
                    _ => Ok(attempt.number),
                }
            }
        })
        .await;
        assert_eq!(outcome, Ok(7));
    }

    #[tokio::test]
    async fn the_time_budget_covers_a_slow_attempt() {
        let budget = Budget {
            total: Duration::from_millis(50),
            ..quick(5)
        };
        let outcome: Result<(), CallError<&str>> =
            with_retries(&budget, &CancellationToken::new(), |_| {
                std::future::pending::<Result<(), Failure<&str>>>()
            })
            .await;
        assert_eq!(
            outcome.unwrap_err().describe(),
            "no complete answer within 50 ms"
        );
    }

    #[test]
    fn server_reasons_are_its_words_or_the_status_name() {
        let status = StatusCode::INTERNAL_SERVER_ERROR;
        assert_eq!(
            server_reason(status, br#"{"detail": "Database down"}"#),
            "Database down"
        );
        assert_eq!(
            server_reason(status, b"<html><h1>Oops</h1></html>"),
            "Internal Server Error"
        );
        assert_eq!(server_reason(status, b""), "Internal Server Error");
        assert_eq!(server_reason(status, &[b'x'; 5000]).len(), 300);
    }
}
