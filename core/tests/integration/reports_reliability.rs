//! 200 reports with photos queued across 5 process restarts, delivered to a
//! server that drops 30% of connections before answering, 10% of report
//! creations after storing them, answers bursts of 503 with Retry-After and
//! expires access tokens. Rangers' reports go to one server (logged in),
//! hikers' public reports to another (no session: nothing can be checked, so
//! a report whose answer was lost waits for the user's word, here always
//! "send it again"). The servers' records are checked: every report there,
//! photos intact, no duplicate of a ranger's report, no duplicate of a public
//! report the user did not choose to send again; the duplicates the user's
//! choices made are counted.

use crate::reports_support;

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use reports_support::{Recorder, field_draft, login, open_sync, public_draft, queue};
use sentier_core::reports::reconcile::marker_in;
use sentier_core::reports::{ReportKind, ReportState};
use sentier_core::runtime::TaskHandle;
use sentier_testkit::field_server::{Endpoint, Faults, FieldServer};
use sentier_testkit::photos::synthetic_jpeg;

const SESSIONS: u32 = 5;
const REPORTS_PER_SESSION: u32 = 40;
/// Reports each session sees delivered before the process "dies".
const SENT_BEFORE_RESTART: u32 = 25;
/// Only keeps a broken build from hanging CI; no timing is asserted.
const SAFETY_LIMIT: Duration = Duration::from_secs(170);

#[test]
fn two_hundred_reports_across_five_restarts_reach_a_flaky_server_once() {
    let server = FieldServer::start().unwrap();
    let server_url = server.url();
    let public_server = FieldServer::start().unwrap();
    let public_url = public_server.url();
    let dir = tempfile::tempdir().unwrap();
    login(&open_sync(dir.path()), &server_url);
    for (seed, flaky) in [(42, &server), (43, &public_server)] {
        flaky.set_faults(Faults {
            seed,
            drop_before_answer: 0.3,
            drop_after_store: 0.1,
            unavailable_every: 37,
            unavailable_burst: 3,
            retry_after_s: 1,
            expire_access_every: 25,
        });
    }

    let started = Instant::now();
    // Per report id: its kind and the photo hashes the client stored.
    let mut expected: HashMap<String, (ReportKind, Vec<String>)> = HashMap::new();
    // Per report id: how many times the user sent it again after it was
    // left possibly delivered.
    let mut resent_by_user: HashMap<String, usize> = HashMap::new();
    for session in 0..=SESSIONS {
        let sync = Arc::new(open_sync(dir.path()));
        if session < SESSIONS {
            for i in 0..REPORTS_PER_SESSION {
                let n = session * REPORTS_PER_SESSION + i;
                let draft = match n % 5 {
                    0 | 1 => public_draft(&public_url, n),
                    _ => field_draft(&server_url, n, 10_000 + i64::from(n)),
                };
                let photos: Vec<Vec<u8>> = (0..1 + n % 3)
                    .map(|k| {
                        synthetic_jpeg(
                            64 + k * 8,
                            48,
                            u64::from(n * 10 + k),
                            Some(1 + (n % 8) as u16),
                        )
                    })
                    .collect();
                let entry = queue(sync.outbox(), &draft, &photos);
                expected.insert(
                    entry.id.clone(),
                    (
                        draft.kind,
                        entry.photos.iter().map(|p| p.sha256.clone()).collect(),
                    ),
                );
            }
        }
        let recorder = Arc::new(Recorder::default());
        let handle = {
            let (sync, recorder) = (sync.clone(), recorder.clone());
            TaskHandle::spawn(move |cancel| async move {
                sync.run(cancel, recorder, Duration::from_millis(100)).await;
            })
        };
        let all_sent = || {
            sync.outbox()
                .list()
                .unwrap()
                .iter()
                .all(|entry| entry.state == ReportState::Sent)
        };
        loop {
            if started.elapsed() > SAFETY_LIMIT {
                let mut states: HashMap<String, usize> = HashMap::new();
                for entry in sync.outbox().list().unwrap() {
                    *states
                        .entry(format!(
                            "{:?} {:?} login:{:?}",
                            entry.state, entry.draft.kind, entry.last_error
                        ))
                        .or_default() += 1;
                }
                panic!(
                    "gave up in session {session}: {states:#?} {:?}",
                    server.fault_counts()
                );
            }
            let restart =
                session < SESSIONS && recorder.sent.load(Ordering::SeqCst) >= SENT_BEFORE_RESTART;
            if restart || all_sent() {
                break;
            }
            // The user reads the outbox and sends again what may not have arrived.
            for entry in sync.outbox().list().unwrap() {
                if entry.state == ReportState::PossiblyDelivered {
                    sync.outbox().queue(&entry.id, None).unwrap();
                    *resent_by_user.entry(entry.id).or_default() += 1;
                    sync.nudge();
                }
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        // The process dies wherever it is (possibly mid-request).
        handle.cancel();
        handle.wait();
    }

    let outbox = open_sync(dir.path());
    let entries = outbox.outbox().list().unwrap();
    assert_eq!(entries.len(), 200);
    assert!(entries.iter().all(|entry| entry.state == ReportState::Sent));

    let mut received = server.reports();
    received.extend(public_server.reports());
    let mut copies: HashMap<&str, Vec<&sentier_testkit::field_server::ReceivedReport>> =
        HashMap::new();
    for report in &received {
        let id = marker_in(&report.comment).expect("every report carries its marker");
        copies.entry(id).or_default().push(report);
    }
    assert_eq!(copies.len(), 200, "every report is on the server");
    let mut public_duplicates = 0;
    for (id, (kind, hashes)) in &expected {
        let on_server = &copies[id.as_str()];
        match kind {
            ReportKind::Field => assert_eq!(on_server.len(), 1, "ranger report {id} duplicated"),
            ReportKind::Public => {
                let chosen = resent_by_user.get(id).copied().unwrap_or(0);
                assert!(
                    on_server.len() <= 1 + chosen,
                    "public report {id}: {} copies, sent again {chosen} times by the user",
                    on_server.len()
                );
                public_duplicates += on_server.len() - 1;
            }
        }
        for copy in on_server {
            let received_hashes: Vec<&str> =
                copy.photos.iter().map(|p| p.sha256.as_str()).collect();
            assert_eq!(
                received_hashes,
                hashes.iter().map(String::as_str).collect::<Vec<_>>()
            );
            assert_eq!(
                copy.endpoint,
                Endpoint::Public,
                "reports with photos use the multipart endpoint"
            );
        }
    }
    let counts = server.fault_counts();
    let public_counts = public_server.fault_counts();
    println!(
        "reliability: {} reports stored for 200: none of 120 ranger reports duplicated, no public \
         report sent again unasked; 80 public reports: {} left possibly delivered, sent again by the \
         user {} times, making {public_duplicates} duplicates ({} creations dropped after storing); \
         ranger server: {} requests, {} dropped before answering, {} dropped after storing, \
         {} answered 503, {} tokens expired; {:.1} s",
        received.len(),
        resent_by_user.len(),
        resent_by_user.values().sum::<usize>(),
        public_counts.dropped_after_store,
        counts.requests,
        counts.dropped_before_answer,
        counts.dropped_after_store,
        counts.unavailable,
        counts.expired_tokens,
        started.elapsed().as_secs_f64()
    );
    assert!(counts.dropped_after_store > 0 && counts.unavailable > 0 && counts.expired_tokens > 0);
    assert!(server.condition_updates().len() >= 120);
}
