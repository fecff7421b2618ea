//! PMTiles v3 archives read from a local file by byte ranges: the 127-byte
//! header, the root directory (kept decoded), leaf directories (a small cache
//! of decoded ones), Hilbert tile ids, gzip or uncompressed directories.
//!
//! Written here rather than taken from the `pmtiles` crate (0.26, which
//! resolves with our dependencies on Rust 1.95) because that crate's readers
//! are all async and its local backend maps the whole file into memory: the
//! server reads tiles synchronously with `pread` and a 1 GB archive must not
//! count towards the app's resident memory. The format is small (a header,
//! varint directories). The Hilbert ids are checked against the spec's
//! values, and the Kotlin host test reads an archive written from the spec
//! in Kotlin; the test kit's writer reuses this module's encoders.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use flate2::read::GzDecoder;

use super::store::{Bounds, Center, MAX_TILE_BYTES, TileContainer, TileStoreInfo, file_stem};
use super::{TileCoord, TileEncoding, TileError, TileFormat};

/// The first 7 bytes of every PMTiles archive.
pub const MAGIC: &[u8] = b"PMTiles";
/// The size of the v3 header.
pub const HEADER_LEN: usize = 127;
/// Root, leaf, leaf-of-leaf: deeper nesting means a damaged archive.
const MAX_DIRECTORY_DEPTH: usize = 4;
/// The most entries one directory may hold. Writers size leaves so the root
/// fits in 16 KiB: tens of thousands of entries for a planet, so 2^19 (12 MB
/// decoded) leaves a wide margin while a directory bomb stays bounded.
pub const MAX_DIRECTORY_ENTRIES: usize = 1 << 19;
/// The most bytes a directory or the metadata may take stored, and the
/// metadata decoded (directories are decoded only as far as their entries).
pub const MAX_SECTION_BYTES: u64 = 8 << 20;
/// Decoded leaf directories kept, at most this many...
const LEAF_CACHE_SIZE: usize = 32;
/// ...holding at most this many entries in all (12 MB: one leaf at the cap,
/// or dozens of a real archive's leaves of a few thousand entries).
const LEAF_CACHE_ENTRIES: usize = MAX_DIRECTORY_ENTRIES;

/// The PMTiles compression codes.
pub mod compression {
    pub const NONE: u8 = 1;
    pub const GZIP: u8 = 2;
}

/// The PMTiles tile type codes.
pub mod tile_type {
    pub const MVT: u8 = 1;
    pub const PNG: u8 = 2;
    pub const JPEG: u8 = 3;
    pub const WEBP: u8 = 4;
}

/// The id of a tile on the archive's Hilbert curve: tiles of lower zooms
/// first, then along the curve within a zoom.
pub fn tile_id(coord: TileCoord) -> u64 {
    let z = u32::from(coord.z());
    let before_zoom = ((1u64 << (2 * z)) - 1) / 3;
    let (mut x, mut y) = (u64::from(coord.x()), u64::from(coord.y()));
    let mut distance = 0u64;
    let mut s = (1u64 << z) >> 1;
    while s > 0 {
        let rx = u64::from(x & s > 0);
        let ry = u64::from(y & s > 0);
        distance += s * s * ((3 * rx) ^ ry);
        if ry == 0 {
            if rx == 1 {
                x = s - 1 - (x & (s - 1));
                y = s - 1 - (y & (s - 1));
            }
            std::mem::swap(&mut x, &mut y);
        }
        s >>= 1;
    }
    before_zoom + distance
}

/// One directory entry: `run_length` tiles from `tile_id` share the bytes at
/// `offset`; a zero run length points to a leaf directory instead.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    pub tile_id: u64,
    pub offset: u64,
    pub length: u32,
    pub run_length: u32,
}

/// The header fields this reader uses.
#[derive(Clone, Debug, PartialEq)]
pub struct Header {
    pub root_offset: u64,
    pub root_length: u64,
    pub metadata_offset: u64,
    pub metadata_length: u64,
    pub leaf_offset: u64,
    pub leaf_length: u64,
    pub data_offset: u64,
    pub data_length: u64,
    pub addressed_tiles: u64,
    pub internal_compression: u8,
    pub tile_compression: u8,
    pub tile_type: u8,
    pub min_zoom: u8,
    pub max_zoom: u8,
    pub bounds_e7: [i32; 4],
    pub center_zoom: u8,
    pub center_e7: [i32; 2],
}

