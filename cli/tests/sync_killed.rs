//! A sync whose process is killed (SIGKILL, as the OS does to a backgrounded
//! app) leaves the catalog exactly as the last completed sync left it.

use std::process::{Command, Stdio};
use std::time::Duration;

use sentier_core::catalog::{Catalog, TrekQuery};
use sentier_testkit::api_server::{ApiServer, Fault, FaultPlan, FaultRule};
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
    // Every answer is slow (a sync then takes seconds), so the kills land
    // while the sync's transaction is open at different stages.
    server.set_faults(FaultPlan::new().with(FaultRule::new(
        "*",
        Fault::Delay(Duration::from_millis(150)),
    )));
    for wait_ms in [300, 1500, 3000] {
        let mut child = sentier(dir.path(), &["sync", &url]).spawn().unwrap();
        std::thread::sleep(Duration::from_millis(wait_ms));
        child.kill().unwrap();
        child.wait().unwrap();
        assert_eq!(snapshot(dir.path()), before, "killed after {wait_ms} ms");
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
