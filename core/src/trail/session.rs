//! One trail session: the device's fixes taken once and fed to the recorder
//! and the follower (either or both running), the follower's alerts gated
//! into the notifications a phone shows, the ongoing notification refreshed
//! at most every [`ONGOING_REFRESH_S`], and the location request the
//! platform should apply, re-chosen at each fix. Both apps only post and
//! apply what a [`SessionUpdate`] says.

use crate::catalog::{Choice, TrekDetail};
use crate::locale::Language;
use crate::measures::UnitSystem;
use crate::trail::alerts::{AlertContext, AlertGate};
use crate::trail::battery::{BatteryMode, LocationRequest, Stillness};
use crate::trail::notifications::{NotificationWriter, OngoingNotification, TrailNotification};
use crate::trail::sensitive::{SensitiveNotice, sensitivity_practice};
use crate::trail::{
    Fix, FixOutcome, FollowHeadline, FollowState, Follower, FollowerConfig, Recorder,
    RecorderState, Route, TrackId, TrackSummary, TrailError,
};

/// The ongoing notification is rewritten at most this often, seconds, unless
/// what its headline says changes.
pub const ONGOING_REFRESH_S: f64 = 30.0;

/// What a session speaks and how it alerts.
#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SessionSettings {
    pub language: Language,
    pub units: UnitSystem,
    /// The hiker's clock, minutes from UTC.
    pub utc_offset_minutes: i32,
    /// Announce points of interest, signposts and desks ahead (opt-in).
    pub announce_points: bool,
}

/// A trek made ready to follow: its route, the follower's settings with the
/// trek's sensitivity practice, and what each sensitive area says.
#[derive(Clone, Debug, PartialEq)]
pub struct FollowPlan {
    pub route: Route,
    pub config: FollowerConfig,
    pub notices: Vec<SensitiveNotice>,
}

impl FollowPlan {
    /// The plan of a cached trek; `sensitivity_practices` is the territory's
    /// `sensitivearea_practice` list, to find the trek's practice in it.
    pub fn for_trek(
        trek: &TrekDetail,
        sensitivity_practices: &[Choice],
        config: FollowerConfig,
    ) -> FollowPlan {
        let practice = trek.practice.as_ref().map(|choice| choice.label.as_str());
        FollowPlan {
            route: Route::from_trek(trek),
            config: FollowerConfig {
                practice_id: sensitivity_practice(practice, sensitivity_practices),
                ..config
            },
            notices: trek
                .sensitive_areas
                .iter()
                .map(SensitiveNotice::of_area)
                .collect(),
        }
    }

    /// The plan of a route that has no sensitive areas' texts (an imported GPX).
    pub fn for_route(route: Route, config: FollowerConfig) -> FollowPlan {
        FollowPlan {
            route,
            config,
            notices: Vec::new(),
        }
    }
}

/// What one fix changed, for the shell to show.
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SessionUpdate {
    /// What the recorder did with the fix, when recording.
    pub recorded: Option<FixOutcome>,
    /// The follower's view after the fix, when following.
    pub follow: Option<FollowState>,
    /// Notifications to post (replacing any of the same tag).
    pub notifications: Vec<TrailNotification>,
    /// Tags of notifications to withdraw: their episode is over.
    pub withdrawn_tags: Vec<String>,
    /// The ongoing notification, when it is due for a rewrite.
    pub ongoing: Option<OngoingNotification>,
    /// The location request to apply, when it changed.
    pub location_request: Option<LocationRequest>,
}

/// A follow in progress.
struct FollowRun {
    follower: Follower,
    gate: AlertGate,
    name: String,
    notices: Vec<SensitiveNotice>,
    started_ms: Option<i64>,
}

/// The recorder and the follower of one outing, fed by the same fixes.
pub struct TrailSession {
    settings: SessionSettings,
    recorder: Option<Recorder>,
    follow: Option<FollowRun>,
    stillness: Stillness,
    /// When the ongoing notification was last given, and its headline then.
    ongoing_given: Option<(i64, Option<FollowHeadline>, RecorderState)>,
    /// The battery mode last asked for.
    mode: Option<BatteryMode>,
}

impl TrailSession {
    pub fn new(settings: SessionSettings) -> TrailSession {
        TrailSession {
            settings,
            recorder: None,
            follow: None,
            stillness: Stillness::default(),
            ongoing_given: None,
            mode: None,
        }
    }

    /// Starts following `plan`, replacing any follow in progress.
    pub fn start_following(&mut self, plan: FollowPlan) -> Result<(), TrailError> {
        let name = plan.route.name.clone();
        self.follow = Some(FollowRun {
            follower: Follower::new(plan.route, plan.config)?,
            gate: AlertGate::new(self.settings.announce_points),
            name,
            notices: plan.notices,
            started_ms: None,
        });
        self.ongoing_given = None;
        Ok(())
    }

    /// Stops following; the recording, if any, goes on.
    pub fn stop_following(&mut self) {
        self.follow = None;
        self.ongoing_given = None;
    }

    /// Records with `recorder` (opened by the caller on its track store);
    /// its recording is started, paused and stopped through [`Self::recorder`].
    pub fn attach_recorder(&mut self, recorder: Recorder) {
        self.recorder = Some(recorder);
        self.ongoing_given = None;
    }

