//! Live statistics of a recording, folded one stored point at a time, so the
//! figures shown during the hike and those recomputed from the store after a
//! crash are the same computation over the same points.
//!
//! Distance, moving time and top speed are measured on the
//! [`estimator`](crate::trail::estimator)'s smoothed path, not on the raw
//! fixes, whose jitter adds a fifth to a walk (top speed over a minute, and
//! only where the estimate did not leap: see [`PathStep::steady`]); ascent and descent come from
//! the barometer when every point has it, else from the GPS altitudes, both
//! through [`elevation`](crate::trail::elevation).

use std::collections::VecDeque;

use crate::geodesy::haversine_m;
use crate::trail::TrackPoint;
use crate::trail::elevation::{ElevationGain, ElevationTuning};
use crate::trail::estimator::{PathStep, TrackEstimator};

/// Top speed is the pace held over at least this long, seconds: the
/// smoothed path still wanders a few metres, which over 10 s (one or two
/// stored points) doubles a walker's speed and over a minute adds a fifth
/// (tuned on the `trail_accuracy` benchmark). A hiker's top pace is held
/// for minutes, so a minute loses little of it.
const MAX_SPEED_WINDOW_S: f64 = 60.0;

/// GPS swings smaller than this share of the fixes' vertical accuracy are
/// noise: their error drifts over minutes, so the smoothing leaves half of
/// it, and a swing is counted once it is beyond three times that (tuned on
/// the `trail_accuracy` benchmark).
const THRESHOLD_PER_VERTICAL_ACCURACY: f64 = 1.5;

/// Figures of a track, recorded or imported.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TrackStats {
    pub point_count: u64,
    pub segment_count: u32,
    /// Horizontal distance walked, metres (gaps between segments excluded).
    pub distance_2d_m: f64,
    /// Distance including the vertical component, metres (steady slopes
    /// between the counted climbs and descents).
    pub distance_3d_m: f64,
    /// From the first point to the last, pauses included, seconds.
    pub elapsed_s: f64,
    /// Time spent moving, seconds.
    pub moving_s: f64,
    /// Noise-suppressed ascent and descent, metres (both positive).
    pub ascent_m: f64,
    pub descent_m: f64,
    pub min_elevation_m: Option<f64>,
    pub max_elevation_m: Option<f64>,
    /// Horizontal distance over moving time, m/s.
    pub average_speed_mps: f64,
    pub max_speed_mps: f64,
    /// Time of the first and last points, ms since the epoch.
    pub started_ms: Option<i64>,
    pub ended_ms: Option<i64>,
}

/// The figures of the estimated path's final steps: distance, moving time
/// and top speed over [`MAX_SPEED_WINDOW_S`].
#[derive(Clone, Debug, Default)]
struct PathFigures {
    distance_m: f64,
    moving_s: f64,
    max_speed_mps: f64,
    /// `(time ms, distance)` of the current segment's recent steps.
    speed_window: VecDeque<(i64, f64)>,
}

impl PathFigures {
    fn push(&mut self, step: &PathStep) {
        self.distance_m += step.distance_m;
        if step.moving {
            self.moving_s += step.seconds;
        }
        if !step.steady {
            // The estimate may have leapt: top speed starts over after it.
            self.speed_window.clear();
            return;
        }
        let time = step.time_ms;
        if self.speed_window.is_empty() {
            let start = time - (step.seconds * 1000.0).round() as i64;
            self.speed_window
                .push_back((start, self.distance_m - step.distance_m));
        }
        self.speed_window.push_back((time, self.distance_m));
        while let (Some(&(first_time, first_distance)), Some(&(second_time, _))) =
            (self.speed_window.front(), self.speed_window.get(1))
        {
            let span_s = (time - first_time) as f64 / 1000.0;
            if span_s < MAX_SPEED_WINDOW_S {
                break;
            }
            self.max_speed_mps = self
                .max_speed_mps
                .max((self.distance_m - first_distance) / span_s);
            if (time - second_time) as f64 / 1000.0 < MAX_SPEED_WINDOW_S {
                break;
            }
            self.speed_window.pop_front();
        }
    }

    /// A new segment: top speed is not measured across the gap.
    fn end_segment(&mut self) {
        self.speed_window.clear();
    }
}

/// Folds track points into [`TrackStats`].
#[derive(Clone, Debug, Default)]
pub struct StatsAccumulator {
    stats: TrackStats,
    last: Option<TrackPoint>,
    estimator: TrackEstimator,
    /// Figures of the final steps of the estimated path.
    path: PathFigures,
    /// The distance shown so far: it never goes back when the smoothing of
    /// the last points is revised.
    shown_distance_m: f64,
    /// Horizontal distance along the raw profile, gaps included, for slopes.
    profile_distance_m: f64,
    elevation: ElevationGain,
    barometric: ElevationGain,
    altitude_samples: u64,
    barometric_samples: u64,
}

impl StatsAccumulator {
    pub fn new() -> StatsAccumulator {
        StatsAccumulator {
            elevation: ElevationGain::new(ElevationTuning::GPS),
            barometric: ElevationGain::new(ElevationTuning::BAROMETER),
            ..StatsAccumulator::default()
        }
    }

