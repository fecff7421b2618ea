//! Following routes of every shape with simulated walks: progress, off-route
//! and back with hysteresis, wrong direction, points ahead, sensitive zones,
//! arrival, and time estimates.

use crate::trail_support;

use sentier_core::atomic_file::write_atomically_with;
use sentier_core::geodesy::LatLon;
use sentier_core::trail::gpx_file::{read_gpx, write_route_gpx};
use sentier_core::trail::simulator::simulate;
use sentier_core::trail::{
    Detour, Fix, FollowHeadline, FollowStatus, Follower, FollowerConfig, FollowerEvent, GpsNoise,
    Route, RoutePoint, RoutePointKind, SensitiveZone, SimulationConfig,
};

/// Replays `fixes`; returns every event and the progress after each fix.
fn follow(follower: &mut Follower, fixes: &[Fix]) -> (Vec<FollowerEvent>, Vec<f64>) {
    let mut events = Vec::new();
    let mut progress = Vec::new();
    for fix in fixes {
        events.extend(follower.update(fix));
        progress.push(follower.state().distance_done_m);
    }
    (events, progress)
}

fn count(events: &[FollowerEvent], wanted: fn(&FollowerEvent) -> bool) -> usize {
    events.iter().filter(|event| wanted(event)).count()
}

/// A follower with the default thresholds on a plain line.
fn follower_on(line: Vec<LatLon>) -> Follower {
    Follower::new(
        Route::from_line("synthetic", line),
        FollowerConfig::default(),
    )
    .unwrap()
}

fn walk(line: &[LatLon], seed: u64, detours: Vec<Detour>) -> Vec<Fix> {
    simulate(
        line,
        &SimulationConfig {
            detours,
            ..SimulationConfig::walk(seed)
        },
    )
    .unwrap()
}

#[test]
fn a_detour_gives_one_off_route_one_back_on_route_and_arrival() {
    let line = trail_support::straight(3_000.0, 20.0, |s| 1_000.0 + s * 0.05);
    let detour = Detour {
        at_m: 1_000.0,
        length_m: 400.0,
        offset_m: 120.0,
    };
    let fixes = walk(&line, 3, vec![detour]);
    let mut follower = follower_on(line);
    let (events, _) = follow(&mut follower, &fixes);
    let kinds: Vec<_> = events
        .iter()
        .filter(|event| !matches!(event, FollowerEvent::PointAhead { .. }))
        .collect();
    assert!(
        matches!(
            kinds.as_slice(),
            [
                FollowerEvent::OffRoute { .. },
                FollowerEvent::BackOnRoute,
                FollowerEvent::Arrived
            ]
        ),
        "{kinds:?}"
    );
    let state = follower.state();
    assert_eq!(state.status, FollowStatus::Arrived);
    assert!(state.distance_remaining_m <= 15.0);
    assert!(state.share_done > 0.99);
}

#[test]
fn jitter_inside_the_corridor_never_leaves_the_route() {
    let line = trail_support::straight(2_000.0, 10.0, |_| 1_000.0);
    for seed in 0..5 {
        let fixes = walk(&line, seed, Vec::new());
        let mut follower = follower_on(line.clone());
        let (events, _) = follow(&mut follower, &fixes);
        assert_eq!(events, vec![FollowerEvent::Arrived], "seed {seed}");
    }
}

#[test]
fn a_loop_does_not_arrive_at_its_start() {
    let line = trail_support::circle(500.0, 400);
    let fixes = walk(&line, 5, Vec::new());
    let mut follower = follower_on(line);
    let (events, progress) = follow(&mut follower, &fixes);
    assert!(progress[0] < 20.0, "started at {}", progress[0]);
    assert_eq!(count(&events, |e| matches!(e, FollowerEvent::Arrived)), 1);
    assert_eq!(events.last(), Some(&FollowerEvent::Arrived));
    assert!(progress[progress.len() / 2] > 1_000.0);
}

/// Progress between consecutive fixes never moves more than a walk allows:
/// it did not jump to the other leg or branch.
fn assert_no_jumps(progress: &[f64], fixes: &[Fix]) {
    for (window, times) in progress.windows(2).zip(fixes.windows(2)) {
        let seconds =
            (times[1].timestamp_ms.unwrap() - times[0].timestamp_ms.unwrap()) as f64 / 1000.0;
        let step = (window[1] - window[0]).abs();
        assert!(
            step <= 40.0 + 2.0 * seconds,
            "progress jumped {} -> {}",
            window[0],
            window[1]
        );
    }
}

