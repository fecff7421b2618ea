//! The trail's notifications as the phone shows them, worded by the core in
//! the hiker's language and units: each alert's title, body, vibration and
//! priority, the channels they are posted in (one per kind of alert), and
//! the ongoing notification of a follow or a recording. Both apps post
//! exactly these; `sentier follow --notify` prints them.

use crate::locale::{Language, Wording};
use crate::measures::{MeasureFormatter, UnitSystem};
use crate::trail::alerts::{Alert, AlertKind, GatedAlert, NotificationPriority, VibrationPattern};
use crate::trail::notification_texts::{NotificationTexts, fill, texts};
use crate::trail::{FollowHeadline, FollowState, RecorderState, RoutePointKind, TrackStats};

/// An alert as the phone shows it.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TrailNotification {
    pub kind: AlertKind,
    /// Android's notification tag, iOS's request identifier: a notification
    /// replaces the one of the same tag (back on the trek replaces off it).
    pub tag: String,
    /// The channel it is posted in (Android).
    pub channel_id: String,
    pub title: String,
    pub body: String,
    pub vibration: VibrationPattern,
    pub priority: NotificationPriority,
    /// The time of the fix that raised it, Unix milliseconds.
    pub at_ms: i64,
}

/// A notification channel: the hiker can silence one kind of alert.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct NotificationChannel {
    pub id: String,
    /// The kind of alert it carries; `None` for the ongoing notification's.
    pub kind: Option<AlertKind>,
    pub name: String,
    pub description: String,
    pub priority: NotificationPriority,
    pub vibration: VibrationPattern,
}

/// The notification that stays while following or recording, with its stop action.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct OngoingNotification {
    pub channel_id: String,
    /// `Following Tour du lac`, `Recording`.
    pub title: String,
    /// `4.2 km to go · arrival around 16:40`, `2.4 km · 45 min`.
    pub text: String,
    /// The stop action's label.
    pub stop_label: String,
}

/// The ongoing notification's channel.
pub const ONGOING_CHANNEL_ID: &str = "trail.ongoing";

impl AlertKind {
    /// The id of the kind's notification channel.
    pub fn channel_id(self) -> &'static str {
        match self {
            AlertKind::OffRoute => "trail.off_route",
            AlertKind::BackOnRoute => "trail.back_on_route",
            AlertKind::WrongDirection => "trail.wrong_direction",
            AlertKind::SensitiveArea => "trail.sensitive_area",
            AlertKind::PointAhead => "trail.point_ahead",
            AlertKind::Arrival => "trail.arrival",
        }
    }
}

/// The channels of the trail's notifications in `language`: one per kind of
/// alert, then the ongoing notification's.
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn trail_notification_channels(language: Language) -> Vec<NotificationChannel> {
    let texts = texts(language);
    let alerts =
        AlertKind::ALL
            .into_iter()
            .zip(texts.channels)
            .map(|(kind, (name, description))| NotificationChannel {
                id: kind.channel_id().to_string(),
                kind: Some(kind),
                name: name.to_string(),
                description: description.to_string(),
                priority: kind.priority(),
                vibration: kind.vibration(),
            });
    let (name, description) = texts.ongoing_channel;
    alerts
        .chain([NotificationChannel {
            id: ONGOING_CHANNEL_ID.to_string(),
            kind: None,
            name: name.to_string(),
            description: description.to_string(),
            priority: NotificationPriority::Low,
            vibration: VibrationPattern::None,
        }])
        .collect()
}

/// Writes the trail's notifications in one language and unit system.
#[derive(Clone, Copy, Debug)]
pub struct NotificationWriter {
    pub units: UnitSystem,
    pub language: Language,
    /// The hiker's clock, minutes from UTC, for arrival times.
    pub utc_offset_minutes: i32,
}

impl NotificationWriter {
    /// The notification of `gated`, an alert about the route `route_name`.
    pub fn alert(&self, gated: &GatedAlert, route_name: &str) -> TrailNotification {
        let (title, body) = self.alert_wording(&gated.alert, route_name);
        let kind = gated.alert.kind();
        TrailNotification {
            kind,
            tag: gated.alert.tag().name(),
            channel_id: kind.channel_id().to_string(),
            title: title.into_language(self.language),
            body: body.into_language(self.language),
            vibration: gated.vibration,
            priority: kind.priority(),
            at_ms: gated.at_ms,
        }
    }

    /// The title and body of `alert` in every language.
    pub fn alert_wording(&self, alert: &Alert, route: &str) -> (Wording, Wording) {
        let texts_in = |language| {
            let measures = MeasureFormatter::in_language(self.units, language);
            alert_texts(alert, route, texts(language), &measures)
        };
        (
            Wording::by_language(|language| texts_in(language).0),
            Wording::by_language(|language| texts_in(language).1),
        )
    }

