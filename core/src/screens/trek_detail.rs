//! The trek detail screen: one trek of the pack in use, every figure,
//! label and section title written in the user's units and language; its
//! photos from the pack's offline copies; its elevation profile; the points
//! of interest, signposts, sensitive areas and information desks along it;
//! the stages of a tour and the tours it belongs to; the practical sections
//! (parking, accessibility, grades, links, reference points, who manages
//! it), each only when the park filled it in; its GPX written for sharing;
//! and following it on the map.

use std::path::PathBuf;
use std::sync::Arc;

use super::actor::{Machine, Mailbox};
use super::export::{gpx_path, write_trek_gpx};
use super::follow::FollowScreen;
use super::observable::{Observable, Subscriber};
use super::settings::{Settings, SettingsState};
use super::trek_search::TrekRow;
use super::{LabeledValue, PackCatalog};
use crate::catalog::{ElevationProfile, InformationDesk, LatLon, TrekDetail};
use crate::locale::{Language, UserMessage, Wording};
use crate::measures::MeasureFormatter;
use crate::runtime::TaskFailed;
use crate::trail::Route;

/// One of the trek's texts, as Geotrek-admin's HTML, under its title.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TextSection {
    pub title: String,
    pub html: String,
}

/// A photo of the trek.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TrekPhoto {
    /// The pack's offline copy (`file:` URL) when it has one, else the server's URL.
    pub url: String,
    /// Its legend or title, for the screen reader too.
    pub caption: Option<String>,
    /// `© Author · License`.
    pub credit: Option<String>,
}

/// The elevation profile to draw, with its figures written.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ProfileChart {
    /// Distance from the start, metres, one per point.
    pub distances_m: Vec<f64>,
    /// Elevation, metres, one per point.
    pub elevations_m: Vec<f64>,
    pub min_m: f64,
    pub max_m: f64,
    /// `1,874 m`, the lowest point.
    pub lowest: String,
    pub highest: String,
    /// `12.4 km`.
    pub length: String,
    /// What a screen reader says instead of the drawing.
    pub description: String,
}

impl ProfileChart {
    /// The chart of `profile` with its figures in the user's units and
    /// language; `None` when the trek has no elevations to draw.
    pub fn of(
        profile: &ElevationProfile,
        m: &MeasureFormatter,
        language: Language,
    ) -> Option<ProfileChart> {
        (profile.distances_m.len() >= 2).then(|| {
            let (length, lowest, highest) = (
                m.distance(profile.length_m),
                m.elevation(profile.min_m),
                m.elevation(profile.max_m),
            );
            ProfileChart {
                distances_m: profile.distances_m.clone(),
                elevations_m: profile.elevations_m.clone(),
                min_m: profile.min_m,
                max_m: profile.max_m,
                description: Wording::new(
                    format!("Elevation profile over {length}, from {lowest} to {highest}"),
                    format!("Profil altimétrique sur {length}, de {lowest} à {highest}"),
                )
                .it(format!(
                    "Profilo altimetrico su {length}, da {lowest} a {highest}"
                ))
                .de(format!(
                    "Höhenprofil über {length}, von {lowest} bis {highest}"
                ))
                .es(format!(
                    "Perfil de elevación en {length}, de {lowest} a {highest}"
                ))
                .into_language(language),
                lowest,
                highest,
                length,
            }
        })
    }
}

/// A point along the trek (a point of interest, a signpost).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct AlongRow {
    pub id: i64,
    /// `Refuge du Pelvoux`, a signpost with its code: `E12 – Pont de l'Alpe`.
    pub title: String,
    /// Its type and how far along the trek: `Refuge · 3.2 km`.
    pub subtitle: String,
    /// A signpost's blade lines: `Lac du Lauvitel · 2.4 km · 1h15`.
    pub lines: Vec<String>,
}

