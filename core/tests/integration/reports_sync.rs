//! Delivery against the local Geotrek-admin stand-in, one behaviour at a
//! time; the server's records are what is checked.

use crate::reports_support;

use reports_support::{Recorder, field_draft, login, open_sync, pass, public_draft, queue};
use sentier_core::reports::outbox::now_ms;
use sentier_core::reports::reconcile::marker_in;
use sentier_core::reports::{ReportError, ReportState};
use sentier_core::runtime::runtime;
use sentier_testkit::field_server::{EMAIL, Endpoint, Faults, FieldServer, PASSWORD, USERNAME};
use sentier_testkit::photos::synthetic_jpeg;

#[test]
fn a_public_report_arrives_with_its_photos_and_fields() {
    let server = FieldServer::start().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let sync = open_sync(dir.path());
    let photos = [
        synthetic_jpeg(900, 700, 1, Some(3)),
        synthetic_jpeg(500, 400, 2, None),
    ];
    let entry = queue(sync.outbox(), &public_draft(&server.url(), 1), &photos);
    let summary = pass(&sync, &Recorder::default());
    assert_eq!(summary.sent, 1);

    let received = server.reports();
    assert_eq!(received.len(), 1);
    let report = &received[0];
    assert_eq!(report.endpoint, Endpoint::Public);
    assert_eq!(report.email, "hiker1@example.org");
    assert_eq!(marker_in(&report.comment), Some(entry.id.as_str()));
    assert!(report.comment.starts_with("Report 1: balisage effacé"));
    assert_eq!(report.point, Some((6.3001, 44.8001)));
    assert_eq!(
        (report.category, report.activity, report.magnitude),
        (Some(2), Some(1), Some(2))
    );
    assert_eq!(report.related_trek, Some(10088));
    let sent: Vec<&str> = report.photos.iter().map(|p| p.sha256.as_str()).collect();
    let stored: Vec<&str> = entry.photos.iter().map(|p| p.sha256.as_str()).collect();
    assert_eq!(sent, stored);
    assert_eq!(report.photos[0].field_name, "file1");
    assert_eq!(report.photos[1].field_name, "file2");

    let delivered = sync.outbox().get(&entry.id).unwrap();
    assert_eq!(delivered.state, ReportState::Sent);
    assert_eq!(delivered.server_id, Some(report.id));
    assert_eq!(delivered.attempts, 1);
}

#[test]
fn a_ranger_report_goes_through_the_field_api_then_sets_the_asset_condition() {
    let server = FieldServer::start().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let sync = open_sync(dir.path());
    let server_url = server.url();
    // Not logged in yet: the ranger's report waits, no attempt is spent.
    let plain = queue(sync.outbox(), &field_draft(&server_url, 1, 10074), &[]);
    let recorder = Recorder::default();
    let summary = pass(&sync, &recorder);
    assert_eq!(summary.waiting_for_login, 1);
    assert_eq!(sync.outbox().get(&plain.id).unwrap().attempts, 0);
    assert!(server.reports().is_empty());

    login(&sync, &server_url);
    let info = sync.session(&server_url).unwrap().unwrap();
    assert_eq!(
        (info.username.as_str(), info.email.as_str()),
        (USERNAME, EMAIL)
    );
    assert!(info.permissions.create_reports && info.permissions.update_signage);
    let with_photo = queue(
        sync.outbox(),
        &field_draft(&server_url, 2, 10075),
        &[synthetic_jpeg(320, 240, 5, None)],
    );
    let summary = pass(&sync, &recorder);
    assert_eq!(summary.sent, 2);

    let received = server.reports();
    assert_eq!(received.len(), 2);
    let by_marker = |id: &str| {
        received
            .iter()
            .find(|r| marker_in(&r.comment) == Some(id))
            .unwrap()
    };
    let first = by_marker(&plain.id);
    assert_eq!(first.endpoint, Endpoint::Field);
    assert_eq!(first.email, EMAIL);
    assert!(
        first
            .comment
            .starts_with("[signage 10074: S10074 Carrefour]\nReport 1")
    );
    // The field API takes no attachment: photos go through the public endpoint.
    let second = by_marker(&with_photo.id);
    assert_eq!(second.endpoint, Endpoint::Public);
    assert_eq!(second.email, EMAIL);
    assert_eq!(second.photos[0].sha256, with_photo.photos[0].sha256);

    let updates = server.condition_updates();
    assert_eq!(updates.len(), 2);
    assert!(
        updates
            .iter()
            .all(|u| u.model == "signage" && u.condition_ids == vec![2])
    );
    assert!(sync.outbox().get(&plain.id).unwrap().conditions_applied);
}

