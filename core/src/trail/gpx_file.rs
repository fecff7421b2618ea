//! GPX interchange: saved tracks and routes (a trek to take to another app)
//! out as GPX 1.1, GPX files in as a route to follow or as a saved track.

use std::io::{Read, Write};

use ::gpx::{Gpx, GpxVersion, Metadata, Track, TrackSegment, Waypoint};
use geo::Point;

use crate::trail::{Fix, Position, Route, RoutePoint, RoutePointKind, TrackPoint, TrailError};

/// What a GPX file holds, in our terms.
#[derive(Clone, Debug, PartialEq)]
pub struct GpxContent {
    /// The first name found: metadata, then first track, then first route.
    pub name: Option<String>,
    /// Track segments (or routes, when the file has no track), as fixes.
    pub segments: Vec<Vec<Fix>>,
    /// Waypoints (`wpt`).
    pub waypoints: Vec<(String, Position)>,
}

/// Reads a GPX 1.0 or 1.1 document.
pub fn read_gpx(reader: impl Read) -> Result<GpxContent, TrailError> {
    let document = ::gpx::read(reader)?;
    let mut segments: Vec<Vec<Fix>> = document
        .tracks
        .iter()
        .flat_map(|track| &track.segments)
        .map(|segment| segment.points.iter().map(fix_of).collect())
        .collect();
    if segments.iter().all(Vec::is_empty) {
        segments = document
            .routes
            .iter()
            .map(|route| route.points.iter().map(fix_of).collect())
            .collect();
    }
    segments.retain(|segment| !segment.is_empty());
    let name = document
        .metadata
        .as_ref()
        .and_then(|metadata| metadata.name.clone())
        .or_else(|| document.tracks.iter().find_map(|track| track.name.clone()))
        .or_else(|| document.routes.iter().find_map(|route| route.name.clone()));
    let waypoints = document
        .waypoints
        .iter()
        .map(|waypoint| {
            let fix = fix_of(waypoint);
            (
                waypoint.name.clone().unwrap_or_default(),
                Position {
                    lat: fix.latitude,
                    lng: fix.longitude,
                    ele: fix.altitude,
                },
            )
        })
        .collect();
    Ok(GpxContent {
        name,
        segments,
        waypoints,
    })
}

impl GpxContent {
    /// The route to follow: all segments joined in order, waypoints as points.
    pub fn into_route(self, fallback_name: &str) -> Route {
        let line = self
            .segments
            .iter()
            .flatten()
            .map(|fix| Position {
                lat: fix.latitude,
                lng: fix.longitude,
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

fn waypoint_at(position: &Position) -> Waypoint {
    let mut waypoint = Waypoint::new(Point::new(position.lng, position.lat));
    waypoint.elevation = position.ele;
    waypoint
}

fn fix_of(waypoint: &Waypoint) -> Fix {
    let point = waypoint.point();
    Fix {
        latitude: point.y(),
        longitude: point.x(),
        altitude: waypoint.elevation,
        horizontal_accuracy: None,
        vertical_accuracy: None,
        speed: waypoint.speed,
        bearing: None,
        timestamp_ms: waypoint.time.map(|time| {
            let time: time::OffsetDateTime = time.into();
            i64::try_from(time.unix_timestamp_nanos() / 1_000_000).unwrap_or_default()
        }),
    }
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
