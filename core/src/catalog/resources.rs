//! Which Geotrek API v2 endpoints the catalog syncs, and how.

/// How a resource's objects are stored and indexed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A reference list (practices, themes, types...): labels, no map presence.
    Reference,
    /// Treks: typed columns, searchable texts, a packed 3D geometry.
    Trek,
    /// Objects on the map (POIs, signage, areas...): spatially indexed.
    Place,
}

/// One endpoint of `/api/v2/`.
#[derive(Debug, Clone, Copy)]
pub struct Resource {
    /// The path segment, also the `kind` under which objects are stored.
    pub path: &'static str,
    pub role: Role,
    /// Whether `updated_after` is worth asking (objects carry `update_datetime`).
    pub incremental: bool,
    /// Whether a 404 means "this instance does not run that module" rather than an error.
    pub optional: bool,
    /// Objects per page: treks are heavy (long 3D geometries), the rest light.
    pub page_size: u32,
    /// Extra query parameters, e.g. every sensitive area whatever the month.
    pub extra_query: &'static [(&'static str, &'static str)],
}

impl Resource {
    /// The query of a full listing: the extra parameters, the portal filter
    /// (Geotrek's `portals`, which the lists without portals ignore) and
    /// the page size.
    pub fn list_query(&self, portal: Option<i64>) -> Vec<(&'static str, String)> {
        let mut query: Vec<(&'static str, String)> = self
            .extra_query
            .iter()
            .map(|(k, v)| (*k, v.to_string()))
            .collect();
        query.extend(portal.map(|portal| ("portals", portal.to_string())));
        query.push(("page_size", self.page_size.to_string()));
        query
    }
}

const fn reference(path: &'static str, optional: bool) -> Resource {
    Resource {
        path,
        role: Role::Reference,
        incremental: false,
        optional,
        page_size: 1000,
        extra_query: &[],
    }
}

const fn place(path: &'static str, incremental: bool, optional: bool) -> Resource {
    Resource {
        path,
        role: Role::Place,
        incremental,
        optional,
        page_size: 1000,
        extra_query: &[],
    }
}

/// Every resource a sync fetches, reference lists first so that objects
/// synced after them can be labelled at once.
pub const RESOURCES: &[Resource] = &[
    reference("trek_practice", false),
    reference("trek_difficulty", false),
    reference("trek_route", false),
    reference("trek_network", false),
    reference("trek_accessibility", true),
    reference("theme", false),
    reference("label", true),
    reference("poi_type", false),
    reference("signage_type", true),
    reference("signage_condition", true),
    reference("signage_sealing", true),
    reference("signage_color", true),
    reference("signage_direction", true),
    reference("infrastructure_type", true),
    reference("infrastructure_condition", true),
    reference("informationdesk_type", true),
    reference("sensitivearea_practice", true),
    reference("sensitivearea_species", true),
    reference("touristiccontent_category", true),
    reference("touristicevent_type", true),
    reference("feedback_category", true),
    reference("feedback_activity", true),
    reference("feedback_magnitude", true),
    reference("trek_accessibility_level", true),
    reference("trek_ratingscale", true),
    reference("trek_rating", true),
    reference("weblink_category", true),
    reference("source", true),
    reference("structure", true),
    reference("organism", true),
    reference("reservationsystem", true),
    // Their outlines (large, and in Lambert-93 on current servers) are not
    // used offline: only names and codes are asked for.
    Resource {
        extra_query: &[("omit", "geometry")],
        ..place("city", false, false)
    },
    Resource {
        extra_query: &[("omit", "geometry")],
        ..place("district", false, true)
    },
    Resource {
        path: "trek",
        role: Role::Trek,
        incremental: true,
        optional: false,
        page_size: 100,
        extra_query: &[],
    },
    place("poi", true, false),
    place("signage", true, true),
    place("infrastructure", true, true),
    Resource {
        path: "sensitivearea",
        role: Role::Place,
        incremental: true,
        optional: true,
        page_size: 1000,
        // Without it the server lists only the areas sensitive this month.
        extra_query: &[("period", "ignore")],
    },
    place("informationdesk", false, true),
    place("touristiccontent", true, true),
    place("touristicevent", true, true),
    // Outdoor module: sites and courses, their practices, sectors, types
    // and rating scales.
    reference("outdoor_sector", true),
    reference("outdoor_practice", true),
    reference("outdoor_sitetype", true),
    reference("outdoor_coursetype", true),
    reference("outdoor_ratingscale", true),
    reference("outdoor_rating", true),
    // Geotrek-admin's site, course and service viewsets take
    // `UpdateOrCreateDateFilter` (api/v2/views/outdoor.py, trekking.py);
    // an older server ignores `updated_after` and sends them all, which
    // the id list then reconciles just the same.
    place("outdoor_site", true, true),
    place("outdoor_course", true, true),
    // Flat pages (park rules, good practice), with their parent and children.
    reference("flatpage", true),
    reference("service_type", true),
    place("service", true, true),
    // `HDViewPointViewSet` has no date filter: fetched whole every time.
    place("hdviewpoint", false, true),
    reference("label_accessibility", true),
    reference("portal", true),
];

/// The resource stored under `kind`.
pub fn resource(kind: &str) -> Option<&'static Resource> {
    RESOURCES.iter().find(|r| r.path == kind)
}
