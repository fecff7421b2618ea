//! A recording: start, pause, resume, stop, segments on pause and after long
//! gaps, optional auto-pause, and recovery of the recording in progress after
//! the process was killed.
//!
//! Every accepted fix is committed to the [`TrackStore`] before
//! [`Recorder::push_fix`] returns its sequence number: what the shell was told is
//! recorded survives a kill or a power loss. Rejections are counted in memory
//! and written with the next point (or on pause and stop), so a burst of bad
//! fixes costs no disk write.
//!
//! One recorder at a time holds a store: it locks a file beside it (the
//! operating system releases the lock when the process dies, so a killed
//! recording is recovered by the next recorder), and a second one is refused
//! with [`TrailError::RecordingElsewhere`] instead of fighting over the file.

use std::collections::BTreeMap;
use std::path::Path;

use crate::geodesy::haversine_m;
use crate::trail::{
    FilterConfig, Fix, FixFilter, RejectReason, RejectionCount, StatsAccumulator, TrackId,
    TrackPoint, TrackStats, TrackStatus, TrackStore, TrackSummary, TrailError,
};

/// Stops recording while the hiker stays within `radius_m` for `after_s`
/// seconds, and starts a new segment when they leave that circle.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct AutoPauseConfig {
    pub radius_m: f64,
    pub after_s: f64,
}

/// How the recorder filters and cuts segments.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RecorderConfig {
    pub filter: FilterConfig,
    /// A longer silence between two fixes starts a new segment (OsmAnd: 6 min).
    pub segment_gap_s: f64,
    pub auto_pause: Option<AutoPauseConfig>,
}

impl Default for RecorderConfig {
    fn default() -> Self {
        RecorderConfig {
            filter: FilterConfig::default(),
            segment_gap_s: 360.0,
            auto_pause: None,
        }
    }
}

/// The recording filters a settings screen offers, metres, each a choice
/// beside "the core's default".
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RecordingFilterChoices {
    /// Fixes less accurate than this are not recorded.
    pub max_accuracy_m: Vec<f64>,
    /// Points closer than this to the last one are not recorded.
    pub min_distance_m: Vec<f64>,
}

impl RecordingFilterChoices {
    /// From a precise track (and a quickly filled store) to a sparse one.
    pub fn offered() -> RecordingFilterChoices {
        RecordingFilterChoices {
            max_accuracy_m: vec![10.0, 20.0, 50.0, 100.0],
            min_distance_m: vec![2.0, 5.0, 10.0, 20.0],
        }
    }
}

impl RecorderConfig {
    /// The core's defaults with the hiker's chosen filters; `None` keeps a default.
    pub fn with_filters(
        max_accuracy_m: Option<f64>,
        min_distance_m: Option<f64>,
    ) -> RecorderConfig {
        let mut config = RecorderConfig::default();
        if let Some(metres) = max_accuracy_m {
            config.filter.max_accuracy_m = metres;
        }
        if let Some(metres) = min_distance_m {
            config.filter.min_distance_m = metres;
        }
        config
    }
}

/// What the recorder is doing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum RecorderState {
    /// No recording.
    Idle,
    Recording,
    /// Paused by the hiker (or recovered after the process died).
    Paused,
    /// Paused because the hiker stopped moving; resumes when they move.
    AutoPaused,
}

/// What became of one pushed fix.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum FixOutcome {
    /// Stored durably under this sequence number.
    Recorded { sequence: u64 },
    /// Filtered out, and counted.
    Rejected { reason: RejectReason },
    /// Not recording (idle, paused or auto-paused): ignored.
    Ignored,
}

/// Where the hiker has been standing, for auto-pause.
#[derive(Clone, Copy, Debug)]
struct Standing {
    latitude: f64,
    longitude: f64,
    since_ms: i64,
}

/// The recording in progress.
struct Active {
    track: TrackId,
    state: RecorderState,
    filter: FixFilter,
    stats: StatsAccumulator,
    next_sequence: u64,
    /// Segments opened so far (the next one gets this index).
    segments_opened: u32,
    /// The segment points go to; `None` until the next point opens one.
    segment: Option<u32>,
    /// Rejections not yet written to the store.
    unsaved_rejections: BTreeMap<RejectReason, u64>,
    /// All rejections of the track, saved or not.
    rejections: BTreeMap<RejectReason, u64>,
    standing: Option<Standing>,
}

impl Active {
    fn reject(&mut self, reason: RejectReason) -> FixOutcome {
        *self.unsaved_rejections.entry(reason).or_default() += 1;
        *self.rejections.entry(reason).or_default() += 1;
        FixOutcome::Rejected { reason }
    }

    fn close_segment(&mut self) {
        self.segment = None;
        self.filter.begin_segment();
    }

