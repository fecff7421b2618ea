//! Coordinates of the synthetic park: the Lambert-93 projection (EPSG:2154,
//! the SRID Geotrek-admin stores French data in), lengths measured the way
//! Geotrek measures them (in projected metres), and a local metric frame for
//! walking around the terrain.

use std::f64::consts::FRAC_PI_4;
use std::sync::LazyLock;

/// GRS80 semi-major axis, metres.
const SEMI_MAJOR_AXIS: f64 = 6_378_137.0;
/// GRS80 first eccentricity.
const ECCENTRICITY: f64 = 0.081_819_191_042_815_79;
const ORIGIN_LONGITUDE: f64 = 3.0;
const ORIGIN_LATITUDE: f64 = 46.5;
const STANDARD_PARALLEL_1: f64 = 44.0;
const STANDARD_PARALLEL_2: f64 = 49.0;
const FALSE_EASTING: f64 = 700_000.0;
const FALSE_NORTHING: f64 = 6_600_000.0;

/// Metres per degree of latitude, for the local frame.
const METRES_PER_DEGREE: f64 = 111_195.0;

fn conformal_m(latitude: f64) -> f64 {
    let phi = latitude.to_radians();
    phi.cos() / (1.0 - (ECCENTRICITY * phi.sin()).powi(2)).sqrt()
}

fn conformal_t(latitude: f64) -> f64 {
    let phi = latitude.to_radians();
    let e_sin = ECCENTRICITY * phi.sin();
    (FRAC_PI_4 - phi / 2.0).tan() / ((1.0 - e_sin) / (1.0 + e_sin)).powf(ECCENTRICITY / 2.0)
}

/// The constants of the Lambert-93 cone: `(n, F, r0)`.
#[derive(Clone, Copy)]
struct Cone {
    n: f64,
    f: f64,
    r0: f64,
}

static CONE: LazyLock<Cone> = LazyLock::new(|| {
    let m1 = conformal_m(STANDARD_PARALLEL_1);
    let m2 = conformal_m(STANDARD_PARALLEL_2);
    let t1 = conformal_t(STANDARD_PARALLEL_1);
    let t2 = conformal_t(STANDARD_PARALLEL_2);
    let n = (m1.ln() - m2.ln()) / (t1.ln() - t2.ln());
    let f = m1 / (n * t1.powf(n));
    let r0 = SEMI_MAJOR_AXIS * f * conformal_t(ORIGIN_LATITUDE).powf(n);
    Cone { n, f, r0 }
});

/// Projects WGS84 `(lng, lat)` degrees to Lambert-93 `(x, y)` metres.
pub fn lambert93(lng: f64, lat: f64) -> (f64, f64) {
    let Cone { n, f, r0 } = *CONE;
    let r = SEMI_MAJOR_AXIS * f * conformal_t(lat).powf(n);
    let theta = n * (lng - ORIGIN_LONGITUDE).to_radians();
    (
        FALSE_EASTING + r * theta.sin(),
        FALSE_NORTHING + r0 - r * theta.cos(),
    )
}

/// A flat frame in metres around a reference point, good to a few metres over
/// a park: used to walk trails and lay out polygons before going back to degrees.
#[derive(Clone, Copy, Debug)]
pub struct LocalFrame {
    origin_lng: f64,
    origin_lat: f64,
    metres_per_degree_lng: f64,
}

impl LocalFrame {
    pub fn new(origin_lng: f64, origin_lat: f64) -> Self {
        LocalFrame {
            origin_lng,
            origin_lat,
            metres_per_degree_lng: METRES_PER_DEGREE * origin_lat.to_radians().cos(),
        }
    }

    /// `(east, north)` metres of a WGS84 point.
    pub fn to_metres(&self, lng: f64, lat: f64) -> (f64, f64) {
        (
            (lng - self.origin_lng) * self.metres_per_degree_lng,
            (lat - self.origin_lat) * METRES_PER_DEGREE,
        )
    }

    /// WGS84 `(lng, lat)` of a point given in metres.
    pub fn to_degrees(&self, east: f64, north: f64) -> (f64, f64) {
        (
            self.origin_lng + east / self.metres_per_degree_lng,
            self.origin_lat + north / METRES_PER_DEGREE,
        )
    }
}

/// Rounds to 7 decimals, the precision of Geotrek's geometry serializers.
pub fn round7(value: f64) -> f64 {
    (value * 1e7).round() / 1e7
}

/// Rounds to one decimal, as Geotrek rounds lengths.
pub fn round1(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lambert93_matches_known_points() {
        // The projection's origin lands on its false easting and northing.
        let (x, y) = lambert93(3.0, 46.5);
        assert!((x - 700_000.0).abs() < 1e-6 && (y - 6_600_000.0).abs() < 1e-6);
        // Paris lies around (652 km, 6 862 km).
        let (x, y) = lambert93(2.349_902, 48.852_968);
        assert!((x - 652_000.0).abs() < 1_000.0, "x = {x}");
        assert!((y - 6_862_000.0).abs() < 1_000.0, "y = {y}");
        // The Écrins lie where the live fixtures' city polygons are.
        let (x, y) = lambert93(6.3, 44.8);
        assert!((940_000.0..990_000.0).contains(&x), "x = {x}");
        assert!((6_400_000.0..6_440_000.0).contains(&y), "y = {y}");
    }

    #[test]
    fn local_frame_round_trips() {
        let frame = LocalFrame::new(6.3, 44.8);
        let (east, north) = frame.to_metres(6.31, 44.81);
        let (lng, lat) = frame.to_degrees(east, north);
        assert!((lng - 6.31).abs() < 1e-12 && (lat - 44.81).abs() < 1e-12);
        assert!((north - 1_111.95).abs() < 0.01);
    }
}
