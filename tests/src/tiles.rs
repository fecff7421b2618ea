//! Deterministic tile sets for the tiles tests, benchmarks and `sentier map`:
//! a synthetic relief (hillshaded, tinted by elevation) drawn with the
//! `image` crate over a small territory, vector tiles (contours, forests,
//! peaks) encoded as gzipped MVT, both written as MBTiles (flat, and through
//! the `mbtiles` crate's copier as flat-with-hash or normalized, with
//! `agg_tiles_hash`) and as PMTiles v3 (gzipped directories, leaf
//! directories when the root would not fit), and bulk files of reused noise
//! tiles for benchmarks (100,000+ tiles, 1 GB+ in seconds). What needs the
//! `mbtiles` crate (schemas other than flat, `agg_tiles_hash`) is behind the
//! `mbtiles` feature. [`hostile`] writes the files that attack the readers.

use std::collections::HashMap;
use std::f64::consts::PI;
use std::io::{Cursor, Write};
use std::path::Path;

use flate2::Compression;
use flate2::write::GzEncoder;
use image::{ImageFormat, Rgb, RgbImage};
#[cfg(feature = "mbtiles")]
use mbtiles::{MbtType, Mbtiles, MbtilesCopier};
use rand::{Rng, SeedableRng};
use rusqlite::{Connection, params};
use sentier_core::tiles::pmtiles::{self, Entry, Header, compression, tile_type};
use sentier_core::tiles::{TileCoord, TileFormat};

pub mod hostile;

/// Anything that can fail while writing a tile set.
pub type Error = Box<dyn std::error::Error + Send + Sync>;

/// A rectangle and a zoom range to cover with tiles.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TileArea {
    pub west: f64,
    pub south: f64,
    pub east: f64,
    pub north: f64,
    pub min_zoom: u8,
    pub max_zoom: u8,
}

/// The synthetic territory: lng 6.0-6.6, lat 44.6-45.0, zooms 0-14 (about 1,050 tiles).
pub const TERRITORY: TileArea = TileArea {
    west: 6.0,
    south: 44.6,
    east: 6.6,
    north: 45.0,
    min_zoom: 0,
    max_zoom: 14,
};

impl TileArea {
    /// The same rectangle with other zooms.
    pub const fn zooms(self, min_zoom: u8, max_zoom: u8) -> TileArea {
        TileArea {
            min_zoom,
            max_zoom,
            ..self
        }
    }

    /// Every tile of the area, zoom by zoom, row by row.
    pub fn coords(&self) -> Vec<TileCoord> {
        let mut coords = Vec::new();
        for z in self.min_zoom..=self.max_zoom {
            let (Ok(nw), Ok(se)) = (
                TileCoord::containing(self.west, self.north, z),
                TileCoord::containing(self.east, self.south, z),
            ) else {
                continue;
            };
            for y in nw.y()..=se.y() {
                for x in nw.x()..=se.x() {
                    coords.extend(TileCoord::new(z, x, y));
                }
            }
        }
        coords
    }

    /// `west,south,east,north`, as MBTiles writes it.
    pub fn bounds_text(&self) -> String {
        format!("{},{},{},{}", self.west, self.south, self.east, self.north)
    }
}

/// The synthetic terrain's elevation in meters at (`lng`, `lat`): a few
/// crossed ridges between ~300 m and ~3,600 m.
pub fn elevation(lng: f64, lat: f64) -> f64 {
    1900.0
        + 900.0 * (lng * 7.3).sin() * (lat * 9.1).cos()
        + 500.0 * (lng * 23.0 + lat * 17.0).sin()
        + 220.0 * (lng * 61.0 - lat * 47.0).sin() * (lat * 53.0).cos()
        + 60.0 * (lng * 211.0 + lat * 173.0).sin()
}

