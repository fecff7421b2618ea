//! `sentier pack build`: a territory from its Geotrek API and a tile source
//! into a pack folder on a pack server's root, deterministically: the same
//! data and tiles give the same bytes, so republishing after a small change
//! changes few files, and an unchanged territory keeps its version.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::Value;
use tokio_util::sync::CancellationToken;

use super::data::write_data;
use super::index::publish;
use super::media::{HeldMedia, fetch_media, link_held, media_sources};
use super::tiles::{TilePlan, write_tiles};
use super::{FileKind, PackError, PackManifest, build_manifest, fsutil};
use crate::catalog::snapshot::{Snapshot, export};
use crate::catalog::sync::{SyncOptions, sync};
use crate::catalog::{Limits, SyncProgress};
use crate::tiles::TileStore;

/// What to build.
#[derive(Clone, Debug)]
pub struct BuildOptions {
    /// The Geotrek API v2 root, e.g. `https://admin.park.fr/api/v2/`.
    pub api_url: String,
    /// The MBTiles or PMTiles to cut the pack's tiles from, if any.
    pub tiles: Option<PathBuf>,
    /// The pack server's root: the pack goes to `<out>/<id>/`.
    pub out: PathBuf,
    pub id: String,
    pub name: String,
    /// Languages kept; empty keeps what the server has.
    pub languages: Vec<String>,
    /// West, south, east, north; by default the treks' extent.
    pub bbox: Option<[f64; 4]>,
    pub plan: TilePlan,
}

/// Where a build is.
#[derive(Clone, Debug, PartialEq)]
pub enum BuildStage {
    Sync(SyncProgress),
    Tiles,
    Media { done: usize, total: usize },
    Manifest,
}

/// What a build did.
#[derive(Clone, Debug, PartialEq)]
pub struct BuildReport {
    pub manifest: PackManifest,
    /// Files whose bytes changed since the previous build (all, the first time).
    pub changed_files: Vec<String>,
    /// Media that could not be fetched, left out.
    pub media_skipped: Vec<String>,
}

/// Tile files already written into a pack's folder by another converter
/// (a Geotrek-mobile tree's zips), with the zooms they span.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WrittenTiles {
    pub files: Vec<(String, FileKind)>,
    pub min_zoom: u8,
    pub max_zoom: u8,
}

/// Builds the pack `options` describe, reporting its stages to `progress`,
/// and publishes it in the server's `index.json`.
pub async fn build_pack(
    options: &BuildOptions,
    progress: &(dyn Fn(BuildStage) + Send + Sync),
    cancel: &CancellationToken,
) -> Result<BuildReport, PackError> {
    let dir = options.out.join(&options.id);
    let report = assemble(options, &dir, (None, None), progress, cancel).await?;
    publish(&options.out, &report.manifest)?;
    Ok(report)
}

/// Builds the pack `options` describe into `dir`: its data synced from the
/// API, its tiles cut from `options.tiles` or `written` there already, its
/// media, its manifest. Nothing is published. Given the folder of an
/// installed version (`held`), the sync starts from its catalog (asking
/// only for what changed since) and its media are lent, not fetched again.
pub(crate) async fn assemble(
    options: &BuildOptions,
    dir: &Path,
    (written, held): (Option<WrittenTiles>, Option<&Path>),
    progress: &(dyn Fn(BuildStage) + Send + Sync),
    cancel: &CancellationToken,
) -> Result<BuildReport, PackError> {
    if !super::manifest::is_safe_id(&options.id) {
        return Err(PackError::UnsafePath {
            path: options.id.clone(),
        });
    }
    let tile_source = match &options.tiles {
        Some(path) => Some(TileStore::open(path).map_err(|error| PackError::Io {
            path: path.display().to_string(),
            reason: error.to_string(),
        })?),
        None => None,
    };
    let scratch = tempfile::tempdir().map_err(|error| PackError::io(Path::new("."), error))?;
    let catalog_path = scratch.path().join("catalog.sqlite");
    if let Some(held) = held {
        let catalog = held.join(super::library::CATALOG_FILE);
        std::fs::copy(&catalog, &catalog_path).map_err(|error| PackError::io(&catalog, error))?;
    }
    let sync_options = SyncOptions {
        languages: options.languages.clone(),
        portal: None,
    };
    sync(
        &catalog_path,
        &options.api_url,
        &sync_options,
        Limits::default(),
        &|step: &SyncProgress| progress(BuildStage::Sync(step.clone())),
        cancel,
    )
    .await
    .map_err(|error| PackError::Source {
        reason: error.to_string(),
    })?;
    let snapshot = export(&catalog_path).map_err(|error| PackError::Source {
        reason: error.to_string(),
    })?;

    let previous = std::fs::read(dir.join("manifest.json"))
        .ok()
        .and_then(|bytes| PackManifest::parse(&bytes).ok());
    let mut files = write_data(dir, &snapshot)?;
    let lines = trek_lines(&snapshot);
    let bbox = options
        .bbox
        .or_else(|| extent(&lines))
        .ok_or_else(|| PackError::Source {
            reason: "the territory has no treks to take its extent from: give --bbox".into(),
        })?;
    if let Some(source) = &tile_source {
        progress(BuildStage::Tiles);
        let (dir, plan, lines) = (dir.to_path_buf(), options.plan.clone(), lines.clone());
        let source_path = PathBuf::from(&source.info().path);
        files.extend(
            tokio::task::spawn_blocking(move || {
                let source = TileStore::open(&source_path).map_err(|error| PackError::Io {
                    path: source_path.display().to_string(),
                    reason: error.to_string(),
                })?;
                write_tiles(&dir, &source, bbox, &lines, &plan)
            })
            .await
            .map_err(|error| PackError::Source {
                reason: error.to_string(),
            })??,
        );
    }
    let HeldMedia {
        mut linked,
        missing: sources,
    } = match held {
        Some(held) => link_held(held, dir, media_sources(&snapshot))?,
        None => HeldMedia {
            missing: media_sources(&snapshot),
            ..HeldMedia::default()
        },
    };
    files.append(&mut linked);
    let client = crate::http::client().map_err(|error| PackError::Source {
        reason: error.to_string(),
    })?;
    let total = sources.len();
    let media = fetch_media(&client, dir, &sources, &|done| {
        progress(BuildStage::Media { done, total })
    })
    .await?;
    files.extend(media.files);
    if cancel.is_cancelled() {
        return Err(PackError::Cancelled);
    }

    progress(BuildStage::Manifest);
    let (min_zoom, max_zoom) = match (&written, &tile_source) {
        (Some(written), _) => (written.min_zoom, written.max_zoom),
        (None, Some(source)) => {
            let info = source.info();
            (
                info.min_zoom.max(*options.plan.low_zooms.start()),
                info.max_zoom.min(*options.plan.high_zooms.end()),
            )
        }
        (None, None) => (0, 0),
    };
    files.extend(written.map(|written| written.files).unwrap_or_default());
    remove_stale(dir, &files)?;
    let mut manifest = build_manifest(
        dir,
        &files,
        PackManifest {
            format: super::FORMAT_VERSION,
            id: options.id.clone(),
            name: options.name.clone(),
            version: 1,
            created: latest_update(&snapshot),
            source_api: options.api_url.clone(),
            bbox: bbox.to_vec(),
            languages: options.languages.clone(),
            min_zoom,
            max_zoom,
            files: Vec::new(),
        },
    )?;
    let changed_files = changed(previous.as_ref(), &manifest);
    if let Some(previous) = &previous {
        let same = PackManifest {
            version: previous.version,
            ..manifest.clone()
        } == *previous;
        manifest.version = if same {
            previous.version
        } else {
            previous.version + 1
        };
    }
    fsutil::write_if_changed(&dir.join("manifest.json"), &manifest.to_bytes()?)?;
    Ok(BuildReport {
        manifest,
        changed_files,
        media_skipped: media.skipped,
    })
}

