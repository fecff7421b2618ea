//! The map's sprite sheet: the territory's own pictograms (SVG rendered with
//! resvg, PNG as they are) and the core's few markers (trek start, end,
//! parking, direction arrow, information desk), each drawn on a round badge
//! so it reads on any basemap, packed into the `sprite.json` + `sprite.png`
//! pair MapLibre loads, at pixel ratio 1 and 2.
//!
//! The sheet is deterministic: icons are placed in name order on a fixed
//! grid and the PNG is encoded with fixed settings, so the same pictograms
//! give the same bytes. A pictogram that cannot be drawn (not SVG nor PNG,
//! malformed, too large, or crashing the renderer) gets a placeholder badge
//! and a typed [`SpriteError`], never a panic.
//!
//! Drawing a territory's sheet takes a while (hundreds of SVGs), so a pack's
//! sheets are drawn once per pack version and kept beside it
//! ([`Sprites::kept_in`]).

use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::Path;

use resvg::tiny_skia::{self, Pixmap, PixmapPaint, Transform};
use resvg::usvg;
use sha2::{Digest, Sha256};

/// The side of an icon, in CSS pixels.
pub const ICON_SIZE: u32 = 26;
/// The largest side of a PNG pictogram decoded.
const MAX_PNG_SIDE: u32 = 1024;
/// The deepest nesting of SVG elements rendered: the renderer recurses per
/// level, and a few thousand levels overflow a thread's stack (an abort no
/// `catch_unwind` stops). Pictograms nest a handful.
const MAX_SVG_DEPTH: usize = 64;
/// The markers the core draws itself, by icon name.
pub const START_ICON: &str = "sentier-start";
pub const END_ICON: &str = "sentier-end";
pub const PARKING_ICON: &str = "sentier-parking";
pub const ARROW_ICON: &str = "sentier-arrow";
pub const DESK_ICON: &str = "sentier-desk";
/// What stands for a pictogram that cannot be drawn, or a type without one.
pub const PLACEHOLDER_ICON: &str = "sentier-place";

/// The core's markers as SVG on a 24 × 24 canvas, drawn like the pictograms.
const BUILT_IN: [(&str, &str); 6] = [
    (
        START_ICON,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M7 3v18" stroke="#2e7d32" stroke-width="2.4"/><path d="M8 4h11l-3 4 3 4H8z" fill="#2e7d32"/></svg>"##,
    ),
    (
        END_ICON,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M7 3v18" stroke="#222" stroke-width="2.4"/><path d="M8 4h12v8H8z" fill="#fff" stroke="#222"/><path d="M8 4h3v2.7H8zm6 0h3v2.7h-3zM11 6.7h3v2.6h-3zm6 0h3v2.6h-3zM8 9.3h3V12H8zm6 0h3V12h-3z" fill="#222"/></svg>"##,
    ),
    (
        PARKING_ICON,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><rect x="3" y="3" width="18" height="18" rx="3" fill="#1565c0"/><path d="M9 18V6h4.2a3.6 3.6 0 0 1 0 7.2H9" fill="none" stroke="#fff" stroke-width="2.4"/></svg>"##,
    ),
    (
        ARROW_ICON,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M6 5l12 7-12 7 3-7z" fill="#0d47a1"/></svg>"##,
    ),
    (
        DESK_ICON,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><circle cx="12" cy="12" r="10" fill="#00838f"/><circle cx="12" cy="7" r="1.8" fill="#fff"/><path d="M12 10.5v7.5" stroke="#fff" stroke-width="2.6"/></svg>"##,
    ),
    (
        PLACEHOLDER_ICON,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><circle cx="12" cy="12" r="6" fill="#6d4c41"/></svg>"##,
    ),
];

/// The icon name of the pictogram at `url` in the sprite and the overlays.
pub fn pictogram_icon(url: &str) -> String {
    format!(
        "picto-{}",
        &hex::encode(Sha256::digest(url.as_bytes()))[..16]
    )
}

/// Why a pictogram was replaced by the placeholder.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum SpriteError {
    #[error("pictogram {icon} is neither an SVG nor a PNG picture: {reason}")]
    Undecodable { icon: String, reason: String },
    #[error("pictogram {icon} is larger than {MAX_PNG_SIDE} pixels a side")]
    TooLarge { icon: String },
    #[error("pictogram {icon} made the SVG renderer fail")]
    RendererFailed { icon: String },
}

