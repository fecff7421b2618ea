//! Recording through the real SQLite store: lifecycle, segments, filters and
//! their counters, auto-pause, recovery after the process died, saved tracks
//! and their exports.

use crate::trail_support;

use sentier_core::trail::geojson::track_feature;
use sentier_core::trail::gpx_file::{read_gpx, write_track_gpx};
use sentier_core::trail::simplify::simplify_track;
use sentier_core::trail::simulator::simulate;
use sentier_core::trail::{
    AutoPauseConfig, Fix, FixOutcome, RecorderConfig, RecorderState, RejectReason, RejectionCount,
    StatsAccumulator, TrackStatus, TrackStore, TrailError,
};
use sentier_core::trail::{Recorder, SimulationConfig};
use trail_support::fix_at;

fn open(dir: &tempfile::TempDir, config: RecorderConfig) -> Recorder {
    Recorder::open(dir.path().join("tracks.sqlite"), config).unwrap()
}

fn push_all(recorder: &mut Recorder, fixes: &[Fix]) -> Vec<FixOutcome> {
    fixes
        .iter()
        .map(|fix| recorder.push_fix(fix.clone(), 0).unwrap())
        .collect()
}

/// A walk north at 1 m/s from `north_m`, a fix a second.
fn walk_north(from_m: f64, metres: usize, start_s: f64) -> Vec<Fix> {
    (0..metres)
        .map(|i| fix_at(0.0, from_m + i as f64, Some(1_000.0), start_s + i as f64))
        .collect()
}

#[test]
fn calls_out_of_order_are_refused_without_harm() {
    let dir = tempfile::tempdir().unwrap();
    let mut recorder = open(&dir, RecorderConfig::default());
    assert_eq!(recorder.state(), RecorderState::Idle);
    assert_eq!(
        recorder.push_fix(fix_at(0.0, 0.0, None, 0.0), 0).unwrap(),
        FixOutcome::Ignored
    );
    assert!(matches!(
        recorder.pause(),
        Err(TrailError::InvalidState { .. })
    ));
    assert!(matches!(
        recorder.stop(),
        Err(TrailError::InvalidState { .. })
    ));
    recorder.start("a", 0).unwrap();
    assert!(matches!(
        recorder.start("b", 0),
        Err(TrailError::InvalidState { .. })
    ));
    assert!(matches!(
        recorder.resume(),
        Err(TrailError::InvalidState { .. })
    ));
}

#[test]
fn pauses_and_long_gaps_open_segments() {
    let dir = tempfile::tempdir().unwrap();
    let mut recorder = open(&dir, RecorderConfig::default());
    let track = recorder.start("segments", 0).unwrap();
    push_all(&mut recorder, &walk_north(0.0, 100, 0.0));
    recorder.pause().unwrap();
    assert_eq!(
        recorder
            .push_fix(fix_at(0.0, 200.0, None, 150.0), 0)
            .unwrap(),
        FixOutcome::Ignored
    );
    recorder.resume().unwrap();
    push_all(&mut recorder, &walk_north(300.0, 100, 200.0));
    // Seven minutes without a fix.
    push_all(&mut recorder, &walk_north(400.0, 100, 720.0));
    let summary = recorder.stop().unwrap();
    assert_eq!(summary.status, TrackStatus::Finished);
    assert_eq!(summary.stats.segment_count, 3);
    let points = recorder.store().points(track).unwrap();
    let segments: Vec<u32> = points.iter().map(|p| p.segment).collect();
    assert!(
        segments
            .windows(2)
            .all(|w| w[1] == w[0] || w[1] == w[0] + 1)
    );
    assert_eq!(segments.last(), Some(&2));
    // Gaps between segments are not walked distance.
    assert!(
        (summary.stats.distance_2d_m - 3.0 * 95.0).abs() < 10.0,
        "{:?}",
        summary.stats
    );
}

