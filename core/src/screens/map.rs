//! The map screen: the offline map of the pack in use as MapLibre is to
//! draw it (the style of the core's tile server), the trek highlighted over
//! the others, whether the camera follows the hiker, the overlays shown (each
//! a group of style layers), the basemap drawn, and what lies where the
//! hiker tapped.
//!
//! Its rules, once for both apps: while a trek is followed it is the one
//! highlighted and the camera follows the hiker; otherwise the trek last
//! tapped is highlighted; a tap lists every object near it, nearest first,
//! and selects the nearest trek when a trek is what is nearest; a tap selects
//! nothing once the pack in use changes; the overlays hidden stay hidden
//! (kept in the settings); a basemap chosen stays chosen while it is served.
//! The trek search's map draws its own results (its state's style).

use std::sync::Arc;

use super::actor::{Machine, Mailbox};
use super::follow::FollowScreen;
use super::observable::{Observable, Subscriber};
use super::packs::{CatalogInUse, PacksScreen};
use super::settings::{Settings, SettingsState};
use super::{Basemap, MapStyles};
use crate::catalog::{Circle, LatLon, NearbyPlace, PlaceKind};
use crate::locale::{Language, UserMessage, Wording};
use crate::measures::MeasureFormatter;
use crate::runtime::TaskFailed;
use crate::tiles::OverlayLayer;

/// The overlays the hiker can show or hide, in the order offered.
const TOGGLED: [OverlayLayer; 7] = [
    OverlayLayer::Treks,
    OverlayLayer::TrekStarts,
    OverlayLayer::Pois,
    OverlayLayer::Signage,
    OverlayLayer::InformationDesks,
    OverlayLayer::TouristicContents,
    OverlayLayer::SensitiveAreas,
];

/// The largest radius a tap looks in, in metres.
const MAX_TAP_RADIUS_M: f64 = 2_000.0;

/// An overlay of the map and whether it is drawn.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct MapLayer {
    pub layer: OverlayLayer,
    /// The style's main layer, where a tap finds the overlay's features.
    pub style_layer_id: String,
    /// Every style layer drawing the overlay: the shell shows or hides them together.
    pub style_layer_ids: Vec<String>,
    pub label: String,
    pub shown: bool,
}

/// A basemap the hiker can switch to.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct BasemapChoice {
    pub key: String,
    pub name: String,
    pub chosen: bool,
}

/// What lies where the hiker tapped.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct MapTap {
    pub at: LatLon,
    /// Every object near the tap, nearest first: the app opens the first's
    /// detail, or lets the hiker pick when several are as near.
    pub places: Vec<NearbyPlace>,
    /// The places as the card lists them, worded by the core, in the same order.
    pub rows: Vec<MapTapRow>,
    /// Why the list is empty (nothing there, or nothing could be looked up).
    pub problem: Option<String>,
}

/// One place of a tap's answer as the card shows it.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct MapTapRow {
    pub kind: PlaceKind,
    pub id: i64,
    /// `E12 – Pont de l'Alpe`, `Refuge du Pelvoux`.
    pub title: String,
    /// What it is and how far: `Point of interest · Refuge · 120 m`.
    pub subtitle: String,
    /// A trek: the row opens the trek's detail.
    pub opens_trek: bool,
}

/// The map screen.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct MapViewState {
    /// The style MapLibre loads; `None` without a pack in use.
    pub style_url: Option<String>,
    /// Why there is no map, when there is none.
    pub unavailable: Option<String>,
    /// The trek drawn over the others.
    pub highlighted_trek: Option<i64>,
    /// The trek the hiker tapped last.
    pub selected_trek: Option<i64>,
    /// The trek followed.
    pub followed_trek: Option<i64>,
    /// The camera follows the hiker's position.
    pub follows_user: bool,
    pub layers: Vec<MapLayer>,
    /// The basemaps served (more than one: the app offers a switch).
    pub basemaps: Vec<BasemapChoice>,
    /// The last tap's answer, until dismissed.
    pub tap: Option<MapTap>,
}

enum Action {
    Select(Option<i64>),
    ShowLayer(OverlayLayer, bool),
    ChooseBasemap(String),
    Tap(Circle),
    DismissTap,
    /// The pack in use changed (its id).
    PackInUse(Option<String>),
    /// The followed trek changed.
    Followed(Option<i64>),
    /// The settings changed (boxed: the other actions are small).
    Settings(Box<SettingsState>),
}

