//! `sentier`: Sentier's core on the desktop.

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
}

fn main() {
    match Cli::parse().command {
        Command::Version => println!("sentier-core {}", sentier_core::core_version()),
    }
}
