//! A sync whose process is killed (SIGKILL, as the OS does to a backgrounded
//! app) leaves the catalog exactly as the last completed sync left it.

use std::process::{Command, Stdio};

use sentier_core::catalog::{Catalog, TrekQuery};
use sentier_testkit::api_server::{ApiServer, Fault, FaultPlan, FaultRule, Gate};
use sentier_testkit::territory::{Territory, TerritorySpec};

fn sentier(data_dir: &std::path::Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_sentier"));
    command
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .stdout(Stdio::null());
    command
}

fn snapshot(data_dir: &std::path::Path) -> (Vec<String>, u64) {
    let catalog = Catalog::open(&data_dir.join("catalog.sqlite")).unwrap();
    let page = catalog
        .search(&TrekQuery {
            limit: 1000,
            ..TrekQuery::all("fr")
        })
        .unwrap();
    (
        page.treks.into_iter().map(|t| t.name).collect(),
        catalog.status().unwrap().places,
    )
}

#[test]
fn killing_a_sync_midway_keeps_the_previous_catalog() {
    let server = ApiServer::start(Territory::generate(&TerritorySpec::small(11, 30))).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let url = server.base_url();
    assert!(
        sentier(dir.path(), &["sync", &url])
            .status()
            .unwrap()
            .success()
    );
    let before = snapshot(dir.path());

    server.with_territory(|t| t.touch(1.0, 9));
    // The kills land while the sync's transaction is open at different
    // stages: the server holds a request to an early, a middle and the last
    // resource, and tells the test once the sync is waiting on it.
    for resource in ["trek_route", "poi", "touristicevent"] {
        let gate = Gate::new();
        server
            .set_faults(FaultPlan::new().with(FaultRule::new(resource, Fault::Hold(gate.clone()))));
        let mut child = sentier(dir.path(), &["sync", &url]).spawn().unwrap();
        gate.wait_for_held(1);
        child.kill().unwrap();
        child.wait().unwrap();
        gate.open();
        assert_eq!(
            snapshot(dir.path()),
            before,
            "killed while fetching {resource}"
        );
    }

    server.set_faults(FaultPlan::new());
    assert!(
        sentier(dir.path(), &["sync", &url])
            .status()
            .unwrap()
            .success()
    );
    assert_ne!(
        snapshot(dir.path()).0,
        before.0,
        "the next sync completes and shows the changes"
    );
}
