//! Synthetic routes with known geometry for the trail tests: drawn in metres
//! around a point of the Écrins, converted to WGS84.

#![allow(dead_code)] // Each test file uses its own subset.

use sentier_core::geodesy::LatLon;
use sentier_core::geodesy::LocalProjection;
use sentier_core::trail::simulator::simulate;
use sentier_core::trail::{Fix, GpsNoise, SimulationConfig};

/// The frame every synthetic route is drawn in.
pub fn frame() -> LocalProjection {
    LocalProjection::around((6.35, 44.85))
}

/// A route through `(east_m, north_m, ele_m)` points.
pub fn route_through(points: impl IntoIterator<Item = (f64, f64, f64)>) -> Vec<LatLon> {
    let frame = frame();
    points
        .into_iter()
        .map(|(x, y, ele)| {
            let (lon, lat) = frame.unproject((x, y));
            LatLon {
                lat,
                lon,
                ele: Some(ele),
            }
        })
        .collect()
}

/// A straight route north, `length_m` long, one vertex every `step_m`, with
/// elevation given by `profile(distance)`.
pub fn straight(length_m: f64, step_m: f64, profile: impl Fn(f64) -> f64) -> Vec<LatLon> {
    let count = (length_m / step_m).round() as usize;
    route_through((0..=count).map(|i| {
        let s = i as f64 * step_m;
        (0.0, s, profile(s))
    }))
}

/// A circle of `radius_m` starting and ending at its southernmost point.
pub fn circle(radius_m: f64, vertices: usize) -> Vec<LatLon> {
    route_through((0..=vertices).map(|i| {
        let angle =
            -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * i as f64 / vertices as f64;
        (
            radius_m * angle.cos(),
            radius_m + radius_m * angle.sin(),
            1500.0,
        )
    }))
}

/// North for `length_m`, then back south on the very same vertices.
pub fn out_and_back(length_m: f64, step_m: f64) -> Vec<LatLon> {
    let out = straight(length_m, step_m, |s| 1200.0 + s * 0.1);
    let back = out.iter().rev().skip(1).copied();
    out.iter().copied().chain(back).collect()
}

/// A figure eight (lemniscate of Gerono) of half-width `size_m`: it crosses
/// itself at its start, halfway through, and ends where it started.
pub fn figure_eight(size_m: f64, vertices: usize) -> Vec<LatLon> {
    route_through((0..=vertices).map(|i| {
        let t = std::f64::consts::TAU * i as f64 / vertices as f64;
        (size_m * t.sin() * t.cos(), size_m * t.sin(), 1500.0)
    }))
}

/// A fix in the synthetic frame.
pub fn fix_at(east_m: f64, north_m: f64, ele: Option<f64>, seconds: f64) -> Fix {
    let (lng, lat) = frame().unproject((east_m, north_m));
    Fix {
        horizontal_accuracy: Some(5.0),
        ..Fix::at(lat, lng, ele, 1_782_806_400_000 + (seconds * 1000.0) as i64)
    }
}

/// The fixes of a walk along `line` at 4 km/h with a perfect receiver.
pub fn exact_walk(line: &[LatLon]) -> Vec<Fix> {
    let config = SimulationConfig {
        noise: GpsNoise::none(),
        ..SimulationConfig::walk(1)
    };
    simulate(line, &config).unwrap()
}
