//! Field reports for the shells: compose and queue reports with photos, list
//! the outbox, log in to the field API, and deliver in the background with a
//! listener. Credentials go through [`SecretStorage`], which the shells
//! implement with the Android Keystore or the iOS Keychain.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use sentier_core::geodesy::LatLon;
use sentier_core::locale::{Language, UserMessage};
use sentier_core::photo::process_photo_file;
use sentier_core::reports::outbox::now_ms;
use sentier_core::reports::{
    AssetRef, CatalogFieldAssets, FIELD_ASSETS_FILE, FeedbackReferences, FieldAsset,
    FieldAssetCache, FieldAssets, FieldAssetsStatus, FieldProblem, FieldSessionInfo, NearbyAsset,
    Outbox, OutboxEntry, OutboxSync, ReportDraft, ReportError, ReportKind, ReportProblem,
    RetryPolicy, SecretStore, SecretStoreError, StoredPhoto, SyncObserver, SyncSummary,
    nearby_assets,
};
use sentier_core::runtime::{TaskHandle, on_core_runtime};

use crate::catalog::Catalog;

/// Why the shell's secure storage failed (`SecretStorageException`).
///
/// Declared here rather than reusing the core's `SecretStoreError`: UniFFI's
/// Kotlin callback code cannot lower an error type of another crate.
#[derive(Debug, thiserror::Error, uniffi::Error)]
pub enum SecretStorageError {
    /// The storage cannot be used now (locked keychain, keystore error...).
    #[error("secret storage unavailable: {reason}")]
    Unavailable { reason: String },
}

impl From<uniffi::UnexpectedUniFFICallbackError> for SecretStorageError {
    fn from(error: uniffi::UnexpectedUniFFICallbackError) -> Self {
        SecretStorageError::Unavailable {
            reason: error.reason,
        }
    }
}

impl From<SecretStorageError> for SecretStoreError {
    fn from(error: SecretStorageError) -> Self {
        match error {
            SecretStorageError::Unavailable { reason } => SecretStoreError::Unavailable { reason },
        }
    }
}

/// The platform's secure storage, implemented by the shell.
#[uniffi::export(with_foreign)]
pub trait SecretStorage: Send + Sync {
    /// The value stored under `key`, if any.
    fn read(&self, key: String) -> Result<Option<String>, SecretStorageError>;
    /// Stores `value` under `key`.
    fn write(&self, key: String, value: String) -> Result<(), SecretStorageError>;
    /// Removes `key` (a missing key is not an error).
    fn delete(&self, key: String) -> Result<(), SecretStorageError>;
}

/// The shell's storage seen as the core's [`SecretStore`].
struct ShellSecrets(Arc<dyn SecretStorage>);

impl SecretStore for ShellSecrets {
    fn read(&self, key: &str) -> Result<Option<String>, SecretStoreError> {
        Ok(self.0.read(key.to_string())?)
    }
    fn write(&self, key: &str, value: &str) -> Result<(), SecretStoreError> {
        Ok(self.0.write(key.to_string(), value.to_string())?)
    }
    fn delete(&self, key: &str) -> Result<(), SecretStoreError> {
        Ok(self.0.delete(key.to_string())?)
    }
}

/// What the shell hears while the outbox is delivered.
#[uniffi::export(with_foreign)]
pub trait OutboxListener: Send + Sync {
    /// A report changed state.
    fn on_report_changed(&self, entry: OutboxEntry);
    /// The field session of `server_url` is gone: ask the user to log in.
    fn on_login_required(&self, server_url: String);
    /// A delivery pass ended.
    fn on_sync_finished(&self, summary: SyncSummary);
}

struct ListenerObserver(Arc<dyn OutboxListener>);

impl SyncObserver for ListenerObserver {
    fn report_changed(&self, entry: &OutboxEntry) {
        self.0.on_report_changed(entry.clone());
    }
    fn login_required(&self, server_url: &str) {
        self.0.on_login_required(server_url.to_string());
    }
    fn sync_finished(&self, summary: &SyncSummary) {
        self.0.on_sync_finished(summary.clone());
    }
}

