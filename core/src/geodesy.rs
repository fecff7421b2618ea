//! Distances on the ground, and projecting points onto lines, at the
//! accuracy hiking needs (a few centimetres over a trek's extent).

/// Mean Earth radius in metres (IUGG).
pub const EARTH_RADIUS_M: f64 = 6_371_008.8;

/// Great-circle distance in metres between two `(lon, lat)` positions.
pub fn haversine_m(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (lat1, lat2) = (a.1.to_radians(), b.1.to_radians());
    let dlat = lat2 - lat1;
    let dlon = (b.0 - a.0).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_M * h.sqrt().min(1.0).asin()
}

/// An equirectangular projection to metres around a reference latitude:
/// exact enough within a few tens of kilometres, and cheap.
#[derive(Debug, Clone, Copy)]
pub struct LocalProjection {
    origin: (f64, f64),
    metres_per_degree_lon: f64,
    metres_per_degree_lat: f64,
}

impl LocalProjection {
    pub fn around(origin: (f64, f64)) -> LocalProjection {
        let metres_per_degree_lat = EARTH_RADIUS_M * std::f64::consts::PI / 180.0;
        LocalProjection {
            origin,
            metres_per_degree_lon: metres_per_degree_lat * origin.1.to_radians().cos(),
            metres_per_degree_lat,
        }
    }

    /// `(lon, lat)` to metres east and north of the origin.
    pub fn project(&self, position: (f64, f64)) -> (f64, f64) {
        (
            (position.0 - self.origin.0) * self.metres_per_degree_lon,
            (position.1 - self.origin.1) * self.metres_per_degree_lat,
        )
    }
}

/// Where a point falls on a line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LineProjection {
    /// Distance along the line from its start to the projected point, in metres.
    pub along_m: f64,
    /// Distance from the point to the line, in metres.
    pub offset_m: f64,
    /// Index of the segment (from vertex `segment` to `segment + 1`).
    pub segment: usize,
    /// Position of the projection within that segment, 0 to 1.
    pub fraction: f64,
}

/// A line prepared for repeated projections: vertices in local metres and
/// cumulative lengths.
#[derive(Debug, Clone)]
pub struct MeasuredLine {
    projection: LocalProjection,
    points: Vec<(f64, f64)>,
    cumulative_m: Vec<f64>,
}

impl MeasuredLine {
    /// Prepares a line of `(lon, lat)` vertices; `None` when it has none.
    pub fn new(vertices: &[(f64, f64)]) -> Option<MeasuredLine> {
        let first = *vertices.first()?;
        let projection = LocalProjection::around(first);
        let points: Vec<_> = vertices.iter().map(|v| projection.project(*v)).collect();
        let mut cumulative_m = Vec::with_capacity(points.len());
        let mut total = 0.0;
        for (i, point) in points.iter().enumerate() {
            if i > 0 {
                total += distance(points[i - 1], *point);
            }
            cumulative_m.push(total);
        }
        Some(MeasuredLine {
            projection,
            points,
            cumulative_m,
        })
    }

    pub fn length_m(&self) -> f64 {
        self.cumulative_m.last().copied().unwrap_or(0.0)
    }

    /// Distance along the line of each vertex, in metres.
    pub fn cumulative_m(&self) -> &[f64] {
        &self.cumulative_m
    }

    /// The nearest point of segments `range` to `position` (`(lon, lat)`).
    pub fn project_within(
        &self,
        position: (f64, f64),
        range: std::ops::Range<usize>,
    ) -> Option<LineProjection> {
        let p = self.projection.project(position);
        if self.points.len() == 1 {
            return Some(LineProjection {
                along_m: 0.0,
                offset_m: distance(p, self.points[0]),
                segment: 0,
                fraction: 0.0,
            });
        }
        let last_segment = self.points.len() - 1;
        let mut best: Option<LineProjection> = None;
        for segment in range.start..range.end.min(last_segment) {
            let (a, b) = (self.points[segment], self.points[segment + 1]);
            let (dx, dy) = (b.0 - a.0, b.1 - a.1);
            let length_sq = dx * dx + dy * dy;
            let fraction = if length_sq > 0.0 {
                (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / length_sq).clamp(0.0, 1.0)
            } else {
                0.0
            };
            let foot = (a.0 + fraction * dx, a.1 + fraction * dy);
            let offset_m = distance(p, foot);
            if best.is_none_or(|b| offset_m < b.offset_m) {
                let along_m = self.cumulative_m[segment]
                    + fraction * (self.cumulative_m[segment + 1] - self.cumulative_m[segment]);
                best = Some(LineProjection {
                    along_m,
                    offset_m,
                    segment,
                    fraction,
                });
            }
        }
        best
    }

    /// The nearest point of the whole line to `position`.
    pub fn project(&self, position: (f64, f64)) -> Option<LineProjection> {
        self.project_within(position, 0..self.points.len())
    }
}

fn distance(a: (f64, f64), b: (f64, f64)) -> f64 {
    (a.0 - b.0).hypot(a.1 - b.1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn haversine_matches_a_known_distance() {
        // One degree of latitude is about 111.2 km.
        let d = haversine_m((6.0, 44.0), (6.0, 45.0));
        assert!((d - 111_195.0).abs() < 10.0, "{d}");
        assert_eq!(haversine_m((6.0, 44.0), (6.0, 44.0)), 0.0);
    }

    #[test]
    fn projection_finds_along_and_offset() {
        // A 2-segment line going east then north, about 1 km each.
        let line = MeasuredLine::new(&[(6.0, 45.0), (6.0127, 45.0), (6.0127, 45.009)]).unwrap();
        assert!(
            (line.length_m() - 2000.0).abs() < 10.0,
            "{}",
            line.length_m()
        );
        let p = line.project((6.00635, 45.0009)).unwrap(); // midway along the first leg, 100 m north
        assert_eq!(p.segment, 0);
        assert!((p.along_m - 500.0).abs() < 5.0, "{p:?}");
        assert!((p.offset_m - 100.0).abs() < 2.0, "{p:?}");
        let windowed = line.project_within((6.00635, 45.0009), 1..2).unwrap();
        assert_eq!(windowed.segment, 1);
    }
}
