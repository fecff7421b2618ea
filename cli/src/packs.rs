//! `sentier pack build|serve|list|download|update|remove` and `sentier
//! packs`: park packs from the terminal, over the same builder and library
//! as the apps. Downloads show bytes, rate and time left; Ctrl-C stops a
//! download and keeps what was received for the next run.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use indicatif::{HumanBytes, ProgressBar, ProgressDrawTarget, ProgressStyle};
use sentier_core::packs::build::{BuildOptions, BuildStage, build_pack};
use sentier_core::packs::download::TransferOptions;
use sentier_core::packs::tiles::TilePlan;
use sentier_core::packs::{InstalledPack, PackError, PackLibrary, PackProgress};
use sentier_core::runtime::runtime;
use serde_json::json;
use tokio_util::sync::CancellationToken;

use crate::output::{Output, table};

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
    /// WEST,SOUTH,EAST,NORTH (default: the treks' extent).
    #[arg(long, value_delimiter = ',', num_args = 4, allow_hyphen_values = true)]
    bbox: Option<Vec<f64>>,
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
pub struct RemoveArgs {
    id: String,
}

/// Runs a `sentier pack` command.
pub fn run(
    data_dir: &Path,
    command: &PackCommand,
    out: &Output,
) -> Result<(), Box<dyn std::error::Error>> {
    match command {
        PackCommand::Build(args) => build(args, out),
        PackCommand::Serve(args) => serve(args, out),
        PackCommand::List(args) => list(data_dir, args, out).map_err(Into::into),
        PackCommand::Download(args) => {
            let library = open(data_dir)?;
            let pack = download(&library, &args.url, &args.id, out)?;
            show_installed(&[pack], out);
            Ok(())
        }
        PackCommand::Update(args) => update(data_dir, args, out).map_err(Into::into),
        PackCommand::Remove(args) => {
            open(data_dir)?.remove(&args.id)?;
            out.show(&json!({"removed": args.id}), || {
                println!("removed {}", args.id)
            });
            Ok(())
        }
    }
}

/// `sentier packs`: the installed packs, with the updates their servers publish.
pub fn installed(data_dir: &Path, out: &Output) -> Result<(), PackError> {
    let library = open(data_dir)?;
    let statuses = runtime().block_on(library.statuses())?;
    let values: Vec<_> = statuses
        .iter()
        .map(|status| {
            let mut value = pack_json(&status.pack);
            value["update_available"] = json!(status.update_available);
            value["server_unreachable"] = json!(status.server_unreachable);
            value
        })
        .collect();
    out.show(&values, || {
        let rows: Vec<Vec<String>> = statuses
            .iter()
            .map(|status| {
                vec![
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
            })
            .collect();
        table(&["id", "name", "version", "on disk", "update"], &rows);
    });
    Ok(())
}

fn open(data_dir: &Path) -> Result<PackLibrary, PackError> {
    PackLibrary::open(data_dir, TransferOptions::default())
}

fn build(args: &BuildArgs, out: &Output) -> Result<(), Box<dyn std::error::Error>> {
    let plan = zoom_plan(&args.zooms, args.corridor_m)?;
    let bbox = match args.bbox.as_deref() {
        Some([west, south, east, north]) => Some([*west, *south, *east, *north]),
        _ => None,
    };
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

fn serve(args: &ServeArgs, out: &Output) -> Result<(), Box<dyn std::error::Error>> {
    if !args.dir.join("index.json").is_file() {
        return Err(format!(
            "{} has no index.json: build a pack into it first",
            args.dir.display()
        )
        .into());
    }
    let server = sentier_testkit::pack_server::PackServer::start_on(&args.dir, args.port)?;
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
    let bar = bar(
        out,
        "{spinner} {prefix} [{bar:30}] {bytes}/{total_bytes} {msg}",
    );
    bar.set_prefix(id.to_string());
    let cancel = cancel_on_ctrl_c();
    let outcome = runtime().block_on(library.download(
        url,
        id,
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
    ));
    bar.finish_and_clear();
    if matches!(outcome, Err(PackError::Cancelled)) && !out.json {
        eprintln!("Stopped: run the same command again to resume.");
    }
    outcome
}

fn show_installed(packs: &[InstalledPack], out: &Output) {
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

fn pack_json(pack: &InstalledPack) -> serde_json::Value {
    json!({"id": pack.id, "name": pack.name, "version": pack.version, "server_url": pack.server_url,
           "size_on_disk": pack.size_on_disk, "catalog": pack.catalog_path, "tiles": pack.tile_files})
}

fn bar(out: &Output, template: &str) -> ProgressBar {
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

fn cancel_on_ctrl_c() -> CancellationToken {
    let cancel = CancellationToken::new();
    let on_ctrl_c = cancel.clone();
    runtime().spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            on_ctrl_c.cancel();
        }
    });
    cancel
}
