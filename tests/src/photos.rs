//! Deterministic synthetic photos: JPEGs that compress like camera pictures
//! (smooth gradients plus seeded grain), optionally carrying EXIF with an
//! orientation and a camera make, so the photo pipeline's rotation and
//! metadata stripping can be checked.

use image::codecs::jpeg::JpegEncoder;
use image::{ExtendedColorType, ImageEncoder};
use rand::{Rng, SeedableRng, rngs::StdRng};

/// The camera make written in the EXIF of [`synthetic_jpeg`]: a stored photo
/// must not contain it.
pub const EXIF_MAKE: &str = "SentierTestCam";

/// A `width` x `height` JPEG (quality 92), different for each `seed`. With
/// `orientation` (EXIF values 1..=8) it carries an EXIF block with that
/// orientation and [`EXIF_MAKE`]. The left third is red and the rest blue,
/// so a rotation shows in the pixels.
pub fn synthetic_jpeg(width: u32, height: u32, seed: u64, orientation: Option<u16>) -> Vec<u8> {
    let mut rng = StdRng::seed_from_u64(seed);
    let tint: [f32; 3] = [
        rng.random_range(0.0..40.0),
        rng.random_range(0.0..40.0),
        rng.random_range(0.0..40.0),
    ];
    let mut pixels = Vec::with_capacity(width as usize * height as usize * 3);
    for y in 0..height {
        let fy = y as f32 / height.max(1) as f32;
        for x in 0..width {
            let fx = x as f32 / width.max(1) as f32;
            let grain: f32 = rng.random_range(-12.0..12.0);
            let (r, g, b) = if x < width / 3 {
                (200.0, 40.0 + 80.0 * fy, 40.0)
            } else {
                (30.0, 60.0 + 60.0 * fx, 190.0 - 50.0 * fy)
            };
            for (channel, add) in [r, g, b].into_iter().zip(tint) {
                pixels.push((channel + add + grain).clamp(0.0, 255.0) as u8);
            }
        }
    }
    let mut jpeg = Vec::new();
    let mut encoder = JpegEncoder::new_with_quality(&mut jpeg, 92);
    if let Some(orientation) = orientation {
        encoder
            .set_exif_metadata(exif(orientation))
            .expect("the JPEG encoder takes EXIF");
    }
    encoder
        .write_image(&pixels, width, height, ExtendedColorType::Rgb8)
        .expect("encoding an in-memory JPEG cannot fail");
    jpeg
}

/// A little-endian TIFF block with Make and Orientation in IFD0.
fn exif(orientation: u16) -> Vec<u8> {
    let make = format!("{EXIF_MAKE}\0");
    let entries: u16 = 2;
    let data_offset = 8 + 2 + 12 * u32::from(entries) + 4;
    let mut tiff = Vec::new();
    tiff.extend_from_slice(b"II");
    tiff.extend_from_slice(&42u16.to_le_bytes());
    tiff.extend_from_slice(&8u32.to_le_bytes());
    tiff.extend_from_slice(&entries.to_le_bytes());
    // 0x010F Make, ASCII, stored after the IFD.
    tiff.extend_from_slice(&0x010Fu16.to_le_bytes());
    tiff.extend_from_slice(&2u16.to_le_bytes());
    tiff.extend_from_slice(&(make.len() as u32).to_le_bytes());
    tiff.extend_from_slice(&data_offset.to_le_bytes());
    // 0x0112 Orientation, SHORT, inline.
    tiff.extend_from_slice(&0x0112u16.to_le_bytes());
    tiff.extend_from_slice(&3u16.to_le_bytes());
    tiff.extend_from_slice(&1u32.to_le_bytes());
    tiff.extend_from_slice(&orientation.to_le_bytes());
    tiff.extend_from_slice(&[0, 0]);
    tiff.extend_from_slice(&0u32.to_le_bytes());
    tiff.extend_from_slice(make.as_bytes());
    tiff
}

/// A PNG whose header announces `width` x `height` pixels while the file
/// stays tiny (one compressed all-zero image): a decompression bomb.
pub fn png_bomb(width: u32, height: u32) -> Vec<u8> {
    use std::io::Write;
    let row = width as usize / 8 + 1; // 1-bit greyscale rows plus the filter byte
    let mut zlib = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![0u8; row];
    for _ in 0..height {
        zlib.write_all(&zeros).expect("writing to memory");
    }
    let data = zlib.finish().expect("writing to memory");
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut header = Vec::new();
    header.extend_from_slice(&width.to_be_bytes());
    header.extend_from_slice(&height.to_be_bytes());
    header.extend_from_slice(&[1, 0, 0, 0, 0]); // 1-bit greyscale
    chunk(&mut png, b"IHDR", &header);
    chunk(&mut png, b"IDAT", &data);
    chunk(&mut png, b"IEND", &[]);
    png
}

/// Appends one PNG chunk (length, kind, data, CRC) to `png`.
pub(crate) fn chunk(png: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    png.extend_from_slice(&(data.len() as u32).to_be_bytes());
    png.extend_from_slice(kind);
    png.extend_from_slice(data);
    let mut crc = flate2::Crc::new();
    crc.update(kind);
    crc.update(data);
    png.extend_from_slice(&crc.sum().to_be_bytes());
}
