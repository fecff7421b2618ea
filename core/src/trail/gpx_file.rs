//! GPX interchange: saved tracks and routes (a trek to take to another app)
//! out as GPX 1.1, GPX files in as a route to follow or as a saved track.
//!
//! Files are read as a stream ([`GpxReader`]): a saved track is imported
//! point by point into the store ([`import_gpx`]), so a 200 MB recording takes
//! no more memory than a small one.

use std::io::{BufReader, Read, Write};

use ::gpx::{Gpx, GpxVersion, Metadata, Track, TrackSegment, Waypoint};
use geo::Point;
use xml::reader::{EventReader, XmlEvent};

use crate::geodesy::LatLon;
use crate::trail::{
    Fix, Route, RoutePoint, RoutePointKind, TrackId, TrackPoint, TrackStore, TrailError,
};

/// What a GPX file holds, in our terms.
#[derive(Clone, Debug, PartialEq)]
pub struct GpxContent {
    /// The first name found: metadata, then first track, then first route.
    pub name: Option<String>,
    /// Track segments (or routes, when the file has no track), as fixes.
    pub segments: Vec<Vec<Fix>>,
    /// Waypoints (`wpt`).
    pub waypoints: Vec<(String, LatLon)>,
}

/// One point of a GPX document, in document order.
#[derive(Clone, Debug, PartialEq)]
pub enum GpxItem {
    /// A `trkpt`, in the document's `segment`-th `trkseg` (0 first).
    TrackPoint { segment: usize, fix: Fix },
    /// An `rtept`, in the document's `route`-th `rte` (0 first).
    RoutePoint { route: usize, fix: Fix },
    /// A `wpt`.
    Waypoint { name: String, position: LatLon },
}

/// Text inside one element longer than this is refused, bytes: no name or
/// time is that long, and a hostile file must not fill the memory.
const MAX_TEXT_BYTES: usize = 64 * 1024;

/// Which kind of point is being read.
#[derive(Clone, Copy, Debug, PartialEq)]
enum PointKind {
    Track,
    Route,
    Waypoint,
}

/// A point whose children are being read.
#[derive(Clone, Debug)]
struct PointInProgress {
    kind: PointKind,
    fix: Fix,
    name: String,
}

/// Reads a GPX 1.0 or 1.1 document as a stream of [`GpxItem`]s; the names
/// found so far are kept ([`GpxReader::name`]).
pub struct GpxReader<R: Read> {
    events: EventReader<BufReader<R>>,
    /// Local names of the open elements, outermost first.
    open: Vec<String>,
    text: String,
    point: Option<PointInProgress>,
    segments_seen: usize,
    routes_seen: usize,
    metadata_name: Option<String>,
    track_name: Option<String>,
    route_name: Option<String>,
    finished: bool,
}

impl<R: Read> GpxReader<R> {
    pub fn new(reader: R) -> GpxReader<R> {
        let mut config = xml::ParserConfig::new();
        config.trim_whitespace = true;
        config.cdata_to_characters = true;
        config.ignore_comments = true;
        config.coalesce_characters = true;
        GpxReader {
            events: EventReader::new_with_config(BufReader::new(reader), config),
            open: Vec::new(),
            text: String::new(),
            point: None,
            segments_seen: 0,
            routes_seen: 0,
            metadata_name: None,
            track_name: None,
            route_name: None,
            finished: false,
        }
    }

    /// The first name found: metadata, then first track, then first route.
    pub fn name(&self) -> Option<String> {
        self.metadata_name
            .clone()
            .or_else(|| self.track_name.clone())
            .or_else(|| self.route_name.clone())
    }

    /// The next point, `None` at the end of the document.
    fn next_item(&mut self) -> Result<Option<GpxItem>, TrailError> {
        while !self.finished {
            match self.events.next()? {
                XmlEvent::StartElement {
                    name, attributes, ..
                } => {
                    let local = name.local_name;
                    if self.open.is_empty() && local != "gpx" {
                        return Err(TrailError::Gpx {
                            detail: format!("not a GPX document (its root is <{local}>)"),
                        });
                    }
                    self.text.clear();
                    match local.as_str() {
                        "trkseg" => self.segments_seen += 1,
                        "rte" => self.routes_seen += 1,
                        _ => {}
                    }
                    let kind = match local.as_str() {
                        "trkpt" => Some(PointKind::Track),
                        "rtept" => Some(PointKind::Route),
                        "wpt" => Some(PointKind::Waypoint),
                        _ => None,
                    };
                    if let Some(kind) = kind {
                        let coordinate = |wanted: &str| {
                            attributes
                                .iter()
                                .find(|attribute| attribute.name.local_name == wanted)
                                .and_then(|attribute| attribute.value.trim().parse::<f64>().ok())
                                .ok_or_else(|| TrailError::Gpx {
                                    detail: format!("a <{local}> without a valid {wanted}"),
                                })
                        };
                        let fix = Fix {
                            timestamp_ms: None,
                            ..Fix::at(coordinate("lat")?, coordinate("lon")?, None, 0)
                        };
                        self.point = Some(PointInProgress {
                            kind,
                            fix,
                            name: String::new(),
                        });
                    }
                    self.open.push(local);
                }
                XmlEvent::Characters(text) => {
                    if self.text.len() + text.len() > MAX_TEXT_BYTES {
                        return Err(TrailError::Gpx {
                            detail: format!("a text longer than {MAX_TEXT_BYTES} bytes"),
                        });
                    }
                    self.text.push_str(&text);
                }
                XmlEvent::EndElement { .. } => {
                    let local = self.open.pop().unwrap_or_default();
                    if let Some(item) = self.close(&local) {
                        return Ok(Some(item));
                    }
                    self.text.clear();
                }
                XmlEvent::EndDocument => self.finished = true,
                _ => {}
            }
        }
        Ok(None)
    }

