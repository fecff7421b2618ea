//! Delivers the outbox: one pass sends every queued report that is due, the
//! loop ([`OutboxSync::run`]) repeats passes when the shell signals
//! connectivity, when a report comes due, and periodically.
//!
//! A pass, per server (its one key, however the drafts wrote its address):
//! reports of unknown outcome are first looked up in the field API's list
//! (one request per e-mail) when a session allows it, and otherwise left for
//! the user to decide (possibly delivered), never sent again silently; then
//! each due report is claimed (so another run at once skips it) and sent.
//! Transient failures back off exponentially with jitter (the server's
//! `Retry-After` wins when longer, and holds back the whole server); refusals
//! that will never succeed (4xx) fail the report with the server's reason,
//! worded for the user; a refused token is refreshed once, after which the
//! shell is told to ask the user to log in, and the ranger's reports wait.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use rand::Rng;
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;

use super::compose::{AssetKind, FieldAsset};
use super::field_api::{self, FieldClient};
use super::field_assets;
use super::outbox::now_ms;
use super::session::{FieldSessionInfo, SessionStore};
use super::transport::{self, Failure};
use super::{
    DeliveryProblem, Outbox, OutboxEntry, ReportError, ReportKind, ReportState, SecretStore,
    public_api, reconcile, refusal,
};
use crate::address::{AdminServer, admin_host, admin_key};

/// When to try again after a transient failure.
#[derive(Clone, Debug, PartialEq)]
pub struct RetryPolicy {
    /// The delay after the first failure (before jitter).
    pub first_delay: Duration,
    /// The longest delay between two attempts.
    pub max_delay: Duration,
    /// The longest one HTTP exchange may take.
    pub request_timeout: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            first_delay: Duration::from_secs(30),
            max_delay: Duration::from_secs(3600),
            request_timeout: Duration::from_secs(60),
        }
    }
}

/// The most requests one delivery makes: the report, then the item's
/// conditions, each possibly after a token refresh and a second try.
const REQUESTS_PER_DELIVERY: u32 = 6;

impl RetryPolicy {
    /// How long a claim on a report lasts: every request of one delivery
    /// timing out, and a margin. A run that dies holding it gives the report
    /// back when it runs out.
    fn lease(&self) -> Duration {
        self.request_timeout * REQUESTS_PER_DELIVERY + Duration::from_secs(30)
    }

    /// The delay before attempt `attempts + 1`: `first_delay * 2^(attempts-1)`
    /// capped at `max_delay`, then drawn uniformly in its upper half (jitter
    /// spreads the phones of a whole valley coming back online at once).
    pub fn delay_after(&self, attempts: u32) -> Duration {
        let doublings = attempts.saturating_sub(1).min(30);
        let ceiling = self
            .first_delay
            .saturating_mul(1u32 << doublings)
            .min(self.max_delay);
        let half = ceiling / 2;
        half + ceiling.mul_f64(rand::rng().random_range(0.0..=0.5))
    }
}

/// What a pass did.
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SyncSummary {
    /// Reports delivered in this pass.
    pub sent: u32,
    /// Reports the server refused for good.
    pub failed: u32,
    /// Reports that will be tried again.
    pub retrying: u32,
    /// Ranger reports held until the user logs in.
    pub waiting_for_login: u32,
    /// Reports of unknown outcome found on the server (not resent).
    pub reconciled: u32,
    /// Reports of unknown outcome that nothing can look up (public reports
    /// without a field session): left for the user to send again or not.
    pub possibly_delivered: u32,
    /// When the next queued report comes due after this pass (Unix ms): when
    /// the platform should wake the app to deliver again; `None` when
    /// nothing is waiting.
    pub next_attempt_at_ms: Option<i64>,
}

/// What the shell hears from the sync.
pub trait SyncObserver: Send + Sync {
    /// A report changed state (sending, sent, failed, rescheduled).
    fn report_changed(&self, _entry: &OutboxEntry) {}
    /// The field session of `server_url` is gone: ask the user to log in.
    fn login_required(&self, _server_url: &str) {}
    /// A pass ended.
    fn sync_finished(&self, _summary: &SyncSummary) {}
}

