//! Elevation profiles computed from a trek's 3D line.

use super::model::ElevationProfile;
use crate::geodesy::haversine_m;

/// At most this many points are returned: enough for any phone screen.
const MAX_POINTS: usize = 1000;

/// The profile of `vertices` (`(lon, lat, ele)`): vertices without elevation
/// are skipped; ascent and descent sum the elevation changes between them.
/// Fewer than two points with an elevation make no profile (no points).
pub fn elevation_profile(vertices: &[(f64, f64, Option<f64>)]) -> ElevationProfile {
    let mut distance = 0.0;
    let mut previous: Option<(f64, f64)> = None;
    let mut points = Vec::with_capacity(vertices.len());
    for &(lon, lat, ele) in vertices {
        if let Some(prev) = previous {
            distance += haversine_m(prev, (lon, lat));
        }
        previous = Some((lon, lat));
        if let Some(ele) = ele {
            points.push((distance, ele));
        }
    }
    if points.len() < 2 {
        return ElevationProfile {
            length_m: distance,
            ..ElevationProfile::default()
        };
    }
    let (mut ascent, mut descent) = (0.0, 0.0);
    let (mut min, mut max) = (f64::INFINITY, f64::NEG_INFINITY);
    for (i, &(_, ele)) in points.iter().enumerate() {
        min = min.min(ele);
        max = max.max(ele);
        if i > 0 {
            let change = ele - points[i - 1].1;
            if change > 0.0 {
                ascent += change;
            } else {
                descent -= change;
            }
        }
    }
    // Every `step`-th point plus the last: at most MAX_POINTS in all.
    let step = (points.len() - 1).div_ceil(MAX_POINTS - 1).max(1);
    let last = points.len() - 1;
    let kept: Vec<_> = points
        .iter()
        .enumerate()
        .filter(|(i, _)| i % step == 0 || *i == last)
        .map(|(_, p)| *p)
        .collect();
    ElevationProfile {
        distances_m: kept.iter().map(|p| p.0).collect(),
        elevations_m: kept.iter().map(|p| p.1).collect(),
        min_m: min,
        max_m: max,
        ascent_m: ascent,
        descent_m: descent,
        length_m: distance,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profile_of_a_climb_and_descent() {
        // About 1.1 km north per step: up 300 m, down 100 m.
        let vertices = [
            (6.0, 45.0, Some(1000.0)),
            (6.0, 45.01, Some(1300.0)),
            (6.0, 45.02, Some(1200.0)),
        ];
        let profile = elevation_profile(&vertices);
        assert_eq!(profile.elevations_m, vec![1000.0, 1300.0, 1200.0]);
        assert_eq!((profile.ascent_m, profile.descent_m), (300.0, 100.0));
        assert_eq!((profile.min_m, profile.max_m), (1000.0, 1300.0));
        assert!(
            (profile.length_m - 2224.0).abs() < 2.0,
            "{}",
            profile.length_m
        );
        assert_eq!(profile.distances_m[0], 0.0);
    }

    #[test]
    fn long_lines_are_thinned_but_keep_both_ends() {
        let vertices: Vec<_> = (0..5000)
            .map(|i| (6.0 + i as f64 * 1e-4, 45.0, Some(1000.0 + (i % 7) as f64)))
            .collect();
        let profile = elevation_profile(&vertices);
        assert!(profile.distances_m.len() <= MAX_POINTS);
        assert_eq!(profile.distances_m.last(), Some(&profile.length_m));
    }

    #[test]
    fn lines_without_elevation_have_an_empty_profile() {
        let profile = elevation_profile(&[(6.0, 45.0, None), (6.0, 45.01, None)]);
        assert!(profile.elevations_m.is_empty());
        assert!(profile.length_m > 1000.0);
        // One elevation is a point, not a profile.
        let one = elevation_profile(&[(6.0, 45.0, Some(1500.0)), (6.0, 45.01, None)]);
        assert!(one.distances_m.is_empty() && one.elevations_m.is_empty());
    }
}