/// The map of the pack in use.
pub struct MapScreen {
    state: Arc<Observable<MapViewState>>,
    mailbox: Mailbox<Action>,
}

impl MapScreen {
    /// The map `map` serves for the pack in use of `packs`, highlighting
    /// the trek `follow` follows.
    pub fn open(
        map: Arc<dyn MapStyles>,
        packs: &PacksScreen,
        follow: &FollowScreen,
        settings: Arc<Settings>,
    ) -> MapScreen {
        // Subscribed before the screen reads what it follows: no change is missed.
        let pack_changes = packs.subscribe();
        let follow_changes = follow.subscribe();
        let settings_changes = settings.subscribe();
        let state = Arc::new(Observable::new(MapViewState {
            style_url: None,
            unavailable: None,
            highlighted_trek: None,
            selected_trek: None,
            followed_trek: None,
            follows_user: false,
            layers: Vec::new(),
            basemaps: Vec::new(),
            tap: None,
        }));
        let machine = Map {
            styles: map,
            catalog: packs.catalog_reader(),
            basemap: None,
            tap: None,
            settings: Arc::clone(&settings),
            language: settings.language(),
            measures: settings.measures(),
            pack: packs.state().in_use.map(|pack| pack.id),
            selected: None,
            followed: follow.state().trek_id,
            state: Arc::clone(&state),
        };
        machine.render();
        let mailbox = Mailbox::start(machine);
        mailbox.follow(pack_changes, |packs| {
            Action::PackInUse(packs.in_use.map(|pack| pack.id))
        });
        mailbox.follow(follow_changes, |follow| Action::Followed(follow.trek_id));
        mailbox.follow(settings_changes, |state| Action::Settings(Box::new(state)));
        MapScreen { state, mailbox }
    }

    pub fn state(&self) -> MapViewState {
        self.state.get()
    }

    pub fn subscribe(&self) -> Subscriber<MapViewState> {
        self.state.subscribe()
    }

    /// The hiker tapped trek `id` (`None`: the map elsewhere).
    pub fn select_trek(&self, id: Option<i64>) {
        self.mailbox.send(Action::Select(id));
    }

    /// Shows or hides `layer`.
    pub fn show_layer(&self, layer: OverlayLayer, shown: bool) {
        self.mailbox.send(Action::ShowLayer(layer, shown));
    }

    /// Draws the basemap `key` (one of the state's `basemaps`).
    pub fn choose_basemap(&self, key: String) {
        self.mailbox.send(Action::ChooseBasemap(key));
    }

    /// The hiker tapped the map at `at`: lists what lies within `radius_m`
    /// (the finger's reach at the current zoom, at most 2 km).
    pub fn tap(&self, at: LatLon, radius_m: f64) {
        self.mailbox.send(Action::Tap(Circle {
            center: at,
            radius_m: radius_m.clamp(0.0, MAX_TAP_RADIUS_M),
        }));
    }

    /// Closes the tap's answer.
    pub fn dismiss_tap(&self) {
        self.mailbox.send(Action::DismissTap);
    }

    /// Resumes once every action asked so far shows in the state.
    pub async fn settled(&self) {
        self.mailbox.settled().await;
    }
}

struct Map {
    styles: Arc<dyn MapStyles>,
    catalog: CatalogInUse,
    /// The basemap the hiker chose.
    basemap: Option<String>,
    tap: Option<MapTap>,
    settings: Arc<Settings>,
    language: Language,
    measures: MeasureFormatter,
    /// The pack in use's id.
    pack: Option<String>,
    selected: Option<i64>,
    followed: Option<i64>,
    state: Arc<Observable<MapViewState>>,
}

impl Machine for Map {
    type Action = Action;