#[test]
fn rejected_fixes_are_counted_by_reason_and_never_stored() {
    let dir = tempfile::tempdir().unwrap();
    let mut recorder = open(&dir, RecorderConfig::default());
    let track = recorder.start("filters", 0).unwrap();
    let good = fix_at(0.0, 0.0, Some(1_000.0), 0.0);
    let bad = [
        Fix {
            latitude: f64::NAN,
            ..good.clone()
        },
        Fix {
            horizontal_accuracy: Some(200.0),
            ..fix_at(0.0, 50.0, None, 10.0)
        },
        good.clone(),
        fix_at(0.0, 2.0, None, 20.0),
        fix_at(0.0, 2.0, None, -5.0),
        fix_at(0.0, 50_000.0, None, 30.0),
    ];
    assert_eq!(
        recorder.push_fix(good.clone(), 0).unwrap(),
        FixOutcome::Recorded { sequence: 0 }
    );
    let outcomes = push_all(&mut recorder, &bad);
    let reasons: Vec<RejectReason> = outcomes
        .iter()
        .map(|outcome| match outcome {
            FixOutcome::Rejected { reason } => *reason,
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        reasons,
        [
            RejectReason::InvalidValue,
            RejectReason::PoorAccuracy,
            RejectReason::Duplicate,
            RejectReason::TooClose,
            RejectReason::TimeWentBackwards,
            RejectReason::ImpossibleSpeed,
        ]
    );
    // Counted live, saved with the next point.
    assert_eq!(recorder.rejections().len(), 6);
    assert!(recorder.store().rejections(track).unwrap().is_empty());
    recorder.push_fix(fix_at(0.0, 20.0, None, 40.0), 0).unwrap();
    let stored = recorder.store().rejections(track).unwrap();
    assert_eq!(stored.len(), 6);
    assert!(stored.iter().all(|count| count.count == 1));
    assert_eq!(recorder.store().points(track).unwrap().len(), 2);
    // Rejections after the last point are saved on stop.
    recorder.push_fix(fix_at(0.0, 21.0, None, 41.0), 0).unwrap();
    recorder.stop().unwrap();
    let too_close = TrackStore::open(dir.path().join("tracks.sqlite"))
        .unwrap()
        .rejections(track)
        .unwrap()
        .into_iter()
        .find(|count| count.reason == RejectReason::TooClose);
    assert_eq!(
        too_close,
        Some(RejectionCount {
            reason: RejectReason::TooClose,
            count: 2
        })
    );
}

#[test]
fn auto_pause_stops_while_standing_and_resumes_with_a_new_segment() {
    let dir = tempfile::tempdir().unwrap();
    let config = RecorderConfig {
        auto_pause: Some(AutoPauseConfig {
            radius_m: 15.0,
            after_s: 60.0,
        }),
        ..RecorderConfig::default()
    };
    let mut recorder = open(&dir, config);
    recorder.start("lunch", 0).unwrap();
    push_all(&mut recorder, &walk_north(0.0, 100, 0.0));
    // Ten minutes of lunch, the fixes wandering a few metres.
    let lunch: Vec<Fix> = (0..600)
        .map(|i| {
            fix_at(
                (i % 7) as f64,
                100.0 + (i % 5) as f64,
                None,
                100.0 + i as f64,
            )
        })
        .collect();
    let outcomes = push_all(&mut recorder, &lunch);
    assert_eq!(recorder.state(), RecorderState::AutoPaused);
    assert!(
        outcomes[100..]
            .iter()
            .all(|outcome| *outcome == FixOutcome::Ignored)
    );
    push_all(&mut recorder, &walk_north(100.0, 100, 700.0));
    assert_eq!(recorder.state(), RecorderState::Recording);
    let stats = recorder.stop().unwrap().stats;
    assert_eq!(stats.segment_count, 2);
    assert!(stats.moving_s < 300.0, "{stats:?}");
}

#[test]
fn a_recording_left_by_a_dead_process_is_recovered_whole_and_can_go_on() {
    let dir = tempfile::tempdir().unwrap();
    let fixes = simulate(
        &trail_support::straight(3_000.0, 10.0, |s| 1_000.0 + (s / 300.0).sin() * 40.0),
        &SimulationConfig::walk(4),
    )
    .unwrap();
    let (first, second) = fixes.split_at(fixes.len() / 2);
    let mut acknowledged = Vec::new();
    {
        let mut recorder = open(&dir, RecorderConfig::default());
        recorder.start("crash", 0).unwrap();
        for outcome in push_all(&mut recorder, first) {
            if let FixOutcome::Recorded { sequence } = outcome {
                acknowledged.push(sequence);
            }
        }
        // Dropped without stop: what a killed process leaves.
    }
    let mut recorder = open(&dir, RecorderConfig::default());
    let track = recorder.recovered().expect("a recording to recover");
    assert_eq!(recorder.state(), RecorderState::Paused);
    let stored = recorder.store().points(track).unwrap();
    assert_eq!(
        stored.iter().map(|p| p.sequence).collect::<Vec<_>>(),
        acknowledged
    );
    assert_eq!(recorder.stats(), Some(StatsAccumulator::of(&stored)));
    recorder.resume().unwrap();
    push_all(&mut recorder, second);
    let summary = recorder.stop().unwrap();
    let all = recorder.store().points(track).unwrap();
    assert_eq!(summary.stats, StatsAccumulator::of(&all));
    assert_eq!(summary.stats.segment_count, 2);
    drop(recorder);
    assert!(
        Recorder::open(dir.path().join("tracks.sqlite"), RecorderConfig::default())
            .unwrap()
            .recovered()
            .is_none()
    );
}

#[test]
fn saved_tracks_list_rename_delete() {
    let dir = tempfile::tempdir().unwrap();
    let mut recorder = open(&dir, RecorderConfig::default());
    let first = recorder.start("Lac Blanc", 1_000).unwrap();
    push_all(&mut recorder, &walk_north(0.0, 50, 0.0));
    recorder.stop().unwrap();
    let second = recorder.start("Col", 2_000).unwrap();
    recorder.stop().unwrap();
    let store = recorder.store();
    let names: Vec<_> = store
        .list()
        .unwrap()
        .into_iter()
        .map(|t| (t.id, t.name))
        .collect();
    assert_eq!(
        names,
        vec![(second, "Col".into()), (first, "Lac Blanc".into())]
    );
    store.rename(first, "Lac Blanc par le Col").unwrap();
    assert_eq!(store.summary(first).unwrap().name, "Lac Blanc par le Col");
    store.delete(first).unwrap();
    assert!(matches!(store.points(first), Err(TrailError::NoSuchTrack { id }) if id == first));
    assert!(matches!(
        store.delete(first),
        Err(TrailError::NoSuchTrack { .. })
    ));
    assert!(matches!(
        store.rename(99, "x"),
        Err(TrailError::NoSuchTrack { .. })
    ));
    assert_eq!(store.list().unwrap().len(), 1);
}

/// The GPX 1.1 schema's order of the children we write, per element.
const GPX_11_ORDER: &[(&str, &[&str])] = &[
    ("gpx", &["metadata", "wpt", "rte", "trk", "extensions"]),
    (
        "metadata",
        &[
            "name",
            "desc",
            "author",
            "copyright",
            "link",
            "time",
            "keywords",
            "bounds",
            "extensions",
        ],
    ),
    (
        "trk",
        &[
            "name",
            "cmt",
            "desc",
            "src",
            "link",
            "number",
            "type",
            "extensions",
            "trkseg",
        ],
    ),
    ("trkseg", &["trkpt", "extensions"]),
    (
        "trkpt",
        &[
            "ele",
            "time",
            "magvar",
            "geoidheight",
            "name",
            "cmt",
            "desc",
            "src",
            "link",
            "sym",
            "type",
        ],
    ),
];

/// Checks element order and the root's namespace against GPX 1.1, with a
/// small tag scanner (our writer's output has no comments or CDATA).
fn assert_gpx_11_order(xml: &str) {
    assert!(
        xml.contains(r#"version="1.1""#)
            && xml.contains(r#"xmlns="http://www.topografix.com/GPX/1/1""#)
    );
    let mut stack: Vec<(String, usize)> = Vec::new();
    for tag in xml.split('<').skip(1) {
        let tag = tag.split('>').next().unwrap_or_default();
        if tag.starts_with('?') {
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop().map(|(open, _)| open).as_deref(), Some(name));
            continue;
        }
        let name = tag.split([' ', '/']).next().unwrap_or_default().to_string();
        if let Some((parent, last_rank)) = stack.last_mut() {
            let order = GPX_11_ORDER
                .iter()
                .find(|(p, _)| p == parent)
                .map(|(_, o)| *o);
            let rank = order
                .and_then(|order| order.iter().position(|child| *child == name))
                .unwrap_or_else(|| panic!("<{name}> is not allowed in <{parent}>"));
            assert!(rank >= *last_rank, "<{name}> comes too late in <{parent}>");
            *last_rank = rank;
        }
        if !tag.ends_with('/') {
            stack.push((name, 0));
        }
    }
    assert!(stack.is_empty());
}

#[test]
fn exports_are_gpx_11_and_geojson_and_gpx_imports_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut recorder = open(&dir, RecorderConfig::default());
    let track = recorder.start("Tour du lac", 0).unwrap();
    let line = trail_support::circle(300.0, 120);
    let fixes = trail_support::exact_walk(&line);
    let (before, after) = fixes.split_at(fixes.len() / 3);
    push_all(&mut recorder, before);
    recorder.pause().unwrap();
    recorder.resume().unwrap();
    push_all(&mut recorder, after);
    let summary = recorder.stop().unwrap();
    let points = recorder.store().points(track).unwrap();

    let mut gpx = Vec::new();
    write_track_gpx(&summary.name, &points, &mut gpx).unwrap();
    let xml = String::from_utf8(gpx.clone()).unwrap();
    assert_gpx_11_order(&xml);
    assert_eq!(xml.matches("<trkseg>").count(), 2);
    assert_eq!(xml.matches("<ele>").count(), points.len());
    assert_eq!(xml.matches("<time>").count(), points.len() + 1);

    let content = read_gpx(gpx.as_slice()).unwrap();
    assert_eq!(content.name.as_deref(), Some("Tour du lac"));
    let mut store = TrackStore::open(dir.path().join("tracks.sqlite")).unwrap();
    let imported = store
        .import_track("imported", &content.segments, 0)
        .unwrap();
    let reread = store.points(imported).unwrap();
    assert_eq!(reread.len(), points.len());
    for (a, b) in reread.iter().zip(&points) {
        assert_eq!(a.segment, b.segment);
        assert_eq!(a.fix.timestamp_ms, b.fix.timestamp_ms);
        assert!(
            (a.fix.latitude - b.fix.latitude).abs() < 1e-9
                && (a.fix.longitude - b.fix.longitude).abs() < 1e-9
        );
        assert_eq!(a.fix.altitude, b.fix.altitude);
    }
    // GPX carries no accuracy: the imported points are taken as vaguer
    // (10 m) than the recorded ones (5 m), and smoothed a little more.
    let imported_stats = store.summary(imported).unwrap().stats;
    assert!(
        (imported_stats.distance_2d_m - summary.stats.distance_2d_m).abs()
            < 0.01 * summary.stats.distance_2d_m,
        "{imported_stats:?} {:?}",
        summary.stats
    );

    let feature = track_feature(&summary, &points);
    assert_eq!(feature["geometry"]["type"], "MultiLineString");
    let lines = feature["geometry"]["coordinates"].as_array().unwrap();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0][0].as_array().unwrap().len(), 3);
    assert_eq!(feature["properties"]["name"], "Tour du lac");

    let simplified = simplify_track(&points, 2.0);
    assert_eq!(simplified.len(), 2);
    let kept: usize = simplified.iter().map(Vec::len).sum();
    assert!(
        kept < points.len() / 3 && kept > 10,
        "{kept} of {}",
        points.len()
    );
}

