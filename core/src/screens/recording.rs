//! The recording screen: the core's recorder fed with the device's fixes,
//! what it is doing and what the hiker may do next, the live figures of the
//! track, the recording filters chosen in the settings, and the saved
//! tracks (rename, delete, GPX to share). A recording the system killed is
//! recovered paused, and said so.
//!
//! Its rules, once for both apps: a new recording uses the settings'
//! filters as they are when it starts; the track being recorded is not in
//! the saved list and cannot be deleted; a blank name keeps the previous one.
//! A fix is on disk once the state counts it (the recorder's durability).

use std::path::PathBuf;
use std::sync::Arc;

use super::LabeledValue;
use super::actor::{Machine, Mailbox};
use super::export::{gpx_path, write_saved_track_gpx};
use super::observable::{Observable, Subscriber};
use super::settings::{Settings, SettingsState, accuracy_filter, filter_distance, spacing_filter};
use crate::locale::{Language, UserMessage, Wording};
use crate::measures::MeasureFormatter;
use crate::runtime::TaskFailed;
use crate::trail::recorder::now_ms;
use crate::trail::{
    Fix, Recorder, RecorderConfig, RecorderState, TrackId, TrackStats, TrackSummary, TrailError,
};

/// How often, and how long apart, opening the store is tried again while a
/// closed recording screen of this process still holds it (2 s in all).
const STORE_RELEASE_ATTEMPTS: u32 = 40;
const STORE_RELEASE_WAIT: std::time::Duration = std::time::Duration::from_millis(50);

/// What the hiker may do with the recording now, in the order shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum RecordingControl {
    Start,
    Pause,
    Resume,
    /// Ends the track and saves it.
    Stop,
}

/// A saved track as the list shows it.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TrackRow {
    pub id: TrackId,
    pub name: String,
    /// When it was recorded: `29 Nov 2026, 14:05`.
    pub date: String,
    /// `12.4 km · 3 h 20`.
    pub summary: String,
    /// Distance, times, climb and speed, for the track's own page.
    pub figures: Vec<LabeledValue>,
}

/// The recording screen.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RecordingState {
    pub recorder: RecorderState,
    /// `Recording`, `Paused: not moving`...
    pub status: String,
    /// A track is open: the shell keeps the device's fixes coming, in the
    /// background too (a foreground service, background location).
    pub active: bool,
    pub controls: Vec<RecordingControl>,
    /// The track being recorded.
    pub track_name: Option<String>,
    /// Said when a recording the system stopped was kept, paused.
    pub recovered: Option<String>,
    /// The live figures of the track being recorded.
    pub figures: Vec<LabeledValue>,
    /// `2.4 km · 45 min`, for the ongoing notification.
    pub summary: Option<String>,
    /// The filters a recording uses: `Only fixes within 50 m · A point every 5 m at least`.
    pub filters: String,
    /// The saved tracks, newest first.
    pub tracks: Vec<TrackRow>,
    /// A track's GPX, written and waiting to be shared.
    pub gpx_file: Option<String>,
    pub error: Option<String>,
}

enum Action {
    Open,
    Start {
        name: Option<String>,
        utc_offset_minutes: i32,
    },
    Pause,
    Resume,
    Stop,
    Fixes(Vec<Fix>),
    Rename(TrackId, String),
    Delete(TrackId),
    ExportGpx(TrackId),
    Shared,
    /// The settings changed (boxed: the other actions are small).
    Settings(Box<SettingsState>),
}

/// Recording tracks into the store at one path.
pub struct RecordingScreen {
    state: Arc<Observable<RecordingState>>,
    mailbox: Mailbox<Action>,
}

