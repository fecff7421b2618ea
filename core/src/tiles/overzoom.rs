//! Raster overzoom: the part of an ancestor tile that covers a deeper tile,
//! cut out and scaled up to a full tile, so a basemap stays readable past the
//! deepest zoom its packs hold. Ancestors are decoded within a pixel budget
//! and every tile produced has the tile size, whatever the ancestor's.

use std::io::Cursor;

use image::imageops::FilterType;
use image::{ImageReader, Limits};

use super::TileCoord;

/// Deeper than this, the cut-out would be under one pixel of a 256-pixel tile.
pub const MAX_LEVELS: u8 = 8;
/// The side of the tiles produced: 256 pixels, as the style declares...
pub const TILE_SIZE: u32 = 256;
/// ...or 512 for high-DPI sets (ancestors at least that wide).
pub const HIGH_DPI_TILE_SIZE: u32 = 512;
/// The widest or tallest ancestor decoded: twice a high-DPI tile. Larger
/// images are refused from their header, before any pixel is decoded.
pub const MAX_ANCESTOR_SIDE: u32 = 1024;

/// Why an ancestor could not be overzoomed.
#[derive(Debug, PartialEq)]
pub enum UpscaleError {
    /// The ancestor is larger than [`MAX_ANCESTOR_SIDE`].
    TooLarge(String),
    /// The ancestor is not a decodable image, or not an ancestor of the target.
    Invalid(String),
}

impl std::fmt::Display for UpscaleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            UpscaleError::TooLarge(reason) | UpscaleError::Invalid(reason) => f.write_str(reason),
        }
    }
}

/// Cuts the part of `ancestor_bytes` (an image tile at `ancestor`) covering
/// `target` and scales it to the tile size, as a PNG.
pub fn upscale(
    ancestor_bytes: &[u8],
    ancestor: TileCoord,
    target: TileCoord,
) -> Result<Vec<u8>, UpscaleError> {
    let levels = target.z().saturating_sub(ancestor.z());
    if levels == 0 || levels > MAX_LEVELS || target.ancestor(ancestor.z()) != ancestor {
        return Err(UpscaleError::Invalid(format!(
            "{ancestor} cannot be overzoomed to {target}"
        )));
    }
    let image = decode_within_budget(ancestor_bytes).map_err(|error| match error {
        UpscaleError::TooLarge(reason) => {
            UpscaleError::TooLarge(format!("tile {ancestor}: {reason}"))
        }
        UpscaleError::Invalid(reason) => {
            UpscaleError::Invalid(format!("tile {ancestor}: {reason}"))
        }
    })?;
    let (width, height) = (image.width(), image.height());
    let side = if width.min(height) >= HIGH_DPI_TILE_SIZE {
        HIGH_DPI_TILE_SIZE
    } else {
        TILE_SIZE
    };
    let parts = 1u32 << levels;
    let mask = parts - 1;
    let (column, row) = (target.x() & mask, target.y() & mask);
    let (left, top) = (column * width / parts, row * height / parts);
    let scaled = image
        .crop_imm(
            left,
            top,
            ((column + 1) * width / parts - left).max(1),
            ((row + 1) * height / parts - top).max(1),
        )
        .resize_exact(side, side, FilterType::Triangle);
    let mut png = Vec::new();
    scaled
        .write_to(&mut Cursor::new(&mut png), image::ImageFormat::Png)
        .map_err(|e| UpscaleError::Invalid(e.to_string()))?;
    Ok(png)
}

/// Decodes an image tile no wider or taller than [`MAX_ANCESTOR_SIDE`],
/// checked from its header first.
fn decode_within_budget(bytes: &[u8]) -> Result<image::DynamicImage, UpscaleError> {
    let invalid = |e: image::ImageError| UpscaleError::Invalid(e.to_string());
    let reader = || {
        ImageReader::new(Cursor::new(bytes))
            .with_guessed_format()
            .map_err(|e| UpscaleError::Invalid(e.to_string()))
    };
    let (width, height) = reader()?.into_dimensions().map_err(invalid)?;
    if width > MAX_ANCESTOR_SIDE || height > MAX_ANCESTOR_SIDE {
        return Err(UpscaleError::TooLarge(format!(
            "{width}x{height} pixels, more than the {MAX_ANCESTOR_SIDE}x{MAX_ANCESTOR_SIDE} a tile may have"
        )));
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_ANCESTOR_SIDE);
    limits.max_image_height = Some(MAX_ANCESTOR_SIDE);
    limits.max_alloc = Some(u64::from(MAX_ANCESTOR_SIDE * MAX_ANCESTOR_SIDE) * 8);
    let mut reader = reader()?;
    reader.limits(limits);
    reader.decode().map_err(invalid)
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{Rgba, RgbaImage};

    #[test]
    fn the_quadrant_of_the_child_is_scaled_up() {
        // Left half red, right half blue.
        let source = RgbaImage::from_fn(256, 256, |x, _| {
            if x < 128 {
                Rgba([255, 0, 0, 255])
            } else {
                Rgba([0, 0, 255, 255])
            }
        });
        let mut bytes = Vec::new();
        source
            .write_to(&mut Cursor::new(&mut bytes), image::ImageFormat::Png)
            .unwrap();
        let parent = TileCoord::new(10, 500, 300).unwrap();
        let east_child = TileCoord::new(11, 1001, 600).unwrap();
        let out = image::load_from_memory(&upscale(&bytes, parent, east_child).unwrap())
            .unwrap()
            .to_rgba8();
        assert_eq!(out.dimensions(), (256, 256));
        assert_eq!(out.get_pixel(128, 128), &Rgba([0, 0, 255, 255]));
        assert!(upscale(&bytes, parent, TileCoord::new(11, 0, 0).unwrap()).is_err());
        assert!(upscale(b"not an image", parent, east_child).is_err());
    }

    fn png(width: u32, height: u32) -> Vec<u8> {
        let mut bytes = Vec::new();
        RgbaImage::from_fn(width, height, |x, _| {
            Rgba([(x * 255 / width) as u8, 0, 0, 255])
        })
        .write_to(&mut Cursor::new(&mut bytes), image::ImageFormat::Png)
        .unwrap();
        bytes
    }

    #[test]
    fn every_tile_produced_has_the_tile_size() {
        let parent = TileCoord::new(10, 500, 300).unwrap();
        let child = TileCoord::new(12, 2001, 1202).unwrap();
        for ((width, height), side) in [
            ((256, 256), 256),
            ((300, 200), 256),
            ((64, 64), 256),
            ((512, 512), 512),
            ((1024, 700), 512),
        ] {
            let out =
                image::load_from_memory(&upscale(&png(width, height), parent, child).unwrap())
                    .unwrap();
            assert_eq!(
                (out.width(), out.height()),
                (side, side),
                "{width}x{height}"
            );
        }
        // Past the decoding budget: refused from the header, not decoded.
        let error = upscale(&png(1025, 16), parent, child).unwrap_err();
        assert!(
            matches!(&error, UpscaleError::TooLarge(reason) if reason.contains("1025x16 pixels")),
            "{error}"
        );
    }
}