    /// Handles the end of element `local`; a finished point is returned.
    fn close(&mut self, local: &str) -> Option<GpxItem> {
        let parent = self.open.last().map(String::as_str);
        let text = self.text.trim();
        if let Some(point) = self.point.as_mut() {
            match local {
                "ele" => point.fix.altitude = text.parse().ok().filter(|v: &f64| v.is_finite()),
                "time" => point.fix.timestamp_ms = parse_time(text),
                "speed" => point.fix.speed = text.parse().ok().filter(|v: &f64| v.is_finite()),
                "name" => point.name = text.to_string(),
                "trkpt" | "rtept" | "wpt" => {
                    let point = self.point.take()?;
                    let fix = point.fix;
                    return Some(match point.kind {
                        PointKind::Track => GpxItem::TrackPoint {
                            segment: self.segments_seen.saturating_sub(1),
                            fix,
                        },
                        PointKind::Route => GpxItem::RoutePoint {
                            route: self.routes_seen.saturating_sub(1),
                            fix,
                        },
                        PointKind::Waypoint => GpxItem::Waypoint {
                            name: point.name,
                            position: LatLon {
                                lat: fix.latitude,
                                lon: fix.longitude,
                                ele: fix.altitude,
                            },
                        },
                    });
                }
                _ => {}
            }
            return None;
        }
        match (local, parent) {
            ("name", Some("metadata")) => {
                self.metadata_name.get_or_insert_with(|| text.to_string());
            }
            ("name", Some("trk")) => {
                self.track_name.get_or_insert_with(|| text.to_string());
            }
            ("name", Some("rte")) => {
                self.route_name.get_or_insert_with(|| text.to_string());
            }
            _ => {}
        }
        None
    }
}

impl<R: Read> Iterator for GpxReader<R> {
    type Item = Result<GpxItem, TrailError>;

    fn next(&mut self) -> Option<Self::Item> {
        match self.next_item() {
            Ok(item) => item.map(Ok),
            Err(error) => {
                self.finished = true;
                Some(Err(error))
            }
        }
    }
}

/// A GPX `time` (xsd:dateTime, UTC when it names no offset), ms since the epoch.
fn parse_time(text: &str) -> Option<i64> {
    use time::format_description::well_known::Rfc3339;
    let parsed = time::OffsetDateTime::parse(text, &Rfc3339)
        .or_else(|_| time::OffsetDateTime::parse(&format!("{text}Z"), &Rfc3339))
        .ok()?;
    i64::try_from(parsed.unix_timestamp_nanos() / 1_000_000).ok()
}

/// Reads a GPX 1.0 or 1.1 document whole.
pub fn read_gpx(reader: impl Read) -> Result<GpxContent, TrailError> {
    let mut reader = GpxReader::new(reader);
    let (mut tracks, mut routes, mut waypoints) = (Vec::new(), Vec::new(), Vec::new());
    let add = |lines: &mut Vec<Vec<Fix>>, index: usize, fix: Fix| {
        if lines.len() <= index {
            lines.resize(index + 1, Vec::new());
        }
        lines[index].push(fix);
    };
    for item in reader.by_ref() {
        match item? {
            GpxItem::TrackPoint { segment, fix } => add(&mut tracks, segment, fix),
            GpxItem::RoutePoint { route, fix } => add(&mut routes, route, fix),
            GpxItem::Waypoint { name, position } => waypoints.push((name, position)),
        }
    }
    let mut segments = if tracks.iter().all(Vec::is_empty) {
        routes
    } else {
        tracks
    };
    segments.retain(|segment| !segment.is_empty());
    Ok(GpxContent {
        name: reader.name(),
        segments,
        waypoints,
    })
}

/// Imports a GPX file's tracks (or its routes, when it has no track) into
/// `store` as one saved track, streaming its points; the track is named
/// `name`, else after the file's own name, else `fallback_name`. Returns its
/// id and name. Route points, rarely many, are held until the end.
pub fn import_gpx(
    store: &mut TrackStore,
    reader: impl Read,
    name: Option<String>,
    fallback_name: &str,
    now_ms: i64,
) -> Result<(TrackId, String), TrailError> {
    let mut reader = GpxReader::new(reader);
    let mut import = store.begin_import(now_ms)?;
    let mut track_points = false;
    let mut route_points = Vec::new();
    for item in reader.by_ref() {
        match item? {
            GpxItem::TrackPoint { segment, fix } => {
                track_points = true;
                import.push(segment, fix)?;
            }
            GpxItem::RoutePoint { route, fix } if !track_points => route_points.push((route, fix)),
            _ => {}
        }
    }
    if !track_points {
        for (route, fix) in route_points {
            import.push(route, fix)?;
        }
    }
    let name = name
        .or_else(|| reader.name())
        .unwrap_or_else(|| fallback_name.to_string());
    Ok((import.finish(&name)?, name))
}

