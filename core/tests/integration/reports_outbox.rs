//! The outbox store on a real SQLite file: drafts, photos, validation,
//! restarts, reports cut off mid-send, and files from other versions.

use std::path::Path;

use sentier_core::geodesy::LatLon;
use sentier_core::photo::process_photo;
use sentier_core::reports::outbox::now_ms;
use sentier_core::reports::{
    FeedbackReferences, FieldProblem, Outbox, Reference, ReportDraft, ReportError, ReportField,
    ReportKind, ReportProblem, ReportState,
};
use sentier_testkit::photos::synthetic_jpeg;

fn draft() -> ReportDraft {
    let mut draft = ReportDraft::new(ReportKind::Public, "https://admin.example.org/");
    draft.location = Some(LatLon::new(44.8278, 6.3735));
    draft.email = "hiker@example.org".into();
    draft.comment = "Panneau cassé près du col".into();
    draft.category_id = Some(2);
    draft
}

fn open(dir: &Path) -> Outbox {
    Outbox::open(&dir.join("outbox.sqlite")).unwrap()
}

#[test]
fn a_queued_report_and_its_photos_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let photo = process_photo(&synthetic_jpeg(800, 600, 11, None)).unwrap();
    let id = {
        let outbox = open(dir.path());
        let entry = outbox.create_draft(&draft()).unwrap();
        assert_eq!(entry.state, ReportState::Draft);
        outbox.add_photo(&entry.id, &photo).unwrap();
        outbox.queue(&entry.id, None).unwrap();
        entry.id
    };
    let outbox = open(dir.path());
    let entry = outbox.get(&id).unwrap();
    assert_eq!(entry.state, ReportState::Queued);
    assert_eq!(entry.draft, draft());
    assert_eq!(entry.attempts, 0);
    assert_eq!(entry.photos.len(), 1);
    assert_eq!(entry.photos[0].sha256, photo.sha256);
    let files = outbox.photo_files(&id).unwrap();
    assert_eq!(files[0].1, photo.jpeg);
    assert_eq!(outbox.due(i64::MAX).unwrap().len(), 1);
}

#[test]
fn drafts_take_three_photos_and_are_validated_when_queued() {
    let dir = tempfile::tempdir().unwrap();
    let outbox = open(dir.path());
    let photo = process_photo(&synthetic_jpeg(64, 48, 1, None)).unwrap();
    let mut incomplete = draft();
    incomplete.location = None;
    let entry = outbox.create_draft(&incomplete).unwrap();
    for _ in 0..3 {
        outbox.add_photo(&entry.id, &photo).unwrap();
    }
    assert_eq!(
        outbox.add_photo(&entry.id, &photo),
        Err(ReportError::TooManyPhotos { max: 3 })
    );
    outbox.remove_photo(&entry.id, 1).unwrap();
    let positions: Vec<u32> = outbox
        .get(&entry.id)
        .unwrap()
        .photos
        .iter()
        .map(|p| p.position)
        .collect();
    assert_eq!(positions, vec![0, 2]);

    assert_eq!(
        outbox.queue(&entry.id, None).unwrap_err(),
        ReportError::InvalidReport {
            problems: vec![FieldProblem {
                field: ReportField::Location,
                problem: ReportProblem::LocationMissing
            }]
        }
    );
    assert_eq!(
        outbox.get(&entry.id).unwrap().state,
        ReportState::Draft,
        "a refused draft stays a draft"
    );
    outbox.update_draft(&entry.id, &draft()).unwrap();
    let references = FeedbackReferences {
        categories: vec![Reference {
            id: 1,
            label: "Environnement".into(),
        }],
        ..FeedbackReferences::default()
    };
    assert_eq!(
        outbox.queue(&entry.id, Some(&references)).unwrap_err(),
        ReportError::InvalidReport {
            problems: vec![ReportProblem::CategoryUnknown.into()]
        }
    );
    outbox.queue(&entry.id, None).unwrap();
    // Queued reports belong to the outbox now.
    assert!(matches!(
        outbox.update_draft(&entry.id, &draft()),
        Err(ReportError::NotEditable { .. })
    ));
    assert!(matches!(
        outbox.add_photo(&entry.id, &photo),
        Err(ReportError::NotEditable { .. })
    ));
    outbox.discard(&entry.id).unwrap();
    assert!(matches!(
        outbox.get(&entry.id),
        Err(ReportError::UnknownReport { .. })
    ));
}

