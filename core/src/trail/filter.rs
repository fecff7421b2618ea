//! Which fixes become track points. Thresholds follow OsmAnd
//! (`SavingTrackHelper`) and Organic Maps (`map/gps_track_filter.cpp`):
//! accuracy limit, minimum spacing, physically possible speed and
//! acceleration, strictly increasing time. Rejections carry a reason and are
//! counted by the recorder, never stored as points.

use crate::geodesy::haversine_m;
use crate::trail::Fix;

/// Why a fix was not recorded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum RejectReason {
    /// NaN, infinite or out-of-range values.
    InvalidValue,
    /// Horizontal accuracy worse than the configured limit.
    PoorAccuracy,
    /// Timestamp earlier than (or equal to) the last recorded one.
    TimeWentBackwards,
    /// Same time and position as the last recorded fix.
    Duplicate,
    /// Closer than the minimum spacing to the last recorded point.
    TooClose,
    /// Reaching it would need an impossible speed.
    ImpossibleSpeed,
    /// Reaching it would need an impossible acceleration.
    ImpossibleAcceleration,
}

impl RejectReason {
    /// Every reason, in the order the checks run.
    pub const ALL: [RejectReason; 7] = [
        RejectReason::InvalidValue,
        RejectReason::PoorAccuracy,
        RejectReason::TimeWentBackwards,
        RejectReason::Duplicate,
        RejectReason::TooClose,
        RejectReason::ImpossibleSpeed,
        RejectReason::ImpossibleAcceleration,
    ];

    /// A stable name for storage and `--json` output.
    pub fn as_str(self) -> &'static str {
        match self {
            RejectReason::InvalidValue => "invalid_value",
            RejectReason::PoorAccuracy => "poor_accuracy",
            RejectReason::TimeWentBackwards => "time_went_backwards",
            RejectReason::Duplicate => "duplicate",
            RejectReason::TooClose => "too_close",
            RejectReason::ImpossibleSpeed => "impossible_speed",
            RejectReason::ImpossibleAcceleration => "impossible_acceleration",
        }
    }

    /// The reason stored under `name` by [`RejectReason::as_str`].
    pub fn from_name(name: &str) -> Option<RejectReason> {
        RejectReason::ALL
            .into_iter()
            .find(|reason| reason.as_str() == name)
    }
}

/// The filter's thresholds.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct FilterConfig {
    /// Fixes with a worse horizontal accuracy are rejected (OsmAnd: 50 m).
    pub max_accuracy_m: f64,
    /// Fixes closer than this to the last point are rejected; the spacing is
    /// at least the fix's accuracy, so GPS wobble does not zigzag the track
    /// (and lengthen it).
    pub min_distance_m: f64,
    /// Top plausible speed, m/s: 54 km/h covers a mountain bike downhill or a
    /// cable car; a jump of a few hundred metres between two fixes does not pass.
    pub max_speed_mps: f64,
    /// Top plausible acceleration beyond the fixes' accuracy, m/s² (Organic Maps: 2).
    pub max_acceleration_mps2: f64,
}

impl Default for FilterConfig {
    fn default() -> Self {
        FilterConfig {
            max_accuracy_m: 50.0,
            min_distance_m: 5.0,
            max_speed_mps: 15.0,
            max_acceleration_mps2: 3.0,
        }
    }
}

/// Acceleration is only judged between fixes this close in time, seconds: over
/// longer spans the speed check alone is meaningful.
const ACCELERATION_WINDOW_S: f64 = 10.0;

/// The last accepted fix, as far as the motion checks need it.
#[derive(Clone, Copy, Debug)]
struct Anchor {
    latitude: f64,
    longitude: f64,
    accuracy_m: f64,
    timestamp_ms: i64,
    /// Speed beyond accuracy from the anchor before, when in the same segment.
    speed_mps: Option<f64>,
}

/// Judges fixes against the last accepted one. The checks are split in two so
/// the recorder can see a fix's quality before deciding about auto-pause.
#[derive(Clone, Debug)]
pub struct FixFilter {
    config: FilterConfig,
    last_time_ms: Option<i64>,
    anchor: Option<Anchor>,
}

impl FixFilter {
    pub fn new(config: FilterConfig) -> FixFilter {
        FixFilter {
            config,
            last_time_ms: None,
            anchor: None,
        }
    }

    pub fn config(&self) -> &FilterConfig {
        &self.config
    }

    /// Values, accuracy and time order: what makes a fix unusable at all.
    /// `fix` must carry a timestamp (see [`Fix::stamped`]).
    pub fn check_quality(&self, fix: &Fix) -> Result<(), RejectReason> {
        if !fix.is_valid() {
            return Err(RejectReason::InvalidValue);
        }
        if fix
            .horizontal_accuracy
            .is_some_and(|accuracy| accuracy > self.config.max_accuracy_m)
        {
            return Err(RejectReason::PoorAccuracy);
        }
        let time = fix.timestamp_ms.unwrap_or(i64::MIN);
        match self.last_time_ms {
            Some(last) if time <= last => {
                let same_place = self.anchor.is_some_and(|anchor| {
                    anchor.latitude == fix.latitude && anchor.longitude == fix.longitude
                });
                if time == last && same_place {
                    Err(RejectReason::Duplicate)
                } else {
                    Err(RejectReason::TimeWentBackwards)
                }
            }
            _ => Ok(()),
        }
    }

