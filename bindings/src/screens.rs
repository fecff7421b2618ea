//! The core's screens for the shells: one object per screen with its
//! `state()`, its actions (each returns at once; its effect arrives as a
//! new state) and `subscribe(listener)`, whose listener hears the current
//! state first, then every change, on a core thread, until the returned
//! handle is cancelled or dropped. `settled()` resumes once every action
//! asked so far shows in the state.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use sentier_core::catalog::{LatLon, TrekMeasure, ValueRange};
use sentier_core::locale::Language;
use sentier_core::measures::{MeasureFormatter, UnitSystem};
use sentier_core::reports::{AssetKind, ReportKind};
use sentier_core::runtime::TaskHandle;
use sentier_core::screens::MapStyles;
use sentier_core::screens::follow::{FollowScreen, FollowScreenState};
use sentier_core::screens::map::{MapScreen, MapViewState};
use sentier_core::screens::observable::Subscriber;
use sentier_core::screens::outbox::{OutboxScreen, OutboxState};
use sentier_core::screens::packs::{PackMap, PacksScreen as CorePacks, PacksState};
use sentier_core::screens::recording::{RecordingScreen, RecordingState};
use sentier_core::screens::report::{ReportComposer, ReportComposerState};
use sentier_core::screens::safety::{SafetyScreen as CoreSafety, SafetyState};
use sentier_core::screens::settings::{Settings, SettingsState};
use sentier_core::screens::trek_detail::{TrekDetailScreen, TrekDetailState};
use sentier_core::screens::trek_search::{TrekFilter, TrekSearch, TrekSearchState, TreksLayout};
use sentier_core::tiles::OverlayLayer;
use sentier_core::trail::{Fix, RecorderConfig, TrackId};

use crate::catalog::Catalog;
use crate::packs::Packs;
use crate::reports::Reports;
use crate::tiles::OfflineMap;

fn forward<T: Send + 'static>(
    subscriber: Subscriber<T>,
    deliver: impl Fn(T) + Send + 'static,
) -> Arc<TaskHandle> {
    subscriber.forward(deliver)
}

#[uniffi::export(with_foreign)]
pub trait SettingsListener: Send + Sync {
    fn on_state(&self, state: SettingsState);
}

/// The settings, kept by the core in the data folder.
#[derive(uniffi::Object)]
pub struct SettingsScreen {
    pub(crate) settings: Arc<Settings>,
}

#[uniffi::export]
impl SettingsScreen {
    /// The settings kept in `data_dir`, for a device whose preferred
    /// languages are `device_languages` (BCP 47 tags, most preferred first).
    #[uniffi::constructor]
    pub fn open(data_dir: String, device_languages: Vec<String>) -> Arc<SettingsScreen> {
        Arc::new(SettingsScreen {
            settings: Arc::new(Settings::open(&PathBuf::from(data_dir), device_languages)),
        })
    }

    pub fn state(&self) -> SettingsState {
        self.settings.state()
    }

    pub fn subscribe(&self, listener: Arc<dyn SettingsListener>) -> Arc<TaskHandle> {
        forward(self.settings.subscribe(), move |state| {
            listener.on_state(state)
        })
    }

    /// How every screen writes measures now.
    pub fn measures(&self) -> Arc<MeasureFormatter> {
        Arc::new(self.settings.measures())
    }

    /// The recorder's configuration with the chosen filters.
    pub fn recorder_config(&self) -> RecorderConfig {
        self.settings.recorder_config()
    }

    pub fn set_units(&self, units: UnitSystem) {
        self.settings.set_units(units);
    }

    /// `None` follows the device's language.
    pub fn set_language(&self, language: Option<Language>) {
        self.settings.set_language(language);
    }

    pub fn set_device_languages(&self, tags: Vec<String>) {
        self.settings.set_device_languages(tags);
    }

    pub fn set_pack_server(&self, text: String) {
        self.settings.set_pack_server(&text);
    }