#[test]
fn a_refusal_is_surfaced_with_the_servers_reason_and_not_retried() {
    let server = FieldServer::start().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let sync = open_sync(dir.path());
    let mut draft = public_draft(&server.url(), 1);
    draft.category_id = Some(99);
    let entry = queue(sync.outbox(), &draft, &[]);
    let summary = pass(&sync, &Recorder::default());
    assert_eq!(summary.failed, 1);
    let failed = sync.outbox().get(&entry.id).unwrap();
    assert_eq!(failed.state, ReportState::Failed);
    // The French park's answer (`{"category": ["Clé primaire « 99 » non
    // valide..."]}`) is worded for the user, not shown raw.
    let reason = failed.last_error.unwrap();
    assert_eq!(
        reason,
        "The server refused the report: category 99 is not in the park's list (400)."
    );
    assert_eq!(pass(&sync, &Recorder::default()).sent, 0);
    assert_eq!(sync.outbox().get(&entry.id).unwrap().attempts, 1);

    // Fixed by the user and queued again, it goes.
    draft.category_id = Some(1);
    sync.outbox().update_draft(&entry.id, &draft).unwrap();
    sync.outbox().queue(&entry.id, None).unwrap();
    assert_eq!(pass(&sync, &Recorder::default()).sent, 1);
    assert_eq!(server.reports().len(), 1);
}

#[test]
fn an_expired_token_is_refreshed_once_then_the_user_is_asked_to_log_in() {
    let server = FieldServer::start().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let sync = open_sync(dir.path());
    let server_url = server.url();
    login(&sync, &server_url);

    server.expire_access_tokens();
    queue(sync.outbox(), &field_draft(&server_url, 1, 1), &[]);
    let recorder = Recorder::default();
    assert_eq!(pass(&sync, &recorder).sent, 1);
    assert!(recorder.login_required.lock().unwrap().is_empty());

    server.revoke_all_tokens();
    let waiting = queue(sync.outbox(), &field_draft(&server_url, 2, 2), &[]);
    let summary = pass(&sync, &recorder);
    assert_eq!((summary.sent, summary.waiting_for_login), (0, 1));
    assert_eq!(
        *recorder.login_required.lock().unwrap(),
        vec![server_url.clone()]
    );
    assert_eq!(sync.session(&server_url).unwrap(), None);
    assert_eq!(
        sync.outbox().get(&waiting.id).unwrap().state,
        ReportState::Queued
    );

    let refused = runtime().block_on(sync.login(&server_url, USERNAME, "wrong"));
    assert!(matches!(refused, Err(ReportError::LoginRefused { .. })));
    runtime()
        .block_on(sync.login(&server_url, USERNAME, PASSWORD))
        .unwrap();
    assert_eq!(pass(&sync, &recorder).sent, 1);
    assert_eq!(server.reports().len(), 2);
}

#[test]
fn retry_after_holds_the_whole_server_back() {
    let server = FieldServer::start().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let sync = open_sync(dir.path());
    let first = queue(sync.outbox(), &public_draft(&server.url(), 1), &[]);
    let second = queue(sync.outbox(), &public_draft(&server.url(), 2), &[]);
    server.set_faults(Faults {
        unavailable_every: 1,
        unavailable_burst: 1,
        retry_after_s: 120,
        ..Faults::default()
    });
    let before = now_ms();
    let summary = pass(&sync, &Recorder::default());
    assert_eq!((summary.sent, summary.retrying), (0, 2));
    for id in [&first.id, &second.id] {
        let entry = sync.outbox().get(id).unwrap();
        assert_eq!(entry.state, ReportState::Queued);
        assert!(entry.next_attempt_at_ms.unwrap() >= before + 120_000);
        assert!(entry.last_error.unwrap().contains("busy"));
    }
    // Only the first report was tried.
    assert_eq!(server.fault_counts().unavailable, 1);
    assert_eq!(sync.outbox().get(&second.id).unwrap().attempts, 0);
    // The pass says when to wake up again: the first report's due time.
    let earliest = [&first.id, &second.id]
        .iter()
        .filter_map(|id| sync.outbox().get(id).unwrap().next_attempt_at_ms)
        .min();
    assert_eq!(summary.next_attempt_at_ms, earliest);
    assert!(summary.next_attempt_at_ms.unwrap() >= before + 120_000);
}

