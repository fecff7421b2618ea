//! `sentier login`, `sentier report new` and `sentier outbox [sync]`: field
//! reports from the terminal, over the same outbox and sync as the apps.
//! Credentials are kept in `secrets.json` (mode 0600) in the data folder.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use clap::{Args, Subcommand, ValueEnum};
use indicatif::ProgressBar;
use sentier_core::address::admin_host;
use sentier_core::geodesy::LatLon;
use sentier_core::photo::process_photo_file;
use sentier_core::reports::outbox::now_ms;
use sentier_core::reports::{
    AssetKind, AssetRef, CatalogFieldAssets, FIELD_ASSETS_FILE, FieldAssetCache, FieldAssets,
    FileSecretStore, Outbox, OutboxEntry, OutboxSync, ReportDraft, ReportError, ReportKind,
    ReportState, RetryPolicy, SyncObserver, nearby_assets,
};
use sentier_core::runtime::runtime;
use serde_json::json;

use crate::output::{Output, table};
use crate::sources::Catalogs;

#[derive(Args)]
pub struct LoginArgs {
    /// The Geotrek-admin, e.g. https://admin.park.fr/
    url: String,
    /// The user name.
    #[arg(long)]
    user: String,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Kind {
    /// A hiker's report (public endpoint).
    Public,
    /// A ranger's report (field API, needs `sentier login`).
    Field,
}

#[derive(Args)]
pub struct NewReportArgs {
    /// The Geotrek-admin the report goes to.
    #[arg(long)]
    server: String,
    /// Who reports: a hiker (public endpoint) or a ranger (field API).
    #[arg(long, value_enum, default_value = "public")]
    kind: Kind,
    /// Latitude of the problem, in degrees.
    #[arg(long, allow_hyphen_values = true)]
    lat: f64,
    /// Longitude of the problem, in degrees.
    #[arg(long, allow_hyphen_values = true)]
    lon: f64,
    /// The report's category id (`sentier lists categories`).
    #[arg(long)]
    category: i64,
    /// The activity id (`sentier lists activities`).
    #[arg(long)]
    activity: Option<i64>,
    /// How serious it is, a magnitude id (`sentier lists magnitudes`).
    #[arg(long)]
    magnitude: Option<i64>,
    /// The trek the problem is on.
    #[arg(long)]
    trek: Option<i64>,
    /// Your e-mail (a ranger's comes from the field API).
    #[arg(long, default_value = "")]
    email: String,
    /// What is wrong, in a few words.
    #[arg(long)]
    comment: String,
    /// The signage item the report is about (ranger).
    #[arg(long, conflicts_with = "infrastructure")]
    signage: Option<i64>,
    /// The infrastructure item the report is about (ranger).
    #[arg(long)]
    infrastructure: Option<i64>,
    /// The item's new condition ids (ranger), repeatable.
    #[arg(long = "condition")]
    conditions: Vec<i64>,
    /// A photo file (JPEG, PNG, WebP), up to three.
    #[arg(long = "photo")]
    photos: Vec<PathBuf>,
    /// The language the picked item is labelled in.
    #[arg(long, default_value = "fr")]
    lang: String,
}

#[derive(Args)]
pub struct NearbyArgs {
    /// A Geotrek-admin logged in to: its items downloaded at login, including
    /// unpublished ones (without it: the synced catalog's public items).
    #[arg(long)]
    server: Option<String>,
    /// Latitude of the point, in degrees.
    #[arg(long, allow_hyphen_values = true)]
    lat: f64,
    /// Longitude of the point, in degrees.
    #[arg(long, allow_hyphen_values = true)]
    lon: f64,
    /// The language of names and types.
    #[arg(long, default_value = "fr")]
    lang: String,
}

#[derive(Subcommand)]
pub enum ReportCommand {
    /// Compose and queue a report.
    New(Box<NewReportArgs>),
    /// The signage and infrastructure within 50 m of a point, nearest first:
    /// the ids `report new --signage/--infrastructure` takes.
    Nearby(NearbyArgs),
}

#[derive(Args)]
pub struct OutboxArgs {
    /// Without one, the outbox is listed.
    #[command(subcommand)]
    command: Option<OutboxCommand>,
}

#[derive(Subcommand)]
pub enum OutboxCommand {
    /// Deliver what is due now, once.
    Sync,
    /// Send a report again: one the server refused, or one that may have
    /// reached it (a possible duplicate).
    Retry {
        /// The report's id, as `sentier outbox` lists it.
        id: String,
    },
    /// Keep a possibly delivered report as delivered.
    Delivered {
        /// The report's id, as `sentier outbox` lists it.
        id: String,
    },
    /// Remove a report (not while it is being sent), e.g. a damaged one.
    Discard {
        /// The report's id, as `sentier outbox` lists it.
        id: String,
    },
}

/// The password typed at the terminal, not echoed (rpassword reads the
/// controlling terminal with echo off), or, when stdin is not a terminal (a
/// script piping it), its first line.
fn read_password(user: &str) -> std::io::Result<String> {
    use std::io::IsTerminal;
    if std::io::stdin().is_terminal() {
        return rpassword::prompt_password(format!("password for {user}: "));
    }
    eprintln!("password for {user} (one line on stdin):");
    let mut line = String::new();
    std::io::stdin().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

fn open(data_dir: &Path) -> Result<OutboxSync, ReportError> {
    std::fs::create_dir_all(data_dir).map_err(|error| ReportError::Store {
        reason: format!("{}: {error}", data_dir.display()),
    })?;
    let outbox = Arc::new(Outbox::open(&data_dir.join("outbox.sqlite"))?);
    let secrets = Arc::new(FileSecretStore::new(data_dir.join("secrets.json")));
    OutboxSync::new(outbox, secrets, RetryPolicy::default())
}

/// `sentier login URL --user NAME`: the password from `$SENTIER_PASSWORD`,
/// else typed at the terminal without echo, else one line of stdin.
pub fn login(data_dir: &Path, args: &LoginArgs, out: &Output) -> Result<(), ReportError> {
    let password = match std::env::var("SENTIER_PASSWORD") {
        Ok(password) => password,
        Err(_) => read_password(&args.user).map_err(|error| ReportError::LoginRefused {
            reason: format!("no password read: {error}"),
        })?,
    };
    let sync = open(data_dir)?;
    let info = runtime().block_on(sync.login(&args.url, &args.user, &password))?;
    // The ranger's items, for picking offline what a report is about; the
    // login stands even when they cannot be read (no permission, network).
    let downloaded = runtime()
        .block_on(sync.download_field_assets(&info.server_url))
        .and_then(|assets| {
            field_asset_cache(data_dir)?.replace(&info.server_url, &assets, now_ms())
        })
        .map(|status| status.items)
        .inspect_err(|error| eprintln!("warning: signage not downloaded: {error}"))
        .ok();
    out.show(
        &json!({"server_url": info.server_url, "username": info.username, "email": info.email,
                "can_create_reports": info.permissions.create_reports,
                "field_assets": downloaded}),
        || {
            println!(
                "logged in to {} as {} <{}>",
                info.server_url, info.username, info.email
            );
            if let Some(items) = downloaded {
                println!("{items} signage and infrastructure items downloaded for offline reports");
            }
        },
    );
    Ok(())
}

/// `sentier report new ...` and `sentier report nearby ...`.
pub fn report(
    catalogs: &Catalogs,
    command: &ReportCommand,
    out: &Output,
) -> Result<(), Box<dyn std::error::Error>> {
    match command {
        ReportCommand::New(args) => new_report(catalogs, args, out),
        ReportCommand::Nearby(args) => nearby(catalogs, args, out),
    }
}

/// The ranger's items downloaded at login, per server.
fn field_asset_cache(data_dir: &Path) -> Result<FieldAssetCache, ReportError> {
    FieldAssetCache::open(&data_dir.join(FIELD_ASSETS_FILE))
}

/// The catalog in use as the composer's source of assets and reference lists.
fn field_assets(
    catalogs: &Catalogs,
    language: &str,
) -> Result<CatalogFieldAssets, Box<dyn std::error::Error>> {
    Ok(CatalogFieldAssets::new(
        Arc::new(catalogs.open()?),
        language,
    ))
}

fn nearby(
    catalogs: &Catalogs,
    args: &NearbyArgs,
    out: &Output,
) -> Result<(), Box<dyn std::error::Error>> {
    let data_dir = catalogs.data_dir();
    let location = LatLon::new(args.lat, args.lon);
    let assets = match &args.server {
        Some(server) => nearby_assets(&field_asset_cache(data_dir)?.of_server(server), location),
        None => nearby_assets(&field_assets(catalogs, &args.lang)?, location),
    };
    let values: Vec<_> = assets
        .iter()
        .map(|near| {
            json!({"kind": format!("{:?}", near.asset.kind).to_lowercase(), "id": near.asset.id,
                   "code": near.asset.code, "name": near.asset.name, "type": near.asset.type_name,
                   "distance_m": near.distance_m,
                   "blades": near.asset.blades.iter().map(|blade| json!({"number": blade.number, "lines": blade.lines})).collect::<Vec<_>>()})
        })
        .collect();
    out.show(&values, || {
        let rows: Vec<Vec<String>> = assets
            .iter()
            .map(|near| {
                vec![
                    format!("--{} {}", flag_of(near.asset.kind), near.asset.id),
                    AssetRef::from(&near.asset).label,
                    near.asset.type_name.clone().unwrap_or_default(),
                    format!("{:.0} m", near.distance_m),
                ]
            })
            .collect();
        table(&["pick with", "item", "type", "distance"], &rows);
    });
    Ok(())
}

fn flag_of(kind: AssetKind) -> &'static str {
    match kind {
        AssetKind::Signage => "signage",
        AssetKind::Infrastructure => "infrastructure",
    }
}

fn new_report(
    catalogs: &Catalogs,
    args: &NewReportArgs,
    out: &Output,
) -> Result<(), Box<dyn std::error::Error>> {
    let data_dir = catalogs.data_dir();
    let mut draft = ReportDraft::new(
        match args.kind {
            Kind::Public => ReportKind::Public,
            Kind::Field => ReportKind::Field,
        },
        &args.server,
    );
    draft.location = Some(LatLon::new(args.lat, args.lon));
    draft.email = args.email.clone();
    draft.comment = args.comment.clone();
    draft.category_id = Some(args.category);
    draft.activity_id = args.activity;
    draft.magnitude_id = args.magnitude;
    draft.related_trek_id = args.trek;
    let asset = match (args.signage, args.infrastructure) {
        (Some(id), _) => Some((AssetKind::Signage, id)),
        (None, Some(id)) => Some((AssetKind::Infrastructure, id)),
        (None, None) => None,
    };
    // The catalog's ids are its server's: it checks reports to that server only.
    let catalog = field_assets(catalogs, &args.lang)
        .ok()
        .filter(|catalog| catalog.is_of(&draft.server_url));
    let cache = field_asset_cache(data_dir)?;
    let downloaded = cache.source_for(draft.kind, &draft.server_url)?;
    let assets: Option<&dyn FieldAssets> = match &downloaded {
        Some(downloaded) => Some(downloaded),
        None => catalog.as_ref().map(|catalog| catalog as &dyn FieldAssets),
    };
    if let Some((kind, id)) = asset {
        draft.asset = Some(picked_asset(assets, &draft, kind, id));
    }
    draft.asset_condition_ids = args.conditions.clone();
    let references = catalog
        .as_ref()
        .map(CatalogFieldAssets::references)
        .filter(|references| !references.categories.is_empty());
    let sync = open(data_dir)?;
    let outbox = sync.outbox();
    let entry = outbox.create_draft(&draft)?;
    let progress = ProgressBar::new(args.photos.len() as u64);
    let attached = args.photos.iter().try_for_each(|path| {
        outbox.add_photo(&entry.id, &process_photo_file(path)?)?;
        progress.inc(1);
        Ok(())
    });
    progress.finish_and_clear();
    let queued =
        attached.and_then(|()| outbox.queue_checked(&entry.id, references.as_ref(), assets));
    let queued = match queued {
        Ok(queued) => queued,
        Err(error) => {
            outbox.discard(&entry.id)?;
            return Err(error.into());
        }
    };
    let logged_in = queued.draft.kind == ReportKind::Public
        || sync.session(&queued.draft.server_url)?.is_some();
    out.show(&entry_json(&queued), || {
        println!(
            "queued report {} with {} photo(s)",
            queued.id,
            queued.photos.len()
        )
    });
    if !logged_in {
        eprintln!(
            "log in to {} to send it: sentier login {} --user NAME",
            admin_host(&queued.draft.server_url),
            queued.draft.server_url
        );
    }
    Ok(())
}

/// `sentier outbox` lists; `sentier outbox sync` delivers once.
pub fn outbox(data_dir: &Path, args: &OutboxArgs, out: &Output) -> Result<(), ReportError> {
    let sync = open(data_dir)?;
    let decided = match &args.command {
        Some(OutboxCommand::Retry { id }) => Some(sync.outbox().queue(id, None)?),
        Some(OutboxCommand::Delivered { id }) => Some(sync.outbox().confirm_delivered(id)?),
        Some(OutboxCommand::Discard { id }) => {
            sync.outbox().discard(id)?;
            out.show(&json!({"discarded": id}), || {
                println!("discarded report {id}")
            });
            return Ok(());
        }
        _ => None,
    };
    if let Some(entry) = decided {
        out.show(&entry_json(&entry), || {
            println!("report {}: {}", entry.id, state_name(entry.state))
        });
        return Ok(());
    }
    if let Some(OutboxCommand::Sync) = args.command {
        let due = sync.outbox().due(now_ms())?.len();
        let observer = Progress(ProgressBar::new(due as u64));
        let summary = runtime().block_on(sync.sync_once(&observer))?;
        observer.0.finish_and_clear();
        out.show(
            &json!({"sent": summary.sent, "failed": summary.failed, "retrying": summary.retrying,
                    "waiting_for_login": summary.waiting_for_login, "reconciled": summary.reconciled,
                    "possibly_delivered": summary.possibly_delivered}),
            || {
                println!(
                    "{} sent, {} failed, {} to retry, {} waiting for login, {} found already on the server",
                    summary.sent, summary.failed, summary.retrying, summary.waiting_for_login,
                    summary.reconciled
                );
                if summary.possibly_delivered > 0 {
                    println!(
                        "{} may have arrived (answer lost): `sentier outbox retry ID` sends one again, \
                         `sentier outbox delivered ID` keeps it as delivered",
                        summary.possibly_delivered
                    );
                }
            },
        );
        return Ok(());
    }
    let entries = sync.outbox().list()?;
    let values: Vec<_> = entries.iter().map(entry_json).collect();
    out.show(&values, || {
        let rows: Vec<Vec<String>> = entries
            .iter()
            .map(|entry| {
                vec![
                    entry.id.clone(),
                    state_name(entry.state).to_string(),
                    entry.attempts.to_string(),
                    entry.photos.len().to_string(),
                    entry.server_id.map(|id| id.to_string()).unwrap_or_default(),
                    entry.last_error.clone().unwrap_or_default(),
                ]
            })
            .collect();
        table(
            &[
                "id",
                "state",
                "attempts",
                "photos",
                "server id",
                "last error",
            ],
            &rows,
        );
    });
    Ok(())
}

/// The asset `--signage/--infrastructure ID` names, labelled as `report
/// nearby` lists it around the report's location (from the ranger's download
/// for a field report when there is one, else from the catalog). An id that
/// is not there is left for the outbox's check to name: no such item, or not
/// within 50 m.
fn picked_asset(
    assets: Option<&dyn FieldAssets>,
    draft: &ReportDraft,
    kind: AssetKind,
    id: i64,
) -> AssetRef {
    let offered = match (assets, draft.location) {
        (Some(assets), Some(location)) => nearby_assets(assets, location),
        _ => Vec::new(),
    };
    offered
        .iter()
        .find(|near| near.asset.kind == kind && near.asset.id == id)
        .map(|near| AssetRef::from(&near.asset))
        .unwrap_or(AssetRef {
            kind,
            id,
            label: String::new(),
        })
}

/// How the outbox names a state.
fn state_name(state: ReportState) -> &'static str {
    match state {
        ReportState::Draft => "draft",
        ReportState::Queued => "queued",
        ReportState::Sending => "sending",
        ReportState::Sent => "sent",
        ReportState::Failed => "failed",
        ReportState::PossiblyDelivered => "possibly delivered",
        ReportState::Damaged => "damaged",
    }
}

struct Progress(ProgressBar);

impl SyncObserver for Progress {
    fn report_changed(&self, entry: &OutboxEntry) {
        if entry.state != ReportState::Sending {
            self.0.inc(1);
        }
    }
    fn login_required(&self, server_url: &str) {
        self.0.println(format!(
            "log in again: sentier login {server_url} --user ..."
        ));
    }
}

fn entry_json(entry: &OutboxEntry) -> serde_json::Value {
    json!({
        "id": entry.id,
        "state": state_name(entry.state),
        "kind": format!("{:?}", entry.draft.kind).to_lowercase(),
        "server_url": entry.draft.server_url,
        "comment": entry.draft.comment,
        "attempts": entry.attempts,
        "photos": entry.photos.iter().map(|photo| json!({"sha256": photo.sha256, "width": photo.width, "height": photo.height})).collect::<Vec<_>>(),
        "server_id": entry.server_id,
        "last_error": entry.last_error,
    })
}
