//! Thinning a track for display: Douglas-Peucker (geo's `SimplifyIdx`) in a
//! local metric frame, so the tolerance is in metres, keeping the original
//! positions (with their elevation) of the points it keeps.

use geo::{LineString, SimplifyIdx};

use crate::geodesy::LatLon;
use crate::geodesy::LocalProjection;
use crate::trail::TrackPoint;

/// `line` without the points that move it by less than `tolerance_m`.
pub fn simplify_line(line: &[LatLon], tolerance_m: f64) -> Vec<LatLon> {
    let frame = LocalProjection::centred_on(line.iter().map(LatLon::lon_lat));
    let projected: LineString<f64> = line
        .iter()
        .map(|position| frame.project(position.lon_lat()))
        .collect();
    projected
        .simplify_idx(tolerance_m)
        .into_iter()
        .map(|index| line[index])
        .collect()
}

/// Each segment of a track, simplified.
pub fn simplify_track(points: &[TrackPoint], tolerance_m: f64) -> Vec<Vec<LatLon>> {
    points
        .chunk_by(|a, b| a.segment == b.segment)
        .map(|segment| {
            let line: Vec<LatLon> = segment
                .iter()
                .map(|point| LatLon {
                    lat: point.fix.latitude,
                    lon: point.fix.longitude,
                    ele: point.fix.altitude,
                })
                .collect();
            simplify_line(&line, tolerance_m)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_straight_line_keeps_its_ends_and_corners_survive() {
        let straight: Vec<LatLon> = (0..100)
            .map(|i| LatLon {
                lat: 44.8 + i as f64 * 1e-5,
                lon: 6.3,
                ele: Some(i as f64),
            })
            .collect();
        let simplified = simplify_line(&straight, 1.0);
        assert_eq!(simplified, vec![straight[0], straight[99]]);
        let mut corner = straight.clone();
        corner.push(LatLon {
            lat: 44.8 + 99e-5,
            lon: 6.31,
            ele: None,
        });
        assert_eq!(simplify_line(&corner, 1.0).len(), 3);
    }
}
