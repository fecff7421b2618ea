//! The glyphs MapLibre draws the map's labels with, made offline from the
//! font bundled in the core (Open Sans Regular, Latin and Latin Extended-A,
//! Apache 2.0: `core/assets/fonts`). MapLibre asks for
//! `{fontstack}/{start}-{end}.pbf`, ranges of 256 code points; each range is
//! the glyph protobuf of fontnik (`glyphs > stacks > glyphs`), with every
//! glyph the font has in it as a signed distance field at 24 px with a
//! 3 px buffer, made on first use and kept for the life of the process.
//!
//! Rasterising is `fontdue`'s (pure Rust, on `ttf-parser`), the distance
//! field `sdf_glyph_renderer`'s (the code behind stadiamaps' font tools, here
//! without FreeType): the same font gives the same bytes on every machine.

use std::sync::OnceLock;

use bytes::Bytes;

use sdf_glyph_renderer::{BitmapGlyph, clamp_to_u8};

/// The name styles give the bundled font in `text-font`.
pub const FONT_STACK: &str = "Open Sans Regular";
/// The bundled font: Open Sans Regular cut to Latin, Latin-1, Latin
/// Extended-A, the Romanian commas, punctuation and the euro (21 KB).
const FONT: &[u8] = include_bytes!("../../assets/fonts/OpenSans-Regular-latin.ttf");
/// MapLibre's glyph size: its SDF shader and metrics assume 24 px glyphs.
pub const GLYPH_SIZE: f32 = 24.0;
/// Pixels of distance field around each glyph's bitmap (MapLibre's value).
pub const GLYPH_BUFFER: usize = 3;
/// How far, in pixels, distances are measured from a glyph's outline.
const SDF_RADIUS: usize = 8;
/// The share of the byte range given to the inside of a glyph (fontnik's).
const SDF_CUTOFF: f64 = 0.25;
/// Code points per range file.
const RANGE_SIZE: u32 = 256;
/// Ranges MapLibre may ask for: the Basic Multilingual Plane.
const RANGES: usize = 256;

/// Why a glyph range is not served.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum GlyphError {
    #[error("no font `{0}` here; the map's labels use `{FONT_STACK}`")]
    UnknownFontStack(String),
    #[error(
        "`{0}` is not a glyph range (expected `start-end`, 256 code points from a multiple of 256 below 65536)"
    )]
    BadRange(String),
}

/// The glyph ranges of the bundled font, each made once.
fn ranges() -> &'static [OnceLock<Bytes>; RANGES] {
    static RANGES_MADE: OnceLock<[OnceLock<Bytes>; RANGES]> = OnceLock::new();
    RANGES_MADE.get_or_init(|| std::array::from_fn(|_| OnceLock::new()))
}

/// How many ranges this process has rasterised (a range served twice is
/// counted once).
pub fn ranges_rasterised() -> usize {
    ranges()
        .iter()
        .filter(|range| range.get().is_some())
        .count()
}

/// The protobuf of `range` (as in the URL: `0-255.pbf`) for `font_stack`
/// (MapLibre's comma-joined `text-font`; any stack naming the bundled font
/// gets it).
pub fn glyph_range(font_stack: &str, range: &str) -> Result<Bytes, GlyphError> {
    if !font_stack.split(',').any(|name| name.trim() == FONT_STACK) {
        return Err(GlyphError::UnknownFontStack(font_stack.to_string()));
    }
    let start = parse_range(range).ok_or_else(|| GlyphError::BadRange(range.to_string()))?;
    let made = &ranges()[(start / RANGE_SIZE) as usize];
    // Two first requests at once may both rasterise; one result is kept.
    Ok(made
        .get_or_init(|| Bytes::from(rasterise_range(start)))
        .clone())
}

/// The first code point of a `start-end.pbf` range.
fn parse_range(range: &str) -> Option<u32> {
    let (start, end) = range.strip_suffix(".pbf")?.split_once('-')?;
    let number = |text: &str| {
        (!text.is_empty() && text.len() <= 5 && text.bytes().all(|b| b.is_ascii_digit()))
            .then(|| text.parse::<u32>().ok())
            .flatten()
    };
    let (start, end) = (number(start)?, number(end)?);
    (start % RANGE_SIZE == 0 && end == start + RANGE_SIZE - 1 && end <= 0xFFFF).then_some(start)
}

