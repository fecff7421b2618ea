//! What a hiker following a trek is alerted of, and when: the follower's
//! events become alerts, one per real episode, rate-limited, on the fixes'
//! own clock (so a replay alerts exactly as the walk did).
//!
//! - Off the trek, then back on it: one episode. "Back on the trek" is said
//!   once the hiker has stayed on it [`SETTLE_S`]; leaving again sooner is
//!   the same episode (a fix flapping on the corridor's edge), not a new
//!   alert. Wrong direction, then the right one again, likewise (the right
//!   direction is not announced: its notification is withdrawn).
//! - A sensitive area is announced on entering it (the follower enters only
//!   areas in their months and for the trek's practice), not again when
//!   re-entered within [`ZONE_REENTRY_S`].
//! - Points ahead (opt-in) replace one another in one notification.
//! - Arrival once; it closes the episodes still open.
//! - A notification vibrates at most once per [`KIND_BUZZ_GAP_S`] of its
//!   kind and [`BUZZ_GAP_S`] of any kind (a more urgent one excepted): those
//!   in between are shown silently.

use std::collections::HashMap;

use crate::trail::sensitive::SensitiveNotice;
use crate::trail::{FollowState, FollowerEvent, RoutePointKind};

/// The kinds of alert; each has its own notification channel on Android
/// (the hiker can silence one kind and keep the others).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum AlertKind {
    OffRoute,
    BackOnRoute,
    WrongDirection,
    SensitiveArea,
    PointAhead,
    Arrival,
}

impl AlertKind {
    pub const ALL: [AlertKind; 6] = [
        AlertKind::OffRoute,
        AlertKind::BackOnRoute,
        AlertKind::WrongDirection,
        AlertKind::SensitiveArea,
        AlertKind::PointAhead,
        AlertKind::Arrival,
    ];

    /// How urgent the alert is: what the phone does with it.
    pub fn priority(self) -> NotificationPriority {
        match self {
            AlertKind::OffRoute | AlertKind::WrongDirection | AlertKind::SensitiveArea => {
                NotificationPriority::High
            }
            AlertKind::Arrival | AlertKind::BackOnRoute | AlertKind::PointAhead => {
                NotificationPriority::Default
            }
        }
    }

    /// How the phone vibrates for it (when it is not silenced).
    pub fn vibration(self) -> VibrationPattern {
        match self {
            AlertKind::OffRoute => VibrationPattern::Alarm,
            AlertKind::WrongDirection | AlertKind::SensitiveArea => VibrationPattern::Warning,
            AlertKind::Arrival => VibrationPattern::DoubleTap,
            AlertKind::BackOnRoute | AlertKind::PointAhead => VibrationPattern::Tap,
        }
    }
}

/// How urgent a notification is: Android's channel importance and
/// notification priority, iOS's interruption level.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum NotificationPriority {
    /// Quiet, minimised: the ongoing notification of a follow or a recording.
    Low,
    Default,
    /// Heads-up, time-sensitive: the hiker should look now.
    High,
}

/// A named vibration: Android plays [`VibrationPattern::timings_ms`], iOS
/// the haptic of the same name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum VibrationPattern {
    /// Silent: rate-limited.
    None,
    /// One short pulse.
    Tap,
    /// Two short pulses: something good (arrival).
    DoubleTap,
    /// Two long pulses: look when you can.
    Warning,
    /// Three long pulses, felt through a pocket: look now.
    Alarm,
}

impl VibrationPattern {
    /// Android's waveform: off, on, off, on... in milliseconds.
    pub fn timings_ms(self) -> Vec<i64> {
        match self {
            VibrationPattern::None => Vec::new(),
            VibrationPattern::Tap => vec![0, 150],
            VibrationPattern::DoubleTap => vec![0, 150, 120, 150],
            VibrationPattern::Warning => vec![0, 400, 200, 400],
            VibrationPattern::Alarm => vec![0, 600, 250, 600, 250, 600],
        }
    }
}

/// Android's vibration waveform for `pattern`, milliseconds off, on, off...
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn vibration_timings_ms(pattern: VibrationPattern) -> Vec<i64> {
    pattern.timings_ms()
}

/// Which notification an alert shows in: a later alert of the same
/// episode replaces the earlier one (back on the trek replaces off the trek).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AlertTag {
    Route,
    Direction,
    Zone(u64),
    PointAhead,
    Arrival,
}

impl AlertTag {
    /// The notification's tag on Android, its identifier on iOS.
    pub fn name(self) -> String {
        match self {
            AlertTag::Route => "route".to_string(),
            AlertTag::Direction => "direction".to_string(),
            AlertTag::Zone(id) => format!("zone-{id}"),
            AlertTag::PointAhead => "point-ahead".to_string(),
            AlertTag::Arrival => "arrival".to_string(),
        }
    }
}

