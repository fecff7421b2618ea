//! `sentier pack build|serve|list|download|update|remove|basemap` and
//! `sentier packs`: park packs, and basemap packs from any MBTiles or
//! PMTiles file or URL, from the terminal, over the same builder and library
//! as the apps. Downloads show bytes, rate and time left; Ctrl-C stops a
//! download and keeps what was received for the next run. A downloaded pack
//! becomes the catalog the other commands read.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use indicatif::{HumanBytes, ProgressBar, ProgressDrawTarget, ProgressStyle};
use sentier_core::packs::basemap::{add_basemap, basemap_id};
use sentier_core::packs::build::{BuildOptions, BuildStage, build_pack};
use sentier_core::packs::download::TransferOptions;
use sentier_core::packs::tiles::TilePlan;
use sentier_core::packs::{InstalledPack, PackError, PackLibrary, PackProgress};
use sentier_core::runtime::runtime;
use serde_json::json;
use tokio_util::sync::CancellationToken;

use crate::output::{Output, table};
use crate::sources::{Catalogs, SYNCED_ID};

type CliResult<T = ()> = Result<T, Box<dyn std::error::Error>>;

#[derive(Subcommand)]
pub enum PackCommand {
    /// Build a pack from a Geotrek API and a tile source into a pack server folder.
    Build(Box<BuildArgs>),
    /// Serve a pack server folder on 127.0.0.1 (static files with Range).
    Serve(ServeArgs),
    /// List the packs a pack server publishes.
    List(ServerArgs),
    /// Download and install a pack (resumes an interrupted download).
    Download(DownloadArgs),
    /// Bring installed packs to their server's version, fetching changed files only.
    Update(UpdateArgs),
    /// Remove an installed pack and reclaim its space.
    Remove(RemoveArgs),
    /// Install a basemap from any MBTiles or PMTiles file or URL (checked first).
    Basemap(BasemapArgs),
}

#[derive(Args)]
pub struct BuildArgs {
    /// The Geotrek API v2 root, e.g. https://admin.park.fr/api/v2/
    #[arg(long)]
    api: String,
    /// The MBTiles or PMTiles file to cut the tiles from.
    #[arg(long)]
    tiles: Option<PathBuf>,
    /// The pack server folder (the pack goes into OUT/ID/, OUT/index.json is updated).
    #[arg(long)]
    out: PathBuf,
    /// The pack's id (a folder name).
    #[arg(long, default_value = "territory")]
    id: String,
    /// The pack's display name.
    #[arg(long)]
    name: Option<String>,
    /// Languages to keep, comma-separated (default: all).
    #[arg(long, value_delimiter = ',')]
    lang: Vec<String>,
    /// The area as W,S,E,N in degrees, e.g. -1.5,44.5,6.5,45.2 (default: the treks' extent).
    #[arg(long, value_parser = parse_bbox, allow_hyphen_values = true)]
    bbox: Option<[f64; 4]>,
    /// Zooms over the whole territory and in the treks' corridor, e.g. 0-12,13-16.
    #[arg(long, default_value = "0-12,13-16")]
    zooms: String,
    /// Width of the high-zoom corridor around each trek, in metres.
    #[arg(long, default_value_t = 1000.0)]
    corridor_m: f64,
}

#[derive(Args)]
pub struct ServeArgs {
    /// The pack server folder.
    dir: PathBuf,
    /// The port (default: any free port).
    #[arg(long, default_value_t = 0)]
    port: u16,
}

#[derive(Args)]
pub struct ServerArgs {
    /// The pack server, e.g. http://127.0.0.1:8080/
    url: String,
}

#[derive(Args)]
pub struct DownloadArgs {
    /// The pack server.
    url: String,
    /// The pack's id.
    id: String,
}

#[derive(Args)]
pub struct UpdateArgs {
    /// The pack to update (default: every installed pack with an update).
    id: Option<String>,
}

#[derive(Args)]
pub struct BasemapArgs {
    /// The tile set: a file path, or an http(s) URL (downloads resume).
    source: String,
    /// Its display name (default: the name the tile set declares).
    #[arg(long)]
    name: Option<String>,
}

#[derive(Args)]
pub struct RemoveArgs {
    /// The installed pack to remove.
    id: String,
}