/// Walks `line` with three noise seeds: no progress jump, no event but arrival.
fn assert_followed_cleanly(line: &[LatLon]) {
    for seed in 0..3 {
        let fixes = walk(line, seed, Vec::new());
        let mut follower = follower_on(line.to_vec());
        let (events, progress) = follow(&mut follower, &fixes);
        assert_no_jumps(&progress, &fixes);
        assert_eq!(events, vec![FollowerEvent::Arrived], "seed {seed}");
    }
}

#[test]
fn out_and_back_progress_stays_on_the_leg_being_walked() {
    assert_followed_cleanly(&trail_support::out_and_back(1_500.0, 10.0));
}

#[test]
fn a_self_crossing_trek_keeps_its_branch() {
    assert_followed_cleanly(&trail_support::figure_eight(600.0, 600));
}

#[test]
fn turning_back_is_the_wrong_direction_until_the_hiker_turns_again() {
    let line = trail_support::straight(2_000.0, 10.0, |_| 1_000.0);
    // Walk north to 800 m, back to 700 m, north again to the end.
    let stops = [
        (0.0, 0.0),
        (800.0, 800.0),
        (700.0, 900.0),
        (2_000.0, 2_200.0),
    ];
    let mut fixes = Vec::new();
    for pair in stops.windows(2) {
        let ((from, t0), (to, t1)) = (pair[0], pair[1]);
        for i in 0..(t1 - t0) as usize {
            let share = i as f64 / (t1 - t0);
            fixes.push(trail_support::fix_at(
                0.0,
                from + (to - from) * share,
                None,
                t0 + i as f64,
            ));
        }
    }
    fixes.push(trail_support::fix_at(0.0, 2_000.0, None, 2_200.0));
    let mut follower = follower_on(line);
    assert_eq!(follower.state().headline, FollowHeadline::Waiting);
    let mut events = Vec::new();
    let mut headlines = Vec::new();
    for fix in &fixes {
        events.extend(follower.update(fix));
        let headline = follower.state().headline;
        if headlines.last() != Some(&headline) {
            headlines.push(headline);
        }
    }
    assert_eq!(
        events,
        vec![
            FollowerEvent::WrongDirection,
            FollowerEvent::RightDirection,
            FollowerEvent::Arrived
        ]
    );
    assert_eq!(
        headlines,
        [
            FollowHeadline::OnRoute,
            FollowHeadline::WrongDirection,
            FollowHeadline::OnRoute,
            FollowHeadline::Arrived
        ]
    );
}

/// A fix `east_m`, `north_m` of the line's origin at `seconds`, admitting
/// to `accuracy_m`.
fn fix_of(east_m: f64, north_m: f64, seconds: f64, accuracy_m: f64) -> Fix {
    Fix {
        horizontal_accuracy: Some(accuracy_m),
        ..trail_support::fix_at(east_m, north_m, None, seconds)
    }
}

#[test]
fn a_burst_of_multipath_beside_the_route_is_no_detour() {
    let line = trail_support::straight(2_000.0, 10.0, |_| 1_000.0);
    // North at 1 m/s with fixes of 8 m; at 600 m a multipath burst pulls 15
    // fixes 50 m east while they admit to 25 m.
    let fixes: Vec<Fix> = (0..=2_000)
        .map(|m| {
            let along = f64::from(m);
            if (600..615).contains(&m) {
                fix_of(50.0, along, along, 25.0)
            } else {
                fix_of(0.0, along, along, 8.0)
            }
        })
        .collect();
    let mut follower = follower_on(line);
    let (events, _) = follow(&mut follower, &fixes);
    assert_eq!(events, vec![FollowerEvent::Arrived]);
}

#[test]
fn a_burst_ahead_during_a_halt_is_no_turn_back_once_the_precise_fixes_return() {
    let line = trail_support::straight(2_000.0, 10.0, |_| 1_000.0);
    // North at 1 m/s with fixes of 8 m to 600 m, a three-minute halt there,
    // during which a multipath burst places 15 fixes 45 m further on while
    // admitting to 25 m, then on to the end.
    let mut fixes: Vec<Fix> = (0..=600)
        .map(|m| fix_of(0.0, f64::from(m), f64::from(m), 8.0))
        .collect();
    fixes.extend((601..=780).map(|t| {
        if (640..655).contains(&t) {
            fix_of(0.0, 645.0, f64::from(t), 25.0)
        } else {
            fix_of(0.0, 600.0, f64::from(t), 8.0)
        }
    }));
    fixes.extend((601..=2_000).map(|m| fix_of(0.0, f64::from(m), f64::from(m + 180), 8.0)));
    let mut follower = follower_on(line);
    let (events, _) = follow(&mut follower, &fixes);
    assert_eq!(events, vec![FollowerEvent::Arrived]);
}

