//! The files under `/media/`: photos (JPEG: a sky and a mountain skyline,
//! different for every path, the same every time), their 400-pixel-wide
//! thumbnails, and pictograms (PNG or SVG).

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::{ImageFormat, Rgb, RgbImage, Rgba, RgbaImage};

use super::Payload;
use crate::territory::THUMBNAIL_SUFFIX;

fn path_hash(path: &str) -> u64 {
    path.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The file at `path` (under `/media/`), or `None` for an unknown kind.
pub fn file(path: &str) -> Option<Payload> {
    let seed = path_hash(path);
    if path.ends_with(THUMBNAIL_SUFFIX) {
        return photo(seed, 400, 267);
    }
    let extension = path.rsplit('.').next()?.to_ascii_lowercase();
    match extension.as_str() {
        "jpg" | "jpeg" => photo(seed, 800, 533),
        "png" => pictogram_png(seed),
        "svg" => Some(Payload {
            content_type: "image/svg+xml",
            bytes: pictogram_svg(seed).into_bytes(),
        }),
        _ => None,
    }
}

/// A landscape: a sky gradient over two mountain ridges with snowy tops.
fn photo(seed: u64, width: u32, height: u32) -> Option<Payload> {
    let wave = |x: f64, k: u64| {
        let phase = ((seed >> (k * 8)) & 0xff) as f64 / 40.0;
        (x * (2.0 + k as f64) + phase).sin() * 0.5
            + (x * (5.3 + k as f64) + phase * 1.7).sin() * 0.25
    };
    let sky_hue = (seed % 60) as f64;
    let image = RgbImage::from_fn(width, height, |x, y| {
        let fx = x as f64 / width as f64 * std::f64::consts::TAU;
        let fy = y as f64 / height as f64;
        let far_ridge = 0.45 + 0.12 * wave(fx, 1);
        let near_ridge = 0.62 + 0.1 * wave(fx, 2);
        if fy > near_ridge {
            Rgb([40, (90.0 + 40.0 * fy) as u8, 45])
        } else if fy > far_ridge {
            if fy < far_ridge + 0.03 {
                Rgb([240, 240, 245])
            } else {
                Rgb([95, 100, (120.0 + 30.0 * fy) as u8])
            }
        } else {
            Rgb([
                (90.0 + sky_hue + 80.0 * fy) as u8,
                (150.0 + 60.0 * fy) as u8,
                (230.0 - 20.0 * fy) as u8,
            ])
        }
    });
    let mut bytes = Vec::new();
    JpegEncoder::new_with_quality(&mut bytes, 80)
        .encode_image(&image)
        .ok()?;
    Some(Payload {
        content_type: "image/jpeg",
        bytes,
    })
}

fn colour(seed: u64) -> [u8; 3] {
    [
        (seed & 0xff) as u8 / 2 + 40,
        ((seed >> 8) & 0xff) as u8 / 2 + 60,
        ((seed >> 16) & 0xff) as u8 / 2 + 80,
    ]
}

/// A 64×64 disc.
fn pictogram_png(seed: u64) -> Option<Payload> {
    let [r, g, b] = colour(seed);
    let image = RgbaImage::from_fn(64, 64, |x, y| {
        let (dx, dy) = (x as f64 - 31.5, y as f64 - 31.5);
        if dx.hypot(dy) < 30.0 {
            Rgba([r, g, b, 255])
        } else {
            Rgba([0, 0, 0, 0])
        }
    });
    let mut cursor = Cursor::new(Vec::new());
    image.write_to(&mut cursor, ImageFormat::Png).ok()?;
    Some(Payload {
        content_type: "image/png",
        bytes: cursor.into_inner(),
    })
}

fn pictogram_svg(seed: u64) -> String {
    let [r, g, b] = colour(seed);
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"64\" height=\"64\" viewBox=\"0 0 64 64\">\
         <circle cx=\"32\" cy=\"32\" r=\"30\" fill=\"rgb({r},{g},{b})\"/>\
         <path d=\"M12 46 L26 24 L34 34 L42 20 L54 46 Z\" fill=\"#fff\"/></svg>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn photos_are_deterministic_jpegs() {
        let path = "/media/paperclip/trekking_trek/1/lac-blanc-1-abc.jpg";
        let first = file(path).map(|f| f.bytes).unwrap_or_default();
        assert_eq!(&first[..2], &[0xFF, 0xD8], "JPEG magic");
        assert_eq!(file(path).map(|f| f.bytes), Some(first.clone()));
        let thumbnail = file(&format!("{path}{THUMBNAIL_SUFFIX}"))
            .map(|f| f.bytes)
            .unwrap_or_default();
        let decoded = image::load_from_memory(&thumbnail)
            .map(|i| i.width())
            .unwrap_or(0);
        assert_eq!(decoded, 400);
        assert!(file("/media/upload/x.png").is_some_and(|f| f.content_type == "image/png"));
        assert!(file("/media/upload/x.svg").is_some_and(|f| f.bytes.starts_with(b"<svg")));
        assert!(file("/media/upload/x.doc").is_none());
    }
}
