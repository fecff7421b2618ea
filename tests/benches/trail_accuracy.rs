//! How true the trail's figures and alerts are under GPS noise: 12 routes
//! (synthetic loops, an out-and-back, a figure eight, 20 switchback hairpins,
//! a 20 km stage, a spur with a loop, and real trek lines from the shared
//! fixtures, all on the test kit's relief) x 10 seeds x three noise models
//! (typical, harsh, multipath bursts). Each walk has three halts and a minute
//! standing at the end. The recorder (the real one, over an in-memory store)
//! and the follower run on every walk; their figures are compared with the
//! truth and printed beside the naive figures of the raw fixes: what the
//! recorder computed before the estimator, and a nearest-point follower.
//! Detours of 120 m and turns back are walked on every route and seed to
//! time the alerts. The last lines hold each goal of issue 13 against the
//! figure. Under CI a missing fixture folder is a failure.

use std::collections::BTreeMap;
use std::path::PathBuf;

use sentier_core::geodesy::LatLon;
use sentier_core::geodesy::LocalProjection;
use sentier_core::geodesy::haversine_m;
use sentier_core::trail::simulator::simulate;
use sentier_core::trail::snap::RouteLine;
use sentier_core::trail::{
    Detour, Fix, FixOutcome, Follower, FollowerConfig, FollowerEvent, GpsNoise, Recorder,
    RecorderConfig, Route, SimulationConfig, StatsAccumulator, Stop, TrackPoint,
};
use sentier_testkit::bench::{Comparison, quantile, report};

/// Seeds per route and noise (`TRAIL_ACCURACY_SEEDS` to try fewer while tuning).
fn seeds() -> u64 {
    std::env::var("TRAIL_ACCURACY_SEEDS")
        .ok()
        .and_then(|seeds| seeds.parse().ok())
        .unwrap_or(10)
}

/// Real treks of the shared fixtures (a Geotrek-mobile tree): their lines.
const FIXTURE_TREKS: [u32; 6] = [10051, 10052, 10054, 10056, 10060, 10062];

/// Walking speed of every walk, m/s (4 km/h).
const SPEED_MPS: f64 = 4_000.0 / 3_600.0;

/// A route of the evaluation.
struct Scenario {
    family: &'static str,
    name: String,
    line: Vec<LatLon>,
}

/// Everything in the Écrins frame, elevations from the test kit's relief.
fn frame() -> LocalProjection {
    LocalProjection::around((6.35, 44.85))
}

/// A route through `(east, north)` metres, on the relief, `climb` metres
/// added per metre along (switchbacks climb more than the relief).
fn route_through(points: &[(f64, f64)], climb: f64) -> Vec<LatLon> {
    let frame = frame();
    let mut along = 0.0;
    let mut previous: Option<(f64, f64)> = None;
    points
        .iter()
        .map(|&(x, y)| {
            if let Some((px, py)) = previous {
                along += (x - px).hypot(y - py);
            }
            previous = Some((x, y));
            let (lng, lat) = frame.unproject((x, y));
            LatLon {
                lat,
                lon: lng,
                ele: Some(sentier_testkit::tiles::elevation(lng, lat) * 0.3 + along * climb),
            }
        })
        .collect()
}

fn scenario(family: &'static str, name: &str, line: Vec<LatLon>) -> Scenario {
    Scenario {
        family,
        name: name.to_string(),
        line,
    }
}