impl RecordingScreen {
    /// The recorder of the track store at `store_path` (a recording left
    /// open is recovered, paused), with the filters of `settings`; GPX
    /// files are written into `exports`; dates are written on a clock
    /// `utc_offset_minutes` from UTC.
    pub fn open(
        store_path: PathBuf,
        settings: Arc<Settings>,
        exports: PathBuf,
        utc_offset_minutes: i32,
    ) -> RecordingScreen {
        // Subscribed before the screen reads the settings: no change is missed.
        let changes = settings.subscribe();
        let language = settings.language();
        let state = Arc::new(Observable::new(RecordingState {
            recorder: RecorderState::Idle,
            status: status(RecorderState::Idle).into_language(language),
            active: false,
            controls: Vec::new(),
            track_name: None,
            recovered: None,
            figures: Vec::new(),
            summary: None,
            filters: String::new(),
            tracks: Vec::new(),
            gpx_file: None,
            error: None,
        }));
        let mailbox = Mailbox::start(Recording {
            store_path,
            exports,
            config: settings.recorder_config(),
            settings: Arc::clone(&settings),
            measures: settings.measures(),
            language,
            utc_offset_minutes,
            recorder: None,
            unavailable: None,
            track_name: None,
            recovered: false,
            tracks: Vec::new(),
            gpx_file: None,
            error: None,
            state: Arc::clone(&state),
        });
        mailbox.send(Action::Open);
        mailbox.follow(changes, |state| Action::Settings(Box::new(state)));
        RecordingScreen { state, mailbox }
    }

    pub fn state(&self) -> RecordingState {
        self.state.get()
    }

    pub fn subscribe(&self) -> Subscriber<RecordingState> {
        self.state.subscribe()
    }

    /// Starts a new track named `name`, by default after when it starts
    /// (on a clock `utc_offset_minutes` from UTC), with the settings' filters.
    pub fn start(&self, name: Option<String>, utc_offset_minutes: i32) {
        self.mailbox.send(Action::Start {
            name,
            utc_offset_minutes,
        });
    }

    pub fn pause(&self) {
        self.mailbox.send(Action::Pause);
    }

    /// Resumes a paused track, a recovered one too.
    pub fn resume(&self) {
        self.mailbox.send(Action::Resume);
    }

    /// Ends the track; it joins the saved tracks.
    pub fn stop(&self) {
        self.mailbox.send(Action::Stop);
    }

    /// Fixes of the device, in order (stamped now when they have no time);
    /// the recorder decides which count.
    pub fn push_fixes(&self, fixes: Vec<Fix>) {
        self.mailbox.send(Action::Fixes(fixes));
    }

    pub fn rename(&self, track: TrackId, name: String) {
        self.mailbox.send(Action::Rename(track, name));
    }

    pub fn delete(&self, track: TrackId) {
        self.mailbox.send(Action::Delete(track));
    }

    /// Writes saved track `track` as GPX; [`RecordingState::gpx_file`] then names it.
    pub fn export_gpx(&self, track: TrackId) {
        self.mailbox.send(Action::ExportGpx(track));
    }

    /// The GPX file was handed to the share sheet.
    pub fn shared(&self) {
        self.mailbox.send(Action::Shared);
    }

    /// Resumes once every action asked so far shows in the state.
    pub async fn settled(&self) {
        self.mailbox.settled().await;
    }
}

struct Recording {
    store_path: PathBuf,
    exports: PathBuf,
    /// The filters the open recorder was made with.
    config: RecorderConfig,
    settings: Arc<Settings>,
    measures: MeasureFormatter,
    language: Language,
    utc_offset_minutes: i32,
    recorder: Option<Recorder>,
    /// Why the store could not be opened, said at every action on it.
    unavailable: Option<String>,
    track_name: Option<String>,
    /// The open track was recovered and the hiker has not acted on it yet.
    recovered: bool,
    tracks: Vec<TrackSummary>,
    gpx_file: Option<String>,
    error: Option<String>,
    state: Arc<Observable<RecordingState>>,
}

impl Machine for Recording {
    type Action = Action;

