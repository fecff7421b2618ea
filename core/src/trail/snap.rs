//! Where a fix lies on the route. The follower asks for a windowed snap around
//! the progress it expects, so a loop's start and end, the two legs of an
//! out-and-back or the two branches of a self-crossing trek are never confused;
//! a search of the whole line is kept for acquiring the route and rejoining it
//! after a detour.

use crate::geodesy::LatLon;
use crate::geodesy::{LocalProjection, project_on_segment};
use crate::trail::TrailError;
use crate::trail::geodesy::distance_m;

/// How much a metre of along-route distance away from the expected progress
/// weighs against a metre of distance from the line. Under 1, so on the line the
/// nearest point always wins; above 0, so between equally near branches the one
/// that continues the hike wins.
const ALONG_PENALTY: f64 = 0.2;

/// A stretch of the line running against the hiker's estimated motion costs
/// this much more, metres: where the line comes back on itself (the turn of an
/// out-and-back, the crossing of an eight) the leg going the hiker's way wins.
const AGAINST_MOTION_PENALTY_M: f64 = 25.0;

/// In a whole-line search, candidates this close to the best distance from the
/// line are equally good, metres; the one nearest the preferred progress wins.
const GLOBAL_TIE_M: f64 = 10.0;

/// A fix placed on the route.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Snap {
    /// Index of the segment (from vertex `segment` to `segment + 1`).
    pub segment: usize,
    /// Distance from the start of the route, metres.
    pub along_m: f64,
    /// Distance from the fix to the route, metres.
    pub offset_m: f64,
}

/// A route line prepared for snapping: vertices in a local metric frame and the
/// distance along the route at each vertex.
#[derive(Clone, Debug)]
pub struct RouteLine {
    frame: LocalProjection,
    positions: Vec<LatLon>,
    xy: Vec<[f64; 2]>,
    along_m: Vec<f64>,
}

impl RouteLine {
    /// Prepares `positions`, dropping repeated vertices. Needs two distinct,
    /// valid positions.
    pub fn new(positions: &[LatLon]) -> Result<RouteLine, TrailError> {
        if let Some(bad) = positions.iter().find(|p| {
            !(p.lat.is_finite() && p.lon.is_finite() && p.lat.abs() <= 90.0 && p.lon.abs() <= 180.0)
                || p.ele.is_some_and(|ele| !ele.is_finite())
        }) {
            return Err(TrailError::InvalidRoute {
                detail: format!("invalid position {bad:?}"),
            });
        }
        let mut kept: Vec<LatLon> = Vec::with_capacity(positions.len());
        for position in positions {
            if kept
                .last()
                .is_none_or(|last| distance_m(last, position) > 0.0)
            {
                kept.push(*position);
            }
        }
        if kept.len() < 2 {
            return Err(TrailError::InvalidRoute {
                detail: "a route needs at least two distinct positions".into(),
            });
        }
        let frame = LocalProjection::centred_on(kept.iter().map(LatLon::lon_lat));
        let xy = kept
            .iter()
            .map(|p| frame.project(p.lon_lat()).into())
            .collect();
        let mut along_m = Vec::with_capacity(kept.len());
        let mut total = 0.0;
        along_m.push(0.0);
        for pair in kept.windows(2) {
            total += distance_m(&pair[0], &pair[1]);
            along_m.push(total);
        }
        Ok(RouteLine {
            frame,
            positions: kept,
            xy,
            along_m,
        })
    }

    pub fn length_m(&self) -> f64 {
        self.along_m.last().copied().unwrap_or_default()
    }

    pub fn positions(&self) -> &[LatLon] {
        &self.positions
    }

    /// Distance along the route at each vertex of [`RouteLine::positions`].
    pub fn vertex_along_m(&self) -> &[f64] {
        &self.along_m
    }

    /// A fix's coordinates in the line's frame.
    pub fn to_xy(&self, lat: f64, lon: f64) -> [f64; 2] {
        self.frame.project((lon, lat)).into()
    }