/// A sensitive area the trek crosses.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SensitiveAreaRow {
    pub id: i64,
    pub name: String,
    /// When it is sensitive: `Dec – Mar, Jun`.
    pub months: String,
    /// The practices concerned, joined.
    pub practices: String,
    pub description: String,
    pub contact: String,
    pub info_url: Option<String>,
}

/// A web page the shells open through the platform (browser, PDF viewer).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct LinkRow {
    /// `Mountain weather forecast`.
    pub title: String,
    /// What kind of page it is: the link's category (`Weather`), `Data source`.
    pub kind: Option<String>,
    pub url: String,
}

/// A numbered point the trek's description refers to, with its position
/// written for reading and kept for the map.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ReferencePointRow {
    pub number: u32,
    /// `44.82791, 6.37350`, in the user's language.
    pub coordinates: String,
    pub position: LatLon,
}

/// A practical section of the detail (parking, accessibility, grades...),
/// titled; the core leaves out the sections the park did not fill in.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct InfoSection {
    pub title: String,
    /// Short facts: `Level` `Beginner`, `Effort` `Moderate`.
    pub rows: Vec<LabeledValue>,
    /// The park's texts (HTML) under their subtitles.
    pub texts: Vec<TextSection>,
    pub photos: Vec<TrekPhoto>,
    pub links: Vec<LinkRow>,
    /// The numbered points, in order (only in the reference points' section).
    pub points: Vec<ReferencePointRow>,
}

/// The trek detail screen.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TrekDetailState {
    pub trek_id: i64,
    /// Reading the trek from the catalog.
    pub loading: bool,
    pub name: String,
    /// Practice and difficulty: `Pédestre · Facile`.
    pub labels: String,
    pub photos: Vec<TrekPhoto>,
    /// Length, duration, ascent... then departure, arrival, themes.
    pub figures: Vec<LabeledValue>,
    /// `None` for a trek without elevations.
    pub profile: Option<ProfileChart>,
    /// The texts the park wrote, in the catalog's order.
    pub texts: Vec<TextSection>,
    /// Parking, accessibility, grades, web links, reference points and
    /// who manages the trek: only the sections with something in them.
    pub sections: Vec<InfoSection>,
    pub pois: Vec<AlongRow>,
    pub signage: Vec<AlongRow>,
    pub sensitive_areas: Vec<SensitiveAreaRow>,
    pub information_desks: Vec<InformationDesk>,
    /// The stages of a multi-day tour, in order.
    pub steps: Vec<TrekRow>,
    /// The tours this trek is a stage of.
    pub tours: Vec<TrekRow>,
    /// Whether the trek can be followed on the map.
    pub can_follow: bool,
    /// The trek's GPX, written and waiting to be shared.
    pub gpx_file: Option<String>,
    pub error: Option<String>,
}

enum Action {
    Load,
    ExportGpx,
    Shared,
    Follow,
    /// The settings changed (boxed: the other actions are small).
    Settings(Box<SettingsState>),
}

/// One trek of a catalog.
pub struct TrekDetailScreen {
    state: Arc<Observable<TrekDetailState>>,
    mailbox: Mailbox<Action>,
}

impl TrekDetailScreen {
    /// Trek `id` of `catalog`; its GPX is written into `exports`; `follow`
    /// (the map's follow screen) follows it when asked.
    pub fn open(
        catalog: PackCatalog,
        id: i64,
        settings: Arc<Settings>,
        follow: Option<FollowScreen>,
        exports: PathBuf,
    ) -> TrekDetailScreen {
        // Subscribed before the screen reads the settings: no change is missed.
        let changes = settings.subscribe();
        let state = Arc::new(Observable::new(TrekDetailState {
            trek_id: id,
            loading: true,
            name: String::new(),
            labels: String::new(),
            photos: Vec::new(),
            figures: Vec::new(),
            profile: None,
            texts: Vec::new(),
            sections: Vec::new(),
            pois: Vec::new(),
            signage: Vec::new(),
            sensitive_areas: Vec::new(),
            information_desks: Vec::new(),
            steps: Vec::new(),
            tours: Vec::new(),
            can_follow: false,
            gpx_file: None,
            error: None,
        }));
        let mailbox = Mailbox::start(Detail {
            catalog,
            id,
            follow,
            exports,
            measures: settings.measures(),
            language: settings.language(),
            trek: None,
            state: Arc::clone(&state),
        });
        mailbox.send(Action::Load);
        mailbox.follow(changes, |state| Action::Settings(Box::new(state)));
        TrekDetailScreen { state, mailbox }
    }