/// The outbox's delivery service.
pub struct OutboxSync {
    outbox: Arc<Outbox>,
    /// Who this run is, in the leases of the reports it claims.
    owner: String,
    sessions: SessionStore,
    client: reqwest::Client,
    policy: RetryPolicy,
    wake: Notify,
    online: AtomicBool,
    /// Servers that asked to be left alone, until when (Unix ms).
    busy_until: Mutex<HashMap<String, i64>>,
    /// One pass at a time.
    pass: tokio::sync::Mutex<()>,
}

impl std::fmt::Debug for OutboxSync {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OutboxSync")
            .field("policy", &self.policy)
            .finish_non_exhaustive()
    }
}

impl OutboxSync {
    /// A sync over `outbox`, keeping sessions in `secrets`.
    pub fn new(
        outbox: Arc<Outbox>,
        secrets: Arc<dyn SecretStore>,
        policy: RetryPolicy,
    ) -> Result<Self, ReportError> {
        Ok(OutboxSync {
            client: transport::client(policy.request_timeout)?,
            owner: format!("{}-{}", std::process::id(), uuid::Uuid::new_v4()),
            outbox,
            sessions: SessionStore::new(secrets),
            policy,
            wake: Notify::new(),
            online: AtomicBool::new(true),
            busy_until: Mutex::new(HashMap::new()),
            pass: tokio::sync::Mutex::new(()),
        })
    }

    /// The outbox this sync delivers.
    pub fn outbox(&self) -> &Arc<Outbox> {
        &self.outbox
    }

    /// Logs in to the field API of `server_url`, keeps the session and makes
    /// the reports that waited for it due.
    pub async fn login(
        &self,
        server_url: &str,
        username: &str,
        password: &str,
    ) -> Result<FieldSessionInfo, ReportError> {
        let session = field_api::login(&self.client, server_url, username, password).await?;
        self.sessions.save(&session)?;
        self.outbox.make_all_due(now_ms())?;
        self.wake.notify_one();
        Ok(FieldSessionInfo::from(&session))
    }

    /// Downloads the signage and infrastructure of `server_url`'s territory
    /// from the field API, for [`super::FieldAssetCache::replace`].
    pub async fn download_field_assets(
        &self,
        server_url: &str,
    ) -> Result<Vec<FieldAsset>, ReportError> {
        let login_required = || ReportError::LoginRequired {
            server: admin_host(server_url),
        };
        let session = self.sessions.load(server_url)?.ok_or_else(login_required)?;
        let mut field = FieldClient {
            client: &self.client,
            sessions: &self.sessions,
            session,
        };
        let mut assets = Vec::new();
        for kind in [AssetKind::Signage, AssetKind::Infrastructure] {
            let listed = field
                .list_assets(kind)
                .await
                .map_err(|failure| match failure {
                    Failure::LoginRequired => login_required(),
                    other => field_api::into_report_error(other),
                })?;
            assets.extend(
                listed
                    .iter()
                    .filter_map(|item| field_assets::from_gtam(kind, item)),
            );
        }
        Ok(assets)
    }

    /// Forgets the field session of `server_url`.
    pub fn logout(&self, server_url: &str) -> Result<(), ReportError> {
        self.sessions.clear(server_url)
    }

    /// The field session of `server_url`, if logged in (never the tokens).
    pub fn session(&self, server_url: &str) -> Result<Option<FieldSessionInfo>, ReportError> {
        Ok(self
            .sessions
            .load(server_url)?
            .as_ref()
            .map(FieldSessionInfo::from))
    }

    /// Whether the server still accepts the session's access token.
    pub async fn verify_session(&self, server_url: &str) -> Result<bool, ReportError> {
        match self.sessions.load(server_url)? {
            Some(session) => field_api::verify(&self.client, &session).await,
            None => Ok(false),
        }
    }

    /// The shell's word on connectivity: back online sends at once what was
    /// backing off; offline pauses the loop.
    pub fn connectivity_changed(&self, online: bool) -> Result<(), ReportError> {
        self.online.store(online, Ordering::SeqCst);
        if online {
            self.outbox.make_all_due(now_ms())?;
            self.wake.notify_one();
        }
        Ok(())
    }