    async fn act(&mut self, action: Action) {
        let outcome = match action {
            Action::Open => self.open_when_released().await,
            Action::Start {
                name,
                utc_offset_minutes,
            } => self.start(name, utc_offset_minutes),
            Action::Pause => self.control(Recorder::pause),
            Action::Resume => self.control(Recorder::resume),
            Action::Stop => self.control(|recorder| recorder.stop().map(|_| ())),
            Action::Fixes(fixes) => self.push(fixes),
            Action::Rename(track, name) => self.rename(track, &name),
            Action::Delete(track) => self.delete(track),
            Action::ExportGpx(track) => self.export_gpx(track),
            Action::Shared => {
                self.gpx_file = None;
                Ok(())
            }
            Action::Settings(settings) => {
                self.language = settings.language;
                self.measures = MeasureFormatter::in_language(settings.units, settings.language);
                Ok(())
            }
        };
        self.error = outcome.err();
        self.render();
    }

    fn on_panic(&mut self, failed: TaskFailed) {
        self.error = Some(failed.message(self.language));
        self.render();
    }
}

impl Recording {
    /// [`Self::open`], waiting (on the core's runtime) while a recording
    /// screen of this process that was just closed still holds the store:
    /// its machine lets go of the recorder as it stops.
    async fn open_when_released(&mut self) -> Result<(), String> {
        for _ in 0..STORE_RELEASE_ATTEMPTS {
            match self.try_open() {
                Err(TrailError::RecordingElsewhere { .. }) => {
                    tokio::time::sleep(STORE_RELEASE_WAIT).await;
                }
                outcome => return self.opened(outcome),
            }
        }
        let outcome = self.try_open();
        self.opened(outcome)
    }

    /// Opens the recorder with the settings' filters (a recording left open
    /// is recovered) and lists the saved tracks.
    fn open(&mut self) -> Result<(), String> {
        let outcome = self.try_open();
        self.opened(outcome)
    }

    fn try_open(&mut self) -> Result<Recorder, TrailError> {
        // One recorder holds a store: the previous one lets go first.
        self.recorder = None;
        self.config = self.settings.recorder_config();
        Recorder::open(&self.store_path, self.config.clone())
    }

    fn opened(&mut self, recorder: Result<Recorder, TrailError>) -> Result<(), String> {
        let recorder = recorder.map_err(|error| error.message(self.language));
        self.unavailable = recorder.as_ref().err().cloned();
        let recorder = recorder?;
        self.recovered = recorder.recovered().is_some();
        self.recorder = Some(recorder);
        self.track_name = None;
        self.list_tracks()
    }

    fn start(&mut self, name: Option<String>, utc_offset_minutes: i32) -> Result<(), String> {
        let idle = self
            .recorder
            .as_ref()
            .is_some_and(|recorder| recorder.state() == RecorderState::Idle);
        if idle && self.settings.recorder_config() != self.config {
            self.open()?;
        }
        let now = now_ms();
        let name = name
            .filter(|name| !name.trim().is_empty())
            .unwrap_or_else(|| self.measures.default_track_name(now, utc_offset_minutes));
        self.control(|recorder| recorder.start(name.trim(), now).map(|_| ()))?;
        self.track_name = Some(name.trim().to_string());
        self.list_tracks()
    }

    /// Runs one of the recorder's controls; the hiker has now seen the
    /// recovered track.
    fn control(
        &mut self,
        control: impl FnOnce(&mut Recorder) -> Result<(), TrailError>,
    ) -> Result<(), String> {
        let language = self.language;
        let recorder = self.recorder_mut()?;
        let outcome = control(recorder).map_err(|error| error.message(language));
        self.recovered = false;
        if self.state() == RecorderState::Idle {
            self.track_name = None;
            self.list_tracks()?;
        }
        outcome
    }

    fn push(&mut self, fixes: Vec<Fix>) -> Result<(), String> {
        let language = self.language;
        let recorder = self.recorder_mut()?;
        let now = now_ms();
        for fix in fixes {
            recorder
                .push_fix(fix, now)
                .map_err(|error| error.message(language))?;
        }
        Ok(())
    }