#[test]
fn a_stray_fix_after_an_outage_does_not_turn_the_hiker_back() {
    let line = trail_support::straight(2_000.0, 10.0, |_| 1_000.0);
    // North at 1 m/s to 800 m, a minute without fixes, then one stray fix on
    // the line 100 m behind, then the hiker where they are, 861 m and on.
    let mut fixes: Vec<Fix> = (0..=800)
        .map(|m| trail_support::fix_at(0.0, f64::from(m), None, f64::from(m)))
        .collect();
    fixes.push(trail_support::fix_at(0.0, 700.0, None, 860.0));
    fixes.extend(
        (861..=2_000).map(|m| trail_support::fix_at(0.0, f64::from(m), None, f64::from(m))),
    );
    let mut follower = follower_on(line);
    let (events, progress) = follow(&mut follower, &fixes);
    assert_eq!(events, vec![FollowerEvent::Arrived]);
    assert!(progress[801] > 799.0, "went back to {}", progress[801]);
}

#[test]
fn a_detour_before_the_route_is_acquired_forgets_the_place_it_started_from() {
    let line = trail_support::straight(2_000.0, 10.0, |_| 1_000.0);
    // One fix at the start, then 300 m away for twenty seconds, then back 1.5 km on.
    let mut fixes = vec![trail_support::fix_at(0.0, 0.0, None, 0.0)];
    fixes.extend((1..=20).map(|t| trail_support::fix_at(300.0, 0.0, None, f64::from(t))));
    fixes.extend(
        (600..=602).map(|t| trail_support::fix_at(0.0, 900.0 + f64::from(t), None, f64::from(t))),
    );
    let mut follower = follower_on(line);
    let (events, progress) = follow(&mut follower, &fixes);
    assert_eq!(
        count(&events, |e| matches!(e, FollowerEvent::OffRoute { .. })),
        1
    );
    // Back on the route at 601 s: one fix there does not place the hiker...
    assert_eq!(progress[22], 0.0, "{progress:?}");
    // ...two agreeing ones do.
    assert!((progress[23] - 1_502.0).abs() < 1.0, "{progress:?}");
}

#[test]
fn points_ahead_are_announced_once_in_route_order() {
    let line = trail_support::straight(2_000.0, 10.0, |_| 1_000.0);
    let place = |north: f64, east: f64| trail_support::route_through([(east, north, 1_000.0)])[0];
    let point = |kind, id, name: &str, position| RoutePoint {
        kind,
        id,
        name: name.into(),
        position,
    };
    let route = Route {
        points: vec![
            point(RoutePointKind::Signage, 7, "Col", place(1_500.0, 5.0)),
            point(RoutePointKind::Poi, 3, "Lac", place(600.0, -30.0)),
            point(
                RoutePointKind::InformationDesk,
                9,
                "Far away",
                place(1_000.0, 500.0),
            ),
        ],
        ..Route::from_line("points", line.clone())
    };
    let mut follower = Follower::new(route, FollowerConfig::default()).unwrap();
    let (events, _) = follow(&mut follower, &walk(&line, 1, Vec::new()));
    let announced: Vec<(u64, f64)> = events
        .iter()
        .filter_map(|event| match event {
            FollowerEvent::PointAhead { ahead } => Some((ahead.point.id, ahead.distance_m)),
            _ => None,
        })
        .collect();
    assert_eq!(
        announced.iter().map(|(id, _)| *id).collect::<Vec<_>>(),
        vec![3, 7]
    );
    assert!(
        announced
            .iter()
            .all(|(_, distance)| (100.0..=150.0).contains(distance)),
        "{announced:?}"
    );
}

