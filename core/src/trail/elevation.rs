//! Ascent and descent from noisy altitudes, without counting the jitter.
//!
//! Follows OsmAnd (`ElevationDiffsCalculator`): first drop spikes, samples steeper than 70 %
//! against both neighbours in opposite directions; then smooth the altitudes
//! over a distance window (OsmAnd's `ElevationApproximator` does the same);
//! then count only the swings between local extremes that exceed a threshold.
//! The window and threshold depend on the source ([`ElevationTuning`]): GPS
//! altitudes wander by metres over minutes, a barometer's changes are exact
//! to a metre. Unlike OsmAnd's batch pass this runs incrementally, one sample
//! at a time, so the live statistics of a six-hour recording cost O(window) per
//! fix, and replaying the stored samples gives exactly the same figures.

/// A sample steeper than this against both neighbours, in opposite directions,
/// is a spike (OsmAnd: 70 %).
pub const SPIKE_SLOPE: f64 = 0.7;

/// How altitudes of one source are smoothed and counted.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ElevationTuning {
    /// Altitudes are averaged over this horizontal distance, centred, metres.
    pub smoothing_window_m: f64,
    /// Swings smaller than this between two extremes are noise, metres.
    pub hysteresis_m: f64,
}

impl ElevationTuning {
    /// GPS altitudes (a few metres of error drifting over minutes): tuned on
    /// the `trail_accuracy` benchmark's walks (OsmAnd: 7 m without smoothing).
    pub const GPS: ElevationTuning = ElevationTuning {
        smoothing_window_m: 100.0,
        hysteresis_m: 7.0,
    };

    /// A barometer's altitudes: precise changes, a level that drifts slowly.
    pub const BAROMETER: ElevationTuning = ElevationTuning {
        smoothing_window_m: 10.0,
        hysteresis_m: 1.0,
    };

    /// A trek's own profile (from a DEM): exact but for the vertices' rounding.
    pub const PROFILE: ElevationTuning = ElevationTuning {
        smoothing_window_m: 100.0,
        hysteresis_m: 7.0,
    };
}

/// Horizontal distance under which slopes are measured over this many metres
/// instead, so that a stationary hiker's altitude wobble is not a spike.
const MIN_SLOPE_RUN_M: f64 = 1.0;

/// Cumulated ascent and descent, metres (both positive).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Gain {
    pub ascent: f64,
    pub descent: f64,
}

#[derive(Clone, Copy, Debug, PartialEq)]
struct Sample {
    distance_m: f64,
    elevation_m: f64,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Trend {
    /// Not yet moved more than the threshold: the lowest and highest seen.
    Undecided { low: f64, high: f64 },
    /// Climbing since `from` (the last low); `peak` is the highest since.
    Rising { from: f64, peak: f64 },
    /// Descending since `from` (the last high); `trough` is the lowest since.
    Falling { from: f64, trough: f64 },
}

/// Extreme-to-extreme counting with hysteresis.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Hysteresis {
    threshold_m: f64,
    committed: Gain,
    trend: Option<Trend>,
}

impl Hysteresis {
    fn push(&mut self, elevation: f64) {
        let threshold = self.threshold_m;
        let trend = match self.trend {
            None => Trend::Undecided {
                low: elevation,
                high: elevation,
            },
            Some(Trend::Undecided { low, high }) => {
                let (low, high) = (low.min(elevation), high.max(elevation));
                if elevation - low >= threshold {
                    Trend::Rising {
                        from: low,
                        peak: elevation,
                    }
                } else if high - elevation >= threshold {
                    Trend::Falling {
                        from: high,
                        trough: elevation,
                    }
                } else {
                    Trend::Undecided { low, high }
                }
            }
            Some(Trend::Rising { from, peak }) => {
                if peak - elevation >= threshold {
                    self.committed.ascent += peak - from;
                    Trend::Falling {
                        from: peak,
                        trough: elevation,
                    }
                } else {
                    Trend::Rising {
                        from,
                        peak: peak.max(elevation),
                    }
                }
            }
            Some(Trend::Falling { from, trough }) => {
                if elevation - trough >= threshold {
                    self.committed.descent += from - trough;
                    Trend::Rising {
                        from: trough,
                        peak: elevation,
                    }
                } else {
                    Trend::Falling {
                        from,
                        trough: trough.min(elevation),
                    }
                }
            }
        };
        self.trend = Some(trend);
    }

