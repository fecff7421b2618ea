//! What each `/api/v2/` endpoint answers for a territory: the filtered,
//! ordered, paginated lists in Geotrek's envelope, the details, a trek's
//! elevation profile and `config`. Pure functions of the territory and the
//! query, returning JSON bytes or an [`ApiError`].

use std::borrow::Cow;

use geo::{Distance, Euclidean, Point};
use serde::Serialize;
use serde::ser::SerializeSeq;
use serde_json::{Value, json};
use time::OffsetDateTime;

use super::query::{ApiQuery, PageRequest, PeriodFilter};
use crate::territory::clock::paris_date;
use crate::territory::geodesy::lambert93;
use crate::territory::json::{RenderContext, Rendered, server_path, text_in};
use crate::territory::{
    ListOrder, PARK_EXTENT, PublishedField, Record, Resource, Territory, measures, trek_path,
};

/// An error answered as JSON `{"detail": ...}` with its status.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError {
    pub status: u16,
    pub detail: String,
}

impl ApiError {
    pub fn not_found(detail: impl Into<String>) -> Self {
        ApiError {
            status: 404,
            detail: detail.into(),
        }
    }

    /// The JSON body.
    pub fn body(&self) -> Vec<u8> {
        json!({"detail": self.detail}).to_string().into_bytes()
    }
}

/// What a request is about.
pub struct Request<'a> {
    /// `http://127.0.0.1:PORT`.
    pub origin: &'a str,
    /// The request path, e.g. `/api/v2/trek/`.
    pub path: &'a str,
    pub query: &'a ApiQuery,
    /// Now, for the sensitive areas' current month.
    pub now: OffsetDateTime,
}

impl Request<'_> {
    fn context<'c>(&'c self, territory: &'c Territory) -> RenderContext<'c> {
        RenderContext {
            origin: self.origin,
            language: self.query.language.as_deref(),
            languages: territory.languages(),
            fields: self.query.fields.as_ref(),
            omit: self.query.omit.as_ref(),
        }
    }
}

/// Whether `record` passes the publication and per-resource filters a detail also applies.
fn visible(resource: Resource, record: &Record, request: &Request) -> bool {
    let language = request.query.language.as_deref();
    let published = resource.published_field() == PublishedField::None
        || record.publication.is_published(language);
    match resource {
        Resource::Tour => published && has_children(record),
        Resource::SensitiveArea => {
            published && in_period(record, &request.query.period, request.now)
        }
        _ => published,
    }
}

fn has_children(record: &Record) -> bool {
    record.body["children"]
        .as_array()
        .is_some_and(|children| !children.is_empty())
}

fn in_period(record: &Record, period: &PeriodFilter, now: OffsetDateTime) -> bool {
    let months = &record.body["period"];
    let sensitive = |month: usize| months[month - 1].as_bool().unwrap_or(false);
    match period {
        PeriodFilter::Ignore => true,
        PeriodFilter::Any => (1..=12).any(sensitive),
        PeriodFilter::CurrentMonth => sensitive(usize::from(u8::from(paris_date(now).month()))),
        PeriodFilter::Months(list) => list.iter().any(|m| sensitive(*m)),
    }
}

/// The list filters: ids, portals, bounding box, distance, update dates.
fn matches_filters(resource: Resource, record: &Record, query: &ApiQuery) -> bool {
    if let Some(ids) = &query.ids
        && !ids.contains(&record.id)
    {
        return false;
    }
    // Geotrek keeps what is on one of the portals asked for, in the lists
    // whose filter reads a portal field; the others ignore `portals`.
    if let (Some(portals), Some(field)) = (&query.portals, resource.portal_field())
        && !record.body[field].as_array().is_some_and(|on| {
            on.iter()
                .filter_map(Value::as_u64)
                .any(|p| portals.contains(&p))
        })
    {
        return false;
    }
    if resource.accepts_in_bbox()
        && let Some([west, south, east, north]) = query.in_bbox
    {
        // Geotrek transforms the box to Lambert-93 and keeps overlapping bounding boxes.
        let corners = [(west, south), (east, south), (east, north), (west, north)]
            .map(|(lng, lat)| lambert93(lng, lat));
        let min_x = corners.iter().map(|c| c.0).fold(f64::INFINITY, f64::min);
        let max_x = corners
            .iter()
            .map(|c| c.0)
            .fold(f64::NEG_INFINITY, f64::max);
        let min_y = corners.iter().map(|c| c.1).fold(f64::INFINITY, f64::min);
        let max_y = corners
            .iter()
            .map(|c| c.1)
            .fold(f64::NEG_INFINITY, f64::max);
        let Some(footprint) = &record.footprint else {
            return false;
        };
        let (lo, hi) = (footprint.bbox.min(), footprint.bbox.max());
        if hi.x < min_x || lo.x > max_x || hi.y < min_y || lo.y > max_y {
            return false;
        }
    }
    if resource.accepts_distance()
        && let Some((metres, [lng, lat])) = query.distance
    {
        let (x, y) = lambert93(lng, lat);
        let Some(footprint) = &record.footprint else {
            return false;
        };
        if Euclidean.distance(&Point::new(x, y), &footprint.geometry) > metres {
            return false;
        }
    }
    if resource.accepts_update_dates() {
        let day = paris_date(record.updated);
        if query.updated_after.is_some_and(|after| day < after)
            || query.updated_before.is_some_and(|before| day > before)
        {
            return false;
        }
    }
    true
}