impl Header {
    /// Decodes a v3 header.
    pub fn parse(bytes: &[u8; HEADER_LEN]) -> Result<Header, String> {
        if &bytes[..7] != MAGIC {
            return Err("no PMTiles magic".into());
        }
        if bytes[7] != 3 {
            return Err(format!("PMTiles version {}, not 3", bytes[7]));
        }
        let u64_at =
            |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().unwrap_or_default());
        let i32_at =
            |at: usize| i32::from_le_bytes(bytes[at..at + 4].try_into().unwrap_or_default());
        Ok(Header {
            root_offset: u64_at(8),
            root_length: u64_at(16),
            metadata_offset: u64_at(24),
            metadata_length: u64_at(32),
            leaf_offset: u64_at(40),
            leaf_length: u64_at(48),
            data_offset: u64_at(56),
            data_length: u64_at(64),
            addressed_tiles: u64_at(72),
            internal_compression: bytes[97],
            tile_compression: bytes[98],
            tile_type: bytes[99],
            min_zoom: bytes[100],
            max_zoom: bytes[101],
            bounds_e7: [i32_at(102), i32_at(106), i32_at(110), i32_at(114)],
            center_zoom: bytes[118],
            center_e7: [i32_at(119), i32_at(123)],
        })
    }

    /// Encodes the header; the test kit writes archives with it.
    pub fn to_bytes(&self) -> [u8; HEADER_LEN] {
        let mut out = [0u8; HEADER_LEN];
        out[..7].copy_from_slice(MAGIC);
        out[7] = 3;
        let fields = [
            self.root_offset,
            self.root_length,
            self.metadata_offset,
            self.metadata_length,
            self.leaf_offset,
            self.leaf_length,
            self.data_offset,
            self.data_length,
            self.addressed_tiles,
            self.addressed_tiles,
            self.addressed_tiles,
        ];
        for (i, value) in fields.iter().enumerate() {
            out[8 + 8 * i..16 + 8 * i].copy_from_slice(&value.to_le_bytes());
        }
        out[96] = 1;
        out[97] = self.internal_compression;
        out[98] = self.tile_compression;
        out[99] = self.tile_type;
        out[100] = self.min_zoom;
        out[101] = self.max_zoom;
        for (i, value) in self.bounds_e7.iter().enumerate() {
            out[102 + 4 * i..106 + 4 * i].copy_from_slice(&value.to_le_bytes());
        }
        out[118] = self.center_zoom;
        out[119..123].copy_from_slice(&self.center_e7[0].to_le_bytes());
        out[123..127].copy_from_slice(&self.center_e7[1].to_le_bytes());
        out
    }
}

/// Decodes an uncompressed directory.
pub fn decode_directory(bytes: &[u8]) -> Result<Vec<Entry>, String> {
    decode_entries(bytes.iter().map(|byte| Ok(*byte)))
}

/// Decodes a directory from its bytes as they are read (from a gzip
/// stream: only what the entries take is ever decoded, so a bomb behind
/// them costs nothing). The entries are allocated once, at most
/// [`MAX_DIRECTORY_ENTRIES`].
fn decode_entries(bytes: impl Iterator<Item = Result<u8, String>>) -> Result<Vec<Entry>, String> {
    let mut reader = Varints { bytes };
    let count = reader.next()?;
    if count > MAX_DIRECTORY_ENTRIES as u64 {
        return Err(format!(
            "{count} entries, more than the {MAX_DIRECTORY_ENTRIES} a directory may hold"
        ));
    }
    let count = count as usize;
    let mut entries = Vec::with_capacity(count);
    let mut last_id = 0u64;
    for _ in 0..count {
        last_id = last_id
            .checked_add(reader.next()?)
            .ok_or("tile id overflow")?;
        entries.push(Entry {
            tile_id: last_id,
            offset: 0,
            length: 0,
            run_length: 0,
        });
    }
    for entry in entries.iter_mut() {
        entry.run_length = u32::try_from(reader.next()?).map_err(|_| "run length overflow")?;
    }
    for entry in entries.iter_mut() {
        entry.length = u32::try_from(reader.next()?).map_err(|_| "length overflow")?;
    }
    for i in 0..count {
        let value = reader.next()?;
        entries[i].offset = if value == 0 && i > 0 {
            entries[i - 1].offset + u64::from(entries[i - 1].length)
        } else {
            value.checked_sub(1).ok_or("offset 0 on the first entry")?
        };
    }
    Ok(entries)
}