    async fn act(&mut self, action: Action) {
        match action {
            Action::Select(id) => self.selected = id,
            Action::ShowLayer(layer, shown) => self.settings.show_map_layer(layer, shown),
            Action::ChooseBasemap(key) => self.basemap = Some(key),
            Action::Tap(circle) => {
                let tap = self.what_is_here(circle);
                if let Some(nearest) = tap.places.first()
                    && nearest.kind == PlaceKind::Trek
                {
                    self.selected = Some(nearest.id);
                }
                self.tap = Some(tap);
            }
            Action::DismissTap => self.tap = None,
            Action::PackInUse(pack) => {
                if pack != self.pack {
                    self.selected = None;
                    self.tap = None;
                }
                self.pack = pack;
            }
            Action::Followed(trek) => self.followed = trek,
            Action::Settings(settings) => {
                self.language = settings.language;
                self.measures = MeasureFormatter::in_language(settings.units, settings.language);
            }
        }
        self.render();
    }

    fn on_panic(&mut self, _failed: TaskFailed) {
        // A defect: the map shows what it showed.
        self.render();
    }
}

impl Map {
    /// What lies within `circle`, in the hiker's language.
    fn what_is_here(&self, circle: Circle) -> MapTap {
        let answer = match self.catalog.read() {
            Some(pack) => pack
                .catalog
                .what_is_here(&circle, self.language.code())
                .map_err(|error| error.message(self.language)),
            None => Err(Wording::new(
                "No territory in use: nothing to show here.",
                "Aucun territoire utilisé : rien à montrer ici.",
            )
            .it("Nessun territorio in uso: niente da mostrare qui.")
            .de("Kein Gebiet in Verwendung: hier gibt es nichts zu zeigen.")
            .es("Ningún territorio en uso: nada que mostrar aquí.")
            .into_language(self.language)),
        };
        let (places, problem) = match answer {
            Ok(places) if places.is_empty() => (
                places,
                Some(
                    Wording::new(
                        "Nothing on the map within reach of your tap.",
                        "Rien sur la carte à portée de votre doigt.",
                    )
                    .it("Niente sulla mappa a portata del tuo tocco.")
                    .de("Nichts auf der Karte in Reichweite deines Tippens.")
                    .es("Nada en el mapa al alcance de tu toque.")
                    .into_language(self.language),
                ),
            ),
            Ok(places) => (places, None),
            Err(problem) => (Vec::new(), Some(problem)),
        };
        MapTap {
            at: circle.center,
            rows: places.iter().map(|place| self.tap_row(place)).collect(),
            places,
            problem,
        }
    }