/// The folder a pack's sheets are kept in, beside the pack, is this and
/// the pack's version.
const KEPT_SHEETS_PREFIX: &str = "map-sprite-v";
/// The files of kept sheets, as MapLibre names them.
const KEPT_SHEET_FILES: [&str; 4] = [
    "sprite.json",
    "sprite.png",
    "sprite@2x.json",
    "sprite@2x.png",
];

/// One sheet: MapLibre's `sprite{@2x}.json` index and `sprite{@2x}.png` picture.
#[derive(Clone, Debug, PartialEq)]
pub struct SpriteSheet {
    pub json: String,
    pub png: Vec<u8>,
}

/// The sheets at pixel ratio 1 and 2, and the pictograms that could not be drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct Sprites {
    pub standard: SpriteSheet,
    pub retina: SpriteSheet,
    pub problems: Vec<SpriteError>,
}

impl Sprites {
    /// The sheets of `pictograms` (icon name to the file's bytes) and the
    /// core's markers.
    pub fn build(pictograms: &BTreeMap<String, Vec<u8>>) -> Sprites {
        let (standard, problems) = sheet(pictograms, 1);
        let (retina, _) = sheet(pictograms, 2);
        Sprites {
            standard,
            retina,
            problems,
        }
    }

    /// The sheets kept in `folder` for `version`, or else the ones `draw`
    /// makes, then kept there (written aside and renamed into place, so a
    /// crash leaves no half sheet). Sheets read back carry no `problems`:
    /// those were reported when they were drawn. A folder that cannot be
    /// written still gets the drawn sheets.
    pub fn kept_in<E>(
        folder: &Path,
        version: &str,
        draw: impl FnOnce() -> Result<Sprites, E>,
    ) -> Result<Sprites, E> {
        let kept = folder.join(format!("{KEPT_SHEETS_PREFIX}{version}"));
        if let Some(sprites) = Sprites::read_from(&kept) {
            return Ok(sprites);
        }
        let sprites = draw()?;
        if let Err(error) = sprites.write_to(folder, &kept) {
            tracing::warn!("map sprite not kept in {}: {error}", kept.display());
        }
        Ok(sprites)
    }

    fn read_from(kept: &Path) -> Option<Sprites> {
        let [json, png, json2x, png2x] =
            KEPT_SHEET_FILES.map(|name| std::fs::read(kept.join(name)));
        Some(Sprites {
            standard: SpriteSheet {
                json: String::from_utf8(json.ok()?).ok()?,
                png: png.ok()?,
            },
            retina: SpriteSheet {
                json: String::from_utf8(json2x.ok()?).ok()?,
                png: png2x.ok()?,
            },
            problems: Vec::new(),
        })
    }

    fn write_to(&self, folder: &Path, kept: &Path) -> std::io::Result<()> {
        let aside = tempfile::Builder::new()
            .prefix(".map-sprite-")
            .tempdir_in(folder)?;
        let contents: [&[u8]; 4] = [
            self.standard.json.as_bytes(),
            &self.standard.png,
            self.retina.json.as_bytes(),
            &self.retina.png,
        ];
        for (name, bytes) in KEPT_SHEET_FILES.iter().zip(contents) {
            std::fs::write(aside.path().join(name), bytes)?;
        }
        // Kept sheets that could not be read (a file lost) make way.
        if kept.exists() {
            std::fs::remove_dir_all(kept)?;
        }
        std::fs::rename(aside.path(), kept)?;
        // Renamed away: nothing left for the guard to delete.
        let _ = aside.keep();
        Ok(())
    }

    /// The sheet at `pixel_ratio` (2 for `@2x`, 1 otherwise).
    pub fn at_ratio(&self, pixel_ratio: u32) -> &SpriteSheet {
        if pixel_ratio >= 2 {
            &self.retina
        } else {
            &self.standard
        }
    }
}

#[derive(serde::Serialize)]
struct Placement {
    x: u32,
    y: u32,
    width: u32,
    height: u32,
    #[serde(rename = "pixelRatio")]
    pixel_ratio: u32,
}

