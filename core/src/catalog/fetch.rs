//! Reading a Geotrek API v2 instance page by page, distrusting every answer.
//!
//! Each page is fetched with bounded retries (5xx, 429 and dropped
//! connections, honouring `Retry-After`), must be JSON (an HTML error page
//! served with 200 is refused), must fit a size cap (an endless body is cut),
//! and its `next` link must stay on the same server and endpoint and never
//! revisit a page. Every failure names the resource and the page.

use std::collections::HashSet;
use std::time::Duration;

use futures_util::StreamExt;
use tokio_util::sync::CancellationToken;
use url::Url;

use super::error::CatalogError;
use super::wire::Page;

/// Bounds that keep a misbehaving server from hanging or exhausting a phone.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest page body accepted, in bytes.
    pub max_page_bytes: usize,
    /// Attempts per page before giving up on a transient failure.
    pub attempts: u32,
    /// Longest wait between attempts, `Retry-After` included.
    pub max_retry_wait: Duration,
    /// Longest time one page may take, body included.
    pub page_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_page_bytes: 256 * 1024 * 1024,
            attempts: 4,
            max_retry_wait: Duration::from_secs(30),
            page_timeout: Duration::from_secs(180),
        }
    }
}

/// A client of one Geotrek-admin instance's `/api/v2/`.
#[derive(Debug, Clone)]
pub struct Fetcher {
    http: reqwest::Client,
    base: Url,
    limits: Limits,
}

/// One decoded page body, kept as bytes so results can borrow from it.
pub struct PageBody {
    pub number: u32,
    pub bytes: bytes::Bytes,
}

impl PageBody {
    /// The envelope, with results as raw JSON slices of `bytes`.
    pub fn envelope(&self, resource: &str) -> Result<Page<'_>, CatalogError> {
        serde_json::from_slice(&self.bytes).map_err(|e| CatalogError::Malformed {
            resource: resource.to_string(),
            page: self.number,
            detail: format!("not a paginated answer: {e}"),
        })
    }
}

impl Fetcher {
    /// A client for `api_url` (`https://host/api/v2/`; the trailing slash is optional).
    pub fn new(api_url: &str, limits: Limits) -> Result<Fetcher, CatalogError> {
        let invalid = |detail: String| CatalogError::InvalidInput { detail };
        let mut base =
            Url::parse(api_url.trim()).map_err(|e| invalid(format!("API URL {api_url:?}: {e}")))?;
        if !matches!(base.scheme(), "http" | "https") || base.host().is_none() {
            return Err(invalid(format!(
                "API URL {api_url:?} is not an http(s) URL"
            )));
        }
        if !base.path().ends_with('/') {
            base.set_path(&format!("{}/", base.path()));
        }
        base.set_query(None);
        base.set_fragment(None);
        let http = crate::http::client_builder()
            .build()
            .map_err(|e| invalid(format!("HTTP client: {e}")))?;
        Ok(Fetcher { http, base, limits })
    }

    /// The API root this client reads.
    pub fn base(&self) -> &Url {
        &self.base
    }

    /// The URL of `resource`'s first page with `query`.
    pub fn list_url(&self, resource: &str, query: &[(&str, String)]) -> Url {
        let mut url = self.base.clone();
        url.set_path(&format!("{}{resource}/", self.base.path()));
        if !query.is_empty() {
            url.query_pairs_mut()
                .extend_pairs(query.iter().map(|(k, v)| (*k, v.as_str())));
        }
        url
    }

    /// Fetches a single (non-paginated) document such as `config/`.
    pub async fn document(
        &self,
        resource: &str,
        cancel: &CancellationToken,
    ) -> Result<PageBody, CatalogError> {
        let url = self.list_url(resource, &[]);
        let bytes = self.get(resource, 1, url, cancel).await?;
        Ok(PageBody { number: 1, bytes })
    }

    /// A cursor over the pages of `resource`, starting at `first`.
    pub fn pages<'a>(&'a self, resource: &'a str, first: Url) -> Pages<'a> {
        Pages {
            fetcher: self,
            resource,
            next: Some(first),
            seen: HashSet::new(),
            number: 0,
        }
    }

    /// Validates a `next` link: same origin and endpoint, never seen before.
    fn check_next(
        &self,
        resource: &str,
        page: u32,
        current: &Url,
        next: &str,
        seen: &HashSet<Url>,
    ) -> Result<Url, CatalogError> {
        let refuse = |reason: &str| CatalogError::BadNextLink {
            resource: resource.to_string(),
            page,
            link: next.chars().take(200).collect(),
            reason: reason.to_string(),
        };
        let next_url = current.join(next).map_err(|_| refuse("not a URL"))?;
        if next_url.origin() != self.base.origin() {
            return Err(refuse("it points to another server"));
        }
        if next_url.path() != current.path() {
            return Err(refuse("it points to another endpoint"));
        }
        if seen.contains(&next_url) {
            return Err(refuse("it loops back to a page already read"));
        }
        Ok(next_url)
    }

