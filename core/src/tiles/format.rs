//! What tile bytes are: the formats a tile set declares (MBTiles `format`,
//! PMTiles `tile_type`), how stored bytes are encoded, and recognising both
//! from the bytes themselves so a tile set that lies about them is caught.

/// The format of the tiles of one tile set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum TileFormat {
    Png,
    Jpeg,
    Webp,
    /// Mapbox Vector Tiles (protobuf), called `pbf` in MBTiles metadata.
    Mvt,
}

/// How stored tile bytes are encoded on top of their format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum TileEncoding {
    Identity,
    Gzip,
}

impl TileFormat {
    /// Reads an MBTiles `format` value (`png`, `jpg`, `jpeg`, `webp`, `pbf`, `mvt`).
    pub fn from_name(name: &str) -> Option<TileFormat> {
        match name.trim().to_ascii_lowercase().as_str() {
            "png" => Some(TileFormat::Png),
            "jpg" | "jpeg" => Some(TileFormat::Jpeg),
            "webp" => Some(TileFormat::Webp),
            "pbf" | "mvt" => Some(TileFormat::Mvt),
            _ => None,
        }
    }

    /// Recognises a stored tile from its first bytes; `None` when it is none
    /// of the formats above. Gzipped data is taken for gzipped MVT, the only
    /// format tile sets gzip.
    pub fn sniff(bytes: &[u8]) -> Option<(TileFormat, TileEncoding)> {
        match bytes {
            [0x89, b'P', b'N', b'G', ..] => Some((TileFormat::Png, TileEncoding::Identity)),
            [0xFF, 0xD8, 0xFF, ..] => Some((TileFormat::Jpeg, TileEncoding::Identity)),
            [
                b'R',
                b'I',
                b'F',
                b'F',
                _,
                _,
                _,
                _,
                b'W',
                b'E',
                b'B',
                b'P',
                ..,
            ] => Some((TileFormat::Webp, TileEncoding::Identity)),
            [0x1F, 0x8B, ..] => Some((TileFormat::Mvt, TileEncoding::Gzip)),
            // An MVT tile is a protobuf message whose fields are all `layers` (3, length-delimited).
            [0x1A, ..] => Some((TileFormat::Mvt, TileEncoding::Identity)),
            _ => None,
        }
    }

    /// Whether MapLibre draws these tiles as images (and the server may overzoom them).
    pub fn is_raster(self) -> bool {
        !matches!(self, TileFormat::Mvt)
    }

    /// The HTTP `Content-Type` of tiles in this format.
    pub fn content_type(self) -> &'static str {
        match self {
            TileFormat::Png => "image/png",
            TileFormat::Jpeg => "image/jpeg",
            TileFormat::Webp => "image/webp",
            TileFormat::Mvt => "application/vnd.mapbox-vector-tile",
        }
    }

    /// The file extension used in tile URLs.
    pub fn extension(self) -> &'static str {
        match self {
            TileFormat::Png => "png",
            TileFormat::Jpeg => "jpg",
            TileFormat::Webp => "webp",
            TileFormat::Mvt => "pbf",
        }
    }
}

impl std::fmt::Display for TileFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.extension())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_magic_bytes_are_recognised() {
        assert_eq!(TileFormat::from_name(" JPEG"), Some(TileFormat::Jpeg));
        assert_eq!(TileFormat::from_name("pbf"), Some(TileFormat::Mvt));
        assert_eq!(TileFormat::from_name("tiff"), None);
        assert_eq!(
            TileFormat::sniff(b"\x89PNG\r\n\x1a\n"),
            Some((TileFormat::Png, TileEncoding::Identity))
        );
        assert_eq!(
            TileFormat::sniff(b"RIFF\0\0\0\0WEBPVP8 "),
            Some((TileFormat::Webp, TileEncoding::Identity))
        );
        assert_eq!(
            TileFormat::sniff(&[0x1F, 0x8B, 8]),
            Some((TileFormat::Mvt, TileEncoding::Gzip))
        );
        assert_eq!(TileFormat::sniff(b"<html>"), None);
        assert_eq!(TileFormat::sniff(b""), None);
    }
}