    /// Auto-pause bookkeeping for a usable fix: whether it is to be ignored.
    fn stays_paused(&mut self, fix: &Fix, auto_pause: &AutoPauseConfig) -> bool {
        let time = fix.timestamp_ms.unwrap_or_default();
        let moved = self.standing.is_none_or(|standing| {
            haversine_m(
                (standing.longitude, standing.latitude),
                (fix.longitude, fix.latitude),
            ) > auto_pause.radius_m
        });
        if moved {
            self.standing = Some(Standing {
                latitude: fix.latitude,
                longitude: fix.longitude,
                since_ms: time,
            });
            if self.state == RecorderState::AutoPaused {
                self.state = RecorderState::Recording;
                self.close_segment();
            }
            return false;
        }
        let standing_s = self
            .standing
            .map_or(0.0, |standing| (time - standing.since_ms) as f64 / 1000.0);
        if self.state == RecorderState::Recording && standing_s >= auto_pause.after_s {
            self.state = RecorderState::AutoPaused;
        }
        self.state == RecorderState::AutoPaused
    }

    /// Rejections to write with the next store transaction; cleared by the
    /// caller once that transaction has committed.
    fn rejections_to_save(&self) -> Vec<RejectionCount> {
        self.unsaved_rejections
            .iter()
            .map(|(&reason, &count)| RejectionCount { reason, count })
            .collect()
    }
}

/// Records tracks into a [`TrackStore`].
pub struct Recorder {
    store: TrackStore,
    /// The lock that makes this the store's only recorder, held while alive.
    _lock: Option<std::fs::File>,
    config: RecorderConfig,
    active: Option<Active>,
    recovered: Option<TrackId>,
}

impl Recorder {
    /// Opens the store at `path` (`:memory:` for a store in memory, which no
    /// one else can see: evaluations and benchmarks). A recording left
    /// unfinished by a dead process is recovered, paused, with all its points:
    /// see [`Recorder::recovered`]. Refused while another recorder has the
    /// store open.
    pub fn open(path: impl AsRef<Path>, config: RecorderConfig) -> Result<Recorder, TrailError> {
        let path = path.as_ref();
        let lock = if path == Path::new(":memory:") {
            None
        } else {
            Some(lock_recorder(path)?)
        };
        let store = TrackStore::open(path)?;
        let mut recorder = Recorder {
            store,
            _lock: lock,
            config,
            active: None,
            recovered: None,
        };
        if let Some(unfinished) = recorder.store.unfinished()? {
            recorder.recover(unfinished.id)?;
        }
        Ok(recorder)
    }

    /// The track recovered when the store was opened, if any.
    pub fn recovered(&self) -> Option<TrackId> {
        self.recovered
    }

    pub fn store(&self) -> &TrackStore {
        &self.store
    }

    pub fn state(&self) -> RecorderState {
        self.active
            .as_ref()
            .map_or(RecorderState::Idle, |active| active.state)
    }

    /// The track being recorded.
    pub fn track(&self) -> Option<TrackId> {
        self.active.as_ref().map(|active| active.track)
    }

    /// Live statistics of the track being recorded.
    pub fn stats(&self) -> Option<TrackStats> {
        self.active.as_ref().map(|active| active.stats.stats())
    }

    /// Rejected fixes of the track being recorded, by reason.
    pub fn rejections(&self) -> Vec<RejectionCount> {
        self.active.as_ref().map_or_else(Vec::new, |active| {
            active
                .rejections
                .iter()
                .map(|(&reason, &count)| RejectionCount { reason, count })
                .collect()
        })
    }

    /// Starts recording a new track.
    pub fn start(&mut self, name: &str, now_ms: i64) -> Result<TrackId, TrailError> {
        if self.active.is_some() {
            return Err(self.invalid("start"));
        }
        let track = self.store.create_track(name, now_ms)?;
        self.active = Some(Active {
            track,
            state: RecorderState::Recording,
            filter: FixFilter::new(self.config.filter.clone()),
            stats: StatsAccumulator::new(),
            next_sequence: 0,
            segments_opened: 0,
            segment: None,
            unsaved_rejections: BTreeMap::new(),
            rejections: BTreeMap::new(),
            standing: None,
        });
        Ok(track)
    }

