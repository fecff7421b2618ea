//! Reading a Geotrek API v2 instance page by page, distrusting every answer.
//!
//! Each page is fetched through the one HTTP helper ([`crate::http::get`]):
//! retried on 5xx, 429 and dropped connections, honouring `Retry-After`,
//! within one deadline for the whole page however the server trickles, and
//! cut at a size cap (an endless or gzip-bombed body). It must be JSON (an
//! HTML error page served with 200 is refused), and its `next` link must stay
//! on the same server and endpoint, never revisit a page, and the pages must
//! end near the `count` the first one announced. Every failure names the
//! resource and the page.

use std::collections::HashSet;
use std::time::Duration;

use tokio_util::sync::CancellationToken;
use url::Url;

use super::error::CatalogError;
use super::wire::Page;
use crate::http::{self, Budget, CallError, Get, Got, HttpError};

/// Bounds that keep a misbehaving server from hanging or exhausting a phone.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest page body accepted, in bytes.
    pub max_page_bytes: usize,
    /// Attempts per page before giving up on a transient failure.
    pub attempts: u32,
    /// Longest wait between attempts; a longer `Retry-After` ends the sync
    /// with the server's word on when to come back.
    pub max_retry_wait: Duration,
    /// Longest time one page may take, all its attempts included: a server
    /// trickling its answer is given up on then.
    pub page_timeout: Duration,
    /// Objects one sync stores at most, all resources together.
    pub max_objects: u64,
    /// Bytes one sync downloads at most.
    pub max_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_page_bytes: 256 * 1024 * 1024,
            attempts: 4,
            max_retry_wait: Duration::from_secs(30),
            page_timeout: Duration::from_secs(180),
            max_objects: 2_000_000,
            max_bytes: 4 << 30,
        }
    }
}

impl Limits {
    fn page_budget(&self) -> Budget {
        Budget {
            attempts: self.attempts,
            first_delay: Duration::from_millis(500),
            longest_wait: self.max_retry_wait,
            total: self.page_timeout,
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
        let http = http::client().map_err(|e| invalid(format!("HTTP client: {e}")))?;
        Ok(Fetcher { http, base, limits })
    }

    /// The API root this client reads.
    pub fn base(&self) -> &Url {
        &self.base
    }

    /// The bounds this client keeps to.
    pub fn limits(&self) -> &Limits {
        &self.limits
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
        let bytes = self.get(resource, 1, &url, cancel, &|_| {}).await?;
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
            bound: None,
            objects: 0,
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

    /// GETs one page with retries, returning its body; `received` hears the
    /// bytes of the body as they arrive.
    async fn get(
        &self,
        resource: &str,
        page: u32,
        url: &Url,
        cancel: &CancellationToken,
        received: &(dyn Fn(u64) + Send + Sync),
    ) -> Result<bytes::Bytes, CatalogError> {
        let request = Get {
            accept: Some("application/json"),
            ..Get::new(
                url,
                "a page",
                self.limits.max_page_bytes as u64,
                self.limits.page_budget(),
            )
        };
        let document = match http::get(&self.http, &request, cancel, received).await {
            Ok(Got::Document(document)) => document,
            Ok(Got::NotModified) => {
                return Err(CatalogError::Http {
                    resource: resource.to_string(),
                    page,
                    status: 304,
                    retry_after_s: None,
                });
            }
            Err(error) => return Err(call_error(resource, page, error)),
        };
        if !document.content_type.contains("json") {
            return Err(CatalogError::Malformed {
                resource: resource.to_string(),
                page,
                detail: format!(
                    "expected JSON, got {:?}",
                    if document.content_type.is_empty() {
                        "no content type"
                    } else {
                        &document.content_type
                    }
                ),
            });
        }
        Ok(document.bytes)
    }
}

/// A failed GET of page `page` of `resource` as the catalog's error.
fn call_error(resource: &str, page: u32, error: CallError<HttpError>) -> CatalogError {
    let resource = resource.to_string();
    match error {
        CallError::Cancelled => CatalogError::Cancelled,
        CallError::Refused(error)
        | CallError::GaveUp {
            last: Some(error),
            out_of_time: None,
            ..
        } if !matches!(error, HttpError::Network(_)) => match error {
            HttpError::Status {
                status,
                retry_after,
                ..
            } => CatalogError::Http {
                resource,
                page,
                status,
                retry_after_s: retry_after.map(|wait| wait.as_secs()),
            },
            HttpError::TooLarge { limit, .. } => CatalogError::Malformed {
                resource,
                page,
                detail: format!("page larger than the {limit}-byte limit"),
            },
            HttpError::Network(detail) => CatalogError::Network {
                resource,
                page,
                detail,
            },
        },
        error => CatalogError::Network {
            resource,
            page,
            detail: error.describe(),
        },
    }
}

/// Reads a paginated list one page at a time, following validated `next` links.
pub struct Pages<'a> {
    fetcher: &'a Fetcher,
    resource: &'a str,
    next: Option<Url>,
    seen: HashSet<Url>,
    number: u32,
    /// What the list may hold, from the first page's `count`.
    bound: Option<Bound>,
    objects: u64,
}

impl Pages<'_> {
    /// The next page, or `None` after the last one; `received` hears the
    /// bytes of the page as they arrive.
    pub async fn next(
        &mut self,
        cancel: &CancellationToken,
        received: &(dyn Fn(u64) + Send + Sync),
    ) -> Result<Option<PageBody>, CatalogError> {
        let Some(url) = self.next.take() else {
            return Ok(None);
        };
        self.number += 1;
        self.seen.insert(url.clone());
        let bytes = self
            .fetcher
            .get(self.resource, self.number, &url, cancel, received)
            .await?;
        let body = PageBody {
            number: self.number,
            bytes,
        };
        let page = body.envelope(self.resource)?;
        self.objects += page.results.len() as u64;
        if self.number == 1 {
            self.bound = page.count.map(|count| bound(count, page.results.len()));
        }
        if let Some(link) = page.next.filter(|n| !n.is_empty()) {
            let next =
                self.fetcher
                    .check_next(self.resource, self.number, &url, &link, &self.seen)?;
            if let Some(bound) = self.bound
                && (self.objects > bound.objects || self.number >= bound.pages)
            {
                return Err(CatalogError::BadNextLink {
                    resource: self.resource.to_string(),
                    page: self.number,
                    link: link.chars().take(200).collect(),
                    reason: format!(
                        "the first page announced {} objects, and {} came in {} pages already",
                        bound.announced, self.objects, self.number
                    ),
                });
            }
            self.next = Some(next);
        }
        Ok(Some(body))
    }
}

/// How far a list may go: endless pagination (fresh links, forever) is
/// refused once past it.
#[derive(Clone, Copy, Debug)]
struct Bound {
    /// The first page's `count`.
    announced: u64,
    objects: u64,
    pages: u32,
}

/// What a list announcing `count` objects, with pages of `page_length`,
/// may hold: a tenth more objects (published while it is read), and one
/// page more.
fn bound(count: u64, page_length: usize) -> Bound {
    let objects = count + count / 10;
    let pages = objects.div_ceil(page_length.max(1) as u64) + 1;
    Bound {
        announced: count,
        objects,
        pages: pages.min(u64::from(u32::MAX)) as u32,
    }
}
