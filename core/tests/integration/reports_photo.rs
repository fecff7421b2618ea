//! The photo pipeline on real encoded files: orientation applied, size
//! bounded, metadata gone, and what is not a photo refused.

use sentier_core::photo::{
    MAX_INPUT_BYTES, MAX_LONG_SIDE, MAX_PIXELS, PhotoError, process_photo, sha256_hex,
};

use sentier_testkit::photos::{EXIF_MAKE, png_bomb, synthetic_jpeg};

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

fn is_red(pixel: &image::Rgb<u8>) -> bool {
    pixel[0] > 150 && pixel[2] < 120
}

#[test]
fn a_rotated_camera_photo_is_turned_upright_downscaled_and_stripped() {
    // Landscape sensor data with EXIF orientation 6: shown rotated 90° clockwise.
    let input = synthetic_jpeg(2600, 1600, 7, Some(6));
    assert!(contains(&input, EXIF_MAKE.as_bytes()));
    let photo = process_photo(&input).unwrap();

    assert_eq!((photo.width, photo.height), (1260, MAX_LONG_SIDE));
    assert_eq!(photo.sha256, sha256_hex(&photo.jpeg));
    assert!(!contains(&photo.jpeg, b"Exif"), "EXIF block kept");
    assert!(
        !contains(&photo.jpeg, EXIF_MAKE.as_bytes()),
        "camera make kept"
    );

    // The red left third of the sensor is now the top third.
    let decoded = image::load_from_memory(&photo.jpeg).unwrap().into_rgb8();
    assert_eq!(decoded.dimensions(), (photo.width, photo.height));
    assert!(is_red(decoded.get_pixel(630, 100)));
    assert!(!is_red(decoded.get_pixel(630, 1900)));
    assert!(!is_red(decoded.get_pixel(10, 1024)));
}

#[test]
fn small_photos_keep_their_size_and_png_is_accepted() {
    let jpeg = process_photo(&synthetic_jpeg(640, 480, 1, None)).unwrap();
    assert_eq!((jpeg.width, jpeg.height), (640, 480));

    let mut png = Vec::new();
    image::DynamicImage::ImageRgb8(image::RgbImage::from_pixel(
        300,
        200,
        image::Rgb([10, 200, 30]),
    ))
    .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
    .unwrap();
    let from_png = process_photo(&png).unwrap();
    assert_eq!((from_png.width, from_png.height), (300, 200));
    assert!(from_png.jpeg.starts_with(&[0xFF, 0xD8]), "stored as JPEG");
}

#[test]
fn what_is_not_a_photo_is_refused() {
    assert_eq!(
        process_photo(b"GPX? no, a text file"),
        Err(PhotoError::NotAnImage)
    );
    assert_eq!(
        process_photo(b"GIF89a\x01\x00\x01\x00"),
        Err(PhotoError::NotAnImage)
    );
    let mut truncated = synthetic_jpeg(400, 300, 2, None);
    truncated.truncate(200);
    assert!(matches!(
        process_photo(&truncated),
        Err(PhotoError::Unreadable { .. })
    ));
}

#[test]
fn files_over_30_mb_are_refused_before_decoding() {
    let mut huge = synthetic_jpeg(64, 64, 3, None);
    huge.resize(MAX_INPUT_BYTES as usize + 1, 0);
    assert_eq!(
        process_photo(&huge),
        Err(PhotoError::TooLarge {
            size_bytes: MAX_INPUT_BYTES + 1,
            max_bytes: MAX_INPUT_BYTES,
        })
    );
}

#[test]
fn decompression_bombs_are_refused_from_their_header() {
    let bomb = png_bomb(9000, 9000);
    assert!(
        bomb.len() < 100_000,
        "the bomb is small: {} bytes",
        bomb.len()
    );
    assert_eq!(
        process_photo(&bomb),
        Err(PhotoError::TooManyPixels {
            width: 9000,
            height: 9000,
            max_pixels: MAX_PIXELS,
        })
    );
}