    /// Judges a fix and, if accepted, stores it durably before returning.
    /// A fix without a timestamp is stamped with `now_ms`.
    pub fn push_fix(&mut self, fix: Fix, now_ms: i64) -> Result<FixOutcome, TrailError> {
        let fix = fix.stamped(now_ms);
        let Some(active) = self.active.as_mut() else {
            return Ok(FixOutcome::Ignored);
        };
        if active.state == RecorderState::Paused {
            return Ok(FixOutcome::Ignored);
        }
        if let Err(reason) = active.filter.check_quality(&fix) {
            return Ok(active.reject(reason));
        }
        if let Some(auto_pause) = &self.config.auto_pause
            && active.stays_paused(&fix, auto_pause)
        {
            return Ok(FixOutcome::Ignored);
        }
        let time = fix.timestamp_ms.unwrap_or(now_ms);
        if let Some(last) = active.stats.last_point()
            && (time - last.fix.timestamp_ms.unwrap_or_default()) as f64 / 1000.0
                > self.config.segment_gap_s
        {
            active.close_segment();
        }
        if let Err(reason) = active.filter.check_motion(&fix) {
            return Ok(active.reject(reason));
        }
        let segment = active.segment.unwrap_or(active.segments_opened);
        let point = TrackPoint {
            sequence: active.next_sequence,
            segment,
            fix,
        };
        self.store.append_point(
            active.track,
            &point,
            active.segment.is_none(),
            &active.rejections_to_save(),
        )?;
        active.unsaved_rejections.clear();
        if active.segment.is_none() {
            active.segment = Some(segment);
            active.segments_opened += 1;
        }
        active.filter.accept(&point.fix);
        active.stats.push(&point);
        active.next_sequence += 1;
        Ok(FixOutcome::Recorded {
            sequence: point.sequence,
        })
    }

    /// Pauses; the next point after [`Recorder::resume`] opens a new segment.
    pub fn pause(&mut self) -> Result<(), TrailError> {
        match self.state() {
            RecorderState::Recording | RecorderState::AutoPaused => {
                self.transition(RecorderState::Paused, TrackStatus::Paused)
            }
            _ => Err(self.invalid("pause")),
        }
    }

    /// Resumes a paused (or recovered) recording.
    pub fn resume(&mut self) -> Result<(), TrailError> {
        match self.state() {
            RecorderState::Paused => {
                self.transition(RecorderState::Recording, TrackStatus::Recording)
            }
            _ => Err(self.invalid("resume")),
        }
    }

    /// Stops and saves the track, returning its summary.
    pub fn stop(&mut self) -> Result<TrackSummary, TrailError> {
        let Some(active) = self.active.as_mut() else {
            return Err(self.invalid("stop"));
        };
        self.store
            .add_rejections(active.track, &active.rejections_to_save())?;
        self.store
            .update_track(active.track, TrackStatus::Finished, &active.stats.stats())?;
        let track = active.track;
        self.active = None;
        self.recovered = None;
        self.store.summary(track)
    }

    /// Moves the recording to `state`, saving the figures and rejections so far.
    fn transition(&mut self, state: RecorderState, status: TrackStatus) -> Result<(), TrailError> {
        let Some(active) = self.active.as_mut() else {
            return Err(self.invalid("change state"));
        };
        self.store
            .add_rejections(active.track, &active.rejections_to_save())?;
        active.unsaved_rejections.clear();
        self.store
            .update_track(active.track, status, &active.stats.stats())?;
        active.state = state;
        active.standing = None;
        active.close_segment();
        Ok(())
    }

    /// Rebuilds the recording state of `track` from its stored points.
    fn recover(&mut self, track: TrackId) -> Result<(), TrailError> {
        let points = self.store.points(track)?;
        let mut filter = FixFilter::new(self.config.filter.clone());
        let mut stats = StatsAccumulator::new();
        for point in &points {
            if stats
                .last_point()
                .is_some_and(|last| last.segment != point.segment)
            {
                filter.begin_segment();
            }
            filter.accept(&point.fix);
            stats.push(point);
        }
        filter.begin_segment();
        let rejections = self
            .store
            .rejections(track)?
            .into_iter()
            .map(|count| (count.reason, count.count))
            .collect();
        self.store
            .update_track(track, TrackStatus::Paused, &stats.stats())?;
        self.active = Some(Active {
            track,
            state: RecorderState::Paused,
            filter,
            stats,
            next_sequence: points.last().map_or(0, |last| last.sequence + 1),
            segments_opened: points.last().map_or(0, |last| last.segment + 1),
            segment: None,
            unsaved_rejections: BTreeMap::new(),
            rejections,
            standing: None,
        });
        self.recovered = Some(track);
        Ok(())
    }

    fn invalid(&self, action: &str) -> TrailError {
        TrailError::InvalidState {
            state: self.state(),
            action: action.to_string(),
        }
    }
}

/// Takes the lock file beside the store at `path`, or says who holds it.
fn lock_recorder(path: &Path) -> Result<std::fs::File, TrailError> {
    if let Some(parent) = path.parent()
        && !parent.as_os_str().is_empty()
    {
        std::fs::create_dir_all(parent)?;
    }
    let mut lock_path = path.as_os_str().to_owned();
    lock_path.push("-recorder.lock");
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(TrailError::RecordingElsewhere {
            store: path.display().to_string(),
        }),
        Err(std::fs::TryLockError::Error(error)) => Err(error.into()),
    }
}

/// Milliseconds since the Unix epoch by the wall clock.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| {
            i64::try_from(elapsed.as_millis()).unwrap_or(i64::MAX)
        })
}