    /// Wakes the loop now (a report was queued).
    pub fn nudge(&self) {
        self.wake.notify_one();
    }

    /// Runs passes until `cancel`: at once, then whenever a report comes due,
    /// the shell signals connectivity or a report is queued, and at least
    /// every `period`.
    pub async fn run(
        &self,
        cancel: CancellationToken,
        observer: Arc<dyn SyncObserver>,
        period: Duration,
    ) {
        loop {
            if self.online.load(Ordering::SeqCst) {
                let pass = tokio::select! {
                    _ = cancel.cancelled() => return,
                    pass = self.sync_once(observer.as_ref()) => pass,
                };
                if let Ok(summary) = pass {
                    observer.sync_finished(&summary);
                }
            }
            let wait = match self.outbox.next_due_at() {
                Ok(Some(due)) => Duration::from_millis((due - now_ms()).max(0) as u64).min(period),
                _ => period,
            };
            tokio::select! {
                _ = cancel.cancelled() => return,
                _ = self.wake.notified() => {}
                _ = tokio::time::sleep(wait) => {}
            }
        }
    }

    /// One pass over the reports due now.
    pub async fn sync_once(&self, observer: &dyn SyncObserver) -> Result<SyncSummary, ReportError> {
        let _one_pass = self.pass.lock().await;
        // This run's earlier pass is over: what it left in flight was cut off.
        self.outbox.reclaim(Some(&self.owner), now_ms())?;
        let mut summary = SyncSummary::default();
        let mut servers: Vec<(String, Vec<OutboxEntry>)> = Vec::new();
        for entry in self.outbox.due(now_ms())? {
            let key = admin_key(&entry.draft.server_url);
            match servers.iter_mut().find(|(known, _)| *known == key) {
                Some((_, entries)) => entries.push(entry),
                None => servers.push((key, vec![entry])),
            }
        }
        for (key, entries) in servers {
            self.sync_server(&key, entries, observer, &mut summary)
                .await?;
        }
        summary.next_attempt_at_ms = self.outbox.next_due_at()?;
        tracing::info!(
            sent = summary.sent,
            failed = summary.failed,
            retrying = summary.retrying,
            waiting_for_login = summary.waiting_for_login,
            "outbox delivery pass done"
        );
        Ok(summary)
    }