    fn rename(&mut self, track: TrackId, name: &str) -> Result<(), String> {
        let name = name.trim();
        if name.is_empty() {
            return Ok(());
        }
        let language = self.language;
        self.recorder()?
            .store()
            .rename(track, name)
            .map_err(|error| error.message(language))?;
        if self.open_track() == Some(track) {
            self.track_name = Some(name.to_string());
        }
        self.list_tracks()
    }

    fn delete(&mut self, track: TrackId) -> Result<(), String> {
        if self.open_track() == Some(track) {
            return Err(Wording::new(
                "The track being recorded cannot be deleted: stop it first.",
                "La trace en cours d’enregistrement ne peut être supprimée : arrêtez-la d’abord.",
            )
            .it("La traccia in registrazione non può essere eliminata: prima fermala.")
            .de("Die laufende Aufzeichnung kann nicht gelöscht werden: Beende sie zuerst.")
            .es("La traza que se está grabando no se puede borrar: detenla primero.")
            .into_language(self.language));
        }
        let language = self.language;
        self.recorder()?
            .store()
            .delete(track)
            .map_err(|error| error.message(language))?;
        self.list_tracks()
    }

    fn export_gpx(&mut self, track: TrackId) -> Result<(), String> {
        let language = self.language;
        let store = self.recorder()?.store();
        let name = store
            .summary(track)
            .map_err(|error| error.message(language))?
            .name;
        let path = gpx_path(&self.exports, &name, &format!("track-{track}"));
        write_saved_track_gpx(store, track, &path).map_err(|error| error.message(language))?;
        self.gpx_file = Some(path.display().to_string());
        Ok(())
    }

    fn recorder(&self) -> Result<&Recorder, String> {
        self.recorder.as_ref().ok_or_else(|| self.unavailable())
    }

    fn recorder_mut(&mut self) -> Result<&mut Recorder, String> {
        let unavailable = self.unavailable();
        self.recorder.as_mut().ok_or(unavailable)
    }

    fn unavailable(&self) -> String {
        self.unavailable.clone().unwrap_or_default()
    }

    fn state(&self) -> RecorderState {
        self.recorder
            .as_ref()
            .map_or(RecorderState::Idle, Recorder::state)
    }

    fn open_track(&self) -> Option<TrackId> {
        self.recorder.as_ref().and_then(Recorder::track)
    }

    fn list_tracks(&mut self) -> Result<(), String> {
        let recorder = self.recorder()?;
        let open = recorder.track();
        let tracks = recorder
            .store()
            .list()
            .map_err(|error| error.message(self.language))?;
        self.tracks = tracks
            .into_iter()
            .filter(|track| Some(track.id) != open)
            .collect();
        Ok(())
    }

    fn render(&self) {
        let (m, language) = (&self.measures, self.language);
        let recorder = self.state();
        let stats = self.recorder.as_ref().and_then(Recorder::stats);
        let next = self.settings.recorder_config().filter;
        let filters = [
            accuracy_filter(&filter_distance(m, next.max_accuracy_m)),
            spacing_filter(&filter_distance(m, next.min_distance_m)),
        ]
        .map(|wording| wording.into_language(language))
        .join(" · ");
        let controls = match recorder {
            RecorderState::Idle => vec![RecordingControl::Start],
            RecorderState::Recording | RecorderState::AutoPaused => {
                vec![RecordingControl::Pause, RecordingControl::Stop]
            }
            RecorderState::Paused => vec![RecordingControl::Resume, RecordingControl::Stop],
        };
        let recovered = (self.recovered && recorder == RecorderState::Paused).then(|| {
            Wording::new(
                "Your recording was kept when the app was closed: resume it or stop it.",
                "Votre enregistrement a été conservé à la fermeture de l’application : reprenez-le ou arrêtez-le.",
            )
.it("La registrazione è stata conservata alla chiusura dell’app: riprendila o fermala.")
.de("Deine Aufzeichnung wurde beim Schließen der App behalten: Setze sie fort oder beende sie.")
.es("Tu grabación se conservó al cerrar la app: reanúdala o detenla.")
            .into_language(language)
        });
        let tracks = self
            .tracks
            .iter()
            .map(|track| TrackRow {
                id: track.id,
                name: track.name.clone(),
                date: m.date_time(track.created_ms, self.utc_offset_minutes),
                summary: summary(&track.stats, m),
                figures: figures(&track.stats, m, language),
            })
            .collect();
        self.state.set(RecordingState {
            recorder,
            status: status(recorder).into_language(language),
            active: recorder != RecorderState::Idle,
            controls,
            track_name: self
                .track_name
                .clone()
                .or_else(|| self.open_track().and_then(|id| self.name_of(id))),
            recovered,
            figures: stats
                .as_ref()
                .map(|stats| figures(stats, m, language))
                .unwrap_or_default(),
            summary: stats.as_ref().map(|stats| summary(stats, m)),
            filters,
            tracks,
            gpx_file: self.gpx_file.clone(),
            error: self.error.clone(),
        });
    }

