//! A pack server's small documents, fetched whole through the one HTTP
//! helper ([`crate::http::get`]) and capped at what they can reasonably
//! weigh: its `index.json` (the packs it publishes) and a pack's
//! `manifest.json`, asked again with its ETag before installing.

use reqwest::StatusCode;
use reqwest::header::{ACCEPT_LANGUAGE, CONTENT_LENGTH, CONTENT_RANGE, ETAG, RANGE};
use tokio_util::sync::CancellationToken;

use super::PackError;
use super::index::{INDEX_FILE, PackIndex, PackSummary};
use crate::http::{self, Budget, CallError, Document, Failure, Get, Got, HttpError};

/// The largest `index.json` read: thousands of packs.
pub const INDEX_LIMIT: u64 = 4 << 20;
/// The largest `manifest.json` read: about 150,000 files.
pub const MANIFEST_LIMIT: u64 = 32 << 20;

/// The server root as a URL ending in `/`.
pub fn server_root(server_url: &str) -> Result<url::Url, PackError> {
    let with_slash = if server_url.ends_with('/') {
        server_url.to_string()
    } else {
        format!("{server_url}/")
    };
    let url = url::Url::parse(&with_slash).map_err(|error| bad_url(server_url, error))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(PackError::Network {
            url: server_url.into(),
            reason: "not an http(s) URL".into(),
        });
    }
    Ok(url)
}

/// A file's size and `ETag` on its server, asked before it is downloaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RemoteSize {
    pub size: u64,
    pub etag: Option<String>,
}

/// The size and `ETag` of the file at `url` (asked in `language` from a
/// negotiating server); `None` when it is not there. Asked with a one-byte
/// `Range` GET, which every static host answers (unlike `HEAD` on some).
pub async fn remote_size(
    client: &reqwest::Client,
    url: &url::Url,
    language: Option<&str>,
    cancel: &CancellationToken,
) -> Result<Option<RemoteSize>, PackError> {
    let outcome = http::with_retries(&Budget::INTERACTIVE, cancel, |_| async {
        let mut request = client.get(url.clone()).header(RANGE, "bytes=0-0");
        if let Some(language) = language {
            request = request.header(ACCEPT_LANGUAGE, language);
        }
        let response = request
            .send()
            .await
            .map_err(|error| HttpError::network(&error).into_failure())?;
        let header = |name| http::header_text(&response, name);
        let size = match response.status() {
            StatusCode::NOT_FOUND | StatusCode::GONE | StatusCode::FORBIDDEN => return Ok(None),
            StatusCode::PARTIAL_CONTENT => header(CONTENT_RANGE)
                .and_then(|range| range.rsplit_once('/')?.1.trim().parse::<u64>().ok()),
            StatusCode::OK => header(CONTENT_LENGTH).and_then(|length| length.parse().ok()),
            _ => return Err(HttpError::from_answer(response).await.into_failure()),
        };
        let Some(size) = size else {
            return Err(Failure::Permanent(HttpError::Network(format!(
                "{url} answers without its size"
            ))));
        };
        Ok(Some(RemoteSize {
            size,
            etag: header(ETAG),
        }))
    })
    .await;
    outcome.map_err(|error| match error {
        CallError::Cancelled => PackError::Cancelled,
        other => PackError::Network {
            url: url.to_string(),
            reason: other.describe(),
        },
    })
}

/// `root`'s `relative` URL.
pub fn join(root: &url::Url, relative: &str) -> Result<url::Url, PackError> {
    root.join(relative)
        .map_err(|error| bad_url(root.as_str(), error))
}

fn bad_url(url: &str, error: url::ParseError) -> PackError {
    PackError::Network {
        url: url.to_string(),
        reason: error.to_string(),
    }
}

/// The packs the server at `root` publishes.
pub async fn index(
    client: &reqwest::Client,
    root: &url::Url,
    budget: Budget,
    cancel: &CancellationToken,
) -> Result<Vec<PackSummary>, PackError> {
    let url = join(root, INDEX_FILE)?;
    let request = Get::new(&url, "a pack index", INDEX_LIMIT, budget);
    let document = fetch(client, &request, cancel)
        .await?
        .ok_or_else(|| PackError::Network {
            url: url.to_string(),
            reason: "HTTP 304 to a request without a condition".into(),
        })?;
    Ok(PackIndex::parse(&document.bytes)?.packs)
}

/// A pack's manifest at `url`, as bytes with its ETag; with `if_none_match`,
/// `None` when the server's copy still has that ETag.
pub async fn manifest(
    client: &reqwest::Client,
    url: &url::Url,
    if_none_match: Option<&str>,
    budget: Budget,
    cancel: &CancellationToken,
) -> Result<Option<Document>, PackError> {
    let request = Get {
        if_none_match,
        ..Get::new(url, "a pack manifest", MANIFEST_LIMIT, budget)
    };
    fetch(client, &request, cancel).await
}

async fn fetch(
    client: &reqwest::Client,
    request: &Get<'_>,
    cancel: &CancellationToken,
) -> Result<Option<Document>, PackError> {
    match http::get(client, request, cancel, &|_| {}).await {
        Ok(Got::Document(document)) => Ok(Some(document)),
        Ok(Got::NotModified) => Ok(None),
        Err(error) => Err(network_error(request.url, error)),
    }
}

/// A failed call to a pack server as a [`PackError`], the reason always said.
fn network_error(url: &url::Url, error: CallError<HttpError>) -> PackError {
    match error {
        CallError::Cancelled => PackError::Cancelled,
        error => PackError::Network {
            url: url.to_string(),
            reason: error.describe(),
        },
    }
}
