//! Distances between the trail's positions, in the trail's `(lat, lng)`
//! terms, over the core's [`crate::geodesy`]: haversine between fixes (exact
//! enough for a hiker's steps and cheap); snapping and simplifying work in its
//! local equirectangular projection in metres centred on the route (over a
//! day's hike its scale error stays well under a percent).

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

impl Position {
    /// `(lon, lat)`, the order of [`crate::geodesy`].
    pub fn lon_lat(&self) -> (f64, f64) {
        (self.lng, self.lat)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_degree_of_latitude_is_about_111_km() {
        let d = haversine_m(45.0, 6.0, 46.0, 6.0);
        assert!((d - 111_195.0).abs() < 10.0, "{d}");
    }
}