/// Encodes a directory, uncompressed; the test kit writes archives with it.
pub fn encode_directory(entries: &[Entry]) -> Vec<u8> {
    let mut out = Vec::with_capacity(entries.len() * 6 + 4);
    push_varint(&mut out, entries.len() as u64);
    let mut last_id = 0;
    for entry in entries {
        push_varint(&mut out, entry.tile_id - last_id);
        last_id = entry.tile_id;
    }
    for entry in entries {
        push_varint(&mut out, u64::from(entry.run_length));
    }
    for entry in entries {
        push_varint(&mut out, u64::from(entry.length));
    }
    for (i, entry) in entries.iter().enumerate() {
        let contiguous =
            i > 0 && entry.offset == entries[i - 1].offset + u64::from(entries[i - 1].length);
        push_varint(&mut out, if contiguous { 0 } else { entry.offset + 1 });
    }
    out
}

fn push_varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

struct Varints<I> {
    bytes: I,
}

impl<I: Iterator<Item = Result<u8, String>>> Varints<I> {
    fn next(&mut self) -> Result<u64, String> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.bytes.next().ok_or("directory ends mid-number")??;
            value |= u64::from(byte & 0x7F) << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err("varint longer than 64 bits".into())
    }
}

/// An open PMTiles archive.
#[derive(Debug)]
pub struct PmtilesStore {
    path: PathBuf,
    file: File,
    header: Header,
    root: Vec<Entry>,
    leaves: Mutex<Vec<(u64, Arc<Vec<Entry>>)>>,
    info: TileStoreInfo,
}

impl PmtilesStore {
    /// Opens `path`, checks that every section lies inside the file and reads
    /// the root directory and the metadata.
    pub fn open(path: &Path) -> Result<PmtilesStore, TileError> {
        let file = File::open(path).map_err(|e| TileError::io(path, e))?;
        let file_len = file.metadata().map_err(|e| TileError::io(path, e))?.len();
        let mut header_bytes = [0u8; HEADER_LEN];
        read_at(&file, &mut header_bytes, 0)
            .map_err(|_| TileError::corrupt(path, "shorter than a PMTiles header"))?;
        let header = Header::parse(&header_bytes)
            .map_err(|reason| TileError::not_a_tile_set(path, reason))?;
        check_sections(path, &header, file_len)?;
        let (format, encoding) = tile_kind(path, &header)?;
        if !matches!(
            header.internal_compression,
            compression::NONE | compression::GZIP
        ) {
            return Err(TileError::unsupported(
                path,
                format!("directory compression {}", header.internal_compression),
            ));
        }
        let mut store = PmtilesStore {
            path: path.to_path_buf(),
            file,
            root: Vec::new(),
            leaves: Mutex::new(Vec::new()),
            info: TileStoreInfo {
                path: path.display().to_string(),
                container: TileContainer::Pmtiles,
                schema: "v3".into(),
                format,
                encoding,
                name: file_stem(path),
                attribution: None,
                bounds: Bounds::WORLD,
                center: None,
                min_zoom: header.min_zoom,
                max_zoom: header.max_zoom,
                tile_count: header.addressed_tiles,
                vector_layers: None,
            },
            header,
        };
        store.root = store.read_directory(
            "root directory",
            store.header.root_offset,
            store.header.root_length,
        )?;
        store.read_metadata()?;
        Ok(store)
    }

    /// What the archive declares and holds.
    pub fn info(&self) -> &TileStoreInfo {
        &self.info
    }

    /// The header as read.
    pub fn header(&self) -> &Header {
        &self.header
    }

