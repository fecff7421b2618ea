//! The trek search screen: text as typed, the filters (reference lists and
//! ranges) toggled, "near me", list or map, paging. Each change of the
//! search runs the catalog's search again; rows, labels and counts are
//! written in the user's units and language.

use std::sync::Arc;

use super::actor::{Machine, Mailbox};
use super::observable::{Observable, Subscriber};
use super::settings::{Settings, SettingsState};
use super::{MapStyles, PackCatalog};
use crate::catalog::{
    ChoiceList, LatLon, TrekMeasure, TrekQuery, TrekSummary, ValueRange, near_me,
};
use crate::locale::{Language, UserMessage, Wording};
use crate::measures::MeasureFormatter;
use crate::runtime::TaskFailed;

/// Results are read this many at a time.
const PAGE_SIZE: u32 = 30;

/// The reference lists a trek search can be narrowed by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum TrekFilter {
    Practice,
    Difficulty,
    Theme,
    Route,
    Accessibility,
}

impl TrekFilter {
    pub const ALL: [TrekFilter; 5] = [
        TrekFilter::Practice,
        TrekFilter::Difficulty,
        TrekFilter::Theme,
        TrekFilter::Route,
        TrekFilter::Accessibility,
    ];

    fn list(self) -> ChoiceList {
        match self {
            TrekFilter::Practice => ChoiceList::Practice,
            TrekFilter::Difficulty => ChoiceList::Difficulty,
            TrekFilter::Theme => ChoiceList::Theme,
            TrekFilter::Route => ChoiceList::Route,
            TrekFilter::Accessibility => ChoiceList::Accessibility,
        }
    }

    fn selected(self, query: &mut TrekQuery) -> &mut Vec<i64> {
        match self {
            TrekFilter::Practice => &mut query.practices,
            TrekFilter::Difficulty => &mut query.difficulties,
            TrekFilter::Theme => &mut query.themes,
            TrekFilter::Route => &mut query.routes,
            TrekFilter::Accessibility => &mut query.accessibilities,
        }
    }

    fn title(self) -> Wording {
        match self {
            TrekFilter::Practice => Wording::new("Practice", "Pratique")
                .it("Attività")
                .de("Aktivität")
                .es("Actividad"),
            TrekFilter::Difficulty => Wording::new("Difficulty", "Difficulté")
                .it("Difficoltà")
                .de("Schwierigkeit")
                .es("Dificultad"),
            TrekFilter::Theme => Wording::new("Themes", "Thèmes")
                .it("Temi")
                .de("Themen")
                .es("Temas"),
            TrekFilter::Route => Wording::new("Route type", "Type de parcours")
                .it("Tipo di percorso")
                .de("Routentyp")
                .es("Tipo de ruta"),
            TrekFilter::Accessibility => Wording::new("Accessibility", "Accessibilité")
                .it("Accessibilità")
                .de("Barrierefreiheit")
                .es("Accesibilidad"),
        }
    }
}

fn range_of(measure: TrekMeasure, query: &mut TrekQuery) -> &mut ValueRange {
    match measure {
        TrekMeasure::DurationHours => &mut query.duration_hours,
        TrekMeasure::LengthM => &mut query.length_m,
        TrekMeasure::AscentM => &mut query.ascent_m,
    }
}

fn measure_title(measure: TrekMeasure) -> Wording {
    match measure {
        TrekMeasure::DurationHours => Wording::new("Duration", "Durée")
            .it("Durata")
            .de("Dauer")
            .es("Duración"),
        TrekMeasure::LengthM => Wording::new("Length", "Longueur")
            .it("Lunghezza")
            .de("Länge")
            .es("Longitud"),
        TrekMeasure::AscentM => Wording::new("Ascent", "Dénivelé positif")
            .it("Dislivello positivo")
            .de("Aufstieg")
            .es("Desnivel positivo"),
    }
}

/// Whether treks show as a list or on the map.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum TreksLayout {
    List,
    Map,
}

/// One choice of a filter, and whether the search keeps it.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct FilterChoice {
    pub id: i64,
    pub label: String,
    pub selected: bool,
}

