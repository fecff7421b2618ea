//! What the catalog answers: the records the shells display, resolved to one
//! language, free of the API's shape variations.

pub use crate::geodesy::LatLon;

/// An entry of a reference list (a practice, a theme, a city...).
#[derive(serde::Serialize, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Choice {
    pub id: i64,
    pub label: String,
    pub pictogram_url: Option<String>,
}

/// The reference lists a catalog can be filtered or described with.
#[derive(serde::Serialize, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum ChoiceList {
    Practice,
    Difficulty,
    Route,
    Theme,
    Network,
    Label,
    Accessibility,
    City,
    District,
    PoiType,
    SignageType,
    InfrastructureType,
    FeedbackCategory,
    FeedbackActivity,
    FeedbackMagnitude,
    SignageCondition,
    InfrastructureCondition,
    /// The practices of the sensitivity module sensitive areas apply to
    /// (`Terrestre`, `Aérien`...), not the treks' practices.
    SensitiveAreaPractice,
}

impl ChoiceList {
    /// The resource the list is synced from.
    pub fn resource(self) -> &'static str {
        match self {
            ChoiceList::Practice => "trek_practice",
            ChoiceList::Difficulty => "trek_difficulty",
            ChoiceList::Route => "trek_route",
            ChoiceList::Theme => "theme",
            ChoiceList::Network => "trek_network",
            ChoiceList::Label => "label",
            ChoiceList::Accessibility => "trek_accessibility",
            ChoiceList::City => "city",
            ChoiceList::District => "district",
            ChoiceList::PoiType => "poi_type",
            ChoiceList::SignageType => "signage_type",
            ChoiceList::InfrastructureType => "infrastructure_type",
            ChoiceList::FeedbackCategory => "feedback_category",
            ChoiceList::FeedbackActivity => "feedback_activity",
            ChoiceList::FeedbackMagnitude => "feedback_magnitude",
            ChoiceList::SignageCondition => "signage_condition",
            ChoiceList::InfrastructureCondition => "infrastructure_condition",
            ChoiceList::SensitiveAreaPractice => "sensitivearea_practice",
        }
    }
}

/// A closed or open interval; `None` bounds are unbounded.
#[derive(serde::Serialize, Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ValueRange {
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub min: Option<f64>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub max: Option<f64>,
}

impl ValueRange {
    pub fn contains(&self, value: f64) -> bool {
        self.min.is_none_or(|min| value >= min) && self.max.is_none_or(|max| value <= max)
    }
}

/// A figure a trek search can be bounded by, in [`TrekQuery`]'s units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum TrekMeasure {
    /// Geotrek's walking time, hours.
    DurationHours,
    /// Length, metres.
    LengthM,
    /// Positive elevation gain, metres.
    AscentM,
}

impl TrekMeasure {
    pub const ALL: [TrekMeasure; 3] = [
        TrekMeasure::DurationHours,
        TrekMeasure::LengthM,
        TrekMeasure::AscentM,
    ];

    /// The ranges a filter offers for this figure: below the first limit,
    /// between each pair, above the last (half-day, day, longer; easy to
    /// long hikes; gentle to big climbs).
    pub fn ranges(self) -> Vec<ValueRange> {
        let limits: &[f64] = match self {
            TrekMeasure::DurationHours => &[2.0, 4.0, 8.0],
            TrekMeasure::LengthM => &[5_000.0, 10_000.0, 20_000.0],
            TrekMeasure::AscentM => &[300.0, 800.0, 1_500.0],
        };
        let below = limits.first().map(|&max| ValueRange {
            min: None,
            max: Some(max),
        });
        let between = limits.windows(2).map(|pair| ValueRange {
            min: Some(pair[0]),
            max: Some(pair[1]),
        });
        let above = limits.last().map(|&min| ValueRange {
            min: Some(min),
            max: None,
        });
        below.into_iter().chain(between).chain(above).collect()
    }
}

/// One range a trek filter offers, with its label in the hiker's units and
/// language.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RangeOption {
    pub range: ValueRange,
    pub label: String,
}