    /// The stored bytes of one tile, `None` when absent.
    pub fn tile(&self, coord: TileCoord) -> Result<Option<Vec<u8>>, TileError> {
        let id = tile_id(coord);
        let mut directory = None::<Arc<Vec<Entry>>>;
        for _ in 0..MAX_DIRECTORY_DEPTH {
            let entries = directory.as_deref().unwrap_or(&self.root);
            let Some(entry) = find_entry(entries, id) else {
                return Ok(None);
            };
            if entry.run_length > 0 {
                return self.read_tile(entry).map(Some);
            }
            directory = Some(self.leaf(entry)?);
        }
        Err(TileError::corrupt(
            &self.path,
            "leaf directories nested too deep",
        ))
    }

    /// Visits every entry of every directory, depth first, the way
    /// validation checks an archive: only the directories on the path to
    /// the current entry are held, whatever the archive's size.
    pub fn for_each_entry(
        &self,
        mut visit: impl FnMut(&Entry) -> Result<(), TileError>,
    ) -> Result<(), TileError> {
        let root = Arc::new(self.root.clone());
        let mut path: Vec<(Arc<Vec<Entry>>, usize)> = vec![(root, 0)];
        while let Some((entries, next)) = path.last_mut() {
            let Some(entry) = entries.get(*next).copied() else {
                path.pop();
                continue;
            };
            *next += 1;
            if entry.run_length > 0 {
                visit(&entry)?;
            } else if path.len() >= MAX_DIRECTORY_DEPTH {
                return Err(TileError::corrupt(
                    &self.path,
                    "leaf directories nested too deep",
                ));
            } else {
                let leaf = self.leaf(&entry)?;
                path.push((leaf, 0));
            }
        }
        Ok(())
    }

    fn read_tile(&self, entry: &Entry) -> Result<Vec<u8>, TileError> {
        let end = entry.offset.checked_add(u64::from(entry.length));
        if end.is_none_or(|end| end > self.header.data_length) {
            return Err(TileError::corrupt(
                &self.path,
                format!("tile {} lies outside the tile data", entry.tile_id),
            ));
        }
        if u64::from(entry.length) > MAX_TILE_BYTES {
            return Err(TileError::too_large(
                &self.path,
                format!(
                    "tile {} takes {} bytes, more than the {MAX_TILE_BYTES} a tile may",
                    entry.tile_id, entry.length
                ),
            ));
        }
        let mut bytes = vec![0u8; entry.length as usize];
        read_at(
            &self.file,
            &mut bytes,
            self.header.data_offset + entry.offset,
        )
        .map_err(|e| TileError::io(&self.path, e))?;
        Ok(bytes)
    }

    /// The leaf directory `entry` points to, decoded once and cached. One
    /// leaf is decoded at a time per archive (under the cache's lock), so
    /// concurrent reads of a hostile archive hold one decoding, not one each.
    fn leaf(&self, entry: &Entry) -> Result<Arc<Vec<Entry>>, TileError> {
        let mut cache = self.leaves.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(at) = cache.iter().position(|(offset, _)| *offset == entry.offset) {
            let hit = cache.remove(at);
            let entries = Arc::clone(&hit.1);
            cache.push(hit);
            return Ok(entries);
        }
        let end = entry.offset.checked_add(u64::from(entry.length));
        if end.is_none_or(|end| end > self.header.leaf_length) {
            return Err(TileError::corrupt(
                &self.path,
                "leaf directory outside its section",
            ));
        }
        let entries = Arc::new(self.read_directory(
            "leaf directory",
            self.header.leaf_offset + entry.offset,
            u64::from(entry.length),
        )?);
        let mut cached: usize = cache.iter().map(|(_, leaf)| leaf.len()).sum();
        while !cache.is_empty()
            && (cache.len() >= LEAF_CACHE_SIZE || cached + entries.len() > LEAF_CACHE_ENTRIES)
        {
            cached -= cache.remove(0).1.len();
        }
        cache.push((entry.offset, Arc::clone(&entries)));
        Ok(entries)
    }

    /// The stored bytes of the `what` section (a directory or the metadata).
    fn read_stored(&self, what: &str, offset: u64, length: u64) -> Result<Vec<u8>, TileError> {
        if length > MAX_SECTION_BYTES {
            return Err(TileError::too_large(
                &self.path,
                format!(
                    "the {what} takes {length} bytes, more than the {MAX_SECTION_BYTES} allowed"
                ),
            ));
        }
        let mut bytes = vec![0u8; length as usize];
        read_at(&self.file, &mut bytes, offset).map_err(|e| TileError::io(&self.path, e))?;
        Ok(bytes)
    }