    pub fn set_admin_server(&self, text: String) {
        self.settings.set_admin_server(&text);
    }

    pub fn set_recording_max_accuracy(&self, metres: Option<f64>) {
        self.settings.set_recording_max_accuracy(metres);
    }

    pub fn set_recording_min_distance(&self, metres: Option<f64>) {
        self.settings.set_recording_min_distance(metres);
    }
}

#[uniffi::export(with_foreign)]
pub trait PacksListener: Send + Sync {
    fn on_state(&self, state: PacksState);
}

/// The packs screen and the pack in use.
#[derive(uniffi::Object)]
pub struct PacksScreen {
    pub(crate) screen: CorePacks,
}

#[uniffi::export]
impl PacksScreen {
    /// The packs of `packs` and of the settings' server; the pack used last
    /// time is shown again on `map`.
    #[uniffi::constructor]
    pub fn open(
        packs: Arc<Packs>,
        settings: Arc<SettingsScreen>,
        map: Option<Arc<OfflineMap>>,
    ) -> Arc<PacksScreen> {
        let map = map.map(|map| map as Arc<dyn PackMap>);
        Arc::new(PacksScreen {
            screen: CorePacks::open(
                Arc::clone(&packs.library),
                Arc::clone(&settings.settings),
                map,
            ),
        })
    }

    pub fn state(&self) -> PacksState {
        self.screen.state()
    }

    pub fn subscribe(&self, listener: Arc<dyn PacksListener>) -> Arc<TaskHandle> {
        forward(self.screen.subscribe(), move |state| {
            listener.on_state(state)
        })
    }

    /// The catalog of the pack in use (with its photos), for the screens that read it.
    pub fn catalog_in_use(&self) -> Option<Arc<Catalog>> {
        self.screen.catalog_in_use().map(|used| {
            Arc::new(Catalog {
                inner: used.catalog,
                media_folder: used.media_folder,
            })
        })
    }

    pub fn refresh(&self) {
        self.screen.refresh();
    }

    pub fn download(&self, id: String) {
        self.screen.download(id);
    }

    pub fn pause(&self, id: String) {
        self.screen.pause(id);
    }

    pub fn cancel(&self, id: String) {
        self.screen.cancel(id);
    }

    pub fn remove(&self, id: String) {
        self.screen.remove(id);
    }

    pub fn use_pack(&self, id: String) {
        self.screen.use_pack(id);
    }

    pub async fn settled(&self) {
        self.screen.settled().await;
    }
}

#[uniffi::export(with_foreign)]
pub trait TrekSearchListener: Send + Sync {
    fn on_state(&self, state: TrekSearchState);
}

/// The trek search of a catalog.
#[derive(uniffi::Object)]
pub struct TrekSearchScreen {
    screen: TrekSearch,
}

#[uniffi::export]
impl TrekSearchScreen {
    /// The search of `catalog`; with `map`, its results' map style too.
    #[uniffi::constructor]
    pub fn open(
        catalog: Arc<Catalog>,
        settings: Arc<SettingsScreen>,
        map: Option<Arc<OfflineMap>>,
    ) -> Arc<TrekSearchScreen> {
        let map = map.map(|map| map as Arc<dyn MapStyles>);
        Arc::new(TrekSearchScreen {
            screen: TrekSearch::open(catalog.pack_catalog(), Arc::clone(&settings.settings), map),
        })
    }

    pub fn state(&self) -> TrekSearchState {
        self.screen.state()
    }

    pub fn subscribe(&self, listener: Arc<dyn TrekSearchListener>) -> Arc<TaskHandle> {
        forward(self.screen.subscribe(), move |state| {
            listener.on_state(state)
        })
    }

    pub fn set_text(&self, text: String) {
        self.screen.set_text(text);
    }

    pub fn toggle(&self, filter: TrekFilter, id: i64) {
        self.screen.toggle(filter, id);
    }