#[test]
fn a_report_cut_off_while_sending_comes_back_queued_with_an_unknown_outcome() {
    let dir = tempfile::tempdir().unwrap();
    let id = {
        let outbox = open(dir.path());
        let entry = outbox.create_draft(&draft()).unwrap();
        outbox.queue(&entry.id, None).unwrap();
        entry.id
    };
    // The process died with the request in flight.
    rusqlite::Connection::open(dir.path().join("outbox.sqlite"))
        .unwrap()
        .execute("UPDATE reports SET state = 'sending', attempts = 1", [])
        .unwrap();
    let outbox = open(dir.path());
    let entry = outbox.get(&id).unwrap();
    assert_eq!(entry.state, ReportState::Queued);
    assert!(entry.outcome_unknown);
    assert_eq!(entry.attempts, 1);
}

#[test]
fn the_outbox_offers_to_retry_a_refused_report_and_to_discard_any_not_being_sent() {
    let dir = tempfile::tempdir().unwrap();
    let outbox = open(dir.path());
    let entry = outbox.create_draft(&draft()).unwrap();
    assert!(entry.can_discard && !entry.can_retry, "a draft");
    let queued = outbox.queue(&entry.id, None).unwrap();
    assert!(queued.can_discard && !queued.can_retry, "queued");
    let set_state = |state: &str| {
        rusqlite::Connection::open(dir.path().join("outbox.sqlite"))
            .unwrap()
            .execute("UPDATE reports SET state = ?1", [state])
            .unwrap();
        outbox.get(&entry.id).unwrap()
    };
    let sending = set_state("sending");
    assert!(!sending.can_discard && !sending.can_retry, "being sent");
    assert_eq!(
        outbox.discard(&entry.id),
        Err(ReportError::NotEditable {
            id: entry.id.clone()
        })
    );
    let failed = set_state("failed");
    assert!(
        failed.can_discard && failed.can_retry,
        "refused by the server"
    );
    assert_eq!(
        outbox.queue(&entry.id, None).unwrap().state,
        ReportState::Queued
    );
    let sent = set_state("sent");
    assert!(
        sent.can_discard && !sent.can_retry,
        "sent: its record may go"
    );
    outbox.discard(&entry.id).unwrap();
}

#[test]
fn a_file_from_a_newer_version_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("outbox.sqlite");
    drop(open(dir.path()));
    let connection = rusqlite::Connection::open(&path).unwrap();
    connection.pragma_update(None, "user_version", 99).unwrap();
    drop(connection);
    assert!(
        matches!(Outbox::open(&path), Err(ReportError::Store { reason }) if reason.contains("newer"))
    );
    let version: i64 = rusqlite::Connection::open(&path)
        .unwrap()
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .unwrap();
    assert_eq!(version, 99);
}

#[test]
fn a_damaged_file_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("outbox.sqlite");
    std::fs::write(
        &path,
        b"this is not a database, just some bytes long enough to matter",
    )
    .unwrap();
    assert!(matches!(
        Outbox::open(&path),
        Err(ReportError::Store { .. })
    ));
}

#[test]
fn a_draft_with_an_impossible_number_is_refused_before_it_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let outbox = open(dir.path());
    // What `--lat NaN`, `--lat inf` or `--lat 1e400` read as.
    for latitude in [f64::NAN, f64::INFINITY, "1e400".parse::<f64>().unwrap()] {
        let mut impossible = draft();
        impossible.location = Some(LatLon::new(latitude, 6.3));
        assert_eq!(
            outbox.create_draft(&impossible),
            Err(ReportError::InvalidReport {
                problems: vec![ReportProblem::LocationOutOfRange.into()]
            }),
            "{latitude}"
        );
        let entry = outbox.create_draft(&draft()).unwrap();
        assert!(outbox.update_draft(&entry.id, &impossible).is_err());
        assert_eq!(outbox.get(&entry.id).unwrap().draft, draft());
    }
    assert!(outbox.list().is_ok());
}

