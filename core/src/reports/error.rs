//! The errors of the reports area: what the user is told when a photo is
//! refused, a report is incomplete, the server says no or a login is needed.

use super::validation::{FieldProblem, describe_problems};

/// Why a reports operation failed. Crosses the FFI as `ReportException`.
#[derive(Debug, thiserror::Error, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Error))]
pub enum ReportError {
    /// The file is not a JPEG, PNG or WebP image.
    #[error("the file is not a JPEG, PNG or WebP image")]
    NotAnImage,
    /// The file is larger than photos may be.
    #[error("the photo is {size_bytes} bytes, over the limit of {max_bytes}")]
    PhotoTooLarge { size_bytes: u64, max_bytes: u64 },
    /// The image would decode to a bitmap too large to hold (a decompression bomb).
    #[error("the photo is {width}x{height} pixels, over the limit of {max_pixels} pixels")]
    PhotoTooManyPixels {
        width: u32,
        height: u32,
        max_pixels: u64,
    },
    /// The image could not be read or decoded.
    #[error("the photo cannot be read: {reason}")]
    PhotoUnreadable { reason: String },
    /// The report already has as many photos as the server takes.
    #[error("a report takes at most {max} photos")]
    TooManyPhotos { max: u32 },
    /// The report is missing something or says something the server would
    /// refuse: each problem with the field of the form it is shown next to.
    #[error("the report is incomplete: {}", describe_problems(problems))]
    InvalidReport { problems: Vec<FieldProblem> },
    /// No report with this id is in the outbox.
    #[error("no report {id} in the outbox")]
    UnknownReport { id: String },
    /// The report is past the state where it can be changed.
    #[error("report {id} can no longer be changed")]
    NotEditable { id: String },
    /// The outbox database failed.
    #[error("the outbox store failed: {reason}")]
    Store { reason: String },
    /// The field API needs a (new) login to `server`, named by its host
    /// (and port), e.g. `admin.park.fr`.
    #[error("log in to {server}")]
    LoginRequired { server: String },
    /// The server refused the user name or password.
    #[error("login refused: {reason}")]
    LoginRefused { reason: String },
    /// The server could not be reached or the exchange broke off.
    #[error("network error: {reason}")]
    Network { reason: String },
    /// The server answered with an error.
    #[error("the server answered {status}: {reason}")]
    Server { status: u16, reason: String },
    /// The secure storage of the credentials failed.
    #[error("the secret storage failed: {reason}")]
    Secrets { reason: String },
    /// The core's task stopped before its end (a defect, never the user's doing).
    #[error("the core's task stopped before its end: {reason}")]
    Internal { reason: String },
}

impl From<crate::photo::PhotoError> for ReportError {
    fn from(error: crate::photo::PhotoError) -> Self {
        use crate::photo::PhotoError;
        match error {
            PhotoError::NotAnImage => ReportError::NotAnImage,
            PhotoError::TooLarge {
                size_bytes,
                max_bytes,
            } => ReportError::PhotoTooLarge {
                size_bytes,
                max_bytes,
            },
            PhotoError::TooManyPixels {
                width,
                height,
                max_pixels,
            } => ReportError::PhotoTooManyPixels {
                width,
                height,
                max_pixels,
            },
            PhotoError::Unreadable { reason } => ReportError::PhotoUnreadable { reason },
        }
    }
}

impl From<crate::runtime::TaskFailed> for ReportError {
    fn from(failed: crate::runtime::TaskFailed) -> Self {
        ReportError::Internal {
            reason: failed.reason,
        }
    }
}

impl From<crate::schema::SchemaError> for ReportError {
    fn from(error: crate::schema::SchemaError) -> Self {
        ReportError::Store {
            reason: error.to_string(),
        }
    }
}

impl From<rusqlite::Error> for ReportError {
    fn from(error: rusqlite::Error) -> Self {
        ReportError::Store {
            reason: error.to_string(),
        }
    }
}

impl From<SecretStoreError> for ReportError {
    fn from(error: SecretStoreError) -> Self {
        ReportError::Secrets {
            reason: error.to_string(),
        }
    }
}

/// Why the platform's secret storage (Android Keystore, iOS Keychain, a file)
/// failed. (The shells raise the bindings' own `SecretStorageException`.)
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum SecretStoreError {
    /// The storage cannot be used now (locked keychain, unreadable file...).
    #[error("secret storage unavailable: {reason}")]
    Unavailable { reason: String },
}