/// A filter with its title and choices (only filters with choices are listed).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct FilterGroup {
    pub filter: TrekFilter,
    pub title: String,
    pub choices: Vec<FilterChoice>,
}

/// One range a figure can be bounded by (the first lifts the bound).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RangeChoice {
    pub range: ValueRange,
    pub label: String,
    pub selected: bool,
}

#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RangeGroup {
    pub measure: TrekMeasure,
    pub title: String,
    pub choices: Vec<RangeChoice>,
}

/// One trek as a list shows it, every figure written by the core.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TrekRow {
    pub id: i64,
    pub name: String,
    pub teaser: String,
    /// The pack's offline copy (`file:` URL) when it has one, else the server's URL.
    pub thumbnail_url: Option<String>,
    /// Practice and difficulty, joined: `Pédestre · Facile`.
    pub labels: String,
    /// Length, duration, ascent and, near the hiker, how far the start is.
    pub figures: String,
}

impl TrekRow {
    /// `trek` of `catalog` (whose pack may hold its thumbnail offline).
    pub fn of(
        trek: &TrekSummary,
        catalog: &PackCatalog,
        measures: &MeasureFormatter,
        language: Language,
    ) -> TrekRow {
        let away = trek.distance_m.map(|metres| {
            let distance = measures.distance(metres);
            Wording::new(format!("{distance} away"), format!("à {distance}"))
                .it(format!("a {distance}"))
                .de(format!("{distance} entfernt"))
                .es(format!("a {distance}"))
                .into_language(language)
        });
        let figures = [
            trek.length_m.map(|metres| measures.distance(metres)),
            trek.duration_hours
                .map(|hours| measures.duration(hours * 3600.0)),
            trek.ascent_m.map(|metres| measures.ascent(metres)),
            away,
        ];
        TrekRow {
            id: trek.id,
            name: trek.name.clone(),
            teaser: trek.teaser.clone(),
            thumbnail_url: trek
                .thumbnail_url
                .as_deref()
                .map(|url| catalog.media_url(url)),
            labels: [trek.practice.clone(), trek.difficulty.clone()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" · "),
            figures: figures
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" · "),
        }
    }
}

/// The trek search screen.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TrekSearchState {
    /// The search as typed.
    pub text: String,
    pub filters: Vec<FilterGroup>,
    pub ranges: Vec<RangeGroup>,
    /// Whether any filter or range narrows the search.
    pub filtered: bool,
    /// Whether the search is around the hiker.
    pub near_me: bool,
    pub rows: Vec<TrekRow>,
    /// How many treks match in all (the rows may be the first pages).
    pub total: u64,
    /// `12 treks`.
    pub total_label: String,
    pub has_more: bool,
    pub layout: TreksLayout,
    /// The map's style drawing every trek that matches and no other; `None` without a map.
    pub map_style_url: Option<String>,
    pub error: Option<String>,
}

enum Action {
    Search,
    SetText(String),
    Toggle(TrekFilter, i64),
    SetRange(TrekMeasure, ValueRange),
    SetNear(Option<LatLon>),
    ClearFilters,
    SetLayout(TreksLayout),
    LoadMore,
    /// The settings changed (boxed: the other actions are small).
    Settings(Box<SettingsState>),
}

/// The trek search of one catalog (the pack in use's).
pub struct TrekSearch {
    state: Arc<Observable<TrekSearchState>>,
    mailbox: Mailbox<Action>,
}