fn sheet(pictograms: &BTreeMap<String, Vec<u8>>, ratio: u32) -> (SpriteSheet, Vec<SpriteError>) {
    let mut icons: BTreeMap<&str, &[u8]> = pictograms
        .iter()
        .map(|(name, bytes)| (name.as_str(), bytes.as_slice()))
        .collect();
    for (name, svg) in BUILT_IN {
        icons.insert(name, svg.as_bytes());
    }
    let cell = ICON_SIZE * ratio;
    let columns = (icons.len() as f64).sqrt().ceil().max(1.0) as u32;
    let rows = (icons.len() as u32).div_ceil(columns);
    let mut canvas = Pixmap::new(columns * cell, rows.max(1) * cell).expect("a non-empty sheet");
    let mut index = BTreeMap::new();
    let mut problems = Vec::new();
    for (position, (name, bytes)) in icons.into_iter().enumerate() {
        let (x, y) = (
            (position as u32 % columns) * cell,
            (position as u32 / columns) * cell,
        );
        let icon = match draw_icon(name, bytes, cell) {
            Ok(icon) => icon,
            Err(problem) => {
                problems.push(problem);
                placeholder(cell)
            }
        };
        canvas.draw_pixmap(
            x as i32,
            y as i32,
            icon.as_ref(),
            &PixmapPaint::default(),
            Transform::identity(),
            None,
        );
        index.insert(
            name.to_string(),
            Placement {
                x,
                y,
                width: cell,
                height: cell,
                pixel_ratio: ratio,
            },
        );
    }
    let json = serde_json::to_string(&index).expect("placements serialise");
    (
        SpriteSheet {
            json,
            png: encode_png(&canvas),
        },
        problems,
    )
}

/// The icon `name` drawn from `bytes` on its badge, `cell` pixels a side.
fn draw_icon(name: &str, bytes: &[u8], cell: u32) -> Result<Pixmap, SpriteError> {
    let glyph = if bytes.starts_with(b"\x89PNG") {
        png_glyph(name, bytes)?
    } else {
        svg_glyph(name, bytes, cell)?
    };
    let mut badge = badge(cell, !name.starts_with("sentier-"));
    let inner = cell as f32
        * if name.starts_with("sentier-") {
            1.0
        } else {
            0.7
        };
    let scale = inner / glyph.width().max(glyph.height()) as f32;
    let offset_x = (cell as f32 - glyph.width() as f32 * scale) / 2.0;
    let offset_y = (cell as f32 - glyph.height() as f32 * scale) / 2.0;
    badge.draw_pixmap(
        0,
        0,
        glyph.as_ref(),
        &PixmapPaint {
            quality: tiny_skia::FilterQuality::Bilinear,
            ..PixmapPaint::default()
        },
        Transform::from_row(scale, 0.0, 0.0, scale, offset_x, offset_y),
        None,
    );
    Ok(badge)
}

/// An SVG rendered at `cell` pixels for its longer side.
fn svg_glyph(name: &str, bytes: &[u8], cell: u32) -> Result<Pixmap, SpriteError> {
    let undecodable = |reason: String| SpriteError::Undecodable {
        icon: name.to_string(),
        reason,
    };
    // Entities could expand into elements nested past the depth checked.
    if bytes
        .windows(8)
        .any(|w| w.eq_ignore_ascii_case(b"<!ENTITY"))
    {
        return Err(undecodable("an SVG declaring entities".into()));
    }
    if nesting_depth(bytes) > MAX_SVG_DEPTH {
        return Err(undecodable(format!(
            "elements nested deeper than {MAX_SVG_DEPTH} levels"
        )));
    }
    let tree = usvg::Tree::from_data(bytes, &usvg::Options::default())
        .map_err(|e| undecodable(e.to_string()))?;
    let size = tree.size();
    let scale = cell as f32 / size.width().max(size.height());
    let (width, height) = (
        (size.width() * scale).ceil().max(1.0) as u32,
        (size.height() * scale).ceil().max(1.0) as u32,
    );
    let mut pixmap = Pixmap::new(width.min(cell), height.min(cell))
        .ok_or_else(|| undecodable("an empty picture".into()))?;
    // resvg is defensive, but the file comes from a server: a bug in it
    // must cost one icon, not the map.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        resvg::render(
            &tree,
            Transform::from_scale(scale, scale),
            &mut pixmap.as_mut(),
        )
    }))
    .map_err(|_| SpriteError::RendererFailed {
        icon: name.to_string(),
    })?;
    Ok(pixmap)
}

