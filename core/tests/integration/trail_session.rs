//! The trail session's notifications on replayed walks, as snapshots: what
//! a phone in a pocket shows (tag, vibration, title, body), fix by fix, in
//! every language the core speaks; and the session's ongoing notification,
//! location requests and recording fed by the same fixes.

use crate::trail_support;

use sentier_core::geodesy::LatLon;
use sentier_core::locale::Language;
use sentier_core::measures::UnitSystem;
use sentier_core::trail::battery::BatteryMode;
use sentier_core::trail::sensitive::SensitiveNotice;
use sentier_core::trail::session::{FollowPlan, SessionSettings, TrailSession};
use sentier_core::trail::simulator::simulate;
use sentier_core::trail::{
    Detour, Fix, FollowerConfig, GpsNoise, Recorder, RecorderConfig, RecorderState, Route,
    RoutePoint, RoutePointKind, SensitiveZone, SimulationConfig, Stop,
};

fn settings(language: Language) -> SessionSettings {
    SessionSettings {
        language,
        units: UnitSystem::Metric,
        utc_offset_minutes: 120,
        announce_points: true,
    }
}

/// A square zone across the straight route, from `from_m` to `to_m` north.
fn zone(id: u64, name: &str, from_m: f64, to_m: f64, months: &[u8]) -> SensitiveZone {
    SensitiveZone {
        id,
        name: name.into(),
        polygons: vec![trail_support::route_through([
            (-150.0, from_m, 0.0),
            (150.0, from_m, 0.0),
            (150.0, to_m, 0.0),
            (-150.0, to_m, 0.0),
            (-150.0, from_m, 0.0),
        ])],
        months: (1..=12).map(|month| months.contains(&month)).collect(),
        practice_ids: Vec::new(),
    }
}

fn notice(zone: &SensitiveZone, rules: &[&str]) -> SensitiveNotice {
    SensitiveNotice {
        zone_id: zone.id,
        name: zone.name.clone(),
        months: zone.months.clone(),
        rules: rules.iter().map(|rule| rule.to_string()).collect(),
    }
}

/// A 3 km trek north with a signpost, a nesting area sensitive now (July,
/// the walk's month) and one sensitive only in winter.
fn plan() -> FollowPlan {
    let line = trail_support::straight(3_000.0, 20.0, |s| 1_000.0 + s * 0.05);
    let place = |north: f64| trail_support::route_through([(10.0, north, 1_000.0)])[0];
    let nesting = zone(7, "Aigle royal", 1_000.0, 1_200.0, &[3, 4, 5, 6, 7]);
    let wintering = zone(8, "Tétras-lyre", 2_200.0, 2_400.0, &[12, 1, 2, 3]);
    let route = Route {
        points: vec![RoutePoint {
            kind: RoutePointKind::Signage,
            id: 1,
            name: "Pont de l'Alpe".into(),
            position: place(600.0),
        }],
        sensitive_zones: vec![nesting.clone(), wintering.clone()],
        ..Route::from_line("Lac du Pontet", line)
    };
    FollowPlan {
        route,
        config: FollowerConfig {
            utc_offset_minutes: 120,
            ..FollowerConfig::default()
        },
        notices: vec![
            notice(&nesting, &["Regulated pedestrian access"]),
            notice(&wintering, &[]),
        ],
    }
}

/// The walk: a lunch at 900 m, a detour 130 m off the trek at 1.5 km.
fn walk(line: &[LatLon]) -> Vec<Fix> {
    let config = SimulationConfig {
        noise: GpsNoise::typical(),
        detours: vec![Detour {
            at_m: 1_500.0,
            length_m: 400.0,
            offset_m: -130.0,
        }],
        stops: vec![Stop {
            at_m: 900.0,
            duration_s: 300.0,
        }],
        ..SimulationConfig::walk(11)
    };
    simulate(line, &config).unwrap()
}

/// Every notification of the walk, one line each, in `language`.
fn transcript(language: Language, fixes: &[Fix]) -> String {
    let mut session = TrailSession::new(settings(language));
    session.start_following(plan()).unwrap();
    let start = fixes[0].timestamp_ms.unwrap();
    let mut lines = vec![format!("── {language:?}")];
    for fix in fixes {
        let at = fix.timestamp_ms.unwrap();
        let update = session.push_fix(fix.clone(), at).unwrap();
        for tag in update.withdrawn_tags {
            lines.push(format!("{:>5} s  withdraw {tag}", (at - start) / 1000));
        }
        for shown in update.notifications {
            lines.push(format!(
                "{:>5} s  [{}] {:?} {:?}\n           {}\n           {}",
                (at - start) / 1000,
                shown.tag,
                shown.priority,
                shown.vibration,
                shown.title,
                shown.body
            ));
        }
    }
    lines.join("\n")
}