/// The JSON of one object for this request: tours get `count_children` and their `steps`.
fn view<'a>(territory: &'a Territory, resource: Resource, record: &'a Record) -> Cow<'a, Value> {
    if resource != Resource::Tour {
        return Cow::Borrowed(&record.body);
    }
    let mut body = record.body.clone();
    let children: Vec<u64> = body["children"]
        .as_array()
        .map(|c| c.iter().filter_map(Value::as_u64).collect())
        .unwrap_or_default();
    let steps: Vec<Value> = children
        .iter()
        .filter_map(|id| territory.record(Resource::Trek, *id))
        .map(|step| step.body.clone())
        .collect();
    if let Some(map) = body.as_object_mut() {
        map.insert("count_children".into(), children.len().into());
        map.insert("steps".into(), Value::Array(steps));
        map.insert(
            "url".into(),
            server_path(format!("/api/v2/tour/{}/", record.id)),
        );
    }
    Cow::Owned(body)
}

/// A page of rendered objects, serialized without copying them.
struct Objects<'a> {
    views: &'a [Cow<'a, Value>],
    context: &'a RenderContext<'a>,
}

impl Serialize for Objects<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.views.len()))?;
        for view in self.views {
            seq.serialize_element(&Rendered::object(view, self.context))?;
        }
        seq.end()
    }
}

#[derive(Serialize)]
struct Envelope<'a> {
    count: usize,
    next: Option<String>,
    previous: Option<String>,
    results: Objects<'a>,
}

fn sort(
    territory: &Territory,
    resource: Resource,
    records: &mut [&Record],
    language: Option<&str>,
) {
    let default_language = territory.languages().first().map_or("fr", String::as_str);
    let language = language.unwrap_or(default_language);
    match resource.order() {
        ListOrder::Id => records.sort_by_key(|r| r.id),
        ListOrder::Name => records.sort_by(|a, b| {
            let name = |r: &Record| text_in(&r.body["name"], language).unwrap_or("").to_string();
            name(a).cmp(&name(b)).then(a.id.cmp(&b.id))
        }),
        ListOrder::AreaDescending => records.sort_by(|a, b| {
            let area = |r: &Record| r.footprint.as_ref().map_or(0.0, |f| f.area());
            area(b).total_cmp(&area(a)).then(a.id.cmp(&b.id))
        }),
        ListOrder::BeginDate => records.sort_by(|a, b| {
            let begin = |r: &Record| r.body["begin_date"].as_str().unwrap_or("").to_string();
            begin(a).cmp(&begin(b)).then(a.id.cmp(&b.id))
        }),
    }
}

/// `GET /api/v2/{resource}/`: the envelope `{count, next, previous, results}`
/// (a bare array with `no_page`).
pub fn list(
    territory: &Territory,
    resource: Resource,
    request: &Request,
) -> Result<Vec<u8>, ApiError> {
    let query = request.query;
    let mut records: Vec<&Record> = territory
        .collection(resource)
        .into_iter()
        .flat_map(|c| c.values())
        .filter(|r| visible(resource, r, request) && matches_filters(resource, r, query))
        .collect();
    sort(territory, resource, &mut records, query.language.as_deref());
    let context = request.context(territory);
    if query.no_page {
        let views: Vec<Cow<Value>> = records
            .iter()
            .map(|r| view(territory, resource, r))
            .collect();
        return serde_json::to_vec(&Objects {
            views: &views,
            context: &context,
        })
        .map_err(|e| ApiError {
            status: 500,
            detail: e.to_string(),
        });
    }
    let count = records.len();
    let pages = count.div_ceil(query.page_size).max(1);
    let page = match query.page {
        Ok(PageRequest::Number(n)) if n <= pages => n,
        Ok(PageRequest::Last) => pages,
        _ => return Err(ApiError::not_found("Invalid page.")),
    };
    let start = (page - 1) * query.page_size;
    let end = (start + query.page_size).min(count);
    let link = |page: Option<usize>| {
        let query = query.with_page(page);
        if query.is_empty() {
            format!("{}{}", request.origin, request.path)
        } else {
            format!("{}{}?{query}", request.origin, request.path)
        }
    };
    let views: Vec<Cow<Value>> = records[start..end]
        .iter()
        .map(|r| view(territory, resource, r))
        .collect();
    let envelope = Envelope {
        count,
        next: (page < pages).then(|| link(Some(page + 1))),
        previous: (page > 1).then(|| link((page > 2).then_some(page - 1))),
        results: Objects {
            views: &views,
            context: &context,
        },
    };
    serde_json::to_vec(&envelope).map_err(|e| ApiError {
        status: 500,
        detail: e.to_string(),
    })
}

