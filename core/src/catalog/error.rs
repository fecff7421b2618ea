//! What can go wrong in the catalog, typed so the shells can tell the user.

/// A failure of a sync or a query of the offline catalog.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Error))]
pub enum CatalogError {
    /// The server answered with an HTTP error status.
    #[error("{resource} page {page}: the server answered HTTP {status}{}{}", retry_hint(*retry_after_s), status_hint(*status))]
    Http {
        resource: String,
        page: u32,
        status: u16,
        retry_after_s: Option<u64>,
    },
    /// The connection failed, stalled or was cut.
    #[error("{resource} page {page}: network error: {detail}")]
    Network {
        resource: String,
        page: u32,
        detail: String,
    },
    /// The answer was not the JSON the API sends (HTML page, bad JSON, wrong types, too large).
    #[error("{resource} page {page}: malformed answer: {detail}")]
    Malformed {
        resource: String,
        page: u32,
        detail: String,
    },
    /// A `next` link that loops or leaves the server: refused rather than followed.
    #[error("{resource} page {page}: refused pagination link {link}: {reason}")]
    BadNextLink {
        resource: String,
        page: u32,
        link: String,
        reason: String,
    },
    /// The offline store could not be read or written.
    #[error("offline store: {detail}")]
    Store { detail: String },
    /// An argument the caller gave is unusable (URL, language, filter).
    #[error("invalid input: {detail}")]
    InvalidInput { detail: String },
    /// The object asked for is not in the offline catalog.
    #[error("{kind} {id} is not in the offline catalog")]
    NotFound { kind: String, id: i64 },
    /// None of the languages asked for is one the server publishes in.
    #[error(
        "the server publishes in {}, not in {}: sync in one of its languages",
        served.join(", "),
        asked.join(", ")
    )]
    LanguagesNotServed {
        asked: Vec<String>,
        served: Vec<String>,
    },
    /// Another sync of the same store is running.
    #[error("a sync of this catalog is already running")]
    SyncInProgress,
    /// The sync was cancelled; the store is as it was before it.
    #[error("cancelled")]
    Cancelled,
    /// A file the caller asked for (a trek's GPX) could not be written; no
    /// partial file is left at `path`.
    #[error("could not write {path}: {detail}")]
    Export { path: String, detail: String },
    /// The core's task stopped before its end (a defect, never the user's doing).
    #[error("the core's task stopped before its end: {reason}")]
    Internal { reason: String },
}

impl From<crate::runtime::TaskFailed> for CatalogError {
    fn from(failed: crate::runtime::TaskFailed) -> Self {
        CatalogError::Internal {
            reason: failed.reason,
        }
    }
}

fn retry_hint(retry_after_s: Option<u64>) -> String {
    retry_after_s
        .map(|s| format!(" (retry after {s} s)"))
        .unwrap_or_default()
}

/// What the user can do about a status that is not the server's passing mood.
fn status_hint(status: u16) -> &'static str {
    match status {
        // Geotrek's public API needs no login: a 401/403 comes from a proxy
        // or a restricted instance, or the address is not the public API.
        401 | 403 => {
            ": the server refuses to give its data without a login; check the address is \
             its public Geotrek API (https://HOST/api/v2/), or ask its administrators whether \
             they restrict it"
        }
        _ => "",
    }
}

impl From<crate::schema::SchemaError> for CatalogError {
    fn from(error: crate::schema::SchemaError) -> Self {
        CatalogError::Store {
            detail: error.to_string(),
        }
    }
}

impl From<rusqlite::Error> for CatalogError {
    fn from(error: rusqlite::Error) -> Self {
        CatalogError::Store {
            detail: error.to_string(),
        }
    }
}