/// A disc on the ground.
#[derive(serde::Serialize, Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Circle {
    pub center: LatLon,
    pub radius_m: f64,
}

/// How far "near me" reaches: treks starting within a short drive or bus
/// ride of the hiker, in metres.
pub const NEAR_ME_RADIUS_M: f64 = 20_000.0;

/// The disc a "near me" search covers around `center`.
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn near_me(center: LatLon) -> Circle {
    Circle {
        center,
        radius_m: NEAR_ME_RADIUS_M,
    }
}

/// A search of treks: free text and filters, all optional and combined.
#[derive(serde::Serialize, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TrekQuery {
    /// Words as typed; the last may be a prefix (`sei` finds `Seigneurs`).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub text: Option<String>,
    /// Language of the answer (`fr`, `en`...): only the treks published in it
    /// (and their tours' stages) when the catalog has it; any trek, each in
    /// its best language, when it does not.
    pub language: String,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub practices: Vec<i64>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub difficulties: Vec<i64>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub routes: Vec<i64>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub themes: Vec<i64>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub cities: Vec<i64>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub accessibilities: Vec<i64>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub duration_hours: ValueRange,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub length_m: ValueRange,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub ascent_m: ValueRange,
    /// Only treks starting within this disc, nearest first (unless text ranks them).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub near: Option<Circle>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub offset: u32,
    #[cfg_attr(feature = "uniffi", uniffi(default = 20))]
    pub limit: u32,
}

impl TrekQuery {
    /// Every trek, in `language`, first page.
    pub fn all(language: &str) -> TrekQuery {
        TrekQuery {
            text: None,
            language: language.to_string(),
            practices: Vec::new(),
            difficulties: Vec::new(),
            routes: Vec::new(),
            themes: Vec::new(),
            cities: Vec::new(),
            accessibilities: Vec::new(),
            duration_hours: ValueRange::default(),
            length_m: ValueRange::default(),
            ascent_m: ValueRange::default(),
            near: None,
            offset: 0,
            limit: 20,
        }
    }
}

/// A trek as a list shows it.
#[derive(serde::Serialize, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TrekSummary {
    pub id: i64,
    pub name: String,
    /// The teaser as plain text.
    pub teaser: String,
    pub practice: Option<String>,
    pub difficulty: Option<String>,
    pub duration_hours: Option<f64>,
    pub length_m: Option<f64>,
    pub ascent_m: Option<f64>,
    pub departure: Option<LatLon>,
    pub thumbnail_url: Option<String>,
    /// From the query's centre to the departure, for `near` queries.
    pub distance_m: Option<f64>,
}

/// One page of search results.
#[derive(serde::Serialize, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TrekPage {
    /// How many treks match in all.
    pub total: u64,
    pub treks: Vec<TrekSummary>,
}

/// The kinds of objects placed on the map.
#[derive(serde::Serialize, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum PlaceKind {
    Trek,
    Poi,
    Signage,
    Infrastructure,
    SensitiveArea,
    InformationDesk,
    TouristicContent,
    TouristicEvent,
    /// Drinking water, toilets, steep descents... (Geotrek's services).
    Service,
    /// A climbing crag, a via ferrata site... (outdoor module).
    OutdoorSite,
    /// A route of an outdoor site.
    OutdoorCourse,
}

impl PlaceKind {
    pub const ALL: [PlaceKind; 11] = [
        PlaceKind::Trek,
        PlaceKind::Poi,
        PlaceKind::Signage,
        PlaceKind::Infrastructure,
        PlaceKind::SensitiveArea,
        PlaceKind::InformationDesk,
        PlaceKind::TouristicContent,
        PlaceKind::TouristicEvent,
        PlaceKind::Service,
        PlaceKind::OutdoorSite,
        PlaceKind::OutdoorCourse,
    ];