    /// Committed gain plus the swing in progress (already past the threshold).
    fn total(&self) -> Gain {
        let mut gain = self.committed;
        match self.trend {
            Some(Trend::Rising { from, peak }) => gain.ascent += peak - from,
            Some(Trend::Falling { from, trough }) => gain.descent += from - trough,
            _ => {}
        }
        gain
    }
}

/// Centred moving average over a distance window: a sample's smoothed value
/// is known once the samples half a window ahead of it have come. Near the
/// ends the window shrinks symmetrically, so a steady slope stays exact.
#[derive(Clone, Debug, Default, PartialEq)]
struct Smoothing {
    half_window_m: f64,
    /// Distance of the very first sample.
    start_m: Option<f64>,
    /// Samples from half a window behind the next one to emit, onwards.
    window: std::collections::VecDeque<Sample>,
    /// Index in `window` of the next sample to emit.
    next: usize,
}

impl Smoothing {
    /// Adds a sample and feeds every sample whose window is now complete.
    fn push(&mut self, sample: Sample, hysteresis: &mut Hysteresis) {
        self.start_m.get_or_insert(sample.distance_m);
        self.window.push_back(sample);
        while let Some(center) = self.window.get(self.next) {
            if sample.distance_m - center.distance_m < self.half_window_m {
                break;
            }
            hysteresis.push(self.smoothed(self.next));
            self.next += 1;
            self.forget_behind();
        }
    }

    /// Feeds the samples still waiting, with the part of the window that exists.
    fn flush(&self, hysteresis: &mut Hysteresis) {
        for index in self.next..self.window.len() {
            hysteresis.push(self.smoothed(index));
        }
    }

    fn smoothed(&self, index: usize) -> f64 {
        let center = self.window[index].distance_m;
        let newest = self
            .window
            .back()
            .map_or(center, |sample| sample.distance_m);
        let half_width = (self.half_window_m)
            .min(center - self.start_m.unwrap_or(center))
            .min(newest - center);
        let (sum, count) = self
            .window
            .iter()
            .filter(|sample| (sample.distance_m - center).abs() <= half_width)
            .fold((0.0, 0usize), |(sum, count), sample| {
                (sum + sample.elevation_m, count + 1)
            });
        sum / count.max(1) as f64
    }

    /// Drops samples more than half a window behind the next one to emit.
    fn forget_behind(&mut self) {
        while let Some(center) = self.window.get(self.next)
            && self
                .window
                .front()
                .is_some_and(|oldest| center.distance_m - oldest.distance_m > self.half_window_m)
        {
            self.window.pop_front();
            self.next -= 1;
        }
    }
}

/// Ascent and descent of a sequence of `(distance along, elevation)` samples.
#[derive(Clone, Debug, PartialEq)]
pub struct ElevationGain {
    hysteresis: Hysteresis,
    smoothing: Smoothing,
    /// The last sample that passed the spike test.
    kept: Option<Sample>,
    /// The sample waiting for its right-hand neighbour to be judged.
    pending: Option<Sample>,
}

impl Default for ElevationGain {
    fn default() -> Self {
        ElevationGain::new(ElevationTuning::GPS)
    }
}

impl ElevationGain {
    pub fn new(tuning: ElevationTuning) -> ElevationGain {
        ElevationGain {
            hysteresis: Hysteresis {
                threshold_m: tuning.hysteresis_m,
                committed: Gain::default(),
                trend: None,
            },
            smoothing: Smoothing {
                half_window_m: tuning.smoothing_window_m / 2.0,
                ..Smoothing::default()
            },
            kept: None,
            pending: None,
        }
    }