    fn read_directory(
        &self,
        what: &str,
        offset: u64,
        length: u64,
    ) -> Result<Vec<Entry>, TileError> {
        let stored = self.read_stored(what, offset, length)?;
        let decoded = if self.header.internal_compression == compression::GZIP {
            let plain = BufReader::new(GzDecoder::new(&stored[..]));
            decode_entries(
                plain
                    .bytes()
                    .map(|byte| byte.map_err(|e| format!("bad gzip: {e}"))),
            )
        } else {
            decode_directory(&stored)
        };
        let entries = decoded
            .map_err(|reason| TileError::corrupt(&self.path, format!("bad {what}: {reason}")))?;
        if entries
            .windows(2)
            .any(|pair| pair[0].tile_id >= pair[1].tile_id)
        {
            return Err(TileError::corrupt(
                &self.path,
                format!("{what} not sorted by tile id"),
            ));
        }
        Ok(entries)
    }

    /// The metadata's JSON text, decompressed, at most [`MAX_SECTION_BYTES`].
    fn read_metadata_text(&self, offset: u64, length: u64) -> Result<Vec<u8>, TileError> {
        let stored = self.read_stored("metadata", offset, length)?;
        if self.header.internal_compression != compression::GZIP {
            return Ok(stored);
        }
        let mut plain = Vec::new();
        GzDecoder::new(&stored[..])
            .take(MAX_SECTION_BYTES + 1)
            .read_to_end(&mut plain)
            .map_err(|e| TileError::corrupt(&self.path, format!("bad gzip metadata: {e}")))?;
        if plain.len() as u64 > MAX_SECTION_BYTES {
            return Err(TileError::too_large(
                &self.path,
                format!("the metadata decodes to more than the {MAX_SECTION_BYTES} bytes allowed"),
            ));
        }
        Ok(plain)
    }

    fn read_metadata(&mut self) -> Result<(), TileError> {
        let header = &self.header;
        let bounds = Bounds {
            west: f64::from(header.bounds_e7[0]) / 1e7,
            south: f64::from(header.bounds_e7[1]) / 1e7,
            east: f64::from(header.bounds_e7[2]) / 1e7,
            north: f64::from(header.bounds_e7[3]) / 1e7,
        };
        self.info.bounds = bounds
            .validated()
            .map_err(|reason| TileError::metadata(&self.path, reason))?;
        if header.min_zoom > header.max_zoom || header.max_zoom > super::coord::MAX_ZOOM {
            return Err(TileError::metadata(
                &self.path,
                format!("zooms {}..{}", header.min_zoom, header.max_zoom),
            ));
        }
        self.info.center = Some(Center {
            lng: f64::from(header.center_e7[0]) / 1e7,
            lat: f64::from(header.center_e7[1]) / 1e7,
            zoom: header.center_zoom.min(super::coord::MAX_ZOOM),
        });
        if header.metadata_length == 0 {
            return Ok(());
        }
        let bytes = self.read_metadata_text(header.metadata_offset, header.metadata_length)?;
        let metadata: serde_json::Value = serde_json::from_slice(&bytes)
            .map_err(|e| TileError::metadata(&self.path, format!("metadata is not JSON: {e}")))?;
        if let Some(name) = metadata.get("name").and_then(|v| v.as_str()) {
            self.info.name = name.to_string();
        }
        self.info.attribution = metadata
            .get("attribution")
            .and_then(|v| v.as_str())
            .map(str::to_string);
        self.info.vector_layers = metadata.get("vector_layers").map(|v| v.to_string());
        Ok(())
    }
}

fn check_sections(path: &Path, header: &Header, file_len: u64) -> Result<(), TileError> {
    let sections = [
        ("root directory", header.root_offset, header.root_length),
        ("metadata", header.metadata_offset, header.metadata_length),
        ("leaf directories", header.leaf_offset, header.leaf_length),
        ("tile data", header.data_offset, header.data_length),
    ];
    for (name, offset, length) in sections {
        match offset.checked_add(length) {
            Some(end) if end <= file_len => {}
            _ => {
                return Err(TileError::corrupt(
                    path,
                    format!("truncated: the {name} ends past the file's {file_len} bytes"),
                ));
            }
        }
    }
    Ok(())
}

