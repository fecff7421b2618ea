//! `sentier record`, `sentier follow` and `sentier tracks`: recording a replayed
//! walk, following a route with a replayed walk, and managing saved tracks.

use std::error::Error;
use std::fs::File;
use std::io::{BufReader, BufWriter};
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use sentier_core::trail::geojson::track_feature;
use sentier_core::trail::gpx_file::{read_gpx, write_track_gpx};
use sentier_core::trail::recorder::now_ms;
use sentier_core::trail::simulator::simulate;
use sentier_core::trail::{
    Detour, Fix, FixOutcome, FollowState, Follower, FollowerConfig, FollowerEvent, GpsNoise,
    Position, Recorder, RecorderConfig, Route, SimulationConfig, TrackId, TrackStats, TrackStore,
};
use serde_json::{Value, json};

type CliResult = Result<(), Box<dyn Error>>;

/// How a GPX file is replayed as a walk.
#[derive(Args)]
pub struct Replay {
    /// Walking speed, km/h.
    #[arg(long, default_value_t = 4.0)]
    speed_kmh: f64,
    /// Seconds between fixes.
    #[arg(long, default_value_t = 1.0)]
    interval_s: f64,
    /// GPS noise model.
    #[arg(long, value_enum, default_value_t = Noise::Typical)]
    noise: Noise,
    /// Seed of the noise (same seed, same fixes).
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

#[derive(Clone, Copy, ValueEnum)]
enum Noise {
    None,
    Typical,
    Harsh,
}

impl Replay {
    fn config(&self, detours: Vec<Detour>) -> SimulationConfig {
        SimulationConfig {
            speed_mps: self.speed_kmh / 3.6,
            interval_s: self.interval_s,
            noise: match self.noise {
                Noise::None => GpsNoise::none(),
                Noise::Typical => GpsNoise::typical(),
                Noise::Harsh => GpsNoise::harsh(),
            },
            detours,
            ..SimulationConfig::walk(self.seed)
        }
    }
}

/// `sentier record`.
#[derive(Args)]
pub struct RecordArgs {
    /// GPX whose track is walked (with simulated GPS noise) and recorded.
    #[arg(long)]
    replay: PathBuf,
    /// Where to write the recorded track as GPX 1.1.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Name of the recorded track.
    #[arg(long, default_value = "Replayed walk")]
    name: String,
    #[command(flatten)]
    walk: Replay,
}

/// `sentier follow`.
#[derive(Args)]
pub struct FollowArgs {
    /// A trek of the offline catalog to follow (see `sentier treks`).
    #[arg(required_unless_present = "gpx", conflicts_with = "gpx")]
    trek: Option<i64>,
    /// Language of the trek's names.
    #[arg(long, default_value = "fr")]
    lang: String,
    /// Or a GPX route to follow (tracks, or routes; waypoints are announced).
    #[arg(long)]
    gpx: Option<PathBuf>,
    /// GPX walked as the hiker's fixes; by default the route itself.
    #[arg(long)]
    replay: Option<PathBuf>,
    /// Walk a detour starting this far along the replay, metres.
    #[arg(long)]
    detour_at: Option<f64>,
    /// Length of the detour, metres.
    #[arg(long, default_value_t = 400.0)]
    detour_length: f64,
    /// How far the detour strays to the left (negative: right), metres.
    #[arg(long, default_value_t = 120.0)]
    detour_offset: f64,
    #[command(flatten)]
    walk: Replay,
}

/// `sentier tracks`.
#[derive(Args)]
pub struct TracksArgs {
    #[command(subcommand)]
    command: TracksCommand,
}

#[derive(Subcommand)]
enum TracksCommand {
    /// Lists saved tracks, newest first.
    List,
    /// Writes a track as GPX 1.1 or GeoJSON.
    Export {
        /// The track's id (see `tracks list`).
        id: TrackId,
        /// The file format.
        #[arg(long, value_enum, default_value_t = Format::Gpx)]
        format: Format,
        /// The file to write.
        #[arg(long)]
        out: PathBuf,
    },
    /// Saves a GPX file's tracks as one track.
    Import {
        /// The GPX file.
        file: PathBuf,
        /// The track's name (default: the GPX's, else the file's path).
        #[arg(long)]
        name: Option<String>,
    },
    /// Renames a saved track.
    Rename {
        /// The track's id (see `tracks list`).
        id: TrackId,
        /// Its new name.
        name: String,
    },
    /// Deletes a saved track.
    Delete {
        /// The track's id (see `tracks list`).
        id: TrackId,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Gpx,
    Geojson,
}

fn read_route(path: &Path) -> Result<Route, Box<dyn Error>> {
    let content = read_gpx(BufReader::new(File::open(path)?))?;
    Ok(content.into_route(&path.display().to_string()))
}

fn progress_bar(length: usize, json: bool) -> ProgressBar {
    if json {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(length as u64);
    if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} fixes  {msg}") {
        bar.set_style(style);
    }
    bar
}

fn stats_line(stats: &TrackStats) -> String {
    format!(
        "{:.2} km  {}  moving {}  +{:.0} m / -{:.0} m  {:.1} km/h",
        stats.distance_2d_m / 1000.0,
        clock(stats.elapsed_s),
        clock(stats.moving_s),
        stats.ascent_m,
        stats.descent_m,
        stats.average_speed_mps * 3.6
    )
}

fn clock(seconds: f64) -> String {
    let minutes = (seconds / 60.0).round() as u64;
    format!("{}h{:02}", minutes / 60, minutes % 60)
}

/// A stats line every this much hike time, seconds.
const STATS_EVERY_S: f64 = 900.0;

/// Records a replayed walk into the track store `store`.
pub fn record(args: RecordArgs, store: &Path, json: bool) -> CliResult {
    let route = read_route(&args.replay)?;
    let fixes = simulate(&route.line, &args.walk.config(Vec::new()))?;
    let mut recorder = Recorder::open(store, RecorderConfig::default())?;
    if let Some(track) = recorder.recovered() {
        eprintln!("stopping recording {track} left unfinished by an earlier run");
        recorder.stop()?;
    }
    let track = recorder.start(&args.name, now_ms())?;
    let bar = progress_bar(fixes.len(), json);
    let mut next_report = STATS_EVERY_S;
    for fix in fixes {
        let outcome = recorder.push_fix(fix, now_ms())?;
        bar.inc(1);
        let (FixOutcome::Recorded { .. }, Some(stats)) = (outcome, recorder.stats()) else {
            continue;
        };
        bar.set_message(stats_line(&stats));
        if stats.elapsed_s >= next_report {
            next_report += STATS_EVERY_S;
            if json {
                println!("{}", json!({ "stats": stats }));
            } else {
                bar.suspend(|| println!("{}", stats_line(&stats)));
            }
        }
    }
    bar.finish_and_clear();
    let summary = recorder.stop()?;
    let rejected: Value = recorder
        .store()
        .rejections(track)?
        .iter()
        .map(|count| (count.reason.as_str().to_string(), json!(count.count)))
        .collect::<serde_json::Map<_, _>>()
        .into();
    if let Some(out) = &args.out {
        let points = recorder.store().points(track)?;
        write_track_gpx(&summary.name, &points, BufWriter::new(File::create(out)?))?;
    }
    if json {
        println!(
            "{}",
            json!({ "track": track, "name": summary.name, "stats": summary.stats, "rejected": rejected })
        );
    } else {
        println!(
            "track {track} \"{}\": {}",
            summary.name,
            stats_line(&summary.stats)
        );
        println!(
            "{} points in {} segment(s); rejected fixes: {rejected}",
            summary.stats.point_count, summary.stats.segment_count
        );
        if let Some(out) = &args.out {
            println!("written to {}", out.display());
        }
    }
    Ok(())
}

/// Follows a cached trek (from the catalog in use) or a GPX route.
pub fn follow(args: FollowArgs, catalogs: &crate::sources::Catalogs, json: bool) -> CliResult {
    let route = match (&args.trek, &args.gpx) {
        (Some(id), _) => Route::from_trek(&catalogs.open()?.trek_detail(*id, &args.lang)?),
        (None, Some(gpx)) => read_route(gpx)?,
        (None, None) => return Err("give a trek id or --gpx ROUTE.gpx".into()),
    };
    let walked: Vec<Position> = match &args.replay {
        Some(path) => read_route(path)?.line,
        None => route.line.clone(),
    };
    let detours = args
        .detour_at
        .map(|at_m| Detour {
            at_m,
            length_m: args.detour_length,
            offset_m: args.detour_offset,
        })
        .into_iter()
        .collect();
    let fixes = simulate(&walked, &args.walk.config(detours))?;
    let mut follower = Follower::new(route, FollowerConfig::default())?;
    if !json {
        println!(
            "following for {:.2} km, {} fixes",
            follower.length_m() / 1000.0,
            fixes.len()
        );
    }
    let bar = progress_bar(fixes.len(), json);
    for fix in &fixes {
        let events = follower.update(fix);
        bar.inc(1);
        if events.is_empty() {
            continue;
        }
        let state = follower.state();
        for event in events {
            if json {
                println!(
                    "{}",
                    json!({ "event": event_json(&event), "state": state_json(&state), "time_ms": fix.timestamp_ms })
                );
            } else {
                bar.suspend(|| println!("{}  {}", at(fix, &state), describe(&event)));
            }
        }
    }
    bar.finish_and_clear();
    if !json {
        let state = follower.state();
        println!(
            "final: {:?}, {:.0} % done",
            state.status,
            state.share_done * 100.0
        );
    }
    Ok(())
}

pub fn tracks(args: TracksArgs, store: &Path, json: bool) -> CliResult {
    let mut store = TrackStore::open(store)?;
    match args.command {
        TracksCommand::List => {
            for summary in store.list()? {
                if json {
                    println!(
                        "{}",
                        json!({ "id": summary.id, "name": summary.name, "status": format!("{:?}", summary.status), "created_ms": summary.created_ms, "stats": summary.stats })
                    );
                } else {
                    println!(
                        "{:>5}  {:<30} {:?}  {}",
                        summary.id,
                        summary.name,
                        summary.status,
                        stats_line(&summary.stats)
                    );
                }
            }
        }
        TracksCommand::Export { id, format, out } => {
            let summary = store.summary(id)?;
            let points = store.points(id)?;
            let file = BufWriter::new(File::create(&out)?);
            match format {
                Format::Gpx => write_track_gpx(&summary.name, &points, file)?,
                Format::Geojson => serde_json::to_writer(file, &track_feature(&summary, &points))?,
            }
            report(
                json,
                json!({ "exported": id, "to": out }),
                &format!("track {id} written to {}", out.display()),
            );
        }
        TracksCommand::Import { file, name } => {
            let content = read_gpx(BufReader::new(File::open(&file)?))?;
            let name = name
                .or(content.name)
                .unwrap_or_else(|| file.display().to_string());
            let id = store.import_track(&name, &content.segments)?;
            report(
                json,
                json!({ "imported": id, "name": name }),
                &format!("imported as track {id} \"{name}\""),
            );
        }
        TracksCommand::Rename { id, name } => {
            store.rename(id, &name)?;
            report(
                json,
                json!({ "renamed": id, "name": name }),
                &format!("track {id} is now \"{name}\""),
            );
        }
        TracksCommand::Delete { id } => {
            store.delete(id)?;
            report(
                json,
                json!({ "deleted": id }),
                &format!("track {id} deleted"),
            );
        }
    }
    Ok(())
}

fn report(json: bool, value: Value, text: &str) {
    if json {
        println!("{value}");
    } else {
        println!("{text}");
    }
}

fn at(fix: &Fix, state: &FollowState) -> String {
    format!(
        "{:>8} {:>6.2} km",
        fix.timestamp_ms.map_or_else(String::new, |ms| clock(
            (ms - SimulationConfig::walk(0).start_ms) as f64 / 1000.0
        )),
        state.distance_done_m / 1000.0
    )
}

fn describe(event: &FollowerEvent) -> String {
    match event {
        FollowerEvent::OffRoute { distance_m } => format!("off route ({distance_m:.0} m away)"),
        FollowerEvent::BackOnRoute => "back on route".into(),
        FollowerEvent::WrongDirection => "wrong direction".into(),
        FollowerEvent::RightDirection => "right direction again".into(),
        FollowerEvent::PointAhead { ahead } => {
            format!(
                "{:?} \"{}\" in {:.0} m",
                ahead.point.kind, ahead.point.name, ahead.distance_m
            )
        }
        FollowerEvent::EnteredSensitiveZone { name, .. } => {
            format!("entering sensitive area \"{name}\"")
        }
        FollowerEvent::LeftSensitiveZone { name, .. } => {
            format!("leaving sensitive area \"{name}\"")
        }
        FollowerEvent::Arrived => "arrived".into(),
    }
}

fn event_json(event: &FollowerEvent) -> Value {
    match event {
        FollowerEvent::OffRoute { distance_m } => {
            json!({ "type": "off_route", "distance_m": distance_m })
        }
        FollowerEvent::BackOnRoute => json!({ "type": "back_on_route" }),
        FollowerEvent::WrongDirection => json!({ "type": "wrong_direction" }),
        FollowerEvent::RightDirection => json!({ "type": "right_direction" }),
        FollowerEvent::PointAhead { ahead } => json!({
            "type": "point_ahead",
            "kind": format!("{:?}", ahead.point.kind),
            "id": ahead.point.id,
            "name": ahead.point.name,
            "distance_m": ahead.distance_m,
        }),
        FollowerEvent::EnteredSensitiveZone { zone_id, name } => {
            json!({ "type": "entered_sensitive_zone", "zone_id": zone_id, "name": name })
        }
        FollowerEvent::LeftSensitiveZone { zone_id, name } => {
            json!({ "type": "left_sensitive_zone", "zone_id": zone_id, "name": name })
        }
        FollowerEvent::Arrived => json!({ "type": "arrived" }),
    }
}

fn state_json(state: &FollowState) -> Value {
    json!({
        "status": format!("{:?}", state.status),
        "distance_done_m": state.distance_done_m,
        "distance_remaining_m": state.distance_remaining_m,
        "share_done": state.share_done,
        "ascent_remaining_m": state.ascent_remaining_m,
        "descent_remaining_m": state.descent_remaining_m,
        "time_remaining_s": state.time_remaining_s,
        "distance_from_route_m": state.distance_from_route_m,
    })
}