/// The reports service of the app: one outbox file, one secret storage.
#[derive(uniffi::Object)]
pub struct Reports {
    pub(crate) sync: Arc<OutboxSync>,
    pub(crate) field_assets: Arc<FieldAssetCache>,
}

#[uniffi::export]
impl Reports {
    /// Opens the outbox at `outbox_path` (created if missing), and the
    /// ranger's downloaded signage beside it (`field-assets.sqlite`).
    #[uniffi::constructor]
    pub fn open(
        outbox_path: String,
        secrets: Arc<dyn SecretStorage>,
    ) -> Result<Arc<Self>, ReportError> {
        let outbox_path = Path::new(&outbox_path);
        let field_assets = FieldAssetCache::open(&outbox_path.with_file_name(FIELD_ASSETS_FILE))?;
        let outbox = Arc::new(Outbox::open(outbox_path)?);
        let sync = OutboxSync::new(
            outbox,
            Arc::new(ShellSecrets(secrets)),
            RetryPolicy::default(),
        )?;
        Ok(Arc::new(Reports {
            sync: Arc::new(sync),
            field_assets: Arc::new(field_assets),
        }))
    }

    /// Starts a report.
    pub fn create_draft(&self, draft: ReportDraft) -> Result<OutboxEntry, ReportError> {
        self.sync.outbox().create_draft(&draft)
    }

    /// Changes a draft (or a failed report before queueing it again).
    pub fn update_draft(&self, id: String, draft: ReportDraft) -> Result<OutboxEntry, ReportError> {
        self.sync.outbox().update_draft(&id, &draft)
    }

    /// Processes the photo file at `path` and adds it to draft `id`.
    pub fn add_photo(&self, id: String, path: String) -> Result<StoredPhoto, ReportError> {
        let processed = process_photo_file(Path::new(&path))?;
        self.sync.outbox().add_photo(&id, &processed)
    }

    /// Removes a photo from a draft.
    pub fn remove_photo(&self, id: String, position: u32) -> Result<(), ReportError> {
        self.sync.outbox().remove_photo(&id, position)
    }

    /// Validates and queues a draft (a ranger's item against the ranger's
    /// download, when there is one); the running sync picks it up at once.
    /// A possibly delivered report is sent again, at the user's word.
    pub fn queue(
        &self,
        id: String,
        references: Option<FeedbackReferences>,
    ) -> Result<OutboxEntry, ReportError> {
        let outbox = self.sync.outbox();
        let draft = outbox.get(&id)?.draft;
        let downloaded = self
            .field_assets
            .source_for(draft.kind, &draft.server_url)?;
        let assets = downloaded.as_ref().map(|source| source as &dyn FieldAssets);
        let entry = outbox.queue_checked(&id, references.as_ref(), assets)?;
        self.sync.nudge();
        Ok(entry)
    }

    /// The user's word that a possibly delivered report reached the server.
    pub fn confirm_delivered(&self, id: String) -> Result<OutboxEntry, ReportError> {
        self.sync.outbox().confirm_delivered(&id)
    }

    /// Removes a report that is not being sent.
    pub fn discard(&self, id: String) -> Result<(), ReportError> {
        self.sync.outbox().discard(&id)
    }

    /// Every report, newest first.
    pub fn list(&self) -> Result<Vec<OutboxEntry>, ReportError> {
        self.sync.outbox().list()
    }

    /// When the next queued report comes due (Unix ms), for the platform's
    /// background wake-up; `None` when nothing waits to be delivered.
    pub fn next_delivery_at_ms(&self) -> Result<Option<i64>, ReportError> {
        self.sync.outbox().next_due_at()
    }

    /// Logs in to the field API of `server_url`.
    pub async fn login(
        &self,
        server_url: String,
        username: String,
        password: String,
    ) -> Result<FieldSessionInfo, ReportError> {
        let sync = self.sync.clone();
        on_core_runtime(async move { sync.login(&server_url, &username, &password).await }).await?
    }

    /// Forgets the field session of `server_url`.
    pub fn logout(&self, server_url: String) -> Result<(), ReportError> {
        self.sync.logout(&server_url)
    }

    /// The field session of `server_url`, if logged in.
    pub fn session(&self, server_url: String) -> Result<Option<FieldSessionInfo>, ReportError> {
        self.sync.session(&server_url)
    }

