//! Reliability: a process ingesting fixes as fast as the store takes them is
//! killed with SIGKILL at 20 random moments. After each kill, every fix it had
//! acknowledged (printed) is in the store, the file is sound, and the recovered
//! statistics equal a fresh recomputation from the stored points.
//!
//! The ingesting process is this very test binary, re-run with
//! `--ignored --exact ingest_until_killed` and the store's path in
//! [`CHILD_STORE`]: no extra binary to build or find.

#![cfg(unix)]

#[path = "integration/trail_support/mod.rs"]
mod trail_support;

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sentier_core::trail::simulator::simulate;
use sentier_core::trail::{
    FixOutcome, Recorder, RecorderConfig, RecorderState, SimulationConfig, StatsAccumulator,
    TrackStore,
};

/// Environment variable giving the child the store to record into.
const CHILD_STORE: &str = "SENTIER_TRAIL_KILL_STORE";

/// Fixes 5 s apart on a long walk: nearly every fix is accepted, so each one
/// is a durable write.
fn walk() -> Vec<sentier_core::trail::Fix> {
    let line = trail_support::straight(60_000.0, 50.0, |s| 1_500.0 + 300.0 * (s / 4_000.0).sin());
    simulate(
        &line,
        &SimulationConfig {
            interval_s: 5.0,
            ..SimulationConfig::walk(99)
        },
    )
    .unwrap()
}

/// The child: records the walk (resuming the recovered recording, skipping
/// what it already holds) and prints `ACK <sequence>` for each stored fix.
#[test]
#[ignore = "run by killing_the_recorder_never_loses_an_acknowledged_fix"]
fn ingest_until_killed() {
    let store = std::env::var(CHILD_STORE).expect("the parent test sets the store path");
    let mut recorder = Recorder::open(store, RecorderConfig::default()).unwrap();
    let resume_after = match recorder.state() {
        RecorderState::Idle => {
            recorder.start("killed again and again", 0).unwrap();
            i64::MIN
        }
        _ => {
            recorder.resume().unwrap();
            recorder
                .stats()
                .and_then(|stats| stats.ended_ms)
                .unwrap_or(i64::MIN)
        }
    };
    for fix in walk()
        .into_iter()
        .filter(|fix| fix.timestamp_ms > Some(resume_after))
    {
        if let FixOutcome::Recorded { sequence } = recorder.push_fix(fix, 0).unwrap() {
            println!("ACK {sequence}");
        }
    }
    println!("DONE");
}

#[test]
fn killing_the_recorder_never_loses_an_acknowledged_fix() {
    let dir = tempfile::tempdir().unwrap();
    let store_path = dir.path().join("tracks.sqlite");
    let exe = std::env::current_exe().unwrap();
    let mut rng = StdRng::seed_from_u64(20_261_128);
    let mut acknowledged = BTreeSet::new();
    for round in 0..20 {
        let mut child = Command::new(&exe)
            .args([
                "--ignored",
                "--exact",
                "ingest_until_killed",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_STORE, &store_path)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let kill_after = rng.random_range(1..300);
        let mut line = Vec::new();
        let mut seen = 0;
        let mut finished = false;
        while seen < kill_after {
            line.clear();
            if stdout.read_until(b'\n', &mut line).unwrap() == 0 {
                finished = true;
                break;
            }
            seen += record_ack(&line, &mut acknowledged);
        }
        // SIGKILL, mid-write or not; then collect what it printed before dying.
        child.kill().unwrap();
        loop {
            line.clear();
            if stdout.read_until(b'\n', &mut line).unwrap() == 0 {
                break;
            }
            record_ack(&line, &mut acknowledged);
        }
        child.wait().unwrap();
        assert!(!finished, "round {round}: the walk ended before the kill");

        let store = TrackStore::open(&store_path).unwrap();
        store.check_integrity().unwrap();
        let track = store
            .unfinished()
            .unwrap()
            .expect("the killed recording")
            .id;
        let stored: BTreeSet<u64> = store
            .points(track)
            .unwrap()
            .iter()
            .map(|p| p.sequence)
            .collect();
        let missing: Vec<_> = acknowledged.difference(&stored).collect();
        assert!(
            missing.is_empty(),
            "round {round}: acknowledged but lost: {missing:?}"
        );
        // Each kill may land between a commit and its print: at most one
        // stored fix per kill was never acknowledged.
        assert!(
            stored.len() <= acknowledged.len() + round + 1,
            "round {round}: {} stored, {} acknowledged",
            stored.len(),
            acknowledged.len()
        );
        assert_eq!(
            stored.iter().copied().collect::<Vec<_>>(),
            (0..stored.len() as u64).collect::<Vec<_>>()
        );

        let recorder = Recorder::open(&store_path, RecorderConfig::default()).unwrap();
        assert_eq!(recorder.recovered(), Some(track));
        let points = recorder.store().points(track).unwrap();
        assert_eq!(
            recorder.stats(),
            Some(StatsAccumulator::of(&points)),
            "round {round}"
        );
    }
    let mut recorder = Recorder::open(&store_path, RecorderConfig::default()).unwrap();
    let track = recorder.recovered().unwrap();
    let summary = recorder.stop().unwrap();
    let points = recorder.store().points(track).unwrap();
    assert_eq!(summary.stats, StatsAccumulator::of(&points));
    assert!(acknowledged.len() >= 20);
}

/// Adds the sequence of a complete line ending in `ACK n` (the first one
/// follows libtest's `test ingest_until_killed ... `); returns 1 if it was one.
fn record_ack(line: &[u8], acknowledged: &mut BTreeSet<u64>) -> usize {
    let Some(text) = std::str::from_utf8(line)
        .ok()
        .and_then(|text| text.strip_suffix('\n'))
    else {
        return 0;
    };
    match text
        .split("ACK ")
        .nth(1)
        .and_then(|number| number.parse().ok())
    {
        Some(sequence) => {
            acknowledged.insert(sequence);
            1
        }
        None => 0,
    }
}
