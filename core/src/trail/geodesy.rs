//! Distances between the trail's positions, over the core's [`crate::geodesy`]: haversine between fixes (exact
//! enough for a hiker's steps and cheap); snapping and simplifying work in its
//! local equirectangular projection in metres centred on the route (over a
//! day's hike its scale error stays well under a percent).

use crate::geodesy::LatLon;

/// Great-circle distance in metres between two positions (elevation ignored).
pub fn distance_m(a: &LatLon, b: &LatLon) -> f64 {
    crate::geodesy::haversine_m(a.lon_lat(), b.lon_lat())
}