fn synthetic_scenarios() -> Vec<Scenario> {
    let tau = std::f64::consts::TAU;
    let circle: Vec<(f64, f64)> = (0..=400)
        .map(|i| {
            let a = -tau / 4.0 + tau * f64::from(i) / 400.0;
            (900.0 * a.cos(), 900.0 + 900.0 * a.sin())
        })
        .collect();
    let out: Vec<(f64, f64)> = (0..=300)
        .map(|i| {
            let s = f64::from(i) * 10.0;
            (120.0 * (s / 400.0).sin(), s)
        })
        .collect();
    let out_and_back: Vec<(f64, f64)> = out
        .iter()
        .chain(out.iter().rev().skip(1))
        .copied()
        .collect();
    let eight: Vec<(f64, f64)> = (0..=600)
        .map(|i| {
            let t = tau * f64::from(i) / 600.0;
            (700.0 * t.sin() * t.cos(), 700.0 * t.sin())
        })
        .collect();
    // 20 hairpins: legs of 90 m across a slope, turns of 6 m radius.
    let mut switchbacks = vec![(0.0, 0.0)];
    for leg in 0..21 {
        let (from, to) = if leg % 2 == 0 {
            (0.0, 90.0)
        } else {
            (90.0, 0.0)
        };
        let y0 = f64::from(leg) * 12.0;
        for k in 1..=9 {
            switchbacks.push((from + (to - from) * f64::from(k) / 9.0, y0));
        }
        if leg < 20 {
            let side = if leg % 2 == 0 { 1.0 } else { -1.0 };
            for k in 1..8 {
                let a = std::f64::consts::PI * f64::from(k) / 8.0;
                switchbacks.push((to + side * 6.0 * a.sin(), y0 + 6.0 - 6.0 * a.cos()));
            }
        }
    }
    let stage: Vec<(f64, f64)> = (0..=2_000)
        .map(|i| {
            let s = f64::from(i) * 10.0;
            (
                600.0 * (s / 1_500.0).sin() + 150.0 * (s / 230.0).sin(),
                s * 0.92,
            )
        })
        .collect();
    // A spur of 1.2 km to a loop of 2.5 km, and back down the spur.
    let spur: Vec<(f64, f64)> = (0..=120).map(|i| (0.0, f64::from(i) * 10.0)).collect();
    let lasso_loop: Vec<(f64, f64)> = (1..=250)
        .map(|i| {
            let a = -tau / 4.0 + tau * f64::from(i) / 250.0;
            (400.0 * a.cos(), 1_600.0 + 400.0 * a.sin())
        })
        .collect();
    let lasso: Vec<(f64, f64)> = spur
        .iter()
        .chain(&lasso_loop)
        .chain(spur.iter().rev().skip(1))
        .copied()
        .collect();
    let wiggly_loop: Vec<(f64, f64)> = (0..=500)
        .map(|i| {
            let a = tau * f64::from(i) / 500.0;
            let r = 700.0 + 120.0 * (5.0 * a).sin();
            (r * a.cos() - 700.0 - 120.0 * 0.0, r * a.sin())
        })
        .collect();
    vec![
        scenario("loop", "circle 5.7 km", route_through(&circle, 0.0)),
        scenario("loop", "wavy loop 4.6 km", route_through(&wiggly_loop, 0.0)),
        scenario(
            "out-and-back",
            "out and back 2 x 3 km",
            route_through(&out_and_back, 0.0),
        ),
        scenario("figure eight", "eight 4.3 km", route_through(&eight, 0.0)),
        scenario(
            "switchbacks",
            "20 hairpins",
            route_through(&switchbacks, 0.1),
        ),
        scenario("20 km stage", "stage 20 km", route_through(&stage, 0.0)),
        scenario("spur and loop", "lasso 4.9 km", route_through(&lasso, 0.0)),
    ]
}

/// The shared fixtures' folder: `SENTIER_FIXTURES`, else `../shared/fixtures`
/// beside the repository. `None` when absent; under CI that is a failure.
fn fixtures_folder() -> Option<PathBuf> {
    let folder = std::env::var_os("SENTIER_FIXTURES").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/fixtures"),
        PathBuf::from,
    );
    if folder.is_dir() {
        return Some(folder);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{} is missing: the real treks of the evaluation live there",
        folder.display()
    );
    eprintln!(
        "{} absent: the real treks are left out of this run",
        folder.display()
    );
    None
}