#[test]
fn broken_gpx_is_an_error_not_a_panic() {
    assert!(matches!(
        read_gpx("<gpx><trk>".as_bytes()),
        Err(TrailError::Gpx { .. })
    ));
    assert!(matches!(
        read_gpx("not xml at all".as_bytes()),
        Err(TrailError::Gpx { .. })
    ));
}

#[test]
fn a_second_recorder_on_the_same_store_is_refused_until_the_first_is_gone() {
    let dir = tempfile::tempdir().unwrap();
    let mut first = open(&dir, RecorderConfig::default());
    first.start("running", 0).unwrap();
    let second = Recorder::open(dir.path().join("tracks.sqlite"), RecorderConfig::default());
    assert!(
        matches!(second, Err(TrailError::RecordingElsewhere { .. })),
        "{:?}",
        second.err()
    );
    drop(first);
    let again = open(&dir, RecorderConfig::default());
    assert!(again.recovered().is_some());
}

#[test]
fn deleted_track_ids_are_never_given_again() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = TrackStore::open(dir.path().join("tracks.sqlite")).unwrap();
    let first = store.create_track("a", 0).unwrap();
    let second = store.create_track("b", 0).unwrap();
    store.delete(second).unwrap();
    let third = store.import_track("c", &[], 5).unwrap();
    assert!(third > second && second > first, "{first} {second} {third}");
}

#[test]
fn an_imported_track_is_created_when_it_was_walked_or_else_when_imported() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = TrackStore::open(dir.path().join("tracks.sqlite")).unwrap();
    let timed = store
        .import_track("timed", &[vec![fix_at(0.0, 0.0, None, 10.0)]], 99_000)
        .unwrap();
    let untimed_fix = Fix {
        timestamp_ms: None,
        ..fix_at(0.0, 0.0, None, 0.0)
    };
    let untimed = store
        .import_track("untimed", &[vec![untimed_fix]], 99_000)
        .unwrap();
    assert_eq!(
        store.summary(timed).unwrap().created_ms,
        fix_at(0.0, 0.0, None, 10.0).timestamp_ms.unwrap()
    );
    assert_eq!(store.summary(untimed).unwrap().created_ms, 99_000);
}
