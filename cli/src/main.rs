//! `sentier`: Sentier's core on the desktop.

mod catalog;
mod demo;
mod output;
mod packs;
mod paths;
mod reports;
mod tiles;
mod trail;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Offline companion for Geotrek territories.
#[derive(Parser)]
#[command(name = "sentier", version, about)]
struct Cli {
    /// Where Sentier keeps its data [default: the per-user data folder, or $SENTIER_DATA_DIR].
    #[arg(long, global = true)]
    data_dir: Option<PathBuf>,
    /// Print machine-readable JSON instead of text.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the whole job on a generated sample park served on loopback: sync, search, show.
    Demo,
    /// Sync a Geotrek-admin instance into the offline catalog.
    Sync(catalog::SyncArgs),
    /// Search and filter the offline treks.
    Treks(Box<catalog::TreksArgs>),
    /// Show one trek with its elevation profile and what lies along it.
    Trek(catalog::TrekArgs),
    /// Record a replayed walk and print live statistics.
    Record(trail::RecordArgs),
    /// Follow a cached trek or a GPX route with a replayed walk and print the events.
    Follow(trail::FollowArgs),
    /// Saved tracks: list, export, import, rename, delete.
    Tracks(trail::TracksArgs),
    /// Inspect and serve tile sets (MBTiles, PMTiles).
    #[command(subcommand)]
    Tiles(tiles::TilesCommand),
    /// Serve the offline map (basemap and treks) to a browser and print its URL.
    Map(tiles::MapArgs),
    /// Log in to a Geotrek-admin's field API (for rangers' reports).
    Login(reports::LoginArgs),
    /// Compose field reports.
    #[command(subcommand)]
    Report(reports::ReportCommand),
    /// List the outbox of reports, or deliver it (`outbox sync`).
    Outbox(reports::OutboxArgs),
    /// Park packs: build, serve, list, download, update, remove.
    #[command(subcommand)]
    Pack(packs::PackCommand),
    /// The installed packs, with their size and whether an update exists.
    Packs,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let data_dir = cli.data_dir.unwrap_or_else(paths::default_data_dir);
    let out = output::Output { json: cli.json };
    let outcome: Result<(), Box<dyn std::error::Error>> = match cli.command {
        Command::Demo => demo::run(&data_dir, &out),
        Command::Sync(args) => catalog::sync(&data_dir, &args, &out).map_err(Into::into),
        Command::Treks(args) => catalog::treks(&data_dir, &args, &out).map_err(Into::into),
        Command::Trek(args) => catalog::trek(&data_dir, &args, &out).map_err(Into::into),
        Command::Record(args) => trail::record(args, &paths::tracks_file(&data_dir), cli.json),
        Command::Follow(args) => trail::follow(args, &data_dir, cli.json),
        Command::Tracks(args) => trail::tracks(args, &paths::tracks_file(&data_dir), cli.json),
        Command::Tiles(command) => tiles::run_tiles(command, cli.json),
        Command::Map(args) => tiles::run_map(args, &data_dir, cli.json),
        Command::Login(args) => reports::login(&data_dir, &args, &out).map_err(Into::into),
        Command::Report(command) => reports::report(&data_dir, &command, &out).map_err(Into::into),
        Command::Outbox(args) => reports::outbox(&data_dir, &args, &out).map_err(Into::into),
        Command::Pack(command) => packs::run(&data_dir, &command, &out),
        Command::Packs => packs::installed(&data_dir, &out).map_err(Into::into),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("sentier: {error}");
            ExitCode::FAILURE
        }
    }
}