/// The bundled font, parsed once.
fn font() -> &'static fontdue::Font {
    static FONT_PARSED: OnceLock<fontdue::Font> = OnceLock::new();
    FONT_PARSED.get_or_init(|| {
        fontdue::Font::from_bytes(FONT, fontdue::FontSettings::default())
            .expect("the bundled font parses (checked by the tests)")
    })
}

/// One glyph as MapLibre reads it.
#[derive(Debug, Clone, PartialEq)]
struct Glyph {
    id: u32,
    bitmap: Vec<u8>,
    width: u32,
    height: u32,
    left: i32,
    top: i32,
    advance: u32,
}

fn rasterise_range(start: u32) -> Vec<u8> {
    let font = font();
    let ascender = font
        .horizontal_line_metrics(GLYPH_SIZE)
        .map_or(0, |line| line.ascent.round() as i32);
    let glyphs: Vec<Glyph> = (start..start + RANGE_SIZE)
        .filter_map(char::from_u32)
        .filter(|&c| font.lookup_glyph_index(c) != 0)
        .filter_map(|c| glyph(font, c, ascender))
        .collect();
    encode_stack(FONT_STACK, start, &glyphs)
}

fn glyph(font: &fontdue::Font, c: char, ascender: i32) -> Option<Glyph> {
    let (metrics, coverage) = font.rasterize(c, GLYPH_SIZE);
    let advance = metrics.advance_width.round().max(0.0) as u32;
    let mut glyph = Glyph {
        id: c as u32,
        bitmap: Vec::new(),
        width: metrics.width as u32,
        height: metrics.height as u32,
        left: metrics.xmin,
        // fontnik's `top`: the bitmap's top above the baseline, less the ascender.
        top: metrics.ymin + metrics.height as i32 - ascender,
        advance,
    };
    if metrics.width > 0 && metrics.height > 0 {
        let bitmap =
            BitmapGlyph::from_unbuffered(&coverage, metrics.width, metrics.height, GLYPH_BUFFER)
                .ok()?;
        glyph.bitmap = clamp_to_u8(&bitmap.render_sdf(SDF_RADIUS), SDF_CUTOFF).ok()?;
    }
    Some(glyph)
}

/// `glyphs { stacks = 1: fontstack { name = 1, range = 2, glyphs = 3: glyph
/// { id = 1, bitmap = 2, width = 3, height = 4, left = 5 (sint32), top = 6
/// (sint32), advance = 7 } } }`.
fn encode_stack(name: &str, start: u32, glyphs: &[Glyph]) -> Vec<u8> {
    let mut stack = Vec::new();
    put_bytes(&mut stack, 1, name.as_bytes());
    put_bytes(
        &mut stack,
        2,
        format!("{start}-{}", start + RANGE_SIZE - 1).as_bytes(),
    );
    for glyph in glyphs {
        let mut encoded = Vec::new();
        put_varint_field(&mut encoded, 1, u64::from(glyph.id));
        if !glyph.bitmap.is_empty() {
            put_bytes(&mut encoded, 2, &glyph.bitmap);
        }
        put_varint_field(&mut encoded, 3, u64::from(glyph.width));
        put_varint_field(&mut encoded, 4, u64::from(glyph.height));
        put_varint_field(&mut encoded, 5, zigzag(glyph.left));
        put_varint_field(&mut encoded, 6, zigzag(glyph.top));
        put_varint_field(&mut encoded, 7, u64::from(glyph.advance));
        put_bytes(&mut stack, 3, &encoded);
    }
    let mut message = Vec::new();
    put_bytes(&mut message, 1, &stack);
    message
}

fn zigzag(value: i32) -> u64 {
    u64::from(((value << 1) ^ (value >> 31)) as u32)
}

fn put_varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

fn put_varint_field(out: &mut Vec<u8>, field: u32, value: u64) {
    put_varint(out, u64::from(field << 3));
    put_varint(out, value);
}