/// Runs a `sentier pack` command.
pub fn run(catalogs: &Catalogs, command: &PackCommand, out: &Output) -> CliResult {
    let data_dir = catalogs.data_dir();
    match command {
        PackCommand::Build(args) => build(args, out),
        PackCommand::Serve(args) => serve(args, out),
        PackCommand::List(args) => list(data_dir, args, out).map_err(Into::into),
        PackCommand::Download(args) => {
            let library = open(data_dir)?;
            let pack = download(&library, &args.url, &args.id, out)?;
            catalogs.remember(&pack.id)?;
            show_installed(&[pack], out);
            Ok(())
        }
        PackCommand::Update(args) => update(data_dir, args, out).map_err(Into::into),
        PackCommand::Basemap(args) => {
            let pack = basemap(&open(data_dir)?, args, out)?;
            show_installed(&[pack], out);
            Ok(())
        }
        PackCommand::Remove(args) => {
            open(data_dir)?.remove(&args.id)?;
            out.show(&json!({"removed": args.id}), || {
                println!("removed {}", args.id)
            });
            Ok(())
        }
    }
}

/// `sentier packs`: the offline catalogs as one list: the synced catalog
/// and the installed packs, with the updates their servers publish and the
/// one the catalog commands read.
pub fn installed(catalogs: &Catalogs, out: &Output) -> CliResult {
    let sources = catalogs.list()?;
    let library = open(catalogs.data_dir())?;
    let statuses = runtime().block_on(library.statuses())?;
    let in_use = |id: &str| sources.iter().any(|s| s.in_use && s.id == id);
    let mut values: Vec<_> = sources
        .iter()
        .filter(|source| source.id == SYNCED_ID)
        .map(|source| {
            json!({"id": source.id, "kind": "synced", "name": source.name,
                   "catalog": source.path, "in_use": source.in_use})
        })
        .collect();
    values.extend(statuses.iter().map(|status| {
        let mut value = pack_json(&status.pack);
        value["kind"] = json!("pack");
        value["update_available"] = json!(status.update_available);
        value["server_unreachable"] = json!(status.server_unreachable);
        value["in_use"] = json!(in_use(&status.pack.id));
        value
    }));
    out.show(&values, || {
        let mark = |id: &str| if in_use(id) { "*" } else { "" }.to_string();
        let mut rows: Vec<Vec<String>> = sources
            .iter()
            .filter(|source| source.id == SYNCED_ID)
            .map(|source| {
                let size = std::fs::metadata(&source.path).map_or(0, |m| m.len());
                vec![
                    mark(&source.id),
                    source.id.clone(),
                    source.name.clone(),
                    String::new(),
                    HumanBytes(size).to_string(),
                    String::new(),
                ]
            })
            .collect();
        rows.extend(statuses.iter().map(|status| {
            vec![
                mark(&status.pack.id),
                status.pack.id.clone(),
                status.pack.name.clone(),
                status.pack.version.to_string(),
                HumanBytes(status.pack.size_on_disk).to_string(),
                match (&status.update_available, &status.server_unreachable) {
                    (Some(version), _) => format!("version {version}"),
                    (None, Some(_)) => "server unreachable".into(),
                    (None, None) => "up to date".into(),
                },
            ]
        }));
        if rows.is_empty() {
            println!("No offline catalog: sentier sync URL, or sentier pack download URL ID.");
            return;
        }
        table(
            &["in use", "id", "name", "version", "on disk", "update"],
            &rows,
        );
        println!("* read by the catalog commands; another: --pack ID");
    });
    Ok(())
}

pub(crate) fn open(data_dir: &Path) -> Result<PackLibrary, PackError> {
    PackLibrary::open(data_dir, TransferOptions::default())
}

fn build(args: &BuildArgs, out: &Output) -> CliResult {
    let plan = zoom_plan(&args.zooms, args.corridor_m)?;
    let bbox = args.bbox;
    let options = BuildOptions {
        api_url: args.api.clone(),
        tiles: args.tiles.clone(),
        out: args.out.clone(),
        id: args.id.clone(),
        name: args.name.clone().unwrap_or_else(|| args.id.clone()),
        languages: args.lang.clone(),
        bbox,
        plan,
    };
    let bar = bar(out, "{spinner} {prefix:>14} [{bar:30}] {pos}/{len} {msg}");
    let cancel = cancel_on_ctrl_c();
    let report = runtime().block_on(build_pack(
        &options,
        &|stage| match stage {
            BuildStage::Sync(step) => {
                bar.set_prefix(step.resource.clone());
                bar.set_length(step.objects_total.unwrap_or(step.objects_done));
                bar.set_position(step.objects_done);
            }
            BuildStage::Tiles => {
                bar.set_prefix("tiles");
                bar.set_message("cutting");
            }
            BuildStage::Media { done, total } => {
                bar.set_prefix("photos");
                bar.set_length(total as u64);
                bar.set_position(done as u64);
                bar.set_message("");
            }
            BuildStage::Manifest => bar.set_prefix("manifest"),
        },
        &cancel,
    ));
    bar.finish_and_clear();
    let report = report?;
    let manifest = &report.manifest;
    out.show(
        &json!({"id": manifest.id, "version": manifest.version, "files": manifest.files.len(),
                "size": manifest.total_size(), "changed_files": report.changed_files,
                "media_skipped": report.media_skipped}),
        || {
            println!(
                "{} version {}: {} files, {}; {} changed since the last build",
                manifest.id,
                manifest.version,
                manifest.files.len(),
                HumanBytes(manifest.total_size()),
                report.changed_files.len()
            );
            if !report.media_skipped.is_empty() {
                println!(
                    "{} photos could not be fetched and were left out",
                    report.media_skipped.len()
                );
            }
            println!("Published in {}", args.out.display());
        },
    );
    Ok(())
}

