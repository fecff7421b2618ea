//! `sentier`: Sentier's core on the desktop.

mod tiles;

use clap::{Parser, Subcommand};

/// Offline companion for Geotrek territories.
#[derive(Parser)]
#[command(name = "sentier", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Prints the core's version.
    Version,
    /// Inspects and serves tile sets.
    #[command(subcommand)]
    Tiles(tiles::TilesCommand),
    /// Serves the offline map (basemap and treks) to a browser and prints its URL.
    Map(tiles::MapArgs),
}

fn main() {
    let outcome = match Cli::parse().command {
        Command::Version => {
            println!("sentier-core {}", sentier_core::core_version());
            Ok(())
        }
        Command::Tiles(command) => tiles::run_tiles(command),
        Command::Map(args) => tiles::run_map(args),
    };
    if let Err(error) = outcome {
        eprintln!("sentier: {error}");
        std::process::exit(1);
    }
}