    /// Delivers the due `entries` of the server known by `key`.
    async fn sync_server(
        &self,
        key: &str,
        entries: Vec<OutboxEntry>,
        observer: &dyn SyncObserver,
        summary: &mut SyncSummary,
    ) -> Result<(), ReportError> {
        let server_url = entries[0].draft.server_url.clone();
        if AdminServer::parse(&server_url).is_err() {
            // Queued by an older version that did not check the address.
            for entry in &entries {
                self.outbox.mark_failed(
                    &entry.id,
                    &self.owner,
                    &DeliveryProblem::ServerUrlInvalid,
                )?;
                summary.failed += 1;
                observer.report_changed(&self.outbox.get(&entry.id)?);
            }
            return Ok(());
        }
        let server_url = server_url.as_str();
        if let Some(until) = self.busy_until(key) {
            let busy = DeliveryProblem::ServerBusy { detail: None };
            return self.hold(&entries, until, &busy, observer);
        }
        let mut field = self.sessions.load(server_url)?.map(|session| FieldClient {
            client: &self.client,
            sessions: &self.sessions,
            session,
        });
        let mut unresolved = HashSet::new();
        match self.reconcile(&entries, &mut field, summary).await? {
            Reconciled::Done => {}
            Reconciled::LoginRequired => {
                field = None;
                self.session_expired(server_url, observer)?;
            }
            Reconciled::Unavailable(ids) => unresolved = ids,
        }
        let mut remaining = entries.iter();
        while let Some(entry) = remaining.next() {
            let entry = self.outbox.get(&entry.id)?;
            if entry.state != ReportState::Queued {
                continue;
            }
            if entry.draft.kind == ReportKind::Field && field.is_none() {
                self.wait_for_login(&entry, observer)?;
                summary.waiting_for_login += 1;
                continue;
            }
            if unresolved.contains(&entry.id) {
                // Its outcome could not be checked: a resend could duplicate it.
                self.retry_later(
                    &entry,
                    &Failure::NotDelivered("cannot check the server yet".into()),
                    observer,
                )?;
                summary.retrying += 1;
                continue;
            }
            if creation_unknown(&entry) && !can_look_up(field.as_ref()) {
                self.leave_to_user(&entry, observer)?;
                summary.possibly_delivered += 1;
                continue;
            }
            if !self.outbox.claim(
                &entry.id,
                &self.owner,
                self.policy.lease().as_millis() as i64,
            )? {
                // Another delivery run took it first.
                continue;
            }
            let attempt = self.outbox.get(&entry.id)?;
            observer.report_changed(&attempt);
            match self.deliver(&attempt, &mut field).await {
                Ok(()) => {
                    self.outbox.mark_sent(&entry.id, &self.owner)?;
                    summary.sent += 1;
                }
                Err(Failure::Refused { status, reason }) => {
                    let refused = DeliveryProblem::Refused {
                        status,
                        details: refusal::details(&reason, &attempt.draft),
                    };
                    self.outbox.mark_failed(&entry.id, &self.owner, &refused)?;
                    summary.failed += 1;
                }
                Err(Failure::LoginRequired) => {
                    field = None;
                    self.session_expired(server_url, observer)?;
                    self.wait_for_login(&attempt, observer)?;
                    summary.waiting_for_login += 1;
                    continue;
                }
                Err(Failure::OutcomeUnknown(_))
                    if !can_look_up(field.as_ref())
                        && creation_unknown(&self.outbox.get(&entry.id)?) =>
                {
                    self.leave_to_user(&attempt, observer)?;
                    summary.possibly_delivered += 1;
                    continue;
                }
                Err(failure) => {
                    let until = self.retry_later(&attempt, &failure, observer)?;
                    summary.retrying += 1;
                    if matches!(failure, Failure::Busy { .. } | Failure::NotDelivered(_)) {
                        // The server is busy or out of reach: hold the rest too.
                        if matches!(failure, Failure::Busy { .. }) {
                            self.set_busy(key, until);
                        }
                        let rest: Vec<OutboxEntry> = remaining.cloned().collect();
                        summary.retrying += rest.len() as u32;
                        let problem =
                            DeliveryProblem::of_failure(&failure, &admin_host(server_url));
                        return self.hold(&rest, until, &problem, observer);
                    }
                    continue;
                }
            }
            observer.report_changed(&self.outbox.get(&entry.id)?);
        }
        Ok(())
    }

    /// Looks the due reports of unknown outcome up on the server.
    async fn reconcile(
        &self,
        entries: &[OutboxEntry],
        field: &mut Option<FieldClient<'_>>,
        summary: &mut SyncSummary,
    ) -> Result<Reconciled, ReportError> {
        let unknown: Vec<&OutboxEntry> = entries.iter().filter(|e| creation_unknown(e)).collect();
        let Some(client) = field
            .as_mut()
            .filter(|client| client.session.permissions.read_reports)
        else {
            return Ok(Reconciled::Done);
        };
        if unknown.is_empty() {
            return Ok(Reconciled::Done);
        }
        // One list per sender e-mail (`?email=`); each list that arrives
        // settles its reports, whatever happens to the others.
        let mut by_email: Vec<(String, Vec<&OutboxEntry>)> = Vec::new();
        for entry in unknown {
            let email = sender_email(entry, &client.session.email).to_string();
            match by_email.iter_mut().find(|(known, _)| *known == email) {
                Some((_, entries)) => entries.push(entry),
                None => by_email.push((email, vec![entry])),
            }
        }
        let mut unresolved = HashSet::new();
        let mut reachable = true;
        for (email, entries) in by_email {
            let listed = match reachable {
                true => client.list_reports(&email).await,
                false => Err(Failure::NotDelivered("server out of reach".into())),
            };
            let listed = match listed {
                Ok(listed) => listed,
                Err(Failure::LoginRequired) => return Ok(Reconciled::LoginRequired),
                Err(failure) => {
                    reachable &=
                        !matches!(failure, Failure::Busy { .. } | Failure::NotDelivered(_));
                    unresolved.extend(entries.iter().map(|entry| entry.id.clone()));
                    continue;
                }
            };
            let found =
                reconcile::find_on_server(entries.iter().map(|entry| entry.id.as_str()), &listed);
            for entry in entries {
                match found.get(&entry.id) {
                    Some(server_id) => {
                        self.outbox.record_server_id(&entry.id, *server_id)?;
                        summary.reconciled += 1;
                    }
                    None => self.outbox.record_not_on_server(&entry.id)?,
                }
            }
        }
        Ok(match unresolved.is_empty() {
            true => Reconciled::Done,
            false => Reconciled::Unavailable(unresolved),
        })
    }

