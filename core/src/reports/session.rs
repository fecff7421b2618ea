//! The field API's JWT session of one Geotrek-admin: the tokens and what the
//! user may do, kept in the platform's [`SecretStore`]. Tokens never appear
//! in `Debug` output nor in any error; the password is never stored.

use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::{ReportError, SecretStore};
use crate::address::admin_key;

/// A string that must not be logged: `Debug` prints `<redacted>`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The value, for the one place that sends it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// A logged-in field session.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldSession {
    pub server_url: String,
    pub username: String,
    /// The user's e-mail from `/api/gtam/config/`, put on the user's reports.
    pub email: String,
    pub access: Secret,
    pub refresh: Secret,
    pub permissions: FieldPermissions,
}

/// What the field API lets the user do (from `/api/gtam/config/`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct FieldPermissions {
    pub create_reports: bool,
    pub read_reports: bool,
    pub update_signage: bool,
    pub update_infrastructure: bool,
}

/// What the shells show of a session: never the tokens.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct FieldSessionInfo {
    pub server_url: String,
    pub username: String,
    pub email: String,
    pub permissions: FieldPermissions,
}

impl From<&FieldSession> for FieldSessionInfo {
    fn from(session: &FieldSession) -> Self {
        FieldSessionInfo {
            server_url: session.server_url.clone(),
            username: session.username.clone(),
            email: session.email.clone(),
            permissions: session.permissions.clone(),
        }
    }
}

/// The sessions of every server, in a [`SecretStore`].
#[derive(Clone)]
pub struct SessionStore {
    secrets: Arc<dyn SecretStore>,
}

impl fmt::Debug for SessionStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SessionStore").finish_non_exhaustive()
    }
}

impl SessionStore {
    pub fn new(secrets: Arc<dyn SecretStore>) -> Self {
        SessionStore { secrets }
    }

    /// The session for `server_url`, if the user is logged in there.
    pub fn load(&self, server_url: &str) -> Result<Option<FieldSession>, ReportError> {
        let Some(json) = self.secrets.read(&key(server_url))? else {
            return Ok(None);
        };
        // An unreadable entry (older format, damaged keychain item) means
        // logging in again, not an error on every sync.
        Ok(serde_json::from_str(&json).ok())
    }

    /// Stores `session`, replacing the previous one of its server.
    pub fn save(&self, session: &FieldSession) -> Result<(), ReportError> {
        let json = serde_json::to_string(session).map_err(|error| ReportError::Secrets {
            reason: error.to_string(),
        })?;
        Ok(self.secrets.write(&key(&session.server_url), &json)?)
    }

    /// Forgets the session of `server_url`.
    pub fn clear(&self, server_url: &str) -> Result<(), ReportError> {
        Ok(self.secrets.delete(&key(server_url))?)
    }
}

/// The key of a server's session: the server's one key, however its
/// address is written (see [`crate::address::AdminServer::key`]).
fn key(server_url: &str) -> String {
    format!("sentier.field-session.{}", admin_key(server_url))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reports::FileSecretStore;

    #[test]
    fn debug_output_never_shows_tokens() {
        let session = FieldSession {
            server_url: "https://admin.example.org".into(),
            username: "ranger".into(),
            email: "ranger@example.org".into(),
            access: Secret::new("eyJ-access-token"),
            refresh: Secret::new("eyJ-refresh-token"),
            permissions: FieldPermissions::default(),
        };
        let printed = format!("{session:?}");
        assert!(!printed.contains("eyJ"), "{printed}");
        assert!(printed.contains("<redacted>"));
    }

    #[test]
    fn sessions_are_kept_per_server_however_its_address_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let store = SessionStore::new(Arc::new(FileSecretStore::new(dir.path().join("s.json"))));
        let session = FieldSession {
            server_url: "https://a.example.org/".into(),
            username: "ranger".into(),
            email: String::new(),
            access: Secret::new("a"),
            refresh: Secret::new("r"),
            permissions: FieldPermissions::default(),
        };
        store.save(&session).unwrap();
        assert_eq!(
            store.load("https://a.example.org").unwrap(),
            Some(session.clone())
        );
        assert_eq!(
            store.load("https://A.example.org/api/v2/").unwrap(),
            Some(session)
        );
        assert_eq!(store.load("https://b.example.org/").unwrap(), None);
        store.clear("https://a.example.org/").unwrap();
        assert_eq!(store.load("https://a.example.org/").unwrap(), None);
    }
}