    pub fn set_range(&self, measure: TrekMeasure, range: ValueRange) {
        self.screen.set_range(measure, range);
    }

    /// Treks around `position`; `None` searches everywhere again.
    pub fn set_near(&self, position: Option<LatLon>) {
        self.screen.set_near(position);
    }

    pub fn clear_filters(&self) {
        self.screen.clear_filters();
    }

    pub fn set_layout(&self, layout: TreksLayout) {
        self.screen.set_layout(layout);
    }

    pub fn load_more(&self) {
        self.screen.load_more();
    }

    pub async fn settled(&self) {
        self.screen.settled().await;
    }
}

#[uniffi::export(with_foreign)]
pub trait ReportComposerListener: Send + Sync {
    fn on_state(&self, state: ReportComposerState);
}

/// The report composer.
#[derive(uniffi::Object)]
pub struct ReportComposerScreen {
    screen: ReportComposer,
}

#[uniffi::export]
impl ReportComposerScreen {
    /// A new report to `server_url` (the settings' reports server), with
    /// `catalog`'s lists (the pack in use's), into `reports`' outbox.
    #[uniffi::constructor]
    pub fn open(
        reports: Arc<Reports>,
        catalog: Arc<Catalog>,
        settings: Arc<SettingsScreen>,
        server_url: String,
    ) -> Arc<ReportComposerScreen> {
        Arc::new(ReportComposerScreen {
            screen: ReportComposer::open(
                Arc::clone(&reports.sync),
                Arc::clone(&reports.field_assets),
                Arc::clone(&catalog.inner),
                Arc::clone(&settings.settings),
                server_url,
            ),
        })
    }

    pub fn state(&self) -> ReportComposerState {
        self.screen.state()
    }

    pub fn subscribe(&self, listener: Arc<dyn ReportComposerListener>) -> Arc<TaskHandle> {
        forward(self.screen.subscribe(), move |state| {
            listener.on_state(state)
        })
    }

    /// Reads the lists, the ranger's session and the items near `location` again.
    pub fn refresh(&self, location: Option<LatLon>) {
        self.screen.refresh(location);
    }

    pub fn set_kind(&self, kind: ReportKind) {
        self.screen.set_kind(kind);
    }

    pub fn set_email(&self, email: String) {
        self.screen.set_email(email);
    }

    pub fn set_comment(&self, comment: String) {
        self.screen.set_comment(comment);
    }

    pub fn set_category(&self, id: Option<i64>) {
        self.screen.set_category(id);
    }

    pub fn set_activity(&self, id: Option<i64>) {
        self.screen.set_activity(id);
    }

    pub fn set_magnitude(&self, id: Option<i64>) {
        self.screen.set_magnitude(id);
    }

    /// Chooses item `id` of `kind` nearby; `None` for `kind` chooses none.
    pub fn choose_asset(&self, kind: Option<AssetKind>, id: i64) {
        self.screen.choose_asset(kind.map(|kind| (kind, id)));
    }

    pub fn toggle_condition(&self, id: i64) {
        self.screen.toggle_condition(id);
    }

    /// Adds the photo file at `path`; the core keeps its own copy.
    pub fn add_photo(&self, path: String) {
        self.screen.add_photo(PathBuf::from(path));
    }

    pub fn remove_photo(&self, position: u32) {
        self.screen.remove_photo(position);
    }

    pub fn send(&self) {
        self.screen.send();
    }

    pub fn reset(&self) {
        self.screen.reset();
    }

    pub async fn settled(&self) {
        self.screen.settled().await;
    }
}

#[uniffi::export(with_foreign)]
pub trait FollowListener: Send + Sync {
    fn on_state(&self, state: FollowScreenState);
}

/// Following a trek on the map: its banner and alerts.
#[derive(uniffi::Object)]
pub struct TrekFollowScreen {
    pub(crate) screen: FollowScreen,
}

