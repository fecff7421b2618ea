//! Distances on the Earth and the flat local frame the follower snaps in.
//!
//! Distances between fixes use the haversine formula (exact enough for a
//! hiker's steps and cheap). Snapping works in a local equirectangular frame in
//! metres centred on the route: over a day's hike its scale error stays well
//! under a percent, and it makes point-to-segment projection plain arithmetic.

use crate::trail::Position;

pub use crate::geodesy::EARTH_RADIUS_M;

/// Great-circle distance in metres between two WGS84 coordinates in degrees.
pub fn haversine_m(lat_a: f64, lng_a: f64, lat_b: f64, lng_b: f64) -> f64 {
    crate::geodesy::haversine_m((lng_a, lat_a), (lng_b, lat_b))
}

/// Great-circle distance in metres between two positions (elevation ignored).
pub fn distance_m(a: &Position, b: &Position) -> f64 {
    haversine_m(a.lat, a.lng, b.lat, b.lng)
}

/// An equirectangular projection to metres around a reference point.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LocalFrame {
    lat0: f64,
    lng0: f64,
    metres_per_degree_lng: f64,
    metres_per_degree_lat: f64,
}

impl LocalFrame {
    /// A frame centred on `(lat0, lng0)`.
    pub fn new(lat0: f64, lng0: f64) -> LocalFrame {
        let metres_per_degree_lat = EARTH_RADIUS_M * std::f64::consts::PI / 180.0;
        LocalFrame {
            lat0,
            lng0,
            metres_per_degree_lng: metres_per_degree_lat * lat0.to_radians().cos(),
            metres_per_degree_lat,
        }
    }

    /// A frame centred on the middle of the bounding box of `positions`.
    pub fn around(positions: &[Position]) -> LocalFrame {
        let (mut min_lat, mut max_lat) = (f64::INFINITY, f64::NEG_INFINITY);
        let (mut min_lng, mut max_lng) = (f64::INFINITY, f64::NEG_INFINITY);
        for p in positions {
            min_lat = min_lat.min(p.lat);
            max_lat = max_lat.max(p.lat);
            min_lng = min_lng.min(p.lng);
            max_lng = max_lng.max(p.lng);
        }
        if positions.is_empty() {
            return LocalFrame::new(0.0, 0.0);
        }
        LocalFrame::new((min_lat + max_lat) / 2.0, (min_lng + max_lng) / 2.0)
    }

    /// `(x, y)` in metres east and north of the frame's centre.
    pub fn to_xy(&self, lat: f64, lng: f64) -> [f64; 2] {
        [
            (lng - self.lng0) * self.metres_per_degree_lng,
            (lat - self.lat0) * self.metres_per_degree_lat,
        ]
    }

    /// `(lat, lng)` of a point given in metres in this frame.
    pub fn to_lat_lng(&self, xy: [f64; 2]) -> (f64, f64) {
        (
            self.lat0 + xy[1] / self.metres_per_degree_lat,
            self.lng0 + xy[0] / self.metres_per_degree_lng,
        )
    }
}

/// Where a point projects on the segment `a`-`b`: the parameter `t` in `0..=1`
/// and the squared distance from the point to that projection.
pub fn project_on_segment(point: [f64; 2], a: [f64; 2], b: [f64; 2]) -> (f64, f64) {
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let length_sq = dx * dx + dy * dy;
    let t = if length_sq > 0.0 {
        (((point[0] - a[0]) * dx + (point[1] - a[1]) * dy) / length_sq).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let (px, py) = (a[0] + t * dx - point[0], a[1] + t * dy - point[1]);
    (t, px * px + py * py)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_degree_of_latitude_is_about_111_km() {
        let d = haversine_m(45.0, 6.0, 46.0, 6.0);
        assert!((d - 111_195.0).abs() < 10.0, "{d}");
    }

    #[test]
    fn local_frame_round_trips_and_agrees_with_haversine() {
        let frame = LocalFrame::new(44.8, 6.3);
        let xy = frame.to_xy(44.81, 6.32);
        let (lat, lng) = frame.to_lat_lng(xy);
        assert!((lat - 44.81).abs() < 1e-12 && (lng - 6.32).abs() < 1e-12);
        let flat = xy[0].hypot(xy[1]);
        let sphere = haversine_m(44.8, 6.3, 44.81, 6.32);
        assert!((flat - sphere).abs() / sphere < 1e-3, "{flat} vs {sphere}");
    }

    #[test]
    fn projection_clamps_to_the_segment_ends() {
        assert_eq!(
            project_on_segment([-5.0, 0.0], [0.0, 0.0], [10.0, 0.0]),
            (0.0, 25.0)
        );
        assert_eq!(
            project_on_segment([5.0, 3.0], [0.0, 0.0], [10.0, 0.0]),
            (0.5, 9.0)
        );
        assert_eq!(
            project_on_segment([1.0, 1.0], [2.0, 2.0], [2.0, 2.0]),
            (0.0, 2.0)
        );
    }
}
