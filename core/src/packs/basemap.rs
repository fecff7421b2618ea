//! Basemap packs: one MBTiles or PMTiles tile set, from a file on the device
//! or a URL, installed as a pack of kind [`PackKind::Basemap`] (tiles, no
//! treks) so a territory without a Geotrek-mobile tree, or a hiker who
//! prefers another map, gets a basemap that is listed, replaced and removed
//! as every other pack is.
//!
//! A URL is sized first (a one-byte `Range` GET), then fetched as a pack's
//! files are: into a `.part` resumed with `Range` and `If-Range` on its
//! `ETag`, retried, held to its announced size. Before anything is
//! installed the tile set is opened by its first bytes and fully checked
//! ([`crate::tiles::inspect`]): a file that is not a tile set, or one whose
//! check finds problems (a PMTiles directory pointing past its data, an
//! oversized tile, a damaged SQLite file), is refused with
//! [`PackError::BadTileSet`] and nothing is installed. Its bounds and zooms
//! become the pack's, and the install is the same atomic switch as for
//! published packs.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use tokio_util::sync::CancellationToken;

use super::download::{Counters, Rate, Transfer, fetch, free_space};
use super::fetch::remote_size;
use super::install::install;
use super::library::{MANIFEST_FILE, remove_dir, staging_of};
use super::{
    FORMAT_VERSION, FileKind, InstalledPack, MAX_FILE_SIZE, PackError, PackKind, PackLibrary,
    PackManifest, PackProgress, build_manifest,
};
use crate::tiles::TileContainer;
use crate::tiles::inspect::{TileSetReport, inspect};

/// Where a basemap's bytes land in its staging folder before they are
/// checked; the file is renamed into `tiles/` once it passed.
const DOWNLOAD_FILE: &str = "basemap.download";

/// The id a basemap from `source` (a path or URL) installs under:
/// `basemap-` and its file's stem in lowercase letters, digits and `-`.
pub fn basemap_id(source: &str) -> String {
    let file = source
        .trim_end_matches('/')
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default();
    let file = file.split(['?', '#']).next().unwrap_or_default();
    let stem = file.rsplit_once('.').map_or(file, |(stem, _)| stem);
    let mut id = String::from("basemap");
    let mut dash = true;
    for c in stem.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            if dash {
                id.push('-');
            }
            id.push(c);
            dash = false;
        } else {
            dash = true;
        }
        if id.len() >= 48 {
            break;
        }
    }
    id
}

/// Installs the tile set at `source` (a file path, or an `http(s)` URL) as
/// the basemap pack [`basemap_id`] names, called `name` (else the name the
/// tile set declares, else its id); installing it again makes a new
/// version. `progress` hears about the download (a file is copied in one
/// step); `cancel` stops it.
pub async fn add_basemap(
    library: &PackLibrary,
    source: &str,
    name: Option<&str>,
    progress: &(dyn Fn(&PackProgress) + Send + Sync),
    cancel: &CancellationToken,
) -> Result<InstalledPack, PackError> {
    let id = basemap_id(source);
    let _running = library.start(&id, cancel)?;
    let staging = staging_of(library.root(), &id);
    // A download of this basemap left there resumes; anything else goes.
    for entry in super::library::read_dir(&staging)? {
        if entry.file_name() != *part_name().as_str() {
            let path = entry.path();
            match path.is_dir() {
                true => remove_dir(&path)?,
                false => {
                    std::fs::remove_file(&path).map_err(|error| PackError::io(&path, error))?
                }
            }
        }
    }
    std::fs::create_dir_all(&staging).map_err(|error| PackError::io(&staging, error))?;
    let downloaded = staging.join(DOWNLOAD_FILE);
    match remote_url(source) {
        Some(url) => download(library, &id, url, &downloaded, progress, cancel).await?,
        None => copy_in(library, &id, Path::new(source), &downloaded, progress)?,
    }
    if cancel.is_cancelled() {
        return Err(PackError::Cancelled);
    }

    let report = match checked(source, &downloaded).await {
        Ok(report) => report,
        Err(refused) => {
            // Nothing of a refused file is kept, not even for a resume.
            remove_dir(&staging)?;
            return Err(refused);
        }
    };
    let info = &report.info;
    let extension = match info.container {
        TileContainer::Mbtiles => "mbtiles",
        TileContainer::Pmtiles => "pmtiles",
    };
    let tiles_path = format!("tiles/basemap.{extension}");
    let placed = staging.join(&tiles_path);
    std::fs::create_dir_all(staging.join("tiles"))
        .map_err(|error| PackError::io(&staging, error))?;
    std::fs::rename(&downloaded, &placed).map_err(|error| PackError::io(&placed, error))?;

    let version = library.installed_pack(&id)?.map_or(0, |pack| pack.version) + 1;
    let declared = Some(info.name.trim()).filter(|name| !name.is_empty());
    let bounds = info.bounds;
    let manifest = build_manifest(
        &staging,
        &[(tiles_path, FileKind::Tiles)],
        PackManifest {
            format: FORMAT_VERSION,
            id: id.clone(),
            name: name.or(declared).unwrap_or(&id).to_string(),
            version,
            created: now(),
            source_api: String::new(),
            bbox: vec![bounds.west, bounds.south, bounds.east, bounds.north],
            languages: Vec::new(),
            min_zoom: info.min_zoom,
            max_zoom: info.max_zoom,
            files: Vec::new(),
        },
    )?;
    super::fsutil::write_atomically(&staging.join(MANIFEST_FILE), &manifest.to_bytes()?)?;
    install(
        library,
        &staging,
        &manifest,
        (source, PackKind::Basemap),
        manifest
            .files
            .iter()
            .map(|file| file.path.clone())
            .collect(),
        cancel,
    )
    .await
}