/// The real treks' lines (Geotrek-mobile's trek.geojson), on the relief.
fn fixture_scenarios() -> Vec<Scenario> {
    let Some(folder) = fixtures_folder() else {
        return Vec::new();
    };
    FIXTURE_TREKS
        .iter()
        .map(|id| {
            let path = folder.join(format!("geotrek-mobile-sync/fr/{id}/trek.geojson"));
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
            let trek: serde_json::Value = serde_json::from_str(&text)
                .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
            let line = trek["geometry"]["coordinates"]
                .as_array()
                .unwrap_or_else(|| panic!("{}: no line", path.display()))
                .iter()
                .filter_map(|point| {
                    let (lng, lat) = (point[0].as_f64()?, point[1].as_f64()?);
                    Some(LatLon {
                        lat,
                        lon: lng,
                        ele: Some(sentier_testkit::tiles::elevation(lng, lat) * 0.3),
                    })
                })
                .collect();
            Scenario {
                family: "real treks",
                name: format!(
                    "{id} {}",
                    trek["properties"]["name"].as_str().unwrap_or_default()
                ),
                line,
            }
        })
        .collect()
}

fn noises() -> [(&'static str, GpsNoise); 3] {
    [
        ("typical", GpsNoise::typical()),
        ("harsh", GpsNoise::harsh()),
        ("multipath", GpsNoise::multipath()),
    ]
}

/// Halts at 20 %, 45 % (lunch) and 75 % of the way, and a minute at the end.
fn halts(length_m: f64) -> Vec<Stop> {
    vec![
        Stop {
            at_m: 0.2 * length_m,
            duration_s: 180.0,
        },
        Stop {
            at_m: 0.45 * length_m,
            duration_s: 600.0,
        },
        Stop {
            at_m: 0.75 * length_m,
            duration_s: 180.0,
        },
        Stop {
            at_m: length_m,
            duration_s: 60.0,
        },
    ]
}

/// Ascent and descent of the true profile, sampled every metre.
fn true_gain(line: &RouteLine) -> (f64, f64) {
    let (mut ascent, mut descent) = (0.0, 0.0);
    let mut previous: Option<f64> = None;
    let mut along = 0.0;
    while along <= line.length_m() {
        let ele = line.position_at(along).ele.unwrap_or_default();
        if let Some(before) = previous {
            if ele > before {
                ascent += ele - before;
            } else {
                descent += before - ele;
            }
        }
        previous = Some(ele);
        along += 1.0;
    }
    (ascent, descent)
}

/// What the recorder did before the estimator: figures on the raw points.
struct NaiveFigures {
    distance_m: f64,
    ascent_m: f64,
    moving_s: f64,
    max_speed_mps: f64,
}

fn naive_figures(points: &[TrackPoint]) -> NaiveFigures {
    let mut figures = NaiveFigures {
        distance_m: 0.0,
        ascent_m: 0.0,
        moving_s: 0.0,
        max_speed_mps: 0.0,
    };
    let mut window: Vec<(i64, f64)> = Vec::new();
    for pair in points.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        if a.segment != b.segment {
            window.clear();
            continue;
        }
        let step = haversine_m(
            (a.fix.longitude, a.fix.latitude),
            (b.fix.longitude, b.fix.latitude),
        );
        let seconds = (b.fix.timestamp_ms.unwrap() - a.fix.timestamp_ms.unwrap()) as f64 / 1000.0;
        figures.distance_m += step;
        if seconds > 0.0 && step / seconds >= 0.2 {
            figures.moving_s += seconds;
        }
        if let (Some(from), Some(to)) = (a.fix.altitude, b.fix.altitude) {
            figures.ascent_m += (to - from).max(0.0);
        }
        let time = b.fix.timestamp_ms.unwrap();
        if window.is_empty() {
            window.push((a.fix.timestamp_ms.unwrap(), figures.distance_m - step));
        }
        window.push((time, figures.distance_m));
        while window.len() > 1 && (time - window[1].0) as f64 / 1000.0 >= 10.0 {
            window.remove(0);
        }
        let span = (time - window[0].0) as f64 / 1000.0;
        if span >= 10.0 {
            figures.max_speed_mps = figures
                .max_speed_mps
                .max((figures.distance_m - window[0].1) / span);
        }
    }
    figures
}

