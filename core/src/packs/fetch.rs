//! A pack server's small documents, fetched whole through the one HTTP
//! helper ([`crate::http::get`]) and capped at what they can reasonably
//! weigh: its `index.json` (the packs it publishes) and a pack's
//! `manifest.json`, asked again with its ETag before installing.

use tokio_util::sync::CancellationToken;

use super::PackError;
use super::index::{INDEX_FILE, PackIndex, PackSummary};
use crate::http::{self, Budget, CallError, Document, Get, Got, HttpError};

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
