//! Replays a line as the fixes a phone would deliver while a hiker walks it at
//! a steady pace: seeded GPS noise (correlated horizontal and vertical error,
//! occasional jumps, multipath bursts, gaps without fixes), stops, an optional
//! barometer and detours, so every scenario of the tests, the CLI and the
//! benchmarks is deterministic.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::geodesy::LatLon;
use crate::geodesy::LocalProjection;
use crate::trail::snap::RouteLine;
use crate::trail::{Fix, TrailError};

/// How wrong the simulated GPS is.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct GpsNoise {
    /// Standard deviation of the horizontal error, metres per axis.
    pub horizontal_sigma_m: f64,
    /// Standard deviation of the altitude error, metres.
    pub vertical_sigma_m: f64,
    /// Correlation of the error from one fix to the next (0 = white noise):
    /// real receivers drift rather than jump.
    pub correlation: f64,
    /// The accuracy the fixes report, metres.
    pub reported_accuracy_m: f64,
    /// Chance that a fix is thrown `jump_m` away (multipath, cold start).
    pub jump_probability: f64,
    pub jump_m: f64,
    /// Chance, at each fix, that the next `gap_s` seconds have no fix.
    pub gap_probability: f64,
    pub gap_s: f64,
    /// Chance, at each fix, that a multipath burst begins (signals bouncing
    /// off cliffs or buildings): for `burst_s` seconds every fix is pulled
    /// the same way by `burst_m` to twice that, and reports `burst_accuracy_m`.
    pub burst_probability: f64,
    pub burst_s: f64,
    pub burst_m: f64,
    pub burst_accuracy_m: f64,
}

impl GpsNoise {
    /// A perfect receiver.
    pub fn none() -> GpsNoise {
        GpsNoise {
            horizontal_sigma_m: 0.0,
            vertical_sigma_m: 0.0,
            correlation: 0.0,
            reported_accuracy_m: 3.0,
            jump_probability: 0.0,
            jump_m: 0.0,
            gap_probability: 0.0,
            gap_s: 0.0,
            ..GpsNoise::NO_BURSTS
        }
    }

    const NO_BURSTS: GpsNoise = GpsNoise {
        horizontal_sigma_m: 0.0,
        vertical_sigma_m: 0.0,
        correlation: 0.0,
        reported_accuracy_m: 0.0,
        jump_probability: 0.0,
        jump_m: 0.0,
        gap_probability: 0.0,
        gap_s: 0.0,
        burst_probability: 0.0,
        burst_s: 0.0,
        burst_m: 0.0,
        burst_accuracy_m: 0.0,
    };

    /// A phone in a pocket under open sky.
    pub fn typical() -> GpsNoise {
        GpsNoise {
            horizontal_sigma_m: 4.0,
            vertical_sigma_m: 6.0,
            correlation: 0.9,
            reported_accuracy_m: 8.0,
            jump_probability: 0.002,
            jump_m: 120.0,
            gap_probability: 0.001,
            gap_s: 60.0,
            ..GpsNoise::NO_BURSTS
        }
    }

    /// A narrow valley under trees.
    pub fn harsh() -> GpsNoise {
        GpsNoise {
            horizontal_sigma_m: 10.0,
            vertical_sigma_m: 15.0,
            correlation: 0.95,
            reported_accuracy_m: 20.0,
            jump_probability: 0.01,
            jump_m: 300.0,
            gap_probability: 0.003,
            gap_s: 180.0,
            ..GpsNoise::NO_BURSTS
        }
    }

    /// A gorge or a village street: typical noise, and every couple of
    /// minutes a burst of multipath pulling the fixes 25 to 50 m aside for a
    /// quarter of a minute while the phone admits to 25 m.
    pub fn multipath() -> GpsNoise {
        GpsNoise {
            burst_probability: 0.008,
            burst_s: 15.0,
            burst_m: 25.0,
            burst_accuracy_m: 25.0,
            ..GpsNoise::typical()
        }
    }
}

/// A halt on the way: `duration_s` standing at `at_m` along the line.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Stop {
    pub at_m: f64,
    pub duration_s: f64,
}

/// A stretch walked beside the route: from `at_m` along the route, for
/// `length_m`, up to `offset_m` to the left (negative: to the right).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Detour {
    pub at_m: f64,
    pub length_m: f64,
    pub offset_m: f64,
}

/// A replay scenario.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SimulationConfig {
    /// Walking speed along the line, m/s (4 km/h is 1.11).
    pub speed_mps: f64,
    /// Time between fixes, seconds.
    pub interval_s: f64,
    /// Time of the first fix, ms since the epoch.
    pub start_ms: i64,
    pub seed: u64,
    pub noise: GpsNoise,
    pub detours: Vec<Detour>,
    /// Halts on the way (the fixes go on, wandering around the place).
    pub stops: Vec<Stop>,
    /// Whether the phone has a barometer: fixes then carry a barometric
    /// altitude (exact changes to 0.3 m, a level off by tens of metres and
    /// drifting with the weather by up to 4 m an hour).
    pub barometer: bool,
}

