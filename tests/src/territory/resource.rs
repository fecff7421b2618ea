//! The Geotrek API v2 resources the territory holds, and what each one
//! supports the way Geotrek-admin's viewsets declare it (`views/*.py`):
//! geometric filters, date filters, publication, list order.

/// One endpoint of `/api/v2/` (besides `config`, which is not a list).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Resource {
    Trek,
    /// Treks that have children, with their `steps`: a view over [`Resource::Trek`].
    Tour,
    Poi,
    PoiType,
    Signage,
    SignageType,
    SignageCondition,
    SignageSealing,
    Infrastructure,
    InfrastructureType,
    InfrastructureCondition,
    SensitiveArea,
    SensitiveAreaPractice,
    InformationDesk,
    InformationDeskType,
    TouristicContent,
    TouristicContentCategory,
    TouristicEvent,
    TouristicEventType,
    TrekPractice,
    TrekDifficulty,
    TrekRoute,
    TrekNetwork,
    Theme,
    Label,
    City,
    District,
    TrekAccessibility,
    FeedbackCategory,
    FeedbackActivity,
    FeedbackMagnitude,
    TrekAccessibilityLevel,
    TrekRatingScale,
    TrekRating,
    WeblinkCategory,
    Source,
    Structure,
    Organism,
    ReservationSystem,
    LabelAccessibility,
    Portal,
    OutdoorSector,
    OutdoorPractice,
    OutdoorSiteType,
    OutdoorCourseType,
    OutdoorRatingScale,
    OutdoorRating,
    OutdoorSite,
    OutdoorCourse,
    FlatPage,
    ServiceType,
    Service,
    HdViewPoint,
}

/// How a list is ordered (Geotrek's `order_by` per viewset), which pagination relies on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListOrder {
    Id,
    /// By name in the request's language (the default language without one), then id.
    Name,
    /// Largest area first, then id (sensitive areas).
    AreaDescending,
    /// By `begin_date`, then id (touristic events).
    BeginDate,
}

/// Whether and how an object's `published` state is rendered and filtered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PublishedField {
    /// The model has no `published` field: everything is listed.
    None,
    /// One boolean, not in the JSON (signage, infrastructure).
    Hidden,
    /// One boolean in the JSON (sensitive areas, cities, districts).
    Flag,
    /// A boolean per language, a dict or a plain value like translated fields.
    PerLanguage,
}

impl Resource {
    pub const ALL: [Resource; 53] = [
        Resource::Trek,
        Resource::Tour,
        Resource::Poi,
        Resource::PoiType,
        Resource::Signage,
        Resource::SignageType,
        Resource::SignageCondition,
        Resource::SignageSealing,
        Resource::Infrastructure,
        Resource::InfrastructureType,
        Resource::InfrastructureCondition,
        Resource::SensitiveArea,
        Resource::SensitiveAreaPractice,
        Resource::InformationDesk,
        Resource::InformationDeskType,
        Resource::TouristicContent,
        Resource::TouristicContentCategory,
        Resource::TouristicEvent,
        Resource::TouristicEventType,
        Resource::TrekPractice,
        Resource::TrekDifficulty,
        Resource::TrekRoute,
        Resource::TrekNetwork,
        Resource::Theme,
        Resource::Label,
        Resource::City,
        Resource::District,
        Resource::TrekAccessibility,
        Resource::FeedbackCategory,
        Resource::FeedbackActivity,
        Resource::FeedbackMagnitude,
        Resource::TrekAccessibilityLevel,
        Resource::TrekRatingScale,
        Resource::TrekRating,
        Resource::WeblinkCategory,
        Resource::Source,
        Resource::Structure,
        Resource::Organism,
        Resource::ReservationSystem,
        Resource::LabelAccessibility,
        Resource::Portal,
        Resource::OutdoorSector,
        Resource::OutdoorPractice,
        Resource::OutdoorSiteType,
        Resource::OutdoorCourseType,
        Resource::OutdoorRatingScale,
        Resource::OutdoorRating,
        Resource::OutdoorSite,
        Resource::OutdoorCourse,
        Resource::FlatPage,
        Resource::ServiceType,
        Resource::Service,
        Resource::HdViewPoint,
    ];

