//! Positions on the ground ([`LatLon`], the one coordinate type of the core
//! and of the shells), distances between them, and projecting points onto
//! lines, at the accuracy hiking needs (a few centimetres over a trek's
//! extent).

/// A WGS84 position in degrees, with its elevation in metres when known.
///
/// The one position record: the catalog's places and track vertices, a
/// report's location and the route the follower follows all use it. The
/// elevation is an `Option` on it rather than a second type: most positions
/// have none (it is `None`, and left out of JSON), the ones that do are the
/// same points, and one type spares every caller a conversion. Positions
/// from outside (a draft, a platform fix) are checked with
/// [`LatLon::is_valid`].
#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct LatLon {
    /// Reports stored before this type named it `latitude`.
    #[serde(alias = "latitude")]
    pub lat: f64,
    #[serde(alias = "longitude")]
    pub lon: f64,
    /// Metres above sea level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub ele: Option<f64>,
}

impl LatLon {
    /// A position without elevation.
    pub const fn new(lat: f64, lon: f64) -> LatLon {
        LatLon {
            lat,
            lon,
            ele: None,
        }
    }

    /// A position from GeoJSON's `[lon, lat]` or `[lon, lat, ele]` order.
    pub const fn from_lon_lat(lon: f64, lat: f64, ele: Option<f64>) -> LatLon {
        LatLon { lat, lon, ele }
    }

    /// `(lon, lat)`, the order of this module's functions.
    pub fn lon_lat(&self) -> (f64, f64) {
        (self.lon, self.lat)
    }

    /// Whether both coordinates are finite and within WGS84's range (and
    /// the elevation, when given, finite).
    pub fn is_valid(&self) -> bool {
        self.lat.is_finite()
            && self.lon.is_finite()
            && (-90.0..=90.0).contains(&self.lat)
            && (-180.0..=180.0).contains(&self.lon)
            && self.ele.is_none_or(f64::is_finite)
    }

    /// Distance in metres to `other` along a short segment (equirectangular:
    /// well under a millimetre off at the report composer's 50 m).
    pub fn distance_m(&self, other: &LatLon) -> f64 {
        let (x, y) = self.local_xy(other);
        x.hypot(y)
    }

    /// `other` in metres east and north of `self`.
    fn local_xy(&self, other: &LatLon) -> (f64, f64) {
        let mean_lat = ((self.lat + other.lat) / 2.0).to_radians();
        let x = (other.lon - self.lon).to_radians() * mean_lat.cos() * EARTH_RADIUS_M;
        let y = (other.lat - self.lat).to_radians() * EARTH_RADIUS_M;
        (x, y)
    }

    /// Distance in metres to the nearest point of the polyline `points`
    /// (a single point for point geometries).
    pub fn distance_to_polyline_m(&self, points: &[LatLon]) -> Option<f64> {
        match points {
            [] => None,
            [single] => Some(self.distance_m(single)),
            _ => points
                .windows(2)
                .map(|segment| {
                    let (a, b) = (self.local_xy(&segment[0]), self.local_xy(&segment[1]));
                    project_on_segment((0.0, 0.0), a, b).1.sqrt()
                })
                .min_by(f64::total_cmp),
        }
    }
}

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