    /// The resource objects of this kind are synced from.
    pub fn resource(self) -> &'static str {
        match self {
            PlaceKind::Trek => "trek",
            PlaceKind::Poi => "poi",
            PlaceKind::Signage => "signage",
            PlaceKind::Infrastructure => "infrastructure",
            PlaceKind::SensitiveArea => "sensitivearea",
            PlaceKind::InformationDesk => "informationdesk",
            PlaceKind::TouristicContent => "touristiccontent",
            PlaceKind::TouristicEvent => "touristicevent",
            PlaceKind::Service => "service",
            PlaceKind::OutdoorSite => "outdoor_site",
            PlaceKind::OutdoorCourse => "outdoor_course",
        }
    }

    /// The kind stored under `resource`.
    pub fn of_resource(resource: &str) -> Option<PlaceKind> {
        PlaceKind::ALL
            .into_iter()
            .find(|k| k.resource() == resource)
    }

    /// The reference list naming this kind's types, when it has one.
    pub(crate) fn type_resource(self) -> Option<&'static str> {
        match self {
            PlaceKind::Poi => Some("poi_type"),
            PlaceKind::Signage => Some("signage_type"),
            PlaceKind::Infrastructure => Some("infrastructure_type"),
            PlaceKind::TouristicContent => Some("touristiccontent_category"),
            PlaceKind::TouristicEvent => Some("touristicevent_type"),
            PlaceKind::Trek => Some("trek_practice"),
            PlaceKind::Service => Some("service_type"),
            PlaceKind::OutdoorSite => Some("outdoor_sitetype"),
            PlaceKind::OutdoorCourse => Some("outdoor_coursetype"),
            PlaceKind::SensitiveArea | PlaceKind::InformationDesk => None,
        }
    }
}

/// An object near a point.
#[derive(serde::Serialize, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct NearbyPlace {
    pub kind: PlaceKind,
    pub id: i64,
    /// Its name, or its type's for what has none (services).
    pub name: String,
    /// Its type (POI type, signage type, practice...), when it has one.
    pub type_label: Option<String>,
    /// A code painted on it (signage, infrastructure), when it has one.
    pub code: Option<String>,
    pub position: LatLon,
    /// To the object (0 inside an area), in metres.
    pub distance_m: f64,
}

/// A photo or document attached to an object.
#[derive(serde::Serialize, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Media {
    pub url: String,
    pub thumbnail_url: Option<String>,
    pub title: Option<String>,
    pub legend: Option<String>,
    pub author: Option<String>,
    pub license: Option<String>,
    pub is_image: bool,
}

/// A point of interest along a trek.
#[derive(serde::Serialize, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PoiItem {
    pub id: i64,
    pub name: String,
    pub type_label: Option<String>,
    /// As plain text.
    pub description: String,
    pub position: LatLon,
    /// Distance along the trek to the point's projection, in metres.
    pub along_m: f64,
    /// From the trek line to the point, in metres.
    pub offset_m: f64,
    pub media: Vec<Media>,
}

/// One line of a signage blade: a destination with distance and time.
#[derive(serde::Serialize, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct BladeLine {
    pub text: String,
    pub distance_km: Option<f64>,
    pub time: Option<String>,
    pub pictograms: Vec<String>,
}

/// One blade of a signpost.
#[derive(serde::Serialize, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Blade {
    pub number: String,
    pub lines: Vec<BladeLine>,
}

/// A signpost (or any signage) along a trek or near a point.
#[derive(serde::Serialize, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SignageItem {
    pub id: i64,
    pub code: Option<String>,
    pub name: String,
    pub type_label: Option<String>,
    pub position: LatLon,
    pub printed_elevation: Option<i64>,
    pub blades: Vec<Blade>,
    /// Distance along the trek, when listed for a trek.
    pub along_m: Option<f64>,
}

/// A visitor centre or tourist office.
#[derive(serde::Serialize, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct InformationDesk {
    pub id: i64,
    pub name: String,
    pub type_label: Option<String>,
    pub description: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub address: String,
    pub position: Option<LatLon>,
}