/// The files of `manifest` that `previous` did not have with the same bytes.
fn changed(previous: Option<&PackManifest>, manifest: &PackManifest) -> Vec<String> {
    let before: BTreeSet<(&str, &str)> = previous
        .map(|previous| {
            previous
                .files
                .iter()
                .map(|file| (file.path.as_str(), file.sha256.as_str()))
                .collect()
        })
        .unwrap_or_default();
    manifest
        .files
        .iter()
        .filter(|file| !before.contains(&(file.path.as_str(), file.sha256.as_str())))
        .map(|file| file.path.clone())
        .collect()
}

/// Deletes the files under `dir` a previous build wrote and this one did not.
fn remove_stale(dir: &Path, files: &[(String, FileKind)]) -> Result<(), PackError> {
    let keep: BTreeSet<PathBuf> = files.iter().map(|(path, _)| dir.join(path)).collect();
    for top in ["data", "tiles", "media"] {
        let mut pending = vec![dir.join(top)];
        while let Some(folder) = pending.pop() {
            let Ok(entries) = std::fs::read_dir(&folder) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() {
                    pending.push(path);
                } else if !keep.contains(&path) {
                    std::fs::remove_file(&path).map_err(|error| PackError::io(&path, error))?;
                }
            }
        }
    }
    Ok(())
}

/// The `(lon, lat)` lines of the snapshot's treks.
fn trek_lines(snapshot: &Snapshot) -> Vec<Vec<(f64, f64)>> {
    let position = |value: &Value| Some((value.get(0)?.as_f64()?, value.get(1)?.as_f64()?));
    let line = |coordinates: &Value| -> Vec<(f64, f64)> {
        coordinates
            .as_array()
            .map(|points| points.iter().filter_map(position).collect())
            .unwrap_or_default()
    };
    snapshot
        .objects
        .iter()
        .filter(|object| object.kind == "trek")
        .filter_map(|object| serde_json::from_str::<Value>(object.json.get()).ok())
        .flat_map(|trek| {
            let geometry = &trek["geometry"];
            match geometry["type"].as_str() {
                Some("LineString") => vec![line(&geometry["coordinates"])],
                Some("MultiLineString") => geometry["coordinates"]
                    .as_array()
                    .map(|parts| parts.iter().map(line).collect())
                    .unwrap_or_default(),
                _ => Vec::new(),
            }
        })
        .filter(|line| !line.is_empty())
        .collect()
}

/// West, south, east, north of `lines`.
fn extent(lines: &[Vec<(f64, f64)>]) -> Option<[f64; 4]> {
    let mut points = lines.iter().flatten();
    let &(lon, lat) = points.next()?;
    Some(
        points.fold([lon, lat, lon, lat], |[w, s, e, n], &(lon, lat)| {
            [w.min(lon), s.min(lat), e.max(lon), n.max(lat)]
        }),
    )
}

/// The latest `update_datetime` of the objects: the pack's date, from its
/// data rather than the clock.
fn latest_update(snapshot: &Snapshot) -> String {
    snapshot
        .objects
        .iter()
        .filter_map(|object| {
            serde_json::from_str::<Value>(object.json.get())
                .ok()?
                .get("update_datetime")?
                .as_str()
                .map(str::to_string)
        })
        .max()
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_string())
}
