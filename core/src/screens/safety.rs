//! The safety screen, fully offline: the numbers to call, the hiker's
//! position as rescuers read it (decimal degrees, degrees-minutes-seconds,
//! accuracy, altitude) with its `geo:` URI and plain text to copy or share,
//! and the nearest information desk and signpost from the catalog with
//! their distance and bearing, all worded by the core.
//!
//! The numbers: 112, the European emergency number, always. A territory's
//! own number would come from its synced configuration, but the catalog
//! stores only the configuration's bounding box (`/api/v2/config/` gives no
//! emergency number), so the screen offers 112 alone.

use std::sync::Arc;

use super::actor::{Machine, Mailbox};
use super::observable::{Observable, Subscriber};
use super::settings::{Settings, SettingsState};
use crate::catalog::{Catalog, Circle, LatLon, NearbyPlace, PlaceKind};
use crate::geodesy::initial_bearing_deg;
use crate::locale::{Language, Wording};
use crate::measures::MeasureFormatter;
use crate::runtime::TaskFailed;
use crate::trail::Fix;

/// The European emergency number, answered everywhere in the EU.
const EUROPEAN_EMERGENCY_NUMBER: &str = "112";

/// How far the nearest desk and signpost are looked for, in metres.
const SEARCH_RADIUS_M: f64 = 50_000.0;

/// A number the hiker can call.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct EmergencyCall {
    /// What the button says: `Call 112 (emergency)`.
    pub label: String,
    /// The number dialled, digits only.
    pub number: String,
}

/// The hiker's last position, worded for rescuers.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SafetyPosition {
    /// `44.82791, 6.37350`.
    pub decimal: String,
    /// `44°49′40.5″ N, 6°22′24.6″ E`.
    pub dms: String,
    /// `± 8 m`, when the platform gave it.
    pub accuracy: Option<String>,
    /// `1,234 m`, when the platform gave it.
    pub altitude: Option<String>,
    /// RFC 5870 URI for other apps: `geo:44.827910,6.373500;u=8`.
    pub geo_uri: String,
    /// The position as a message, in the user's language, to copy or share.
    pub share_text: String,
}

/// The nearest place of a kind, as seen from the hiker.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct NearestHelp {
    /// `Information desk`, `Signpost`.
    pub kind_label: String,
    pub name: String,
    /// `1.2 km`.
    pub distance: String,
    /// `NE (42°)`.
    pub bearing: String,
    pub position: LatLon,
}

/// The safety screen.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SafetyState {
    pub title: String,
    /// 112 first, then the territory's own number when there is one.
    pub calls: Vec<EmergencyCall>,
    pub position_label: String,
    /// `None` until the first fix.
    pub position: Option<SafetyPosition>,
    /// Why there is no position, while there is none.
    pub waiting_for_position: Option<String>,
    pub copy_label: String,
    pub share_label: String,
    pub nearest_desk: Option<NearestHelp>,
    pub nearest_signpost: Option<NearestHelp>,
    /// Why no nearest desk or signpost is shown, when one is missing.
    pub nearest_missing: Vec<String>,
}

enum Action {
    Fix(Fix),
    /// The settings changed (boxed: the other actions are small).
    Settings(Box<SettingsState>),
}

/// The safety screen over the catalog in use (`None`: no catalog yet).
pub struct SafetyScreen {
    state: Arc<Observable<SafetyState>>,
    mailbox: Mailbox<Action>,
}

impl SafetyScreen {
    pub fn open(catalog: Option<Arc<Catalog>>, settings: Arc<Settings>) -> SafetyScreen {
        // Subscribed before the screen reads the settings: no change is missed.
        let changes = settings.subscribe();
        let language = settings.language();
        let machine = Safety {
            catalog,
            measures: settings.measures(),
            language,
            fix: None,
            state: Arc::new(Observable::new(render(
                language,
                &settings.measures(),
                None,
                None,
                None,
            ))),
        };
        let state = Arc::clone(&machine.state);
        let mailbox = Mailbox::start(machine);
        mailbox.follow(changes, |state| Action::Settings(Box::new(state)));
        SafetyScreen { state, mailbox }
    }

