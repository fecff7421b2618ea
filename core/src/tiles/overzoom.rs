//! Raster overzoom: the part of an ancestor tile that covers a deeper tile,
//! cut out and scaled up to a full tile, so a basemap stays readable past the
//! deepest zoom its packs hold.

use std::io::Cursor;

use image::imageops::FilterType;

use super::TileCoord;

/// Deeper than this, the cut-out would be under one pixel of a 256-pixel tile.
pub const MAX_LEVELS: u8 = 8;

/// Cuts the part of `ancestor_bytes` (an image tile at `ancestor`) covering
/// `target` and scales it to the ancestor's size, as a PNG.
pub fn upscale(
    ancestor_bytes: &[u8],
    ancestor: TileCoord,
    target: TileCoord,
) -> Result<Vec<u8>, String> {
    let levels = target.z().saturating_sub(ancestor.z());
    if levels == 0 || levels > MAX_LEVELS || target.ancestor(ancestor.z()) != ancestor {
        return Err(format!("{ancestor} cannot be overzoomed to {target}"));
    }
    let image = image::load_from_memory(ancestor_bytes).map_err(|e| e.to_string())?;
    let size = image.width().min(image.height());
    let part = (size >> levels).max(1);
    let mask = (1u32 << levels) - 1;
    let (column, row) = (target.x() & mask, target.y() & mask);
    let scaled = image
        .crop_imm(
            column * size / (mask + 1),
            row * size / (mask + 1),
            part,
            part,
        )
        .resize_exact(size, size, FilterType::Triangle);
    let mut png = Vec::new();
    scaled
        .write_to(&mut Cursor::new(&mut png), image::ImageFormat::Png)
        .map_err(|e| e.to_string())?;
    Ok(png)
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
}
