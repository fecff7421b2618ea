//! Geotrek-admin's authenticated field API ("GTAM", `?format=gtam`): JWT
//! login, refresh and verification (`/api/auth/...`), the user's config and
//! permissions (`/api/gtam/config/`), report creation and listing
//! (`/api/report/drf/reports`) and the conditions of signage and
//! infrastructure items (`PATCH .../signages/<id>`, `.../infrastructures/<id>`).
//! Shapes from Geotrek-admin's `ReportGTAMSerializer`, `SignageGTAMSerializer`
//! and `geotrek/common/views.py::ConfigView`.

use reqwest::{RequestBuilder, Response};
use serde::Deserialize;

use super::public_api::{endpoint, geometry};
use super::session::{FieldPermissions, FieldSession, Secret, SessionStore};
use super::transport::{self, Failure};
use super::{AssetKind, AssetRef, OutboxEntry, ReportError, reconcile};

/// The largest token answer read (a pair of JWTs weighs a kilobyte).
const TOKEN_LIMIT: u64 = 64 * 1024;
/// The largest `/api/gtam/config/` read.
const CONFIG_LIMIT: u64 = 4 << 20;
/// The largest answer to a created report.
const CREATED_LIMIT: u64 = 1 << 20;
/// The largest list of reports read.
const REPORT_LIST_LIMIT: u64 = 64 << 20;
/// The largest list of a territory's signage or infrastructure read (the
/// field API does not paginate it: tens of thousands of items).
const ASSET_LIST_LIMIT: u64 = 64 << 20;

#[derive(Deserialize)]
struct TokenPair {
    access: String,
    refresh: String,
}

#[derive(Deserialize)]
struct Refreshed {
    access: String,
    /// Present when the server rotates refresh tokens.
    refresh: Option<String>,
}

#[derive(Deserialize)]
struct Config {
    user: ConfigUser,
}

#[derive(Deserialize)]
struct ConfigUser {
    #[serde(default)]
    email: String,
    #[serde(default)]
    permissions: serde_json::Value,
}

#[derive(Deserialize)]
struct ListedReport {
    id: i64,
    #[serde(default)]
    comment: String,
}

#[derive(Deserialize)]
struct CreatedReport {
    id: i64,
}

/// Logs in with `username` and `password`, reads the user's config and
/// returns the session (to be saved by the caller).
pub async fn login(
    client: &reqwest::Client,
    server_url: &str,
    username: &str,
    password: &str,
) -> Result<FieldSession, ReportError> {
    let url = endpoint(server_url, "api/auth/token/").map_err(into_report_error)?;
    let response = client
        .post(url)
        .json(&serde_json::json!({"username": username, "password": password}))
        .send()
        .await
        .map_err(|error| into_report_error(transport::send_failure(error)))?;
    let tokens: TokenPair = match transport::check_status(response).await {
        Ok(response) => transport::json(response, TOKEN_LIMIT, "a token answer")
            .await
            .map_err(into_report_error)?,
        Err(Failure::LoginRequired) | Err(Failure::Refused { .. }) => {
            return Err(ReportError::LoginRefused {
                reason: "wrong user name or password".into(),
            });
        }
        Err(other) => return Err(into_report_error(other)),
    };
    let url = endpoint(server_url, "api/gtam/config/").map_err(into_report_error)?;
    let response = client
        .get(url)
        .bearer_auth(&tokens.access)
        .send()
        .await
        .map_err(|error| into_report_error(transport::send_failure(error)))?;
    let config: Config = transport::json(
        transport::check_status(response)
            .await
            .map_err(into_report_error)?,
        CONFIG_LIMIT,
        "the field API's configuration",
    )
    .await
    .map_err(into_report_error)?;
    Ok(FieldSession {
        server_url: server_url.to_string(),
        username: username.to_string(),
        email: config.user.email,
        access: Secret::new(tokens.access),
        refresh: Secret::new(tokens.refresh),
        permissions: permissions(&config.user.permissions),
    })
}

fn permissions(value: &serde_json::Value) -> FieldPermissions {
    let allowed = |model: &str, action: &str| value[model][action].as_bool().unwrap_or(false);
    FieldPermissions {
        create_reports: allowed("report", "create"),
        read_reports: allowed("report", "read"),
        update_signage: allowed("signage", "update"),
        update_infrastructure: allowed("infrastructure", "update"),
    }
}

/// Whether the session's access token is still accepted (`verify-token`).
pub async fn verify(client: &reqwest::Client, session: &FieldSession) -> Result<bool, ReportError> {
    let url = endpoint(&session.server_url, "api/auth/verify-token/").map_err(into_report_error)?;
    let response = client
        .post(url)
        .json(&serde_json::json!({"token": session.access.expose()}))
        .send()
        .await
        .map_err(|error| into_report_error(transport::send_failure(error)))?;
    match transport::check_status(response).await {
        Ok(_) => Ok(true),
        Err(Failure::LoginRequired) => Ok(false),
        Err(other) => Err(into_report_error(other)),
    }
}

/// The field API for one logged-in session: every call sends the access
/// token, and on a 401 refreshes it once, saves it, and tries again; a
/// second refusal means the user must log in.
pub(crate) struct FieldClient<'a> {
    pub client: &'a reqwest::Client,
    pub sessions: &'a SessionStore,
    pub session: FieldSession,
}