    /// Sends what is left to send of `entry`: the report, then the asset's
    /// conditions. Each step is recorded as soon as it is done.
    async fn deliver(
        &self,
        entry: &OutboxEntry,
        field: &mut Option<FieldClient<'_>>,
    ) -> Result<(), Failure> {
        let draft = &entry.draft;
        let server_id = match entry.server_id {
            Some(server_id) => server_id,
            None => {
                let photos = self.outbox.photo_files(&entry.id).map_err(store_failure)?;
                let created = match (draft.kind, field.as_mut()) {
                    (ReportKind::Public, _) => {
                        public_api::create_report(&self.client, entry, &draft.email, photos).await
                    }
                    (ReportKind::Field, None) => Err(Failure::LoginRequired),
                    (ReportKind::Field, Some(client)) if photos.is_empty() => {
                        client.create_report(entry).await
                    }
                    (ReportKind::Field, Some(client)) => {
                        let email = sender_email(entry, &client.session.email).to_string();
                        public_api::create_report(&self.client, entry, &email, photos).await
                    }
                };
                match created {
                    Ok(server_id) => {
                        self.outbox
                            .record_server_id(&entry.id, server_id)
                            .map_err(store_failure)?;
                        server_id
                    }
                    Err(failure) => {
                        if matches!(failure, Failure::OutcomeUnknown(_)) {
                            self.outbox
                                .record_outcome_unknown(&entry.id)
                                .map_err(store_failure)?;
                        }
                        return Err(failure);
                    }
                }
            }
        };
        let Some(asset) = draft.asset.as_ref() else {
            return Ok(());
        };
        if draft.kind != ReportKind::Field
            || draft.asset_condition_ids.is_empty()
            || entry.conditions_applied
        {
            return Ok(());
        }
        let client = field.as_mut().ok_or(Failure::LoginRequired)?;
        match client
            .update_conditions(asset, &draft.asset_condition_ids)
            .await
        {
            Ok(()) => self
                .outbox
                .record_conditions_applied(&entry.id)
                .map_err(store_failure),
            Err(Failure::Refused { status, reason }) => Err(Failure::Refused {
                status,
                reason: format!(
                    "report delivered as #{server_id}, but the condition update was refused: {reason}"
                ),
            }),
            Err(other) => Err(other),
        }
    }

    /// Reschedules `entry` after a transient failure; returns when.
    fn retry_later(
        &self,
        entry: &OutboxEntry,
        failure: &Failure,
        observer: &dyn SyncObserver,
    ) -> Result<i64, ReportError> {
        let mut delay = self.policy.delay_after(entry.attempts.max(1));
        if let Failure::Busy {
            retry_after: Some(retry_after),
            ..
        } = failure
        {
            delay = delay.max(*retry_after);
        }
        let until = now_ms() + delay.as_millis() as i64;
        let server = admin_host(&entry.draft.server_url);
        let problem = DeliveryProblem::of_failure(failure, &server);
        self.outbox
            .reschedule(&entry.id, &self.owner, until, &problem)?;
        observer.report_changed(&self.outbox.get(&entry.id)?);
        Ok(until)
    }

