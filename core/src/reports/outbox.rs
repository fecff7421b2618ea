//! The outbox: every report from its first draft to its delivery, with its
//! photos, in one SQLite file (WAL, `synchronous=FULL`: a report queued is on
//! disk before the call returns, and a crash at any point leaves the last
//! committed state).
//!
//! States: `draft` (being composed) → `queued` (waiting for its turn, with
//! the time of its next attempt) → `sending` (a request in flight) → `sent`
//! or `failed` (the server refused it for good; the reason is kept and the
//! user can edit and queue it again) or `possibly_delivered` (the request may
//! have reached the server and nothing can tell: the user decides whether to
//! send it again).
//!
//! A delivery run claims a report before sending it, with a lease (who sends
//! it, and until when): two runs at once (the app and its background job, or
//! two `sentier outbox sync`) never send the same report, and a run opening
//! the outbox leaves the reports another live run is sending alone. A report
//! whose lease ran out, or whose run ended without settling it, was cut off
//! mid-send: it goes back to `queued` with its outcome marked unknown, so it
//! is looked up on the server before any resend.
//!
//! A row this version cannot read (a draft an older version stored damaged)
//! is listed as `damaged` and can be discarded; it never fails the outbox.
//!
//! The draft itself is kept as JSON (new optional fields need no migration);
//! the fields the state machine queries are columns. `PRAGMA user_version`
//! numbers the schema; a file from a newer version is refused untouched.

use std::path::Path;
use std::sync::{Mutex, MutexGuard};
use std::time::{SystemTime, UNIX_EPOCH};

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{
    DeliveryProblem, FeedbackReferences, FieldAssets, ReportDraft, ReportError, ReportKind,
    ReportProblem,
};
use crate::address::AdminServer;
use crate::photo::ProcessedPhoto;

/// The most photos a report carries (the public endpoint's `file1..file3`).
pub const MAX_PHOTOS: u32 = 3;

/// The outbox's migrations, in order.
const MIGRATIONS: [&str; 2] = [
    "
    CREATE TABLE reports (
        id TEXT PRIMARY KEY NOT NULL,
        state TEXT NOT NULL,
        draft TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        outcome_unknown INTEGER NOT NULL DEFAULT 0,
        server_id INTEGER,
        conditions_applied INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER,
        last_error TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
    );
    CREATE INDEX reports_due ON reports(state, next_attempt_at);
    CREATE TABLE photos (
        report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        jpeg BLOB NOT NULL,
        sha256 TEXT NOT NULL,
        width INTEGER NOT NULL,
        height INTEGER NOT NULL,
        PRIMARY KEY (report_id, position)
    );
",
    "
    ALTER TABLE reports ADD COLUMN lease_owner TEXT;
    ALTER TABLE reports ADD COLUMN lease_until INTEGER;
",
];

/// Where a report is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum ReportState {
    Draft,
    Queued,
    Sending,
    Sent,
    Failed,
    /// The request may have reached the server but its answer never came,
    /// and the server cannot be asked: the user decides whether to send it
    /// again (a possible duplicate) or to take it as delivered.
    PossiblyDelivered,
    /// The stored report cannot be read (damaged by an older version): it
    /// can only be discarded.
    Damaged,
}

impl ReportState {
    fn parse(text: &str) -> Option<Self> {
        Some(match text {
            "draft" => ReportState::Draft,
            "queued" => ReportState::Queued,
            "sending" => ReportState::Sending,
            "sent" => ReportState::Sent,
            "failed" => ReportState::Failed,
            "possibly_delivered" => ReportState::PossiblyDelivered,
            _ => return None,
        })
    }

    /// Whether the user may still change the report.
    fn is_editable(self) -> bool {
        matches!(self, ReportState::Draft | ReportState::Failed)
    }

    /// Whether the user may queue it (again): a draft, a report the server
    /// refused, or one that may have arrived, at the user's word.
    fn is_queueable(self) -> bool {
        self.is_editable() || self == ReportState::PossiblyDelivered
    }

    /// Whether the report may be removed: any time but while it is sent.
    fn is_discardable(self) -> bool {
        self != ReportState::Sending
    }
}