    /// The path segment under `/api/v2/`.
    pub fn path(self) -> &'static str {
        match self {
            Resource::Trek => "trek",
            Resource::Tour => "tour",
            Resource::Poi => "poi",
            Resource::PoiType => "poi_type",
            Resource::Signage => "signage",
            Resource::SignageType => "signage_type",
            Resource::SignageCondition => "signage_condition",
            Resource::SignageSealing => "signage_sealing",
            Resource::Infrastructure => "infrastructure",
            Resource::InfrastructureType => "infrastructure_type",
            Resource::InfrastructureCondition => "infrastructure_condition",
            Resource::SensitiveArea => "sensitivearea",
            Resource::SensitiveAreaPractice => "sensitivearea_practice",
            Resource::InformationDesk => "informationdesk",
            Resource::InformationDeskType => "informationdesk_type",
            Resource::TouristicContent => "touristiccontent",
            Resource::TouristicContentCategory => "touristiccontent_category",
            Resource::TouristicEvent => "touristicevent",
            Resource::TouristicEventType => "touristicevent_type",
            Resource::TrekPractice => "trek_practice",
            Resource::TrekDifficulty => "trek_difficulty",
            Resource::TrekRoute => "trek_route",
            Resource::TrekNetwork => "trek_network",
            Resource::Theme => "theme",
            Resource::Label => "label",
            Resource::City => "city",
            Resource::District => "district",
            Resource::TrekAccessibility => "trek_accessibility",
            Resource::FeedbackCategory => "feedback_category",
            Resource::FeedbackActivity => "feedback_activity",
            Resource::FeedbackMagnitude => "feedback_magnitude",
            Resource::TrekAccessibilityLevel => "trek_accessibility_level",
            Resource::TrekRatingScale => "trek_ratingscale",
            Resource::TrekRating => "trek_rating",
            Resource::WeblinkCategory => "weblink_category",
            Resource::Source => "source",
            Resource::Structure => "structure",
            Resource::Organism => "organism",
            Resource::ReservationSystem => "reservationsystem",
            Resource::LabelAccessibility => "label_accessibility",
            Resource::Portal => "portal",
            Resource::OutdoorSector => "outdoor_sector",
            Resource::OutdoorPractice => "outdoor_practice",
            Resource::OutdoorSiteType => "outdoor_sitetype",
            Resource::OutdoorCourseType => "outdoor_coursetype",
            Resource::OutdoorRatingScale => "outdoor_ratingscale",
            Resource::OutdoorRating => "outdoor_rating",
            Resource::OutdoorSite => "outdoor_site",
            Resource::OutdoorCourse => "outdoor_course",
            Resource::FlatPage => "flatpage",
            Resource::ServiceType => "service_type",
            Resource::Service => "service",
            Resource::HdViewPoint => "hdviewpoint",
        }
    }

    /// The resource served at `/api/v2/{path}/`.
    pub fn from_path(path: &str) -> Option<Resource> {
        Resource::ALL.into_iter().find(|r| r.path() == path)
    }

    /// The Django model's name, as in Geotrek's 404 messages.
    pub fn model_name(self) -> &'static str {
        match self {
            Resource::Trek | Resource::Tour => "Trek",
            Resource::Poi => "POI",
            Resource::PoiType => "POIType",
            Resource::Signage => "Signage",
            Resource::SignageType => "SignageType",
            Resource::SignageCondition => "SignageCondition",
            Resource::SignageSealing => "Sealing",
            Resource::Infrastructure => "Infrastructure",
            Resource::InfrastructureType => "InfrastructureType",
            Resource::InfrastructureCondition => "InfrastructureCondition",
            Resource::SensitiveArea => "SensitiveArea",
            Resource::SensitiveAreaPractice => "SportPractice",
            Resource::InformationDesk => "InformationDesk",
            Resource::InformationDeskType => "InformationDeskType",
            Resource::TouristicContent => "TouristicContent",
            Resource::TouristicContentCategory => "TouristicContentCategory",
            Resource::TouristicEvent => "TouristicEvent",
            Resource::TouristicEventType => "TouristicEventType",
            Resource::TrekPractice => "Practice",
            Resource::TrekDifficulty => "DifficultyLevel",
            Resource::TrekRoute => "Route",
            Resource::TrekNetwork => "TrekNetwork",
            Resource::Theme => "Theme",
            Resource::Label => "Label",
            Resource::City => "City",
            Resource::District => "District",
            Resource::TrekAccessibility => "Accessibility",
            Resource::FeedbackCategory => "ReportCategory",
            Resource::FeedbackActivity => "ReportActivity",
            Resource::FeedbackMagnitude => "ReportProblemMagnitude",
            Resource::TrekAccessibilityLevel => "AccessibilityLevel",
            Resource::TrekRatingScale => "RatingScale",
            Resource::TrekRating => "Rating",
            Resource::WeblinkCategory => "WebLinkCategory",
            Resource::Source => "RecordSource",
            Resource::Structure => "Structure",
            Resource::Organism => "Organism",
            Resource::ReservationSystem => "ReservationSystem",
            Resource::LabelAccessibility => "LabelAccessibility",
            Resource::Portal => "TargetPortal",
            Resource::OutdoorSector => "Sector",
            Resource::OutdoorPractice => "Practice",
            Resource::OutdoorSiteType => "SiteType",
            Resource::OutdoorCourseType => "CourseType",
            Resource::OutdoorRatingScale => "RatingScale",
            Resource::OutdoorRating => "Rating",
            Resource::OutdoorSite => "Site",
            Resource::OutdoorCourse => "Course",
            Resource::FlatPage => "FlatPage",
            Resource::ServiceType => "ServiceType",
            Resource::Service => "Service",
            Resource::HdViewPoint => "HDViewPoint",
        }
    }

    /// Where the objects live: tours are treks.
    pub fn storage(self) -> Resource {
        match self {
            Resource::Tour => Resource::Trek,
            other => other,
        }
    }

    /// Accepts `in_bbox` (Geotrek's geometric viewsets).
    pub fn accepts_in_bbox(self) -> bool {
        matches!(
            self,
            Resource::Trek
                | Resource::Tour
                | Resource::Poi
                | Resource::Signage
                | Resource::Infrastructure
                | Resource::SensitiveArea
                | Resource::TouristicContent
                | Resource::TouristicEvent
                | Resource::City
                | Resource::District
                | Resource::OutdoorSite
                | Resource::OutdoorCourse
                | Resource::Service
        )
    }

    /// Accepts `dist` + `point` (sensitive areas do not: their viewset drops the filter).
    pub fn accepts_distance(self) -> bool {
        self.accepts_in_bbox() && self != Resource::SensitiveArea
    }

    /// Accepts `updated_after` / `updated_before` (`UpdateOrCreateDateFilter`).
    pub fn accepts_update_dates(self) -> bool {
        self.accepts_in_bbox() && !matches!(self, Resource::City | Resource::District)
    }

    /// Renders `create_datetime` / `update_datetime`.
    pub fn renders_timestamps(self) -> bool {
        matches!(
            self,
            Resource::Trek
                | Resource::Tour
                | Resource::Poi
                | Resource::SensitiveArea
                | Resource::TouristicContent
                | Resource::TouristicEvent
        )
    }

    /// How `published` is stored and rendered.
    pub fn published_field(self) -> PublishedField {
        match self {
            Resource::Trek
            | Resource::Tour
            | Resource::Poi
            | Resource::TouristicContent
            | Resource::TouristicEvent
            | Resource::OutdoorSite
            | Resource::OutdoorCourse
            | Resource::FlatPage => PublishedField::PerLanguage,
            Resource::SensitiveArea | Resource::City | Resource::District => PublishedField::Flag,
            Resource::Signage | Resource::Infrastructure => PublishedField::Hidden,
            _ => PublishedField::None,
        }
    }

    /// The field naming the portals an object is shown on, which Geotrek's
    /// `portals` filter reads; `None` for lists that ignore the filter.
    pub fn portal_field(self) -> Option<&'static str> {
        match self {
            Resource::Trek
            | Resource::Tour
            | Resource::TouristicContent
            | Resource::TouristicEvent
            | Resource::OutdoorSite => Some("portal"),
            Resource::FlatPage => Some("portals"),
            _ => None,
        }
    }

    /// The list order.
    pub fn order(self) -> ListOrder {
        match self {
            Resource::Trek
            | Resource::Tour
            | Resource::TouristicContent
            | Resource::InformationDesk => ListOrder::Name,
            Resource::SensitiveArea => ListOrder::AreaDescending,
            Resource::TouristicEvent => ListOrder::BeginDate,
            _ => ListOrder::Id,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_round_trip() {
        for resource in Resource::ALL {
            assert_eq!(Resource::from_path(resource.path()), Some(resource));
        }
        assert_eq!(Resource::from_path("nope"), None);
    }
}