/// Alerts of a walk: the follower's, and a naive follower's (each raw fix
/// snapped to the nearest point of the line; off route after three fixes
/// outside the corridor, wrong direction 30 m behind the best progress).
#[derive(Default)]
struct Alerts {
    off_route: Vec<i64>,
    back_on_route: Vec<i64>,
    wrong_direction: Vec<i64>,
    right_direction: Vec<i64>,
    arrived: usize,
    naive_off_route: usize,
    naive_wrong_direction: usize,
}

fn follow(line: &[LatLon], fixes: &[Fix]) -> Alerts {
    let route = Route::from_line("walk", line.to_vec());
    let mut follower = Follower::new(route, FollowerConfig::default()).expect("a route");
    let config = FollowerConfig::default();
    let prepared = RouteLine::new(line).expect("a route");
    let mut alerts = Alerts::default();
    let (mut outside, mut off, mut best, mut backwards) = (0, false, 0.0f64, false);
    for fix in fixes {
        let time = fix.timestamp_ms.unwrap();
        for event in follower.update(fix) {
            match event {
                FollowerEvent::OffRoute { .. } => alerts.off_route.push(time),
                FollowerEvent::BackOnRoute => alerts.back_on_route.push(time),
                FollowerEvent::WrongDirection => alerts.wrong_direction.push(time),
                FollowerEvent::RightDirection => alerts.right_direction.push(time),
                FollowerEvent::Arrived => alerts.arrived += 1,
                _ => {}
            }
        }
        let snap = prepared.snap_nearest(prepared.to_xy(fix.latitude, fix.longitude));
        let corridor = config.corridor_m
            + fix
                .horizontal_accuracy
                .unwrap_or(config.default_accuracy_m)
                .min(config.max_accuracy_allowance_m);
        outside = if snap.offset_m > corridor {
            outside + 1
        } else {
            0
        };
        if outside >= config.off_route_fixes && !off {
            off = true;
            alerts.naive_off_route += 1;
        } else if outside == 0 {
            off = false;
        }
        best = best.max(snap.along_m);
        if best - snap.along_m >= config.wrong_direction_m && !backwards {
            backwards = true;
            alerts.naive_wrong_direction += 1;
        } else if snap.along_m >= best {
            backwards = false;
        }
    }
    alerts
}

/// Figures of one walk, against the truth.
struct WalkResult {
    family: &'static str,
    noise: &'static str,
    distance_error: f64,
    naive_distance_error: f64,
    /// Ascent error, metres, from the GPS altitudes and from the barometer.
    ascent_error_m: f64,
    barometric_ascent_error_m: f64,
    naive_ascent_error_m: f64,
    true_ascent_m: f64,
    max_speed_ratio: f64,
    naive_max_speed_ratio: f64,
    moving_error: f64,
    naive_moving_error: f64,
    off_route_alerts: usize,
    wrong_direction_alerts: usize,
    naive_false_alerts: usize,
    arrived: bool,
}

