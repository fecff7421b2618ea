//! Distances between the trail's positions, in the trail's `(lat, lng)`
//! terms, over the core's [`crate::geodesy`]: haversine between fixes (exact
//! enough for a hiker's steps and cheap); snapping and simplifying work in its
//! local equirectangular projection in metres centred on the route (over a
//! day's hike its scale error stays well under a percent).

use crate::trail::Position;

/// Great-circle distance in metres between two positions (elevation ignored).
pub fn distance_m(a: &Position, b: &Position) -> f64 {
    crate::geodesy::haversine_m(a.lon_lat(), b.lon_lat())
}

impl Position {
    /// `(lon, lat)`, the order of [`crate::geodesy`].
    pub fn lon_lat(&self) -> (f64, f64) {
        (self.lng, self.lat)
    }
}