/// A photo of a report, without its bytes.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct StoredPhoto {
    pub position: u32,
    pub sha256: String,
    pub width: u32,
    pub height: u32,
    pub size_bytes: u64,
}

/// A report in the outbox.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct OutboxEntry {
    /// Client-generated UUID; also the marker the server keeps.
    pub id: String,
    pub draft: ReportDraft,
    pub state: ReportState,
    /// Delivery attempts so far.
    pub attempts: u32,
    pub photos: Vec<StoredPhoto>,
    /// The report's id on the server, once known.
    pub server_id: Option<i64>,
    /// Whether a request may have reached the server without its answer
    /// reaching us: the report is looked up on the server before a resend.
    pub outcome_unknown: bool,
    /// Whether the asset's new conditions were written (ranger).
    pub conditions_applied: bool,
    /// Why it is not delivered yet (typed; the screens word it).
    pub problem: Option<DeliveryProblem>,
    /// The same in English, for logs and the command line.
    pub last_error: Option<String>,
    /// When the next attempt is due (Unix ms), for queued reports.
    pub next_attempt_at_ms: Option<i64>,
    pub created_at_ms: i64,
    pub updated_at_ms: i64,
    /// Whether the outbox may offer to send it again (a refused report,
    /// queued again after a change or as it is; a possibly delivered one).
    pub can_retry: bool,
    /// Whether the outbox may offer to remove it (not while it is sent).
    pub can_discard: bool,
}

/// The outbox store. Cheap operations under one connection's lock; the
/// network is never touched while the lock is held.
pub struct Outbox {
    connection: Mutex<Connection>,
}

impl std::fmt::Debug for Outbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Outbox").finish_non_exhaustive()
    }
}

/// Milliseconds since the Unix epoch, now.
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|elapsed| elapsed.as_millis() as i64)
        .unwrap_or(0)
}

impl Outbox {
    /// Opens (or creates) the outbox at `path`, upgrading its schema and
    /// turning reports cut off mid-send (their lease ran out) into queued
    /// reports of unknown outcome; those another live run sends stay its own.
    pub fn open(path: &Path) -> Result<Outbox, ReportError> {
        let mut connection = Connection::open(path)?;
        connection.pragma_update(None, "journal_mode", "WAL")?;
        connection.pragma_update(None, "synchronous", "FULL")?;
        connection.pragma_update(None, "foreign_keys", true)?;
        connection.busy_timeout(std::time::Duration::from_secs(5))?;
        crate::schema::migrate(&mut connection, "the outbox", &MIGRATIONS)?;
        let outbox = Outbox {
            connection: Mutex::new(connection),
        };
        outbox.reclaim(None, now_ms())?;
        Ok(outbox)
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave SQLite half-written
        // (transactions roll back), so the connection stays usable.
        self.connection
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Starts a new report from `draft`; it stays a draft until queued.
    /// A draft may be incomplete, but not hold what cannot be stored (a
    /// position that is not a number).
    pub fn create_draft(&self, draft: &ReportDraft) -> Result<OutboxEntry, ReportError> {
        let json = draft_json(draft)?;
        let id = uuid::Uuid::new_v4().to_string();
        let now = now_ms();
        self.lock().execute(
            "INSERT INTO reports (id, state, draft, created_at, updated_at)
             VALUES (?1, 'draft', ?2, ?3, ?3)",
            params![id, json, now],
        )?;
        self.get(&id)
    }

    /// Replaces the content of a draft (or of a failed report being fixed).
    pub fn update_draft(&self, id: &str, draft: &ReportDraft) -> Result<OutboxEntry, ReportError> {
        let json = draft_json(draft)?;
        self.edit(id, |connection| {
            connection.execute(
                "UPDATE reports SET draft = ?2, updated_at = ?3 WHERE id = ?1",
                params![id, json, now_ms()],
            )?;
            Ok(())
        })?;
        self.get(id)
    }

    /// Adds a processed photo to a draft.
    pub fn add_photo(&self, id: &str, photo: &ProcessedPhoto) -> Result<StoredPhoto, ReportError> {
        self.edit(id, |connection| {
            let count: u32 = connection.query_row(
                "SELECT COUNT(*) FROM photos WHERE report_id = ?1",
                params![id],
                |row| row.get(0),
            )?;
            if count >= MAX_PHOTOS {
                return Err(ReportError::TooManyPhotos { max: MAX_PHOTOS });
            }
            let position: u32 = connection.query_row(
                "SELECT COALESCE(MAX(position) + 1, 0) FROM photos WHERE report_id = ?1",
                params![id],
                |row| row.get(0),
            )?;
            connection.execute(
                "INSERT INTO photos (report_id, position, jpeg, sha256, width, height)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    id,
                    position,
                    photo.jpeg,
                    photo.sha256,
                    photo.width,
                    photo.height
                ],
            )?;
            connection.execute(
                "UPDATE reports SET updated_at = ?2 WHERE id = ?1",
                params![id, now_ms()],
            )?;
            Ok(StoredPhoto {
                position,
                sha256: photo.sha256.clone(),
                width: photo.width,
                height: photo.height,
                size_bytes: photo.jpeg.len() as u64,
            })
        })
    }

