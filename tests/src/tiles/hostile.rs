//! Hostile tile sets, small on disk, for the tests and benchmarks that check
//! the readers stay bounded: PMTiles whose gzip directories decode to
//! millions of entries or to a bomb, a tile claiming a gigabyte of a sparse
//! file, MBTiles whose `tiles` view makes a huge `zeroblob`, and PNGs of any
//! size written row by row (an 11000x11000 image in a few hundred kB).

use std::io::Write;
use std::path::Path;

use flate2::Compression;
use flate2::write::{GzEncoder, ZlibEncoder};
use rusqlite::Connection;
use sentier_core::tiles::TileCoord;
use sentier_core::tiles::pmtiles::{self, Entry, Header, compression, tile_type};

use super::mvt::varint;
use super::{Error, gzip};
use crate::photos::chunk;

/// A 1x1 PNG, small enough that its length is one varint byte.
pub fn tiny_png() -> Vec<u8> {
    huge_png(1, 1)
}

/// A black grayscale PNG of `width` x `height` pixels, written row by row
/// (memory stays small whatever the size; zero rows compress ~1000:1).
pub fn huge_png(width: u32, height: u32) -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 0, 0, 0, 0]); // 8-bit grayscale, no interlace
    chunk(&mut png, b"IHDR", &ihdr);
    let mut pixels = ZlibEncoder::new(Vec::new(), Compression::fast());
    let row = vec![0u8; width as usize + 1]; // filter byte, then the row
    for _ in 0..height {
        // Writing to a Vec cannot fail.
        let _ = pixels.write_all(&row);
    }
    chunk(&mut png, b"IDAT", &pixels.finish().unwrap_or_default());
    chunk(&mut png, b"IEND", &[]);
    png
}

/// A gzipped directory of `count` entries from tile id `first_id` on, every
/// one a run of 1 pointing to the same `tile_length` bytes at offset 0:
/// streamed into the encoder, so millions of entries cost kilobytes.
fn uniform_directory(first_id: u64, count: u64, tile_length: u8) -> Vec<u8> {
    let mut gzip = GzEncoder::new(Vec::new(), Compression::fast());
    let mut head = Vec::new();
    varint(&mut head, count);
    varint(&mut head, first_id);
    let _ = gzip.write_all(&head);
    let ones = vec![1u8; 1 << 16];
    let lengths = vec![tile_length; 1 << 16];
    // Tile id deltas after the first, run lengths, lengths, then offsets
    // (`1`: offset 0, repeated; a 0 would mean "right after the previous").
    for (bytes, n) in [
        (&ones, count.saturating_sub(1)),
        (&ones, count),
        (&lengths, count),
        (&ones, count),
    ] {
        let mut left = n;
        while left > 0 {
            let take = left.min(bytes.len() as u64) as usize;
            let _ = gzip.write_all(&bytes[..take]);
            left -= take as u64;
        }
    }
    gzip.finish().unwrap_or_default()
}

/// The sections of an archive, written after a header that points to them.
struct Sections<'a> {
    root: &'a [u8],
    leaves: &'a [u8],
    data: &'a [u8],
    /// The tile data section's declared length (past `data`: a sparse hole).
    data_length: u64,
    addressed_tiles: u64,
    max_zoom: u8,
}