/// One 256-pixel relief tile: elevation tint times hillshade (sun from the north-west).
pub fn relief_image(coord: TileCoord) -> RgbImage {
    const SIZE: u32 = 256;
    let n = (1u64 << coord.z()) as f64 * f64::from(SIZE);
    let lng_at = |px: f64| px / n * 360.0 - 180.0;
    let lat_at = |py: f64| (PI * (1.0 - 2.0 * py / n)).sinh().atan().to_degrees();
    let (x0, y0) = (
        f64::from(coord.x()) * f64::from(SIZE),
        f64::from(coord.y()) * f64::from(SIZE),
    );
    // One extra row and column for the slopes of the last pixels.
    let side = SIZE as usize + 1;
    let lngs: Vec<f64> = (0..side).map(|i| lng_at(x0 + i as f64)).collect();
    let lats: Vec<f64> = (0..side).map(|j| lat_at(y0 + j as f64)).collect();
    let heights: Vec<f64> = lats
        .iter()
        .flat_map(|lat| lngs.iter().map(move |lng| elevation(*lng, *lat)))
        .collect();
    let meters_per_pixel = 40_075_016.0 * lats[side / 2].to_radians().cos() / n;
    RgbImage::from_fn(SIZE, SIZE, |i, j| {
        let at = |di: usize, dj: usize| heights[(j as usize + dj) * side + i as usize + di];
        // Slopes halved: a softer shade that keeps the tint readable.
        let dzdx = 0.5 * (at(1, 0) - at(0, 0)) / meters_per_pixel;
        let dzdy = 0.5 * (at(0, 1) - at(0, 0)) / meters_per_pixel;
        let shade = ((1.0 + dzdx - dzdy) / (1.0 + dzdx * dzdx + dzdy * dzdy).sqrt() / 2f64.sqrt())
            .clamp(0.25, 1.0);
        let [r, g, b] = tint(at(0, 0));
        let scale = |c: f64| (c * shade).round().clamp(0.0, 255.0) as u8;
        Rgb([scale(r), scale(g), scale(b)])
    })
}

fn tint(elevation: f64) -> [f64; 3] {
    const STOPS: [(f64, [f64; 3]); 5] = [
        (300.0, [110.0, 160.0, 90.0]),
        (1200.0, [150.0, 180.0, 100.0]),
        (2000.0, [190.0, 165.0, 120.0]),
        (2800.0, [160.0, 140.0, 130.0]),
        (3600.0, [250.0, 250.0, 250.0]),
    ];
    let upper = STOPS
        .iter()
        .position(|(h, _)| elevation < *h)
        .unwrap_or(STOPS.len() - 1)
        .max(1);
    let ((h0, c0), (h1, c1)) = (STOPS[upper - 1], STOPS[upper]);
    let t = ((elevation - h0) / (h1 - h0)).clamp(0.0, 1.0);
    [0, 1, 2].map(|i| c0[i] + (c1[i] - c0[i]) * t)
}

/// A relief tile encoded as `format` (PNG, JPEG or lossless WebP).
pub fn relief_tile(coord: TileCoord, format: TileFormat) -> Result<Vec<u8>, Error> {
    let image = relief_image(coord);
    let image_format = match format {
        TileFormat::Png => ImageFormat::Png,
        TileFormat::Jpeg => ImageFormat::Jpeg,
        TileFormat::Webp => ImageFormat::WebP,
        TileFormat::Mvt => return Err("relief tiles are images".into()),
    };
    let mut bytes = Vec::new();
    image.write_to(&mut Cursor::new(&mut bytes), image_format)?;
    Ok(bytes)
}

/// The vector layers of [`vector_tile`], as MBTiles `json` and PMTiles metadata declare them.
pub fn vector_layers() -> serde_json::Value {
    serde_json::json!([
        {"id": "contour", "fields": {"ele": "Number"}, "minzoom": 0, "maxzoom": 14},
        {"id": "forest", "fields": {}, "minzoom": 0, "maxzoom": 14},
        {"id": "peak", "fields": {"name": "String"}, "minzoom": 0, "maxzoom": 14}
    ])
}

/// A gzipped Mapbox Vector Tile: three contour lines, a forest polygon and a peak.
pub fn vector_tile(coord: TileCoord) -> Vec<u8> {
    let extent = 4096i32;
    let contours: Vec<Vec<u8>> = (1..=3)
        .map(|k| {
            let y = extent * k / 4 + ((coord.x() % 7) as i32 * 37);
            let line = [
                (0, y),
                (extent / 3, y - 200),
                (2 * extent / 3, y + 150),
                (extent, y),
            ];
            mvt::feature(
                k as u64,
                &[0, k as u32 - 1],
                mvt::LINE,
                &mvt::path(&line, false),
            )
        })
        .collect();
    let contour_values: Vec<Vec<u8>> = (1..=3).map(|k| mvt::int_value(1000 + 100 * k)).collect();
    let square = [(1024, 1024), (3072, 1024), (3072, 3072), (1024, 3072)];
    let forest = mvt::feature(10, &[], mvt::POLYGON, &mvt::path(&square, true));
    let peak = mvt::feature(20, &[0, 0], mvt::POINT, &mvt::path(&[(2048, 2048)], false));
    let tile = [
        mvt::layer("contour", &contours, &["ele"], &contour_values),
        mvt::layer("forest", &[forest], &[], &[]),
        mvt::layer(
            "peak",
            &[peak],
            &["name"],
            &[mvt::string_value(&format!("Peak {coord}"))],
        ),
    ]
    .iter()
    .fold(Vec::new(), |mut out, layer| {
        mvt::field_bytes(&mut out, 3, layer);
        out
    });
    gzip(&tile)
}

