//! Ascent from noisy GPS altitudes: on a profile of known ascent, walked with
//! simulated receiver noise and recorded through the real pipeline, the naive
//! sum of altitude differences over-counts, and the recorder's figure stays
//! within 5 % of the truth.

use crate::trail_support;

use sentier_core::trail::simulator::simulate;
use sentier_core::trail::{GpsNoise, Recorder, RecorderConfig, SimulationConfig, TrackStats};

/// 10 km of four full sine waves of 200 m amplitude: 1,600 m up, 1,600 m down.
const TRUE_ASCENT_M: f64 = 1_600.0;

fn profile(distance_m: f64) -> f64 {
    1_500.0 + 200.0 * (std::f64::consts::TAU * distance_m / 2_500.0).sin()
}

fn record(noise: GpsNoise, seed: u64) -> (TrackStats, f64) {
    let route = trail_support::straight(10_000.0, 10.0, profile);
    let fixes = simulate(
        &route,
        &SimulationConfig {
            noise,
            ..SimulationConfig::walk(seed)
        },
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut recorder =
        Recorder::open(dir.path().join("tracks.sqlite"), RecorderConfig::default()).unwrap();
    recorder.start("profile", 0).unwrap();
    for fix in &fixes {
        recorder.push_fix(fix.clone(), 0).unwrap();
    }
    let track = recorder.track().unwrap();
    let points = recorder.store().points(track).unwrap();
    let naive_ascent = points
        .windows(2)
        .filter_map(|pair| Some(pair[1].fix.altitude? - pair[0].fix.altitude?))
        .filter(|rise| *rise > 0.0)
        .sum();
    (recorder.stop().unwrap().stats, naive_ascent)
}

#[test]
fn a_noise_free_profile_loses_only_the_rounding_of_its_peaks() {
    let (stats, naive) = record(GpsNoise::none(), 1);
    assert!(error(stats.ascent_m) < 0.005, "{stats:?}");
    assert!(error(stats.descent_m) < 0.005, "{stats:?}");
    assert!(error(naive) < 0.001);
}

/// Relative error of a figure against the truth.
fn error(figure: f64) -> f64 {
    (figure - TRUE_ASCENT_M).abs() / TRUE_ASCENT_M
}

fn report(noise: &GpsNoise, seed: u64, stats: &TrackStats, naive: f64) {
    println!(
        "seed {seed}, altitude sigma {} m: ascent {:.0} m ({:.1} % off), descent {:.0} m, naive sum {naive:.0} m ({:.0} % off)",
        noise.vertical_sigma_m,
        stats.ascent_m,
        error(stats.ascent_m) * 100.0,
        stats.descent_m,
        error(naive) * 100.0,
    );
}

#[test]
fn typical_noise_overcounts_naively_but_stays_within_5_percent_here() {
    let noise = GpsNoise::typical();
    for seed in 1..=5 {
        let (stats, naive) = record(noise.clone(), seed);
        report(&noise, seed, &stats, naive);
        assert!(
            naive > TRUE_ASCENT_M * 1.5,
            "the naive sum {naive} should over-count"
        );
        assert!(error(stats.ascent_m) < 0.05, "ascent {}", stats.ascent_m);
        assert!(error(stats.descent_m) < 0.05, "descent {}", stats.descent_m);
    }
}

#[test]
fn harsh_noise_still_cuts_the_naive_error_by_four() {
    let noise = GpsNoise::harsh();
    for seed in 11..=13 {
        let (stats, naive) = record(noise.clone(), seed);
        report(&noise, seed, &stats, naive);
        assert!(
            error(stats.ascent_m) < error(naive) / 4.0,
            "ascent {} naive {naive}",
            stats.ascent_m
        );
    }
}