impl GpxContent {
    /// The route to follow: all segments joined in order, waypoints as points.
    pub fn into_route(self, fallback_name: &str) -> Route {
        let line = self
            .segments
            .iter()
            .flatten()
            .map(|fix| LatLon {
                lat: fix.latitude,
                lon: fix.longitude,
                ele: fix.altitude,
            })
            .collect();
        let points = self
            .waypoints
            .into_iter()
            .enumerate()
            .map(|(index, (name, position))| RoutePoint {
                kind: RoutePointKind::Waypoint,
                id: index as u64,
                name,
                position,
            })
            .collect();
        Route {
            name: self.name.unwrap_or_else(|| fallback_name.to_string()),
            line,
            points,
            sensitive_zones: Vec::new(),
            duration_hours: None,
        }
    }
}

/// Writes a track as GPX 1.1: one `trk`, one `trkseg` per segment, each point
/// with its elevation and time.
pub fn write_track_gpx(
    name: &str,
    points: &[TrackPoint],
    writer: impl Write,
) -> Result<(), TrailError> {
    let mut segments: Vec<TrackSegment> = Vec::new();
    let mut current_segment = None;
    for point in points {
        if current_segment != Some(point.segment) {
            segments.push(TrackSegment::new());
            current_segment = Some(point.segment);
        }
        if let Some(segment) = segments.last_mut() {
            segment.points.push(waypoint_of(&point.fix)?);
        }
    }
    let mut track = Track::new();
    track.name = Some(name.to_string());
    track.segments = segments;
    let document = Gpx {
        version: GpxVersion::Gpx11,
        creator: Some(format!("Sentier {}", env!("CARGO_PKG_VERSION"))),
        metadata: Some(Metadata {
            name: Some(name.to_string()),
            time: match points.first().and_then(|point| point.fix.timestamp_ms) {
                Some(ms) => Some(gpx_time(ms)?),
                None => None,
            },
            ..Metadata::default()
        }),
        tracks: vec![track],
        ..Gpx::default()
    };
    ::gpx::write(&document, writer)?;
    Ok(())
}

/// Writes a route as GPX 1.1: its line as one `trk` with elevations, its
/// points (POIs, signage, information desks) as `wpt` typed by kind, so a
/// trek goes offline to any GPS app.
pub fn write_route_gpx(route: &Route, writer: impl Write) -> Result<(), TrailError> {
    let mut segment = TrackSegment::new();
    segment.points = route.line.iter().map(waypoint_at).collect();
    let mut track = Track::new();
    track.name = Some(route.name.clone());
    track.segments = vec![segment];
    let waypoints = route
        .points
        .iter()
        .map(|point| {
            let mut waypoint = waypoint_at(&point.position);
            waypoint.name = Some(point.name.clone());
            waypoint.type_ = Some(gpx_type(point.kind).to_string());
            waypoint
        })
        .collect();
    let document = Gpx {
        version: GpxVersion::Gpx11,
        creator: Some(format!("Sentier {}", env!("CARGO_PKG_VERSION"))),
        metadata: Some(Metadata {
            name: Some(route.name.clone()),
            ..Metadata::default()
        }),
        waypoints,
        tracks: vec![track],
        ..Gpx::default()
    };
    ::gpx::write(&document, writer)?;
    Ok(())
}

/// The `wpt/type` of a route point, in words other GPS apps show.
fn gpx_type(kind: RoutePointKind) -> &'static str {
    match kind {
        RoutePointKind::Poi => "Point of interest",
        RoutePointKind::Signage => "Signpost",
        RoutePointKind::InformationDesk => "Information desk",
        RoutePointKind::Waypoint => "Waypoint",
    }
}

fn waypoint_at(position: &LatLon) -> Waypoint {
    let mut waypoint = Waypoint::new(Point::new(position.lon, position.lat));
    waypoint.elevation = position.ele;
    waypoint
}

fn waypoint_of(fix: &Fix) -> Result<Waypoint, TrailError> {
    let mut waypoint = Waypoint::new(Point::new(fix.longitude, fix.latitude));
    waypoint.elevation = fix.altitude;
    waypoint.time = match fix.timestamp_ms {
        Some(ms) => Some(gpx_time(ms)?),
        None => None,
    };
    Ok(waypoint)
}

fn gpx_time(ms: i64) -> Result<::gpx::Time, TrailError> {
    let time = time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .map_err(|error| TrailError::Gpx {
            detail: format!("time {ms} ms out of range: {error}"),
        })?;
    Ok(time.into())
}