/// The few parts of the MVT 2.1 protobuf encoding the test tiles need.
mod mvt {
    pub const POINT: u64 = 1;
    pub const LINE: u64 = 2;
    pub const POLYGON: u64 = 3;

    pub fn varint(out: &mut Vec<u8>, mut value: u64) {
        while value >= 0x80 {
            out.push((value as u8) | 0x80);
            value >>= 7;
        }
        out.push(value as u8);
    }

    pub fn field_varint(out: &mut Vec<u8>, field: u64, value: u64) {
        varint(out, field << 3);
        varint(out, value);
    }

    pub fn field_bytes(out: &mut Vec<u8>, field: u64, bytes: &[u8]) {
        varint(out, (field << 3) | 2);
        varint(out, bytes.len() as u64);
        out.extend_from_slice(bytes);
    }

    fn packed(values: &[u32]) -> Vec<u8> {
        let mut out = Vec::new();
        values.iter().for_each(|v| varint(&mut out, u64::from(*v)));
        out
    }

    fn zigzag(value: i32) -> u32 {
        ((value << 1) ^ (value >> 31)) as u32
    }

    /// MoveTo the first point, LineTo the others, ClosePath for rings.
    pub fn path(points: &[(i32, i32)], ring: bool) -> Vec<u32> {
        let mut commands = Vec::new();
        let mut cursor = (0, 0);
        for (i, (x, y)) in points.iter().enumerate() {
            if i == 0 {
                commands.push(1 | (1 << 3));
            } else if i == 1 {
                commands.push(2 | ((points.len() as u32 - 1) << 3));
            }
            commands.push(zigzag(x - cursor.0));
            commands.push(zigzag(y - cursor.1));
            cursor = (*x, *y);
        }
        if ring {
            commands.push(7 | (1 << 3));
        }
        commands
    }

    pub fn feature(id: u64, tags: &[u32], kind: u64, geometry: &[u32]) -> Vec<u8> {
        let mut out = Vec::new();
        field_varint(&mut out, 1, id);
        if !tags.is_empty() {
            field_bytes(&mut out, 2, &packed(tags));
        }
        field_varint(&mut out, 3, kind);
        field_bytes(&mut out, 4, &packed(geometry));
        out
    }

    pub fn int_value(value: i64) -> Vec<u8> {
        let mut out = Vec::new();
        field_varint(&mut out, 4, value as u64);
        out
    }

    pub fn string_value(value: &str) -> Vec<u8> {
        let mut out = Vec::new();
        field_bytes(&mut out, 1, value.as_bytes());
        out
    }

    pub fn layer(name: &str, features: &[Vec<u8>], keys: &[&str], values: &[Vec<u8>]) -> Vec<u8> {
        let mut out = Vec::new();
        field_varint(&mut out, 15, 2);
        field_bytes(&mut out, 1, name.as_bytes());
        features.iter().for_each(|f| field_bytes(&mut out, 2, f));
        keys.iter()
            .for_each(|k| field_bytes(&mut out, 3, k.as_bytes()));
        values.iter().for_each(|v| field_bytes(&mut out, 4, v));
        field_varint(&mut out, 5, 4096);
        out
    }
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    // Writing to a Vec cannot fail.
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default()
}

/// The relief tiles of `area`, encoded as `format`.
pub fn relief_tiles(
    area: &TileArea,
    format: TileFormat,
) -> Result<Vec<(TileCoord, Vec<u8>)>, Error> {
    area.coords()
        .into_iter()
        .map(|coord| Ok((coord, relief_tile(coord, format)?)))
        .collect()
}