#[test]
fn sensitive_zones_alert_only_in_their_months_and_for_their_practices() {
    let line = trail_support::straight(2_000.0, 10.0, |_| 1_000.0);
    let square = trail_support::route_through([
        (-100.0, 900.0, 0.0),
        (100.0, 900.0, 0.0),
        (100.0, 1_100.0, 0.0),
        (-100.0, 1_100.0, 0.0),
        (-100.0, 900.0, 0.0),
    ]);
    let zone = |id: u64, months: &[usize], practices: Vec<u64>| SensitiveZone {
        id,
        name: format!("zone {id}"),
        polygons: vec![square.clone()],
        months: (1..=12).map(|m| months.contains(&m)).collect(),
        practice_ids: practices,
    };
    let route = Route {
        sensitive_zones: vec![
            zone(1, &[6, 7], vec![]),
            zone(2, &[1], vec![]),
            zone(3, &[7], vec![4]),
        ],
        ..Route::from_line("zones", line.clone())
    };
    // The walk starts on 2026-06-30 at 10:00 local time (UTC+2): June, so only
    // zone 1 (June-July, every practice) applies to practice 1.
    let config = FollowerConfig {
        practice_id: Some(1),
        utc_offset_minutes: 120,
        ..FollowerConfig::default()
    };
    let mut follower = Follower::new(route, config).unwrap();
    let fixes = trail_support::exact_walk(&line);
    let (events, _) = follow(&mut follower, &fixes);
    let zone_events: Vec<_> = events
        .into_iter()
        .filter(|event| {
            matches!(
                event,
                FollowerEvent::EnteredSensitiveZone { .. }
                    | FollowerEvent::LeftSensitiveZone { .. }
            )
        })
        .collect();
    assert_eq!(
        zone_events,
        vec![
            FollowerEvent::EnteredSensitiveZone {
                zone_id: 1,
                name: "zone 1".into()
            },
            FollowerEvent::LeftSensitiveZone {
                zone_id: 1,
                name: "zone 1".into()
            },
        ]
    );
}

#[test]
fn walking_along_a_zone_edge_enters_once_and_leaves_once_clearly_out() {
    let square = trail_support::route_through([
        (-100.0, 0.0, 0.0),
        (100.0, 0.0, 0.0),
        (100.0, 400.0, 0.0),
        (-100.0, 400.0, 0.0),
        (-100.0, 0.0, 0.0),
    ]);
    // North along the zone's west edge, zigzagging 6 m in and out of it,
    // then away west.
    let mut path: Vec<(f64, f64, f64)> = (0..30)
        .map(|i| {
            (
                if i % 2 == 0 { -94.0 } else { -106.0 },
                50.0 + 10.0 * i as f64,
                1_000.0,
            )
        })
        .collect();
    path.extend([(-180.0, 360.0, 1_000.0), (-300.0, 380.0, 1_000.0)]);
    let line = trail_support::route_through(path);
    let route = Route {
        sensitive_zones: vec![SensitiveZone {
            id: 7,
            name: "edge".into(),
            polygons: vec![square],
            months: vec![true; 12],
            practice_ids: vec![],
        }],
        ..Route::from_line("edge walk", line.clone())
    };
    let mut follower = Follower::new(route, FollowerConfig::default()).unwrap();
    let (events, _) = follow(&mut follower, &trail_support::exact_walk(&line));
    let entered = count(&events, |e| {
        matches!(e, FollowerEvent::EnteredSensitiveZone { .. })
    });
    let left = count(&events, |e| {
        matches!(e, FollowerEvent::LeftSensitiveZone { .. })
    });
    assert_eq!((entered, left), (1, 1), "{events:?}");
}

#[test]
fn remaining_time_and_gain_follow_din_33466_and_geotrek_duration() {
    // 4 km climbing 600 m: DIN gives 1 h horizontal, 2 h vertical: 2.5 h.
    let line = trail_support::straight(4_000.0, 10.0, |s| 1_000.0 + s * 0.15);
    // Two fixes at the start: the route is acquired when a second one agrees.
    let start = [
        trail_support::fix_at(0.0, 0.0, Some(1_000.0), 0.0),
        trail_support::fix_at(0.0, 0.0, Some(1_000.0), 1.0),
    ];
    let mut follower = follower_on(line.clone());
    follow(&mut follower, &start[..1]);
    assert_eq!(
        follower.state().time_remaining_s,
        None,
        "not acquired on one fix"
    );
    follow(&mut follower, &start[1..]);
    let state = follower.state();
    assert!((state.ascent_remaining_m - 600.0).abs() < 1.0, "{state:?}");
    assert_eq!(
        state.arrival_at_ms,
        Some(
            start[1].timestamp_ms.unwrap()
                + (state.time_remaining_s.unwrap() * 1000.0).round() as i64
        ),
        "arrival at this pace, from the fix"
    );
    assert!(
        (state.time_remaining_s.unwrap() - 2.5 * 3_600.0).abs() < 60.0,
        "{state:?}"
    );
    let geotrek = Route {
        duration_hours: Some(3.0),
        ..Route::from_line("climb", line)
    };
    let mut follower = Follower::new(geotrek, FollowerConfig::default()).unwrap();
    follow(&mut follower, &start);
    assert!((follower.state().time_remaining_s.unwrap() - 3.0 * 3_600.0).abs() < 60.0);
}