/// `W,S,E,N` in degrees, west of east and south of north.
fn parse_bbox(text: &str) -> Result<[f64; 4], String> {
    let numbers: Vec<f64> = text
        .split(',')
        .map(|part| part.trim().parse::<f64>().ok().filter(|n| n.is_finite()))
        .collect::<Option<_>>()
        .ok_or_else(|| format!("{text}: expected four numbers W,S,E,N"))?;
    let [west, south, east, north] = numbers[..] else {
        return Err(format!("{text}: expected four numbers W,S,E,N"));
    };
    let longitudes = (-180.0..=180.0).contains(&west) && (-180.0..=180.0).contains(&east);
    let latitudes = (-90.0..=90.0).contains(&south) && (-90.0..=90.0).contains(&north);
    if !(longitudes && latitudes && west < east && south < north) {
        return Err(format!(
            "{text}: west < east within -180..180 and south < north within -90..90"
        ));
    }
    Ok([west, south, east, north])
}

/// `0-12,13-16` as a tile plan.
fn zoom_plan(zooms: &str, corridor_m: f64) -> Result<TilePlan, String> {
    let range = |text: &str| -> Option<(u8, u8)> {
        let (low, high) = text.split_once('-')?;
        let (low, high) = (low.trim().parse().ok()?, high.trim().parse().ok()?);
        (low <= high && high <= 22).then_some((low, high))
    };
    let parsed = zooms
        .split_once(',')
        .and_then(|(low, high)| Some((range(low)?, range(high)?)));
    match parsed {
        Some(((a, b), (c, d))) if b < c && corridor_m > 0.0 => Ok(TilePlan {
            low_zooms: a..=b,
            high_zooms: c..=d,
            corridor_m,
            ..TilePlan::default()
        }),
        _ => Err(format!(
            "--zooms {zooms}: expected LOW-HIGH,LOW-HIGH such as 0-12,13-16"
        )),
    }
}

#[cfg(feature = "demo")]
fn serve(args: &ServeArgs, out: &Output) -> CliResult {
    if !args.dir.join("index.json").is_file() {
        return Err(format!(
            "{} has no index.json: build a pack into it first",
            args.dir.display()
        )
        .into());
    }
    let server = sentier_testkit::pack_server::PackServer::start_on(&args.dir, args.port)
        .map_err(|error| format!("cannot serve {}: {error}", args.dir.display()))?;
    out.show(&json!({"url": server.url()}), || {
        println!(
            "Serving {} at {} (Ctrl-C to stop)",
            args.dir.display(),
            server.url()
        )
    });
    runtime().block_on(async {
        let _ = tokio::signal::ctrl_c().await;
    });
    Ok(())
}

#[cfg(not(feature = "demo"))]
fn serve(_: &ServeArgs, _: &Output) -> CliResult {
    Err(crate::demo::left_out("sentier pack serve").into())
}

fn list(data_dir: &Path, args: &ServerArgs, out: &Output) -> Result<(), PackError> {
    let library = open(data_dir)?;
    let packs = runtime().block_on(library.server_packs(&args.url))?;
    let installed = library.installed()?;
    out.show(&packs, || {
        let rows: Vec<Vec<String>> = packs
            .iter()
            .map(|pack| {
                let here = installed.iter().find(|mine| mine.id == pack.id);
                vec![
                    pack.id.clone(),
                    pack.name.clone(),
                    pack.version.to_string(),
                    HumanBytes(pack.size).to_string(),
                    match here {
                        Some(mine) if mine.version < pack.version => {
                            format!("version {} installed, update available", mine.version)
                        }
                        Some(_) => "installed".into(),
                        None => String::new(),
                    },
                ]
            })
            .collect();
        table(&["id", "name", "version", "size", ""], &rows);
    });
    Ok(())
}