    pub fn state(&self) -> TrekDetailState {
        self.state.get()
    }

    pub fn subscribe(&self) -> Subscriber<TrekDetailState> {
        self.state.subscribe()
    }

    /// Writes the trek's GPX (its line with elevations, its points as
    /// waypoints), offline; [`TrekDetailState::gpx_file`] then names it.
    pub fn export_gpx(&self) {
        self.mailbox.send(Action::ExportGpx);
    }

    /// The GPX file was handed to the share sheet.
    pub fn shared(&self) {
        self.mailbox.send(Action::Shared);
    }

    /// Follows the trek on the map.
    pub fn follow(&self) {
        self.mailbox.send(Action::Follow);
    }

    /// Resumes once every action asked so far shows in the state.
    pub async fn settled(&self) {
        self.mailbox.settled().await;
    }
}

struct Detail {
    catalog: PackCatalog,
    id: i64,
    follow: Option<FollowScreen>,
    exports: PathBuf,
    measures: MeasureFormatter,
    language: Language,
    /// The trek once read.
    trek: Option<TrekDetail>,
    state: Arc<Observable<TrekDetailState>>,
}

impl Machine for Detail {
    type Action = Action;

    async fn act(&mut self, action: Action) {
        match action {
            Action::Load => self.load(),
            Action::ExportGpx => self.export_gpx(),
            Action::Shared => self.state.update(|state| state.gpx_file = None),
            Action::Follow => {
                if let (Some(follow), Some(_)) = (&self.follow, &self.trek) {
                    follow.follow(Some((Arc::clone(&self.catalog.catalog), self.id)));
                }
            }
            Action::Settings(settings) => {
                let language_changed = settings.language != self.language;
                self.language = settings.language;
                self.measures = MeasureFormatter::in_language(settings.units, settings.language);
                if language_changed {
                    self.load();
                } else {
                    self.render();
                }
            }
        }
    }

    fn on_panic(&mut self, failed: TaskFailed) {
        let message = failed.message(self.language);
        self.state.update(|state| {
            state.loading = false;
            state.error = Some(message);
        });
    }
}

impl Detail {
    fn load(&mut self) {
        match self
            .catalog
            .catalog
            .trek_detail(self.id, self.language.code())
        {
            Ok(detail) => {
                self.trek = Some(detail);
                self.render();
            }
            Err(error) => {
                let message = error.message(self.language);
                self.state.update(|state| {
                    state.loading = false;
                    state.error = Some(message);
                });
            }
        }
    }

    fn export_gpx(&mut self) {
        let Some(detail) = &self.trek else { return };
        let path = gpx_path(&self.exports, &detail.name, &format!("trek-{}", detail.id));
        let outcome = write_trek_gpx(&Route::from_trek(detail), &path);
        self.state.update(|state| match outcome {
            Ok(()) => {
                state.gpx_file = Some(path.display().to_string());
                state.error = None;
            }
            Err(error) => state.error = Some(error.message(self.language)),
        });
    }