    /// `place` as the tap's card lists it, in the hiker's language and units.
    fn tap_row(&self, place: &NearbyPlace) -> MapTapRow {
        let title = match &place.code {
            Some(code) if !code.is_empty() => format!("{code} – {}", place.name),
            _ => place.name.clone(),
        };
        let subtitle = [
            Some(place_kind_label(place.kind).into_language(self.language)),
            place.type_label.clone().filter(|label| !label.is_empty()),
            Some(self.measures.distance(place.distance_m)),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
        MapTapRow {
            kind: place.kind,
            id: place.id,
            title,
            subtitle,
            opens_trek: place.kind == PlaceKind::Trek,
        }
    }

    fn render(&self) {
        let language = self.language;
        let highlighted = self.followed.or(self.selected);
        let served: Vec<Basemap> = self.styles.basemaps();
        let basemap = self
            .basemap
            .clone()
            .filter(|key| served.iter().any(|b| &b.key == key))
            .or_else(|| served.first().map(|b| b.key.clone()));
        let style_url = self
            .pack
            .as_ref()
            .and_then(|_| self.styles.map_style_url(highlighted, basemap.clone()));
        let unavailable = style_url.is_none().then(|| {
            Wording::new(
                "Download a territory’s pack to see its map offline.",
                "Téléchargez le pack d’un territoire pour voir sa carte hors ligne.",
            )
            .it("Scarica il pacchetto di un territorio per vederne la mappa offline.")
            .de("Lade das Paket eines Gebiets herunter, um seine Karte offline zu sehen.")
            .es("Descarga el paquete de un territorio para ver su mapa sin conexión.")
            .into_language(language)
        });
        let hidden = self.settings.state().hidden_map_layers;
        let layers = TOGGLED
            .into_iter()
            .map(|layer| MapLayer {
                layer,
                style_layer_id: layer.style_layer_id(),
                style_layer_ids: layer.style_layer_ids(),
                label: layer_label(layer).into_language(language),
                shown: !hidden.contains(&layer),
            })
            .collect();
        self.state.set(MapViewState {
            style_url,
            unavailable,
            highlighted_trek: highlighted,
            selected_trek: self.selected,
            followed_trek: self.followed,
            follows_user: self.followed.is_some(),
            layers,
            basemaps: served
                .into_iter()
                .map(|b| BasemapChoice {
                    chosen: Some(&b.key) == basemap.as_ref(),
                    key: b.key,
                    name: b.name,
                })
                .collect(),
            tap: self.tap.clone(),
        });
    }
}

fn layer_label(layer: OverlayLayer) -> Wording {
    match layer {
        OverlayLayer::Treks => Wording::new("Treks", "Randonnées")
            .it("Percorsi")
            .de("Touren")
            .es("Rutas"),
        OverlayLayer::SelectedTrek => Wording::new("Selected trek", "Randonnée choisie")
            .it("Percorso scelto")
            .de("Gewählte Tour")
            .es("Ruta elegida"),
        OverlayLayer::Pois => Wording::new("Points of interest", "Points d’intérêt")
            .it("Punti d’interesse")
            .de("Sehenswürdigkeiten")
            .es("Puntos de interés"),
        OverlayLayer::Signage => Wording::new("Signposts", "Signalétique")
            .it("Segnaletica")
            .de("Wegweiser")
            .es("Señalización"),
        OverlayLayer::SensitiveAreas => Wording::new("Sensitive areas", "Zones de sensibilité")
            .it("Aree sensibili")
            .de("Schutzgebiete")
            .es("Zonas sensibles"),
        OverlayLayer::TrekStarts => Wording::new("Trek starts", "Départs de randonnée")
            .it("Partenze dei percorsi")
            .de("Startpunkte")
            .es("Inicios de ruta"),
        OverlayLayer::InformationDesks => Wording::new("Information desks", "Points d’information")
            .it("Punti informativi")
            .de("Informationsstellen")
            .es("Puntos de información"),
        OverlayLayer::TouristicContents => {
            Wording::new("Tourism and services", "Tourisme et services")
                .it("Turismo e servizi")
                .de("Tourismus und Angebote")
                .es("Turismo y servicios")
        }
    }
}

fn place_kind_label(kind: PlaceKind) -> Wording {
    match kind {
        PlaceKind::Trek => Wording::new("Trek", "Randonnée")
            .it("Percorso")
            .de("Tour")
            .es("Ruta"),
        PlaceKind::Poi => Wording::new("Point of interest", "Point d’intérêt")
            .it("Punto d’interesse")
            .de("Sehenswürdigkeit")
            .es("Punto de interés"),
        PlaceKind::Signage => Wording::new("Signpost", "Panneau")
            .it("Cartello")
            .de("Wegweiser")
            .es("Señal"),
        PlaceKind::Infrastructure => Wording::new("Trail structure", "Aménagement")
            .it("Infrastruttura")
            .de("Wegeinrichtung")
            .es("Infraestructura"),
        PlaceKind::SensitiveArea => Wording::new("Sensitive area", "Zone de sensibilité")
            .it("Area sensibile")
            .de("Schutzgebiet")
            .es("Zona sensible"),
        PlaceKind::InformationDesk => Wording::new("Information desk", "Point d’information")
            .it("Punto informativo")
            .de("Informationsstelle")
            .es("Punto de información"),
        PlaceKind::TouristicContent => Wording::new("Tourism and services", "Tourisme et services")
            .it("Turismo e servizi")
            .de("Tourismus und Angebote")
            .es("Turismo y servicios"),
        PlaceKind::TouristicEvent => Wording::new("Event", "Événement")
            .it("Evento")
            .de("Veranstaltung")
            .es("Evento"),
        PlaceKind::Service => Wording::new("Service", "Service")
            .it("Servizio")
            .de("Dienst")
            .es("Servicio"),
        PlaceKind::OutdoorSite => Wording::new("Outdoor site", "Site outdoor")
            .it("Sito outdoor")
            .de("Outdoor-Gebiet")
            .es("Sitio outdoor"),
        PlaceKind::OutdoorCourse => Wording::new("Outdoor route", "Parcours outdoor")
            .it("Itinerario outdoor")
            .de("Outdoor-Route")
            .es("Itinerario outdoor"),
    }
}