#[test]
fn a_ranger_report_of_unknown_outcome_is_found_on_the_server_not_resent() {
    let server = FieldServer::start().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let sync = open_sync(dir.path());
    let server_url = server.url();
    login(&sync, &server_url);
    let entry = queue(sync.outbox(), &field_draft(&server_url, 1, 3), &[]);
    server.set_faults(Faults {
        drop_after_store: 1.0,
        ..Faults::default()
    });
    let summary = pass(&sync, &Recorder::default());
    assert_eq!(summary.retrying, 1);
    assert!(sync.outbox().get(&entry.id).unwrap().outcome_unknown);
    assert_eq!(server.reports().len(), 1, "stored, answer lost");

    server.set_faults(Faults::default());
    sync.connectivity_changed(true).unwrap();
    let summary = pass(&sync, &Recorder::default());
    assert_eq!((summary.reconciled, summary.sent), (1, 1));
    assert_eq!(summary.next_attempt_at_ms, None, "nothing left to wake for");
    assert_eq!(server.reports().len(), 1, "not sent twice");
    let delivered = sync.outbox().get(&entry.id).unwrap();
    assert_eq!(delivered.server_id, Some(server.reports()[0].id));
    assert_eq!(server.condition_updates().len(), 1);
}

#[test]
fn a_public_report_of_unknown_outcome_is_left_for_the_user_to_decide_not_resent() {
    let server = FieldServer::start().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let sync = open_sync(dir.path());
    let resent = queue(sync.outbox(), &public_draft(&server.url(), 1), &[]);
    let confirmed = queue(sync.outbox(), &public_draft(&server.url(), 2), &[]);
    server.set_faults(Faults {
        drop_after_store: 1.0,
        ..Faults::default()
    });
    // The public endpoint only creates (Geotrek-admin lists no report
    // publicly) and no field session can look them up: nothing to check.
    let summary = pass(&sync, &Recorder::default());
    assert_eq!(summary.possibly_delivered, 2);
    assert_eq!(server.reports().len(), 2, "both stored, answers lost");
    server.set_faults(Faults::default());
    sync.connectivity_changed(true).unwrap();
    assert_eq!(pass(&sync, &Recorder::default()).sent, 0);
    assert_eq!(server.reports().len(), 2, "nothing resent silently");
    let entry = sync.outbox().get(&resent.id).unwrap();
    assert_eq!(entry.state, ReportState::PossiblyDelivered);
    assert!(entry.can_retry && entry.can_discard);
    assert!(
        entry
            .last_error
            .as_deref()
            .unwrap()
            .contains("may have reached"),
        "{entry:?}"
    );

    // The user decides: one is sent again anyway, the other was received.
    sync.outbox().queue(&resent.id, None).unwrap();
    sync.outbox().confirm_delivered(&confirmed.id).unwrap();
    assert_eq!(pass(&sync, &Recorder::default()).sent, 1);
    assert_eq!(
        sync.outbox().get(&confirmed.id).unwrap().state,
        ReportState::Sent
    );
    let copies = server
        .reports()
        .iter()
        .filter(|r| marker_in(&r.comment) == Some(resent.id.as_str()))
        .count();
    assert_eq!(copies, 2, "the duplicate the user chose to risk");
}

#[test]
fn a_public_report_of_unknown_outcome_is_looked_up_through_a_field_session() {
    let server = FieldServer::start().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let sync = open_sync(dir.path());
    login(&sync, &server.url());
    let entry = queue(sync.outbox(), &public_draft(&server.url(), 1), &[]);
    server.set_faults(Faults {
        drop_after_store: 1.0,
        ..Faults::default()
    });
    assert_eq!(pass(&sync, &Recorder::default()).retrying, 1);
    server.set_faults(Faults::default());
    sync.connectivity_changed(true).unwrap();
    let summary = pass(&sync, &Recorder::default());
    assert_eq!((summary.reconciled, summary.sent), (1, 1));
    assert_eq!(server.reports().len(), 1);
    assert_eq!(
        sync.outbox().get(&entry.id).unwrap().state,
        ReportState::Sent
    );
}