    /// Downloads the signage and infrastructure of `server_url`'s territory
    /// from the field API (logged in), replacing the previous download.
    pub async fn download_field_assets(
        &self,
        server_url: String,
    ) -> Result<FieldAssetsStatus, ReportError> {
        let (sync, cache) = (self.sync.clone(), self.field_assets.clone());
        on_core_runtime(async move {
            let assets = sync.download_field_assets(&server_url).await?;
            cache.replace(&server_url, &assets, now_ms())
        })
        .await?
    }

    /// When the items of `server_url` were last downloaded, if ever.
    pub fn field_assets_status(
        &self,
        server_url: String,
    ) -> Result<Option<FieldAssetsStatus>, ReportError> {
        self.field_assets.status(&server_url)
    }

    /// The signage and infrastructure within 50 m of `location`, nearest
    /// first, that a report of `kind` to `server_url` can be about: for a
    /// ranger's report, from the ranger's download of that server once there
    /// is one; else from `catalog` (the pack's), in `language`.
    pub fn assets_near(
        &self,
        kind: ReportKind,
        server_url: String,
        location: LatLon,
        catalog: Arc<Catalog>,
        language: String,
    ) -> Result<Vec<NearbyAsset>, ReportError> {
        Ok(match self.field_assets.source_for(kind, &server_url)? {
            Some(downloaded) => nearby_assets(&downloaded, location),
            None => catalog.report_assets_near(location, language),
        })
    }

    /// One delivery pass now.
    pub async fn sync_now(
        &self,
        listener: Arc<dyn OutboxListener>,
    ) -> Result<SyncSummary, ReportError> {
        let sync = self.sync.clone();
        on_core_runtime(async move { sync.sync_once(&ListenerObserver(listener)).await }).await?
    }

    /// Delivers in the background until the handle is cancelled: at once,
    /// when reports come due, on connectivity, and every `period_seconds`.
    pub fn start_sync(
        &self,
        listener: Arc<dyn OutboxListener>,
        period_seconds: u32,
    ) -> Arc<TaskHandle> {
        let sync = self.sync.clone();
        TaskHandle::spawn(move |cancel| async move {
            let observer = Arc::new(ListenerObserver(listener));
            sync.run(
                cancel,
                observer,
                Duration::from_secs(u64::from(period_seconds.max(1))),
            )
            .await;
        })
    }

    /// The shell's connectivity changed.
    pub fn connectivity_changed(&self, online: bool) -> Result<(), ReportError> {
        self.sync.connectivity_changed(online)
    }
}

/// What a report is composed with, read from the offline catalog.
#[uniffi::export]
impl Catalog {
    /// The signage and infrastructure within 50 m of `location`, nearest
    /// first, with code, name, type and blades: what a ranger picks from.
    pub fn report_assets_near(&self, location: LatLon, language: String) -> Vec<NearbyAsset> {
        nearby_assets(&self.field_assets(&language), location)
    }

    /// The feedback categories, activities and magnitudes and the signage and
    /// infrastructure conditions, in `language`.
    pub fn report_references(&self, language: String) -> FeedbackReferences {
        self.field_assets(&language).references()
    }
}

/// What stops `draft` from being queued, each problem with the field it is
/// shown next to (empty when it can be queued): the check `Reports.queue`
/// makes, for the form to show as the user types. `references`, when known,
/// must contain the chosen ids.
#[uniffi::export]
pub fn report_problems(
    draft: ReportDraft,
    references: Option<FeedbackReferences>,
) -> Vec<FieldProblem> {
    draft.problems(references.as_ref(), None)
}

/// The item a report is about, labelled as the outbox and the park see it
/// (its code, then its name).
#[uniffi::export]
pub fn asset_ref(asset: FieldAsset) -> AssetRef {
    AssetRef::from(&asset)
}

/// The sentence shown next to the field of `problem`, in `language`.
#[uniffi::export]
pub fn report_problem_message(problem: ReportProblem, language: Language) -> String {
    problem.message(language)
}

impl Catalog {
    fn field_assets(&self, language: &str) -> CatalogFieldAssets {
        CatalogFieldAssets::new(self.inner.clone(), language)
    }
}
