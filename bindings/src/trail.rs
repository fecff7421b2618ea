//! On the trail, for the shells: the trail session the platform's location
//! service feeds (recording and following on the same fixes, notifications
//! and the location request decided by the core), a recorder that takes the
//! platform's fixes, the library of saved tracks, a follower reporting
//! events on changes, and the simulator the shells' tests replay walks with.
//!
//! Listeners are called after the object's lock is released, so a listener
//! may call back into the object.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use sentier_core::catalog::{Choice, TrekDetail};
use sentier_core::geodesy::LatLon;
use sentier_core::screens::export::write_saved_track_gpx;
use sentier_core::trail::battery::LocationRequest;
use sentier_core::trail::geojson::track_feature;
use sentier_core::trail::gpx_file::{import_gpx, read_gpx};
use sentier_core::trail::notifications::OngoingNotification;
use sentier_core::trail::recorder::now_ms;
use sentier_core::trail::session::{
    FollowPlan, SessionSettings, SessionUpdate, TrailSession as Session,
};
use sentier_core::trail::simplify::simplify_track;
use sentier_core::trail::simulator::simulate;
use sentier_core::trail::{
    Fix, FixOutcome, FollowState, Follower, FollowerConfig, FollowerEvent, Recorder,
    RecorderConfig, RecorderState, RecordingFilterChoices, RejectionCount, Route, SimulationConfig,
    TrackId, TrackPoint, TrackStats, TrackStore, TrackSummary, TrailError,
};

/// Told about the recording as it goes.
#[uniffi::export(with_foreign)]
pub trait RecorderListener: Send + Sync {
    /// The live statistics, after each recorded fix.
    fn on_stats(&self, stats: TrackStats);
    /// The recorder changed state (including auto-pause and its end).
    fn on_state(&self, state: RecorderState);
}

/// Told about what changes while following a route.
#[uniffi::export(with_foreign)]
pub trait FollowerListener: Send + Sync {
    fn on_event(&self, event: FollowerEvent);
}

fn locked<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Records the hiker's track. Every fix it reports as recorded is on disk.
#[derive(uniffi::Object)]
pub struct TrackRecorder {
    recorder: Mutex<Recorder>,
    listener: Mutex<Option<Arc<dyn RecorderListener>>>,
}

#[uniffi::export]
impl TrackRecorder {
    /// Opens the track store at `store_path`; a recording left unfinished by a
    /// killed process is recovered, paused (see `recovered`).
    #[uniffi::constructor]
    pub fn new(
        store_path: String,
        config: RecorderConfig,
    ) -> Result<Arc<TrackRecorder>, TrailError> {
        Ok(Arc::new(TrackRecorder {
            recorder: Mutex::new(Recorder::open(store_path, config)?),
            listener: Mutex::new(None),
        }))
    }

    pub fn set_listener(&self, listener: Option<Arc<dyn RecorderListener>>) {
        *locked(&self.listener) = listener;
    }

    /// The recording recovered at opening, if any.
    pub fn recovered(&self) -> Option<TrackId> {
        locked(&self.recorder).recovered()
    }

    pub fn state(&self) -> RecorderState {
        locked(&self.recorder).state()
    }

    pub fn stats(&self) -> Option<TrackStats> {
        locked(&self.recorder).stats()
    }

    pub fn rejections(&self) -> Vec<RejectionCount> {
        locked(&self.recorder).rejections()
    }

    pub fn start(&self, name: String) -> Result<TrackId, TrailError> {
        let track = locked(&self.recorder).start(&name, now_ms())?;
        self.notify_state();
        Ok(track)
    }

    pub fn pause(&self) -> Result<(), TrailError> {
        locked(&self.recorder).pause()?;
        self.notify_state();
        Ok(())
    }

    pub fn resume(&self) -> Result<(), TrailError> {
        locked(&self.recorder).resume()?;
        self.notify_state();
        Ok(())
    }

    pub fn stop(&self) -> Result<TrackSummary, TrailError> {
        let summary = locked(&self.recorder).stop()?;
        self.notify_state();
        Ok(summary)
    }

    /// Judges and records one fix.
    pub fn push_fix(&self, fix: Fix) -> Result<FixOutcome, TrailError> {
        let outcomes = self.push_fixes(vec![fix])?;
        Ok(outcomes.into_iter().next().unwrap_or(FixOutcome::Ignored))
    }

    /// Judges and records a batch of fixes (as platforms deliver them after a
    /// while in the background), in order; one statistics update at the end.
    pub fn push_fixes(&self, fixes: Vec<Fix>) -> Result<Vec<FixOutcome>, TrailError> {
        let (outcomes, before, after, stats) = {
            let mut recorder = locked(&self.recorder);
            let before = recorder.state();
            let now = now_ms();
            let outcomes = fixes
                .into_iter()
                .map(|fix| recorder.push_fix(fix, now))
                .collect::<Result<Vec<_>, _>>()?;
            (outcomes, before, recorder.state(), recorder.stats())
        };
        let listener = locked(&self.listener).clone();
        if let Some(listener) = listener {
            if before != after {
                listener.on_state(after);
            }
            let recorded = outcomes
                .iter()
                .any(|outcome| matches!(outcome, FixOutcome::Recorded { .. }));
            if let (true, Some(stats)) = (recorded, stats) {
                listener.on_stats(stats);
            }
        }
        Ok(outcomes)
    }
}