    fn render(&self) {
        let Some(detail) = &self.trek else { return };
        let (m, language) = (&self.measures, self.language);
        let words = |texts: [&str; 5]| Wording::fixed(texts).into_language(language);
        let figure = |label: [&str; 5], value: Option<String>| {
            value
                .filter(|value| !value.trim().is_empty())
                .map(|value| LabeledValue {
                    label: words(label),
                    value,
                })
        };
        let labels_of = |choices: &[crate::catalog::Choice]| {
            Some(join(
                choices.iter().map(|c| Some(c.label.clone())).collect(),
                ", ",
            ))
        };
        let figures = [
            figure(
                ["Length", "Longueur", "Lunghezza", "Länge", "Longitud"],
                detail.length_m.map(|metres| m.distance(metres)),
            ),
            figure(
                ["Duration", "Durée", "Durata", "Dauer", "Duración"],
                detail
                    .duration_hours
                    .map(|hours| m.duration(hours * 3600.0)),
            ),
            figure(
                [
                    "Ascent",
                    "Dénivelé positif",
                    "Dislivello positivo",
                    "Aufstieg",
                    "Desnivel positivo",
                ],
                detail.ascent_m.map(|a| m.elevation(a)),
            ),
            figure(
                [
                    "Descent",
                    "Dénivelé négatif",
                    "Dislivello negativo",
                    "Abstieg",
                    "Desnivel negativo",
                ],
                detail.descent_m.map(|d| m.elevation(d.abs())),
            ),
            figure(
                [
                    "Lowest point",
                    "Point le plus bas",
                    "Punto più basso",
                    "Tiefster Punkt",
                    "Punto más bajo",
                ],
                detail.min_elevation_m.map(|e| m.elevation(e)),
            ),
            figure(
                [
                    "Highest point",
                    "Point le plus haut",
                    "Punto più alto",
                    "Höchster Punkt",
                    "Punto más alto",
                ],
                detail.max_elevation_m.map(|e| m.elevation(e)),
            ),
            figure(
                [
                    "Route type",
                    "Type de parcours",
                    "Tipo di percorso",
                    "Routentyp",
                    "Tipo de ruta",
                ],
                detail.route.as_ref().map(|route| route.label.clone()),
            ),
            figure(
                ["Departure", "Départ", "Partenza", "Start", "Salida"],
                Some(detail.departure.clone()),
            ),
            figure(
                ["Arrival", "Arrivée", "Arrivo", "Ziel", "Llegada"],
                Some(detail.arrival.clone()),
            ),
            figure(
                ["Themes", "Thèmes", "Temi", "Themen", "Temas"],
                labels_of(&detail.themes),
            ),
            figure(
                ["Towns", "Communes", "Comuni", "Gemeinden", "Municipios"],
                Some(detail.cities.join(", ")),
            ),
        ]
        .into_iter()
        .flatten()
        .collect();
        let texts = [
            (
                [
                    "Description",
                    "Description",
                    "Descrizione",
                    "Beschreibung",
                    "Descripción",
                ],
                &detail.description_html,
            ),
            (
                ["Ambiance", "Ambiance", "Atmosfera", "Stimmung", "Ambiente"],
                &detail.ambiance_html,
            ),
            (
                ["Access", "Accès", "Accesso", "Anfahrt", "Acceso"],
                &detail.access_html,
            ),
            (
                [
                    "Advice",
                    "Recommandations",
                    "Consigli",
                    "Hinweise",
                    "Recomendaciones",
                ],
                &detail.advice_html,
            ),
            (
                ["Gear", "Équipement", "Attrezzatura", "Ausrüstung", "Equipo"],
                &detail.gear_html,
            ),
            (
                [
                    "Public transport",
                    "Transports en commun",
                    "Trasporto pubblico",
                    "Öffentliche Verkehrsmittel",
                    "Transporte público",
                ],
                &detail.public_transport_html,
            ),
        ]
        .into_iter()
        // The catalog empties the texts nobody filled.
        .filter(|(_, html)| !html.is_empty())
        .map(|(title, html)| TextSection {
            title: words(title),
            html: html.clone(),
        })
        .collect();
        let profile = ProfileChart::of(&detail.profile, m, language);
        let photos = detail
            .media
            .iter()
            .filter_map(|media| self.photo(media))
            .collect();
        let pois = detail
            .pois
            .iter()
            .map(|poi| AlongRow {
                id: poi.id,
                title: poi.name.clone(),
                subtitle: join(
                    vec![poi.type_label.clone(), Some(m.distance(poi.along_m))],
                    " · ",
                ),
                lines: Vec::new(),
            })
            .collect();
        let signage = detail
            .signage
            .iter()
            .map(|sign| AlongRow {
                id: sign.id,
                title: join(vec![sign.code.clone(), Some(sign.name.clone())], " – "),
                subtitle: join(
                    vec![
                        sign.type_label.clone(),
                        sign.along_m.map(|along| m.distance(along)),
                    ],
                    " · ",
                ),
                lines: sign
                    .blades
                    .iter()
                    .flat_map(|blade| &blade.lines)
                    .map(|line| m.blade_line(line.clone()))
                    .filter(|line| !line.is_empty())
                    .collect(),
            })
            .collect();
        let sensitive_areas = detail
            .sensitive_areas
            .iter()
            .map(|area| SensitiveAreaRow {
                id: area.id,
                name: area.name.clone(),
                months: m.months(area.months.clone()),
                practices: area.practice_labels.join(", "),
                description: area.description.clone(),
                contact: area.contact.clone(),
                info_url: area.info_url.clone(),
            })
            .collect();
        let rows = |treks: &[crate::catalog::TrekSummary]| {
            treks
                .iter()
                .map(|trek| TrekRow::of(trek, &self.catalog, m, language))
                .collect()
        };
        let state = TrekDetailState {
            trek_id: detail.id,
            loading: false,
            name: detail.name.clone(),
            labels: join(
                vec![
                    detail.practice.as_ref().map(|p| p.label.clone()),
                    detail.difficulty.as_ref().map(|d| d.label.clone()),
                ],
                " · ",
            ),
            photos,
            figures,
            profile,
            texts,
            sections: self.sections(detail),
            pois,
            signage,
            sensitive_areas,
            information_desks: detail.information_desks.clone(),
            steps: rows(&detail.steps),
            tours: rows(&detail.parents),
            can_follow: self.follow.is_some() && detail.geometry.len() >= 2,
            gpx_file: None,
            error: None,
        };
        self.state.update(|current| {
            *current = TrekDetailState {
                gpx_file: current.gpx_file.take(),
                ..state
            }
        });
    }