#[uniffi::export]
impl TrekFollowScreen {
    #[uniffi::constructor]
    pub fn open(settings: Arc<SettingsScreen>) -> Arc<TrekFollowScreen> {
        Arc::new(TrekFollowScreen {
            screen: FollowScreen::open(Arc::clone(&settings.settings)),
        })
    }

    pub fn state(&self) -> FollowScreenState {
        self.screen.state()
    }

    pub fn subscribe(&self, listener: Arc<dyn FollowListener>) -> Arc<TaskHandle> {
        forward(self.screen.subscribe(), move |state| {
            listener.on_state(state)
        })
    }

    /// Follows trek `id` of `catalog`; no catalog stops following.
    pub fn follow(&self, catalog: Option<Arc<Catalog>>, id: i64) {
        self.screen
            .follow(catalog.map(|catalog| (Arc::clone(&catalog.inner), id)));
    }

    /// A fix of the device, on a clock `utc_offset_minutes` from UTC.
    pub fn push_fix(&self, fix: Fix, utc_offset_minutes: i32) {
        self.screen.push_fix(fix, utc_offset_minutes);
    }

    /// The map point `along_m` along the followed trek's profile (a tap on
    /// it); `None` while no trek with a profile is followed.
    pub fn point_on_profile(&self, along_m: f64) -> Option<LatLon> {
        self.screen.point_on_profile(along_m)
    }

    pub async fn settled(&self) {
        self.screen.settled().await;
    }
}

#[uniffi::export(with_foreign)]
pub trait OutboxStateListener: Send + Sync {
    fn on_state(&self, state: OutboxState);
}

/// The outbox and the ranger's account on the settings' reports server.
#[derive(uniffi::Object)]
pub struct ReportsOutbox {
    screen: OutboxScreen,
}

#[uniffi::export]
impl ReportsOutbox {
    /// The outbox of `reports`; dates on a clock `utc_offset_minutes` from UTC.
    #[uniffi::constructor]
    pub fn open(
        reports: Arc<Reports>,
        settings: Arc<SettingsScreen>,
        utc_offset_minutes: i32,
    ) -> Arc<ReportsOutbox> {
        Arc::new(ReportsOutbox {
            screen: OutboxScreen::open(
                Arc::clone(&reports.sync),
                Arc::clone(&reports.field_assets),
                Arc::clone(&settings.settings),
                utc_offset_minutes,
            ),
        })
    }

    pub fn state(&self) -> OutboxState {
        self.screen.state()
    }

    pub fn subscribe(&self, listener: Arc<dyn OutboxStateListener>) -> Arc<TaskHandle> {
        forward(self.screen.subscribe(), move |state| {
            listener.on_state(state)
        })
    }

    /// Delivers the outbox until the handle is cancelled or dropped.
    pub fn deliver(&self, period_seconds: u32) -> Arc<TaskHandle> {
        self.screen
            .deliver(Duration::from_secs(u64::from(period_seconds.max(1))))
    }

    pub fn refresh(&self) {
        self.screen.refresh();
    }

    pub fn log_in(&self, username: String, password: String) {
        self.screen.log_in(username, password);
    }

    pub fn log_out(&self) {
        self.screen.log_out();
    }

    pub fn download_field_assets(&self) {
        self.screen.download_field_assets();
    }

    pub fn discard(&self, id: String) {
        self.screen.discard(id);
    }

    pub fn retry(&self, id: String) {
        self.screen.retry(id);
    }

    pub fn send_now(&self) {
        self.screen.send_now();
    }

    pub async fn settled(&self) {
        self.screen.settled().await;
    }
}

#[uniffi::export(with_foreign)]
pub trait TrekDetailListener: Send + Sync {
    fn on_state(&self, state: TrekDetailState);
}