impl TrackRecorder {
    fn notify_state(&self) {
        let state = self.state();
        let listener = locked(&self.listener).clone();
        if let Some(listener) = listener {
            listener.on_state(state);
        }
    }
}

/// The saved tracks: list, rename, delete, export, import.
#[derive(uniffi::Object)]
pub struct TrackLibrary {
    store: Mutex<TrackStore>,
}

#[uniffi::export]
impl TrackLibrary {
    #[uniffi::constructor]
    pub fn new(store_path: String) -> Result<Arc<TrackLibrary>, TrailError> {
        Ok(Arc::new(TrackLibrary {
            store: Mutex::new(TrackStore::open(store_path)?),
        }))
    }

    /// Every track, newest first.
    pub fn list(&self) -> Result<Vec<TrackSummary>, TrailError> {
        locked(&self.store).list()
    }

    pub fn points(&self, track: TrackId) -> Result<Vec<TrackPoint>, TrailError> {
        locked(&self.store).points(track)
    }

    /// The track thinned for display: one line per segment.
    pub fn simplified(
        &self,
        track: TrackId,
        tolerance_m: f64,
    ) -> Result<Vec<Vec<LatLon>>, TrailError> {
        Ok(simplify_track(
            &locked(&self.store).points(track)?,
            tolerance_m,
        ))
    }

    pub fn rename(&self, track: TrackId, name: String) -> Result<(), TrailError> {
        locked(&self.store).rename(track, &name)
    }

    pub fn delete(&self, track: TrackId) -> Result<(), TrailError> {
        locked(&self.store).delete(track)
    }

    /// Writes the track as GPX 1.1 to `path`.
    pub fn export_gpx(&self, track: TrackId, path: String) -> Result<(), TrailError> {
        write_saved_track_gpx(&locked(&self.store), track, std::path::Path::new(&path))
    }

    /// The track as a GeoJSON Feature.
    pub fn export_geojson(&self, track: TrackId) -> Result<String, TrailError> {
        let (summary, points) = self.track(track)?;
        Ok(track_feature(&summary, &points).to_string())
    }

    /// Saves the tracks of the GPX file at `path` as one track, streamed:
    /// however large the file, memory stays small.
    pub fn import_gpx(&self, path: String, name: Option<String>) -> Result<TrackId, TrailError> {
        let file = std::io::BufReader::new(std::fs::File::open(&path)?);
        let (track, _) = import_gpx(&mut locked(&self.store), file, name, &path, now_ms())?;
        Ok(track)
    }
}

impl TrackLibrary {
    fn track(&self, track: TrackId) -> Result<(TrackSummary, Vec<TrackPoint>), TrailError> {
        let store = locked(&self.store);
        Ok((store.summary(track)?, store.points(track)?))
    }
}

/// Follows a route; events go to the listener, the state is queryable.
#[derive(uniffi::Object)]
pub struct TrekFollower {
    follower: Mutex<Follower>,
    listener: Arc<dyn FollowerListener>,
}

#[uniffi::export]
impl TrekFollower {
    #[uniffi::constructor]
    pub fn new(
        route: Route,
        config: FollowerConfig,
        listener: Arc<dyn FollowerListener>,
    ) -> Result<Arc<TrekFollower>, TrailError> {
        Ok(Arc::new(TrekFollower {
            follower: Mutex::new(Follower::new(route, config)?),
            listener,
        }))
    }

    /// Takes a fix (stamped now if it has no time); returns the new state after
    /// delivering the events it caused.
    pub fn push_fix(&self, fix: Fix) -> FollowState {
        let fix = fix.stamped(now_ms());
        let (events, state) = {
            let mut follower = locked(&self.follower);
            (follower.update(&fix), follower.state())
        };
        for event in events {
            self.listener.on_event(event);
        }
        state
    }

    pub fn state(&self) -> FollowState {
        locked(&self.follower).state()
    }
}

/// The outing in progress, fed by the platform's location service: one fix
/// goes to the recording and the follow (either or both running); each
/// update says which notifications to post or withdraw, when to rewrite the
/// ongoing one and which location request to apply. The shells only do so.
#[derive(uniffi::Object)]
pub struct TrailSession {
    session: Mutex<Session>,
}

#[uniffi::export]
impl TrailSession {
    #[uniffi::constructor]
    pub fn new(settings: SessionSettings) -> Arc<TrailSession> {
        Arc::new(TrailSession {
            session: Mutex::new(Session::new(settings)),
        })
    }