fn walk(scenario: &Scenario, noise: &GpsNoise, noise_name: &'static str, seed: u64) -> WalkResult {
    let prepared = RouteLine::new(&scenario.line).expect("a route");
    let length = prepared.length_m();
    let config = SimulationConfig {
        noise: noise.clone(),
        stops: halts(length),
        barometer: true,
        ..SimulationConfig::walk(seed)
    };
    let fixes = simulate(&scenario.line, &config).expect("a walk");
    let mut recorder = Recorder::open(":memory:", RecorderConfig::default()).expect("a store");
    let track = recorder.start("evaluation", 0).expect("a recording");
    for fix in &fixes {
        let _: FixOutcome = recorder.push_fix(fix.clone(), 0).expect("a point");
    }
    let stats = recorder.stop().expect("a summary").stats;
    let points = recorder.store().points(track).expect("the points");
    let without_barometer: Vec<TrackPoint> = points
        .iter()
        .map(|point| TrackPoint {
            fix: Fix {
                barometric_altitude: None,
                ..point.fix.clone()
            },
            ..point.clone()
        })
        .collect();
    let gps = StatsAccumulator::of(&without_barometer);
    let naive = naive_figures(&points);
    let (true_ascent, _) = true_gain(&prepared);
    let moving_truth = length / SPEED_MPS;
    let alerts = follow(&scenario.line, &fixes);
    WalkResult {
        family: scenario.family,
        noise: noise_name,
        distance_error: (stats.distance_2d_m - length) / length,
        naive_distance_error: (naive.distance_m - length) / length,
        ascent_error_m: gps.ascent_m - true_ascent,
        barometric_ascent_error_m: stats.ascent_m - true_ascent,
        naive_ascent_error_m: naive.ascent_m - true_ascent,
        true_ascent_m: true_ascent,
        max_speed_ratio: stats.max_speed_mps / SPEED_MPS,
        naive_max_speed_ratio: naive.max_speed_mps / SPEED_MPS,
        moving_error: (stats.moving_s - moving_truth) / moving_truth,
        naive_moving_error: (naive.moving_s - moving_truth) / moving_truth,
        off_route_alerts: alerts.off_route.len(),
        wrong_direction_alerts: alerts.wrong_direction.len(),
        naive_false_alerts: alerts.naive_off_route + alerts.naive_wrong_direction,
        arrived: alerts.arrived == 1,
    }
}

/// How long the follower took to tell a detour and a turn back.
#[derive(Default)]
struct Detection {
    /// Seconds from leaving the corridor to "off route", `None`: never.
    off_route_s: Vec<Option<f64>>,
    /// Seconds from coming back into the corridor to "back on route".
    back_s: Vec<Option<f64>>,
    /// Seconds from the turn to "wrong direction".
    turn_s: Vec<Option<f64>>,
    /// Events beyond one per episode.
    repeats: usize,
    /// Detours that came near another part of the route (not timed).
    not_applicable: usize,
}

fn detect_detour(scenario: &Scenario, noise: &GpsNoise, seed: u64, detection: &mut Detection) {
    let prepared = RouteLine::new(&scenario.line).expect("a route");
    let length = prepared.length_m();
    let corridor = {
        let config = FollowerConfig::default();
        config.corridor_m
            + noise
                .reported_accuracy_m
                .min(config.max_accuracy_allowance_m)
    };
    // A detour of 120 m aside, 500 m long, at 40 % of the way.
    let detour = Detour {
        at_m: 0.4 * length,
        length_m: 500.0,
        offset_m: 120.0,
    };
    let config = SimulationConfig {
        noise: noise.clone(),
        detours: vec![detour],
        ..SimulationConfig::walk(seed)
    };
    let fixes = simulate(&scenario.line, &config).expect("a walk");
    let truth = simulate(
        &scenario.line,
        &SimulationConfig {
            noise: GpsNoise::none(),
            ..config.clone()
        },
    )
    .expect("the true walk");
    let offset_at = |fix: &Fix| {
        prepared
            .snap_nearest(prepared.to_xy(fix.latitude, fix.longitude))
            .offset_m
    };
    let offsets: Vec<f64> = truth.iter().map(offset_at).collect();
    let left = offsets.iter().position(|&offset| offset > corridor);
    let came_back = left.and_then(|left| {
        offsets[left..]
            .iter()
            .position(|&offset| offset <= corridor)
            .map(|back| left + back)
    });
    // A detour that passes near another part of the route (across the legs
    // of switchbacks, into an eight's other lobe) is no detour the follower
    // could tell: such walks are counted apart.
    let single_episode = match (left, came_back) {
        (Some(left), Some(back)) => {
            offsets[left..back].iter().copied().fold(0.0, f64::max) >= 100.0
                && offsets[back..].iter().all(|&offset| offset <= corridor)
        }
        _ => false,
    };
    if !single_episode {
        detection.not_applicable += 1;
        return;
    }
    let (left, came_back) = (left.map(|i| &truth[i]), came_back.map(|i| &truth[i]));
    let alerts = follow(&scenario.line, &fixes);
    let delay = |from: Option<&Fix>, events: &[i64]| {
        let from = from?.timestamp_ms?;
        events
            .iter()
            .find(|&&time| time >= from)
            .map(|time| (time - from) as f64 / 1000.0)
    };
    detection.off_route_s.push(delay(left, &alerts.off_route));
    detection
        .back_s
        .push(delay(came_back, &alerts.back_on_route));
    detection.repeats += alerts.off_route.len().saturating_sub(1)
        + alerts.back_on_route.len().saturating_sub(1)
        + alerts.wrong_direction.len();
}

