//! Per-fix cost of recording and following on a 50,000-vertex trek: filter,
//! statistics and follower without the durable write, then with it (SQLite WAL,
//! synchronous=FULL) against the alternative it was chosen over, an fsync'd
//! append-only journal; and the windowed snap against a naive scan of the line.

use std::hint::black_box;
use std::io::Write;
use std::time::Instant;

use sentier_core::geodesy::LatLon;
use sentier_core::geodesy::LocalProjection;
use sentier_core::trail::simulator::simulate;
use sentier_core::trail::snap::RouteLine;
use sentier_core::trail::{
    FilterConfig, Fix, FixFilter, Follower, FollowerConfig, Recorder, RecorderConfig, Route,
    SimulationConfig, StatsAccumulator, TrackPoint,
};
use sentier_testkit::bench::{Comparison, quantile, report};

const VERTICES: usize = 50_000;

/// Fixes pushed through the durable store (each one an fsync).
const DURABLE_FIXES: usize = 3_000;

/// A winding 100 km trek, a vertex every 2 m, climbing and descending.
fn trek() -> Vec<LatLon> {
    let frame = LocalProjection::around((6.35, 44.85));
    (0..VERTICES)
        .map(|i| {
            let s = i as f64 * 2.0;
            let (lng, lat) = frame.unproject((300.0 * (s / 700.0).sin(), s * 0.999));
            LatLon {
                lat,
                lon: lng,
                ele: Some(1_500.0 + 400.0 * (s / 5_000.0).sin() + 30.0 * (s / 300.0).sin()),
            }
        })
        .collect()
}

fn micros(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1e6
}

/// Filter, statistics and follower for each fix, without storing anything.
fn in_memory_pipeline(route: &Route, fixes: &[Fix], follow: bool) -> Vec<f64> {
    let mut filter = FixFilter::new(FilterConfig::default());
    let mut stats = StatsAccumulator::new();
    let mut follower =
        Follower::new(route.clone(), FollowerConfig::default()).expect("a valid trek");
    let mut sequence = 0;
    fixes
        .iter()
        .map(|fix| {
            let start = Instant::now();
            if filter.check(fix).is_ok() {
                filter.accept(fix);
                stats.push(&TrackPoint {
                    sequence,
                    segment: 0,
                    fix: fix.clone(),
                });
                sequence += 1;
                black_box(stats.stats());
            }
            if follow {
                black_box(follower.update(fix));
            }
            micros(start)
        })
        .collect()
}

/// The recorder (filter, statistics, durable write) and the follower.
fn durable_pipeline(route: &Route, fixes: &[Fix]) -> Vec<f64> {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mut recorder = Recorder::open(dir.path().join("tracks.sqlite"), RecorderConfig::default())
        .expect("a store");
    recorder.start("bench", 0).expect("a new recording");
    let mut follower =
        Follower::new(route.clone(), FollowerConfig::default()).expect("a valid trek");
    fixes
        .iter()
        .map(|fix| {
            let start = Instant::now();
            black_box(recorder.push_fix(fix.clone(), 0).expect("a durable write"));
            black_box(recorder.stats());
            black_box(follower.update(fix));
            micros(start)
        })
        .collect()
}

/// The alternative store: one line per fix appended to a file and fsync'd.
fn journal_appends(fixes: &[Fix]) -> Vec<f64> {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mut journal = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(dir.path().join("journal"))
        .expect("a journal file");
    fixes
        .iter()
        .map(|fix| {
            let start = Instant::now();
            writeln!(
                journal,
                "{} {} {:?} {:?}",
                fix.latitude, fix.longitude, fix.altitude, fix.timestamp_ms
            )
            .and_then(|()| journal.sync_data())
            .expect("an fsync'd append");
            micros(start)
        })
        .collect()
}

/// Time per snap, windowed around the true progress or over the whole line.
fn snaps(line: &RouteLine, fixes: &[Fix], windowed: bool) -> f64 {
    let points: Vec<[f64; 2]> = fixes
        .iter()
        .map(|fix| line.to_xy(fix.latitude, fix.longitude))
        .collect();
    let mut along = 0.0;
    let start = Instant::now();
    for point in &points {
        let snap = if windowed {
            line.snap_window(*point, along, 80.0)
        } else {
            line.snap_nearest(*point)
        };
        along = black_box(snap).along_m;
    }
    micros(start) / points.len() as f64
}

fn report_quantiles(
    name: &str,
    samples: &mut [f64],
    baseline_name: &str,
    baseline: &mut [f64],
    goal: &str,
) {
    for (label, q) in [("p50", 0.5), ("p99", 0.99)] {
        report(&Comparison {
            name: &format!("{name} {label}"),
            value: quantile(samples, q),
            unit: "µs",
            baseline_name: &format!("{baseline_name} {label}"),
            baseline: quantile(baseline, q),
            goal,
        });
    }
}

fn main() {
    let line = trek();
    let route = Route::from_line("bench", line.clone());
    // Fixes 5 s apart: nearly every one passes the filter, so nearly every
    // one is a write in the durable run.
    let walk = SimulationConfig {
        interval_s: 5.0,
        ..SimulationConfig::walk(42)
    };
    let fixes = simulate(&line, &walk).expect("a walk");
    println!("trek of {VERTICES} vertices, {} fixes", fixes.len());

    let mut followed = in_memory_pipeline(&route, &fixes, true);
    let mut recorded_only = in_memory_pipeline(&route, &fixes, false);
    report_quantiles(
        "per fix, filter + stats + follow, no write",
        &mut followed,
        "filter + stats only",
        &mut recorded_only,
        "p99 < 50 µs",
    );

    let durable_fixes = &fixes[..DURABLE_FIXES.min(fixes.len())];
    let mut durable = durable_pipeline(&route, durable_fixes);
    let mut journal = journal_appends(durable_fixes);
    report_quantiles(
        "per fix, filter + stats + follow + SQLite WAL FULL commit",
        &mut durable,
        "fsync'd append-only journal write alone",
        &mut journal,
        "p99 < 1 ms",
    );

    let prepared = RouteLine::new(&line).expect("a valid trek");
    let sample = &fixes[..2_000.min(fixes.len())];
    report(&Comparison {
        name: "windowed snap per fix",
        value: snaps(&prepared, sample, true),
        unit: "µs",
        baseline_name: "naive closest-point scan of the whole line",
        baseline: snaps(&prepared, sample, false),
        goal: "ratio well under 1",
    });
}