/// A wildlife-sensitive area a trek crosses.
#[derive(serde::Serialize, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SensitiveArea {
    pub id: i64,
    /// The area's name: its species for a species' area (the species list's
    /// name when the area has none), the regulation's name otherwise.
    pub name: String,
    pub description: String,
    /// Twelve flags, January first: the months the area is sensitive.
    pub months: Vec<bool>,
    /// Sensitive-area practice ids concerned.
    pub practices: Vec<i64>,
    pub practice_labels: Vec<String>,
    /// The rules to follow there, as Geotrek names them: `Regulated pedestrian access`.
    pub rules: Vec<String>,
    pub contact: String,
    pub info_url: Option<String>,
    /// Outer rings of the area's polygons.
    pub outline: Vec<Vec<LatLon>>,
}

/// An elevation profile computed from a trek's 3D line.
#[derive(serde::Serialize, Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ElevationProfile {
    /// Distance from the start in metres.
    pub distances_m: Vec<f64>,
    /// Elevation at each distance in metres.
    pub elevations_m: Vec<f64>,
    pub min_m: f64,
    pub max_m: f64,
    pub ascent_m: f64,
    pub descent_m: f64,
    pub length_m: f64,
}

/// Everything about one trek, for its detail screen and for following it.
#[derive(serde::Serialize, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TrekDetail {
    pub id: i64,
    pub uuid: Option<String>,
    /// The language the texts are in (the asked one, or the fallback used).
    pub language: String,
    pub name: String,
    /// Rich texts keep Geotrek's HTML; the shells render it.
    pub teaser_html: String,
    pub description_html: String,
    pub ambiance_html: String,
    pub access_html: String,
    pub advice_html: String,
    pub gear_html: String,
    pub public_transport_html: String,
    pub departure: String,
    pub arrival: String,
    pub duration_hours: Option<f64>,
    pub length_m: Option<f64>,
    pub ascent_m: Option<f64>,
    pub descent_m: Option<f64>,
    pub min_elevation_m: Option<f64>,
    pub max_elevation_m: Option<f64>,
    pub practice: Option<Choice>,
    pub difficulty: Option<Choice>,
    pub route: Option<Choice>,
    pub themes: Vec<Choice>,
    pub networks: Vec<Choice>,
    pub labels: Vec<Choice>,
    pub accessibilities: Vec<Choice>,
    pub cities: Vec<String>,
    pub departure_point: Option<LatLon>,
    pub parking_point: Option<LatLon>,
    pub geometry: Vec<LatLon>,
    pub media: Vec<Media>,
    pub gpx_url: Option<String>,
    pub pdf_url: Option<String>,
    pub pois: Vec<PoiItem>,
    pub signage: Vec<SignageItem>,
    pub information_desks: Vec<InformationDesk>,
    pub sensitive_areas: Vec<SensitiveArea>,
    /// The stages of a multi-day tour, in order.
    pub steps: Vec<TrekSummary>,
    /// The tours this trek is a stage of.
    pub parents: Vec<TrekSummary>,
    pub profile: ElevationProfile,
    /// Where to park, as the park advises it (HTML).
    pub advised_parking_html: String,
    pub accessibility: TrekAccessibility,
    /// One grade per rating scale of the trek's practice.
    pub ratings: Vec<TrekRating>,
    /// What the grades mean for this trek (HTML).
    pub ratings_description_html: String,
    pub web_links: Vec<WebLink>,
    /// Who provided the trek's data.
    pub sources: Vec<DataSource>,
    /// The organisation that manages the trek.
    pub structure: Option<String>,
    /// How to book the trek (huts, guides), when it can be booked.
    pub reservation: Option<Reservation>,
    /// The numbered steps the description refers to, in order.
    pub reference_points: Vec<ReferencePoint>,
}

/// How accessible a trek is to people with reduced mobility (Geotrek's
/// `accessibility_*` fields): rich texts are HTML, empty when not filled in.
#[derive(serde::Serialize, Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TrekAccessibility {
    /// From `trek_accessibility_level` (beginner, experienced...).
    pub level: Option<Choice>,
    pub disabled_infrastructure_html: String,
    pub slope_html: String,
    pub width_html: String,
    pub signage_html: String,
    pub covering_html: String,
    pub exposure_html: String,
    pub advice_html: String,
    /// Photos of the accessibility equipment and passages.
    pub media: Vec<Media>,
}

