//! How often and how precisely the phone is asked for fixes, chosen from the
//! situation so a day's hike fits in a battery: fast while off the trek
//! (finding the way back, noticing the return at once), slower on it, slow
//! while the hiker stands still, none when neither following nor
//! recording. Each platform applies the [`LocationRequest`] to its own
//! location API (Android's `LocationRequestCompat`, iOS's
//! `CLLocationManager`); the figures of every mode are in
//! [`BatteryMode::ALL`]'s requests.

use crate::trail::{Fix, FollowHeadline, RecorderState};

/// The situations the fix rate is chosen for, most demanding first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum BatteryMode {
    /// Following, off the trek or the wrong way: every second.
    OffRoute,
    /// Recording a track (and following it, if so): a detailed track.
    Recording,
    /// Following, on the trek: enough to notice a detour within seconds.
    FollowingOnRoute,
    /// Standing still (a break, a summit): enough to notice the walk resumes.
    Stopped,
}

/// How precise fixes must be.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum LocationAccuracy {
    /// Satellite fixes, a few metres (Android `QUALITY_HIGH_ACCURACY`,
    /// iOS `kCLLocationAccuracyBest`).
    High,
    /// Tens of metres, letting the receiver rest (Android
    /// `QUALITY_BALANCED_POWER_ACCURACY`, iOS `kCLLocationAccuracyNearestTenMeters`).
    Balanced,
}

/// What the platform's location request asks for.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct LocationRequest {
    pub mode: BatteryMode,
    /// Time between fixes, milliseconds.
    pub interval_ms: u64,
    /// No fix until the phone moved this far, metres (0: every interval).
    pub min_distance_m: f64,
    pub accuracy: LocationAccuracy,
    /// The most fixes an hour this asks for: the battery's budget.
    pub fixes_per_hour: u32,
}

impl BatteryMode {
    pub const ALL: [BatteryMode; 4] = [
        BatteryMode::OffRoute,
        BatteryMode::Recording,
        BatteryMode::FollowingOnRoute,
        BatteryMode::Stopped,
    ];

    /// The location request of this mode.
    pub fn request(self) -> LocationRequest {
        let (interval_s, min_distance_m, accuracy) = match self {
            BatteryMode::OffRoute => (1, 0.0, LocationAccuracy::High),
            BatteryMode::Recording => (2, 0.0, LocationAccuracy::High),
            BatteryMode::FollowingOnRoute => (4, 0.0, LocationAccuracy::High),
            BatteryMode::Stopped => (20, 10.0, LocationAccuracy::Balanced),
        };
        LocationRequest {
            mode: self,
            interval_ms: interval_s * 1000,
            min_distance_m,
            accuracy,
            fixes_per_hour: (3600 / interval_s) as u32,
        }
    }

    /// The mode for a follow whose banner says `following` (`None`: not
    /// following) and a recorder in `recording`, with the hiker `still`;
    /// `None` when neither follows nor records.
    pub fn choose(
        following: Option<FollowHeadline>,
        recording: RecorderState,
        still: bool,
    ) -> Option<BatteryMode> {
        let recording_on = matches!(
            recording,
            RecorderState::Recording | RecorderState::AutoPaused
        );
        if following.is_none() && !recording_on {
            return None;
        }
        let lost = matches!(
            following,
            Some(FollowHeadline::OffRoute | FollowHeadline::WrongDirection)
        );
        Some(if lost {
            BatteryMode::OffRoute
        } else if still || recording == RecorderState::AutoPaused {
            BatteryMode::Stopped
        } else if recording_on {
            BatteryMode::Recording
        } else {
            BatteryMode::FollowingOnRoute
        })
    }
}

/// The location request of every battery mode, most demanding first, for
/// the settings' battery page and the README.
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn battery_modes() -> Vec<LocationRequest> {
    BatteryMode::ALL.map(BatteryMode::request).to_vec()
}

/// The location request of a recording in `recording` alone, without a
/// follow (`None`: no track open): what a platform applies while the
/// recording screen's recorder, not a [`crate::trail::session::TrailSession`],
/// takes the fixes.
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn recording_location_request(recording: RecorderState) -> Option<LocationRequest> {
    BatteryMode::choose(None, recording, false).map(BatteryMode::request)
}