fn put_bytes(out: &mut Vec<u8>, field: u32, bytes: &[u8]) {
    put_varint(out, u64::from(field << 3 | 2));
    put_varint(out, bytes.len() as u64);
    out.extend_from_slice(bytes);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_are_256_code_points_from_a_multiple_of_256() {
        assert_eq!(parse_range("0-255.pbf"), Some(0));
        assert_eq!(parse_range("256-511.pbf"), Some(256));
        assert_eq!(parse_range("65280-65535.pbf"), Some(65280));
        for bad in [
            "0-255",
            "1-256.pbf",
            "0-511.pbf",
            "65536-65791.pbf",
            "-0-255.pbf",
            "+0-255.pbf",
            "0-255.pbf.pbf",
            "../0-255.pbf",
            "99999999999999999999-0.pbf",
            "",
        ] {
            assert_eq!(parse_range(bad), None, "{bad}");
        }
    }

    /// A minimal reader of the glyph protobuf, independent of the writer:
    /// `(stack name, range, glyphs)`.
    fn decode(message: &[u8]) -> (String, String, Vec<Glyph>) {
        fn varint(bytes: &[u8], at: &mut usize) -> u64 {
            let mut value = 0u64;
            for shift in (0..64).step_by(7) {
                let byte = bytes[*at];
                *at += 1;
                value |= u64::from(byte & 0x7f) << shift;
                if byte & 0x80 == 0 {
                    break;
                }
            }
            value
        }
        /// The fields of one message: (field number, varint or bytes).
        fn fields(bytes: &[u8]) -> Vec<(u64, u64, &[u8])> {
            let (mut at, mut out) = (0, Vec::new());
            while at < bytes.len() {
                let key = varint(bytes, &mut at);
                match key & 7 {
                    0 => out.push((key >> 3, varint(bytes, &mut at), &bytes[..0])),
                    2 => {
                        let len = varint(bytes, &mut at) as usize;
                        out.push((key >> 3, 0, &bytes[at..at + len]));
                        at += len;
                    }
                    wire => panic!("unexpected wire type {wire}"),
                }
            }
            out
        }
        let unzigzag = |v: u64| ((v >> 1) as i64 ^ -((v & 1) as i64)) as i32;
        let top = fields(message);
        assert_eq!(top.len(), 1, "one font stack");
        assert_eq!(top[0].0, 1);
        let (mut name, mut range, mut glyphs) = (String::new(), String::new(), Vec::new());
        for (field, _, bytes) in fields(top[0].2) {
            match field {
                1 => name = String::from_utf8(bytes.to_vec()).unwrap(),
                2 => range = String::from_utf8(bytes.to_vec()).unwrap(),
                3 => {
                    let mut glyph = Glyph {
                        id: 0,
                        bitmap: Vec::new(),
                        width: 0,
                        height: 0,
                        left: 0,
                        top: 0,
                        advance: 0,
                    };
                    for (field, value, bytes) in fields(bytes) {
                        match field {
                            1 => glyph.id = value as u32,
                            2 => glyph.bitmap = bytes.to_vec(),
                            3 => glyph.width = value as u32,
                            4 => glyph.height = value as u32,
                            5 => glyph.left = unzigzag(value),
                            6 => glyph.top = unzigzag(value),
                            7 => glyph.advance = value as u32,
                            other => panic!("unexpected glyph field {other}"),
                        }
                    }
                    glyphs.push(glyph);
                }
                other => panic!("unexpected stack field {other}"),
            }
        }
        (name, range, glyphs)
    }

    fn find(glyphs: &[Glyph], c: char) -> &Glyph {
        glyphs
            .iter()
            .find(|g| g.id == c as u32)
            .unwrap_or_else(|| panic!("no glyph for {c:?}"))
    }

    /// The figures expected below were read from the font with fontTools
    /// (advance and outline box in font units, scaled to 24 px; hhea
    /// ascender 2189/2048 em, 26 px).
    #[test]
    fn a_range_decodes_as_glyphs_with_the_font_s_metrics() {
        let (name, range, glyphs) = decode(&glyph_range(FONT_STACK, "0-255.pbf").unwrap());
        assert_eq!((name.as_str(), range.as_str()), (FONT_STACK, "0-255"));
        // U+0020..U+007E and U+00A0..U+00FF: the font's 191 code points below 256.
        assert_eq!(glyphs.len(), 191);
        assert!(glyphs.windows(2).all(|pair| pair[0].id < pair[1].id));
        let space = find(&glyphs, ' ');
        assert_eq!((space.width, space.height, space.advance), (0, 0, 6));
        assert!(space.bitmap.is_empty());
        // A: advance 15.19 px, box 0..15.19 x 0..17.2 px above the baseline.
        let a = find(&glyphs, 'A');
        assert_eq!(a.advance, 15);
        assert!((15..=17).contains(&a.width), "{a:?}");
        assert!((17..=19).contains(&a.height), "{a:?}");
        assert!((-1..=0).contains(&a.left), "{a:?}");
        assert!(
            (-10..=-8).contains(&a.top),
            "17 px above the baseline, less 26: {a:?}"
        );
        for glyph in &glyphs {
            let side = |n: u32| n as usize + 2 * GLYPH_BUFFER;
            if glyph.width > 0 {
                assert_eq!(glyph.bitmap.len(), side(glyph.width) * side(glyph.height));
            }
        }
        // Inside the A's left stem is ink (above the SDF's 192 edge), the
        // buffer's corner is far outside.
        assert_eq!(a.bitmap[0], 0);
        assert!(a.bitmap.iter().any(|&v| v > 192));
        // é, with its accent above the A's height.
        let e_acute = find(&glyphs, 'é');
        assert_eq!(e_acute.advance, 13);
        assert!(e_acute.top > a.top, "{e_acute:?}");

        let (_, range, extended) = decode(&glyph_range(FONT_STACK, "256-511.pbf").unwrap());
        assert_eq!(range, "256-511");
        // Latin Extended-A, whole.
        assert_eq!(extended.len(), 128);
        assert_eq!(find(&extended, 'ő').advance, 14);
        // The Romanian ș ț Ș Ț of Latin Extended-B.
        let (_, _, romanian) = decode(&glyph_range(FONT_STACK, "512-767.pbf").unwrap());
        assert_eq!(romanian.len(), 4);
        // ș's comma goes 5.3 px below the baseline: its box reaches lower.
        let s_comma = find(&romanian, 'ș');
        assert!(s_comma.top - (s_comma.height as i32) < a.top - (a.height as i32) - 4);

        // Ranges the font has nothing in are served empty, not refused.
        let (_, range, none) = decode(&glyph_range(FONT_STACK, "19968-20223.pbf").unwrap());
        assert_eq!((range.as_str(), none.len()), ("19968-20223", 0));
    }

    #[test]
    fn the_same_font_gives_the_same_bytes() {
        assert_eq!(rasterise_range(0), rasterise_range(0));
        assert_eq!(
            glyph_range(FONT_STACK, "0-255.pbf").unwrap(),
            Bytes::from(rasterise_range(0))
        );
    }

    #[test]
    fn stacks_without_the_bundled_font_are_refused() {
        assert_eq!(
            glyph_range("Arial Unicode MS Regular", "0-255.pbf"),
            Err(GlyphError::UnknownFontStack(
                "Arial Unicode MS Regular".into()
            ))
        );
        assert!(glyph_range("Noto Sans Bold,Open Sans Regular", "0-255.pbf").is_ok());
        assert!(matches!(
            glyph_range("../../etc/passwd", "0-255.pbf"),
            Err(GlyphError::UnknownFontStack(_))
        ));
        assert!(matches!(
            glyph_range(FONT_STACK, "0-256.pbf"),
            Err(GlyphError::BadRange(_))
        ));
    }

    #[test]
    fn zigzag_keeps_small_negatives_small() {
        assert_eq!(zigzag(0), 0);
        assert_eq!(zigzag(-1), 1);
        assert_eq!(zigzag(1), 2);
        assert_eq!(zigzag(-17), 33);
    }
}
