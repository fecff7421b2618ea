//! Turns a photo from the camera or the gallery into the form the outbox
//! stores and the server receives: EXIF orientation applied to the pixels,
//! downscaled to at most [`MAX_LONG_SIDE`] pixels on the long side, re-encoded
//! as JPEG at quality [`JPEG_QUALITY`] with no metadata at all (no EXIF, so no
//! GPS position nor camera serial: the report carries its location in its own
//! field). Refuses files that are not JPEG/PNG/WebP images, that are larger
//! than [`MAX_INPUT_BYTES`], or whose header announces more than
//! [`MAX_PIXELS`] pixels (a decompression bomb) before decoding anything.
//!
//! The downscale uses `fast_image_resize` (SIMD convolution) rather than
//! `image`'s own resize: `cargo bench -p sentier-testkit --bench reports`
//! compares both on a 12-megapixel photo.

use std::fmt;
use std::io::Cursor;

use fast_image_resize::images::{Image as ResizeImage, ImageRef};
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
use image::codecs::jpeg::JpegEncoder;
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageError, ImageFormat, ImageReader, Limits, RgbImage};
use sha2::{Digest, Sha256};

/// Why a file cannot become a stored photo.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhotoError {
    /// The file is not a JPEG, PNG or WebP image.
    #[error("the file is not a JPEG, PNG or WebP image")]
    NotAnImage,
    /// The file is larger than photos may be.
    #[error("the photo is {size_bytes} bytes, over the limit of {max_bytes}")]
    TooLarge { size_bytes: u64, max_bytes: u64 },
    /// The image would decode to a bitmap too large to hold (a decompression bomb).
    #[error("the photo is {width}x{height} pixels, over the limit of {max_pixels} pixels")]
    TooManyPixels {
        width: u32,
        height: u32,
        max_pixels: u64,
    },
    /// The image could not be read or decoded.
    #[error("the photo cannot be read: {reason}")]
    Unreadable { reason: String },
}

/// The largest file accepted as a photo.
pub const MAX_INPUT_BYTES: u64 = 30 * 1024 * 1024;
/// The most pixels a photo may decode to (a 64-megapixel sensor's full frame).
pub const MAX_PIXELS: u64 = 64_000_000;
/// The long side of a stored photo, at most.
pub const MAX_LONG_SIDE: u32 = 2048;
/// The JPEG quality of a stored photo.
pub const JPEG_QUALITY: u8 = 80;

/// A photo in its stored form.
#[derive(Clone, PartialEq)]
pub struct ProcessedPhoto {
    /// The JPEG file, without metadata.
    pub jpeg: Vec<u8>,
    /// Width in pixels, after orientation.
    pub width: u32,
    /// Height in pixels, after orientation.
    pub height: u32,
    /// SHA-256 of `jpeg`, lowercase hex.
    pub sha256: String,
}

impl fmt::Debug for ProcessedPhoto {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProcessedPhoto")
            .field("bytes", &self.jpeg.len())
            .field("width", &self.width)
            .field("height", &self.height)
            .field("sha256", &self.sha256)
            .finish()
    }
}

/// Processes the bytes of a photo file into its stored form.
pub fn process_photo(input: &[u8]) -> Result<ProcessedPhoto, PhotoError> {
    let size_bytes = input.len() as u64;
    if size_bytes > MAX_INPUT_BYTES {
        return Err(PhotoError::TooLarge {
            size_bytes,
            max_bytes: MAX_INPUT_BYTES,
        });
    }
    let (pixels, orientation) = decode(input)?;
    let mut image = DynamicImage::ImageRgb8(downscale(pixels)?);
    // Rotating after the downscale moves a quarter of the pixels; the long
    // side bound is the same either way.
    image.apply_orientation(orientation);
    let jpeg = encode_jpeg(&image)?;
    Ok(ProcessedPhoto {
        width: image.width(),
        height: image.height(),
        sha256: sha256_hex(&jpeg),
        jpeg,
    })
}

/// Reads and processes the photo file at `path`, refusing an oversized file
/// before reading it.
pub fn process_photo_file(path: &std::path::Path) -> Result<ProcessedPhoto, PhotoError> {
    let unreadable = |error: std::io::Error| PhotoError::Unreadable {
        reason: format!("{}: {error}", path.display()),
    };
    let size_bytes = std::fs::metadata(path).map_err(unreadable)?.len();
    if size_bytes > MAX_INPUT_BYTES {
        return Err(PhotoError::TooLarge {
            size_bytes,
            max_bytes: MAX_INPUT_BYTES,
        });
    }
    process_photo(&std::fs::read(path).map_err(unreadable)?)
}

/// SHA-256 of `bytes`, lowercase hex: how photos are identified end to end.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Decodes to RGB pixels, checking the announced size before allocating.
fn decode(input: &[u8]) -> Result<(RgbImage, Orientation), PhotoError> {
    let mut reader = ImageReader::new(Cursor::new(input))
        .with_guessed_format()
        .map_err(|error| unreadable(error.to_string()))?;
    if !matches!(
        reader.format(),
        Some(ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP)
    ) {
        return Err(PhotoError::NotAnImage);
    }
    let mut limits = Limits::default();
    // The decoded bitmap (up to 4 bytes a pixel) plus the decoders' own buffers.
    limits.max_alloc = Some(MAX_PIXELS * 4 + 64 * 1024 * 1024);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(decode_error)?;
    let (width, height) = decoder.dimensions();
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(PhotoError::TooManyPixels {
            width,
            height,
            max_pixels: MAX_PIXELS,
        });
    }
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let image = DynamicImage::from_decoder(decoder).map_err(decode_error)?;
    Ok((image.into_rgb8(), orientation))
}

/// Scales `pixels` down so the long side is at most [`MAX_LONG_SIDE`].
fn downscale(pixels: RgbImage) -> Result<RgbImage, PhotoError> {
    let (width, height) = pixels.dimensions();
    let long_side = width.max(height);
    if long_side <= MAX_LONG_SIDE {
        return Ok(pixels);
    }
    let scale = f64::from(MAX_LONG_SIDE) / f64::from(long_side);
    let target_width = ((f64::from(width) * scale).round() as u32).clamp(1, MAX_LONG_SIDE);
    let target_height = ((f64::from(height) * scale).round() as u32).clamp(1, MAX_LONG_SIDE);
    let source = ImageRef::new(width, height, pixels.as_raw(), PixelType::U8x3)
        .map_err(|error| unreadable(error.to_string()))?;
    let mut target = ResizeImage::new(target_width, target_height, PixelType::U8x3);
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
    Resizer::new()
        .resize(&source, &mut target, &options)
        .map_err(|error| unreadable(error.to_string()))?;
    RgbImage::from_raw(target_width, target_height, target.into_vec())
        .ok_or_else(|| unreadable("resized buffer has the wrong size".to_string()))
}

fn encode_jpeg(image: &DynamicImage) -> Result<Vec<u8>, PhotoError> {
    let mut jpeg = Vec::with_capacity(image.width() as usize * image.height() as usize / 4);
    JpegEncoder::new_with_quality(&mut jpeg, JPEG_QUALITY)
        .encode_image(image)
        .map_err(|error| unreadable(error.to_string()))?;
    Ok(jpeg)
}

fn decode_error(error: ImageError) -> PhotoError {
    match error {
        ImageError::Unsupported(_) => PhotoError::NotAnImage,
        other => unreadable(other.to_string()),
    }
}

fn unreadable(reason: String) -> PhotoError {
    PhotoError::Unreadable { reason }
}