    pub fn state(&self) -> SafetyState {
        self.state.get()
    }

    /// The current state first, then every change.
    pub fn subscribe(&self) -> Subscriber<SafetyState> {
        self.state.subscribe()
    }

    /// The device's latest fix.
    pub fn update_fix(&self, fix: Fix) {
        self.mailbox.send(Action::Fix(fix));
    }

    /// Resumes once every action asked so far shows in the state.
    pub async fn settled(&self) {
        self.mailbox.settled().await;
    }
}

struct Safety {
    catalog: Option<Arc<Catalog>>,
    measures: MeasureFormatter,
    language: Language,
    fix: Option<Fix>,
    state: Arc<Observable<SafetyState>>,
}

impl Machine for Safety {
    type Action = Action;

    async fn act(&mut self, action: Action) {
        match action {
            Action::Fix(fix) => {
                if fix.latitude.is_finite() && fix.longitude.is_finite() {
                    self.fix = Some(fix);
                }
            }
            Action::Settings(settings) => {
                self.language = settings.language;
                self.measures = MeasureFormatter::in_language(settings.units, settings.language);
            }
        }
        self.render();
    }

    fn on_panic(&mut self, _failed: TaskFailed) {
        // A defect: the screen shows the numbers and what it knows.
        self.render();
    }
}

impl Safety {
    fn render(&self) {
        let (desk, signpost) = match &self.fix {
            Some(fix) => (
                self.nearest(fix, PlaceKind::InformationDesk),
                self.nearest(fix, PlaceKind::Signage),
            ),
            None => (None, None),
        };
        self.state.set(render(
            self.language,
            &self.measures,
            self.fix.as_ref(),
            desk,
            signpost,
        ));
    }

    /// The nearest place of `kind` around `fix`; `None` when the catalog
    /// has none within reach or cannot be read.
    fn nearest(&self, fix: &Fix, kind: PlaceKind) -> Option<NearbyPlace> {
        let circle = Circle {
            center: LatLon::new(fix.latitude, fix.longitude),
            radius_m: SEARCH_RADIUS_M,
        };
        let catalog = self.catalog.as_ref()?;
        let places = catalog
            .nearby(&circle, &[kind], self.language.code(), 1)
            .ok()?;
        places.into_iter().next()
    }
}

