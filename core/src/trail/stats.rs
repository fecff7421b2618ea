//! Live statistics of a recording, folded one stored point at a time, so the
//! figures shown during the hike and those recomputed from the store after a
//! crash are the same computation over the same points.

use crate::trail::TrackPoint;
use crate::trail::elevation::ElevationGain;
use crate::trail::geodesy::haversine_m;

/// Below this speed between two points the hiker is standing, m/s.
const MOVING_SPEED_MPS: f64 = 0.2;

/// Top speed is measured over at least this long, seconds, so one wobbly
/// pair of fixes does not make a record.
const MAX_SPEED_WINDOW_S: f64 = 10.0;

/// Figures of a track, recorded or imported.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TrackStats {
    pub point_count: u64,
    pub segment_count: u32,
    /// Horizontal distance walked, metres (gaps between segments excluded).
    pub distance_2d_m: f64,
    /// Distance including the vertical component, metres.
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

/// Folds track points into [`TrackStats`].
#[derive(Clone, Debug, Default)]
pub struct StatsAccumulator {
    stats: TrackStats,
    last: Option<TrackPoint>,
    /// Horizontal distance along the profile, gaps included, for slopes.
    profile_distance_m: f64,
    /// `(time ms, distance walked)` of the current segment's recent points.
    speed_window: std::collections::VecDeque<(i64, f64)>,
    elevation: ElevationGain,
}

impl StatsAccumulator {
    pub fn new() -> StatsAccumulator {
        StatsAccumulator::default()
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
        let stats = &mut self.stats;
        let fix = &point.fix;
        let time = fix.timestamp_ms.unwrap_or_default();
        stats.point_count += 1;
        stats.started_ms.get_or_insert(time);
        stats.ended_ms = Some(time);
        match &self.last {
            Some(last) => {
                let horizontal = haversine_m(
                    last.fix.latitude,
                    last.fix.longitude,
                    fix.latitude,
                    fix.longitude,
                );
                self.profile_distance_m += horizontal;
                if last.segment == point.segment {
                    let seconds =
                        (time - last.fix.timestamp_ms.unwrap_or_default()) as f64 / 1000.0;
                    let vertical = match (last.fix.altitude, fix.altitude) {
                        (Some(from), Some(to)) => to - from,
                        _ => 0.0,
                    };
                    stats.distance_2d_m += horizontal;
                    stats.distance_3d_m += horizontal.hypot(vertical);
                    if seconds > 0.0 && horizontal / seconds >= MOVING_SPEED_MPS {
                        stats.moving_s += seconds;
                    }
                } else {
                    stats.segment_count += 1;
                    self.speed_window.clear();
                }
            }
            None => stats.segment_count = 1,
        }
        self.speed_window.push_back((time, stats.distance_2d_m));
        while let (Some(&(first_time, first_distance)), Some(&(second_time, _))) =
            (self.speed_window.front(), self.speed_window.get(1))
        {
            let span_s = (time - first_time) as f64 / 1000.0;
            if span_s < MAX_SPEED_WINDOW_S {
                break;
            }
            stats.max_speed_mps = stats
                .max_speed_mps
                .max((stats.distance_2d_m - first_distance) / span_s);
            if (time - second_time) as f64 / 1000.0 < MAX_SPEED_WINDOW_S {
                break;
            }
            self.speed_window.pop_front();
        }
        if let Some(altitude) = fix.altitude {
            stats.min_elevation_m =
                Some(stats.min_elevation_m.map_or(altitude, |m| m.min(altitude)));
            stats.max_elevation_m =
                Some(stats.max_elevation_m.map_or(altitude, |m| m.max(altitude)));
            self.elevation.push(self.profile_distance_m, altitude);
        }
        self.last = Some(point.clone());
    }

    /// The statistics so far.
    pub fn stats(&self) -> TrackStats {
        let mut stats = self.stats.clone();
        let gain = self.elevation.gain();
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
            point(4, 1, 600.0, 1000.0, 1050),
        ];
        let stats = StatsAccumulator::of(&points);
        assert_eq!(stats.point_count, 5);
        assert_eq!(stats.segment_count, 2);
        assert!((stats.distance_2d_m - 200.0).abs() < 0.1, "{stats:?}");
        assert_eq!(stats.elapsed_s, 1050.0);
        assert_eq!(stats.moving_s, 150.0);
        assert!((stats.max_speed_mps - 2.0).abs() < 0.01, "{stats:?}");
        assert!((stats.average_speed_mps - 200.0 / 150.0).abs() < 0.01);
        assert_eq!(stats.min_elevation_m, Some(1000.0));
    }
}