/// Still after standing this long within [`STILL_RADIUS_M`], seconds.
pub const STILL_AFTER_S: f64 = 120.0;

/// Standing still: every fix within this of where the hiker stopped (or
/// within the fix's accuracy, when vaguer), metres.
pub const STILL_RADIUS_M: f64 = 15.0;

/// Tells a hiker standing still from one walking, on the fixes.
#[derive(Clone, Debug, Default)]
pub struct Stillness {
    /// Where and since when the hiker has stood: `(latitude, longitude, since_ms)`.
    anchor: Option<(f64, f64, i64)>,
    still: bool,
}

impl Stillness {
    /// Takes a fix (with a time); returns whether the hiker is still.
    pub fn push(&mut self, fix: &Fix) -> bool {
        let Some(time_ms) = fix.timestamp_ms.filter(|_| fix.is_valid()) else {
            return self.still;
        };
        let radius = fix.horizontal_accuracy.unwrap_or(0.0).max(STILL_RADIUS_M);
        match self.anchor {
            Some((latitude, longitude, since_ms))
                if crate::geodesy::haversine_m(
                    (longitude, latitude),
                    (fix.longitude, fix.latitude),
                ) <= radius =>
            {
                self.still = (time_ms - since_ms) as f64 / 1000.0 >= STILL_AFTER_S;
            }
            _ => {
                self.anchor = Some((fix.latitude, fix.longitude, time_ms));
                self.still = false;
            }
        }
        self.still
    }

    pub fn is_still(&self) -> bool {
        self.still
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_mode_asks_for_fewer_fixes_than_the_one_before() {
        let requests = battery_modes();
        assert_eq!(
            requests
                .iter()
                .map(|request| request.fixes_per_hour)
                .collect::<Vec<_>>(),
            [3600, 1800, 900, 180]
        );
        assert!(
            requests
                .iter()
                .all(|request| request.fixes_per_hour as u64 * request.interval_ms == 3_600_000)
        );
    }

    #[test]
    fn a_recording_alone_asks_for_a_detailed_track_and_rests_when_paused_by_the_recorder() {
        let mode = |state| recording_location_request(state).map(|request| request.mode);
        assert_eq!(mode(RecorderState::Recording), Some(BatteryMode::Recording));
        assert_eq!(mode(RecorderState::AutoPaused), Some(BatteryMode::Stopped));
        assert_eq!(mode(RecorderState::Paused), None);
        assert_eq!(mode(RecorderState::Idle), None);
    }

    #[test]
    fn the_situation_picks_the_mode() {
        use FollowHeadline::*;
        let idle = RecorderState::Idle;
        assert_eq!(BatteryMode::choose(None, idle, false), None);
        assert_eq!(
            BatteryMode::choose(None, RecorderState::Paused, false),
            None
        );
        assert_eq!(
            BatteryMode::choose(Some(OnRoute), idle, false),
            Some(BatteryMode::FollowingOnRoute)
        );
        assert_eq!(
            BatteryMode::choose(Some(Waiting), RecorderState::Recording, false),
            Some(BatteryMode::Recording)
        );
        assert_eq!(
            BatteryMode::choose(Some(OnRoute), idle, true),
            Some(BatteryMode::Stopped)
        );
        assert_eq!(
            BatteryMode::choose(None, RecorderState::AutoPaused, false),
            Some(BatteryMode::Stopped)
        );
        for lost in [OffRoute, WrongDirection] {
            assert_eq!(
                BatteryMode::choose(Some(lost), RecorderState::Recording, true),
                Some(BatteryMode::OffRoute)
            );
        }
    }

    #[test]
    fn standing_two_minutes_is_still_and_walking_off_is_not() {
        let mut stillness = Stillness::default();
        let fix = |north_m: f64, seconds: i64| {
            Fix::at(45.0 + north_m / 111_195.0, 6.0, None, seconds * 1000)
        };
        for second in (0..=110).step_by(10) {
            assert!(!stillness.push(&fix(f64::from(second as i32 % 3), second)));
        }
        assert!(stillness.push(&fix(5.0, 125)));
        assert!(!stillness.push(&fix(40.0, 130)), "walking off");
        assert!(!stillness.is_still());
    }
}