fn render(
    language: Language,
    measures: &MeasureFormatter,
    fix: Option<&Fix>,
    desk: Option<NearbyPlace>,
    signpost: Option<NearbyPlace>,
) -> SafetyState {
    let words = |wording: Wording| wording.into_language(language);
    let calls = vec![EmergencyCall {
        label: words(
            Wording::new("Call 112 (emergency)", "Appeler le 112 (urgences)")
                .it("Chiama il 112 (emergenza)")
                .de("112 anrufen (Notruf)")
                .es("Llamar al 112 (emergencias)"),
        ),
        number: EUROPEAN_EMERGENCY_NUMBER.to_string(),
    }];
    let help = |place: Option<NearbyPlace>, fix: Option<&Fix>| {
        let (place, fix) = (place?, fix?);
        let kind_label = match place.kind {
            PlaceKind::InformationDesk => words(
                Wording::new("Information desk", "Point d’information")
                    .it("Punto informativo")
                    .de("Informationsstelle")
                    .es("Punto de información"),
            ),
            _ => words(
                Wording::new("Signpost", "Poteau de signalétique")
                    .it("Palina segnaletica")
                    .de("Wegweiser")
                    .es("Poste de señalización"),
            ),
        };
        let bearing = initial_bearing_deg(
            (fix.longitude, fix.latitude),
            (place.position.lon, place.position.lat),
        );
        Some(NearestHelp {
            kind_label,
            name: place.name,
            distance: measures.distance(place.distance_m),
            bearing: measures.bearing(bearing),
            position: place.position,
        })
    };
    let nearest_desk = help(desk, fix);
    let nearest_signpost = help(signpost, fix);
    let mut nearest_missing = Vec::new();
    if fix.is_some() && nearest_desk.is_none() {
        nearest_missing.push(words(
            Wording::new(
                "No information desk within 50 km in the territory’s data.",
                "Aucun point d’information à moins de 50 km dans les données du territoire.",
            )
            .it("Nessun punto informativo entro 50 km nei dati del territorio.")
            .de("Keine Informationsstelle im Umkreis von 50 km in den Daten des Gebiets.")
            .es("Ningún punto de información a menos de 50 km en los datos del territorio."),
        ));
    }
    if fix.is_some() && nearest_signpost.is_none() {
        nearest_missing.push(words(
            Wording::new(
                "No signpost within 50 km in the territory’s data.",
                "Aucun poteau de signalétique à moins de 50 km dans les données du territoire.",
            )
            .it("Nessuna palina segnaletica entro 50 km nei dati del territorio.")
            .de("Kein Wegweiser im Umkreis von 50 km in den Daten des Gebiets.")
            .es("Ningún poste de señalización a menos de 50 km en los datos del territorio."),
        ));
    }
    SafetyState {
        title: words(
            Wording::new("Safety", "Sécurité")
                .it("Sicurezza")
                .de("Sicherheit")
                .es("Seguridad"),
        ),
        calls,
        position_label: words(
            Wording::new("My position", "Ma position")
                .it("La mia posizione")
                .de("Mein Standort")
                .es("Mi posición"),
        ),
        position: fix.map(|fix| position(language, measures, fix)),
        waiting_for_position: fix.is_none().then(|| {
            words(
            Wording::new("Waiting for a position: go out in the open, away from cliffs.", "En attente d’une position : allez à découvert, loin des falaises.")
                .it("In attesa della posizione: spostati in un luogo aperto, lontano dalle pareti rocciose.")
                .de("Warte auf eine Position: Geh ins Freie, weg von Felswänden.")
                .es("Esperando una posición: sal a un lugar despejado, lejos de los acantilados."),
        )
        }),
        copy_label: words(
            Wording::new("Copy", "Copier")
                .it("Copia")
                .de("Kopieren")
                .es("Copiar"),
        ),
        share_label: words(
            Wording::new("Share", "Partager")
                .it("Condividi")
                .de("Teilen")
                .es("Compartir"),
        ),
        nearest_desk,
        nearest_signpost,
        nearest_missing,
    }
}

fn position(language: Language, measures: &MeasureFormatter, fix: &Fix) -> SafetyPosition {
    let decimal = measures.coordinates(fix.latitude, fix.longitude);
    let dms = measures.coordinates_dms(fix.latitude, fix.longitude);
    let accuracy = fix
        .horizontal_accuracy
        .map(|metres| measures.accuracy(metres));
    let altitude = fix.altitude.map(|metres| measures.elevation(metres));
    let mut geo_uri = format!("geo:{:.6},{:.6}", fix.latitude, fix.longitude);
    if let Some(altitude) = fix.altitude.filter(|a| a.is_finite()) {
        geo_uri.push_str(&format!(",{altitude:.0}"));
    }
    if let Some(accuracy) = fix
        .horizontal_accuracy
        .filter(|a| a.is_finite() && *a >= 0.0)
    {
        geo_uri.push_str(&format!(";u={accuracy:.0}"));
    }
    let mut share_text = Wording::by_language(|language| match language {
        Language::English => format!("My position: {decimal} ({dms})"),
        Language::French => format!("Ma position : {decimal} ({dms})"),
        Language::Italian => format!("La mia posizione: {decimal} ({dms})"),
        Language::German => format!("Mein Standort: {decimal} ({dms})"),
        Language::Spanish => format!("Mi posición: {decimal} ({dms})"),
    })
    .into_language(language);
    if let Some(accuracy) = &accuracy {
        share_text.push_str(&format!(", {accuracy}"));
    }
    if let Some(altitude) = &altitude {
        let label = Wording::new("altitude", "altitude")
            .it("quota")
            .de("Höhe")
            .es("altitud")
            .into_language(language);
        share_text.push_str(&format!(", {label} {altitude}"));
    }
    share_text.push_str(&format!(" — {geo_uri}"));
    SafetyPosition {
        decimal,
        dms,
        accuracy,
        altitude,
        geo_uri,
        share_text,
    }
}
