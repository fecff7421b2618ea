//! How long the rest of the route takes: the DIN 33466 walking-time rule
//! (4 km/h on the flat, 300 m/h up, 500 m/h down; the smaller of the horizontal
//! and vertical times counts half), scaled to Geotrek's own duration for the
//! route when it has one, then to the hiker's pace measured so far.

/// Walking time by DIN 33466, hours.
pub fn din_33466_hours(distance_m: f64, ascent_m: f64, descent_m: f64) -> f64 {
    let horizontal = distance_m / 4_000.0;
    let vertical = ascent_m / 300.0 + descent_m / 500.0;
    horizontal.max(vertical) + horizontal.min(vertical) / 2.0
}

/// The hiker's pace is only trusted after this much model time, seconds.
const MIN_PACE_SAMPLE_S: f64 = 600.0;

/// Paces outside this range are clamped: a long lunch or a run should not make
/// the estimate absurd.
const PACE_RANGE: std::ops::RangeInclusive<f64> = 0.33..=3.0;

/// A route's time model.
#[derive(Clone, Debug, PartialEq)]
pub struct HikingTimeModel {
    /// Seconds of the hiker's time per second of DIN time, from Geotrek's
    /// duration when known.
    route_scale: f64,
}

impl HikingTimeModel {
    /// The model of a route of this length and gain, with Geotrek's duration
    /// (hours) when the route has one.
    pub fn new(
        distance_m: f64,
        ascent_m: f64,
        descent_m: f64,
        geotrek_hours: Option<f64>,
    ) -> HikingTimeModel {
        let din = din_33466_hours(distance_m, ascent_m, descent_m);
        let route_scale = match geotrek_hours {
            Some(hours) if hours.is_finite() && hours > 0.0 && din > 0.0 => hours / din,
            _ => 1.0,
        };
        HikingTimeModel { route_scale }
    }

    /// Model seconds for a stretch of this length and gain.
    pub fn seconds(&self, distance_m: f64, ascent_m: f64, descent_m: f64) -> f64 {
        din_33466_hours(distance_m, ascent_m, descent_m) * self.route_scale * 3_600.0
    }

    /// The hiker's pace: actual seconds per model second over the stretch done,
    /// 1 until enough has been walked to tell.
    pub fn pace(&self, actual_s: f64, model_s: f64) -> f64 {
        if model_s < MIN_PACE_SAMPLE_S || actual_s <= 0.0 {
            1.0
        } else {
            (actual_s / model_s).clamp(*PACE_RANGE.start(), *PACE_RANGE.end())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn din_adds_half_the_smaller_time() {
        assert!((din_33466_hours(8_000.0, 0.0, 0.0) - 2.0).abs() < 1e-12);
        // 2 h horizontal, 2 h vertical: 2 + 1.
        assert!((din_33466_hours(8_000.0, 600.0, 0.0) - 3.0).abs() < 1e-12);
        // 1 h horizontal, 2 h down: 2 + 0.5.
        assert!((din_33466_hours(4_000.0, 0.0, 1_000.0) - 2.5).abs() < 1e-12);
    }

    #[test]
    fn geotrek_duration_and_pace_scale_the_model() {
        let model = HikingTimeModel::new(8_000.0, 0.0, 0.0, Some(3.0));
        assert!((model.seconds(4_000.0, 0.0, 0.0) - 1.5 * 3_600.0).abs() < 1e-9);
        assert_eq!(model.pace(100.0, 60.0), 1.0);
        assert_eq!(model.pace(1_800.0, 1_200.0), 1.5);
        assert_eq!(model.pace(100_000.0, 1_200.0), 3.0);
    }
}
