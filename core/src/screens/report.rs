//! The report composer: who reports (a hiker, or a logged-in ranger),
//! where, about which item nearby, in which category, with which photos,
//! and what still stops it from being sent, field by field, as the user
//! types once sending was refused.
//!
//! Its rules, once for both apps: only a ranger's report offers the
//! signage and infrastructure picker; the items offered are those within
//! [`crate::reports::ASSET_SEARCH_RADIUS_M`] of the report; the chosen item and its
//! conditions are cleared when the kind changes or the item is no longer
//! nearby; the kind and the e-mail outlive a sent report.

use std::path::PathBuf;
use std::sync::Arc;

use super::actor::{Machine, Mailbox};
use super::observable::{Observable, Subscriber};
use super::settings::{Settings, SettingsState};
use crate::catalog::Catalog;
use crate::geodesy::LatLon;
use crate::locale::{Language, UserMessage};
use crate::measures::MeasureFormatter;
use crate::photo::process_photo_file;
use crate::reports::{
    AssetKind, AssetRef, CatalogFieldAssets, FeedbackReferences, FieldAssetCache, FieldAssets,
    FieldProblem, NearbyAsset, OutboxSync, Reference, ReportDraft, ReportError, ReportField,
    ReportKind, StoredPhoto, nearby_assets,
};
use crate::runtime::TaskFailed;

/// An item nearby, as the picker lists it.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct AssetChoice {
    pub kind: AssetKind,
    pub id: i64,
    /// `S101 Carrefour du Lautaret · 12 m`.
    pub label: String,
    pub selected: bool,
}

/// A new condition the chosen item can be given.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ConditionChoice {
    pub id: i64,
    pub label: String,
    pub selected: bool,
}

/// A photo of the report.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PhotoRow {
    pub position: u32,
    /// `640 × 480 · 85 kB`.
    pub label: String,
}

/// What stops the report from being sent, in the core's words for `field`
/// ([`ReportField::Server`]: the settings' server).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ProblemText {
    pub field: ReportField,
    pub message: String,
}

/// The report composer.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ReportComposerState {
    pub kind: ReportKind,
    /// The kinds the user may choose between: a ranger's only once logged in.
    pub kinds: Vec<ReportKind>,
    /// Where the report is (the last fix); `None` until one is known.
    pub location: Option<LatLon>,
    /// The location as the core writes a position.
    pub position: Option<String>,
    pub email: String,
    /// Whether the e-mail is asked (a hiker's report).
    pub email_asked: bool,
    pub comment: String,
    pub category_id: Option<i64>,
    pub activity_id: Option<i64>,
    pub magnitude_id: Option<i64>,
    pub categories: Vec<Reference>,
    pub activities: Vec<Reference>,
    pub magnitudes: Vec<Reference>,
    /// The signage and infrastructure within 50 m, nearest first: a
    /// ranger's report only (empty for a hiker's).
    pub nearby: Vec<AssetChoice>,
    /// The new conditions the chosen item can be given.
    pub conditions: Vec<ConditionChoice>,
    pub photos: Vec<PhotoRow>,
    /// Set once sending was refused, then kept up to date as the form changes.
    pub problems: Vec<ProblemText>,
    /// The core's words when the last action failed for another reason.
    pub error: Option<String>,
    /// A photo is being processed or the report queued.
    pub busy: bool,
    /// The report is in the outbox; cleared when the next one is changed.
    pub queued: bool,
}

enum Action {
    Refresh(Option<LatLon>),
    SetKind(ReportKind),
    SetEmail(String),
    SetComment(String),
    SetCategory(Option<i64>),
    SetActivity(Option<i64>),
    SetMagnitude(Option<i64>),
    ChooseAsset(Option<(AssetKind, i64)>),
    ToggleCondition(i64),
    AddPhoto(PathBuf),
    RemovePhoto(u32),
    Send,
    Reset,
    /// The settings changed (boxed: the other actions are small).
    Settings(Box<SettingsState>),
}

/// The report composer for the pack in use's catalog and a reports server.
pub struct ReportComposer {
    state: Arc<Observable<ReportComposerState>>,
    mailbox: Mailbox<Action>,
}