impl SimulationConfig {
    /// A hike at 4 km/h with a fix a second and typical noise.
    pub fn walk(seed: u64) -> SimulationConfig {
        SimulationConfig {
            speed_mps: 4_000.0 / 3_600.0,
            interval_s: 1.0,
            start_ms: 1_782_806_400_000,
            seed,
            noise: GpsNoise::typical(),
            detours: Vec::new(),
            stops: Vec::new(),
            barometer: false,
        }
    }

    /// When the walk ends, seconds after its start: the line at the walking
    /// speed plus the stops along it.
    fn duration_s(&self, length_m: f64) -> f64 {
        length_m / self.speed_mps
            + self
                .stops
                .iter()
                .filter(|stop| stop.at_m <= length_m)
                .map(|stop| stop.duration_s.max(0.0))
                .sum::<f64>()
    }

    /// How far along the line the walker is `elapsed_s` after the start.
    fn along_at(&self, elapsed_s: f64, length_m: f64) -> f64 {
        let mut stops: Vec<&Stop> = self
            .stops
            .iter()
            .filter(|stop| stop.at_m <= length_m)
            .collect();
        stops.sort_by(|a, b| a.at_m.total_cmp(&b.at_m));
        let (mut along, mut left_s) = (0.0, elapsed_s);
        for stop in stops {
            let walk_s = (stop.at_m - along).max(0.0) / self.speed_mps;
            if left_s <= walk_s {
                return along + left_s * self.speed_mps;
            }
            left_s -= walk_s + stop.duration_s.max(0.0);
            along = stop.at_m.max(along);
            if left_s <= 0.0 {
                return along;
            }
        }
        (along + left_s * self.speed_mps).min(length_m)
    }
}

/// The barometer's level error: an offset and a drift, m and m/s.
#[derive(Clone, Copy, Debug)]
struct BarometerError {
    offset_m: f64,
    drift_mps: f64,
}

/// A multipath burst in progress: fixes left and the pull, metres.
#[derive(Clone, Copy, Debug, Default)]
struct Burst {
    seconds_left: f64,
    east_m: f64,
    north_m: f64,
}

/// A detour ramps to its full offset over this share of its length at each end.
const DETOUR_RAMP: f64 = 0.2;

/// The fixes of a walk along `line` under `config`.
pub fn simulate(line: &[LatLon], config: &SimulationConfig) -> Result<Vec<Fix>, TrailError> {
    if !(config.speed_mps > 0.0 && config.interval_s > 0.0) {
        return Err(TrailError::InvalidRoute {
            detail: "simulation needs a positive speed and interval".into(),
        });
    }
    let route = RouteLine::new(line)?;
    let frame = LocalProjection::centred_on(route.positions().iter().map(LatLon::lon_lat));
    let mut rng = StdRng::seed_from_u64(config.seed);
    let noise = &config.noise;
    let innovation = (1.0 - noise.correlation * noise.correlation)
        .max(0.0)
        .sqrt();
    let (mut east, mut north, mut up) = (0.0, 0.0, 0.0);
    let length = route.length_m();
    let duration_s = config.duration_s(length);
    let barometer = config.barometer.then(|| BarometerError {
        offset_m: 30.0 * gaussian(&mut rng),
        drift_mps: (rng.random::<f64>() * 2.0 - 1.0) * 4.0 / 3_600.0,
    });
    let mut burst = Burst::default();
    let mut fixes = Vec::new();
    let mut index: u64 = 0;
    loop {
        let elapsed_s = (index as f64 * config.interval_s).min(duration_s);
        let along = config.along_at(elapsed_s, length);
        let time_ms = config.start_ms + (elapsed_s * 1000.0).round() as i64;
        east =
            noise.correlation * east + innovation * noise.horizontal_sigma_m * gaussian(&mut rng);
        north =
            noise.correlation * north + innovation * noise.horizontal_sigma_m * gaussian(&mut rng);
        up = noise.correlation * up + innovation * noise.vertical_sigma_m * gaussian(&mut rng);
        let here = route.position_at(along);
        let (mut x, mut y) = frame.project(here.lon_lat());
        let (left_x, left_y) = left_normal(&route, &frame, along);
        let detour = detour_offset(&config.detours, along);
        x += east + left_x * detour;
        y += north + left_y * detour;
        if rng.random::<f64>() < noise.jump_probability {
            let angle = rng.random::<f64>() * std::f64::consts::TAU;
            x += noise.jump_m * angle.cos();
            y += noise.jump_m * angle.sin();
        }
        // No draw without bursts: the other noise models keep their sequences.
        if noise.burst_probability > 0.0
            && burst.seconds_left <= 0.0
            && rng.random::<f64>() < noise.burst_probability
        {
            let angle = rng.random::<f64>() * std::f64::consts::TAU;
            let pull = noise.burst_m * (1.0 + rng.random::<f64>());
            burst = Burst {
                seconds_left: noise.burst_s,
                east_m: pull * angle.cos(),
                north_m: pull * angle.sin(),
            };
        }
        let bursting = burst.seconds_left > 0.0;
        if bursting {
            x += burst.east_m;
            y += burst.north_m;
            burst.seconds_left -= config.interval_s;
        }
        let (lng, lat) = frame.unproject((x, y));
        let barometric_altitude = match (barometer, here.ele) {
            (Some(error), Some(ele)) => {
                Some(ele + error.offset_m + error.drift_mps * elapsed_s + 0.3 * gaussian(&mut rng))
            }
            _ => None,
        };
        let walking = elapsed_s < duration_s && along < length;
        fixes.push(Fix {
            latitude: lat,
            longitude: lng,
            altitude: here.ele.map(|ele| ele + up),
            horizontal_accuracy: Some(if bursting {
                noise.burst_accuracy_m
            } else {
                noise.reported_accuracy_m
            }),
            vertical_accuracy: here.ele.map(|_| noise.reported_accuracy_m * 1.5),
            speed: Some(if walking { config.speed_mps } else { 0.0 }),
            bearing: None,
            timestamp_ms: Some(time_ms),
            barometric_altitude,
        });
        if elapsed_s >= duration_s {
            break;
        }
        index += 1;
        if rng.random::<f64>() < noise.gap_probability {
            index += (noise.gap_s / config.interval_s).round() as u64;
        }
    }
    Ok(fixes)
}

