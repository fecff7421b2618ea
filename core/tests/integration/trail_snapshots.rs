//! Whole event sequences of the follower on replayed walks, as snapshots
//! (`insta`, as ferrostar does): a change in what a hiker is told, event by
//! event, shows in review as a diff of `snapshots/*.snap`. They record what
//! the follower says today, right or wrong (the loop under multipath still
//! hears alerts the walker did not earn: see the README's measures).

use crate::trail_support;

use sentier_core::geodesy::LatLon;
use sentier_core::trail::simulator::simulate;
use sentier_core::trail::{
    Detour, Fix, Follower, FollowerConfig, FollowerEvent, GpsNoise, Route, RoutePoint,
    RoutePointKind, SimulationConfig, Stop,
};

/// The walk's events, one line each: seconds from the start, progress, event.
fn transcript(route: Route, fixes: &[Fix]) -> String {
    let start = fixes[0].timestamp_ms.unwrap();
    let mut follower = Follower::new(route, FollowerConfig::default()).unwrap();
    let mut lines = Vec::new();
    for fix in fixes {
        for event in follower.update(fix) {
            let described = match event {
                FollowerEvent::OffRoute { distance_m } => {
                    format!("OffRoute ~{:.0} m", (distance_m / 10.0).round() * 10.0)
                }
                FollowerEvent::PointAhead { ahead } => {
                    format!(
                        "PointAhead {} ~{:.0} m",
                        ahead.point.name,
                        (ahead.distance_m / 10.0).round() * 10.0
                    )
                }
                other => format!("{other:?}"),
            };
            let state = follower.state();
            lines.push(format!(
                "{:>5} s {:>6.0} m  {described}",
                (fix.timestamp_ms.unwrap() - start) / 1000,
                (state.distance_done_m / 10.0).round() * 10.0
            ));
        }
    }
    lines.join("\n")
}

fn walk(line: &[LatLon], noise: GpsNoise, seed: u64, detours: Vec<Detour>) -> Vec<Fix> {
    let config = SimulationConfig {
        noise,
        detours,
        stops: vec![Stop {
            at_m: 900.0,
            duration_s: 300.0,
        }],
        ..SimulationConfig::walk(seed)
    };
    simulate(line, &config).unwrap()
}

#[test]
fn a_walk_with_a_lunch_a_detour_and_points_along_the_way() {
    let line = trail_support::straight(3_000.0, 20.0, |s| 1_000.0 + s * 0.05);
    let place = |north: f64| trail_support::route_through([(10.0, north, 1_000.0)])[0];
    let route = Route {
        points: vec![
            RoutePoint {
                kind: RoutePointKind::Signage,
                id: 1,
                name: "Pont".into(),
                position: place(600.0),
            },
            RoutePoint {
                kind: RoutePointKind::Poi,
                id: 2,
                name: "Cascade".into(),
                position: place(2_400.0),
            },
        ],
        ..Route::from_line("snapshot", line.clone())
    };
    let detour = Detour {
        at_m: 1_500.0,
        length_m: 400.0,
        offset_m: -130.0,
    };
    let fixes = walk(&line, GpsNoise::typical(), 11, vec![detour]);
    insta::assert_snapshot!(transcript(route, &fixes));
}

#[test]
fn a_loop_under_multipath_bursts() {
    let line = trail_support::circle(600.0, 300);
    let fixes = walk(&line, GpsNoise::multipath(), 5, Vec::new());
    insta::assert_snapshot!(transcript(Route::from_line("loop", line), &fixes));
}

#[test]
fn an_out_and_back_walked_under_harsh_noise() {
    let line = trail_support::out_and_back(1_500.0, 10.0);
    let fixes = walk(&line, GpsNoise::harsh(), 3, Vec::new());
    insta::assert_snapshot!(transcript(Route::from_line("out and back", line), &fixes));
}