#[test]
fn a_walk_through_a_detour_and_sensitive_areas_in_and_out_of_season_to_the_arrival() {
    let fixes = walk(&plan().route.line);
    let all: Vec<String> = Language::ALL
        .into_iter()
        .map(|language| transcript(language, &fixes))
        .collect();
    insta::assert_snapshot!(all.join("\n\n"));
}

#[test]
fn the_ongoing_notification_is_rewritten_every_half_minute_or_when_its_headline_changes() {
    let fixes = walk(&plan().route.line);
    let mut session = TrailSession::new(settings(Language::English));
    session.start_following(plan()).unwrap();
    let mut rewrites = Vec::new();
    for fix in &fixes {
        let at = fix.timestamp_ms.unwrap();
        if let Some(ongoing) = session.push_fix(fix.clone(), at).unwrap().ongoing {
            rewrites.push((at, ongoing));
        }
    }
    assert_eq!(rewrites[0].1.title, "Following Lac du Pontet");
    assert_eq!(rewrites[0].1.stop_label, "Stop");
    let walk_s =
        (fixes.last().unwrap().timestamp_ms.unwrap() - fixes[0].timestamp_ms.unwrap()) / 1000;
    // About one rewrite per half minute (the next fix after it is due), a
    // few more for the changes.
    assert!(
        rewrites.len() as i64 <= walk_s / 30 + 10,
        "{}",
        rewrites.len()
    );
    assert!(rewrites.len() as i64 >= walk_s / 35, "{}", rewrites.len());
    for pair in rewrites.windows(2) {
        let (earlier, later) = (&pair[0], &pair[1]);
        let soon = later.0 - earlier.0 < 30_000;
        assert!(
            !soon || earlier.1.text.split(' ').next() != later.1.text.split(' ').next(),
            "a rewrite within 30 s says something new: {:?} then {:?}",
            earlier.1.text,
            later.1.text
        );
    }
    assert!(
        rewrites
            .iter()
            .any(|(_, ongoing)| ongoing.text.contains("Off the trek by"))
    );
    assert_eq!(rewrites.last().unwrap().1.text, "Arrived");
}

#[test]
fn the_location_request_follows_the_situation() {
    let fixes = walk(&plan().route.line);
    let mut session = TrailSession::new(settings(Language::English));
    assert_eq!(session.location_request(), None, "nothing runs: no fixes");
    session.start_following(plan()).unwrap();
    let mut modes = Vec::new();
    for fix in &fixes {
        let at = fix.timestamp_ms.unwrap();
        if let Some(request) = session.push_fix(fix.clone(), at).unwrap().location_request {
            modes.push(request.mode);
        }
    }
    // Walking on the trek, stopped for lunch, on again, off the trek on the
    // detour, back on it.
    let first = |mode| modes.iter().position(|m| *m == mode).unwrap();
    assert_eq!(modes[0], BatteryMode::FollowingOnRoute);
    assert!(first(BatteryMode::Stopped) < first(BatteryMode::OffRoute));
    assert_eq!(
        modes[first(BatteryMode::OffRoute) + 1],
        BatteryMode::FollowingOnRoute
    );
    session.stop_following();
    assert_eq!(session.location_request(), None);
}

#[test]
fn one_fix_feeds_the_recording_and_the_follow() {
    let fixes = walk(&plan().route.line);
    let dir = tempfile::tempdir().unwrap();
    let mut recorder =
        Recorder::open(dir.path().join("tracks.db"), RecorderConfig::default()).unwrap();
    let start = fixes[0].timestamp_ms.unwrap();
    recorder.start("Lac du Pontet", start).unwrap();
    let mut session = TrailSession::new(settings(Language::French));
    session.attach_recorder(recorder);
    session.start_following(plan()).unwrap();
    let mut recorded = 0;
    for fix in &fixes {
        let update = session
            .push_fix(fix.clone(), fix.timestamp_ms.unwrap())
            .unwrap();
        recorded += usize::from(update.recorded.is_some());
        assert!(update.follow.is_some());
    }
    assert_eq!(recorded, fixes.len());
    let ongoing = session.ongoing().unwrap();
    assert_eq!(ongoing.title, "Suivi de Lac du Pontet · enregistrement");
    assert_eq!(
        session.recorder().map(|recorder| recorder.state()),
        Some(RecorderState::Recording)
    );
    let summary = session.stop_recording().unwrap().unwrap();
    assert!(summary.stats.distance_2d_m > 2_500.0, "{:?}", summary.stats);
    assert_eq!(session.ongoing().unwrap().title, "Suivi de Lac du Pontet");
}