    /// Removes the photo at `position` from a draft.
    pub fn remove_photo(&self, id: &str, position: u32) -> Result<(), ReportError> {
        self.edit(id, |connection| {
            connection.execute(
                "DELETE FROM photos WHERE report_id = ?1 AND position = ?2",
                params![id, position],
            )?;
            Ok(())
        })
    }

    /// Validates a draft (against the park's `references` and the items
    /// around its location, when known) and queues it for delivery; from
    /// here on it is the outbox's to deliver. A possibly delivered report is
    /// queued again as it is, at the user's word.
    pub fn queue_checked(
        &self,
        id: &str,
        references: Option<&FeedbackReferences>,
        assets: Option<&dyn FieldAssets>,
    ) -> Result<OutboxEntry, ReportError> {
        let entry = self.get(id)?;
        if !entry.state.is_queueable() {
            return Err(ReportError::NotEditable { id: id.to_string() });
        }
        let problems = entry.draft.problems(references, assets);
        if !problems.is_empty() {
            return Err(ReportError::InvalidReport { problems });
        }
        self.lock().execute(
            "UPDATE reports SET state = 'queued', next_attempt_at = ?2, last_error = NULL,
                    outcome_unknown = 0, updated_at = ?2
             WHERE id = ?1 AND state IN ('draft', 'failed', 'possibly_delivered')",
            params![id, now_ms()],
        )?;
        self.get(id)
    }

    /// [`Outbox::queue_checked`] against the park's `references` only.
    pub fn queue(
        &self,
        id: &str,
        references: Option<&FeedbackReferences>,
    ) -> Result<OutboxEntry, ReportError> {
        self.queue_checked(id, references, None)
    }

    /// The user's word that a possibly delivered report did reach the server.
    pub fn confirm_delivered(&self, id: &str) -> Result<OutboxEntry, ReportError> {
        let changed = self.lock().execute(
            "UPDATE reports SET state = 'sent', outcome_unknown = 0, last_error = NULL,
                    updated_at = ?2
             WHERE id = ?1 AND state = 'possibly_delivered'",
            params![id, now_ms()],
        )?;
        if changed == 0 {
            self.get(id)?;
            return Err(ReportError::NotEditable { id: id.to_string() });
        }
        self.get(id)
    }

    /// Removes a report that is not being sent.
    pub fn discard(&self, id: &str) -> Result<(), ReportError> {
        let entry = self.get(id)?;
        if !entry.can_discard {
            return Err(ReportError::NotEditable { id: id.to_string() });
        }
        self.lock()
            .execute("DELETE FROM reports WHERE id = ?1", params![id])?;
        Ok(())
    }

    /// One report.
    pub fn get(&self, id: &str) -> Result<OutboxEntry, ReportError> {
        let connection = self.lock();
        let entry = connection
            .query_row(
                &format!("{SELECT_ENTRY} WHERE id = ?1"),
                params![id],
                RawEntry::from_row,
            )
            .optional()?
            .ok_or_else(|| ReportError::UnknownReport { id: id.to_string() })?;
        entry.into_entry(&connection)
    }

    /// Every report, newest first.
    pub fn list(&self) -> Result<Vec<OutboxEntry>, ReportError> {
        self.select(
            &format!("{SELECT_ENTRY} ORDER BY created_at DESC, id"),
            params![],
        )
    }