    /// The index of the segment holding the point `along_m` from the start.
    pub fn segment_at(&self, along_m: f64) -> usize {
        let vertex = self.along_m.partition_point(|&a| a <= along_m);
        vertex.saturating_sub(1).min(self.xy.len() - 2)
    }

    /// The position `along_m` from the start (clamped to the line), with
    /// interpolated elevation.
    pub fn position_at(&self, along_m: f64) -> LatLon {
        let along_m = along_m.clamp(0.0, self.length_m());
        let segment = self.segment_at(along_m);
        let (a, b) = (&self.positions[segment], &self.positions[segment + 1]);
        let span = self.along_m[segment + 1] - self.along_m[segment];
        let t = if span > 0.0 {
            ((along_m - self.along_m[segment]) / span).clamp(0.0, 1.0)
        } else {
            0.0
        };
        let lerp = |from: f64, to: f64| from + (to - from) * t;
        LatLon {
            lat: lerp(a.lat, b.lat),
            lon: lerp(a.lon, b.lon),
            ele: a.ele.zip(b.ele).map(|(from, to)| lerp(from, to)),
        }
    }

    /// The best snap among segments within `reach_m` of `expected_along_m`.
    pub fn snap_window(&self, point: [f64; 2], expected_along_m: f64, reach_m: f64) -> Snap {
        self.snap_window_moving(point, expected_along_m, reach_m, None)
    }

    /// [`RouteLine::snap_window`] for a hiker moving along `motion` (a
    /// velocity east and north in the line's frame, in the direction of the
    /// route the hiker is taken to follow): stretches running against it cost
    /// more.
    pub fn snap_window_moving(
        &self,
        point: [f64; 2],
        expected_along_m: f64,
        reach_m: f64,
        motion: Option<[f64; 2]>,
    ) -> Snap {
        let first = self.segment_at(expected_along_m - reach_m);
        let last = self.segment_at(expected_along_m + reach_m);
        let mut best: Option<(f64, Snap)> = None;
        for segment in first..=last {
            let snap = self.project(point, segment);
            let against = motion.is_some_and(|[east, north]| {
                let (a, b) = (self.xy[segment], self.xy[segment + 1]);
                let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
                let cosine = (dx * east + dy * north) / (dx.hypot(dy) * east.hypot(north));
                cosine < -0.5
            });
            let cost = snap.offset_m
                + ALONG_PENALTY * (snap.along_m - expected_along_m).abs()
                + if against {
                    AGAINST_MOTION_PENALTY_M
                } else {
                    0.0
                };
            if best.is_none_or(|(best_cost, _)| cost < best_cost) {
                best = Some((cost, snap));
            }
        }
        best.map_or_else(|| self.project(point, first), |(_, snap)| snap)
    }

    /// The nearest point of the first stretch of the line, in route order,
    /// that passes within `radius_m` of `point`: where a hiker setting out
    /// stands when the route passes there twice (a loop, a figure eight
    /// crossing at its start). `None` when no stretch passes that close.
    pub fn snap_first_within(&self, point: [f64; 2], radius_m: f64) -> Option<Snap> {
        let mut best: Option<Snap> = None;
        for segment in 0..self.xy.len() - 1 {
            let snap = self.project(point, segment);
            match best {
                _ if snap.offset_m > radius_m && best.is_some() => break,
                _ if snap.offset_m > radius_m => {}
                Some(found) if found.offset_m <= snap.offset_m => {}
                _ => best = Some(snap),
            }
        }
        best
    }

    /// The nearest point of the whole line; among points about as near, the one
    /// closest to `preferred_along_m` along the route.
    pub fn snap_global(&self, point: [f64; 2], preferred_along_m: f64) -> Snap {
        let nearest = self.snap_nearest(point);
        let mut best = nearest;
        for segment in 0..self.xy.len() - 1 {
            let snap = self.project(point, segment);
            if snap.offset_m <= nearest.offset_m + GLOBAL_TIE_M
                && (snap.along_m - preferred_along_m).abs()
                    < (best.along_m - preferred_along_m).abs()
            {
                best = snap;
            }
        }
        best
    }