    /// Adds a sample; `distance_m` is the horizontal distance along the track.
    pub fn push(&mut self, distance_m: f64, elevation_m: f64) {
        let next = Sample {
            distance_m,
            elevation_m,
        };
        if let Some(middle) = self.pending.take() {
            let is_spike = self
                .kept
                .is_some_and(|before| is_spike(&before, &middle, &next));
            if !is_spike {
                self.keep(middle);
            }
        }
        self.pending = Some(next);
    }

    /// The gain so far, counting the last sample (whose spike test needs a
    /// neighbour that has not come yet) as kept.
    pub fn gain(&self) -> Gain {
        let mut hysteresis = self.hysteresis;
        let mut smoothing = self.smoothing.clone();
        if let Some(last) = self.pending {
            smoothing.push(last, &mut hysteresis);
        }
        smoothing.flush(&mut hysteresis);
        hysteresis.total()
    }

    /// Raises the swing threshold to at least `metres` (altitudes turned out
    /// vaguer than the tuning assumed); never lowers it.
    pub fn raise_threshold(&mut self, metres: f64) {
        if metres.is_finite() {
            self.hysteresis.threshold_m = self.hysteresis.threshold_m.max(metres);
        }
    }

    fn keep(&mut self, sample: Sample) {
        self.smoothing.push(sample, &mut self.hysteresis);
        self.kept = Some(sample);
    }
}

fn is_spike(before: &Sample, middle: &Sample, after: &Sample) -> bool {
    let slope = |from: &Sample| {
        (middle.elevation_m - from.elevation_m)
            / (middle.distance_m - from.distance_m)
                .abs()
                .max(MIN_SLOPE_RUN_M)
    };
    let (left, right) = (slope(before), slope(after));
    (left > SPIKE_SLOPE && right > SPIKE_SLOPE) || (left < -SPIKE_SLOPE && right < -SPIKE_SLOPE)
}

/// The gain of a whole profile given as `(distance along, elevation)` pairs.
pub fn gain_of(samples: impl IntoIterator<Item = (f64, f64)>, tuning: ElevationTuning) -> Gain {
    let mut gain = ElevationGain::new(tuning);
    for (distance, elevation) in samples {
        gain.push(distance, elevation);
    }
    gain.gain()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steady_slopes_count_exactly_but_for_the_rounded_peak() {
        let up = (0..=100).map(|i| (i as f64 * 10.0, 1000.0 + i as f64 * 3.0));
        let down = (1..=50).map(|i| (1000.0 + i as f64 * 10.0, 1300.0 - i as f64 * 4.0));
        let gain = gain_of(up.chain(down), ElevationTuning::GPS);
        // Smoothing over 100 m cuts a sharp peak between slopes of 30 % and
        // 40 % by about (0.3 + 0.4) x 100 / 8 m.
        assert!((gain.ascent - 300.0).abs() < 10.0, "{gain:?}");
        assert!(
            (gain.ascent - 300.0 - (gain.descent - 200.0)).abs() < 1e-9,
            "{gain:?}"
        );
        let slope = gain_of(
            (0..=100).map(|i| (i as f64 * 10.0, 1000.0 + i as f64 * 3.0)),
            ElevationTuning::GPS,
        );
        assert!((slope.ascent - 300.0).abs() < 1e-9, "{slope:?}");
    }

    #[test]
    fn wobble_under_the_threshold_counts_nothing() {
        let wobble =
            (0..200).map(|i| (i as f64 * 5.0, 1500.0 + if i % 2 == 0 { 3.0 } else { -3.0 }));
        assert_eq!(gain_of(wobble, ElevationTuning::GPS), Gain::default());
    }

    #[test]
    fn a_lone_spike_is_dropped() {
        let profile = [
            (0.0, 1000.0),
            (5.0, 1000.0),
            (10.0, 1060.0),
            (15.0, 1000.0),
            (20.0, 1000.0),
        ];
        assert_eq!(gain_of(profile, ElevationTuning::GPS), Gain::default());
    }

    #[test]
    fn the_gain_so_far_includes_the_swing_in_progress() {
        let mut gain = ElevationGain::default();
        for i in 0..=10 {
            gain.push(i as f64 * 10.0, 1000.0 + i as f64 * 2.0);
        }
        assert!((gain.gain().ascent - 20.0).abs() < 1e-9);
    }
}
