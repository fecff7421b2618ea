//! Hostile servers on the network side, as an adversarial run met them: a
//! Geotrek API trickling a byte at a time or paginating without end, one
//! refusing access, and report endpoints answering without end. Each ends
//! in bounded time and memory with an error that says what happened.

use std::sync::Mutex;
use std::time::Duration;

use sentier_core::catalog::{CatalogError, Limits, SyncOptions, SyncProgress, sync::sync};
use sentier_core::reports::{ReportError, field_api};
use sentier_testkit::api_server::{ApiServer, Fault, FaultPlan, FaultRule};
use sentier_testkit::pack_server::{PackFault, PackFaultRule, PackServer};
use sentier_testkit::territory::{Territory, TerritorySpec};
use tokio_util::sync::CancellationToken;

/// Syncs a small park whose `trek` list meets `fault`.
async fn sync_against(
    fault: Fault,
    limits: Limits,
) -> (Result<(), CatalogError>, Vec<SyncProgress>) {
    let server = ApiServer::start(Territory::generate(&TerritorySpec::small(3, 4))).unwrap();
    server.set_faults(FaultPlan::new().with(FaultRule::new("trek", fault)));
    let dir = tempfile::tempdir().unwrap();
    let events = Mutex::new(Vec::new());
    let outcome = sync(
        &dir.path().join("catalog.sqlite"),
        &server.base_url(),
        &SyncOptions::default(),
        limits,
        &|progress| events.lock().unwrap().push(progress.clone()),
        &CancellationToken::new(),
    )
    .await
    .map(drop);
    (outcome, events.into_inner().unwrap())
}

#[tokio::test]
async fn a_trickling_page_is_given_up_on_at_its_deadline_and_shows_its_bytes_meanwhile() {
    let limits = Limits {
        page_timeout: Duration::from_secs(3),
        ..Limits::default()
    };
    let (outcome, events) = sync_against(
        Fault::Trickle {
            interval: Duration::from_millis(100),
        },
        limits,
    )
    .await;
    match outcome {
        Err(CatalogError::Network {
            resource, detail, ..
        }) => {
            assert_eq!(resource, "trek");
            assert!(detail.contains("no complete answer within 3 s"), "{detail}");
        }
        other => panic!("{other:?}"),
    }
    // Progress came while the page trickled, its bytes counted as they came.
    let trickled: Vec<u64> = events
        .iter()
        .filter(|event| event.resource == "trek")
        .map(|event| event.bytes_downloaded)
        .collect();
    assert!(!trickled.is_empty(), "{events:?}");
    assert!(trickled.iter().all(|bytes| *bytes > 0));
}

#[tokio::test]
async fn endless_pagination_stops_past_what_the_first_page_announced() {
    let (outcome, _) = sync_against(Fault::EndlessPages, Limits::default()).await;
    match outcome {
        Err(CatalogError::BadNextLink {
            resource,
            reason,
            page,
            ..
        }) => {
            assert_eq!(resource, "trek");
            assert!(reason.starts_with("the first page announced "), "{reason}");
            assert!(page <= 6, "stopped at page {page}");
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_sync_stops_at_its_limit_of_objects() {
    let limits = Limits {
        max_objects: 2,
        ..Limits::default()
    };
    let (outcome, _) = sync_against(Fault::EndlessPages, limits).await;
    assert!(
        matches!(&outcome, Err(CatalogError::Malformed { detail, .. }) if detail.contains("more than one sync may hold (2 objects)")),
        "{outcome:?}"
    );
}

#[tokio::test]
async fn a_refused_access_says_what_to_check() {
    for status in [401, 403] {
        let fault = Fault::Status {
            status,
            retry_after: None,
        };
        let (outcome, _) = sync_against(fault, Limits::default()).await;
        let message = outcome.unwrap_err().to_string();
        assert!(
            message.contains(&format!("HTTP {status}"))
                && message.contains("public Geotrek API (https://HOST/api/v2/)"),
            "{message}"
        );
    }
}

#[tokio::test]
async fn endless_answers_to_a_login_are_cut_and_worded() {
    let empty = tempfile::tempdir().unwrap();
    let server = PackServer::start(empty.path()).unwrap();
    let client = sentier_core::http::client().unwrap();
    let url = server.url();
    let login = || field_api::login(&client, &url, "ranger", "secret");

    // A token answer that never ends.
    server.set_faults(vec![PackFaultRule::new(
        "api/auth/token/",
        PackFault::EndlessBody { status: 200 },
        1,
    )]);
    match tokio::time::timeout(Duration::from_secs(60), login()).await {
        Ok(Err(ReportError::Network { reason })) => assert!(
            reason.contains("larger than the 65536-byte limit of a token answer"),
            "{reason}"
        ),
        other => panic!("{other:?}"),
    }
    // An error page that never ends: its start gives the reason.
    server.set_faults(vec![PackFaultRule::new(
        "api/auth/token/",
        PackFault::EndlessBody { status: 500 },
        1,
    )]);
    match tokio::time::timeout(Duration::from_secs(60), login()).await {
        Ok(Err(ReportError::Network { reason })) => assert_eq!(
            reason,
            "the server answered HTTP 500: Internal Server Error"
        ),
        other => panic!("{other:?}"),
    }
}