impl TrekAccessibility {
    /// Whether the park filled in anything about accessibility.
    pub fn is_empty(&self) -> bool {
        *self == TrekAccessibility::default()
    }
}

/// A trek's grade on one rating scale (e.g. "Effort: 3 - Moderate").
#[derive(serde::Serialize, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TrekRating {
    pub id: i64,
    /// The scale's name, empty when the scale is unknown.
    pub scale: String,
    pub name: String,
    /// What the grade means, as plain text.
    pub description: String,
    /// `#RRGGBB`, when the park gave the grade a colour.
    pub color: Option<String>,
}

/// A link from a trek to a web page, with its category.
#[derive(serde::Serialize, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct WebLink {
    pub name: String,
    pub url: String,
    pub category: Option<Choice>,
}

/// An organisation that provided data (Geotrek's `source`).
#[derive(serde::Serialize, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct DataSource {
    pub id: i64,
    pub name: String,
    pub website: Option<String>,
    pub pictogram_url: Option<String>,
}

/// Where and how a trek is booked.
#[derive(serde::Serialize, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Reservation {
    /// The booking system's name (e.g. OpenSystem), empty when unknown.
    pub system: String,
    /// The trek's identifier in that system.
    pub reservation_id: String,
}

/// A numbered step of a trek's description, placed on the map.
#[derive(serde::Serialize, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ReferencePoint {
    /// From 1, as the description numbers them.
    pub number: u32,
    pub position: LatLon,
}

/// What the catalog holds and where it came from.
#[derive(serde::Serialize, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CatalogStatus {
    pub api_url: Option<String>,
    /// RFC 3339 time of the last successful sync.
    pub synced_at: Option<String>,
    pub languages: Vec<String>,
    /// Every trek kept offline: those the server lists, and `stages`.
    pub treks: u64,
    /// Stages of tours kept offline though the server lists them only
    /// through their tour (unpublished on their own).
    pub stages: u64,
    pub places: u64,
    /// `[west, south, east, north]` of the territory, from the instance's config.
    pub bbox: Option<Vec<f64>>,
}

/// Something worth knowing about along a trek: a touristic content (hut,
/// restaurant...), an event, an information desk or a service.
#[derive(serde::Serialize, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct AroundPlace {
    pub kind: PlaceKind,
    pub id: i64,
    /// Its name, or its type's for what has none (services).
    pub name: String,
    pub type_label: Option<String>,
    pub position: LatLon,
    /// Distance along the trek to the place's projection, in metres.
    pub along_m: f64,
    /// From the trek line to the place, in metres.
    pub distance_m: f64,
}

/// An outdoor site (crag, via ferrata...) or one of its courses.
#[derive(serde::Serialize, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct OutdoorItem {
    /// [`PlaceKind::OutdoorSite`] or [`PlaceKind::OutdoorCourse`].
    pub kind: PlaceKind,
    pub id: i64,
    pub name: String,
    /// The site's practice (climbing, via ferrata...), a course's from its sites.
    pub practice: Option<String>,
    pub type_label: Option<String>,
    /// The teaser (sites) or description (courses) as plain text.
    pub summary: String,
    /// Grades as `scale: grade`.
    pub ratings: Vec<String>,
    /// A site's parent site, a course's sites.
    pub parents: Vec<i64>,
    /// A site's sub-sites and courses.
    pub children: Vec<i64>,
    pub position: Option<LatLon>,
}

/// A page of the park's own (rules, good practice...).
#[derive(serde::Serialize, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct FlatPage {
    pub id: i64,
    pub title: String,
    /// Rich text as Geotrek's HTML.
    pub content_html: String,
    pub parent: Option<i64>,
    pub children: Vec<i64>,
}
