//! The durable track store: one SQLite file in WAL mode with
//! `synchronous=FULL`, so a point is on disk when its transaction commits and a
//! killed process or a dead battery loses nothing that was acknowledged.
//!
//! Holds tracks (name, status, summary statistics), their segments, their
//! points and the counts of rejected fixes by reason.

use std::path::Path;

use rusqlite::{Connection, OptionalExtension, params};

use crate::trail::{Fix, RejectReason, StatsAccumulator, TrackStats, TrailError};

/// Row id of a track in the store.
pub type TrackId = i64;

/// Where a recording stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum TrackStatus {
    /// Being recorded (or was, when the process died).
    Recording,
    /// Paused by the hiker.
    Paused,
    /// Stopped or imported: a saved track.
    Finished,
}

impl TrackStatus {
    fn as_str(self) -> &'static str {
        match self {
            TrackStatus::Recording => "recording",
            TrackStatus::Paused => "paused",
            TrackStatus::Finished => "finished",
        }
    }

    fn from_name(name: &str) -> Result<TrackStatus, TrailError> {
        match name {
            "recording" => Ok(TrackStatus::Recording),
            "paused" => Ok(TrackStatus::Paused),
            "finished" => Ok(TrackStatus::Finished),
            other => Err(TrailError::Store {
                detail: format!("unknown track status {other:?}"),
            }),
        }
    }
}

/// A stored, accepted fix: its place in the track and the fix itself.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TrackPoint {
    /// 0, 1, 2... in recording order: the acknowledgement the shell gets.
    pub sequence: u64,
    /// Index of the segment, 0 first.
    pub segment: u32,
    pub fix: Fix,
}

/// How many fixes were rejected for one reason.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RejectionCount {
    pub reason: RejectReason,
    pub count: u64,
}

/// A track as listed: identity, status and figures.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TrackSummary {
    pub id: TrackId,
    pub name: String,
    pub status: TrackStatus,
    pub created_ms: i64,
    /// Figures as of the last pause, stop or import.
    pub stats: TrackStats,
}