/// The vector tiles of `area`.
pub fn vector_tiles(area: &TileArea) -> Vec<(TileCoord, Vec<u8>)> {
    area.coords()
        .into_iter()
        .map(|coord| (coord, vector_tile(coord)))
        .collect()
}

/// The MBTiles metadata of a tile set covering `area` in `format`.
pub fn metadata(name: &str, area: &TileArea, format: TileFormat) -> Vec<(String, String)> {
    let mut metadata = vec![
        ("name".to_string(), name.to_string()),
        (
            "format".to_string(),
            format.extension().replace("jpg", "jpeg"),
        ),
        ("bounds".to_string(), area.bounds_text()),
        (
            "center".to_string(),
            format!(
                "{},{},{}",
                (area.west + area.east) / 2.0,
                (area.south + area.north) / 2.0,
                area.max_zoom.min(10)
            ),
        ),
        ("minzoom".to_string(), area.min_zoom.to_string()),
        ("maxzoom".to_string(), area.max_zoom.to_string()),
        (
            "attribution".to_string(),
            "Sentier synthetic relief".to_string(),
        ),
    ];
    if format == TileFormat::Mvt {
        metadata.push((
            "json".to_string(),
            serde_json::json!({"vector_layers": vector_layers()}).to_string(),
        ));
    }
    metadata
}

/// Writes the relief of `area` as a flat PNG MBTiles at `path`: the basemap
/// packs are cut from in tests and benchmarks.
pub fn write_relief_mbtiles(path: &Path, area: &TileArea) -> Result<u64, Error> {
    let tiles = relief_tiles(area, TileFormat::Png)?;
    write_flat_mbtiles(
        path,
        &metadata("relief", area, TileFormat::Png),
        tiles
            .iter()
            .map(|(coord, bytes)| (*coord, bytes.as_slice())),
    )
}

/// Writes a flat MBTiles file (4 KiB pages, unique index on z/x/y) with the
/// given metadata rows and tiles (XYZ coordinates, stored as TMS rows).
pub fn write_flat_mbtiles<'a, T>(
    path: &Path,
    metadata: &[(String, String)],
    tiles: T,
) -> Result<u64, Error>
where
    T: IntoIterator<Item = (TileCoord, &'a [u8])>,
{
    let mut conn = Connection::open(path)?;
    conn.execute_batch(
        "PRAGMA page_size = 4096; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
         CREATE TABLE metadata (name TEXT NOT NULL PRIMARY KEY, value TEXT);
         CREATE TABLE tiles (zoom_level INTEGER NOT NULL, tile_column INTEGER NOT NULL,
                             tile_row INTEGER NOT NULL, tile_data BLOB);
         CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);",
    )?;
    let transaction = conn.transaction()?;
    let mut count = 0;
    {
        let mut insert_meta = transaction.prepare("INSERT INTO metadata VALUES (?1, ?2)")?;
        for (name, value) in metadata {
            insert_meta.execute(params![name, value])?;
        }
        let mut insert = transaction.prepare("INSERT INTO tiles VALUES (?1, ?2, ?3, ?4)")?;
        for (coord, bytes) in tiles {
            insert.execute(params![coord.z(), coord.x(), coord.tms_row(), bytes])?;
            count += 1;
        }
    }
    transaction.commit()?;
    Ok(count)
}

#[cfg(feature = "mbtiles")]
/// Copies the MBTiles file `source` to `destination` in `schema` with the
/// `mbtiles` crate, which also writes `agg_tiles_hash`.
pub fn copy_mbtiles(source: &Path, destination: &Path, schema: MbtType) -> Result<(), Error> {
    let copier = MbtilesCopier {
        src_file: source.to_path_buf(),
        dst_file: destination.to_path_buf(),
        dst_type: Some(schema),
        ..MbtilesCopier::default()
    };
    block_on(async move {
        copier.run().await?;
        Ok(())
    })
}

#[cfg(feature = "mbtiles")]
/// Computes and stores `agg_tiles_hash` in the MBTiles file at `path`.
pub fn add_agg_tiles_hash(path: &Path) -> Result<String, Error> {
    let mbtiles = Mbtiles::new(path)?;
    block_on(async move {
        let mut conn = mbtiles.open().await?;
        Ok(mbtiles.update_agg_tiles_hash(&mut conn).await?)
    })
}

