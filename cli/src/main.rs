//! `sentier`: Sentier's core on the desktop. This module owns the command
//! line's grammar, the choice of output (text or one JSON document) and how
//! a run ends: a closed pipe ends it quietly, an error is reported once.

mod catalog;
mod content;
mod demo;
mod output;
mod packs;
mod paths;
mod reports;
mod sources;
mod territories;
mod tiles;
mod trail;
mod trek_fields;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use sentier_core::logging::{LogLevel, LogRecord, LogSink, set_log_sink};

/// Offline companion for Geotrek territories.
#[derive(Parser)]
#[command(name = "sentier", version, about)]
struct Cli {
    /// Where Sentier keeps its data [default: $SENTIER_DATA_DIR, else the per-user data folder].
    #[arg(long, global = true)]
    data_dir: Option<PathBuf>,
    /// Print one machine-readable JSON document instead of text (errors too).
    #[arg(long, global = true)]
    json: bool,
    /// The offline catalog to read: an installed pack's id, or `synced` for
    /// the one `sentier sync` keeps [default: the last synced or downloaded].
    #[arg(long, global = true, value_name = "ID")]
    pack: Option<String>,
    /// Print the core's log on stderr up to this level (for a bug report).
    #[arg(long, global = true, value_enum, value_name = "LEVEL")]
    log: Option<LogLevelArg>,
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
    /// The names and ids of a reference list (practices, cities...), for the filters.
    Lists(catalog::ListsArgs),
    /// Touristic contents, events, information desks and services along a trek, with distances.
    Around(content::AroundArgs),
    /// Outdoor sites (crags, via ferratas...) and their courses.
    Outdoor(content::ContentArgs),
    /// The park's own pages (rules, good practice).
    Pages(content::ContentArgs),
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
    /// The offline catalogs: installed packs (size, updates) and the synced catalog.
    Packs,
    /// Geotrek territories added by their address: add, list, update, remove.
    #[command(subcommand)]
    Territory(territories::TerritoryCommand),
}

/// The levels `--log` takes.
#[derive(Clone, Copy, clap::ValueEnum)]
enum LogLevelArg {
    /// Failures only.
    Error,
    /// Failures and what went wrong but was recovered.
    Warn,
    /// What the core did: syncs, deliveries.
    Info,
    /// Details for developers.
    Debug,
    /// Everything.
    Trace,
}

/// Writes the core's log on stderr.
struct StderrLog;

impl LogSink for StderrLog {
    fn log(&self, record: LogRecord) {
        eprintln!("[{:?} {}] {}", record.level, record.target, record.message);
    }
}

fn main() -> ExitCode {
    end_quietly_on_closed_pipe();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return usage_error(error),
    };
    if let Some(level) = cli.log {
        let level = match level {
            LogLevelArg::Error => LogLevel::Error,
            LogLevelArg::Warn => LogLevel::Warn,
            LogLevelArg::Info => LogLevel::Info,
            LogLevelArg::Debug => LogLevel::Debug,
            LogLevelArg::Trace => LogLevel::Trace,
        };
        set_log_sink(std::sync::Arc::new(StderrLog), level);
    }
    let data_dir = cli.data_dir.unwrap_or_else(paths::default_data_dir);
    let out = output::Output { json: cli.json };
    let catalogs = sources::Catalogs::new(&data_dir, cli.pack.as_deref());
    let outcome: Result<(), Box<dyn std::error::Error>> = match cli.command {
        Command::Demo => demo::run(&data_dir, &out),
        Command::Sync(args) => catalog::sync(&catalogs, &args, &out),
        Command::Treks(args) => catalog::treks(&catalogs, &args, &out),
        Command::Trek(args) => catalog::trek(&catalogs, &args, &out),
        Command::Lists(args) => catalog::lists(&catalogs, &args, &out),
        Command::Around(args) => content::around(&catalogs, &args, &out),
        Command::Outdoor(args) => content::outdoor(&catalogs, &args, &out),
        Command::Pages(args) => content::pages(&catalogs, &args, &out),
        Command::Record(args) => trail::record(args, &paths::tracks_file(&data_dir), cli.json),
        Command::Follow(args) => trail::follow(args, &catalogs, cli.json),
        Command::Tracks(args) => trail::tracks(args, &paths::tracks_file(&data_dir), cli.json),
        Command::Tiles(command) => tiles::run_tiles(command, cli.json),
        Command::Map(args) => tiles::run_map(args, &catalogs, cli.json),
        Command::Login(args) => reports::login(&data_dir, &args, &out).map_err(Into::into),
        Command::Report(command) => reports::report(&catalogs, &command, &out),
        Command::Outbox(args) => reports::outbox(&data_dir, &args, &out).map_err(Into::into),
        Command::Pack(command) => packs::run(&catalogs, &command, &out),
        Command::Packs => packs::installed(&catalogs, &out),
        Command::Territory(command) => territories::run(&catalogs, &command, &out),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            out.error(&*error);
            ExitCode::FAILURE
        }
    }
}

/// A command line clap refuses: its message, as the JSON document when
/// `--json` was asked; help and version are printed as usual.
fn usage_error(error: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    let informational = matches!(
        error.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    );
    if informational || !std::env::args().any(|arg| arg == "--json") {
        error.exit();
    }
    let message = error.render().to_string();
    let message = message.trim().trim_start_matches("error: ");
    println!("{}", output::error_json(message));
    ExitCode::from(2)
}

/// Output cut short by its reader (`sentier treks | head`) ends the
/// process silently, as for any Unix tool, instead of a panic in `println!`.
/// Sockets are unaffected: Rust writes to them with `MSG_NOSIGNAL`.
fn end_quietly_on_closed_pipe() {
    #[cfg(unix)]
    #[allow(unsafe_code)]
    // SAFETY: restores the default disposition of one signal before any
    // thread is started; no handler code runs.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::Cli;

    /// Every option and argument of every command says what it is for.
    #[test]
    fn every_option_has_help_text() {
        fn undocumented(command: &clap::Command, path: &str, missing: &mut Vec<String>) {
            for arg in command.get_arguments() {
                let builtin = matches!(arg.get_id().as_str(), "help" | "version");
                if !builtin && arg.get_help().is_none() && arg.get_long_help().is_none() {
                    missing.push(format!("{path} {}", arg.get_id()));
                }
            }
            for sub in command.get_subcommands() {
                if sub.get_about().is_none() {
                    missing.push(format!("{path} {} (the command)", sub.get_name()));
                }
                undocumented(sub, &format!("{path} {}", sub.get_name()), missing);
            }
        }
        let mut missing = Vec::new();
        undocumented(&Cli::command(), "sentier", &mut missing);
        assert!(missing.is_empty(), "no help text: {missing:#?}");
    }

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }
}