    /// The ongoing notification of a follow of `following` (the route's name
    /// and the follower's state) and a recording in `recording` (the
    /// recorder's state and statistics); `None` when neither runs.
    pub fn ongoing(
        &self,
        following: Option<(&str, &FollowState)>,
        recording: Option<(RecorderState, Option<&TrackStats>)>,
    ) -> Option<OngoingNotification> {
        let recording = recording.filter(|(state, _)| *state != RecorderState::Idle);
        if following.is_none() && recording.is_none() {
            return None;
        }
        let t = texts(self.language);
        let m = MeasureFormatter::in_language(self.units, self.language);
        let recorded = |stats: Option<&TrackStats>| {
            stats.map_or_else(
                || t.ongoing_waiting.to_string(),
                |stats| {
                    fill(
                        t.ongoing_recorded,
                        &[
                            ("distance", &m.distance(stats.distance_2d_m)),
                            ("duration", &m.duration(stats.moving_s)),
                        ],
                    )
                },
            )
        };
        let (title, text) = match (following, recording) {
            (Some((route, state)), recording) => {
                let title = if recording.is_some() {
                    t.ongoing_following_recording
                } else {
                    t.ongoing_following
                };
                (
                    fill(title, &[("route", route)]),
                    self.progress(t, &m, state),
                )
            }
            (None, Some((state, stats))) => {
                let title = if state == RecorderState::Recording {
                    t.ongoing_recording
                } else {
                    t.ongoing_recording_paused
                };
                (title.to_string(), recorded(stats))
            }
            (None, None) => return None,
        };
        Some(OngoingNotification {
            channel_id: ONGOING_CHANNEL_ID.to_string(),
            title,
            text,
            stop_label: t.stop.to_string(),
        })
    }

    /// `4.2 km to go · arrival around 16:40`, or what the banner says first.
    fn progress(&self, t: &NotificationTexts, m: &MeasureFormatter, state: &FollowState) -> String {
        let left = m.distance(state.distance_remaining_m);
        match state.headline {
            FollowHeadline::Waiting => t.ongoing_waiting.to_string(),
            FollowHeadline::Arrived => t.ongoing_arrived.to_string(),
            FollowHeadline::OffRoute => fill(
                t.ongoing_off_route,
                &[
                    ("distance", &m.distance(state.distance_from_route_m)),
                    ("left", &left),
                ],
            ),
            FollowHeadline::OnRoute | FollowHeadline::WrongDirection => match state.arrival_at_ms {
                Some(at) => fill(
                    t.ongoing_left_arrival,
                    &[
                        ("left", &left),
                        ("time", &m.clock_time(at, self.utc_offset_minutes)),
                    ],
                ),
                None => fill(t.ongoing_left, &[("left", &left)]),
            },
        }
    }
}

/// The title and body of `alert` about `route`, in the language of `t` and `m`.
fn alert_texts(
    alert: &Alert,
    route: &str,
    t: &NotificationTexts,
    m: &MeasureFormatter,
) -> (String, String) {
    match alert {
        Alert::OffRoute { distance_m } => (
            fill(t.off_route_title, &[("distance", &m.distance(*distance_m))]),
            fill(t.off_route_body, &[("route", route)]),
        ),
        Alert::BackOnRoute { distance_left_m } => (
            t.back_on_route_title.to_string(),
            fill(
                t.back_on_route_body,
                &[("route", route), ("left", &m.distance(*distance_left_m))],
            ),
        ),
        Alert::WrongDirection => (
            t.wrong_direction_title.to_string(),
            fill(t.wrong_direction_body, &[("route", route)]),
        ),
        Alert::SensitiveArea { notice } => {
            let months = m.months(notice.months.clone());
            let body = if notice.rules.is_empty() {
                fill(t.sensitive_body_advice, &[("months", &months)])
            } else {
                fill(
                    t.sensitive_body_rules,
                    &[("months", &months), ("rules", &notice.rules.join(" ; "))],
                )
            };
            (fill(t.sensitive_title, &[("name", &notice.name)]), body)
        }
        Alert::PointAhead {
            kind,
            name,
            distance_m,
        } => {
            let (title, body) = match kind {
                RoutePointKind::Poi => (t.poi_title, t.poi_body),
                RoutePointKind::Signage => (t.signage_title, t.signage_body),
                RoutePointKind::InformationDesk => (t.desk_title, t.desk_body),
                RoutePointKind::Waypoint => (t.waypoint_title, t.waypoint_body),
            };
            let distance = m.distance(*distance_m);
            (
                fill(title, &[("name", name), ("distance", &distance)]),
                fill(body, &[("route", route)]),
            )
        }
        Alert::Arrival {
            length_m,
            duration_s,
        } => {
            let length = m.distance(*length_m);
            let body = match duration_s {
                Some(seconds) => fill(
                    t.arrival_body_timed,
                    &[("length", &length), ("duration", &m.duration(*seconds))],
                ),
                None => fill(t.arrival_body, &[("length", &length)]),
            };
            (fill(t.arrival_title, &[("route", route)]), body)
        }
    }
}
