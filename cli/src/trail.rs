//! `sentier record`, `sentier follow` and `sentier tracks`: recording a replayed
//! walk, following a route with a replayed walk (its events, or with
//! `--notify` the notifications a phone would show), and managing saved
//! tracks. Figures are written by the core's `MeasureFormatter` in the
//! language asked.

use std::error::Error;
use std::fs::File;
use std::io::{BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use sentier_core::catalog::ChoiceList;
use sentier_core::locale::{Language as CoreLanguage, Wording};
use sentier_core::measures::{MeasureFormatter, UnitSystem};
use sentier_core::screens::follow::event_wording;
use sentier_core::trail::geojson::track_feature;
use sentier_core::trail::gpx_file::{import_gpx, read_gpx, write_track_gpx};
use sentier_core::trail::recorder::now_ms;
use sentier_core::trail::session::{FollowPlan, SessionSettings, TrailSession};
use sentier_core::trail::simulator::simulate;
use sentier_core::trail::{
    Detour, Fix, FixOutcome, FollowState, FollowStatus, Follower, FollowerConfig, FollowerEvent,
    GpsNoise, Recorder, RecorderConfig, Route, SimulationConfig, TrackId, TrackStats, TrackStore,
};
use serde_json::{Value, json};

type CliResult = Result<(), Box<dyn Error>>;

/// How a GPX file is replayed as a walk.
#[derive(Args)]
pub struct Replay {
    /// Replay the GPX's own points with their own times: no resampling, no
    /// added noise (a real phone recording, or anyone's noise model).
    #[arg(long, conflicts_with_all = ["speed_kmh", "interval_s", "noise", "seed"])]
    as_recorded: bool,
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
    /// Typical noise with bursts of multipath (gorges, village streets).
    Multipath,
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
                Noise::Multipath => GpsNoise::multipath(),
            },
            detours,
            ..SimulationConfig::walk(self.seed)
        }
    }

    /// The fixes of the walk in the GPX at `path`: its own points with
    /// `--as-recorded`, else its line walked under the simulated noise.
    fn fixes(&self, path: &Path, detours: Vec<Detour>) -> Result<Vec<Fix>, Box<dyn Error>> {
        let content = read_gpx(BufReader::new(open(path)?))?;
        if self.as_recorded {
            let fixes: Vec<Fix> = content.segments.into_iter().flatten().collect();
            if fixes.iter().any(|fix| fix.timestamp_ms.is_none()) {
                return Err(format!(
                    "{}: --as-recorded needs a recording, with a time on every point",
                    path.display()
                )
                .into());
            }
            return Ok(fixes);
        }
        let route = content.into_route(&path.display().to_string());
        Ok(simulate(&route.line, &self.config(detours))?)
    }
}

/// The language figures are written in.
#[derive(Args)]
pub struct Language {
    /// Language of the output (figures, and a trek's names): fr, en...
    #[arg(long, default_value = "fr")]
    lang: String,
}

impl Language {
    fn formatter(&self) -> MeasureFormatter {
        MeasureFormatter::new(UnitSystem::Metric, self.lang.clone())
    }