/// One trek: its figures, photos, profile, what lies along it, its GPX,
/// following it.
#[derive(uniffi::Object)]
pub struct TrekScreen {
    screen: TrekDetailScreen,
}

#[uniffi::export]
impl TrekScreen {
    /// Trek `id` of `catalog` (the pack in use's, whose photos are shown
    /// offline); `follow` follows it on the map; its GPX is written into
    /// `exports_dir`.
    #[uniffi::constructor]
    pub fn open(
        catalog: Arc<Catalog>,
        id: i64,
        settings: Arc<SettingsScreen>,
        follow: Option<Arc<TrekFollowScreen>>,
        exports_dir: String,
    ) -> Arc<TrekScreen> {
        Arc::new(TrekScreen {
            screen: TrekDetailScreen::open(
                catalog.pack_catalog(),
                id,
                Arc::clone(&settings.settings),
                follow.map(|follow| follow.screen.clone()),
                PathBuf::from(exports_dir),
            ),
        })
    }

    pub fn state(&self) -> TrekDetailState {
        self.screen.state()
    }

    pub fn subscribe(&self, listener: Arc<dyn TrekDetailListener>) -> Arc<TaskHandle> {
        forward(self.screen.subscribe(), move |state| {
            listener.on_state(state)
        })
    }

    /// Writes the trek's GPX; the state's `gpx_file` then names it.
    pub fn export_gpx(&self) {
        self.screen.export_gpx();
    }

    /// The GPX file was handed to the share sheet.
    pub fn shared(&self) {
        self.screen.shared();
    }

    /// Follows the trek on the map.
    pub fn follow(&self) {
        self.screen.follow();
    }

    pub async fn settled(&self) {
        self.screen.settled().await;
    }
}

#[uniffi::export(with_foreign)]
pub trait RecordingListener: Send + Sync {
    fn on_state(&self, state: RecordingState);
}

/// Recording tracks: the recorder, its live figures, the saved tracks.
#[derive(uniffi::Object)]
pub struct RecorderScreen {
    screen: RecordingScreen,
}

#[uniffi::export]
impl RecorderScreen {
    /// The recorder of the track store at `store_path` (a recording left
    /// open is recovered, paused), with the settings' filters; GPX files are
    /// written into `exports_dir`; dates on a clock `utc_offset_minutes` from UTC.
    #[uniffi::constructor]
    pub fn open(
        store_path: String,
        settings: Arc<SettingsScreen>,
        exports_dir: String,
        utc_offset_minutes: i32,
    ) -> Arc<RecorderScreen> {
        Arc::new(RecorderScreen {
            screen: RecordingScreen::open(
                PathBuf::from(store_path),
                Arc::clone(&settings.settings),
                PathBuf::from(exports_dir),
                utc_offset_minutes,
            ),
        })
    }

    pub fn state(&self) -> RecordingState {
        self.screen.state()
    }

    pub fn subscribe(&self, listener: Arc<dyn RecordingListener>) -> Arc<TaskHandle> {
        forward(self.screen.subscribe(), move |state| {
            listener.on_state(state)
        })
    }

    /// Starts a track named `name` (by default after when it starts, on a
    /// clock `utc_offset_minutes` from UTC).
    pub fn start(&self, name: Option<String>, utc_offset_minutes: i32) {
        self.screen.start(name, utc_offset_minutes);
    }

    pub fn pause(&self) {
        self.screen.pause();
    }

    pub fn resume(&self) {
        self.screen.resume();
    }

    pub fn stop(&self) {
        self.screen.stop();
    }

    /// The device's fixes, in order (a batch after a while in the background).
    pub fn push_fixes(&self, fixes: Vec<Fix>) {
        self.screen.push_fixes(fixes);
    }

    pub fn rename(&self, track: TrackId, name: String) {
        self.screen.rename(track, name);
    }

    pub fn delete(&self, track: TrackId) {
        self.screen.delete(track);
    }

