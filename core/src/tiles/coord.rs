//! Tile coordinates: the XYZ scheme the server and MapLibre speak, checked once
//! at the edge, and the conversions the stores need (TMS rows for MBTiles,
//! ancestors for overzoom).

use super::TileError;

/// The deepest zoom level a coordinate may have: 2^30 columns still fit an
/// `u32` with room for arithmetic, and no tile set comes near it.
pub const MAX_ZOOM: u8 = 30;

/// One tile in the XYZ scheme (row 0 at the north), always within its zoom's grid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TileCoord {
    z: u8,
    x: u32,
    y: u32,
}

impl TileCoord {
    /// Checks that `z <= MAX_ZOOM` and that `x` and `y` are inside the grid of `z`.
    pub fn new(z: u8, x: u32, y: u32) -> Result<TileCoord, TileError> {
        if z > MAX_ZOOM || u64::from(x) >= 1u64 << z || u64::from(y) >= 1u64 << z {
            return Err(TileError::InvalidCoordinate {
                z: u32::from(z),
                x,
                y,
            });
        }
        Ok(TileCoord { z, x, y })
    }

    /// The zoom level.
    pub fn z(&self) -> u8 {
        self.z
    }

    /// The column, from the west.
    pub fn x(&self) -> u32 {
        self.x
    }

    /// The row, from the north.
    pub fn y(&self) -> u32 {
        self.y
    }

    /// The row in the TMS scheme MBTiles stores (row 0 at the south).
    pub fn tms_row(&self) -> u32 {
        ((1u64 << self.z) - 1 - u64::from(self.y)) as u32
    }

    /// The tile at zoom `z` (at most this tile's zoom) that contains this one.
    pub fn ancestor(&self, z: u8) -> TileCoord {
        let shift = self.z - z.min(self.z);
        TileCoord {
            z: self.z - shift,
            x: self.x >> shift,
            y: self.y >> shift,
        }
    }

    /// The (west, south, east, north) bounds of the tile in degrees.
    pub fn bounds(&self) -> [f64; 4] {
        let n = (1u64 << self.z) as f64;
        let lng = |x: f64| x / n * 360.0 - 180.0;
        let lat = |y: f64| {
            (std::f64::consts::PI * (1.0 - 2.0 * y / n))
                .sinh()
                .atan()
                .to_degrees()
        };
        let (x, y) = (f64::from(self.x), f64::from(self.y));
        [lng(x), lat(y + 1.0), lng(x + 1.0), lat(y)]
    }

    /// The tile at zoom `z` containing the point (`lng`, `lat`), clamped to the grid.
    pub fn containing(lng: f64, lat: f64, z: u8) -> Result<TileCoord, TileError> {
        let n = (1u64 << z.min(MAX_ZOOM)) as f64;
        let lat = lat.clamp(-85.051_128_78, 85.051_128_78).to_radians();
        let x = ((lng + 180.0) / 360.0 * n).floor().clamp(0.0, n - 1.0);
        let y = ((1.0 - lat.tan().asinh() / std::f64::consts::PI) / 2.0 * n)
            .floor()
            .clamp(0.0, n - 1.0);
        TileCoord::new(z, x as u32, y as u32)
    }
}

impl std::fmt::Display for TileCoord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}/{}", self.z, self.x, self.y)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_coordinates_outside_the_grid() {
        assert!(TileCoord::new(0, 0, 0).is_ok());
        assert!(TileCoord::new(0, 1, 0).is_err());
        assert!(TileCoord::new(3, 7, 8).is_err());
        assert!(TileCoord::new(MAX_ZOOM, u32::MAX, 0).is_err());
        assert!(TileCoord::new(MAX_ZOOM + 1, 0, 0).is_err());
    }

    #[test]
    fn tms_row_flips_the_y_axis() {
        assert_eq!(TileCoord::new(0, 0, 0).unwrap().tms_row(), 0);
        assert_eq!(TileCoord::new(2, 1, 0).unwrap().tms_row(), 3);
        assert_eq!(TileCoord::new(2, 1, 3).unwrap().tms_row(), 0);
    }

    #[test]
    fn ancestor_and_containing_agree() {
        let tile = TileCoord::containing(6.3, 44.8, 14).unwrap();
        assert_eq!(
            tile.ancestor(10),
            TileCoord::containing(6.3, 44.8, 10).unwrap()
        );
        assert_eq!(tile.ancestor(20), tile);
        let [w, s, e, n] = tile.bounds();
        assert!(w <= 6.3 && 6.3 < e && s <= 44.8 && 44.8 < n);
    }
}
