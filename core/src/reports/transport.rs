//! The HTTP side shared by both endpoints: the client (the core's, from
//! [`crate::http`], with one timeout per exchange), answers read within what
//! each call expects, and what a failed exchange means for a report (never
//! delivered, maybe delivered, server busy, refused for good, login needed).
//! Reports are never retried within a call (a POST may have been stored):
//! the outbox schedules the next attempt.

use std::time::Duration;

use reqwest::{Response, StatusCode};
use serde::de::DeserializeOwned;

use crate::http;

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

/// The HTTP client of the reports area: a timeout on every exchange.
pub(crate) fn client(timeout: Duration) -> Result<reqwest::Client, super::ReportError> {
    http::client_with(|builder| {
        builder
            .timeout(timeout)
            .connect_timeout(timeout.min(http::CONNECT_TIMEOUT))
    })
    .map(|(client, _)| client)
    .map_err(|error| super::ReportError::Network {
        reason: http::describe_error(&error),
    })
}

/// Classifies an error of `send()` on a request that changes the server.
pub(crate) fn send_failure(error: reqwest::Error) -> Failure {
    let reason = http::describe_error(&error);
    if error.is_connect() || error.is_builder() {
        Failure::NotDelivered(reason)
    } else {
        Failure::OutcomeUnknown(format!("no answer from the server: {reason}"))
    }
}

/// Turns a non-success answer into a [`Failure`] (its body read only as far
/// as [`http::ERROR_TEXT_LIMIT`]); `Ok` passes success through.
pub(crate) async fn check_status(response: Response) -> Result<Response, Failure> {
    let status = response.status();
    if status.is_success() {
        return Ok(response);
    }
    let (retry_after, reason) = http::error_answer(response).await;
    Err(match status {
        StatusCode::UNAUTHORIZED => Failure::LoginRequired,
        StatusCode::SERVICE_UNAVAILABLE | StatusCode::TOO_MANY_REQUESTS => Failure::Busy {
            retry_after,
            reason,
        },
        status if status.is_client_error() && status != StatusCode::REQUEST_TIMEOUT => {
            Failure::Refused {
                status: status.as_u16(),
                reason,
            }
        }
        // A 5xx (or 408) may come after the report was stored (a proxy
        // timing out): the server answered, but not whether it kept it.
        status => Failure::OutcomeUnknown(format!(
            "the server answered HTTP {}: {reason}",
            status.as_u16()
        )),
    })
}

/// Reads a JSON answer of at most `limit` bytes (`what` names it in the
/// error); a body cut off, too large or unreadable is an unknown outcome.
pub(crate) async fn json<T: DeserializeOwned>(
    response: Response,
    limit: u64,
    what: &'static str,
) -> Result<T, Failure> {
    let bytes = http::read_capped(response, limit, what, &|_| {})
        .await
        .map_err(|error| Failure::OutcomeUnknown(error.to_string()))?;
    // A created report whose answer is unreadable was still created.
    serde_json::from_slice(&bytes)
        .map_err(|error| Failure::OutcomeUnknown(format!("unreadable answer: {error}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(status: u16, body: &'static str) -> Response {
        let answer = axum::http::Response::builder()
            .status(status)
            .body(body)
            .unwrap();
        Response::from(answer)
    }

    #[tokio::test]
    async fn an_error_answer_is_worded_as_an_answer_not_as_silence() {
        let failure = check_status(answer(500, "<html><h1>Server Error</h1></html>"))
            .await
            .unwrap_err();
        assert_eq!(
            failure,
            Failure::OutcomeUnknown(
                "the server answered HTTP 500: Internal Server Error".to_string()
            )
        );
        let failure = check_status(answer(400, r#"{"detail": "Bad geom"}"#))
            .await
            .unwrap_err();
        assert_eq!(
            failure,
            Failure::Refused {
                status: 400,
                reason: "Bad geom".to_string()
            }
        );
    }
}