/// How deep the elements of an XML text nest, read tag by tag (quoted
/// attribute values skipped) without building a tree.
fn nesting_depth(xml: &[u8]) -> usize {
    let (mut depth, mut deepest, mut at) = (0usize, 0usize, 0usize);
    while let Some(start) = xml[at..].iter().position(|b| *b == b'<').map(|p| p + at) {
        let mut end = start + 1;
        let mut quote = None;
        while let Some(&byte) = xml.get(end) {
            match quote {
                Some(q) if byte == q => quote = None,
                Some(_) => {}
                None if byte == b'"' || byte == b'\'' => quote = Some(byte),
                None if byte == b'>' => break,
                None => {}
            }
            end += 1;
        }
        match xml.get(start + 1) {
            Some(b'/') => depth = depth.saturating_sub(1),
            Some(b'!' | b'?') => {}
            _ if xml.get(end - 1) == Some(&b'/') => {}
            _ => {
                depth += 1;
                deepest = deepest.max(depth);
            }
        }
        at = end + 1;
        if at >= xml.len() {
            break;
        }
    }
    deepest
}

/// A PNG as it is (scaled when drawn).
fn png_glyph(name: &str, bytes: &[u8]) -> Result<Pixmap, SpriteError> {
    let undecodable = |reason: String| SpriteError::Undecodable {
        icon: name.to_string(),
        reason,
    };
    let mut reader = image::ImageReader::with_format(Cursor::new(bytes), image::ImageFormat::Png);
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_PNG_SIDE);
    limits.max_image_height = Some(MAX_PNG_SIDE);
    reader.limits(limits);
    let picture = reader.decode().map_err(|e| match e {
        image::ImageError::Limits(_) => SpriteError::TooLarge {
            icon: name.to_string(),
        },
        other => undecodable(other.to_string()),
    })?;
    let rgba = picture.to_rgba8();
    let (width, height) = rgba.dimensions();
    let premultiplied: Vec<u8> = rgba
        .pixels()
        .flat_map(|p| {
            let [r, g, b, a] = p.0;
            let scale = |c: u8| ((c as u16 * a as u16 + 127) / 255) as u8;
            [scale(r), scale(g), scale(b), a]
        })
        .collect();
    let size = tiny_skia::IntSize::from_wh(width, height)
        .ok_or_else(|| undecodable("an empty picture".into()))?;
    Pixmap::from_vec(premultiplied, size).ok_or_else(|| undecodable("a malformed picture".into()))
}

/// A white disc with a dark ring (pictograms), or nothing (the core's
/// markers, which carry their own shape).
fn badge(cell: u32, with_disc: bool) -> Pixmap {
    let mut pixmap = Pixmap::new(cell, cell).expect("a non-empty cell");
    if with_disc {
        let radius = cell as f32 / 2.0 - cell as f32 / 26.0;
        let center = cell as f32 / 2.0;
        if let Some(circle) = tiny_skia::PathBuilder::from_circle(center, center, radius) {
            let mut paint = tiny_skia::Paint::default();
            paint.set_color_rgba8(255, 255, 255, 255);
            paint.anti_alias = true;
            pixmap.fill_path(
                &circle,
                &paint,
                tiny_skia::FillRule::Winding,
                Transform::identity(),
                None,
            );
            paint.set_color_rgba8(66, 66, 66, 255);
            let stroke = tiny_skia::Stroke {
                width: cell as f32 / 18.0,
                ..tiny_skia::Stroke::default()
            };
            pixmap.stroke_path(&circle, &paint, &stroke, Transform::identity(), None);
        }
    }
    pixmap
}

/// The placeholder's badge, for a pictogram that cannot be drawn.
fn placeholder(cell: u32) -> Pixmap {
    let (_, svg) = BUILT_IN
        .iter()
        .find(|(name, _)| *name == PLACEHOLDER_ICON)
        .expect("the placeholder is built in");
    draw_icon(PLACEHOLDER_ICON, svg.as_bytes(), cell).expect("the built-in placeholder draws")
}