/// Times "wrong direction" on a walk that turns back 250 m at 40 % of the way.
fn detect_turn(scenario: &Scenario, noise: &GpsNoise, seed: u64, detection: &mut Detection) {
    let prepared = RouteLine::new(&scenario.line).expect("a route");
    let length = prepared.length_m();
    // Forward to 40 %, back 250 m, then on to the end.
    let turn_at = 0.4 * length;
    let mut walked = Vec::new();
    let mut sample = |from: f64, to: f64| {
        let steps = ((to - from).abs() / 5.0).ceil().max(1.0) as usize;
        for k in 0..=steps {
            walked.push(prepared.position_at(from + (to - from) * k as f64 / steps as f64));
        }
    };
    sample(0.0, turn_at);
    sample(turn_at, turn_at - 250.0);
    sample(turn_at - 250.0, length);
    let config = SimulationConfig {
        noise: noise.clone(),
        ..SimulationConfig::walk(seed)
    };
    let fixes = simulate(&walked, &config).expect("a walk");
    let turn_ms = config.start_ms + (turn_at / SPEED_MPS * 1000.0) as i64;
    let alerts = follow(&scenario.line, &fixes);
    detection.turn_s.push(
        alerts
            .wrong_direction
            .iter()
            .find(|&&time| time >= turn_ms)
            .map(|time| (time - turn_ms) as f64 / 1000.0),
    );
    detection.repeats += alerts.wrong_direction.len().saturating_sub(1)
        + alerts.right_direction.len().saturating_sub(1)
        + alerts.off_route.len();
}

fn percent(value: f64) -> String {
    format!("{:.1} %", value * 100.0)
}

fn worst(values: impl Iterator<Item = f64>) -> f64 {
    values.fold(0.0, |worst: f64, value| {
        if value.abs() > worst.abs() {
            value
        } else {
            worst
        }
    })
}

fn median(values: impl Iterator<Item = f64>) -> f64 {
    let mut values: Vec<f64> = values.map(f64::abs).collect();
    quantile(&mut values, 0.5)
}

/// An ascent error's share of the goal (10 % of the truth or 15 m): 1 at the goal.
fn ascent_goal_share(result: &WalkResult, error_m: f64) -> f64 {
    error_m.abs() / (0.1 * result.true_ascent_m).max(15.0)
}