/// Unit vector pointing left of the direction of travel at `along`, in metres.
fn left_normal(route: &RouteLine, frame: &LocalProjection, along: f64) -> (f64, f64) {
    let segment = route.segment_at(along);
    let (a, b) = (&route.positions()[segment], &route.positions()[segment + 1]);
    let (from, to) = (frame.project(a.lon_lat()), frame.project(b.lon_lat()));
    let (dx, dy) = (to.0 - from.0, to.1 - from.1);
    let length = dx.hypot(dy);
    if length > 0.0 {
        (-dy / length, dx / length)
    } else {
        (0.0, 0.0)
    }
}

/// The sideways offset of the detours at `along`, metres.
fn detour_offset(detours: &[Detour], along: f64) -> f64 {
    detours
        .iter()
        .filter(|detour| {
            detour.length_m > 0.0 && along >= detour.at_m && along <= detour.at_m + detour.length_m
        })
        .map(|detour| {
            let share = (along - detour.at_m) / detour.length_m;
            let ramp = (share.min(1.0 - share) / DETOUR_RAMP).min(1.0);
            detour.offset_m * ramp
        })
        .sum()
}

/// A standard normal draw (Box-Muller).
fn gaussian(rng: &mut StdRng) -> f64 {
    let u1: f64 = rng.random::<f64>().max(f64::MIN_POSITIVE);
    let u2: f64 = rng.random();
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line() -> Vec<LatLon> {
        (0..=20)
            .map(|i| LatLon {
                lat: 44.8 + i as f64 * 50.0 / 111_195.0,
                lon: 6.3,
                ele: Some(1000.0 + i as f64 * 5.0),
            })
            .collect()
    }

    #[test]
    fn same_seed_same_fixes_and_the_walk_reaches_the_end() {
        let config = SimulationConfig::walk(7);
        let first = simulate(&line(), &config).unwrap();
        assert_eq!(first, simulate(&line(), &config).unwrap());
        assert_ne!(
            first,
            simulate(&line(), &SimulationConfig::walk(8)).unwrap()
        );
        let exact = simulate(
            &line(),
            &SimulationConfig {
                noise: GpsNoise::none(),
                ..config
            },
        )
        .unwrap();
        let last = exact.last().unwrap();
        assert!((last.latitude - line()[20].lat).abs() < 1e-9);
        assert_eq!(last.altitude, Some(1100.0));
        // 1000 m at 1.11 m per fix, give or take the rounding of the last step.
        assert!(exact.len().abs_diff(901) <= 1, "{}", exact.len());
    }

    #[test]
    fn detours_move_fixes_sideways() {
        let config = SimulationConfig {
            noise: GpsNoise::none(),
            detours: vec![Detour {
                at_m: 100.0,
                length_m: 500.0,
                offset_m: 80.0,
            }],
            ..SimulationConfig::walk(1)
        };
        let fixes = simulate(&line(), &config).unwrap();
        let widest = fixes
            .iter()
            .map(|f| (f.longitude - 6.3).abs() * 78_900.0)
            .fold(0.0, f64::max);
        assert!((widest - 80.0).abs() < 1.0, "{widest}");
        // Heading north, left is west.
        assert!(fixes.iter().all(|f| f.longitude <= 6.3 + 1e-12));
    }
}