    /// The queued reports due at `now_ms`, oldest first (a damaged one
    /// cannot be sent and is left out).
    pub fn due(&self, now_ms: i64) -> Result<Vec<OutboxEntry>, ReportError> {
        let due = self.select(
            &format!(
                "{SELECT_ENTRY} WHERE state = 'queued' AND next_attempt_at <= ?1
                 ORDER BY created_at, id"
            ),
            params![now_ms],
        )?;
        Ok(due
            .into_iter()
            .filter(|entry| entry.state == ReportState::Queued)
            .collect())
    }

    /// When the earliest queued report is due, if any is queued.
    pub fn next_due_at(&self) -> Result<Option<i64>, ReportError> {
        Ok(self.lock().query_row(
            "SELECT MIN(next_attempt_at) FROM reports WHERE state = 'queued'",
            params![],
            |row| row.get(0),
        )?)
    }

    /// Makes every queued report due at `now_ms` (back online, logged in).
    pub fn make_all_due(&self, now_ms: i64) -> Result<(), ReportError> {
        self.lock().execute(
            "UPDATE reports SET next_attempt_at = ?1 WHERE state = 'queued' AND next_attempt_at > ?1",
            params![now_ms],
        )?;
        Ok(())
    }

    /// The photos of a report with their bytes, in order.
    pub fn photo_files(&self, id: &str) -> Result<Vec<(StoredPhoto, Vec<u8>)>, ReportError> {
        let connection = self.lock();
        let mut statement = connection.prepare(
            "SELECT position, sha256, width, height, jpeg FROM photos
             WHERE report_id = ?1 ORDER BY position",
        )?;
        let rows = statement.query_map(params![id], |row| {
            let jpeg: Vec<u8> = row.get(4)?;
            Ok((
                StoredPhoto {
                    position: row.get(0)?,
                    sha256: row.get(1)?,
                    width: row.get(2)?,
                    height: row.get(3)?,
                    size_bytes: jpeg.len() as u64,
                },
                jpeg,
            ))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Claims a queued report for delivery by `owner` (a delivery run) for
    /// `lease_ms`, counting the attempt; `false` when it is not queued any
    /// more (another run claimed it first).
    pub fn claim(&self, id: &str, owner: &str, lease_ms: i64) -> Result<bool, ReportError> {
        let now = now_ms();
        let claimed = self.lock().execute(
            "UPDATE reports SET state = 'sending', attempts = attempts + 1, lease_owner = ?2,
                    lease_until = ?3, updated_at = ?4
             WHERE id = ?1 AND state = 'queued'",
            params![id, owner, now.saturating_add(lease_ms), now],
        )?;
        Ok(claimed == 1)
    }

    /// Takes back the reports cut off mid-send: those whose lease ran out at
    /// `now_ms` (their run died) and those of `owner`, a run that is over.
    /// They are queued again, their outcome unknown. Returns how many.
    pub fn reclaim(&self, owner: Option<&str>, now_ms: i64) -> Result<usize, ReportError> {
        Ok(self.lock().execute(
            "UPDATE reports SET state = 'queued', outcome_unknown = 1, next_attempt_at = ?2,
                    lease_owner = NULL, lease_until = NULL
             WHERE state = 'sending'
               AND (lease_until IS NULL OR lease_until <= ?2 OR lease_owner = ?1)",
            params![owner, now_ms],
        )?)
    }

    /// Records the server's id of the report (created, or found by reconciliation).
    pub(crate) fn record_server_id(&self, id: &str, server_id: i64) -> Result<(), ReportError> {
        self.lock().execute(
            "UPDATE reports SET server_id = ?2, outcome_unknown = 0, updated_at = ?3 WHERE id = ?1",
            params![id, server_id, now_ms()],
        )?;
        Ok(())
    }

    /// Records that the report's creation may have reached the server.
    pub(crate) fn record_outcome_unknown(&self, id: &str) -> Result<(), ReportError> {
        self.lock().execute(
            "UPDATE reports SET outcome_unknown = 1, updated_at = ?2 WHERE id = ?1",
            params![id, now_ms()],
        )?;
        Ok(())
    }

    /// Records that the reconciliation found no trace of the report on the server.
    pub(crate) fn record_not_on_server(&self, id: &str) -> Result<(), ReportError> {
        self.lock().execute(
            "UPDATE reports SET outcome_unknown = 0, updated_at = ?2 WHERE id = ?1",
            params![id, now_ms()],
        )?;
        Ok(())
    }

    /// Records that the asset's conditions were written.
    pub(crate) fn record_conditions_applied(&self, id: &str) -> Result<(), ReportError> {
        self.lock().execute(
            "UPDATE reports SET conditions_applied = 1, updated_at = ?2 WHERE id = ?1",
            params![id, now_ms()],
        )?;
        Ok(())
    }

    /// The report `owner` sends (or holds queued) is delivered.
    pub(crate) fn mark_sent(&self, id: &str, owner: &str) -> Result<(), ReportError> {
        self.settle(id, owner, "sent", None, None)
    }

    /// The server refused the report `owner` sends for good, saying `reason`.
    pub(crate) fn mark_failed(
        &self,
        id: &str,
        owner: &str,
        problem: &DeliveryProblem,
    ) -> Result<(), ReportError> {
        self.settle(id, owner, "failed", None, Some(problem))
    }

    /// The report `owner` sent may have arrived and nothing can tell: the
    /// user decides (`reason` says so).
    pub(crate) fn mark_possibly_delivered(
        &self,
        id: &str,
        owner: &str,
        problem: &DeliveryProblem,
    ) -> Result<(), ReportError> {
        self.settle(id, owner, "possibly_delivered", None, Some(problem))
    }

    /// Puts a report `owner` sends (or a queued one) back in the queue, due
    /// at `next_attempt_at_ms`.
    pub(crate) fn reschedule(
        &self,
        id: &str,
        owner: &str,
        next_attempt_at_ms: i64,
        problem: &DeliveryProblem,
    ) -> Result<(), ReportError> {
        self.settle(id, owner, "queued", Some(next_attempt_at_ms), Some(problem))
    }

    /// Moves a report to `state`, if it is queued or `owner` holds its
    /// lease: a run never settles a report another run is sending.
    fn settle(
        &self,
        id: &str,
        owner: &str,
        state: &str,
        next_attempt_at_ms: Option<i64>,
        problem: Option<&DeliveryProblem>,
    ) -> Result<(), ReportError> {
        let stored = problem.map(DeliveryProblem::stored);
        self.lock().execute(
            "UPDATE reports SET state = ?3, next_attempt_at = ?4, last_error = ?5,
                    lease_owner = NULL, lease_until = NULL, updated_at = ?6
             WHERE id = ?1 AND (state = 'queued' OR (state = 'sending' AND lease_owner = ?2))",
            params![id, owner, state, next_attempt_at_ms, stored, now_ms()],
        )?;
        Ok(())
    }

    /// Runs `change` in a transaction if the report is editable.
    fn edit<T>(
        &self,
        id: &str,
        change: impl FnOnce(&Connection) -> Result<T, ReportError>,
    ) -> Result<T, ReportError> {
        let mut connection = self.lock();
        let transaction = connection.transaction()?;
        let state: Option<String> = transaction
            .query_row(
                "SELECT state FROM reports WHERE id = ?1",
                params![id],
                |row| row.get(0),
            )
            .optional()?;
        match state.map(|state| ReportState::parse(&state)) {
            None => return Err(ReportError::UnknownReport { id: id.to_string() }),
            Some(Some(state)) if state.is_editable() => {}
            Some(_) => return Err(ReportError::NotEditable { id: id.to_string() }),
        }
        let result = change(&transaction)?;
        transaction.commit()?;
        Ok(result)
    }

    fn select(
        &self,
        sql: &str,
        parameters: impl rusqlite::Params,
    ) -> Result<Vec<OutboxEntry>, ReportError> {
        let connection = self.lock();
        let raw: Vec<RawEntry> = connection
            .prepare(sql)?
            .query_map(parameters, RawEntry::from_row)?
            .collect::<Result<_, _>>()?;
        raw.into_iter()
            .map(|entry| entry.into_entry(&connection))
            .collect()
    }
}

const SELECT_ENTRY: &str = "SELECT id, state, draft, attempts, outcome_unknown, server_id,
    conditions_applied, next_attempt_at, last_error, created_at, updated_at FROM reports";

/// A row of `reports` before its JSON and photos are read.
struct RawEntry {
    id: String,
    state: String,
    draft: String,
    attempts: u32,
    outcome_unknown: bool,
    server_id: Option<i64>,
    conditions_applied: bool,
    next_attempt_at_ms: Option<i64>,
    last_error: Option<String>,
    created_at_ms: i64,
    updated_at_ms: i64,
}

impl RawEntry {
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(RawEntry {
            id: row.get(0)?,
            state: row.get(1)?,
            draft: row.get(2)?,
            attempts: row.get(3)?,
            outcome_unknown: row.get(4)?,
            server_id: row.get(5)?,
            conditions_applied: row.get(6)?,
            next_attempt_at_ms: row.get(7)?,
            last_error: row.get(8)?,
            created_at_ms: row.get(9)?,
            updated_at_ms: row.get(10)?,
        })
    }

    fn into_entry(self, connection: &Connection) -> Result<OutboxEntry, ReportError> {
        let read = serde_json::from_str::<ReportDraft>(&self.draft)
            .map_err(|error| error.to_string())
            .and_then(|draft| match ReportState::parse(&self.state) {
                Some(state) => Ok((draft, state)),
                None => Err(format!("unknown state `{}`", self.state)),
            });
        let (draft, state, problem) = match read {
            Ok((draft, state)) => (
                draft,
                state,
                self.last_error.as_deref().map(DeliveryProblem::read),
            ),
            Err(detail) => (
                readable_part(&self.draft),
                ReportState::Damaged,
                Some(DeliveryProblem::Unreadable { detail }),
            ),
        };
        let photos = connection
            .prepare(
                "SELECT position, sha256, width, height, LENGTH(jpeg) FROM photos
                 WHERE report_id = ?1 ORDER BY position",
            )?
            .query_map(params![self.id], |row| {
                Ok(StoredPhoto {
                    position: row.get(0)?,
                    sha256: row.get(1)?,
                    width: row.get(2)?,
                    height: row.get(3)?,
                    size_bytes: row.get(4)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(OutboxEntry {
            state,
            id: self.id,
            draft,
            attempts: self.attempts,
            photos,
            server_id: self.server_id,
            outcome_unknown: self.outcome_unknown,
            conditions_applied: self.conditions_applied,
            last_error: problem.as_ref().map(DeliveryProblem::describe),
            problem,
            next_attempt_at_ms: self.next_attempt_at_ms,
            created_at_ms: self.created_at_ms,
            updated_at_ms: self.updated_at_ms,
            can_retry: matches!(state, ReportState::Failed | ReportState::PossiblyDelivered),
            can_discard: state.is_discardable(),
        })
    }
}

/// What can be read of a damaged draft (its kind, server and comment), for
/// the user to recognise the report before discarding it.
fn readable_part(json: &str) -> ReportDraft {
    let value: serde_json::Value = serde_json::from_str(json).unwrap_or_default();
    let text = |key: &str| value[key].as_str().unwrap_or_default().to_string();
    let kind = serde_json::from_value(value["kind"].clone()).unwrap_or(ReportKind::Public);
    let mut draft = ReportDraft::new(kind, &text("server_url"));
    draft.email = text("email");
    draft.comment = text("comment");
    draft
}

/// The draft as stored, its server written as its admin root. A position
/// that is not a finite number cannot be stored faithfully (JSON has no
/// NaN): it is refused here rather than read back as a damaged report.
fn draft_json(draft: &ReportDraft) -> Result<String, ReportError> {
    if draft
        .location
        .is_some_and(|location| !(location.lat.is_finite() && location.lon.is_finite()))
    {
        return Err(ReportError::InvalidReport {
            problems: vec![ReportProblem::LocationOutOfRange.into()],
        });
    }
    let mut stored = draft.clone();
    if let Ok(server) = AdminServer::parse(&draft.server_url) {
        stored.server_url = server.root().to_string();
    }
    serde_json::to_string(&stored).map_err(|error| ReportError::Store {
        reason: error.to_string(),
    })
}