    /// A photo of the trek (an image, not a PDF), offline when the pack holds it.
    fn photo(&self, media: &crate::catalog::Media) -> Option<TrekPhoto> {
        media.is_image.then(|| TrekPhoto {
            url: self.catalog.media_url(&media.url),
            caption: media.legend.clone().or_else(|| media.title.clone()),
            credit: Some(join(
                vec![
                    media.author.as_ref().map(|author| format!("© {author}")),
                    media.license.clone(),
                ],
                " · ",
            ))
            .filter(|credit| !credit.is_empty()),
        })
    }

    /// The practical sections the park filled in, in the order a hiker
    /// needs them: getting there, who can go, how hard, where to read more.
    fn sections(&self, detail: &TrekDetail) -> Vec<InfoSection> {
        let (m, language) = (&self.measures, self.language);
        let words = |texts: [&str; 5]| Wording::fixed(texts).into_language(language);
        let row = |label: [&str; 5], value: String| {
            (!value.trim().is_empty()).then(|| LabeledValue {
                label: words(label),
                value,
            })
        };
        let text = |title: [&str; 5], html: &str| {
            (!html.trim().is_empty()).then(|| TextSection {
                title: words(title),
                html: html.to_string(),
            })
        };
        let section = |title: [&str; 5]| InfoSection {
            title: words(title),
            rows: Vec::new(),
            texts: Vec::new(),
            photos: Vec::new(),
            links: Vec::new(),
            points: Vec::new(),
        };
        let choices = |choices: &[crate::catalog::Choice]| {
            join(
                choices.iter().map(|c| Some(c.label.clone())).collect(),
                ", ",
            )
        };

        let parking = InfoSection {
            texts: text(
                [
                    "Advised parking",
                    "Parking conseillé",
                    "Parcheggio consigliato",
                    "Empfohlener Parkplatz",
                    "Aparcamiento recomendado",
                ],
                &detail.advised_parking_html,
            )
            .into_iter()
            .collect(),
            rows: detail
                .parking_point
                .and_then(|at| {
                    row(
                        [
                            "Parking position",
                            "Position du parking",
                            "Posizione del parcheggio",
                            "Lage des Parkplatzes",
                            "Ubicación del aparcamiento",
                        ],
                        m.coordinates(at.lat, at.lon),
                    )
                })
                .into_iter()
                .collect(),
            ..section([
                "Parking",
                "Stationnement",
                "Parcheggio",
                "Parken",
                "Aparcamiento",
            ])
        };

        let access = &detail.accessibility;
        let accessibility = InfoSection {
            rows: [
                access.level.as_ref().and_then(|level| {
                    row(
                        ["Level", "Niveau", "Livello", "Niveau", "Nivel"],
                        level.label.clone(),
                    )
                }),
                row(
                    [
                        "Suitable for",
                        "Adapté à",
                        "Adatto a",
                        "Geeignet für",
                        "Apto para",
                    ],
                    choices(&detail.accessibilities),
                ),
            ]
            .into_iter()
            .flatten()
            .collect(),
            texts: [
                text(
                    [
                        "Facilities",
                        "Aménagements",
                        "Strutture",
                        "Einrichtungen",
                        "Instalaciones",
                    ],
                    &access.disabled_infrastructure_html,
                ),
                text(
                    ["Slope", "Pente", "Pendenza", "Steigung", "Pendiente"],
                    &access.slope_html,
                ),
                text(
                    ["Width", "Largeur", "Larghezza", "Breite", "Anchura"],
                    &access.width_html,
                ),
                text(
                    [
                        "Signage",
                        "Signalétique",
                        "Segnaletica",
                        "Beschilderung",
                        "Señalización",
                    ],
                    &access.signage_html,
                ),
                text(
                    ["Surface", "Revêtement", "Fondo", "Belag", "Firme"],
                    &access.covering_html,
                ),
                text(
                    [
                        "Exposure",
                        "Exposition",
                        "Esposizione",
                        "Exposition",
                        "Exposición",
                    ],
                    &access.exposure_html,
                ),
                text(
                    [
                        "Advice",
                        "Recommandations",
                        "Consigli",
                        "Hinweise",
                        "Recomendaciones",
                    ],
                    &access.advice_html,
                ),
            ]
            .into_iter()
            .flatten()
            .collect(),
            photos: access
                .media
                .iter()
                .filter_map(|media| self.photo(media))
                .collect(),
            ..section([
                "Accessibility",
                "Accessibilité",
                "Accessibilità",
                "Barrierefreiheit",
                "Accesibilidad",
            ])
        };

        let grades = InfoSection {
            rows: detail
                .ratings
                .iter()
                .filter_map(|rating| {
                    let label = if rating.scale.is_empty() {
                        words(["Grade", "Cotation", "Grado", "Bewertung", "Grado"])
                    } else {
                        rating.scale.clone()
                    };
                    let value = join(
                        vec![Some(rating.name.clone()), Some(rating.description.clone())],
                        " – ",
                    );
                    (!value.is_empty()).then_some(LabeledValue { label, value })
                })
                .collect(),
            texts: text(
                [
                    "About the grades",
                    "À propos des cotations",
                    "Sui gradi",
                    "Zu den Bewertungen",
                    "Sobre los grados",
                ],
                &detail.ratings_description_html,
            )
            .into_iter()
            .collect(),
            ..section([
                "Grades",
                "Cotations",
                "Gradi di difficoltà",
                "Bewertungen",
                "Grados de dificultad",
            ])
        };

        // Grouped by category, in the order the park listed them.
        let mut web_links: Vec<LinkRow> = detail
            .web_links
            .iter()
            .map(|link| LinkRow {
                title: link.name.clone(),
                kind: link.category.as_ref().map(|c| c.label.clone()),
                url: link.url.clone(),
            })
            .collect();
        web_links.sort_by_key(|link| link.kind.is_none());
        let mut categories: Vec<Option<String>> = Vec::new();
        for link in &web_links {
            if !categories.contains(&link.kind) {
                categories.push(link.kind.clone());
            }
        }
        web_links.sort_by_key(|link| categories.iter().position(|c| *c == link.kind));
        let links = InfoSection {
            links: web_links,
            ..section([
                "Web links",
                "Liens utiles",
                "Link utili",
                "Nützliche Links",
                "Enlaces útiles",
            ])
        };

        let reference_points = InfoSection {
            points: detail
                .reference_points
                .iter()
                .map(|point| ReferencePointRow {
                    number: point.number,
                    coordinates: m.coordinates(point.position.lat, point.position.lon),
                    position: point.position,
                })
                .collect(),
            ..section([
                "Reference points",
                "Points de référence",
                "Punti di riferimento",
                "Referenzpunkte",
                "Puntos de referencia",
            ])
        };

        let source_kind = words([
            "Data source",
            "Source des données",
            "Fonte dei dati",
            "Datenquelle",
            "Fuente de datos",
        ]);
        let about = InfoSection {
            rows: [
                row(
                    ["Labels", "Labels", "Marchi", "Gütesiegel", "Sellos"],
                    choices(&detail.labels),
                ),
                row(
                    ["Networks", "Réseaux", "Reti", "Wegenetze", "Redes"],
                    choices(&detail.networks),
                ),
                detail.structure.clone().and_then(|structure| {
                    row(
                        [
                            "Managed by",
                            "Géré par",
                            "Gestito da",
                            "Betreut von",
                            "Gestionado por",
                        ],
                        structure,
                    )
                }),
                detail.reservation.as_ref().and_then(|booking| {
                    row(
                        [
                            "Booking",
                            "Réservation",
                            "Prenotazione",
                            "Buchung",
                            "Reserva",
                        ],
                        join(
                            vec![
                                Some(booking.system.clone()),
                                Some(booking.reservation_id.clone()),
                            ],
                            " · ",
                        ),
                    )
                }),
                row(
                    [
                        "Data sources",
                        "Sources des données",
                        "Fonti dei dati",
                        "Datenquellen",
                        "Fuentes de datos",
                    ],
                    join(
                        detail
                            .sources
                            .iter()
                            .map(|source| Some(source.name.clone()))
                            .collect(),
                        ", ",
                    ),
                ),
            ]
            .into_iter()
            .flatten()
            .collect(),
            links: detail
                .sources
                .iter()
                .filter_map(|source| {
                    Some(LinkRow {
                        title: source.name.clone(),
                        kind: Some(source_kind.clone()),
                        url: source.website.clone()?,
                    })
                })
                .chain(detail.pdf_url.iter().map(|url| LinkRow {
                    title: words([
                        "Trek sheet (PDF)",
                        "Fiche de l'itinéraire (PDF)",
                        "Scheda dell'itinerario (PDF)",
                        "Tourenblatt (PDF)",
                        "Ficha de la ruta (PDF)",
                    ]),
                    kind: None,
                    url: url.clone(),
                }))
                .collect(),
            ..section([
                "About this trek",
                "À propos de l'itinéraire",
                "Informazioni sull'itinerario",
                "Über diese Tour",
                "Sobre esta ruta",
            ])
        };

        [
            parking,
            accessibility,
            grades,
            links,
            reference_points,
            about,
        ]
        .into_iter()
        .filter(|section| {
            !(section.rows.is_empty()
                && section.texts.is_empty()
                && section.photos.is_empty()
                && section.links.is_empty()
                && section.points.is_empty())
        })
        .collect()
    }
}

/// The filled parts, joined.
fn join(parts: Vec<Option<String>>, separator: &str) -> String {
    parts
        .into_iter()
        .flatten()
        .filter(|part| !part.trim().is_empty())
        .collect::<Vec<_>>()
        .join(separator)
}