impl ReportComposer {
    /// A new report to `server_url`, composed with `catalog`'s lists.
    pub fn open(
        sync: Arc<OutboxSync>,
        field_assets: Arc<FieldAssetCache>,
        catalog: Arc<Catalog>,
        settings: Arc<Settings>,
        server_url: String,
    ) -> ReportComposer {
        // Subscribed before the screen reads the settings: no change is missed.
        let changes = settings.subscribe();
        let composer = Composer {
            sync,
            field_assets,
            catalog,
            measures: settings.measures(),
            language: settings.language(),
            draft: ReportDraft::new(ReportKind::Public, &server_url),
            draft_id: None,
            references: FeedbackReferences::default(),
            nearby: Vec::new(),
            photos: Vec::new(),
            ranger: false,
            checking: false,
            error: None,
            queued: false,
            state: Arc::new(Observable::new(empty_state())),
        };
        let state = Arc::clone(&composer.state);
        let mailbox = Mailbox::start(composer);
        mailbox.follow(changes, |state| Action::Settings(Box::new(state)));
        ReportComposer { state, mailbox }
    }

    pub fn state(&self) -> ReportComposerState {
        self.state.get()
    }

    pub fn subscribe(&self) -> Subscriber<ReportComposerState> {
        self.state.subscribe()
    }

    /// Reads the lists, the ranger's session and the items near `location`
    /// (the last fix) again.
    pub fn refresh(&self, location: Option<LatLon>) {
        self.mailbox.send(Action::Refresh(location));
    }

    pub fn set_kind(&self, kind: ReportKind) {
        self.mailbox.send(Action::SetKind(kind));
    }

    pub fn set_email(&self, email: String) {
        self.mailbox.send(Action::SetEmail(email));
    }

    pub fn set_comment(&self, comment: String) {
        self.mailbox.send(Action::SetComment(comment));
    }

    pub fn set_category(&self, id: Option<i64>) {
        self.mailbox.send(Action::SetCategory(id));
    }

    pub fn set_activity(&self, id: Option<i64>) {
        self.mailbox.send(Action::SetActivity(id));
    }

    pub fn set_magnitude(&self, id: Option<i64>) {
        self.mailbox.send(Action::SetMagnitude(id));
    }

    /// Chooses the item nearby the report is about; `None` chooses none.
    pub fn choose_asset(&self, asset: Option<(AssetKind, i64)>) {
        self.mailbox.send(Action::ChooseAsset(asset));
    }

    pub fn toggle_condition(&self, id: i64) {
        self.mailbox.send(Action::ToggleCondition(id));
    }

    /// Adds the photo file at `path` (camera or gallery); the core checks
    /// and re-encodes it, and keeps its own copy.
    pub fn add_photo(&self, path: PathBuf) {
        self.mailbox.send(Action::AddPhoto(path));
    }

    pub fn remove_photo(&self, position: u32) {
        self.mailbox.send(Action::RemovePhoto(position));
    }

    /// Puts the report in the outbox if it is complete; else its problems
    /// show next to their fields.
    pub fn send(&self) {
        self.mailbox.send(Action::Send);
    }

    /// Starts a new report (the kind and the e-mail stay).
    pub fn reset(&self) {
        self.mailbox.send(Action::Reset);
    }

    /// Resumes once every action asked so far shows in the state.
    pub async fn settled(&self) {
        self.mailbox.settled().await;
    }
}

fn empty_state() -> ReportComposerState {
    ReportComposerState {
        kind: ReportKind::Public,
        kinds: vec![ReportKind::Public],
        location: None,
        position: None,
        email: String::new(),
        email_asked: true,
        comment: String::new(),
        category_id: None,
        activity_id: None,
        magnitude_id: None,
        categories: Vec::new(),
        activities: Vec::new(),
        magnitudes: Vec::new(),
        nearby: Vec::new(),
        conditions: Vec::new(),
        photos: Vec::new(),
        problems: Vec::new(),
        error: None,
        busy: false,
        queued: false,
    }
}

struct Composer {
    sync: Arc<OutboxSync>,
    field_assets: Arc<FieldAssetCache>,
    catalog: Arc<Catalog>,
    measures: MeasureFormatter,
    language: Language,
    draft: ReportDraft,
    /// The draft in the outbox, created at the first photo or at sending.
    draft_id: Option<String>,
    references: FeedbackReferences,
    nearby: Vec<NearbyAsset>,
    photos: Vec<StoredPhoto>,
    /// Whether a ranger is logged in to the reports server.
    ranger: bool,
    /// Once sending was refused, the form is checked at every change.
    checking: bool,
    error: Option<String>,
    queued: bool,
    state: Arc<Observable<ReportComposerState>>,
}

impl Machine for Composer {
    type Action = Action;