impl TrekSearch {
    pub fn open(
        catalog: PackCatalog,
        settings: Arc<Settings>,
        map: Option<Arc<dyn MapStyles>>,
    ) -> TrekSearch {
        // Subscribed before the screen reads the settings: no change is missed.
        let changes = settings.subscribe();
        let language = settings.language();
        let state = Arc::new(Observable::new(TrekSearchState {
            text: String::new(),
            filters: Vec::new(),
            ranges: Vec::new(),
            filtered: false,
            near_me: false,
            rows: Vec::new(),
            total: 0,
            total_label: String::new(),
            has_more: false,
            layout: TreksLayout::List,
            map_style_url: None,
            error: None,
        }));
        let machine = Search {
            catalog,
            map,
            measures: settings.measures(),
            language,
            query: TrekQuery {
                limit: PAGE_SIZE,
                ..TrekQuery::all(language.code())
            },
            summaries: Vec::new(),
            state: Arc::clone(&state),
        };
        let mailbox = Mailbox::start(machine);
        mailbox.send(Action::Search);
        mailbox.follow(changes, |state| Action::Settings(Box::new(state)));
        TrekSearch { state, mailbox }
    }

    pub fn state(&self) -> TrekSearchState {
        self.state.get()
    }

    pub fn subscribe(&self) -> Subscriber<TrekSearchState> {
        self.state.subscribe()
    }

    pub fn set_text(&self, text: String) {
        self.mailbox.send(Action::SetText(text));
    }

    /// Keeps treks with `id` of `filter` too, or no longer.
    pub fn toggle(&self, filter: TrekFilter, id: i64) {
        self.mailbox.send(Action::Toggle(filter, id));
    }

    /// Bounds the search by `measure` (an empty range lifts the bound).
    pub fn set_range(&self, measure: TrekMeasure, range: ValueRange) {
        self.mailbox.send(Action::SetRange(measure, range));
    }

    /// Treks around `position`, nearest first; `None` searches everywhere again.
    pub fn set_near(&self, position: Option<LatLon>) {
        self.mailbox.send(Action::SetNear(position));
    }

    pub fn clear_filters(&self) {
        self.mailbox.send(Action::ClearFilters);
    }

    pub fn set_layout(&self, layout: TreksLayout) {
        self.mailbox.send(Action::SetLayout(layout));
    }

    /// Appends the next page of results, if any.
    pub fn load_more(&self) {
        self.mailbox.send(Action::LoadMore);
    }

    /// Resumes once every action asked so far shows in the state.
    pub async fn settled(&self) {
        self.mailbox.settled().await;
    }
}

struct Search {
    catalog: PackCatalog,
    map: Option<Arc<dyn MapStyles>>,
    measures: MeasureFormatter,
    language: Language,
    query: TrekQuery,
    /// The treks of the pages read so far.
    summaries: Vec<TrekSummary>,
    state: Arc<Observable<TrekSearchState>>,
}

impl Machine for Search {
    type Action = Action;

    async fn act(&mut self, action: Action) {
        match action {
            Action::Search => {}
            Action::SetText(text) => {
                self.state.update(|state| state.text = text.clone());
                self.query.text = Some(text).filter(|text| !text.trim().is_empty());
            }
            Action::Toggle(filter, id) => {
                let selected = filter.selected(&mut self.query);
                match selected.iter().position(|kept| *kept == id) {
                    Some(index) => {
                        selected.remove(index);
                    }
                    None => selected.push(id),
                }
            }
            Action::SetRange(measure, range) => *range_of(measure, &mut self.query) = range,
            Action::SetNear(position) => self.query.near = position.map(near_me),
            Action::ClearFilters => {
                self.query = TrekQuery {
                    text: self.query.text.take(),
                    near: self.query.near,
                    limit: PAGE_SIZE,
                    ..TrekQuery::all(self.language.code())
                }
            }
            Action::SetLayout(layout) => {
                self.state.update(|state| state.layout = layout);
                return;
            }
            Action::LoadMore => return self.load_more(),
            Action::Settings(settings) => {
                self.measures = MeasureFormatter::in_language(settings.units, settings.language);
                if settings.language != self.language {
                    self.language = settings.language;
                    self.query.language = settings.language.code().to_string();
                } else {
                    return self.render(None);
                }
            }
        }
        self.search();
    }

    fn on_panic(&mut self, failed: TaskFailed) {
        let message = failed.message(self.language);
        self.state.update(|state| state.error = Some(message));
    }
}