#[test]
fn a_damaged_report_is_listed_and_can_be_discarded_without_failing_the_outbox() {
    let dir = tempfile::tempdir().unwrap();
    let outbox = open(dir.path());
    let sound = outbox.create_draft(&draft()).unwrap();
    outbox.queue(&sound.id, None).unwrap();
    let damaged = outbox.create_draft(&draft()).unwrap();
    outbox.queue(&damaged.id, None).unwrap();
    // What an older version stored for `--lat NaN`: a null latitude.
    rusqlite::Connection::open(dir.path().join("outbox.sqlite"))
        .unwrap()
        .execute(
            "UPDATE reports SET draft = replace(draft, '44.8278', 'null') WHERE id = ?1",
            [&damaged.id],
        )
        .unwrap();
    let outbox = open(dir.path());
    let listed = outbox.list().unwrap();
    assert_eq!(listed.len(), 2);
    let entry = listed.iter().find(|e| e.id == damaged.id).unwrap();
    assert_eq!(entry.state, ReportState::Damaged);
    assert_eq!(entry.draft.comment, draft().comment, "what could be read");
    assert!(entry.can_discard && !entry.can_retry);
    assert!(
        entry
            .last_error
            .as_deref()
            .unwrap()
            .contains("cannot be read")
    );
    // Delivery skips it; the sound report is still due.
    let due: Vec<String> = outbox
        .due(i64::MAX)
        .unwrap()
        .into_iter()
        .map(|e| e.id)
        .collect();
    assert_eq!(due, vec![sound.id.clone()]);
    outbox.discard(&damaged.id).unwrap();
    assert_eq!(outbox.list().unwrap().len(), 1);
}

#[test]
fn a_report_to_anything_but_a_web_server_is_refused_when_queued() {
    let dir = tempfile::tempdir().unwrap();
    let outbox = open(dir.path());
    for server in [
        "file:///etc/passwd",
        "ftp://admin.example.org/",
        "admin example",
    ] {
        let mut elsewhere = draft();
        elsewhere.server_url = server.into();
        let entry = outbox.create_draft(&elsewhere).unwrap();
        assert_eq!(
            outbox.queue(&entry.id, None),
            Err(ReportError::InvalidReport {
                problems: vec![ReportProblem::ServerUrlInvalid.into()]
            }),
            "{server}"
        );
    }
    // A Geotrek-admin written any way is kept as its root.
    let mut api = draft();
    api.server_url = "HTTPS://Admin.Example.org/api/v2".into();
    let entry = outbox.create_draft(&api).unwrap();
    assert_eq!(entry.draft.server_url, "https://admin.example.org/");
}

#[test]
fn a_report_another_process_is_sending_is_left_to_it() {
    let dir = tempfile::tempdir().unwrap();
    let outbox = open(dir.path());
    let entry = outbox.create_draft(&draft()).unwrap();
    outbox.queue(&entry.id, None).unwrap();
    assert!(outbox.claim(&entry.id, "process-a", 60_000).unwrap());
    // A second process opens the outbox while the first one sends.
    let other = open(dir.path());
    let seen = other.get(&entry.id).unwrap();
    assert_eq!(seen.state, ReportState::Sending);
    assert!(!seen.outcome_unknown);
    assert!(other.due(i64::MAX).unwrap().is_empty());
    assert!(!other.claim(&entry.id, "process-b", 60_000).unwrap());
    // A lease that ran out (its process died) is taken back, outcome unknown.
    assert_eq!(other.reclaim(None, now_ms() + 61_000).unwrap(), 1);
    let back = other.get(&entry.id).unwrap();
    assert_eq!(back.state, ReportState::Queued);
    assert!(back.outcome_unknown);
}
