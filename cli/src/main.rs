//! `sentier`: Sentier's core on the desktop.

mod catalog;
mod output;
mod paths;

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
    /// Sync a Geotrek-admin instance into the offline catalog.
    Sync(catalog::SyncArgs),
    /// Search and filter the offline treks.
    Treks(catalog::TreksArgs),
    /// Show one trek with its elevation profile and what lies along it.
    Trek(catalog::TrekArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let data_dir = cli.data_dir.unwrap_or_else(paths::default_data_dir);
    let out = output::Output { json: cli.json };
    let outcome = match cli.command {
        Command::Sync(args) => catalog::sync(&data_dir, &args, &out),
        Command::Treks(args) => catalog::treks(&data_dir, &args, &out),
        Command::Trek(args) => catalog::trek(&data_dir, &args, &out),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("sentier: {error}");
            ExitCode::FAILURE
        }
    }
}