    /// The recorder, to start, pause, resume a recording.
    pub fn recorder(&mut self) -> Option<&mut Recorder> {
        self.recorder.as_mut()
    }

    /// Stops the recording and lets the recorder go; the saved track's summary.
    pub fn stop_recording(&mut self) -> Result<Option<TrackSummary>, TrailError> {
        let summary = match self.recorder.as_mut() {
            Some(recorder) if recorder.state() != RecorderState::Idle => Some(recorder.stop()?),
            _ => None,
        };
        self.recorder = None;
        self.ongoing_given = None;
        Ok(summary)
    }

    /// The track being recorded, if any.
    pub fn recording_track(&self) -> Option<TrackId> {
        self.recorder.as_ref().and_then(Recorder::track)
    }

    /// Whether points ahead are announced.
    pub fn set_announce_points(&mut self, announce_points: bool) {
        self.settings.announce_points = announce_points;
        if let Some(follow) = &mut self.follow {
            follow.gate.set_announce_points(announce_points);
        }
    }

    /// The follower's view, when following.
    pub fn follow_state(&self) -> Option<FollowState> {
        self.follow.as_ref().map(|follow| follow.follower.state())
    }

    /// The location request for the situation now; `None` when neither
    /// following nor recording (the platform stops asking for fixes).
    pub fn location_request(&self) -> Option<LocationRequest> {
        self.battery_mode().map(BatteryMode::request)
    }

    /// The ongoing notification now, whatever its last rewrite.
    pub fn ongoing(&self) -> Option<OngoingNotification> {
        let state = self.follow_state();
        let following = self.follow.as_ref().zip(state.as_ref());
        let stats = self.recorder.as_ref().and_then(Recorder::stats);
        self.writer().ongoing(
            following.map(|(follow, state)| (follow.name.as_str(), state)),
            self.recorder
                .as_ref()
                .map(|recorder| (recorder.state(), stats.as_ref())),
        )
    }

    /// Takes one fix from the device, at `now_ms` on the device's clock.
    /// Fails only when the recorder cannot store the fix; the follower has
    /// not taken it then, so the fix is never half-taken.
    pub fn push_fix(&mut self, fix: Fix, now_ms: i64) -> Result<SessionUpdate, TrailError> {
        let mut update = SessionUpdate::default();
        if let Some(recorder) = self.recorder.as_mut().filter(|recorder| {
            matches!(
                recorder.state(),
                RecorderState::Recording | RecorderState::AutoPaused
            )
        }) {
            update.recorded = Some(recorder.push_fix(fix.clone(), now_ms)?);
        }
        self.stillness.push(&fix);
        let at_ms = fix.timestamp_ms.unwrap_or(now_ms);
        let writer = self.writer();
        if let Some(follow) = &mut self.follow {
            let events = follow.follower.update(&fix);
            let state = follow.follower.state();
            if state.status != crate::trail::FollowStatus::Waiting {
                follow.started_ms.get_or_insert(at_ms);
            }
            let gated = follow.gate.on_fix(
                &events,
                at_ms,
                AlertContext {
                    state: &state,
                    notices: &follow.notices,
                    length_m: follow.follower.length_m(),
                    started_ms: follow.started_ms,
                },
            );
            update.notifications = gated
                .alerts
                .iter()
                .map(|alert| writer.alert(alert, &follow.name))
                .collect();
            update.withdrawn_tags = gated.withdrawn.iter().map(|tag| tag.name()).collect();
            update.follow = Some(state);
        }
        let mode = self.battery_mode();
        if mode != self.mode {
            self.mode = mode;
            update.location_request = mode.map(BatteryMode::request);
        }
        update.ongoing = self.ongoing_due(at_ms);
        Ok(update)
    }

    /// The ongoing notification when it is due: its first, a change of what
    /// it heads with, or [`ONGOING_REFRESH_S`] since the last.
    fn ongoing_due(&mut self, at_ms: i64) -> Option<OngoingNotification> {
        let headline = self.follow_state().map(|state| state.headline);
        let recording = self
            .recorder
            .as_ref()
            .map_or(RecorderState::Idle, Recorder::state);
        let due = self
            .ongoing_given
            .is_none_or(|(last_ms, last_headline, last_recording)| {
                last_headline != headline
                    || last_recording != recording
                    || (at_ms - last_ms) as f64 / 1000.0 >= ONGOING_REFRESH_S
            });
        if !due {
            return None;
        }
        self.ongoing_given = Some((at_ms, headline, recording));
        self.ongoing()
    }

    fn battery_mode(&self) -> Option<BatteryMode> {
        BatteryMode::choose(
            self.follow_state().map(|state| state.headline),
            self.recorder
                .as_ref()
                .map_or(RecorderState::Idle, Recorder::state),
            self.stillness.is_still(),
        )
    }

    fn writer(&self) -> NotificationWriter {
        NotificationWriter {
            units: self.settings.units,
            language: self.settings.language,
            utc_offset_minutes: self.settings.utc_offset_minutes,
        }
    }
}