#[test]
fn a_slow_hiker_gets_a_later_estimate() {
    let line = trail_support::straight(8_000.0, 10.0, |_| 1_000.0);
    // Half the DIN speed: 2 km/h.
    let slow = SimulationConfig {
        speed_mps: 2_000.0 / 3_600.0,
        noise: GpsNoise::none(),
        ..SimulationConfig::walk(1)
    };
    let fixes = simulate(&line, &slow).unwrap();
    let mut follower = follower_on(line);
    follow(&mut follower, &fixes[..fixes.len() / 2]);
    // 4 km left at 2 km/h.
    let left = follower.state().time_remaining_s.unwrap();
    assert!((left - 2.0 * 3_600.0).abs() < 120.0, "{left}");
}

#[test]
fn a_gpx_route_with_waypoints_can_be_followed() {
    let gpx = r#"<?xml version="1.0"?>
<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">
  <wpt lat="44.8045" lon="6.3"><name>Source</name></wpt>
  <trk><name>Vers le lac</name><trkseg>
    <trkpt lat="44.8" lon="6.3"><ele>1500</ele></trkpt>
    <trkpt lat="44.805" lon="6.3"><ele>1550</ele></trkpt>
  </trkseg><trkseg>
    <trkpt lat="44.81" lon="6.3"><ele>1600</ele></trkpt>
  </trkseg></trk>
</gpx>"#;
    let route = read_gpx(gpx.as_bytes()).unwrap().into_route("fallback");
    assert_eq!(route.name, "Vers le lac");
    assert_eq!(route.line.len(), 3);
    assert_eq!(route.points[0].name, "Source");
    let line = route.line.clone();
    let mut follower = Follower::new(route, FollowerConfig::default()).unwrap();
    let (events, _) = follow(&mut follower, &walk(&line, 2, Vec::new()));
    assert_eq!(
        count(&events, |e| matches!(e, FollowerEvent::PointAhead { .. })),
        1
    );
    assert_eq!(events.last(), Some(&FollowerEvent::Arrived));
}

#[test]
fn a_route_exported_as_gpx_reads_back_as_the_same_route() {
    let line: Vec<LatLon> = (0..5)
        .map(|i| LatLon {
            lat: 44.8 + f64::from(i) * 0.001,
            lon: 6.3,
            ele: Some(1500.0 + f64::from(i) * 10.0),
        })
        .collect();
    let points = vec![
        RoutePoint {
            kind: RoutePointKind::Poi,
            id: 7,
            name: "Cascade <du> Casset & co".into(),
            position: line[2],
        },
        RoutePoint {
            kind: RoutePointKind::Signage,
            id: 9,
            name: "Le Casset 1512 m".into(),
            position: line[4],
        },
    ];
    let route = Route {
        name: "Tour du lac".into(),
        line: line.clone(),
        points: points.clone(),
        sensitive_zones: Vec::new(),
        duration_hours: Some(2.0),
    };
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("tour.gpx");
    write_atomically_with(&path, |file| write_route_gpx(&route, file)).unwrap();

    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("<type>Signpost</type>"), "{text}");
    let back = read_gpx(text.as_bytes()).unwrap();
    assert_eq!(back.name.as_deref(), Some("Tour du lac"));
    assert_eq!(back.segments.len(), 1);
    let read_line: Vec<(f64, f64, Option<f64>)> = back.segments[0]
        .iter()
        .map(|fix| (fix.latitude, fix.longitude, fix.altitude))
        .collect();
    let written: Vec<(f64, f64, Option<f64>)> =
        line.iter().map(|p| (p.lat, p.lon, p.ele)).collect();
    assert_eq!(read_line, written);
    let names: Vec<&str> = back
        .waypoints
        .iter()
        .map(|(name, _)| name.as_str())
        .collect();
    assert_eq!(names, ["Cascade <du> Casset & co", "Le Casset 1512 m"]);
    assert_eq!(back.waypoints[1].1.lat, line[4].lat);
}

#[test]
fn a_failed_export_leaves_the_previous_file_and_no_partial_one() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("tour.gpx");
    std::fs::write(&path, "previous").unwrap();
    let failed = write_atomically_with(&path, |file| {
        std::io::Write::write_all(file, b"half a doc")?;
        Err(sentier_core::trail::TrailError::Gpx {
            detail: "interrupted".into(),
        })
    });
    assert!(failed.is_err());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "previous");
    let names: Vec<_> = std::fs::read_dir(folder.path()).unwrap().collect();
    assert_eq!(names.len(), 1, "no partial file is left behind");
}
