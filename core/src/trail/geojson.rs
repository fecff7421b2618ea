//! GeoJSON export of a saved track: one Feature whose geometry is a
//! MultiLineString (a line per segment, `[lng, lat, ele]`), with the name, the
//! statistics and the points' times as properties.

use serde_json::{Value, json};

use crate::trail::{TrackPoint, TrackSummary};

/// The track as a GeoJSON Feature.
pub fn track_feature(summary: &TrackSummary, points: &[TrackPoint]) -> Value {
    let mut lines: Vec<Vec<Value>> = Vec::new();
    let mut times: Vec<Vec<Value>> = Vec::new();
    let mut current_segment = None;
    for point in points {
        if current_segment != Some(point.segment) {
            lines.push(Vec::new());
            times.push(Vec::new());
            current_segment = Some(point.segment);
        }
        let fix = &point.fix;
        let coordinates = match fix.altitude {
            Some(ele) => json!([fix.longitude, fix.latitude, ele]),
            None => json!([fix.longitude, fix.latitude]),
        };
        if let (Some(line), Some(line_times)) = (lines.last_mut(), times.last_mut()) {
            line.push(coordinates);
            line_times.push(json!(fix.timestamp_ms));
        }
    }
    json!({
        "type": "Feature",
        "id": summary.id,
        "geometry": { "type": "MultiLineString", "coordinates": lines },
        "properties": {
            "name": summary.name,
            "stats": summary.stats,
            "coordinateProperties": { "times": times },
        },
    })
}