/// What the hiker is alerted of, before it is worded.
#[derive(Clone, Debug, PartialEq)]
pub enum Alert {
    OffRoute {
        distance_m: f64,
    },
    BackOnRoute {
        distance_left_m: f64,
    },
    WrongDirection,
    SensitiveArea {
        notice: SensitiveNotice,
    },
    PointAhead {
        kind: RoutePointKind,
        name: String,
        distance_m: f64,
    },
    Arrival {
        length_m: f64,
        /// From the first fix of the follow to the arrival.
        duration_s: Option<f64>,
    },
}

impl Alert {
    pub fn kind(&self) -> AlertKind {
        match self {
            Alert::OffRoute { .. } => AlertKind::OffRoute,
            Alert::BackOnRoute { .. } => AlertKind::BackOnRoute,
            Alert::WrongDirection => AlertKind::WrongDirection,
            Alert::SensitiveArea { .. } => AlertKind::SensitiveArea,
            Alert::PointAhead { .. } => AlertKind::PointAhead,
            Alert::Arrival { .. } => AlertKind::Arrival,
        }
    }

    pub fn tag(&self) -> AlertTag {
        match self {
            Alert::OffRoute { .. } | Alert::BackOnRoute { .. } => AlertTag::Route,
            Alert::WrongDirection => AlertTag::Direction,
            Alert::SensitiveArea { notice } => AlertTag::Zone(notice.zone_id),
            Alert::PointAhead { .. } => AlertTag::PointAhead,
            Alert::Arrival { .. } => AlertTag::Arrival,
        }
    }
}

/// An alert let through, at the time of the fix that raised it.
#[derive(Clone, Debug, PartialEq)]
pub struct GatedAlert {
    pub alert: Alert,
    pub at_ms: i64,
    /// How the phone vibrates: the kind's pattern, or none when rate-limited.
    pub vibration: VibrationPattern,
}

/// What the gate decided for one fix.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GateOutput {
    pub alerts: Vec<GatedAlert>,
    /// Notifications to withdraw: their episode is over.
    pub withdrawn: Vec<AlertTag>,
}

/// Back on the trek (or the right way again) is believed after this long,
/// seconds: leaving again sooner is the same episode.
pub const SETTLE_S: f64 = 20.0;

/// A sensitive area re-entered within this long after leaving it is not
/// announced again, seconds.
pub const ZONE_REENTRY_S: f64 = 30.0 * 60.0;

/// Two notifications of one kind vibrate at least this far apart, seconds.
pub const KIND_BUZZ_GAP_S: f64 = 60.0;

/// Two notifications of any kinds vibrate at least this far apart, seconds,
/// unless the later one is more urgent.
pub const BUZZ_GAP_S: f64 = 10.0;

/// Where an episode (off the trek, the wrong way) stands.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Episode {
    Clear,
    Open,
    /// The follower says it is over since `since_ms`; the gate waits to believe it.
    Settling {
        since_ms: i64,
    },
}

/// What the alerts need beyond the follower's events.
#[derive(Clone, Copy, Debug)]
pub struct AlertContext<'a> {
    /// The follower's state after the fix.
    pub state: &'a FollowState,
    /// The route's sensitive areas.
    pub notices: &'a [SensitiveNotice],
    /// The length of the route, metres.
    pub length_m: f64,
    /// The first fix of the follow, Unix milliseconds.
    pub started_ms: Option<i64>,
}

/// Turns the follower's events into alerts, one per episode, rate-limited.
#[derive(Clone, Debug)]
pub struct AlertGate {
    announce_points: bool,
    route: Episode,
    direction: Episode,
    /// When the hiker last left each sensitive area (`None` while inside).
    zones: HashMap<u64, Option<i64>>,
    arrived: bool,
    last_buzz: Option<(i64, NotificationPriority)>,
    last_kind_buzz: HashMap<AlertKind, i64>,
}

impl AlertGate {
    /// A gate for a new follow; points ahead only when `announce_points`.
    pub fn new(announce_points: bool) -> AlertGate {
        AlertGate {
            announce_points,
            route: Episode::Clear,
            direction: Episode::Clear,
            zones: HashMap::new(),
            arrived: false,
            last_buzz: None,
            last_kind_buzz: HashMap::new(),
        }
    }

    /// Whether points ahead are announced (the hiker's opt-in).
    pub fn set_announce_points(&mut self, announce_points: bool) {
        self.announce_points = announce_points;
    }