impl Search {
    /// Runs the query from its first page.
    fn search(&mut self) {
        self.query.offset = 0;
        let outcome = self.catalog.catalog.search(&self.query).and_then(|page| {
            let shown = match &self.map {
                Some(_) => self.catalog.catalog.matching_trek_ids(&self.query)?,
                None => None,
            };
            Ok((page, shown))
        });
        match outcome {
            Ok((page, shown)) => {
                self.summaries = page.treks;
                let style = self.map.as_ref().and_then(|map| map.style_url(None, shown));
                self.state.update(|state| {
                    state.total = page.total;
                    state.map_style_url = style;
                });
                self.render(None);
            }
            Err(error) => {
                self.summaries.clear();
                self.state.update(|state| state.total = 0);
                self.render(Some(error.message(self.language)));
            }
        }
    }

    fn load_more(&mut self) {
        let total = self.state.get().total;
        if self.summaries.len() as u64 >= total {
            return;
        }
        self.query.offset = self.summaries.len() as u32;
        match self.catalog.catalog.search(&self.query) {
            Ok(page) => {
                self.summaries.extend(page.treks);
                self.render(None);
            }
            Err(error) => self.render(Some(error.message(self.language))),
        }
    }

    /// Publishes the rows, filters and labels of the search as it is.
    fn render(&self, error: Option<String>) {
        let (measures, language) = (&self.measures, self.language);
        let mut query = self.query.clone();
        let filters = TrekFilter::ALL
            .into_iter()
            .filter_map(|filter| {
                let choices = self
                    .catalog
                    .catalog
                    .choices(filter.list(), language.code())
                    .ok()?;
                let selected = filter.selected(&mut query).clone();
                (!choices.is_empty()).then(|| FilterGroup {
                    filter,
                    title: filter.title().into_language(language),
                    choices: choices
                        .into_iter()
                        .map(|choice| FilterChoice {
                            selected: selected.contains(&choice.id),
                            id: choice.id,
                            label: choice.label,
                        })
                        .collect(),
                })
            })
            .collect::<Vec<_>>();
        let ranges = TrekMeasure::ALL
            .into_iter()
            .map(|measure| {
                let current = *range_of(measure, &mut query);
                let any = Wording::new("Any", "Toutes")
                    .it("Tutte")
                    .de("Alle")
                    .es("Todas")
                    .into_language(language);
                let choices = std::iter::once((ValueRange::default(), any))
                    .chain(
                        measures
                            .trek_range_options(measure)
                            .into_iter()
                            .map(|option| (option.range, option.label)),
                    )
                    .map(|(range, label)| RangeChoice {
                        selected: range == current,
                        range,
                        label,
                    })
                    .collect();
                RangeGroup {
                    measure,
                    title: measure_title(measure).into_language(language),
                    choices,
                }
            })
            .collect::<Vec<_>>();
        let filtered = filters
            .iter()
            .any(|group| group.choices.iter().any(|choice| choice.selected))
            || ranges
                .iter()
                .any(|group| !group.choices.first().is_some_and(|any| any.selected));
        let rows = self
            .summaries
            .iter()
            .map(|trek| TrekRow::of(trek, &self.catalog, measures, language))
            .collect::<Vec<_>>();
        let near_me = self.query.near.is_some();
        self.state.update(|state| {
            let total = state.total;
            state.total_label = match (total, language) {
                (1, Language::English) => "1 trek".to_string(),
                (1, Language::French) => "1 randonnée".to_string(),
                (_, Language::English) => format!("{total} treks"),
                (_, Language::French) => format!("{total} randonnées"),
                (1, Language::Italian) => "1 percorso".to_string(),
                (_, Language::Italian) => format!("{total} percorsi"),
                (1, Language::German) => "1 Tour".to_string(),
                (_, Language::German) => format!("{total} Touren"),
                (1, Language::Spanish) => "1 ruta".to_string(),
                (_, Language::Spanish) => format!("{total} rutas"),
            };
            state.has_more = (rows.len() as u64) < total;
            state.rows = rows;
            state.filters = filters;
            state.ranges = ranges;
            state.filtered = filtered;
            state.near_me = near_me;
            state.error = error;
        });
    }
}