    /// The nearest point of the whole line, first in route order on ties: the
    /// naive scan the windowed search is measured against.
    pub fn snap_nearest(&self, point: [f64; 2]) -> Snap {
        let mut best = self.project(point, 0);
        for segment in 1..self.xy.len() - 1 {
            let snap = self.project(point, segment);
            if snap.offset_m < best.offset_m {
                best = snap;
            }
        }
        best
    }

    fn project(&self, point: [f64; 2], segment: usize) -> Snap {
        let (t, distance_sq) = project_on_segment(
            point.into(),
            self.xy[segment].into(),
            self.xy[segment + 1].into(),
        );
        let (from, to) = (self.along_m[segment], self.along_m[segment + 1]);
        Snap {
            segment,
            along_m: from + t * (to - from),
            offset_m: distance_sq.sqrt(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A straight line north from (44.8, 6.3), one vertex every 10 m.
    fn north_line(vertices: usize) -> RouteLine {
        let positions: Vec<LatLon> = (0..vertices)
            .map(|i| LatLon {
                lat: 44.8 + i as f64 * 10.0 / 111_195.0,
                lon: 6.3,
                ele: Some(1000.0 + i as f64),
            })
            .collect();
        RouteLine::new(&positions).unwrap()
    }

    #[test]
    fn rejects_degenerate_lines() {
        let p = LatLon {
            lat: 44.8,
            lon: 6.3,
            ele: None,
        };
        assert!(RouteLine::new(&[p, p]).is_err());
        assert!(RouteLine::new(&[p, LatLon { lat: f64::NAN, ..p }]).is_err());
    }

    #[test]
    fn position_at_interpolates_elevation() {
        let line = north_line(11);
        assert!((line.length_m() - 100.0).abs() < 0.1);
        let middle = line.position_at(line.vertex_along_m()[2] + 5.0);
        assert!((middle.ele.unwrap() - 1002.5).abs() < 1e-6);
        assert_eq!(line.position_at(-5.0).lat, 44.8);
    }

    #[test]
    fn windowed_and_global_snaps_agree_on_a_simple_line() {
        let line = north_line(101);
        let point = line.to_xy(44.8 + 555.0 / 111_195.0, 6.3 + 10.0 / 78_900.0);
        let windowed = line.snap_window(point, 540.0, 100.0);
        let global = line.snap_nearest(point);
        assert!((windowed.along_m - global.along_m).abs() < 1e-6);
        assert!((windowed.offset_m - 10.0).abs() < 0.2, "{windowed:?}");
    }

    #[test]
    fn the_first_pass_near_a_point_wins_over_a_nearer_later_one() {
        // North 200 m, east 50 m, back south past the start, then west: the
        // line passes 100 m north of the start twice, 50 m apart.
        let at = |north: f64, east: f64| LatLon {
            lat: 44.8 + north / 111_195.0,
            lon: 6.3 + east / (111_195.0 * 44.8f64.to_radians().cos()),
            ele: None,
        };
        let line = RouteLine::new(&[
            at(0.0, 0.0),
            at(200.0, 0.0),
            at(200.0, 50.0),
            at(-50.0, 50.0),
        ])
        .unwrap();
        let point = line.to_xy(
            44.8 + 100.0 / 111_195.0,
            6.3 + 40.0 / (111_195.0 * 44.8f64.to_radians().cos()),
        );
        let first = line.snap_first_within(point, 60.0).unwrap();
        assert!((first.along_m - 100.0).abs() < 1.0, "{first:?}");
        assert!((first.offset_m - 40.0).abs() < 1.0);
        assert!(
            (line.snap_nearest(point).along_m - 350.0).abs() < 1.0,
            "the later pass is nearer"
        );
        assert!(line.snap_first_within(point, 5.0).is_none());
    }
}
