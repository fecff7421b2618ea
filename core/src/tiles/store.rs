//! One tile set on disk, whatever its container: opening it by its first
//! bytes, what it declares ([`TileStoreInfo`]), and reading one tile, checked
//! against the declared format so a lying file never reaches the map.

use std::io::Read;
use std::path::Path;

use super::mbtiles::MbtilesStore;
use super::pmtiles::PmtilesStore;
use super::{TileCoord, TileEncoding, TileError, TileFormat};

/// The most bytes one stored tile may take. Map tiles weigh kilobytes
/// (vector tile guides stop at 500 kB); anything past this is a hostile or
/// broken file, refused before it is read, so no request can make the
/// server hold more than this per tile.
pub const MAX_TILE_BYTES: u64 = 4 << 20;

/// The container a tile set is stored in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum TileContainer {
    Mbtiles,
    Pmtiles,
}

/// A (west, south, east, north) rectangle in degrees.
#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Bounds {
    pub west: f64,
    pub south: f64,
    pub east: f64,
    pub north: f64,
}

impl Bounds {
    /// The whole Web Mercator world, what MBTiles assumes without `bounds`.
    pub const WORLD: Bounds = Bounds {
        west: -180.0,
        south: -85.051_128_78,
        east: 180.0,
        north: 85.051_128_78,
    };

    /// Checks that the rectangle is in range and not inverted.
    pub fn validated(self) -> Result<Bounds, String> {
        let Bounds {
            west,
            south,
            east,
            north,
        } = self;
        let finite = [west, south, east, north].iter().all(|v| v.is_finite());
        if !finite || !(-180.0..=180.0).contains(&west) || !(-180.0..=180.0).contains(&east) {
            return Err(format!("longitudes {west}, {east} out of range"));
        }
        if !(-90.0..=90.0).contains(&south) || !(-90.0..=90.0).contains(&north) {
            return Err(format!("latitudes {south}, {north} out of range"));
        }
        if west > east || south > north {
            return Err(format!("inverted bounds {west},{south},{east},{north}"));
        }
        Ok(self)
    }

    /// The smallest rectangle holding both.
    pub fn union(self, other: Bounds) -> Bounds {
        Bounds {
            west: self.west.min(other.west),
            south: self.south.min(other.south),
            east: self.east.max(other.east),
            north: self.north.max(other.north),
        }
    }
}

/// Where a map showing the tile set opens.
#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Center {
    pub lng: f64,
    pub lat: f64,
    pub zoom: u8,
}

/// What a tile set declares and holds, as read when it is opened.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TileStoreInfo {
    pub path: String,
    pub container: TileContainer,
    /// MBTiles: `flat`, `flat-with-hash` or `normalized`; PMTiles: `v3`.
    pub schema: String,
    pub format: TileFormat,
    pub encoding: TileEncoding,
    pub name: String,
    pub attribution: Option<String>,
    pub bounds: Bounds,
    pub center: Option<Center>,
    /// The lowest zoom level holding tiles.
    pub min_zoom: u8,
    /// The deepest zoom level holding tiles: raster tiles deeper are overzoomed.
    pub max_zoom: u8,
    pub tile_count: u64,
    /// The `vector_layers` array of a vector tile set, as JSON.
    pub vector_layers: Option<String>,
}

/// An open tile set: cheap to share between threads, read without locking
/// the whole set.
#[derive(Debug)]
pub enum TileStore {
    Mbtiles(MbtilesStore),
    Pmtiles(PmtilesStore),
}

const SQLITE_MAGIC: &[u8] = b"SQLite format 3\0";

impl TileStore {
    /// Opens the tile set at `path`, recognising its container from its first bytes.
    pub fn open(path: &Path) -> Result<TileStore, TileError> {
        let mut magic = [0u8; 16];
        let mut file = std::fs::File::open(path).map_err(|e| TileError::io(path, e))?;
        let read = read_up_to(&mut file, &mut magic).map_err(|e| TileError::io(path, e))?;
        let magic = &magic[..read];
        if magic.starts_with(SQLITE_MAGIC) {
            Ok(TileStore::Mbtiles(MbtilesStore::open(path)?))
        } else if magic.starts_with(super::pmtiles::MAGIC) {
            Ok(TileStore::Pmtiles(PmtilesStore::open(path)?))
        } else {
            Err(TileError::not_a_tile_set(
                path,
                "neither an SQLite (MBTiles) nor a PMTiles file",
            ))
        }
    }

    /// What the tile set declares and holds.
    pub fn info(&self) -> &TileStoreInfo {
        match self {
            TileStore::Mbtiles(store) => store.info(),
            TileStore::Pmtiles(store) => store.info(),
        }
    }

    /// The stored bytes of one tile (still gzipped when the set's encoding
    /// says so), `None` when the set has no such tile. Bytes that are not of
    /// the declared format are reported as [`TileError::Corrupt`].
    pub fn tile(&self, coord: TileCoord) -> Result<Option<Vec<u8>>, TileError> {
        let info = self.info();
        if coord.z() < info.min_zoom || coord.z() > info.max_zoom {
            return Ok(None);
        }
        let bytes = match self {
            TileStore::Mbtiles(store) => store.tile(coord)?,
            TileStore::Pmtiles(store) => store.tile(coord)?,
        };
        match bytes {
            Some(bytes) if !bytes_match(info, &bytes) => Err(TileError::corrupt(
                Path::new(&info.path),
                format!("tile {coord} is not {} data", info.format),
            )),
            other => Ok(other),
        }
    }
}

/// Whether stored bytes are what the tile set declares. Empty tiles are
/// accepted: some writers store them for blank areas.
pub(crate) fn bytes_match(info: &TileStoreInfo, bytes: &[u8]) -> bool {
    bytes.is_empty() || TileFormat::sniff(bytes) == Some((info.format, info.encoding))
}

fn read_up_to(file: &mut std::fs::File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match file.read(&mut buf[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

/// The file name without extension, the name of a tile set that declares none.
pub(crate) fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_default()
}
