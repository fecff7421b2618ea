//! `sentier territory add|list|update|remove`: Geotrek territories added by
//! their address, no pack server needed. `add` first shows what the admin
//! offers (treks, extent, the basemap and each trek's tiles with their
//! sizes), then installs it as a pack, with progress; Ctrl-C stops and keeps
//! the zips received for the next run. The territory becomes the catalog the
//! other commands read.

use clap::{Args, Subcommand};
use indicatif::HumanBytes;
use sentier_core::packs::{InstalledPack, PackError, PackKind, PackLibrary};
use sentier_core::runtime::runtime;
use sentier_core::territory::{
    TerritoryAddress, TerritoryChoice, TerritoryOffer, TerritoryProgress, add_territory, offer,
    territory_address, update_territory,
};
use serde_json::json;
use tokio_util::sync::CancellationToken;

use crate::output::{Output, table};
use crate::packs::{bar, cancel_on_ctrl_c, open, pack_json, show_installed};
use crate::sources::Catalogs;

type CliResult<T = ()> = Result<T, Box<dyn std::error::Error>>;

#[derive(Subcommand)]
pub enum TerritoryCommand {
    /// Add a territory by its Geotrek-admin's address (host, or its /api/v2/ or /mobile/ URL).
    Add(AddArgs),
    /// The territories installed.
    List,
    /// Bring a territory up to date from its admin: only what changed is fetched.
    Update(UpdateArgs),
    /// Remove a territory and reclaim its space.
    Remove(RemoveArgs),
}

#[derive(Args)]
pub struct AddArgs {
    /// The Geotrek-admin, e.g. geotrek-admin.ecrins-parcnational.fr
    address: String,
    /// Take the tiles of these treks only (ids, comma-separated; default: every trek).
    #[arg(long, value_delimiter = ',')]
    treks: Vec<u64>,
    /// Languages to keep, comma-separated (default: all).
    #[arg(long, value_delimiter = ',')]
    lang: Vec<String>,
    /// The Geotrek-mobile tree, where it is not at the admin's /mobile/.
    #[arg(long)]
    mobile: Option<String>,
    /// Only show what the admin offers, and the size of each choice.
    #[arg(long)]
    offer: bool,
}

#[derive(Args)]
pub struct UpdateArgs {
    /// The installed territory.
    id: String,
    /// Take the tiles of these treks only from now on (default: the treks it was added with).
    #[arg(long, value_delimiter = ',')]
    treks: Vec<u64>,
}

#[derive(Args)]
pub struct RemoveArgs {
    /// The installed territory.
    id: String,
}

/// Runs a `sentier territory` command.
pub fn run(catalogs: &Catalogs, command: &TerritoryCommand, out: &Output) -> CliResult {
    let library = open(catalogs.data_dir())?;
    match command {
        TerritoryCommand::Add(args) => {
            let mut address = territory_address(&args.address)?;
            if let Some(mobile) = &args.mobile {
                address.mobile_url = territory_address(mobile)?.mobile_url;
            }
            let offered = ask(&library, &address, &args.lang)?;
            let choice = choice(&args.treks);
            if args.offer {
                show_offer(&offered, out);
                return Ok(());
            }
            let pack = install(&library, &offered, &choice, &args.lang, out)?;
            catalogs.remember(&pack.id)?;
            show_installed(&[pack], out);
            Ok(())
        }
        TerritoryCommand::List => {
            let territories = territories(&library)?;
            let values: Vec<_> = territories.iter().map(pack_json).collect();
            out.show(&values, || {
                if territories.is_empty() {
                    println!("No territory: sentier territory add ADDRESS.");
                    return;
                }
                let rows: Vec<Vec<String>> = territories
                    .iter()
                    .map(|pack| {
                        vec![
                            pack.id.clone(),
                            pack.server_url.clone(),
                            pack.version.to_string(),
                            HumanBytes(pack.size_on_disk).to_string(),
                            if pack.tile_files.is_empty() {
                                "no basemap".into()
                            } else {
                                format!("{} tile files", pack.tile_files.len())
                            },
                        ]
                    })
                    .collect();
                table(&["id", "admin", "version", "on disk", "map"], &rows);
            });
            Ok(())
        }
        TerritoryCommand::Update(args) => {
            let chosen = (!args.treks.is_empty()).then(|| choice(&args.treks));
            let updated = with_progress(out, |progress, cancel| {
                runtime().block_on(update_territory(
                    &library, &args.id, chosen, progress, cancel,
                ))
            })?;
            show_installed(&[updated], out);
            Ok(())
        }
        TerritoryCommand::Remove(args) => {
            if !territories(&library)?.iter().any(|pack| pack.id == args.id) {
                return Err(PackError::NotInstalled {
                    id: args.id.clone(),
                }
                .into());
            }
            library.remove(&args.id)?;
            out.show(&json!({"removed": args.id}), || {
                println!("removed {}", args.id)
            });
            Ok(())
        }
    }
}