impl FieldClient<'_> {
    /// The reports listed by the field API (id, comment), those of `email`
    /// when given (`ReportEmailFilterSet`), else all.
    pub async fn list_reports(&mut self, email: &str) -> Result<Vec<(i64, String)>, Failure> {
        let mut url = endpoint(&self.session.server_url, "api/report/drf/reports")?;
        url.query_pairs_mut().append_pair("format", "gtam");
        if !email.is_empty() {
            url.query_pairs_mut().append_pair("email", email);
        }
        let response = self.send(|client| client.get(url.clone())).await?;
        let listed: Vec<ListedReport> =
            transport::json(response, REPORT_LIST_LIMIT, "a list of reports").await?;
        Ok(listed
            .into_iter()
            .map(|report| (report.id, report.comment))
            .collect())
    }

    /// Creates a report without photos; returns its id.
    pub async fn create_report(&mut self, entry: &OutboxEntry) -> Result<i64, Failure> {
        let draft = &entry.draft;
        let body = serde_json::json!({
            "email": self.session.email,
            "comment": reconcile::comment_for_server(&entry.id, draft),
            "geom": geometry(entry),
            "activity_id": draft.activity_id,
            "category_id": draft.category_id,
            "problem_magnitude_id": draft.magnitude_id,
        });
        let mut url = endpoint(&self.session.server_url, "api/report/drf/reports")?;
        url.query_pairs_mut().append_pair("format", "gtam");
        let response = self
            .send(|client| client.post(url.clone()).json(&body))
            .await?;
        let created: CreatedReport =
            transport::json(response, CREATED_LIMIT, "a created report").await?;
        Ok(created.id)
    }

    /// The signage or infrastructure items of the territory, as the field
    /// API lists them (one unpaginated list).
    pub async fn list_assets(
        &mut self,
        kind: AssetKind,
    ) -> Result<Vec<serde_json::Value>, Failure> {
        let mut url = endpoint(&self.session.server_url, asset_collection(kind))?;
        url.query_pairs_mut().append_pair("format", "gtam");
        let response = self.send(|client| client.get(url.clone())).await?;
        transport::json(response, ASSET_LIST_LIMIT, "a list of field items").await
    }

    /// Sets the conditions of a signage or infrastructure item.
    pub async fn update_conditions(
        &mut self,
        asset: &AssetRef,
        condition_ids: &[i64],
    ) -> Result<(), Failure> {
        let path = format!("{}/{}", asset_collection(asset.kind), asset.id);
        let mut url = endpoint(&self.session.server_url, &path)?;
        url.query_pairs_mut().append_pair("format", "gtam");
        let body = serde_json::json!({ "conditions_id": condition_ids });
        self.send(|client| client.patch(url.clone()).json(&body))
            .await
            .map(drop)
    }

    async fn send(
        &mut self,
        request: impl Fn(&reqwest::Client) -> RequestBuilder,
    ) -> Result<Response, Failure> {
        let first = request(self.client)
            .bearer_auth(self.session.access.expose())
            .send()
            .await
            .map_err(transport::send_failure)?;
        match transport::check_status(first).await {
            Err(Failure::LoginRequired) => {}
            other => return other,
        }
        self.refresh().await?;
        let second = request(self.client)
            .bearer_auth(self.session.access.expose())
            .send()
            .await
            .map_err(transport::send_failure)?;
        transport::check_status(second).await
    }

    async fn refresh(&mut self) -> Result<(), Failure> {
        let url = endpoint(&self.session.server_url, "api/auth/refresh-token/")?;
        let response = self
            .client
            .post(url)
            .json(&serde_json::json!({"refresh": self.session.refresh.expose()}))
            .send()
            .await
            .map_err(transport::send_failure)?;
        let refreshed: Refreshed = match transport::check_status(response).await {
            Ok(response) => transport::json(response, TOKEN_LIMIT, "a token answer").await?,
            // simplejwt answers 401 for an expired or invalid refresh token.
            Err(Failure::LoginRequired | Failure::Refused { .. }) => {
                return Err(Failure::LoginRequired);
            }
            Err(other) => return Err(other),
        };
        self.session.access = Secret::new(refreshed.access);
        if let Some(refresh) = refreshed.refresh {
            self.session.refresh = Secret::new(refresh);
        }
        self.sessions
            .save(&self.session)
            .map_err(|error| Failure::NotDelivered(error.to_string()))
    }
}

/// The field API's collection of signage or infrastructure items.
fn asset_collection(kind: AssetKind) -> &'static str {
    match kind {
        AssetKind::Signage => "api/signage/drf/signages",
        AssetKind::Infrastructure => "api/infrastructure/drf/infrastructures",
    }
}

/// A [`Failure`] as the user-facing error of a direct call (login, verify).
pub(crate) fn into_report_error(failure: Failure) -> ReportError {
    match failure {
        Failure::NotDelivered(reason) | Failure::OutcomeUnknown(reason) => {
            ReportError::Network { reason }
        }
        Failure::Busy { reason, .. } => ReportError::Server {
            status: 503,
            reason,
        },
        Failure::Refused { status, reason } => ReportError::Server { status, reason },
        Failure::LoginRequired => ReportError::LoginRefused {
            reason: "the server refused the token".into(),
        },
    }
}