fn find<'a>(
    territory: &'a Territory,
    resource: Resource,
    id: u64,
    request: &Request,
) -> Result<&'a Record, ApiError> {
    let record = territory.record(resource, id);
    let found = record.filter(|record| {
        visible(resource, record, request)
            // A trek's detail is served when one of its parents is published.
            || (resource == Resource::Trek && parent_published(territory, record, request))
    });
    found.ok_or_else(|| {
        ApiError::not_found(format!(
            "No {} matches the given query.",
            resource.model_name()
        ))
    })
}

fn parent_published(territory: &Territory, record: &Record, request: &Request) -> bool {
    record.body["parents"].as_array().is_some_and(|parents| {
        parents.iter().filter_map(Value::as_u64).any(|parent| {
            territory.record(Resource::Trek, parent).is_some_and(|p| {
                p.publication
                    .is_published(request.query.language.as_deref())
            })
        })
    })
}

/// `GET /api/v2/{resource}/{id}/`.
pub fn detail(
    territory: &Territory,
    resource: Resource,
    id: u64,
    request: &Request,
) -> Result<Vec<u8>, ApiError> {
    let record = find(territory, resource, id, request)?;
    let context = request.context(territory);
    let view = view(territory, resource, record);
    serde_json::to_vec(&Rendered::object(&view, &context)).map_err(|e| ApiError {
        status: 500,
        detail: e.to_string(),
    })
}

/// `GET /api/v2/trek/{id}/profile/`: `{"profile": [[distance, elevation, [lng, lat]], ...],
/// "limits": {"ceil", "floor"}}`, distances in Lambert-93 metres from the start,
/// limits 100 m beyond the extremes and at least 1,200 m apart, as Geotrek computes them.
pub fn profile(territory: &Territory, id: u64, request: &Request) -> Result<Vec<u8>, ApiError> {
    let record = find(territory, Resource::Trek, id, request)?;
    let path = trek_path(&record.body);
    let mut distance = 0.0;
    let mut previous: Option<(f64, f64)> = None;
    let mut profile = Vec::with_capacity(path.len());
    for [lng, lat, ele] in &path {
        let (x, y) = lambert93(*lng, *lat);
        if let Some((px, py)) = previous {
            distance += (x - px).hypot(y - py);
        }
        previous = Some((x, y));
        profile.push(json!([distance, ele, [lng, lat]]));
    }
    let m = measures(&path);
    let floor = m.min_elevation - 100;
    let ceil = (m.max_elevation + 100).max(floor + 1_200);
    Ok(
        json!({"limits": {"ceil": ceil, "floor": floor}, "profile": profile})
            .to_string()
            .into_bytes(),
    )
}

/// `GET /api/{lang}/treks/{id}/{slug}.gpx`: the trek as a GPX 1.1 track,
/// as Geotrek-admin serves the file a trek's `gpx` field points to.
pub fn gpx(territory: &Territory, id: u64, request: &Request) -> Result<Vec<u8>, ApiError> {
    let record = find(territory, Resource::Trek, id, request)?;
    let mut gpx = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <gpx version=\"1.1\" creator=\"Geotrek-admin\" xmlns=\"http://www.topografix.com/GPX/1/1\">\n\
         <trk><trkseg>\n",
    );
    for [lng, lat, ele] in trek_path(&record.body) {
        gpx.push_str(&format!(
            "<trkpt lat=\"{lat}\" lon=\"{lng}\"><ele>{ele}</ele></trkpt>\n"
        ));
    }
    gpx.push_str("</trkseg></trk>\n</gpx>\n");
    Ok(gpx.into_bytes())
}

/// `GET /api/v2/config/`: the park's extent.
pub fn config() -> Vec<u8> {
    json!({"bbox": PARK_EXTENT}).to_string().into_bytes()
}