fn update(data_dir: &Path, args: &UpdateArgs, out: &Output) -> Result<(), PackError> {
    let library = open(data_dir)?;
    let statuses = runtime().block_on(library.statuses())?;
    if let Some(id) = &args.id
        && !statuses.iter().any(|status| &status.pack.id == id)
    {
        return Err(PackError::NotInstalled { id: id.clone() });
    }
    let mut updated = Vec::new();
    for status in statuses {
        let wanted = args.id.as_ref().is_none_or(|id| *id == status.pack.id);
        if wanted && status.update_available.is_some() {
            updated.push(download(
                &library,
                &status.pack.server_url,
                &status.pack.id,
                out,
            )?);
        }
    }
    if updated.is_empty() && !out.json {
        println!("Every pack is up to date.");
    }
    show_installed(&updated, out);
    Ok(())
}

/// Downloads with a progress bar; Ctrl-C stops and keeps what was received.
fn download(
    library: &PackLibrary,
    url: &str,
    id: &str,
    out: &Output,
) -> Result<InstalledPack, PackError> {
    with_progress(id, out, |progress, cancel| {
        runtime().block_on(library.download(url, id, progress, cancel))
    })
}

/// Installs a basemap pack with a progress bar; Ctrl-C stops it.
fn basemap(
    library: &PackLibrary,
    args: &BasemapArgs,
    out: &Output,
) -> Result<InstalledPack, PackError> {
    with_progress(&basemap_id(&args.source), out, |progress, cancel| {
        runtime().block_on(add_basemap(
            library,
            &args.source,
            args.name.as_deref(),
            progress,
            cancel,
        ))
    })
}

/// Runs `transfer` for pack `id` with a progress bar and Ctrl-C as its cancel.
fn with_progress(
    id: &str,
    out: &Output,
    transfer: impl FnOnce(
        &(dyn Fn(&PackProgress) + Send + Sync),
        &CancellationToken,
    ) -> Result<InstalledPack, PackError>,
) -> Result<InstalledPack, PackError> {
    let bar = bar(
        out,
        "{spinner} {prefix} [{bar:30}] {bytes}/{total_bytes} {msg}",
    );
    bar.set_prefix(id.to_string());
    let cancel = cancel_on_ctrl_c();
    let outcome = transfer(
        &|progress: &PackProgress| {
            bar.set_length(progress.bytes_total);
            bar.set_position(progress.bytes_done);
            bar.set_message(if progress.installing {
                "installing".to_string()
            } else {
                format!(
                    "{}/{} files · {}/s{}",
                    progress.files_done,
                    progress.files_total,
                    HumanBytes(progress.bytes_per_second),
                    progress
                        .eta_seconds
                        .map(|eta| format!(" · {eta} s left"))
                        .unwrap_or_default()
                )
            });
        },
        &cancel,
    );
    bar.finish_and_clear();
    if matches!(outcome, Err(PackError::Cancelled)) && !out.json {
        eprintln!("Stopped: run the same command again to resume.");
    }
    outcome
}

pub(crate) fn show_installed(packs: &[InstalledPack], out: &Output) {
    let values: Vec<_> = packs.iter().map(pack_json).collect();
    out.show(&values, || {
        for pack in packs {
            println!(
                "{} version {} installed ({}): {} tile sets, catalog {}",
                pack.id,
                pack.version,
                HumanBytes(pack.size_on_disk),
                pack.tile_files.len(),
                pack.catalog_path
            );
        }
    });
}

pub(crate) fn pack_json(pack: &InstalledPack) -> serde_json::Value {
    json!({"id": pack.id, "name": pack.name, "version": pack.version, "server_url": pack.server_url,
           "kind": pack.kind,
           "size_on_disk": pack.size_on_disk, "catalog": pack.catalog_path, "tiles": pack.tile_files})
}

pub(crate) fn bar(out: &Output, template: &str) -> ProgressBar {
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template(template)
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    if out.json {
        bar.set_draw_target(ProgressDrawTarget::hidden());
    }
    bar
}

pub(crate) fn cancel_on_ctrl_c() -> CancellationToken {
    let cancel = CancellationToken::new();
    let on_ctrl_c = cancel.clone();
    runtime().spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            on_ctrl_c.cancel();
        }
    });
    cancel
}

#[cfg(test)]
mod tests {
    use super::parse_bbox;

    #[test]
    fn a_bbox_is_west_south_east_north() {
        assert_eq!(
            parse_bbox("-1.5,44.5,6.5,45.2").unwrap(),
            [-1.5, 44.5, 6.5, 45.2]
        );
        assert_eq!(
            parse_bbox(" 6.0, 44.8 ,6.4,45 ").unwrap(),
            [6.0, 44.8, 6.4, 45.0]
        );
        assert!(
            parse_bbox("6.4,44.8,6.0,45")
                .unwrap_err()
                .contains("west < east")
        );
        assert!(parse_bbox("6,44,7").unwrap_err().contains("four numbers"));
        assert!(parse_bbox("6,44,7,x").is_err());
    }
}