    /// The stored name of track `id` (a recovered track's).
    fn name_of(&self, id: TrackId) -> Option<String> {
        let store = self.recorder.as_ref()?.store();
        store.summary(id).ok().map(|summary| summary.name)
    }
}

fn status(state: RecorderState) -> Wording {
    match state {
        RecorderState::Idle => Wording::new("Not recording", "Pas d’enregistrement en cours")
            .it("Nessuna registrazione")
            .de("Keine Aufzeichnung")
            .es("Sin grabación"),
        RecorderState::Recording => Wording::new("Recording", "Enregistrement en cours")
            .it("Registrazione in corso")
            .de("Aufzeichnung läuft")
            .es("Grabando"),
        RecorderState::Paused => Wording::new("Paused", "En pause")
            .it("In pausa")
            .de("Pausiert")
            .es("En pausa"),
        RecorderState::AutoPaused => Wording::new(
            "Paused: you are not moving",
            "En pause : vous ne bougez pas",
        )
        .it("In pausa: non ti stai muovendo")
        .de("Pausiert: Du bewegst dich nicht")
        .es("En pausa: no te estás moviendo"),
    }
}

/// `12.4 km · 3 h 20`: the distance walked and the time moving.
fn summary(stats: &TrackStats, m: &MeasureFormatter) -> String {
    format!(
        "{} · {}",
        m.distance(stats.distance_2d_m),
        m.duration(stats.moving_s)
    )
}

fn figures(stats: &TrackStats, m: &MeasureFormatter, language: Language) -> Vec<LabeledValue> {
    [
        (
            ["Distance", "Distance", "Distanza", "Distanz", "Distancia"],
            m.distance(stats.distance_2d_m),
        ),
        (
            [
                "Moving time",
                "Temps en mouvement",
                "Tempo in movimento",
                "Zeit in Bewegung",
                "Tiempo en movimiento",
            ],
            m.duration(stats.moving_s),
        ),
        (
            [
                "Elapsed time",
                "Temps écoulé",
                "Tempo trascorso",
                "Gesamtzeit",
                "Tiempo total",
            ],
            m.duration(stats.elapsed_s),
        ),
        (
            [
                "Ascent",
                "Dénivelé positif",
                "Dislivello positivo",
                "Aufstieg",
                "Desnivel positivo",
            ],
            m.ascent(stats.ascent_m),
        ),
        (
            [
                "Descent",
                "Dénivelé négatif",
                "Dislivello negativo",
                "Abstieg",
                "Desnivel negativo",
            ],
            m.descent(stats.descent_m),
        ),
        (
            [
                "Average speed",
                "Vitesse moyenne",
                "Velocità media",
                "Durchschnittstempo",
                "Velocidad media",
            ],
            m.speed(stats.average_speed_mps),
        ),
    ]
    .into_iter()
    .map(|(label, value)| LabeledValue {
        label: Wording::fixed(label).into_language(language),
        value,
    })
    .collect()
}
