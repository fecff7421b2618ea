//! Each fault of a `FaultPlan` does what it says on a real socket, only on
//! the requests it targets, and only as many times as asked.

mod common;

use std::time::Duration;

use common::{get, get_json, get_limited};
use sentier_testkit::{ApiServer, Fault, FaultPlan, FaultRule, Territory, TerritorySpec};
use serde_json::Value;

fn server() -> ApiServer {
    ApiServer::start(Territory::generate(&TerritorySpec::small(5, 12))).expect("server starts")
}

fn plan(resource: &str, fault: Fault) -> FaultPlan {
    FaultPlan::new().with(FaultRule::new(resource, fault))
}

#[test]
fn status_faults_carry_retry_after_and_are_one_shot() {
    let server = server();
    let url = format!("{}trek/", server.base_url());
    server.set_faults(
        FaultPlan::new().with(
            FaultRule::new(
                "trek",
                Fault::Status {
                    status: 503,
                    retry_after: Some(2),
                },
            )
            .times(1),
        ),
    );
    let first = get(&url);
    assert_eq!(first.status, 503);
    assert_eq!(first.header("retry-after"), Some("2"));
    assert_eq!(first.json()["detail"], "Service Unavailable");
    assert_eq!(get(&url).status, 200, "the retry succeeds");
    // Other resources are never touched.
    server.set_faults(plan(
        "trek",
        Fault::Status {
            status: 404,
            retry_after: None,
        },
    ));
    assert_eq!(get(&format!("{}poi/", server.base_url())).status, 200);
    assert_eq!(get(&url).status, 404);
}

#[test]
fn faults_target_pages_and_nth_requests() {
    let server = server();
    let base = server.base_url();
    server.set_faults(
        FaultPlan::new()
            .with(FaultRule::new("poi", Fault::HtmlErrorPage).on_page(2))
            .with(FaultRule::new("trek", Fault::MalformedJson).on_nth_request(2)),
    );
    assert_eq!(get(&format!("{base}poi/?page_size=5")).status, 200);
    let second = get(&format!("{base}poi/?page_size=5&page=2"));
    assert_eq!(second.status, 200);
    assert!(
        second
            .header("content-type")
            .is_some_and(|t| t.starts_with("text/html"))
    );
    assert!(second.body.starts_with(b"<!DOCTYPE html>"));
    assert!(serde_json::from_slice::<Value>(&get(&format!("{base}trek/")).body).is_ok());
    let malformed = get(&format!("{base}trek/"));
    assert_eq!(malformed.status, 200);
    assert!(serde_json::from_slice::<Value>(&malformed.body).is_err());
    assert!(serde_json::from_slice::<Value>(&get(&format!("{base}trek/")).body).is_ok());
}

#[test]
fn wrong_types_spoil_one_field_of_each_object() {
    let server = server();
    server.set_faults(plan(
        "trek",
        Fault::WrongType {
            field: "length_2d".into(),
        },
    ));
    let page = get_json(&format!("{}trek/?page_size=3", server.base_url()));
    for trek in page["results"].as_array().into_iter().flatten() {
        assert_eq!(trek["length_2d"], "not a number");
        assert!(trek["name"].is_object(), "the rest is intact");
    }
}

#[test]
fn truncated_bodies_announce_more_than_they_send() {
    let server = server();
    server.set_faults(plan("trek", Fault::TruncatedBody));
    let reply = get_limited(
        &format!("{}trek/", server.base_url()),
        usize::MAX,
        Some(Duration::from_secs(30)),
    )
    .expect("headers arrive");
    let announced: usize = reply
        .header("content-length")
        .and_then(|l| l.parse().ok())
        .unwrap_or(0);
    assert!(announced > 0);
    assert!(
        reply.cut_short && reply.body.len() < announced,
        "{} of {announced} bytes",
        reply.body.len()
    );
}

#[test]
fn delays_outlast_a_short_timeout_then_answer() {
    let server = server();
    let url = format!("{}trek/", server.base_url());
    server.set_faults(plan("trek", Fault::Delay(Duration::from_secs(3))));
    let timed_out = get_limited(&url, usize::MAX, Some(Duration::from_millis(200)));
    assert!(timed_out.is_err(), "a client with a short timeout gives up");
    let patient = get(&url);
    assert_eq!(patient.status, 200, "the answer comes after the delay");
}

#[test]
fn next_links_loop_or_leave_the_host() {
    let server = server();
    let url = format!("{}trek/?page_size=2", server.base_url());
    server.set_faults(plan("trek", Fault::NextLoops));
    assert_eq!(get_json(&url)["next"], url.as_str());
    server.set_faults(plan("trek", Fault::NextToForeignHost));
    let next = get_json(&url)["next"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(next.starts_with("http://127.0.0.2:"), "{next}");
    assert!(next.ends_with("/api/v2/trek/?page_size=2"));
}

#[test]
fn huge_bodies_are_valid_json_of_the_asked_size() {
    let server = server();
    server.set_faults(plan("poi", Fault::HugeBody { bytes: 3_000_000 }));
    let reply = get(&format!("{}poi/", server.base_url()));
    let length: usize = reply
        .header("content-length")
        .and_then(|l| l.parse().ok())
        .unwrap_or(0);
    assert_eq!(reply.body.len(), length);
    assert!((2_900_000..=3_000_000).contains(&length), "{length}");
    assert!(
        reply.json()["results"]
            .as_array()
            .is_some_and(|r| r.len() > 10_000)
    );
}

#[test]
fn endless_bodies_stream_until_the_client_hangs_up() {
    let server = server();
    server.set_faults(
        plan("trek", Fault::EndlessBody).with(FaultRule::new("poi", Fault::EndlessBody).times(0)),
    );
    let limit = 8 * 1024 * 1024;
    let reply = get_limited(
        &format!("{}trek/", server.base_url()),
        limit,
        Some(Duration::from_secs(30)),
    )
    .expect("a stream");
    assert!(
        reply.body.len() >= limit,
        "still streaming after {} bytes",
        reply.body.len()
    );
    assert!(reply.body.starts_with(b"{\"count\":"));
    // The server keeps serving after the client hung up.
    assert_eq!(get(&format!("{}poi/", server.base_url())).status, 200);
}

#[test]
fn media_requests_can_fail_too() {
    let server = server();
    let trek = get_json(&format!("{}trek/?page_size=1", server.base_url()));
    let photo = trek["results"][0]["attachments"][0]["url"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    server.set_faults(plan(
        "media",
        Fault::Status {
            status: 500,
            retry_after: None,
        },
    ));
    assert_eq!(get(&photo).status, 500);
    server.set_faults(FaultPlan::new());
    assert_eq!(get(&photo).status, 200);
}