/// Initial great-circle bearing in degrees clockwise from true north
/// (0..360) from `a` towards `b`, both `(lon, lat)`.
pub fn initial_bearing_deg(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (lat1, lat2) = (a.1.to_radians(), b.1.to_radians());
    let dlon = (b.0 - a.0).to_radians();
    let y = dlon.sin() * lat2.cos();
    let x = lat1.cos() * lat2.sin() - lat1.sin() * lat2.cos() * dlon.cos();
    y.atan2(x).to_degrees().rem_euclid(360.0)
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

    /// A projection around the middle of the bounding box of `positions`
    /// (`(lon, lat)`; the null island for none).
    pub fn centred_on(positions: impl IntoIterator<Item = (f64, f64)>) -> LocalProjection {
        let (mut west, mut south) = (f64::INFINITY, f64::INFINITY);
        let (mut east, mut north) = (f64::NEG_INFINITY, f64::NEG_INFINITY);
        for (lon, lat) in positions {
            (west, east) = (west.min(lon), east.max(lon));
            (south, north) = (south.min(lat), north.max(lat));
        }
        if west > east {
            return LocalProjection::around((0.0, 0.0));
        }
        LocalProjection::around(((west + east) / 2.0, (south + north) / 2.0))
    }

    /// `(lon, lat)` to metres east and north of the origin.
    pub fn project(&self, position: (f64, f64)) -> (f64, f64) {
        (
            (position.0 - self.origin.0) * self.metres_per_degree_lon,
            (position.1 - self.origin.1) * self.metres_per_degree_lat,
        )
    }

    /// Metres east and north of the origin back to `(lon, lat)`.
    pub fn unproject(&self, xy: (f64, f64)) -> (f64, f64) {
        (
            self.origin.0 + xy.0 / self.metres_per_degree_lon,
            self.origin.1 + xy.1 / self.metres_per_degree_lat,
        )
    }
}

/// Where `point` projects on the segment `a`-`b` (plane coordinates): the
/// fraction along the segment, clamped to `0..=1`, and the squared distance
/// from the point to that foot.
pub fn project_on_segment(point: (f64, f64), a: (f64, f64), b: (f64, f64)) -> (f64, f64) {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let length_sq = dx * dx + dy * dy;
    let fraction = if length_sq > 0.0 {
        (((point.0 - a.0) * dx + (point.1 - a.1) * dy) / length_sq).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let (fx, fy) = (a.0 + fraction * dx - point.0, a.1 + fraction * dy - point.1);
    (fraction, fx * fx + fy * fy)
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
            let (fraction, offset_sq) =
                project_on_segment(p, self.points[segment], self.points[segment + 1]);
            let offset_m = offset_sq.sqrt();
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
    fn initial_bearing_points_to_the_compass_directions() {
        let origin = (6.0, 45.0);
        assert!(initial_bearing_deg(origin, (6.0, 45.1)).abs() < 1e-9);
        assert!((initial_bearing_deg(origin, (6.1, 45.0)) - 90.0).abs() < 0.1);
        assert!((initial_bearing_deg(origin, (6.0, 44.9)) - 180.0).abs() < 1e-9);
        assert!((initial_bearing_deg(origin, (5.9, 45.0)) - 270.0).abs() < 0.1);
    }

    #[test]
    fn haversine_matches_a_known_distance() {
        // One degree of latitude is about 111.2 km.
        let d = haversine_m((6.0, 44.0), (6.0, 45.0));
        assert!((d - 111_195.0).abs() < 10.0, "{d}");
        assert_eq!(haversine_m((6.0, 44.0), (6.0, 44.0)), 0.0);
    }

    #[test]
    fn local_projection_round_trips_and_agrees_with_haversine() {
        let projection = LocalProjection::centred_on([(6.27, 44.79), (6.32, 44.81)]);
        let xy = projection.project((6.32, 44.81));
        let (lon, lat) = projection.unproject(xy);
        assert!((lat - 44.81).abs() < 1e-12 && (lon - 6.32).abs() < 1e-12);
        let flat = (xy.0 * 2.0).hypot(xy.1 * 2.0);
        let sphere = haversine_m((6.27, 44.79), (6.32, 44.81));
        assert!((flat - sphere).abs() / sphere < 1e-3, "{flat} vs {sphere}");
    }

    #[test]
    fn segment_projection_clamps_to_the_ends() {
        assert_eq!(
            project_on_segment((-5.0, 0.0), (0.0, 0.0), (10.0, 0.0)),
            (0.0, 25.0)
        );
        assert_eq!(
            project_on_segment((5.0, 3.0), (0.0, 0.0), (10.0, 0.0)),
            (0.5, 9.0)
        );
        assert_eq!(
            project_on_segment((1.0, 1.0), (2.0, 2.0), (2.0, 2.0)),
            (0.0, 2.0)
        );
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