#[test]
fn two_deliveries_at_once_send_each_report_once() {
    let server = FieldServer::start().unwrap();
    let server_url = server.url();
    let dir = tempfile::tempdir().unwrap();
    let first = std::sync::Arc::new(open_sync(dir.path()));
    login(&first, &server_url);
    let reports = [
        queue(first.outbox(), &field_draft(&server_url, 1, 3), &[]),
        queue(first.outbox(), &public_draft(&server_url, 2), &[]),
    ];
    // The first run's first report is held at the server's door...
    server.hold_creations(1);
    let delivering = {
        let first = first.clone();
        std::thread::spawn(move || pass(&first, &Recorder::default()))
    };
    server.wait_for_held(1);
    // ...while a second process opens the same outbox and delivers.
    let second = open_sync(dir.path());
    pass(&second, &Recorder::default());
    server.release_held();
    delivering.join().unwrap();
    pass(&second, &Recorder::default());
    for report in &reports {
        let copies = server
            .reports()
            .iter()
            .filter(|r| marker_in(&r.comment) == Some(report.id.as_str()))
            .count();
        assert_eq!(copies, 1, "{:?} report", report.draft.kind);
        let entry = second.outbox().get(&report.id).unwrap();
        assert_eq!(entry.state, ReportState::Sent);
    }
}

#[test]
fn a_ranger_report_reaches_the_server_however_its_address_is_written() {
    let server = FieldServer::start().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let sync = open_sync(dir.path());
    let port = server
        .url()
        .trim_end_matches('/')
        .rsplit(':')
        .next()
        .unwrap()
        .to_string();
    login(&sync, &format!("http://127.0.0.1:{port}"));
    let written = format!("http://localhost:{port}/api/v2/");
    assert!(sync.session(&written).unwrap().is_some());
    let entry = queue(sync.outbox(), &field_draft(&written, 1, 3), &[]);
    assert_eq!(
        entry.draft.server_url,
        format!("http://localhost:{port}/"),
        "kept as the admin root"
    );
    let summary = pass(&sync, &Recorder::default());
    assert_eq!((summary.sent, summary.waiting_for_login), (1, 0));
    assert_eq!(server.reports()[0].endpoint, Endpoint::Field);
}

#[test]
fn a_ranger_report_without_a_session_says_which_server_to_log_in_to() {
    let server = FieldServer::start().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let sync = open_sync(dir.path());
    let entry = queue(sync.outbox(), &field_draft(&server.url(), 1, 3), &[]);
    pass(&sync, &Recorder::default());
    let host = server
        .url()
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
    assert_eq!(
        sync.outbox().get(&entry.id).unwrap().last_error.as_deref(),
        Some(format!("log in to {host} to send it").as_str())
    );
    let refused = runtime().block_on(sync.download_field_assets(&server.url()));
    assert_eq!(
        refused,
        Err(ReportError::LoginRequired {
            server: host.clone()
        })
    );
    assert_eq!(
        refused.unwrap_err().to_string(),
        format!("log in to {host}")
    );
}

#[test]
fn an_unreachable_server_counts_attempts_and_backs_off() {
    // A port that was just free: nothing listens there.
    let free = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let server_url = format!("http://{}/", free.local_addr().unwrap());
    drop(free);
    let dir = tempfile::tempdir().unwrap();
    let sync = open_sync(dir.path());
    let first = queue(sync.outbox(), &public_draft(&server_url, 1), &[]);
    let second = queue(sync.outbox(), &public_draft(&server_url, 2), &[]);
    let before = now_ms();
    let summary = pass(&sync, &Recorder::default());
    assert_eq!(summary.retrying, 2);
    let tried = sync.outbox().get(&first.id).unwrap();
    assert_eq!((tried.attempts, tried.outcome_unknown), (1, false));
    assert!(tried.next_attempt_at_ms.unwrap() >= before + 5);
    // Out of reach: the rest waits without spending attempts.
    assert_eq!(sync.outbox().get(&second.id).unwrap().attempts, 0);
}