    async fn act(&mut self, action: Action) {
        if !matches!(action, Action::Refresh(_) | Action::Settings(_)) {
            self.queued = false;
        }
        match action {
            Action::Refresh(location) => {
                self.draft.location = location.or(self.draft.location);
                self.read_lists();
            }
            Action::SetKind(kind) => {
                if self.offered_kinds().contains(&kind) && kind != self.draft.kind {
                    self.draft.kind = kind;
                    self.draft.asset = None;
                    self.draft.asset_condition_ids.clear();
                    self.read_nearby();
                }
            }
            Action::SetEmail(email) => self.draft.email = email,
            Action::SetComment(comment) => self.draft.comment = comment,
            Action::SetCategory(id) => self.draft.category_id = id,
            Action::SetActivity(id) => self.draft.activity_id = id,
            Action::SetMagnitude(id) => self.draft.magnitude_id = id,
            Action::ChooseAsset(choice) => {
                let chosen = choice.and_then(|(kind, id)| {
                    self.nearby
                        .iter()
                        .find(|near| near.asset.kind == kind && near.asset.id == id)
                });
                self.draft.asset = chosen.map(|near| AssetRef::from(&near.asset));
                self.draft.asset_condition_ids.clear();
            }
            Action::ToggleCondition(id) => {
                let ids = &mut self.draft.asset_condition_ids;
                match ids.iter().position(|kept| *kept == id) {
                    Some(index) => {
                        ids.remove(index);
                    }
                    None if self.draft.asset.is_some() => ids.push(id),
                    None => {}
                }
            }
            Action::AddPhoto(path) => {
                self.state.update(|state| state.busy = true);
                self.error = self
                    .add_photo(&path)
                    .err()
                    .map(|e| e.message(self.language));
            }
            Action::RemovePhoto(position) => {
                if let Some(id) = &self.draft_id {
                    match self.sync.outbox().remove_photo(id, position) {
                        Ok(()) => self.photos.retain(|photo| photo.position != position),
                        Err(error) => self.error = Some(error.message(self.language)),
                    }
                }
            }
            Action::Send => self.send(),
            Action::Reset => self.start_new(),
            Action::Settings(settings) => {
                self.language = settings.language;
                self.measures = MeasureFormatter::in_language(settings.units, settings.language);
                self.read_lists();
            }
        }
        self.render();
    }

    fn on_panic(&mut self, failed: TaskFailed) {
        self.error = Some(failed.message(self.language));
        self.render();
    }
}

impl Composer {
    fn offered_kinds(&self) -> Vec<ReportKind> {
        if self.ranger {
            vec![ReportKind::Public, ReportKind::Field]
        } else {
            vec![ReportKind::Public]
        }
    }

    /// The reference lists, the ranger's session and the items nearby.
    fn read_lists(&mut self) {
        let language = self.language.code();
        self.references = CatalogFieldAssets::new(Arc::clone(&self.catalog), language).references();
        self.ranger = matches!(self.sync.session(&self.draft.server_url), Ok(Some(_)));
        if !self.ranger && self.draft.kind == ReportKind::Field {
            self.draft.kind = ReportKind::Public;
        }
        self.read_nearby();
    }

    /// The items a report of its kind can be about near its location: none
    /// for a hiker's report; a chosen item no longer among them is dropped
    /// with its conditions.
    fn read_nearby(&mut self) {
        self.nearby = match (self.draft.kind, self.draft.location) {
            (ReportKind::Field, Some(location)) => {
                let server = self.draft.server_url.clone();
                match self.field_assets.source_for(ReportKind::Field, &server) {
                    Ok(Some(downloaded)) => nearby_assets(&downloaded, location),
                    Ok(None) => nearby_assets(
                        &CatalogFieldAssets::new(Arc::clone(&self.catalog), self.language.code()),
                        location,
                    ),
                    Err(error) => {
                        self.error = Some(error.message(self.language));
                        Vec::new()
                    }
                }
            }
            _ => Vec::new(),
        };
        let still_near = self.draft.asset.as_ref().is_some_and(|chosen| {
            self.nearby
                .iter()
                .any(|near| near.asset.kind == chosen.kind && near.asset.id == chosen.id)
        });
        if !still_near {
            self.draft.asset = None;
            self.draft.asset_condition_ids.clear();
        }
    }

    fn add_photo(&mut self, path: &std::path::Path) -> Result<(), ReportError> {
        let processed = process_photo_file(path)?;
        let id = self.save_draft()?;
        let photo = self.sync.outbox().add_photo(&id, &processed)?;
        self.photos.push(photo);
        Ok(())
    }