/// The store's migrations, in order (the first kept `IF NOT EXISTS` for the
/// files written before the store was versioned). They run with foreign keys
/// off, so the third can rebuild `tracks` under its children.
const MIGRATIONS: [&str; 3] = [
    "
CREATE TABLE IF NOT EXISTS tracks (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    status TEXT NOT NULL,
    created_ms INTEGER NOT NULL,
    stats TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS segments (
    track_id INTEGER NOT NULL REFERENCES tracks(id) ON DELETE CASCADE,
    segment INTEGER NOT NULL,
    started_ms INTEGER NOT NULL,
    PRIMARY KEY (track_id, segment)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS points (
    track_id INTEGER NOT NULL REFERENCES tracks(id) ON DELETE CASCADE,
    sequence INTEGER NOT NULL,
    segment INTEGER NOT NULL,
    lat REAL NOT NULL,
    lng REAL NOT NULL,
    ele REAL,
    h_accuracy REAL,
    v_accuracy REAL,
    speed REAL,
    bearing REAL,
    time_ms INTEGER NOT NULL,
    PRIMARY KEY (track_id, sequence)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS rejections (
    track_id INTEGER NOT NULL REFERENCES tracks(id) ON DELETE CASCADE,
    reason TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (track_id, reason)
) WITHOUT ROWID;
",
    "
ALTER TABLE points ADD COLUMN baro_ele REAL;
",
    "
-- AUTOINCREMENT: the id of a deleted track is never given to another one
-- (an export or a note naming track 12 must not come to mean another walk).
CREATE TABLE tracks_numbered (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    status TEXT NOT NULL,
    created_ms INTEGER NOT NULL,
    stats TEXT NOT NULL
);
INSERT INTO tracks_numbered (id, name, status, created_ms, stats)
    SELECT id, name, status, created_ms, stats FROM tracks;
DROP TABLE tracks;
ALTER TABLE tracks_numbered RENAME TO tracks;
",
];

const INSERT_POINT: &str = "INSERT INTO points
    (track_id, sequence, segment, lat, lng, ele, h_accuracy, v_accuracy, speed, bearing, time_ms, baro_ele)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";

const INSERT_SEGMENT: &str =
    "INSERT INTO segments (track_id, segment, started_ms) VALUES (?1, ?2, ?3)";

/// The SQLite file of tracks. Several stores may open the same file.
pub struct TrackStore {
    connection: Connection,
}

impl TrackStore {
    /// Opens (creating if needed) the store at `path`.
    pub fn open(path: impl AsRef<Path>) -> Result<TrackStore, TrailError> {
        if let Some(parent) = path.as_ref().parent()
            && !parent.as_os_str().is_empty()
        {
            std::fs::create_dir_all(parent)?;
        }
        let mut connection = Connection::open(path)?;
        connection.busy_timeout(std::time::Duration::from_secs(5))?;
        connection.pragma_update(None, "journal_mode", "WAL")?;
        connection.pragma_update(None, "synchronous", "FULL")?;
        connection.pragma_update(None, "foreign_keys", "OFF")?;
        crate::schema::migrate(&mut connection, "the track store", &MIGRATIONS)?;
        connection.pragma_update(None, "foreign_keys", "ON")?;
        Ok(TrackStore { connection })
    }

    /// Creates a track being recorded.
    pub fn create_track(&self, name: &str, created_ms: i64) -> Result<TrackId, TrailError> {
        self.connection.execute(
            "INSERT INTO tracks (name, status, created_ms, stats) VALUES (?1, ?2, ?3, ?4)",
            params![
                name,
                TrackStatus::Recording.as_str(),
                created_ms,
                stats_json(&TrackStats::default())?
            ],
        )?;
        Ok(self.connection.last_insert_rowid())
    }

    /// Appends one accepted point durably, with the segment it opens (if it is
    /// the first of one) and the rejection counts gathered since the last
    /// write, in one transaction.
    pub fn append_point(
        &mut self,
        track: TrackId,
        point: &TrackPoint,
        opens_segment: bool,
        rejections: &[RejectionCount],
    ) -> Result<(), TrailError> {
        let transaction = self.connection.transaction()?;
        if opens_segment {
            transaction
                .prepare_cached(INSERT_SEGMENT)?
                .execute(params![
                    track,
                    point.segment,
                    point.fix.timestamp_ms.unwrap_or_default()
                ])?;
        }
        insert_point(&transaction, track, point)?;
        add_rejections(&transaction, track, rejections)?;
        transaction.commit()?;
        Ok(())
    }

    /// Adds rejection counts (on pause and stop, when no point follows).
    pub fn add_rejections(
        &mut self,
        track: TrackId,
        rejections: &[RejectionCount],
    ) -> Result<(), TrailError> {
        let transaction = self.connection.transaction()?;
        add_rejections(&transaction, track, rejections)?;
        transaction.commit()?;
        Ok(())
    }

    /// Sets a track's status and its summary figures.
    pub fn update_track(
        &self,
        track: TrackId,
        status: TrackStatus,
        stats: &TrackStats,
    ) -> Result<(), TrailError> {
        let changed = self.connection.execute(
            "UPDATE tracks SET status = ?2, stats = ?3 WHERE id = ?1",
            params![track, status.as_str(), stats_json(stats)?],
        )?;
        expect_one(changed, track)
    }

    /// Stores a whole track at once (an imported GPX), segments in order;
    /// see [`TrackStore::begin_import`] to stream a large one.
    pub fn import_track(
        &mut self,
        name: &str,
        segments: &[Vec<Fix>],
        now_ms: i64,
    ) -> Result<TrackId, TrailError> {
        let mut import = self.begin_import(now_ms)?;
        for (segment, fixes) in segments.iter().enumerate() {
            for fix in fixes {
                import.push(segment, fix.clone())?;
            }
        }
        import.finish(name)
    }

    /// Starts importing a track point by point, in one transaction: nothing is
    /// stored unless [`TrackImport::finish`] is reached, and memory stays the
    /// same whatever the track's size. `now_ms` is its creation time when its
    /// points carry none.
    pub fn begin_import(&mut self, now_ms: i64) -> Result<TrackImport<'_>, TrailError> {
        let transaction = self.connection.transaction()?;
        transaction.execute(
            "INSERT INTO tracks (name, status, created_ms, stats) VALUES ('', ?1, ?2, '{}')",
            params![TrackStatus::Finished.as_str(), now_ms],
        )?;
        let track = transaction.last_insert_rowid();
        Ok(TrackImport {
            transaction,
            track,
            accumulator: StatsAccumulator::new(),
            sequence: 0,
            source_segment: None,
            segment: None,
            first_time_ms: None,
        })
    }

    /// Every point of a track, in order.
    pub fn points(&self, track: TrackId) -> Result<Vec<TrackPoint>, TrailError> {
        self.summary(track)?;
        let mut statement = self.connection.prepare_cached(
            "SELECT sequence, segment, lat, lng, ele, h_accuracy, v_accuracy, speed, bearing, time_ms, baro_ele
             FROM points WHERE track_id = ?1 ORDER BY sequence",
        )?;
        let rows = statement.query_map([track], |row| {
            Ok(TrackPoint {
                sequence: row.get(0)?,
                segment: row.get(1)?,
                fix: Fix {
                    latitude: row.get(2)?,
                    longitude: row.get(3)?,
                    altitude: row.get(4)?,
                    horizontal_accuracy: row.get(5)?,
                    vertical_accuracy: row.get(6)?,
                    speed: row.get(7)?,
                    bearing: row.get(8)?,
                    timestamp_ms: Some(row.get(9)?),
                    barometric_altitude: row.get(10)?,
                },
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The rejection counts of a track, by reason.
    pub fn rejections(&self, track: TrackId) -> Result<Vec<RejectionCount>, TrailError> {
        let mut statement = self.connection.prepare_cached(
            "SELECT reason, count FROM rejections WHERE track_id = ?1 ORDER BY reason",
        )?;
        let rows = statement.query_map([track], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, u64>(1)?))
        })?;
        let mut counts = Vec::new();
        for row in rows {
            let (name, count) = row?;
            let reason = RejectReason::from_name(&name).ok_or_else(|| TrailError::Store {
                detail: format!("unknown rejection reason {name:?}"),
            })?;
            counts.push(RejectionCount { reason, count });
        }
        Ok(counts)
    }

    /// One track's summary.
    pub fn summary(&self, track: TrackId) -> Result<TrackSummary, TrailError> {
        self.connection
            .query_row(&summary_query("WHERE id = ?1"), [track], read_summary)
            .optional()?
            .ok_or(TrailError::NoSuchTrack { id: track })?
    }

    /// Every track, newest first.
    pub fn list(&self) -> Result<Vec<TrackSummary>, TrailError> {
        let mut statement = self
            .connection
            .prepare(&summary_query("ORDER BY created_ms DESC, id DESC"))?;
        let rows = statement.query_map([], read_summary)?;
        rows.map(|row| row?).collect()
    }

    /// The most recent track still recording or paused, if any: the recording
    /// to recover after the process died.
    pub fn unfinished(&self) -> Result<Option<TrackSummary>, TrailError> {
        self.connection
            .query_row(
                &summary_query("WHERE status != 'finished' ORDER BY id DESC LIMIT 1"),
                [],
                read_summary,
            )
            .optional()?
            .transpose()
    }

    pub fn rename(&self, track: TrackId, name: &str) -> Result<(), TrailError> {
        let changed = self.connection.execute(
            "UPDATE tracks SET name = ?2 WHERE id = ?1",
            params![track, name],
        )?;
        expect_one(changed, track)
    }

    /// SQLite's own check of the file (after a crash, for instance).
    pub fn check_integrity(&self) -> Result<(), TrailError> {
        let verdict: String = self
            .connection
            .query_row("PRAGMA integrity_check", [], |row| row.get(0))?;
        if verdict == "ok" {
            Ok(())
        } else {
            Err(TrailError::Store { detail: verdict })
        }
    }

    /// Deletes a track with its segments, points and counts.
    pub fn delete(&self, track: TrackId) -> Result<(), TrailError> {
        let changed = self
            .connection
            .execute("DELETE FROM tracks WHERE id = ?1", [track])?;
        expect_one(changed, track)
    }
}

fn insert_point(
    connection: &Connection,
    track: TrackId,
    point: &TrackPoint,
) -> Result<(), TrailError> {
    let fix = &point.fix;
    connection.prepare_cached(INSERT_POINT)?.execute(params![
        track,
        point.sequence,
        point.segment,
        fix.latitude,
        fix.longitude,
        fix.altitude,
        fix.horizontal_accuracy,
        fix.vertical_accuracy,
        fix.speed,
        fix.bearing,
        fix.timestamp_ms.unwrap_or_default(),
        fix.barometric_altitude,
    ])?;
    Ok(())
}

/// A track being imported: see [`TrackStore::begin_import`].
pub struct TrackImport<'store> {
    transaction: rusqlite::Transaction<'store>,
    track: TrackId,
    accumulator: StatsAccumulator,
    sequence: u64,
    /// The caller's index of the segment being imported.
    source_segment: Option<usize>,
    /// The stored index of that segment.
    segment: Option<u32>,
    first_time_ms: Option<i64>,
}

impl TrackImport<'_> {
    /// Adds the next point, in the caller's segment `segment` (segments come
    /// in order; an empty one is never stored). Invalid fixes are skipped.
    pub fn push(&mut self, segment: usize, fix: Fix) -> Result<(), TrailError> {
        if !fix.is_valid() {
            return Ok(());
        }
        if self.source_segment != Some(segment) {
            let next = self.segment.map_or(Ok(0), |index| {
                index.checked_add(1).ok_or_else(|| TrailError::Gpx {
                    detail: "too many segments".into(),
                })
            })?;
            self.transaction
                .prepare_cached(INSERT_SEGMENT)?
                .execute(params![
                    self.track,
                    next,
                    fix.timestamp_ms.unwrap_or_default()
                ])?;
            self.source_segment = Some(segment);
            self.segment = Some(next);
        }
        if self.first_time_ms.is_none() {
            self.first_time_ms = fix.timestamp_ms;
        }
        let point = TrackPoint {
            sequence: self.sequence,
            segment: self.segment.unwrap_or_default(),
            fix,
        };
        insert_point(&self.transaction, self.track, &point)?;
        self.accumulator.push(&point);
        self.sequence += 1;
        Ok(())
    }

    /// Stores the track under `name`, created when its first point was taken
    /// (or at the import, for points without a time).
    pub fn finish(self, name: &str) -> Result<TrackId, TrailError> {
        self.transaction.execute(
            "UPDATE tracks SET name = ?2, stats = ?3, created_ms = coalesce(?4, created_ms)
             WHERE id = ?1",
            params![
                self.track,
                name,
                stats_json(&self.accumulator.stats())?,
                self.first_time_ms
            ],
        )?;
        self.transaction.commit()?;
        Ok(self.track)
    }
}

fn add_rejections(
    connection: &Connection,
    track: TrackId,
    rejections: &[RejectionCount],
) -> Result<(), TrailError> {
    let mut statement = connection.prepare_cached(
        "INSERT INTO rejections (track_id, reason, count) VALUES (?1, ?2, ?3)
         ON CONFLICT (track_id, reason) DO UPDATE SET count = count + excluded.count",
    )?;
    for rejection in rejections {
        statement.execute(params![track, rejection.reason.as_str(), rejection.count])?;
    }
    Ok(())
}

fn summary_query(tail: &str) -> String {
    format!("SELECT id, name, status, created_ms, stats FROM tracks {tail}")
}

/// Reads a summary row; decoding errors of our own columns come out as the
/// inner result so `query_map` keeps SQLite's error type.
fn read_summary(row: &rusqlite::Row) -> rusqlite::Result<Result<TrackSummary, TrailError>> {
    let status: String = row.get(2)?;
    let stats: String = row.get(4)?;
    let (id, name, created_ms) = (row.get(0)?, row.get(1)?, row.get(3)?);
    Ok(TrackStatus::from_name(&status).and_then(|status| {
        Ok(TrackSummary {
            id,
            name,
            status,
            created_ms,
            stats: serde_json::from_str(&stats).map_err(|error| TrailError::Store {
                detail: format!("track {id} has unreadable statistics: {error}"),
            })?,
        })
    }))
}

fn stats_json(stats: &TrackStats) -> Result<String, TrailError> {
    serde_json::to_string(stats).map_err(|error| TrailError::Store {
        detail: error.to_string(),
    })
}

fn expect_one(changed: usize, track: TrackId) -> Result<(), TrailError> {
    if changed == 1 {
        Ok(())
    } else {
        Err(TrailError::NoSuchTrack { id: track })
    }
}
