//! What the reports integration tests share: drafts for the test server's
//! reference ids, a fast retry policy, an observer that counts. Each test
//! file uses a part of it.
#![allow(dead_code)]

use std::path::Path;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use sentier_core::geodesy::LatLon;
use sentier_core::reports::{
    AssetKind, AssetRef, FileSecretStore, Outbox, OutboxEntry, OutboxSync, ReportDraft, ReportKind,
    ReportState, RetryPolicy, SyncObserver,
};

/// Retries within milliseconds so tests do not wait on backoff.
pub fn fast_policy() -> RetryPolicy {
    RetryPolicy {
        first_delay: Duration::from_millis(10),
        max_delay: Duration::from_millis(200),
        request_timeout: Duration::from_secs(2),
    }
}

/// A sync over the outbox in `dir`, with secrets in the same folder.
pub fn open_sync(dir: &Path) -> OutboxSync {
    let outbox = Arc::new(Outbox::open(&dir.join("outbox.sqlite")).unwrap());
    let secrets = Arc::new(FileSecretStore::new(dir.join("secrets.json")));
    OutboxSync::new(outbox, secrets, fast_policy()).unwrap()
}

fn located(kind: ReportKind, server_url: &str, n: u32) -> ReportDraft {
    let mut draft = ReportDraft::new(kind, server_url);
    draft.location = Some(LatLon::new(
        44.8 + f64::from(n) * 1e-4,
        6.3 + f64::from(n) * 1e-4,
    ));
    draft.comment = format!("Report {n}: balisage effacé");
    draft.category_id = Some(2);
    draft.activity_id = Some(1);
    draft.magnitude_id = Some(1 + n as i64 % 3);
    draft
}

/// A hiker's report.
pub fn public_draft(server_url: &str, n: u32) -> ReportDraft {
    let mut draft = located(ReportKind::Public, server_url, n);
    draft.email = format!("hiker{n}@example.org");
    draft.related_trek_id = Some(10088);
    draft
}

/// A ranger's report on signage `asset_id`, setting its conditions.
pub fn field_draft(server_url: &str, n: u32, asset_id: i64) -> ReportDraft {
    let mut draft = located(ReportKind::Field, server_url, n);
    draft.asset = Some(AssetRef {
        kind: AssetKind::Signage,
        id: asset_id,
        label: format!("S{asset_id} Carrefour"),
    });
    draft.asset_condition_ids = vec![2];
    draft
}

/// Composes, attaches `photos` and queues a report.
pub fn queue(outbox: &Outbox, draft: &ReportDraft, photos: &[Vec<u8>]) -> OutboxEntry {
    let entry = outbox.create_draft(draft).unwrap();
    for photo in photos {
        let processed = sentier_core::photo::process_photo(photo).unwrap();
        outbox.add_photo(&entry.id, &processed).unwrap();
    }
    outbox.queue(&entry.id, None).unwrap()
}

/// Counts what the sync reports.
#[derive(Default)]
pub struct Recorder {
    pub sent: AtomicU32,
    pub login_required: Mutex<Vec<String>>,
}

impl SyncObserver for Recorder {
    fn report_changed(&self, entry: &OutboxEntry) {
        if entry.state == ReportState::Sent {
            self.sent.fetch_add(1, Ordering::SeqCst);
        }
    }

    fn login_required(&self, server_url: &str) {
        self.login_required
            .lock()
            .unwrap()
            .push(server_url.to_string());
    }
}

/// Runs one pass on the core's runtime.
pub fn pass(sync: &OutboxSync, observer: &Recorder) -> sentier_core::reports::SyncSummary {
    sentier_core::runtime::runtime()
        .block_on(sync.sync_once(observer))
        .unwrap()
}

/// Logs in to the test server.
pub fn login(sync: &OutboxSync, server_url: &str) {
    sentier_core::runtime::runtime()
        .block_on(sync.login(
            server_url,
            sentier_testkit::field_server::USERNAME,
            sentier_testkit::field_server::PASSWORD,
        ))
        .unwrap();
}