    /// The statistics of `points`, in order.
    pub fn of<'a>(points: impl IntoIterator<Item = &'a TrackPoint>) -> TrackStats {
        let mut accumulator = StatsAccumulator::new();
        for point in points {
            accumulator.push(point);
        }
        accumulator.stats()
    }

    /// Adds the next point of the track.
    pub fn push(&mut self, point: &TrackPoint) {
        let fix = &point.fix;
        let time = fix.timestamp_ms.unwrap_or_default();
        self.stats.point_count += 1;
        self.stats.started_ms.get_or_insert(time);
        self.stats.ended_ms = Some(time);
        match &self.last {
            Some(last) => {
                self.profile_distance_m += haversine_m(
                    (last.fix.longitude, last.fix.latitude),
                    (fix.longitude, fix.latitude),
                );
                if last.segment != point.segment {
                    self.stats.segment_count += 1;
                    for step in self.estimator.end_segment() {
                        self.path.push(&step);
                    }
                    self.path.end_segment();
                }
            }
            None => self.stats.segment_count = 1,
        }
        for step in self.estimator.push(fix) {
            self.path.push(&step);
        }
        self.shown_distance_m = self
            .shown_distance_m
            .max(self.with_provisional().distance_m);
        if let Some(altitude) = fix.altitude {
            let stats = &mut self.stats;
            stats.min_elevation_m =
                Some(stats.min_elevation_m.map_or(altitude, |m| m.min(altitude)));
            stats.max_elevation_m =
                Some(stats.max_elevation_m.map_or(altitude, |m| m.max(altitude)));
            if let Some(vertical) = fix.vertical_accuracy {
                self.elevation
                    .raise_threshold(vertical * THRESHOLD_PER_VERTICAL_ACCURACY);
            }
            self.elevation.push(self.profile_distance_m, altitude);
            self.altitude_samples += 1;
        }
        if let Some(altitude) = fix.barometric_altitude {
            self.barometric.push(self.profile_distance_m, altitude);
            self.barometric_samples += 1;
        }
        self.last = Some(point.clone());
    }

    /// The statistics so far.
    pub fn stats(&self) -> TrackStats {
        let mut stats = self.stats.clone();
        let path = self.with_provisional();
        let gain =
            if self.barometric_samples > 0 && self.barometric_samples >= self.altitude_samples {
                self.barometric.gain()
            } else {
                self.elevation.gain()
            };
        stats.distance_2d_m = self.shown_distance_m;
        stats.distance_3d_m = stats.distance_2d_m.hypot(gain.ascent + gain.descent);
        stats.moving_s = path.moving_s;
        stats.max_speed_mps = path.max_speed_mps;
        stats.ascent_m = gain.ascent;
        stats.descent_m = gain.descent;
        stats.elapsed_s = match (stats.started_ms, stats.ended_ms) {
            (Some(start), Some(end)) => (end - start) as f64 / 1000.0,
            _ => 0.0,
        };
        stats.average_speed_mps = if stats.moving_s > 0.0 {
            stats.distance_2d_m / stats.moving_s
        } else {
            0.0
        };
        stats
    }

    /// The last point pushed.
    pub fn last_point(&self) -> Option<&TrackPoint> {
        self.last.as_ref()
    }

    /// The path's figures with the steps not final yet, as smoothed so far.
    fn with_provisional(&self) -> PathFigures {
        let mut path = self.path.clone();
        for step in self.estimator.provisional_steps() {
            path.push(&step);
        }
        path
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trail::Fix;

    fn point(sequence: u64, segment: u32, north_m: f64, ele: f64, seconds: i64) -> TrackPoint {
        TrackPoint {
            sequence,
            segment,
            fix: Fix::at(44.8 + north_m / 111_195.0, 6.3, Some(ele), seconds * 1000),
        }
    }

    #[test]
    fn distances_times_and_speeds_over_two_segments() {
        let points = [
            point(0, 0, 0.0, 1000.0, 0),
            point(1, 0, 100.0, 1000.0, 100),
            point(2, 0, 100.0 + 1e-3, 1000.0, 400),
            point(3, 1, 500.0, 1000.0, 1000),
            point(4, 1, 620.0, 1000.0, 1060),
        ];
        let stats = StatsAccumulator::of(&points);
        assert_eq!(stats.point_count, 5);
        assert_eq!(stats.segment_count, 2);
        // 100 m then 120 m; the 300 s standing and the gap between
        // segments are not walked.
        assert!((stats.distance_2d_m - 220.0).abs() < 2.0, "{stats:?}");
        assert_eq!(stats.elapsed_s, 1060.0);
        assert_eq!(stats.moving_s, 160.0);
        assert!((stats.max_speed_mps - 2.0).abs() < 0.05, "{stats:?}");
        assert!((stats.average_speed_mps - 220.0 / 160.0).abs() < 0.02);
        assert_eq!(stats.min_elevation_m, Some(1000.0));
    }

    #[test]
    fn a_long_jump_of_the_fixes_does_not_make_a_top_speed() {
        // Twenty minutes north at 1.2 m/s, a point every 5 s wobbling a few
        // metres; for 100 s the fixes are 300 m east, long enough that the
        // estimate gives up refusing them and restarts there, then back.
        const SPEED_MPS: f64 = 1.2;
        let points: Vec<TrackPoint> = (0..240u64)
            .map(|i| {
                let seconds = i as i64 * 5;
                let wobble = 3.0 * (i as f64 * 1.7).sin();
                let east_m = if (100..120).contains(&i) {
                    300.0
                } else {
                    wobble
                };
                let north_m = seconds as f64 * SPEED_MPS + wobble;
                TrackPoint {
                    sequence: i,
                    segment: 0,
                    fix: Fix {
                        horizontal_accuracy: Some(8.0),
                        ..Fix::at(
                            44.8 + north_m / 111_195.0,
                            6.3 + east_m / (111_195.0 * 44.8f64.to_radians().cos()),
                            None,
                            seconds * 1000,
                        )
                    },
                }
            })
            .collect();
        let stats = StatsAccumulator::of(&points);
        assert!(
            stats.max_speed_mps <= 1.5 * SPEED_MPS && stats.max_speed_mps >= SPEED_MPS * 0.8,
            "{stats:?}"
        );
    }
}