    /// The alerts of the fix at `at_ms`, whose follower events are `events`.
    pub fn on_fix(
        &mut self,
        events: &[FollowerEvent],
        at_ms: i64,
        context: AlertContext<'_>,
    ) -> GateOutput {
        let mut output = GateOutput::default();
        let mut raised = Vec::new();
        for event in events {
            if let Some(alert) = self.judge(event, at_ms, context, &mut output) {
                raised.push(alert);
            }
        }
        // Episodes the follower ended long enough ago are over.
        if settle(&mut self.route, at_ms) {
            raised.push(Alert::BackOnRoute {
                distance_left_m: context.state.distance_remaining_m,
            });
        }
        if settle(&mut self.direction, at_ms) {
            output.withdrawn.push(AlertTag::Direction);
        }
        for alert in raised {
            let vibration = self.vibration(alert.kind(), at_ms);
            output.alerts.push(GatedAlert {
                alert,
                at_ms,
                vibration,
            });
        }
        output
    }

    /// The alert `event` raises now, if any; episodes move on.
    fn judge(
        &mut self,
        event: &FollowerEvent,
        at_ms: i64,
        context: AlertContext<'_>,
        output: &mut GateOutput,
    ) -> Option<Alert> {
        if self.arrived {
            return None;
        }
        match event {
            FollowerEvent::OffRoute { distance_m } => {
                let opened = self.route == Episode::Clear;
                self.route = Episode::Open;
                opened.then_some(Alert::OffRoute {
                    distance_m: *distance_m,
                })
            }
            FollowerEvent::BackOnRoute => {
                if self.route == Episode::Open {
                    self.route = Episode::Settling { since_ms: at_ms };
                }
                None
            }
            FollowerEvent::WrongDirection => {
                let opened = self.direction == Episode::Clear;
                self.direction = Episode::Open;
                opened.then_some(Alert::WrongDirection)
            }
            FollowerEvent::RightDirection => {
                if self.direction == Episode::Open {
                    self.direction = Episode::Settling { since_ms: at_ms };
                }
                None
            }
            FollowerEvent::EnteredSensitiveZone { zone_id, .. } => {
                let recently_left = self.zones.get(zone_id).is_some_and(|left| {
                    left.is_none_or(|left_ms| seconds(left_ms, at_ms) < ZONE_REENTRY_S)
                });
                self.zones.insert(*zone_id, None);
                let notice = context
                    .notices
                    .iter()
                    .find(|notice| notice.zone_id == *zone_id)?;
                (!recently_left).then(|| Alert::SensitiveArea {
                    notice: notice.clone(),
                })
            }
            FollowerEvent::LeftSensitiveZone { zone_id, .. } => {
                self.zones.insert(*zone_id, Some(at_ms));
                None
            }
            FollowerEvent::PointAhead { ahead } => {
                self.announce_points.then(|| Alert::PointAhead {
                    kind: ahead.point.kind,
                    name: ahead.point.name.clone(),
                    distance_m: ahead.distance_m,
                })
            }
            FollowerEvent::Arrived => {
                self.arrived = true;
                self.route = Episode::Clear;
                self.direction = Episode::Clear;
                output.withdrawn.extend([
                    AlertTag::Route,
                    AlertTag::Direction,
                    AlertTag::PointAhead,
                ]);
                Some(Alert::Arrival {
                    length_m: context.length_m,
                    duration_s: context.started_ms.map(|started| seconds(started, at_ms)),
                })
            }
        }
    }

    /// The alert's vibration, or none when one buzzed too recently.
    fn vibration(&mut self, kind: AlertKind, at_ms: i64) -> VibrationPattern {
        let priority = kind.priority();
        let kind_quiet = self
            .last_kind_buzz
            .get(&kind)
            .is_some_and(|&last| seconds(last, at_ms) < KIND_BUZZ_GAP_S);
        let any_quiet = self.last_buzz.is_some_and(|(last, last_priority)| {
            seconds(last, at_ms) < BUZZ_GAP_S && priority <= last_priority
        });
        if kind_quiet || any_quiet {
            return VibrationPattern::None;
        }
        self.last_buzz = Some((at_ms, priority));
        self.last_kind_buzz.insert(kind, at_ms);
        kind.vibration()
    }
}

/// Whether `episode`, ended by the follower, has stayed over long enough
/// by `at_ms`; it is then clear.
fn settle(episode: &mut Episode, at_ms: i64) -> bool {
    match *episode {
        Episode::Settling { since_ms } if seconds(since_ms, at_ms) >= SETTLE_S => {
            *episode = Episode::Clear;
            true
        }
        _ => false,
    }
}