    /// The report may have reached the server and nothing can look it up:
    /// it waits for the user's word instead of being sent again.
    fn leave_to_user(
        &self,
        entry: &OutboxEntry,
        observer: &dyn SyncObserver,
    ) -> Result<(), ReportError> {
        let problem = DeliveryProblem::PossiblyDelivered {
            server: admin_host(&entry.draft.server_url),
        };
        self.outbox
            .mark_possibly_delivered(&entry.id, &self.owner, &problem)?;
        observer.report_changed(&self.outbox.get(&entry.id)?);
        Ok(())
    }

    /// The token was refused even after a refresh: the session is dead.
    fn session_expired(
        &self,
        server_url: &str,
        observer: &dyn SyncObserver,
    ) -> Result<(), ReportError> {
        self.sessions.clear(server_url)?;
        observer.login_required(server_url);
        Ok(())
    }

    /// Holds a ranger's report until a login makes it due again.
    fn wait_for_login(
        &self,
        entry: &OutboxEntry,
        observer: &dyn SyncObserver,
    ) -> Result<(), ReportError> {
        let later = now_ms() + self.policy.max_delay.as_millis() as i64;
        let problem = DeliveryProblem::LoginRequired {
            server: admin_host(&entry.draft.server_url),
        };
        self.hold(std::slice::from_ref(entry), later, &problem, observer)
    }

    /// Puts `entries` off until `until` without counting an attempt.
    fn hold(
        &self,
        entries: &[OutboxEntry],
        until: i64,
        problem: &DeliveryProblem,
        observer: &dyn SyncObserver,
    ) -> Result<(), ReportError> {
        for entry in entries {
            self.outbox
                .reschedule(&entry.id, &self.owner, until, problem)?;
            observer.report_changed(&self.outbox.get(&entry.id)?);
        }
        Ok(())
    }

    fn busy_until(&self, key: &str) -> Option<i64> {
        let busy = self
            .busy_until
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        busy.get(key).copied().filter(|until| *until > now_ms())
    }

    fn set_busy(&self, key: &str, until: i64) {
        self.busy_until
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .insert(key.to_string(), until);
    }
}

impl Drop for OutboxSync {
    /// A run that ends gives back what it was sending (outcome unknown), so
    /// the next run need not wait for the leases to run out.
    fn drop(&mut self) {
        let _ = self.outbox.reclaim(Some(&self.owner), i64::MIN);
    }
}

/// Whether the report's creation may have reached the server unseen.
fn creation_unknown(entry: &OutboxEntry) -> bool {
    entry.outcome_unknown && entry.server_id.is_none()
}

/// Whether a field session may look reports up on this server.
fn can_look_up(field: Option<&FieldClient<'_>>) -> bool {
    field.is_some_and(|client| client.session.permissions.read_reports)
}

/// The outcome of looking reports up on the server.
enum Reconciled {
    /// Every report of unknown outcome is now known (or none could be checked).
    Done,
    /// The session was refused.
    LoginRequired,
    /// The list could not be read: these reports must wait.
    Unavailable(HashSet<String>),
}

/// The e-mail a report is sent with: the draft's, else the ranger's own.
fn sender_email<'a>(entry: &'a OutboxEntry, session_email: &'a str) -> &'a str {
    if entry.draft.email.is_empty() {
        session_email
    } else {
        &entry.draft.email
    }
}

fn store_failure(error: ReportError) -> Failure {
    Failure::NotDelivered(error.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_with_jitter_in_the_upper_half_and_is_capped() {
        let policy = RetryPolicy {
            first_delay: Duration::from_secs(10),
            max_delay: Duration::from_secs(100),
            request_timeout: Duration::from_secs(1),
        };
        for _ in 0..50 {
            let first = policy.delay_after(1);
            assert!(first >= Duration::from_secs(5) && first <= Duration::from_secs(10));
            let third = policy.delay_after(3);
            assert!(third >= Duration::from_secs(20) && third <= Duration::from_secs(40));
            let late = policy.delay_after(40);
            assert!(late >= Duration::from_secs(50) && late <= Duration::from_secs(100));
        }
    }
}