fn main() {
    let mut scenarios = synthetic_scenarios();
    scenarios.extend(fixture_scenarios());
    println!(
        "{} routes x {} seeds x {} noise models",
        scenarios.len(),
        seeds(),
        noises().len()
    );
    for scenario in &scenarios {
        let line = RouteLine::new(&scenario.line).expect("a route");
        let (ascent, descent) = true_gain(&line);
        println!(
            "  {:<14} {:<40} {:>7.0} m  +{ascent:.0} / -{descent:.0} m",
            scenario.family,
            scenario.name,
            line.length_m()
        );
    }
    let mut results = Vec::new();
    let mut detections: BTreeMap<&str, Detection> = BTreeMap::new();
    for scenario in &scenarios {
        for (name, noise) in noises() {
            for seed in 0..seeds() {
                results.push(walk(scenario, &noise, name, seed));
                let detection = detections.entry(name).or_default();
                detect_detour(scenario, &noise, seed, detection);
                detect_turn(scenario, &noise, seed, detection);
            }
        }
    }

    println!();
    println!(
        "| routes | noise | distance error, median / worst (naive) | ascent error GPS, worst m (baro; naive) | max speed / true (naive) | moving time error, worst (naive) | false alerts: off route + wrong direction (naive) | arrivals |"
    );
    println!("| --- | --- | --- | --- | --- | --- | --- | --- |");
    let mut families: Vec<&str> = results.iter().map(|r| r.family).collect();
    families.dedup();
    families.sort_unstable();
    families.dedup();
    for family in &families {
        for (noise, _) in noises() {
            let group: Vec<&WalkResult> = results
                .iter()
                .filter(|r| r.family == *family && r.noise == noise)
                .collect();
            println!(
                "| {family} | {noise} | {} / {} ({} / {}) | {:+.0} ({:+.0}; {:+.0}) | {:.2} ({:.1}) | {} ({}) | {} + {} ({}) | {}/{} |",
                percent(median(group.iter().map(|r| r.distance_error))),
                percent(worst(group.iter().map(|r| r.distance_error))),
                percent(median(group.iter().map(|r| r.naive_distance_error))),
                percent(worst(group.iter().map(|r| r.naive_distance_error))),
                worst(group.iter().map(|r| r.ascent_error_m)),
                worst(group.iter().map(|r| r.barometric_ascent_error_m)),
                worst(group.iter().map(|r| r.naive_ascent_error_m)),
                group.iter().map(|r| r.max_speed_ratio).fold(0.0, f64::max),
                group
                    .iter()
                    .map(|r| r.naive_max_speed_ratio)
                    .fold(0.0, f64::max),
                percent(worst(group.iter().map(|r| r.moving_error))),
                percent(worst(group.iter().map(|r| r.naive_moving_error))),
                group.iter().map(|r| r.off_route_alerts).sum::<usize>(),
                group
                    .iter()
                    .map(|r| r.wrong_direction_alerts)
                    .sum::<usize>(),
                group.iter().map(|r| r.naive_false_alerts).sum::<usize>(),
                group.iter().filter(|r| r.arrived).count(),
                group.len(),
            );
        }
    }

    println!();
    println!(
        "| noise | detour announced, worst s (missed) | its end announced, worst s (missed) | turn back announced, worst s (missed) | repeated events | detours near another part of the route |"
    );
    println!("| --- | --- | --- | --- | --- | --- |");
    for (noise, detection) in &detections {
        let summary = |delays: &[Option<f64>]| {
            let worst = delays.iter().flatten().copied().fold(0.0, f64::max);
            let missed = delays.iter().filter(|delay| delay.is_none()).count();
            format!("{worst:.0} ({missed})")
        };
        println!(
            "| {noise} | {} | {} | {} | {} | {} |",
            summary(&detection.off_route_s),
            summary(&detection.back_s),
            summary(&detection.turn_s),
            detection.repeats,
            detection.not_applicable
        );
    }

    println!();
    let by_noise = |noise: &'static str| results.iter().filter(move |r| r.noise == noise);
    let typical_median = median(by_noise("typical").map(|r| r.distance_error));
    report(&Comparison {
        name: "distance error, typical noise, median",
        value: typical_median * 100.0,
        unit: "%",
        baseline_name: "naive raw fixes",
        baseline: median(by_noise("typical").map(|r| r.naive_distance_error)) * 100.0,
        goal: "<= 2 %",
    });
    report(&Comparison {
        name: "distance error, typical noise, worst",
        value: worst(by_noise("typical").map(|r| r.distance_error)).abs() * 100.0,
        unit: "%",
        baseline_name: "naive raw fixes",
        baseline: worst(by_noise("typical").map(|r| r.naive_distance_error)).abs() * 100.0,
        goal: "<= 5 %",
    });
    for noise in ["harsh", "multipath"] {
        report(&Comparison {
            name: &format!("distance error, {noise} noise, worst"),
            value: worst(by_noise(noise).map(|r| r.distance_error)).abs() * 100.0,
            unit: "%",
            baseline_name: "naive raw fixes",
            baseline: worst(by_noise(noise).map(|r| r.naive_distance_error)).abs() * 100.0,
            goal: "<= 8 %",
        });
    }
    for (label, pick) in [
        (
            "GPS altitude",
            (|r: &WalkResult| r.ascent_error_m) as fn(&WalkResult) -> f64,
        ),
        ("barometer", |r: &WalkResult| r.barometric_ascent_error_m),
    ] {
        report(&Comparison {
            name: &format!("ascent error from the {label}, worst share of the goal"),
            value: results
                .iter()
                .map(|r| ascent_goal_share(r, pick(r)))
                .fold(0.0, f64::max),
            unit: "x goal",
            baseline_name: "naive sum of rises",
            baseline: results
                .iter()
                .map(|r| ascent_goal_share(r, r.naive_ascent_error_m))
                .fold(0.0, f64::max),
            goal: "<= 1 (10 % or 15 m, whichever is larger)",
        });
    }
    report(&Comparison {
        name: "max speed over 10 s, worst ratio to the true max",
        value: results
            .iter()
            .map(|r| r.max_speed_ratio)
            .fold(0.0, f64::max),
        unit: "x",
        baseline_name: "naive raw fixes",
        baseline: results
            .iter()
            .map(|r| r.naive_max_speed_ratio)
            .fold(0.0, f64::max),
        goal: "<= 1.5",
    });
    report(&Comparison {
        name: "moving time error, worst",
        value: worst(results.iter().map(|r| r.moving_error)).abs() * 100.0,
        unit: "%",
        baseline_name: "naive raw fixes",
        baseline: worst(results.iter().map(|r| r.naive_moving_error)).abs() * 100.0,
        goal: "<= 5 %",
    });
    report(&Comparison {
        name: "false alerts (off route, wrong direction) walking forward",
        value: results
            .iter()
            .map(|r| r.off_route_alerts + r.wrong_direction_alerts)
            .sum::<usize>() as f64,
        unit: "alerts",
        baseline_name: "naive nearest-point follower",
        baseline: results.iter().map(|r| r.naive_false_alerts).sum::<usize>() as f64,
        goal: "0",
    });
    report(&Comparison {
        name: "walks walked to the end with one arrival",
        value: results.iter().filter(|r| r.arrived).count() as f64 / results.len() as f64 * 100.0,
        unit: "%",
        baseline_name: "walks",
        baseline: 100.0,
        goal: "100 %",
    });
    let all = |pick: fn(&Detection) -> &Vec<Option<f64>>| {
        detections
            .values()
            .flat_map(pick)
            .map(|delay| delay.unwrap_or(f64::INFINITY))
            .fold(0.0, f64::max)
    };
    for (name, pick, goal) in [
        (
            "detour of 120 m announced, worst delay",
            (|d: &Detection| &d.off_route_s) as fn(&Detection) -> &Vec<Option<f64>>,
            "<= 30 s",
        ),
        (
            "end of the detour announced, worst delay",
            |d| &d.back_s,
            "<= 20 s",
        ),
        ("turn back announced, worst delay", |d| &d.turn_s, "<= 60 s"),
    ] {
        report(&Comparison {
            name,
            value: all(pick),
            unit: "s",
            baseline_name: "goal",
            baseline: goal
                .trim_start_matches("<= ")
                .trim_end_matches(" s")
                .parse()
                .unwrap_or(f64::NAN),
            goal,
        });
    }
}