    /// The language the core's notifications are written in.
    fn spoken(&self) -> Result<CoreLanguage, String> {
        CoreLanguage::from_tag(&self.lang).ok_or_else(|| {
            let known = CoreLanguage::ALL.map(CoreLanguage::code).join(", ");
            format!(
                "no notification texts in {:?}: the core speaks {known}",
                self.lang
            )
        })
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
    #[command(flatten)]
    language: Language,
}

/// `sentier follow`.
#[derive(Args)]
pub struct FollowArgs {
    /// A trek of the offline catalog to follow (see `sentier treks`).
    #[arg(required_unless_present = "gpx", conflicts_with = "gpx")]
    trek: Option<i64>,
    #[command(flatten)]
    language: Language,
    /// Or a GPX route to follow (tracks, or routes; waypoints are announced).
    #[arg(long)]
    gpx: Option<PathBuf>,
    /// GPX walked as the hiker's fixes; by default the route itself.
    #[arg(long)]
    replay: Option<PathBuf>,
    /// Walk a detour starting this far along the replay, metres.
    #[arg(long, conflicts_with = "as_recorded")]
    detour_at: Option<f64>,
    /// Length of the detour, metres.
    #[arg(long, default_value_t = 400.0)]
    detour_length: f64,
    /// How far the detour strays to the left (negative: right), metres.
    #[arg(long, default_value_t = 120.0, allow_negative_numbers = true)]
    detour_offset: f64,
    /// Print the notifications a phone would show (title, then body), as
    /// the core's trail session words and rate-limits them, instead of the
    /// follower's events.
    #[arg(long)]
    notify: bool,
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
    List {
        #[command(flatten)]
        language: Language,
    },
    /// Writes a track as GPX 1.1 or GeoJSON.
    Export {
        /// The track's id (see `tracks list`).
        id: TrackId,
        /// The file format.
        #[arg(long, value_enum, default_value_t = Format::Gpx)]
        format: Format,
        /// The file to write, `-` for the standard output.
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
    let content = read_gpx(BufReader::new(open(path)?))?;
    Ok(content.into_route(&path.display().to_string()))
}

/// Opens `path`, naming it in the error.
fn open(path: &Path) -> Result<File, Box<dyn Error>> {
    File::open(path).map_err(|error| format!("{}: {error}", path.display()).into())
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

/// The columns of [`stats_cells`].
const STATS_HEADER: [&str; 6] = ["distance", "time", "moving", "ascent", "descent", "speed"];

fn stats_cells(stats: &TrackStats, formatter: &MeasureFormatter) -> Vec<String> {
    vec![
        formatter.distance(stats.distance_2d_m),
        formatter.duration(stats.elapsed_s),
        formatter.duration(stats.moving_s),
        formatter.ascent(stats.ascent_m),
        format!("-{}", formatter.elevation(stats.descent_m)),
        formatter.speed(stats.average_speed_mps),
    ]
}

fn stats_line(stats: &TrackStats, formatter: &MeasureFormatter) -> String {
    STATS_HEADER
        .iter()
        .zip(stats_cells(stats, formatter))
        .map(|(label, value)| format!("{label} {value}"))
        .collect::<Vec<_>>()
        .join("  ")
}

/// A stats line every this much hike time, seconds.
const STATS_EVERY_S: f64 = 900.0;

/// Records a replayed walk into the track store `store`.
pub fn record(args: RecordArgs, store: &Path, json: bool) -> CliResult {
    let formatter = args.language.formatter();
    let fixes = args.walk.fixes(&args.replay, Vec::new())?;
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
        bar.set_message(stats_line(&stats, &formatter));
        if stats.elapsed_s >= next_report {
            next_report += STATS_EVERY_S;
            if json {
                println!("{}", json!({ "stats": stats }));
            } else {
                bar.suspend(|| println!("{}", stats_line(&stats, &formatter)));
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
            stats_line(&summary.stats, &formatter)
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

/// Follows `plan` through the core's trail session and prints each
/// notification it posts as a phone shows it: its title, its body, a blank
/// line (as JSON lines with `--json`).
fn print_notifications(
    plan: FollowPlan,
    fixes: Vec<Fix>,
    language: CoreLanguage,
    json: bool,
) -> CliResult {
    let mut session = TrailSession::new(SessionSettings {
        language,
        units: UnitSystem::Metric,
        utc_offset_minutes: 0,
        announce_points: false,
    });
    session.start_following(plan)?;
    let bar = progress_bar(fixes.len(), json);
    for fix in fixes {
        let at_ms = fix.timestamp_ms.unwrap_or_else(now_ms);
        let update = session.push_fix(fix, at_ms)?;
        bar.inc(1);
        for notification in update.notifications {
            if json {
                println!(
                    "{}",
                    json!({
                        "title": notification.title,
                        "body": notification.body,
                        "tag": notification.tag,
                        "channel": notification.channel_id,
                        "time_ms": notification.at_ms,
                    })
                );
            } else {
                bar.suspend(|| println!("{}\n{}\n", notification.title, notification.body));
            }
        }
    }
    bar.finish_and_clear();
    Ok(())
}

/// Follows a cached trek (from the catalog in use) or a GPX route.
pub fn follow(args: FollowArgs, catalogs: &crate::sources::Catalogs, json: bool) -> CliResult {
    let formatter = args.language.formatter();
    let language = CoreLanguage::of_tag(&args.language.lang);
    let plan = match (&args.trek, &args.gpx) {
        (Some(id), _) => {
            let catalog = catalogs.open()?;
            let lang = &args.language.lang;
            FollowPlan::for_trek(
                &catalog.trek_detail(*id, lang)?,
                &catalog.choices(ChoiceList::SensitiveAreaPractice, lang)?,
                FollowerConfig::default(),
            )
        }
        (None, Some(gpx)) => FollowPlan::for_route(read_route(gpx)?, FollowerConfig::default()),
        (None, None) => return Err("give a trek id or --gpx ROUTE.gpx".into()),
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
    let fixes = match &args.replay {
        Some(path) => args.walk.fixes(path, detours)?,
        None => simulate(&plan.route.line, &args.walk.config(detours))?,
    };
    if args.notify {
        return print_notifications(plan, fixes, args.language.spoken()?, json);
    }
    let start_ms = fixes.first().and_then(|fix| fix.timestamp_ms);
    let mut follower = Follower::new(plan.route, plan.config)?;
    if !json {
        let (length, count) = (formatter.distance(follower.length_m()), fixes.len());
        println!(
            "{}",
            Wording::new(
                format!("following for {length}, {count} fixes"),
                format!("suivi sur {length}, {count} positions"),
            )
            .into_language(language)
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
                bar.suspend(|| {
                    println!(
                        "{}  {}",
                        at(fix, start_ms, &state, &formatter),
                        event_wording(&event, &formatter).into_language(language)
                    )
                });
            }
        }
    }
    bar.finish_and_clear();
    if !json {
        let state = follower.state();
        let (done, left) = (
            state.share_done * 100.0,
            formatter.distance(state.distance_remaining_m),
        );
        let (english, french) = match state.status {
            FollowStatus::Waiting => ("waiting", "en attente"),
            FollowStatus::OnRoute => ("on route", "sur l'itinéraire"),
            FollowStatus::OffRoute => ("off route", "hors de l'itinéraire"),
            FollowStatus::Arrived => ("arrived", "arrivé"),
        };
        println!(
            "{}",
            Wording::new(
                format!("final: {english}, {done:.0} % done, {left} left"),
                format!("fin : {french}, {done:.0} % fait, {left} restant"),
            )
            .into_language(language)
        );
    }
    Ok(())
}

pub fn tracks(args: TracksArgs, store: &Path, json: bool) -> CliResult {
    let mut store = TrackStore::open(store)?;
    match args.command {
        TracksCommand::List { language } => {
            let summaries = store.list()?;
            if json {
                for summary in summaries {
                    println!(
                        "{}",
                        json!({ "id": summary.id, "name": summary.name, "status": format!("{:?}", summary.status), "created_ms": summary.created_ms, "stats": summary.stats })
                    );
                }
                return Ok(());
            }
            let formatter = language.formatter();
            let mut header = vec!["id", "name", "status", "created (UTC)"];
            header.extend(STATS_HEADER);
            let rows: Vec<Vec<String>> = summaries
                .iter()
                .map(|summary| {
                    let mut row = vec![
                        summary.id.to_string(),
                        summary.name.clone(),
                        format!("{:?}", summary.status).to_lowercase(),
                        formatter.date_time(summary.created_ms, 0),
                    ];
                    row.extend(stats_cells(&summary.stats, &formatter));
                    row
                })
                .collect();
            crate::output::table(&header, &rows);
        }
        TracksCommand::Export { id, format, out } => {
            let summary = store.summary(id)?;
            let points = store.points(id)?;
            let to_stdout = out.as_os_str() == "-";
            let mut writer: Box<dyn Write> = if to_stdout {
                Box::new(BufWriter::new(std::io::stdout().lock()))
            } else {
                Box::new(BufWriter::new(
                    File::create(&out).map_err(|error| format!("{}: {error}", out.display()))?,
                ))
            };
            match format {
                Format::Gpx => write_track_gpx(&summary.name, &points, &mut writer)?,
                Format::Geojson => {
                    serde_json::to_writer(&mut writer, &track_feature(&summary, &points))?
                }
            }
            writer.flush()?;
            if !to_stdout {
                report(
                    json,
                    json!({ "exported": id, "to": out }),
                    &format!("track {id} written to {}", out.display()),
                );
            }
        }
        TracksCommand::Import { file, name } => {
            let (id, name) = import_gpx(
                &mut store,
                BufReader::new(open(&file)?),
                name,
                &file.display().to_string(),
                now_ms(),
            )?;
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

/// The walk's time since `start_ms` and the distance done on the route.
fn at(
    fix: &Fix,
    start_ms: Option<i64>,
    state: &FollowState,
    formatter: &MeasureFormatter,
) -> String {
    let elapsed_s = fix
        .timestamp_ms
        .zip(start_ms)
        .map_or(0.0, |(ms, start)| (ms - start) as f64 / 1000.0);
    format!(
        "{:>8} {:>8}",
        formatter.duration(elapsed_s),
        formatter.distance(state.distance_done_m)
    )
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
