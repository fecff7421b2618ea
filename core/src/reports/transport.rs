//! The HTTP side shared by both endpoints: the client, and what a failed
//! exchange means for a report (never delivered, maybe delivered, server
//! busy, refused for good, login needed).

use std::time::Duration;

use reqwest::{Response, StatusCode};
use serde::de::DeserializeOwned;

/// What went wrong talking to Geotrek-admin, in the terms the outbox acts on.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Failure {
    /// Nothing reached the server (no route, refused connection).
    NotDelivered(String),
    /// The request may have reached the server but no answer came back.
    OutcomeUnknown(String),
    /// The server asked to come back later (503/429), without processing.
    Busy {
        retry_after: Option<Duration>,
        reason: String,
    },
    /// The server refused the request; sending it again will not help.
    Refused { status: u16, reason: String },
    /// The access token was refused and could not be refreshed.
    LoginRequired,
}

impl Failure {
    /// How the failure reads in the outbox and the logs (never a token).
    pub(crate) fn describe(&self) -> String {
        match self {
            Failure::NotDelivered(reason) => format!("not delivered: {reason}"),
            Failure::OutcomeUnknown(reason) => format!("no answer from the server: {reason}"),
            Failure::Busy { reason, .. } => format!("server busy: {reason}"),
            Failure::Refused { status, reason } => format!("refused ({status}): {reason}"),
            Failure::LoginRequired => "login required".to_string(),
        }
    }
}

/// The HTTP client of the reports area: rustls, a timeout on every exchange.
pub(crate) fn client(timeout: Duration) -> Result<reqwest::Client, super::ReportError> {
    // The workspace builds reqwest without a default TLS provider; install
    // ring once (a second install is refused harmlessly).
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder()
        .timeout(timeout)
        .connect_timeout(timeout.min(Duration::from_secs(15)))
        .user_agent(concat!("Sentier/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|error| super::ReportError::Network {
            reason: error.to_string(),
        })
}

/// Classifies an error of `send()` on a request that changes the server.
pub(crate) fn send_failure(error: reqwest::Error) -> Failure {
    let reason = crate::http::describe_error(&error);
    if error.is_connect() || error.is_builder() {
        Failure::NotDelivered(reason)
    } else {
        Failure::OutcomeUnknown(reason)
    }
}

/// Turns a non-success answer into a [`Failure`]; `Ok` passes success through.
pub(crate) async fn check_status(response: Response) -> Result<Response, Failure> {
    let status = response.status();
    if status.is_success() {
        return Ok(response);
    }
    let retry_after = retry_after(&response);
    let body = response.text().await.unwrap_or_default();
    let reason = server_reason(status, &body);
    Err(match status {
        StatusCode::UNAUTHORIZED => Failure::LoginRequired,
        StatusCode::SERVICE_UNAVAILABLE | StatusCode::TOO_MANY_REQUESTS => Failure::Busy {
            retry_after,
            reason,
        },
        StatusCode::REQUEST_TIMEOUT => Failure::OutcomeUnknown(reason),
        status if status.is_client_error() => Failure::Refused {
            status: status.as_u16(),
            reason,
        },
        // A 5xx may come after the report was stored (a proxy timing out).
        _ => Failure::OutcomeUnknown(reason),
    })
}

/// Reads a JSON answer; a body cut off is an unknown outcome.
pub(crate) async fn json<T: DeserializeOwned>(response: Response) -> Result<T, Failure> {
    let bytes = response
        .bytes()
        .await
        .map_err(|error| Failure::OutcomeUnknown(crate::http::describe_error(&error)))?;
    // A created report whose answer is unreadable was still created.
    serde_json::from_slice(&bytes)
        .map_err(|error| Failure::OutcomeUnknown(format!("unreadable answer: {error}")))
}

/// `Retry-After` in seconds or as an HTTP date.
fn retry_after(response: &Response) -> Option<Duration> {
    let value = response
        .headers()
        .get(reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date =
        time::OffsetDateTime::parse(value, &time::format_description::well_known::Rfc2822).ok()?;
    let wait = date - time::OffsetDateTime::now_utc();
    Some(Duration::from_secs(wait.whole_seconds().max(0) as u64))
}

/// The server's own words: DRF's `{"detail": ...}` or field errors, else the status.
fn server_reason(status: StatusCode, body: &str) -> String {
    let text = match serde_json::from_str::<serde_json::Value>(body) {
        Ok(serde_json::Value::Object(map)) => match map.get("detail") {
            Some(serde_json::Value::String(detail)) => detail.clone(),
            _ => serde_json::Value::Object(map).to_string(),
        },
        _ => body.trim().chars().take(300).collect(),
    };
    if text.is_empty() {
        status.to_string()
    } else {
        text
    }
}
