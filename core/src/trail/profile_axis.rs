//! The elevation profile's horizontal axis tied to the map: a distance along a
//! trek's profile maps to the point of its route, and a distance along the
//! route (the follower's progress) maps back to the profile, with the
//! elevation drawn there. So the profile shows where the hiker is, and a tap
//! on it shows the place on the map.

use crate::geodesy::LatLon;
use crate::trail::TrailError;
use crate::trail::snap::RouteLine;

/// Where the hiker stands on the profile.
#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ProfileMarker {
    /// Along the profile's axis, metres from the start.
    pub along_m: f64,
    /// The profile's elevation there, metres.
    pub elevation_m: f64,
}

/// A route line and the profile drawn from it, on one axis.
#[derive(Clone, Debug)]
pub struct ProfileAxis {
    line: RouteLine,
    distances_m: Vec<f64>,
    elevations_m: Vec<f64>,
    /// Profile metres per route metre: both measure the same vertices, but
    /// the route drops repeated ones and the profile may be computed apart.
    profile_per_route: f64,
}

impl ProfileAxis {
    /// The axis of the profile (`distances_m`, `elevations_m`, one per
    /// point, increasing distances) drawn along `line`; the profile needs
    /// two points and a length.
    pub fn new(
        line: &[LatLon],
        distances_m: &[f64],
        elevations_m: &[f64],
    ) -> Result<ProfileAxis, TrailError> {
        let line = RouteLine::new(line)?;
        let profile_length_m = distances_m.last().copied().unwrap_or_default();
        if distances_m.len() < 2
            || distances_m.len() != elevations_m.len()
            || profile_length_m.is_nan()
            || profile_length_m <= 0.0
        {
            return Err(TrailError::InvalidRoute {
                detail: "a profile needs two points over a length".into(),
            });
        }
        Ok(ProfileAxis {
            profile_per_route: profile_length_m / line.length_m(),
            line,
            distances_m: distances_m.to_vec(),
            elevations_m: elevations_m.to_vec(),
        })
    }

    /// The point of the route `profile_along_m` along the profile (clamped
    /// to the trek): where a tap on the profile takes the map.
    pub fn position_at(&self, profile_along_m: f64) -> LatLon {
        let mut position = self
            .line
            .position_at(profile_along_m / self.profile_per_route);
        position.ele = position
            .ele
            .or_else(|| Some(self.elevation_at(profile_along_m)));
        position
    }

    /// The marker of a hiker `route_along_m` along the route.
    pub fn marker(&self, route_along_m: f64) -> ProfileMarker {
        let along_m = (route_along_m * self.profile_per_route)
            .clamp(0.0, self.distances_m[self.distances_m.len() - 1]);
        ProfileMarker {
            along_m,
            elevation_m: self.elevation_at(along_m),
        }
    }

    /// The profile's elevation `along_m` along it, interpolated between its
    /// points.
    fn elevation_at(&self, along_m: f64) -> f64 {
        let (d, e) = (&self.distances_m, &self.elevations_m);
        let next = d.partition_point(|&x| x <= along_m).clamp(1, d.len() - 1);
        let span = d[next] - d[next - 1];
        let t = if span > 0.0 {
            ((along_m - d[next - 1]) / span).clamp(0.0, 1.0)
        } else {
            0.0
        };
        e[next - 1] + (e[next] - e[next - 1]) * t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flat(lat: f64, lon: f64) -> LatLon {
        LatLon::new(lat, lon)
    }

    /// About 2.2 km north along a meridian, climbing 1000 → 1300 m then down to 1200 m.
    fn axis() -> ProfileAxis {
        let line = [flat(45.0, 6.0), flat(45.01, 6.0), flat(45.02, 6.0)];
        let length = RouteLine::new(&line).unwrap().length_m();
        ProfileAxis::new(
            &line,
            &[0.0, length / 2.0, length],
            &[1000.0, 1300.0, 1200.0],
        )
        .unwrap()
    }

    #[test]
    fn a_distance_on_the_profile_is_a_point_of_the_route_and_back() {
        let axis = axis();
        let quarter = axis.distances_m[2] / 4.0;
        let point = axis.position_at(quarter);
        assert!((point.lat - 45.005).abs() < 1e-6, "{point:?}");
        assert_eq!(point.lon, 6.0);
        assert_eq!(point.ele, Some(1150.0), "the profile's elevation there");
        let marker = axis.marker(quarter);
        assert_eq!(marker.along_m, quarter);
        assert_eq!(marker.elevation_m, 1150.0);
    }

    #[test]
    fn the_axis_scales_a_profile_measured_apart_and_clamps_to_the_trek() {
        let line = [flat(45.0, 6.0), flat(45.02, 6.0)];
        let length = RouteLine::new(&line).unwrap().length_m();
        // A profile 10 % longer than the route (another distance formula).
        let axis = ProfileAxis::new(&line, &[0.0, length * 1.1], &[1000.0, 1100.0]).unwrap();
        assert!((axis.marker(length / 2.0).along_m - length * 0.55).abs() < 1e-6);
        assert!((axis.position_at(length * 0.55).lat - 45.01).abs() < 1e-6);
        assert_eq!(axis.marker(length * 2.0).elevation_m, 1100.0);
        assert_eq!(axis.position_at(-5.0).lat, 45.0);
    }

    #[test]
    fn a_profile_without_length_is_refused() {
        let line = [flat(45.0, 6.0), flat(45.02, 6.0)];
        assert!(ProfileAxis::new(&line, &[0.0], &[1000.0]).is_err());
        assert!(ProfileAxis::new(&line, &[0.0, 0.0], &[1000.0, 1000.0]).is_err());
    }
}