    /// Writes saved track `track` as GPX; the state's `gpx_file` then names it.
    pub fn export_gpx(&self, track: TrackId) {
        self.screen.export_gpx(track);
    }

    /// The GPX file was handed to the share sheet.
    pub fn shared(&self) {
        self.screen.shared();
    }

    pub async fn settled(&self) {
        self.screen.settled().await;
    }
}

#[uniffi::export(with_foreign)]
pub trait MapViewListener: Send + Sync {
    fn on_state(&self, state: MapViewState);
}

/// The map of the pack in use: its style, the trek highlighted, the layers.
#[derive(uniffi::Object)]
pub struct MapViewScreen {
    screen: MapScreen,
}

#[uniffi::export]
impl MapViewScreen {
    /// The map `map` serves for the pack in use of `packs`, highlighting
    /// the trek `follow` follows.
    #[uniffi::constructor]
    pub fn open(
        map: Arc<OfflineMap>,
        packs: Arc<PacksScreen>,
        follow: Arc<TrekFollowScreen>,
        settings: Arc<SettingsScreen>,
    ) -> Arc<MapViewScreen> {
        Arc::new(MapViewScreen {
            screen: MapScreen::open(
                map as Arc<dyn MapStyles>,
                &packs.screen,
                &follow.screen,
                Arc::clone(&settings.settings),
            ),
        })
    }

    pub fn state(&self) -> MapViewState {
        self.screen.state()
    }

    pub fn subscribe(&self, listener: Arc<dyn MapViewListener>) -> Arc<TaskHandle> {
        forward(self.screen.subscribe(), move |state| {
            listener.on_state(state)
        })
    }

    /// The hiker tapped trek `id` (none: elsewhere on the map).
    pub fn select_trek(&self, id: Option<i64>) {
        self.screen.select_trek(id);
    }

    pub fn show_layer(&self, layer: OverlayLayer, shown: bool) {
        self.screen.show_layer(layer, shown);
    }

    /// Draws the basemap `key` (one of the state's `basemaps`).
    pub fn choose_basemap(&self, key: String) {
        self.screen.choose_basemap(key);
    }

    /// The hiker tapped the map at `at`; `radius_m` is the finger's reach
    /// at the current zoom. The state's `tap` lists what lies there.
    pub fn tap(&self, at: LatLon, radius_m: f64) {
        self.screen.tap(at, radius_m);
    }

    /// Closes the tap's answer.
    pub fn dismiss_tap(&self) {
        self.screen.dismiss_tap();
    }

    pub async fn settled(&self) {
        self.screen.settled().await;
    }
}

#[uniffi::export(with_foreign)]
pub trait SafetyListener: Send + Sync {
    fn on_state(&self, state: SafetyState);
}

/// The safety screen: 112, the position for rescuers, the nearest help.
#[derive(uniffi::Object)]
pub struct SafetyScreen {
    screen: CoreSafety,
}

#[uniffi::export]
impl SafetyScreen {
    /// The safety screen over `catalog` (none: no pack in use yet).
    #[uniffi::constructor]
    pub fn open(catalog: Option<Arc<Catalog>>, settings: Arc<SettingsScreen>) -> Arc<SafetyScreen> {
        Arc::new(SafetyScreen {
            screen: CoreSafety::open(
                catalog.map(|catalog| Arc::clone(&catalog.inner)),
                Arc::clone(&settings.settings),
            ),
        })
    }

    pub fn state(&self) -> SafetyState {
        self.screen.state()
    }

    pub fn subscribe(&self, listener: Arc<dyn SafetyListener>) -> Arc<TaskHandle> {
        forward(self.screen.subscribe(), move |state| {
            listener.on_state(state)
        })
    }

    /// The device's latest fix.
    pub fn update_fix(&self, fix: Fix) {
        self.screen.update_fix(fix);
    }

    pub async fn settled(&self) {
        self.screen.settled().await;
    }
}
