//! A pack's media files: the photos and pictograms its objects point at,
//! fetched from the server once at build time. Photos are re-encoded in the
//! stored form of [`crate::photo`] (oriented, at most 2048 px,
//! JPEG, no metadata); pictograms (SVG or PNG, small) are kept as they are.
//! Each file is named after the SHA-256 of its source URL, so the app finds
//! a photo offline from the URL the object carries ([`media_path`]).

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;
use sha2::{Digest, Sha256};

use super::InstalledPack;
use super::{FileKind, PackError, fsutil};
use crate::catalog::snapshot::Snapshot;
use crate::catalog::{Catalog, CatalogError};
use crate::photo::process_photo;
use crate::tiles::sprite::Sprites;

/// Where the pack keeps the file fetched from `url`, relative to the pack.
pub fn media_path(url: &str) -> String {
    let digest = hex::encode(Sha256::digest(url.as_bytes()));
    format!("media/{}/{digest}", &digest[..2])
}

/// The map's sprite sheets of `pack`, from its offline pictograms: drawn
/// once per pack version and kept in the pack's folder (a pictogram the
/// pack lacks gets the style's placeholder).
pub fn pack_sprites(pack: &InstalledPack, catalog: &Catalog) -> Result<Sprites, CatalogError> {
    let folder = Path::new(&pack.folder);
    Sprites::kept_in(folder, &pack.version.to_string(), || {
        catalog.map_sprites(|url| std::fs::read(folder.join(media_path(url))).ok())
    })
}

/// A file an object points at.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum MediaSource {
    /// An attached photo: re-encoded in the stored form.
    Photo(String),
    /// A pictogram: kept as it is.
    Pictogram(String),
}

impl MediaSource {
    pub fn url(&self) -> &str {
        match self {
            MediaSource::Photo(url) | MediaSource::Pictogram(url) => url,
        }
    }
}

/// The media the objects of `snapshot` point at: attachments of type image
/// (the photo and its thumbnail) and every pictogram, deduplicated and sorted.
pub fn media_sources(snapshot: &Snapshot) -> Vec<MediaSource> {
    let mut urls = BTreeSet::new();
    for object in &snapshot.objects {
        if let Ok(value) = serde_json::from_str::<Value>(object.json.get()) {
            collect(&value, &mut urls);
        }
    }
    urls.into_iter().collect()
}

fn collect(value: &Value, urls: &mut BTreeSet<MediaSource>) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                match (key.as_str(), inner) {
                    ("pictogram" | "type_pictogram", Value::String(url)) if is_http(url) => {
                        urls.insert(MediaSource::Pictogram(url.clone()));
                    }
                    ("attachments", Value::Array(items)) => {
                        for item in items {
                            let is_image = item["type"].as_str().is_none_or(|kind| kind == "image");
                            // The photo, and its thumbnail: what lists show offline.
                            let sizes = [&item["url"], &item["thumbnail"]];
                            for url in sizes.iter().filter_map(|size| size.as_str()) {
                                if is_image && is_http(url) {
                                    urls.insert(MediaSource::Photo(url.to_string()));
                                }
                            }
                        }
                    }
                    _ => collect(inner, urls),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| collect(item, urls)),
        _ => {}
    }
}

fn is_http(url: &str) -> bool {
    url.starts_with("http://") || url.starts_with("https://")
}

/// What fetching the media did.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct MediaOutcome {
    pub files: Vec<(String, FileKind)>,
    /// URLs that could not be fetched or decoded, left out of the pack.
    pub skipped: Vec<String>,
}

/// Media an installed version lends to the next, and those it lacks.
#[derive(Debug, Default)]
pub struct HeldMedia {
    pub linked: Vec<(String, FileKind)>,
    pub missing: Vec<MediaSource>,
}

/// Splits `sources` into the files an installed version in `held` already
/// has, linked into `dir`, and those still to fetch. A photo keeps its URL
/// once uploaded (Geotrek names a new upload anew), so a file held is not
/// fetched again.
pub fn link_held(
    held: &Path,
    dir: &Path,
    sources: Vec<MediaSource>,
) -> Result<HeldMedia, PackError> {
    let mut linked = Vec::new();
    let mut missing = Vec::new();
    for source in sources {
        let path = media_path(source.url());
        let (from, to) = (held.join(&path), dir.join(&path));
        if !from.is_file() {
            missing.push(source);
            continue;
        }
        if !to.exists() {
            fsutil::link_or_copy(&from, &to)?;
        }
        linked.push((path, FileKind::Media));
    }
    Ok(HeldMedia { linked, missing })
}

/// Fetches `sources` into `dir`, `done` called after each.
pub async fn fetch_media(
    client: &reqwest::Client,
    dir: &Path,
    sources: &[MediaSource],
    done: &(dyn Fn(usize) + Send + Sync),
) -> Result<MediaOutcome, PackError> {
    let mut outcome = MediaOutcome::default();
    for (index, source) in sources.iter().enumerate() {
        match fetch_one(client, source).await {
            Some(bytes) => {
                let path = media_path(source.url());
                fsutil::write_if_changed(&dir.join(&path), &bytes)?;
                outcome.files.push((path, FileKind::Media));
            }
            None => outcome.skipped.push(source.url().to_string()),
        }
        done(index + 1);
    }
    Ok(outcome)
}

/// The largest photo read from the territory's server.
const PHOTO_LIMIT: u64 = 32 << 20;
/// The largest pictogram read.
const PICTOGRAM_LIMIT: u64 = 1 << 20;

/// The stored form of `source`, or `None` when it cannot be had.
async fn fetch_one(client: &reqwest::Client, source: &MediaSource) -> Option<Vec<u8>> {
    let response = client
        .get(source.url())
        .send()
        .await
        .ok()?
        .error_for_status()
        .ok()?;
    let (limit, what) = match source {
        MediaSource::Photo(_) => (PHOTO_LIMIT, "a photo"),
        MediaSource::Pictogram(_) => (PICTOGRAM_LIMIT, "a pictogram"),
    };
    let bytes = crate::http::read_capped(response, limit, what, &|_| {})
        .await
        .ok()?
        .to_vec();
    match source {
        MediaSource::Pictogram(_) => Some(bytes),
        MediaSource::Photo(_) => tokio::task::spawn_blocking(move || {
            process_photo(&bytes).ok().map(|stored| stored.jpeg)
        })
        .await
        .ok()
        .flatten(),
    }
}