fn tile_kind(path: &Path, header: &Header) -> Result<(TileFormat, TileEncoding), TileError> {
    let format = match header.tile_type {
        tile_type::MVT => TileFormat::Mvt,
        tile_type::PNG => TileFormat::Png,
        tile_type::JPEG => TileFormat::Jpeg,
        tile_type::WEBP => TileFormat::Webp,
        other => return Err(TileError::unsupported(path, format!("tile type {other}"))),
    };
    let encoding = match header.tile_compression {
        compression::NONE => TileEncoding::Identity,
        compression::GZIP if format == TileFormat::Mvt => TileEncoding::Gzip,
        other => {
            return Err(TileError::unsupported(
                path,
                format!("tile compression {other}"),
            ));
        }
    };
    Ok((format, encoding))
}

/// The entry covering `id`: the last one starting at or before it, if its
/// run reaches `id` (leaf pointers cover everything up to the next entry).
fn find_entry(entries: &[Entry], id: u64) -> Option<&Entry> {
    let after = entries.partition_point(|entry| entry.tile_id <= id);
    let entry = entries.get(after.checked_sub(1)?)?;
    if entry.run_length == 0 || id - entry.tile_id < u64::from(entry.run_length) {
        Some(entry)
    } else {
        None
    }
}

#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

#[cfg(windows)]
fn read_at(file: &File, mut buf: &mut [u8], mut offset: u64) -> std::io::Result<()> {
    while !buf.is_empty() {
        match std::os::windows::fs::FileExt::seek_read(file, buf, offset)? {
            0 => return Err(std::io::ErrorKind::UnexpectedEof.into()),
            n => {
                buf = &mut buf[n..];
                offset += n as u64;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(z: u8, x: u32, y: u32) -> u64 {
        tile_id(TileCoord::new(z, x, y).unwrap())
    }

    #[test]
    fn tile_ids_follow_the_spec_hilbert_curve() {
        assert_eq!(id(0, 0, 0), 0);
        assert_eq!(id(1, 0, 0), 1);
        assert_eq!(id(1, 0, 1), 2);
        assert_eq!(id(1, 1, 1), 3);
        assert_eq!(id(1, 1, 0), 4);
        assert_eq!(id(2, 0, 0), 5);
        assert_eq!(id(3, 7, 7), 63);
        assert_eq!(id(20, 0, 0), 366503875925);
    }

    #[test]
    fn directories_round_trip() {
        let entries = vec![
            Entry {
                tile_id: 0,
                offset: 0,
                length: 10,
                run_length: 1,
            },
            Entry {
                tile_id: 1,
                offset: 10,
                length: 5,
                run_length: 3,
            },
            Entry {
                tile_id: 9,
                offset: 0,
                length: 10,
                run_length: 1,
            },
            Entry {
                tile_id: 40,
                offset: 100,
                length: 7,
                run_length: 0,
            },
        ];
        assert_eq!(
            decode_directory(&encode_directory(&entries)).unwrap(),
            entries
        );
    }

    #[test]
    fn damaged_directories_are_errors() {
        assert!(decode_directory(&[]).is_err());
        assert!(decode_directory(&[0xFF; 12]).is_err());
        assert!(decode_directory(&[200, 1]).is_err());
    }

    #[test]
    fn entries_cover_their_runs_and_leaves_cover_up_to_the_next_entry() {
        let entries = [
            Entry {
                tile_id: 5,
                offset: 0,
                length: 1,
                run_length: 2,
            },
            Entry {
                tile_id: 10,
                offset: 0,
                length: 1,
                run_length: 0,
            },
        ];
        assert_eq!(find_entry(&entries, 4), None);
        assert_eq!(find_entry(&entries, 6).map(|e| e.tile_id), Some(5));
        assert_eq!(find_entry(&entries, 7), None);
        assert_eq!(find_entry(&entries, 99).map(|e| e.tile_id), Some(10));
    }
}