    /// The draft in the outbox, created at the first photo or at sending, updated since.
    fn save_draft(&mut self) -> Result<String, ReportError> {
        let outbox = self.sync.outbox();
        let entry = match &self.draft_id {
            Some(id) => outbox.update_draft(id, &self.draft)?,
            None => outbox.create_draft(&self.draft)?,
        };
        self.draft_id = Some(entry.id.clone());
        Ok(entry.id)
    }

    /// Runs `check` with where the draft's item comes from: the ranger's
    /// download of the server once there is one, else the pack's catalog.
    fn with_assets<T>(&self, check: impl FnOnce(&dyn FieldAssets) -> T) -> T {
        match self
            .field_assets
            .source_for(self.draft.kind, &self.draft.server_url)
        {
            Ok(Some(downloaded)) => check(&downloaded),
            _ => check(&CatalogFieldAssets::new(
                Arc::clone(&self.catalog),
                self.language.code(),
            )),
        }
    }

    /// What stops the draft from being queued: the outbox's checks, the
    /// item among those within 50 m included.
    fn problems(&self) -> Vec<FieldProblem> {
        self.with_assets(|assets| self.draft.problems(Some(&self.references), Some(assets)))
    }

    fn send(&mut self) {
        if !self.problems().is_empty() {
            self.checking = true;
            return;
        }
        let queued = self.save_draft().and_then(|id| {
            let entry = self.with_assets(|assets| {
                self.sync
                    .outbox()
                    .queue_checked(&id, Some(&self.references), Some(assets))
            })?;
            self.sync.nudge();
            Ok(entry)
        });
        match queued {
            Ok(_) => {
                self.start_new();
                self.queued = true;
            }
            Err(ReportError::InvalidReport { .. }) => self.checking = true,
            Err(error) => self.error = Some(error.message(self.language)),
        }
    }

    /// A new report: the kind, the e-mail, the location and the lists stay.
    fn start_new(&mut self) {
        let mut draft = ReportDraft::new(self.draft.kind, &self.draft.server_url);
        draft.email = std::mem::take(&mut self.draft.email);
        draft.location = self.draft.location;
        self.draft = draft;
        self.draft_id = None;
        self.photos.clear();
        self.checking = false;
        self.error = None;
        self.queued = false;
    }

    fn render(&self) {
        let (measures, language) = (&self.measures, self.language);
        let draft = &self.draft;
        let chosen = draft.asset.as_ref();
        let condition_list = match chosen.map(|asset| asset.kind) {
            Some(AssetKind::Signage) => self.references.signage_conditions.as_slice(),
            Some(AssetKind::Infrastructure) => self.references.infrastructure_conditions.as_slice(),
            None => &[],
        };
        let problems = if self.checking {
            self.problems()
                .into_iter()
                .map(|problem| ProblemText {
                    field: problem.field,
                    message: problem.problem.message(language),
                })
                .collect()
        } else {
            Vec::new()
        };
        let state = ReportComposerState {
            kind: draft.kind,
            kinds: self.offered_kinds(),
            location: draft.location,
            position: draft
                .location
                .map(|at| measures.coordinates(at.lat, at.lon)),
            email: draft.email.clone(),
            email_asked: draft.kind == ReportKind::Public,
            comment: draft.comment.clone(),
            category_id: draft.category_id,
            activity_id: draft.activity_id,
            magnitude_id: draft.magnitude_id,
            categories: self.references.categories.clone(),
            activities: self.references.activities.clone(),
            magnitudes: self.references.magnitudes.clone(),
            nearby: self
                .nearby
                .iter()
                .map(|near| AssetChoice {
                    kind: near.asset.kind,
                    id: near.asset.id,
                    label: format!(
                        "{} · {}",
                        AssetRef::from(&near.asset).label,
                        measures.distance(near.distance_m)
                    ),
                    selected: chosen.is_some_and(|asset| {
                        asset.kind == near.asset.kind && asset.id == near.asset.id
                    }),
                })
                .collect(),
            conditions: condition_list
                .iter()
                .map(|condition| ConditionChoice {
                    id: condition.id,
                    label: condition.label.clone(),
                    selected: draft.asset_condition_ids.contains(&condition.id),
                })
                .collect(),
            photos: self
                .photos
                .iter()
                .map(|photo| PhotoRow {
                    position: photo.position,
                    label: format!(
                        "{} × {} · {}",
                        photo.width,
                        photo.height,
                        measures.data_size(photo.size_bytes)
                    ),
                })
                .collect(),
            problems,
            error: self.error.clone(),
            busy: false,
            queued: self.queued,
        };
        self.state.set(state);
    }
}