fn encode_png(pixmap: &Pixmap) -> Vec<u8> {
    use image::ImageEncoder;
    let straight: Vec<u8> = pixmap
        .pixels()
        .iter()
        .flat_map(|p| {
            let c = p.demultiply();
            [c.red(), c.green(), c.blue(), c.alpha()]
        })
        .collect();
    let mut png = Vec::new();
    image::codecs::png::PngEncoder::new_with_quality(
        &mut png,
        image::codecs::png::CompressionType::Default,
        image::codecs::png::FilterType::Adaptive,
    )
    .write_image(
        &straight,
        pixmap.width(),
        pixmap.height(),
        image::ExtendedColorType::Rgba8,
    )
    .expect("encoding into memory");
    png
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pack_version_s_sheets_are_drawn_once_and_kept_beside_it() {
        let folder = tempfile::tempdir().unwrap();
        let draws = std::cell::Cell::new(0);
        let draw = || {
            draws.set(draws.get() + 1);
            Ok::<_, std::convert::Infallible>(Sprites::build(&BTreeMap::new()))
        };
        let first = Sprites::kept_in(folder.path(), "3", draw).unwrap();
        let kept = folder.path().join("map-sprite-v3");
        let written = std::fs::metadata(kept.join("sprite@2x.png"))
            .unwrap()
            .modified()
            .unwrap();
        // Shown again: read back, not drawn, not rewritten.
        let again = Sprites::kept_in(folder.path(), "3", draw).unwrap();
        assert_eq!(draws.get(), 1);
        assert_eq!(
            (again.standard, again.retina),
            (first.standard, first.retina)
        );
        let modified = std::fs::metadata(kept.join("sprite@2x.png"))
            .unwrap()
            .modified()
            .unwrap();
        assert_eq!(modified, written);
        // A new version of the pack draws its own.
        Sprites::kept_in(folder.path(), "4", draw).unwrap();
        assert_eq!(draws.get(), 2);
        // Kept sheets missing a file are drawn again and replaced.
        std::fs::remove_file(kept.join("sprite.json")).unwrap();
        Sprites::kept_in(folder.path(), "3", draw).unwrap();
        assert_eq!(draws.get(), 3);
        assert!(kept.join("sprite.json").exists());
        // Nothing written aside is left behind.
        let mut names: Vec<String> = std::fs::read_dir(folder.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["map-sprite-v3", "map-sprite-v4"]);
    }

    #[test]
    fn a_folder_that_cannot_be_written_still_gets_its_sheets() {
        let folder = tempfile::tempdir().unwrap();
        let missing = folder.path().join("gone");
        let sprites = Sprites::kept_in(&missing, "1", || {
            Ok::<_, ()>(Sprites::build(&BTreeMap::new()))
        });
        assert!(!sprites.unwrap().standard.png.is_empty());
        assert!(!missing.exists());
    }

    const FLOWER: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="48" height="48"><circle cx="24" cy="24" r="20" fill="#c2185b"/></svg>"##;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let picture = image::RgbaImage::from_pixel(width, height, image::Rgba([20, 90, 200, 255]));
        let mut bytes = Vec::new();
        picture
            .write_to(&mut Cursor::new(&mut bytes), image::ImageFormat::Png)
            .unwrap();
        bytes
    }

    fn pictograms(entries: &[(&str, Vec<u8>)]) -> BTreeMap<String, Vec<u8>> {
        entries
            .iter()
            .map(|(name, bytes)| (name.to_string(), bytes.clone()))
            .collect()
    }

    /// The sheet decoded, and the pixel at the centre of icon `name`.
    fn centre_of(sheet: &SpriteSheet, name: &str) -> [u8; 4] {
        let index: serde_json::Value = serde_json::from_str(&sheet.json).unwrap();
        let place = &index[name];
        let picture = image::load_from_memory_with_format(&sheet.png, image::ImageFormat::Png)
            .unwrap()
            .to_rgba8();
        let (x, y) = (
            place["x"].as_u64().unwrap() as u32 + place["width"].as_u64().unwrap() as u32 / 2,
            place["y"].as_u64().unwrap() as u32 + place["height"].as_u64().unwrap() as u32 / 2,
        );
        picture.get_pixel(x, y).0
    }

    #[test]
    fn the_same_pictograms_give_the_same_bytes() {
        let first = pictograms(&[("picto-b", png(30, 20)), ("picto-a", FLOWER.into())]);
        let again = pictograms(&[("picto-a", FLOWER.into()), ("picto-b", png(30, 20))]);
        assert_eq!(Sprites::build(&first), Sprites::build(&again));
        assert_ne!(
            Sprites::build(&first).standard.png,
            Sprites::build(&pictograms(&[("picto-a", FLOWER.into())]))
                .standard
                .png
        );
    }

    #[test]
    fn the_sheet_decodes_and_places_every_icon_in_it() {
        let sprites = Sprites::build(&pictograms(&[
            ("picto-flower", FLOWER.into()),
            ("picto-square", png(30, 20)),
        ]));
        assert!(sprites.problems.is_empty(), "{:?}", sprites.problems);
        for (sheet, ratio) in [(&sprites.standard, 1), (&sprites.retina, 2)] {
            let index: BTreeMap<String, serde_json::Value> =
                serde_json::from_str(&sheet.json).unwrap();
            assert_eq!(index.len(), BUILT_IN.len() + 2);
            let picture = image::load_from_memory(&sheet.png).unwrap();
            for (name, place) in &index {
                assert_eq!(place["pixelRatio"], ratio, "{name}");
                assert_eq!(place["width"], ICON_SIZE * ratio, "{name}");
                let right = place["x"].as_u64().unwrap() + place["width"].as_u64().unwrap();
                let bottom = place["y"].as_u64().unwrap() + place["height"].as_u64().unwrap();
                assert!(right <= picture.width() as u64 && bottom <= picture.height() as u64);
            }
            // The SVG's pink disc and the PNG's blue, each on its badge.
            let [r, g, b, a] = centre_of(sheet, "picto-flower");
            assert!(
                a == 255 && r > 150 && g < 60 && b > 60,
                "{:?}",
                [r, g, b, a]
            );
            let [r, g, b, a] = centre_of(sheet, "picto-square");
            assert!(a == 255 && r < 40 && b > 160, "{:?}", [r, g, b, a]);
        }
    }

    #[test]
    fn hostile_pictograms_get_the_placeholder_and_a_typed_error() {
        let laughs = r#"<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "lollollollollollollol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">]><svg xmlns="http://www.w3.org/2000/svg"><text>&f;</text></svg>"#;
        let deep = format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg">{}{}</svg>"#,
            "<g>".repeat(5_000),
            "</g>".repeat(5_000)
        );
        let huge_png = png(MAX_PNG_SIDE + 1, 1);
        let hostile = pictograms(&[
            ("picto-garbage", b"\x00\x01 not a picture".to_vec()),
            ("picto-truncated", FLOWER.as_bytes()[..40].to_vec()),
            ("picto-laughs", laughs.into()),
            ("picto-deep", deep.into()),
            (
                "picto-empty",
                br#"<svg xmlns="http://www.w3.org/2000/svg" width="0" height="0"/>"#.to_vec(),
            ),
            ("picto-huge", huge_png),
            ("picto-broken-png", png(8, 8)[..30].to_vec()),
        ]);
        let sprites = Sprites::build(&hostile);
        let failed: Vec<&str> = sprites
            .problems
            .iter()
            .map(|problem| match problem {
                SpriteError::Undecodable { icon, .. }
                | SpriteError::TooLarge { icon }
                | SpriteError::RendererFailed { icon } => icon.as_str(),
            })
            .collect();
        assert_eq!(
            failed,
            [
                "picto-broken-png",
                "picto-deep",
                "picto-empty",
                "picto-garbage",
                "picto-huge",
                "picto-laughs",
                "picto-truncated"
            ]
        );
        assert!(sprites.problems.contains(&SpriteError::TooLarge {
            icon: "picto-huge".into()
        }));
        // Each is drawn as the placeholder, in its place.
        for name in failed {
            assert_eq!(
                centre_of(&sprites.standard, name),
                centre_of(&sprites.standard, PLACEHOLDER_ICON),
                "{name}"
            );
        }
    }
}