/// `source` as a URL when it is one to download.
fn remote_url(source: &str) -> Option<url::Url> {
    url::Url::parse(source)
        .ok()
        .filter(|url| matches!(url.scheme(), "http" | "https"))
}

fn part_name() -> String {
    format!("{DOWNLOAD_FILE}.part")
}

/// Fetches the tile set at `url` into `target`, sized first and held to
/// that size, resuming a `.part` left there by an earlier attempt.
async fn download(
    library: &PackLibrary,
    id: &str,
    url: url::Url,
    target: &Path,
    progress: &(dyn Fn(&PackProgress) + Send + Sync),
    cancel: &CancellationToken,
) -> Result<(), PackError> {
    let remote = remote_size(library.client(), &url, None, cancel)
        .await?
        .ok_or_else(|| PackError::Network {
            url: url.to_string(),
            reason: "HTTP 404: no file at this address".into(),
        })?;
    refuse_oversized(url.as_str(), remote.size)?;
    let counters = Arc::new(Counters::default());
    counters.bytes_total.store(remote.size, Ordering::Relaxed);
    let part = super::download::part_path(target);
    let partial = std::fs::metadata(&part).map_or(0, |meta| meta.len().min(remote.size));
    counters.bytes_done.store(partial, Ordering::Relaxed);
    let available = free_space(target.parent().unwrap_or(target))?;
    let needed = remote.size - partial;
    if needed > available {
        return Err(PackError::NoSpace { needed, available });
    }
    let transfer = Transfer {
        url,
        target: target.to_path_buf(),
        name: DOWNLOAD_FILE.to_string(),
        size: remote.size,
        sha256: None,
        if_range: remote.etag,
    };
    let rate = Rate::start(&counters);
    let report = || progress(&rate.progress(id, &counters, 1, false));
    report();
    let fetched = fetch(
        library.client(),
        &transfer,
        library.options(),
        &counters,
        cancel,
    );
    let ticker = async {
        loop {
            tokio::time::sleep(Duration::from_millis(100)).await;
            report();
        }
    };
    tokio::select! {
        outcome = fetched => outcome?,
        _ = ticker => unreachable!("the ticker never ends"),
    };
    report();
    Ok(())
}

/// Copies the file at `source` into `target`, reporting it as one step.
fn copy_in(
    library: &PackLibrary,
    id: &str,
    source: &Path,
    target: &Path,
    progress: &(dyn Fn(&PackProgress) + Send + Sync),
) -> Result<(), PackError> {
    let meta = std::fs::metadata(source).map_err(|error| PackError::io(source, error))?;
    if !meta.is_file() {
        return Err(PackError::BadTileSet {
            file: source.display().to_string(),
            reason: "not a file".into(),
        });
    }
    refuse_oversized(&source.display().to_string(), meta.len())?;
    let available = free_space(library.root())?;
    if meta.len() > available {
        return Err(PackError::NoSpace {
            needed: meta.len(),
            available,
        });
    }
    let counters = Counters::default();
    counters.bytes_total.store(meta.len(), Ordering::Relaxed);
    let rate = Rate::start(&counters);
    progress(&rate.progress(id, &counters, 1, false));
    std::fs::copy(source, target).map_err(|error| PackError::io(target, error))?;
    counters.bytes_done.store(meta.len(), Ordering::Relaxed);
    counters.files_done.store(1, Ordering::Relaxed);
    progress(&rate.progress(id, &counters, 1, false));
    Ok(())
}

fn refuse_oversized(file: &str, size: u64) -> Result<(), PackError> {
    match size > MAX_FILE_SIZE {
        true => Err(PackError::Oversized {
            path: file.to_string(),
            size,
            limit: MAX_FILE_SIZE,
        }),
        false => Ok(()),
    }
}

/// The full check of the tile set at `path` (from `source`), refused unless
/// it passed. It runs on a thread of its own: with the `mbtiles`
/// validation it blocks on the core's runtime, which may be this task's.
async fn checked(source: &str, path: &Path) -> Result<TileSetReport, PackError> {
    let (sender, receiver) = tokio::sync::oneshot::channel();
    let owned = path.to_path_buf();
    std::thread::spawn(move || {
        let _ = sender.send(inspect(&owned));
    });
    let refused = |reason: String| PackError::BadTileSet {
        file: source.to_string(),
        reason,
    };
    let report = receiver
        .await
        .map_err(|error| PackError::Internal {
            reason: error.to_string(),
        })?
        // Its errors name the staged copy, which the user never saw.
        .map_err(|error| refused(error.to_string().replace(&path.display().to_string(), "it")))?;
    if !report.problems.is_empty() {
        return Err(refused(report.problems.join("; ")));
    }
    if report.info.tile_count == 0 {
        return Err(refused("it holds no tiles".into()));
    }
    Ok(report)
}

fn now() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_basemap_is_installed_under_its_file_s_stem() {
        assert_eq!(
            basemap_id("/sdcard/Maps/Ecrins IGN.mbtiles"),
            "basemap-ecrins-ign"
        );
        assert_eq!(
            basemap_id("https://tiles.example/topo/alps_2026.pmtiles?key=1"),
            "basemap-alps-2026"
        );
        assert_eq!(basemap_id("https://tiles.example/"), "basemap-tiles");
        assert_eq!(basemap_id(""), "basemap");
        assert!(basemap_id(&"x".repeat(500)).len() <= 48);
    }
}