    /// Follows a cached trek; `sensitivity_practices` is the catalog's
    /// `SensitiveAreaPractice` list, where the core finds the trek's own so
    /// sensitive areas are filtered by activity.
    pub fn follow_trek(
        &self,
        trek: TrekDetail,
        sensitivity_practices: Vec<Choice>,
        config: FollowerConfig,
    ) -> Result<(), TrailError> {
        let plan = FollowPlan::for_trek(&trek, &sensitivity_practices, config);
        locked(&self.session).start_following(plan)
    }

    /// Follows a route that is not a cached trek (an imported GPX).
    pub fn follow_route(&self, route: Route, config: FollowerConfig) -> Result<(), TrailError> {
        locked(&self.session).start_following(FollowPlan::for_route(route, config))
    }

    pub fn stop_following(&self) {
        locked(&self.session).stop_following();
    }

    /// Starts recording `name` into the track store at `store_path`.
    pub fn start_recording(
        &self,
        store_path: String,
        config: RecorderConfig,
        name: String,
    ) -> Result<TrackId, TrailError> {
        let mut recorder = Recorder::open(store_path, config)?;
        let track = recorder.start(&name, now_ms())?;
        locked(&self.session).attach_recorder(recorder);
        Ok(track)
    }

    pub fn pause_recording(&self) -> Result<(), TrailError> {
        self.with_recorder(|recorder| recorder.pause())
    }

    pub fn resume_recording(&self) -> Result<(), TrailError> {
        self.with_recorder(|recorder| recorder.resume())
    }

    /// Stops the recording; the saved track's summary (`None`: none ran).
    pub fn stop_recording(&self) -> Result<Option<TrackSummary>, TrailError> {
        locked(&self.session).stop_recording()
    }

    /// Takes one fix (stamped now if it has no time).
    pub fn push_fix(&self, fix: Fix) -> Result<SessionUpdate, TrailError> {
        let now = now_ms();
        locked(&self.session).push_fix(fix.stamped(now), now)
    }

    /// Takes a batch of fixes, in order (as platforms deliver them after a
    /// while in the background): one update per fix.
    pub fn push_fixes(&self, fixes: Vec<Fix>) -> Result<Vec<SessionUpdate>, TrailError> {
        let now = now_ms();
        let mut session = locked(&self.session);
        fixes
            .into_iter()
            .map(|fix| session.push_fix(fix.stamped(now), now))
            .collect()
    }

    pub fn follow_state(&self) -> Option<FollowState> {
        locked(&self.session).follow_state()
    }

    /// The ongoing notification now (`None`: neither following nor recording).
    pub fn ongoing(&self) -> Option<OngoingNotification> {
        locked(&self.session).ongoing()
    }

    /// The location request now (`None`: stop asking for fixes).
    pub fn location_request(&self) -> Option<LocationRequest> {
        locked(&self.session).location_request()
    }

    pub fn set_announce_points(&self, announce_points: bool) {
        locked(&self.session).set_announce_points(announce_points);
    }
}

impl TrailSession {
    fn with_recorder(
        &self,
        act: impl FnOnce(&mut Recorder) -> Result<(), TrailError>,
    ) -> Result<(), TrailError> {
        let mut session = locked(&self.session);
        let recorder = session.recorder().ok_or_else(|| TrailError::InvalidState {
            state: RecorderState::Idle,
            action: "change a recording".to_string(),
        })?;
        act(recorder)
    }
}

/// The route of a GPX document (tracks, or routes when it has none;
/// waypoints as points).
#[uniffi::export]
pub fn route_from_gpx(gpx: String) -> Result<Route, TrailError> {
    Ok(read_gpx(gpx.as_bytes())?.into_route("GPX"))
}

#[uniffi::export]
pub fn default_recorder_config() -> RecorderConfig {
    RecorderConfig::default()
}

/// The recording filters the settings offer.
#[uniffi::export]
pub fn recording_filter_choices() -> RecordingFilterChoices {
    RecordingFilterChoices::offered()
}

/// The recorder's configuration for the hiker's chosen filters (`None`: the core's default).
#[uniffi::export]
pub fn recorder_config_with(
    max_accuracy_m: Option<f64>,
    min_distance_m: Option<f64>,
) -> RecorderConfig {
    RecorderConfig::with_filters(max_accuracy_m, min_distance_m)
}

#[uniffi::export]
pub fn default_follower_config() -> FollowerConfig {
    FollowerConfig::default()
}

/// A walk at 4 km/h, a fix a second, typical GPS noise from `seed`.
#[uniffi::export]
pub fn walk_simulation(seed: u64) -> SimulationConfig {
    SimulationConfig::walk(seed)
}

/// The fixes of a simulated walk along `line`.
#[uniffi::export]
pub fn simulate_walk(line: Vec<LatLon>, config: SimulationConfig) -> Result<Vec<Fix>, TrailError> {
    simulate(&line, &config)
}