#[cfg(feature = "mbtiles")]
fn block_on<T>(work: impl Future<Output = Result<T, Error>>) -> Result<T, Error> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?
        .block_on(work)
}

#[cfg(feature = "mbtiles")]
/// The MBTiles schemas the generators write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MbtilesSchema {
    Flat,
    FlatWithHash,
    Normalized,
}

#[cfg(feature = "mbtiles")]
/// Writes `tiles` as an MBTiles file in `schema`, with `agg_tiles_hash`.
pub fn write_mbtiles(
    path: &Path,
    schema: MbtilesSchema,
    metadata: &[(String, String)],
    tiles: &[(TileCoord, Vec<u8>)],
) -> Result<(), Error> {
    let tiles = tiles
        .iter()
        .map(|(coord, bytes)| (*coord, bytes.as_slice()));
    let target = match schema {
        MbtilesSchema::Flat => {
            write_flat_mbtiles(path, metadata, tiles)?;
            add_agg_tiles_hash(path)?;
            return Ok(());
        }
        MbtilesSchema::FlatWithHash => MbtType::FlatWithHash,
        MbtilesSchema::Normalized => MbtType::Normalized {
            hash_view: true,
            schema: mbtiles::NormalizedSchema::Hash,
        },
    };
    let flat = path.with_extension("flat.mbtiles");
    write_flat_mbtiles(&flat, metadata, tiles)?;
    let copied = copy_mbtiles(&flat, path, target);
    std::fs::remove_file(&flat)?;
    copied
}

/// How a PMTiles archive is laid out beyond its tiles.
#[derive(Clone, Debug)]
pub struct PmtilesLayout {
    pub format: TileFormat,
    pub area: TileArea,
    pub metadata: serde_json::Value,
    /// Store identical tiles once (runs and shared offsets), as real writers do.
    pub deduplicate: bool,
    /// Entries per leaf directory; `None` puts leaves only where the root
    /// would exceed 16 KiB.
    pub leaf_size: Option<usize>,
}

impl PmtilesLayout {
    /// The layout of a tile set of `area` in `format`, with its name and,
    /// for vector tiles, its vector layers in the metadata.
    pub fn new(name: &str, area: TileArea, format: TileFormat) -> PmtilesLayout {
        let mut metadata =
            serde_json::json!({"name": name, "attribution": "Sentier synthetic relief"});
        if format == TileFormat::Mvt {
            metadata["vector_layers"] = vector_layers();
        }
        PmtilesLayout {
            format,
            area,
            metadata,
            deduplicate: true,
            leaf_size: None,
        }
    }
}

/// The largest root directory the spec lets a reader fetch with the header.
const ROOT_BUDGET: usize = 16_384 - pmtiles::HEADER_LEN;