/// Seconds from `from_ms` to `to_ms`.
fn seconds(from_ms: i64, to_ms: i64) -> f64 {
    (to_ms - from_ms) as f64 / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trail::{FollowHeadline, FollowStatus};

    fn state() -> FollowState {
        FollowState {
            headline: FollowHeadline::OnRoute,
            status: FollowStatus::OnRoute,
            wrong_direction: false,
            snapped: None,
            distance_from_route_m: 0.0,
            distance_done_m: 1_000.0,
            distance_remaining_m: 2_000.0,
            share_done: 1.0 / 3.0,
            ascent_remaining_m: 0.0,
            descent_remaining_m: 0.0,
            time_remaining_s: None,
            arrival_at_ms: None,
            inside_sensitive_zones: Vec::new(),
            next_point: None,
        }
    }

    fn notices() -> Vec<SensitiveNotice> {
        vec![SensitiveNotice {
            zone_id: 4,
            name: "Aigle royal".into(),
            months: vec![true; 12],
            rules: Vec::new(),
        }]
    }

    /// The kinds alerted at each `(second, events)`, with their vibration.
    fn run(
        gate: &mut AlertGate,
        steps: &[(i64, Vec<FollowerEvent>)],
    ) -> Vec<(i64, AlertKind, VibrationPattern)> {
        let (state, notices) = (state(), notices());
        let context = AlertContext {
            state: &state,
            notices: &notices,
            length_m: 3_000.0,
            started_ms: Some(0),
        };
        steps
            .iter()
            .flat_map(|(second, events)| {
                gate.on_fix(events, second * 1000, context)
                    .alerts
                    .into_iter()
                    .map(move |alert| (*second, alert.alert.kind(), alert.vibration))
            })
            .collect()
    }

    fn off() -> FollowerEvent {
        FollowerEvent::OffRoute { distance_m: 60.0 }
    }

    #[test]
    fn a_detour_flapping_on_the_corridor_edge_is_one_episode() {
        let mut gate = AlertGate::new(false);
        let alerts = run(
            &mut gate,
            &[
                (0, vec![off()]),
                (5, vec![FollowerEvent::BackOnRoute]),
                (10, vec![off()]),
                (15, vec![FollowerEvent::BackOnRoute]),
                (30, vec![]),
                (36, vec![]),
                (100, vec![off()]),
            ],
        );
        assert_eq!(
            alerts,
            [
                (0, AlertKind::OffRoute, VibrationPattern::Alarm),
                (36, AlertKind::BackOnRoute, VibrationPattern::Tap),
                (100, AlertKind::OffRoute, VibrationPattern::Alarm),
            ]
        );
    }

    #[test]
    fn an_area_re_entered_soon_is_not_announced_again_and_buzzes_are_spaced() {
        let entered = || FollowerEvent::EnteredSensitiveZone {
            zone_id: 4,
            name: "Aigle royal".into(),
        };
        let left = || FollowerEvent::LeftSensitiveZone {
            zone_id: 4,
            name: "Aigle royal".into(),
        };
        let mut gate = AlertGate::new(false);
        let alerts = run(
            &mut gate,
            &[
                (0, vec![entered()]),
                (60, vec![left()]),
                (120, vec![entered()]),
                (180, vec![left()]),
                (180 + ZONE_REENTRY_S as i64, vec![entered()]),
                (
                    185 + ZONE_REENTRY_S as i64,
                    vec![FollowerEvent::WrongDirection],
                ),
                (190 + ZONE_REENTRY_S as i64, vec![off()]),
            ],
        );
        let later = 180 + ZONE_REENTRY_S as i64;
        assert_eq!(
            alerts,
            [
                (0, AlertKind::SensitiveArea, VibrationPattern::Warning),
                (later, AlertKind::SensitiveArea, VibrationPattern::Warning),
                // Within 10 s of a buzz as urgent: shown silently.
                (later + 5, AlertKind::WrongDirection, VibrationPattern::None),
                (later + 10, AlertKind::OffRoute, VibrationPattern::Alarm),
            ]
        );
    }

    #[test]
    fn points_ahead_only_when_asked_and_nothing_after_the_arrival() {
        let point = FollowerEvent::PointAhead {
            ahead: crate::trail::PointAhead {
                point: crate::trail::RoutePoint {
                    kind: RoutePointKind::Poi,
                    id: 1,
                    name: "Cascade".into(),
                    position: crate::geodesy::LatLon::new(45.0, 6.0),
                },
                distance_m: 150.0,
            },
        };
        let mut quiet = AlertGate::new(false);
        assert!(run(&mut quiet, &[(0, vec![point.clone()])]).is_empty());
        let mut gate = AlertGate::new(true);
        let alerts = run(
            &mut gate,
            &[
                (0, vec![point]),
                (100, vec![FollowerEvent::Arrived]),
                (200, vec![off(), FollowerEvent::Arrived]),
            ],
        );
        assert_eq!(
            alerts,
            [
                (0, AlertKind::PointAhead, VibrationPattern::Tap),
                (100, AlertKind::Arrival, VibrationPattern::DoubleTap),
            ]
        );
    }
}