fn write_archive(path: &Path, sections: &Sections) -> Result<(), Error> {
    let metadata = gzip(br#"{"name":"hostile"}"#);
    let root_offset = pmtiles::HEADER_LEN as u64;
    let metadata_offset = root_offset + sections.root.len() as u64;
    let leaf_offset = metadata_offset + metadata.len() as u64;
    let data_offset = leaf_offset + sections.leaves.len() as u64;
    let header = Header {
        root_offset,
        root_length: sections.root.len() as u64,
        metadata_offset,
        metadata_length: metadata.len() as u64,
        leaf_offset,
        leaf_length: sections.leaves.len() as u64,
        data_offset,
        data_length: sections.data_length,
        addressed_tiles: sections.addressed_tiles,
        internal_compression: compression::GZIP,
        tile_compression: compression::NONE,
        tile_type: tile_type::PNG,
        min_zoom: 0,
        max_zoom: sections.max_zoom,
        bounds_e7: [-1_800_000_000, -850_000_000, 1_800_000_000, 850_000_000],
        center_zoom: 0,
        center_e7: [0, 0],
    };
    let mut file = std::fs::File::create(path)?;
    for part in [
        &header.to_bytes()[..],
        sections.root,
        &metadata,
        sections.leaves,
        sections.data,
    ] {
        file.write_all(part)?;
    }
    // The rest of the tile data is a hole: no disk space, all zeros.
    file.set_len(data_offset + sections.data_length)?;
    Ok(())
}

/// A PMTiles archive whose root points to `leaves` leaf directories of
/// `entries_per_leaf` entries each (all addressing one tiny PNG): with
/// millions of entries per leaf, a file of a few MB that decodes to GBs.
pub fn directory_bomb_pmtiles(
    path: &Path,
    leaves: u64,
    entries_per_leaf: u64,
) -> Result<(), Error> {
    let png = tiny_png();
    let tile_length = u8::try_from(png.len())?;
    let mut leaf_section = Vec::new();
    let mut pointers = Vec::new();
    for leaf in 0..leaves {
        let first_id = leaf * entries_per_leaf;
        let bytes = uniform_directory(first_id, entries_per_leaf, tile_length);
        pointers.push(Entry {
            tile_id: first_id,
            offset: leaf_section.len() as u64,
            length: u32::try_from(bytes.len())?,
            run_length: 0,
        });
        leaf_section.extend_from_slice(&bytes);
    }
    let root = gzip(&pmtiles::encode_directory(&pointers));
    write_archive(
        path,
        &Sections {
            root: &root,
            leaves: &leaf_section,
            data: &png,
            data_length: png.len() as u64,
            addressed_tiles: leaves * entries_per_leaf,
            max_zoom: max_zoom_for(leaves * entries_per_leaf),
        },
    )
}

/// The zoom whose tile ids reach past `ids`, so every entry is inside the zooms declared.
fn max_zoom_for(ids: u64) -> u8 {
    (0..=30u8)
        .find(|z| TileCoord::new(z + 1, 0, 0).map_or(true, |next| pmtiles::tile_id(next) >= ids))
        .unwrap_or(30)
}

/// A PMTiles archive whose gzip root (`compressed` ~ 1/1000 of
/// `decoded_bytes`) claims `claimed_entries` entries and then holds zeros.
pub fn root_bomb_pmtiles(
    path: &Path,
    claimed_entries: u64,
    decoded_bytes: u64,
) -> Result<(), Error> {
    let mut gzip = GzEncoder::new(Vec::new(), Compression::best());
    let mut head = Vec::new();
    varint(&mut head, claimed_entries);
    gzip.write_all(&head)?;
    let zeros = vec![0u8; 1 << 16];
    let mut left = decoded_bytes.saturating_sub(head.len() as u64);
    while left > 0 {
        let take = left.min(zeros.len() as u64) as usize;
        gzip.write_all(&zeros[..take])?;
        left -= take as u64;
    }
    let root = gzip.finish()?;
    write_archive(
        path,
        &Sections {
            root: &root,
            leaves: &[],
            data: &[],
            data_length: 0,
            addressed_tiles: claimed_entries,
            max_zoom: 0,
        },
    )
}

/// A PMTiles archive with one tile, 0/0/0, of `tile_bytes` bytes: a PNG
/// signature followed by a sparse hole (a gigabyte costs no disk).
pub fn huge_tile_pmtiles(path: &Path, tile_bytes: u32) -> Result<(), Error> {
    let root = gzip(&pmtiles::encode_directory(&[Entry {
        tile_id: 0,
        offset: 0,
        length: tile_bytes,
        run_length: 1,
    }]));
    write_archive(
        path,
        &Sections {
            root: &root,
            leaves: &[],
            data: b"\x89PNG\r\n\x1a\n",
            data_length: u64::from(tile_bytes),
            addressed_tiles: 1,
            max_zoom: 0,
        },
    )
}

/// An MBTiles file whose `tiles` is a view making one tile, 0/0/0, of
/// `zeroblob(tile_bytes)`: a few kB on disk, any size when read.
pub fn zeroblob_view_mbtiles(path: &Path, tile_bytes: u64) -> Result<(), Error> {
    Connection::open(path)?.execute_batch(&format!(
        "CREATE TABLE metadata (name TEXT NOT NULL PRIMARY KEY, value TEXT);
         INSERT INTO metadata VALUES ('name', 'zeroblob'), ('format', 'png');
         CREATE VIEW tiles AS SELECT 0 AS zoom_level, 0 AS tile_column, 0 AS tile_row,
                                     zeroblob({tile_bytes}) AS tile_data;"
    ))?;
    Ok(())
}