/// Writes a PMTiles v3 archive: header, root directory, metadata, leaf
/// directories (when the root alone would exceed 16 KiB), tile data.
pub fn write_pmtiles<'a, T>(path: &Path, layout: &PmtilesLayout, tiles: T) -> Result<u64, Error>
where
    T: IntoIterator<Item = (TileCoord, &'a [u8])>,
{
    let mut tiles: Vec<(u64, &[u8])> = tiles
        .into_iter()
        .map(|(coord, bytes)| (pmtiles::tile_id(coord), bytes))
        .collect();
    tiles.sort_by_key(|(id, _)| *id);
    let mut entries: Vec<Entry> = Vec::with_capacity(tiles.len());
    let mut blobs: Vec<&[u8]> = Vec::new();
    let mut offsets: HashMap<&[u8], u64> = HashMap::new();
    let mut data_length = 0u64;
    for (id, bytes) in &tiles {
        if let Some(last) = entries.last_mut()
            && layout.deduplicate
            && last.tile_id + u64::from(last.run_length) == *id
            && offsets.get(bytes) == Some(&last.offset)
        {
            last.run_length += 1;
            continue;
        }
        let offset = match offsets.get(bytes).filter(|_| layout.deduplicate) {
            Some(offset) => *offset,
            None => {
                let offset = data_length;
                offsets.insert(bytes, offset);
                blobs.push(bytes);
                data_length += bytes.len() as u64;
                offset
            }
        };
        entries.push(Entry {
            tile_id: *id,
            offset,
            length: u32::try_from(bytes.len())?,
            run_length: 1,
        });
    }
    let (root, leaves) = directories(&entries, layout.leaf_size);
    let metadata = gzip(layout.metadata.to_string().as_bytes());
    let area = layout.area;
    let e7 = |degrees: f64| (degrees * 1e7).round() as i32;
    let header = Header {
        root_offset: pmtiles::HEADER_LEN as u64,
        root_length: root.len() as u64,
        metadata_offset: (pmtiles::HEADER_LEN + root.len()) as u64,
        metadata_length: metadata.len() as u64,
        leaf_offset: (pmtiles::HEADER_LEN + root.len() + metadata.len()) as u64,
        leaf_length: leaves.len() as u64,
        data_offset: (pmtiles::HEADER_LEN + root.len() + metadata.len() + leaves.len()) as u64,
        data_length,
        addressed_tiles: tiles.len() as u64,
        internal_compression: compression::GZIP,
        tile_compression: if layout.format == TileFormat::Mvt {
            compression::GZIP
        } else {
            compression::NONE
        },
        tile_type: match layout.format {
            TileFormat::Mvt => tile_type::MVT,
            TileFormat::Png => tile_type::PNG,
            TileFormat::Jpeg => tile_type::JPEG,
            TileFormat::Webp => tile_type::WEBP,
        },
        min_zoom: area.min_zoom,
        max_zoom: area.max_zoom,
        bounds_e7: [e7(area.west), e7(area.south), e7(area.east), e7(area.north)],
        center_zoom: area.max_zoom.min(10),
        center_e7: [
            e7((area.west + area.east) / 2.0),
            e7((area.south + area.north) / 2.0),
        ],
    };
    let mut file = std::io::BufWriter::new(std::fs::File::create(path)?);
    file.write_all(&header.to_bytes())?;
    file.write_all(&root)?;
    file.write_all(&metadata)?;
    file.write_all(&leaves)?;
    for blob in blobs {
        file.write_all(blob)?;
    }
    file.flush()?;
    Ok(tiles.len() as u64)
}

/// The gzipped root directory and leaf section for `entries`: everything in
/// the root when it fits (and no leaf size is imposed), else leaves of a size
/// doubled until the root fits.
fn directories(entries: &[Entry], leaf_size: Option<usize>) -> (Vec<u8>, Vec<u8>) {
    let root = gzip(&pmtiles::encode_directory(entries));
    if root.len() <= ROOT_BUDGET && leaf_size.is_none() {
        return (root, Vec::new());
    }
    let mut leaf_size = leaf_size.unwrap_or(4096).max(1);
    loop {
        let mut leaves = Vec::new();
        let mut pointers = Vec::new();
        for chunk in entries.chunks(leaf_size) {
            let leaf = gzip(&pmtiles::encode_directory(chunk));
            pointers.push(Entry {
                tile_id: chunk[0].tile_id,
                offset: leaves.len() as u64,
                length: leaf.len() as u32,
                run_length: 0,
            });
            leaves.extend_from_slice(&leaf);
        }
        let root = gzip(&pmtiles::encode_directory(&pointers));
        if root.len() <= ROOT_BUDGET {
            return (root, leaves);
        }
        leaf_size *= 2;
    }
}

#[cfg(feature = "mbtiles")]
/// The territory's relief as an MBTiles file in `schema`; returns the tile count.
pub fn relief_mbtiles(
    path: &Path,
    area: &TileArea,
    schema: MbtilesSchema,
    format: TileFormat,
) -> Result<usize, Error> {
    let tiles = relief_tiles(area, format)?;
    write_mbtiles(
        path,
        schema,
        &metadata("Synthetic relief", area, format),
        &tiles,
    )?;
    Ok(tiles.len())
}

/// The territory's relief as a PMTiles archive; returns the tile count.
pub fn relief_pmtiles(path: &Path, area: &TileArea, format: TileFormat) -> Result<usize, Error> {
    let tiles = relief_tiles(area, format)?;
    let layout = PmtilesLayout::new("Synthetic relief", *area, format);
    write_pmtiles(path, &layout, tiles.iter().map(|(c, b)| (*c, b.as_slice())))?;
    Ok(tiles.len())
}

#[cfg(feature = "mbtiles")]
/// The territory's vector tiles as a flat MBTiles file; returns the tile count.
pub fn vector_mbtiles(path: &Path, area: &TileArea) -> Result<usize, Error> {
    let tiles = vector_tiles(area);
    write_mbtiles(
        path,
        MbtilesSchema::Flat,
        &metadata("Synthetic contours", area, TileFormat::Mvt),
        &tiles,
    )?;
    Ok(tiles.len())
}

/// The territory's vector tiles as a PMTiles archive; returns the tile count.
pub fn vector_pmtiles(path: &Path, area: &TileArea) -> Result<usize, Error> {
    let tiles = vector_tiles(area);
    let layout = PmtilesLayout::new("Synthetic contours", *area, TileFormat::Mvt);
    write_pmtiles(path, &layout, tiles.iter().map(|(c, b)| (*c, b.as_slice())))?;
    Ok(tiles.len())
}

/// Distinct PNG tiles of seeded noise, about `approx_bytes` each
/// (incompressible, so files grow by that much per tile).
pub fn noise_tiles(count: usize, approx_bytes: usize, seed: u64) -> Result<Vec<Vec<u8>>, Error> {
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    let side = ((approx_bytes / 3) as f64).sqrt().ceil().max(1.0) as u32;
    (0..count)
        .map(|_| {
            let image = RgbImage::from_fn(side, side, |_, _| Rgb(rng.random()));
            let mut bytes = Vec::new();
            image.write_to(&mut Cursor::new(&mut bytes), ImageFormat::Png)?;
            Ok(bytes)
        })
        .collect()
}

/// `count` coordinates filling the territory's neighbourhood (lng 5-8,
/// lat 44-46) zoom after zoom from 0, the way a real pack's tiles cluster.
pub fn bulk_coords(count: usize) -> Vec<TileCoord> {
    let region = TileArea {
        west: 5.0,
        south: 44.0,
        east: 8.0,
        north: 46.0,
        min_zoom: 0,
        max_zoom: 20,
    };
    let mut coords = Vec::with_capacity(count);
    for z in region.min_zoom..=region.max_zoom {
        coords.extend(
            region
                .zooms(z, z)
                .coords()
                .into_iter()
                .take(count - coords.len()),
        );
        if coords.len() == count {
            break;
        }
    }
    coords
}

/// The bulk tile set: coordinates of [`bulk_coords`], each given one of 16
/// noise PNGs, and the area they cover.
struct BulkTiles {
    coords: Vec<TileCoord>,
    blobs: Vec<Vec<u8>>,
    area: TileArea,
}

impl BulkTiles {
    fn new(count: usize, tile_bytes: usize) -> Result<BulkTiles, Error> {
        let coords = bulk_coords(count);
        let area = TileArea {
            west: 5.0,
            south: 44.0,
            east: 8.0,
            north: 46.0,
            min_zoom: 0,
            max_zoom: coords.last().map_or(0, |c| c.z()),
        };
        Ok(BulkTiles {
            blobs: noise_tiles(16, tile_bytes, 7)?,
            coords,
            area,
        })
    }

    fn tiles(&self) -> impl Iterator<Item = (TileCoord, &[u8])> {
        self.coords
            .iter()
            .enumerate()
            .map(|(i, c)| (*c, self.blobs[i % self.blobs.len()].as_slice()))
    }
}

/// A flat MBTiles file of `count` PNG tiles of about `tile_bytes` each, made
/// of 16 reused noise tiles (fast to write: `count * tile_bytes` bytes).
pub fn bulk_mbtiles(path: &Path, count: usize, tile_bytes: usize) -> Result<Vec<TileCoord>, Error> {
    let bulk = BulkTiles::new(count, tile_bytes)?;
    let metadata = metadata("Bulk noise", &bulk.area, TileFormat::Png);
    write_flat_mbtiles(path, &metadata, bulk.tiles())?;
    Ok(bulk.coords)
}

/// The PMTiles twin of [`bulk_mbtiles`], every tile stored separately, with
/// `leaf_size` entries per leaf directory when given.
pub fn bulk_pmtiles(
    path: &Path,
    count: usize,
    tile_bytes: usize,
    leaf_size: Option<usize>,
) -> Result<Vec<TileCoord>, Error> {
    let bulk = BulkTiles::new(count, tile_bytes)?;
    let layout = PmtilesLayout {
        deduplicate: false,
        leaf_size,
        ..PmtilesLayout::new("Bulk noise", bulk.area, TileFormat::Png)
    };
    write_pmtiles(path, &layout, bulk.tiles())?;
    Ok(bulk.coords)
}