    /// GETs one page with retries, returning its body.
    async fn get(
        &self,
        resource: &str,
        page: u32,
        url: Url,
        cancel: &CancellationToken,
    ) -> Result<bytes::Bytes, CatalogError> {
        let mut attempt = 1;
        loop {
            let outcome = tokio::select! {
                _ = cancel.cancelled() => return Err(CatalogError::Cancelled),
                outcome = tokio::time::timeout(self.limits.page_timeout, self.get_once(resource, page, url.clone())) => {
                    outcome.unwrap_or_else(|_| Err(Attempt::Retry(CatalogError::Network {
                        resource: resource.to_string(),
                        page,
                        detail: format!("no complete answer within {} s", self.limits.page_timeout.as_secs()),
                    }, None)))
                }
            };
            match outcome {
                Ok(bytes) => return Ok(bytes),
                Err(Attempt::Fatal(error)) => return Err(error),
                Err(Attempt::Retry(error, retry_after)) => {
                    if attempt >= self.limits.attempts {
                        return Err(error);
                    }
                    let backoff = Duration::from_millis(500 * 2u64.pow(attempt - 1));
                    let wait = retry_after
                        .unwrap_or(backoff)
                        .min(self.limits.max_retry_wait);
                    tokio::select! {
                        _ = cancel.cancelled() => return Err(CatalogError::Cancelled),
                        _ = tokio::time::sleep(wait) => {}
                    }
                    attempt += 1;
                }
            }
        }
    }

    async fn get_once(&self, resource: &str, page: u32, url: Url) -> Result<bytes::Bytes, Attempt> {
        let network = |e: reqwest::Error| {
            Attempt::Retry(
                CatalogError::Network {
                    resource: resource.to_string(),
                    page,
                    detail: crate::http::describe_error(&e),
                },
                None,
            )
        };
        let malformed = |detail: String| {
            Attempt::Fatal(CatalogError::Malformed {
                resource: resource.to_string(),
                page,
                detail,
            })
        };
        let response = self
            .http
            .get(url)
            .header("Accept", "application/json")
            .send()
            .await
            .map_err(network)?;
        let status = response.status();
        if !status.is_success() {
            let retry_after = response
                .headers()
                .get(reqwest::header::RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse::<u64>().ok());
            let error = CatalogError::Http {
                resource: resource.to_string(),
                page,
                status: status.as_u16(),
                retry_after_s: retry_after,
            };
            let transient =
                status.is_server_error() || status == reqwest::StatusCode::TOO_MANY_REQUESTS;
            return Err(if transient {
                Attempt::Retry(error, retry_after.map(Duration::from_secs))
            } else {
                Attempt::Fatal(error)
            });
        }
        let content_type = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_ascii_lowercase();
        if !content_type.contains("json") {
            return Err(malformed(format!(
                "expected JSON, got {:?}",
                if content_type.is_empty() {
                    "no content type"
                } else {
                    &content_type
                }
            )));
        }
        let cap = self.limits.max_page_bytes;
        if response
            .content_length()
            .is_some_and(|len| len > cap as u64)
        {
            return Err(malformed(format!("page larger than the {cap}-byte limit")));
        }
        let mut body = Vec::with_capacity(
            response
                .content_length()
                .unwrap_or(64 * 1024)
                .min(cap as u64) as usize,
        );
        let mut stream = response.bytes_stream();
        while let Some(chunk) = stream.next().await {
            let chunk = chunk.map_err(network)?;
            if body.len() + chunk.len() > cap {
                return Err(malformed(format!("page larger than the {cap}-byte limit")));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body.into())
    }
}

/// Reads a paginated list one page at a time, following validated `next` links.
pub struct Pages<'a> {
    fetcher: &'a Fetcher,
    resource: &'a str,
    next: Option<Url>,
    seen: HashSet<Url>,
    number: u32,
}

impl Pages<'_> {
    /// The next page, or `None` after the last one.
    pub async fn next(
        &mut self,
        cancel: &CancellationToken,
    ) -> Result<Option<PageBody>, CatalogError> {
        let Some(url) = self.next.take() else {
            return Ok(None);
        };
        self.number += 1;
        self.seen.insert(url.clone());
        let bytes = self
            .fetcher
            .get(self.resource, self.number, url.clone(), cancel)
            .await?;
        let body = PageBody {
            number: self.number,
            bytes,
        };
        if let Some(link) = body.envelope(self.resource)?.next.filter(|n| !n.is_empty()) {
            self.next = Some(self.fetcher.check_next(
                self.resource,
                self.number,
                &url,
                &link,
                &self.seen,
            )?);
        }
        Ok(Some(body))
    }
}

/// A failed attempt: worth retrying (with the server's wait) or not.
enum Attempt {
    Retry(CatalogError, Option<Duration>),
    Fatal(CatalogError),
}