    /// Spacing, speed and acceleration against the last accepted fix.
    pub fn check_motion(&self, fix: &Fix) -> Result<(), RejectReason> {
        let Some(anchor) = self.anchor else {
            return Ok(());
        };
        let distance = haversine_m(
            (anchor.longitude, anchor.latitude),
            (fix.longitude, fix.latitude),
        );
        let spacing = self
            .config
            .min_distance_m
            .max(fix.horizontal_accuracy.unwrap_or(0.0));
        if distance < spacing {
            return Err(RejectReason::TooClose);
        }
        let speed = self.speed_beyond_accuracy(&anchor, fix, distance);
        if speed > self.config.max_speed_mps {
            return Err(RejectReason::ImpossibleSpeed);
        }
        let seconds = elapsed_s(anchor.timestamp_ms, fix);
        if let Some(previous) = anchor.speed_mps
            && seconds <= ACCELERATION_WINDOW_S
            && (speed - previous) / seconds > self.config.max_acceleration_mps2
        {
            return Err(RejectReason::ImpossibleAcceleration);
        }
        Ok(())
    }

    /// Both checks, in order.
    pub fn check(&self, fix: &Fix) -> Result<(), RejectReason> {
        self.check_quality(fix)?;
        self.check_motion(fix)
    }

    /// Records `fix` as accepted: later fixes are judged against it.
    pub fn accept(&mut self, fix: &Fix) {
        let speed_mps = self.anchor.map(|anchor| {
            let distance = haversine_m(
                (anchor.longitude, anchor.latitude),
                (fix.longitude, fix.latitude),
            );
            self.speed_beyond_accuracy(&anchor, fix, distance)
        });
        self.last_time_ms = fix.timestamp_ms;
        self.anchor = Some(Anchor {
            latitude: fix.latitude,
            longitude: fix.longitude,
            accuracy_m: fix.horizontal_accuracy.unwrap_or(0.0),
            timestamp_ms: fix.timestamp_ms.unwrap_or(i64::MIN),
            speed_mps,
        });
    }

    /// Starts a new segment: time must still go forward, but spacing and motion
    /// are no longer judged against the previous segment's last point.
    pub fn begin_segment(&mut self) {
        self.anchor = None;
    }

    /// Speed needed to cover the part of `distance` not explained by the two
    /// fixes' accuracies, so GPS wobble never reads as motion.
    fn speed_beyond_accuracy(&self, anchor: &Anchor, fix: &Fix, distance: f64) -> f64 {
        let slack = anchor.accuracy_m + fix.horizontal_accuracy.unwrap_or(0.0);
        (distance - slack).max(0.0) / elapsed_s(anchor.timestamp_ms, fix)
    }
}

/// Seconds from `from_ms` to the fix, at least a millisecond.
fn elapsed_s(from_ms: i64, fix: &Fix) -> f64 {
    let to = fix.timestamp_ms.unwrap_or(from_ms);
    (to.saturating_sub(from_ms)).max(1) as f64 / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// About 1.1 m of latitude per 1e-5 degree.
    fn fix(north_m: f64, seconds: i64, accuracy: f64) -> Fix {
        Fix {
            horizontal_accuracy: Some(accuracy),
            ..Fix::at(44.8 + north_m / 111_195.0, 6.3, None, seconds * 1000)
        }
    }

    fn accepted(filter: &mut FixFilter, fix: Fix) {
        assert_eq!(filter.check(&fix), Ok(()), "{fix:?}");
        filter.accept(&fix);
    }

    #[test]
    fn each_rule_has_its_reason() {
        let mut filter = FixFilter::new(FilterConfig::default());
        accepted(&mut filter, fix(0.0, 0, 5.0));
        accepted(&mut filter, fix(6.0, 5, 5.0));
        let cases = [
            (fix(f64::NAN, 10, 5.0), RejectReason::InvalidValue),
            (fix(20.0, 10, 80.0), RejectReason::PoorAccuracy),
            (fix(20.0, 4, 5.0), RejectReason::TimeWentBackwards),
            (fix(6.0, 5, 5.0), RejectReason::Duplicate),
            (fix(7.0, 10, 5.0), RejectReason::TooClose),
            (fix(5_000.0, 10, 5.0), RejectReason::ImpossibleSpeed),
            (fix(35.0, 7, 5.0), RejectReason::ImpossibleAcceleration),
        ];
        for (candidate, reason) in cases {
            assert_eq!(filter.check(&candidate), Err(reason), "{candidate:?}");
        }
        accepted(&mut filter, fix(12.0, 10, 5.0));
    }

    #[test]
    fn a_new_segment_forgets_the_motion_anchor_but_not_the_time() {
        let mut filter = FixFilter::new(FilterConfig::default());
        accepted(&mut filter, fix(0.0, 0, 5.0));
        filter.begin_segment();
        assert_eq!(filter.check(&fix(1.0, 1, 5.0)), Ok(()));
        assert_eq!(
            filter.check(&fix(1.0, 0, 5.0)),
            Err(RejectReason::TimeWentBackwards)
        );
    }

    #[test]
    fn reason_names_round_trip() {
        for reason in RejectReason::ALL {
            assert_eq!(RejectReason::from_name(reason.as_str()), Some(reason));
        }
    }
}
