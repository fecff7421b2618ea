//! `sentier`: Sentier's core on the desktop.

mod trail;

use std::process::ExitCode;

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
    /// Records a replayed walk and prints live statistics.
    Record(trail::RecordArgs),
    /// Follows a route with a replayed walk and prints the events.
    Follow(trail::FollowArgs),
    /// Saved tracks: list, export, import, rename, delete.
    Tracks(trail::TracksArgs),
}

fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Command::Version => {
            println!("sentier-core {}", sentier_core::core_version());
            Ok(())
        }
        Command::Record(args) => trail::record(args),
        Command::Follow(args) => trail::follow(args),
        Command::Tracks(args) => trail::tracks(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("sentier: {error}");
            ExitCode::FAILURE
        }
    }
}