fn territories(library: &PackLibrary) -> Result<Vec<InstalledPack>, PackError> {
    Ok(library
        .installed()?
        .into_iter()
        .filter(|pack| pack.kind == PackKind::Territory)
        .collect())
}

fn choice(treks: &[u64]) -> TerritoryChoice {
    TerritoryChoice {
        treks: (!treks.is_empty()).then(|| treks.to_vec()),
    }
}

/// What the admin at `address` offers, trek names in the first of `languages`.
fn ask(
    library: &PackLibrary,
    address: &TerritoryAddress,
    languages: &[String],
) -> Result<TerritoryOffer, PackError> {
    let language = languages.first().map_or("en", String::as_str);
    runtime().block_on(offer(
        library.client(),
        address,
        language,
        &CancellationToken::new(),
    ))
}

fn show_offer(offered: &TerritoryOffer, out: &Output) {
    let whole = offered.download_size(&TerritoryChoice::default());
    let treks: Vec<_> = offered
        .treks
        .iter()
        .map(|trek| json!({"id": trek.trek_id, "name": trek.name, "size": trek.zip.size}))
        .collect();
    out.show(
        &json!({"id": offered.id, "name": offered.name, "api": offered.address.api_url,
                "mobile": offered.address.mobile_url, "treks": offered.trek_count,
                "bbox": offered.bbox, "basemap_size": offered.basemap.as_ref().map(|zip| zip.size),
                "tiles_size": whole, "trek_tiles": treks}),
        || {
            println!(
                "{} ({}): {} treks",
                offered.name, offered.address.admin_root, offered.trek_count
            );
            match &offered.basemap {
                Some(basemap) => println!(
                    "Basemap {}; with every trek's tiles {}",
                    HumanBytes(basemap.size),
                    HumanBytes(whole)
                ),
                None => println!(
                    "No Geotrek-mobile tree at {}: the territory installs without a basemap",
                    offered.address.mobile_url
                ),
            }
            let rows: Vec<Vec<String>> = offered
                .treks
                .iter()
                .map(|trek| {
                    vec![
                        trek.trek_id.to_string(),
                        trek.name.clone(),
                        HumanBytes(trek.zip.size).to_string(),
                    ]
                })
                .collect();
            if !rows.is_empty() {
                table(&["trek", "name", "tiles"], &rows);
            }
        },
    );
}

/// Installs with a progress bar; Ctrl-C stops and keeps what was received.
fn install(
    library: &PackLibrary,
    offered: &TerritoryOffer,
    choice: &TerritoryChoice,
    languages: &[String],
    out: &Output,
) -> Result<InstalledPack, PackError> {
    if offered.basemap.is_none() && !out.json {
        eprintln!(
            "No Geotrek-mobile tree at {}: installing without a basemap.",
            offered.address.mobile_url
        );
    }
    with_progress(out, |progress, cancel| {
        runtime().block_on(add_territory(
            library, offered, choice, languages, progress, cancel,
        ))
    })
}

/// Runs `work` with a progress bar it reports to; Ctrl-C cancels it.
fn with_progress(
    out: &Output,
    work: impl FnOnce(
        &(dyn Fn(&TerritoryProgress) + Send + Sync),
        &CancellationToken,
    ) -> Result<InstalledPack, PackError>,
) -> Result<InstalledPack, PackError> {
    let bar = bar(out, "{spinner} {prefix:>10} [{bar:30}] {msg}");
    let cancel = cancel_on_ctrl_c();
    let outcome = work(
        &|step: &TerritoryProgress| match step {
            TerritoryProgress::Downloading { progress } => {
                bar.set_prefix("tiles");
                bar.set_length(progress.bytes_total);
                bar.set_position(progress.bytes_done);
                bar.set_message(format!(
                    "{}/{}{}",
                    HumanBytes(progress.bytes_done),
                    HumanBytes(progress.bytes_total),
                    progress
                        .eta_seconds
                        .map(|eta| format!(" · {eta} s left"))
                        .unwrap_or_default()
                ));
            }
            TerritoryProgress::ConvertingTiles => bar.set_message("converting tiles"),
            TerritoryProgress::Syncing { progress } => {
                bar.set_prefix(progress.resource.clone());
                bar.set_length(progress.objects_total.unwrap_or(progress.objects_done));
                bar.set_position(progress.objects_done);
                bar.set_message("");
            }
            TerritoryProgress::Media { done, total } => {
                bar.set_prefix("photos");
                bar.set_length(*total);
                bar.set_position(*done);
            }
            TerritoryProgress::Installing => bar.set_message("installing"),
        },
        &cancel,
    );
    bar.finish_and_clear();
    if matches!(outcome, Err(PackError::Cancelled)) && !out.json {
        eprintln!("Stopped: run the same command again to resume.");
    }
    outcome
}
