//! `sentier sync`, `sentier treks`, `sentier trek` and `sentier lists`: the
//! offline catalog from a terminal. Filters take a reference list's names as
//! well as its ids; text is written in the language asked.

use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use sentier_core::catalog::{
    self, Catalog, CatalogError, ChoiceList, Circle, LatLon, Limits, SyncOptions, SyncReport,
    TrekDetail, TrekPage, TrekQuery, ValueRange,
};
use sentier_core::runtime::runtime;
use tokio_util::sync::CancellationToken;

use crate::output::{self, Language, Output};
use crate::paths::catalog_file;
use crate::sources::{Catalogs, SYNCED_ID};

type CliResult<T = ()> = Result<T, Box<dyn std::error::Error>>;

#[derive(Args)]
pub struct SyncArgs {
    /// The instance's API root, e.g. https://geotrek-admin.ecrins-parcnational.fr/api/v2/
    /// (`https://` and `/api/v2/` are added when left out).
    pub api_url: String,
    /// Languages to keep, first preferred (all the server has if omitted).
    #[arg(long, value_delimiter = ',')]
    pub lang: Vec<String>,
    /// On an instance serving several territories, the portal id whose
    /// content to keep (Geotrek's target portals: `/api/v2/portal/`).
    #[arg(long)]
    pub portal: Option<i64>,
}

#[derive(Args)]
pub struct TreksArgs {
    /// Words to search for (accents and case ignored, prefixes match).
    pub query: Vec<String>,
    /// Language of names and of the text written (fr, en...).
    #[arg(long, default_value = "fr")]
    pub lang: String,
    /// Practices, by name or id, comma-separated (`sentier lists practices`).
    #[arg(long, value_delimiter = ',')]
    pub practice: Vec<String>,
    /// Difficulties, by name or id (`sentier lists difficulties`).
    #[arg(long, value_delimiter = ',')]
    pub difficulty: Vec<String>,
    /// Route types (loop, return...), by name or id (`sentier lists routes`).
    #[arg(long, value_delimiter = ',')]
    pub route: Vec<String>,
    /// Themes, by name or id (`sentier lists themes`).
    #[arg(long, value_delimiter = ',')]
    pub theme: Vec<String>,
    /// Cities the trek crosses, by name or id (`sentier lists cities`).
    #[arg(long, value_delimiter = ',')]
    pub city: Vec<String>,
    /// Accessibilities, by name or id (`sentier lists accessibilities`).
    #[arg(long, value_delimiter = ',')]
    pub accessibility: Vec<String>,
    /// Duration in hours, as MIN..MAX (either side may be empty).
    #[arg(long, value_parser = parse_range)]
    pub duration: Option<ValueRange>,
    /// Length in km, as MIN..MAX.
    #[arg(long, value_parser = parse_range)]
    pub length_km: Option<ValueRange>,
    /// Ascent in metres, as MIN..MAX.
    #[arg(long, value_parser = parse_range)]
    pub ascent: Option<ValueRange>,
    /// Only treks starting near LAT,LON (see --within).
    #[arg(long, value_parser = parse_lat_lon, allow_hyphen_values = true)]
    pub near: Option<LatLon>,
    /// Radius for --near: 5km, 800m, or a number of km.
    #[arg(long, default_value = "5km", value_parser = parse_distance)]
    pub within: f64,
    /// Treks per page.
    #[arg(long, default_value_t = 20)]
    pub limit: u32,
    /// Page number, from 1.
    #[arg(long, default_value_t = 1)]
    pub page: u32,
}

#[derive(Args)]
pub struct TrekArgs {
    /// The trek's id (see `sentier treks`).
    pub id: i64,
    /// Language of names and of the text written (fr, en...).
    #[arg(long, default_value = "fr")]
    pub lang: String,
}

#[derive(Args)]
pub struct ListsArgs {
    /// The list to show; without one, every list and its size.
    #[arg(value_enum)]
    pub list: Option<ListName>,
    /// Language of the names.
    #[arg(long, default_value = "fr")]
    pub lang: String,
}

/// The reference lists `sentier lists` shows.
#[derive(Clone, Copy, ValueEnum)]
pub enum ListName {
    /// Trek practices (`--practice`).
    Practices,
    /// Trek difficulties (`--difficulty`).
    Difficulties,
    /// Route types (`--route`).
    Routes,
    /// Themes (`--theme`).
    Themes,
    /// Cities (`--city`).
    Cities,
    /// Accessibilities (`--accessibility`).
    Accessibilities,
    /// Networks.
    Networks,
    /// Labels.
    Labels,
    /// Districts.
    Districts,
    /// Point of interest types.
    PoiTypes,
    /// Signage types.
    SignageTypes,
    /// Infrastructure types.
    InfrastructureTypes,
    /// Report categories (`report new --category`).
    Categories,
    /// Report activities (`report new --activity`).
    Activities,
    /// Report magnitudes (`report new --magnitude`).
    Magnitudes,
    /// Signage conditions (`report new --condition`).
    SignageConditions,
    /// Infrastructure conditions (`report new --condition`).
    InfrastructureConditions,
}

impl ListName {
    fn choice_list(self) -> ChoiceList {
        match self {
            ListName::Practices => ChoiceList::Practice,
            ListName::Difficulties => ChoiceList::Difficulty,
            ListName::Routes => ChoiceList::Route,
            ListName::Themes => ChoiceList::Theme,
            ListName::Cities => ChoiceList::City,
            ListName::Accessibilities => ChoiceList::Accessibility,
            ListName::Networks => ChoiceList::Network,
            ListName::Labels => ChoiceList::Label,
            ListName::Districts => ChoiceList::District,
            ListName::PoiTypes => ChoiceList::PoiType,
            ListName::SignageTypes => ChoiceList::SignageType,
            ListName::InfrastructureTypes => ChoiceList::InfrastructureType,
            ListName::Categories => ChoiceList::FeedbackCategory,
            ListName::Activities => ChoiceList::FeedbackActivity,
            ListName::Magnitudes => ChoiceList::FeedbackMagnitude,
            ListName::SignageConditions => ChoiceList::SignageCondition,
            ListName::InfrastructureConditions => ChoiceList::InfrastructureCondition,
        }
    }

    fn name(self) -> String {
        self.to_possible_value()
            .map(|value| value.get_name().to_string())
            .unwrap_or_default()
    }
}

/// Syncs with a progress bar; Ctrl-C cancels and leaves the catalog as it was.
pub fn sync(catalogs: &Catalogs, args: &SyncArgs, out: &Output) -> CliResult {
    let report = sync_catalog(catalogs, args, out)?;
    out.show(&report, || print_sync(&report, catalogs));
    Ok(())
}

/// Runs a sync and makes the synced catalog the one in use.
pub fn sync_catalog(catalogs: &Catalogs, args: &SyncArgs, out: &Output) -> CliResult<SyncReport> {
    let api_url = api_root(&args.api_url)?;
    if api_url.trim_end_matches('/') != args.api_url.trim().trim_end_matches('/') {
        out.say(&format!("Syncing {api_url}"));
    }
    let path = catalog_file(catalogs.data_dir());
    std::fs::create_dir_all(catalogs.data_dir())
        .map_err(|error| format!("cannot create {}: {error}", catalogs.data_dir().display()))?;
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template("{spinner} {prefix:>18} [{bar:30}] {pos}/{len} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    if out.json {
        bar.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    let cancel = CancellationToken::new();
    let options = SyncOptions {
        languages: args.lang.clone(),
        portal: args.portal,
    };
    let report = runtime().block_on(async {
        let on_ctrl_c = cancel.clone();
        tokio::spawn(async move {
            if tokio::signal::ctrl_c().await.is_ok() {
                on_ctrl_c.cancel();
            }
        });
        let progress = |p: &catalog::SyncProgress| {
            bar.set_prefix(format!(
                "{} {}/{}",
                p.resource, p.resource_index, p.resource_count
            ));
            bar.set_length(p.objects_total.unwrap_or(p.objects_done));
            bar.set_position(p.objects_done);
            bar.set_message(format!(
                "page {} · {:.1} MB",
                p.page,
                p.bytes_downloaded as f64 / 1e6
            ));
        };
        catalog::sync::sync(
            &path,
            &api_url,
            &options,
            Limits::default(),
            &progress,
            &cancel,
        )
        .await
    });
    bar.finish_and_clear();
    let report = report.map_err(|error| sync_failure(&api_url, &path, error))?;
    if !report.languages_not_served.is_empty() {
        eprintln!(
            "warning: the server does not publish in {}: left out",
            report.languages_not_served.join(", ")
        );
    }
    catalogs.remember(SYNCED_ID)?;
    Ok(report)
}

fn print_sync(report: &SyncReport, catalogs: &Catalogs) {
    println!(
        "{} sync of {} done in {:.1} s: {} objects new or changed, {} removed, {:.1} MB downloaded",
        if report.incremental {
            "Incremental"
        } else {
            "Full"
        },
        report.api_url,
        report.duration_ms as f64 / 1000.0,
        report.objects_upserted,
        report.objects_deleted,
        report.bytes_downloaded as f64 / 1e6
    );
    println!(
        "Treks offline: the {} the server lists, and {} stages of their tours it serves only through them",
        report.treks, report.stages
    );
    if !report.resources_skipped.is_empty() {
        println!(
            "Not served by this instance: {}",
            report.resources_skipped.join(", ")
        );
    }
    println!("Catalog: {}", catalog_file(catalogs.data_dir()).display());
}

/// The API root a typed address means: `https://` when no scheme is
/// given, `api/v2/` added to a bare host; any other path is explained.
pub fn api_root(typed: &str) -> CliResult<String> {
    let address = sentier_core::address::typed_server_address(typed)?
        .ok_or("the sync needs a Geotrek API address, e.g. https://HOST/api/v2/")?;
    let mut url = url::Url::parse(&address)?;
    let path = url.path().to_string();
    if path.ends_with("/api/v2/") {
        return Ok(address);
    }
    match path.as_str() {
        "/" => url.set_path("/api/v2/"),
        "/api/" => url.set_path("/api/v2/"),
        _ => {
            return Err(format!(
                "{address} is not a Geotrek API v2 root: it ends in /api/v2/, \
                 e.g. {}://{}/api/v2/",
                url.scheme(),
                url.host_str().unwrap_or("HOST")
            )
            .into());
        }
    }
    Ok(url.to_string())
}

/// A failed sync, with what to do about it.
fn sync_failure(
    api_url: &str,
    path: &std::path::Path,
    error: CatalogError,
) -> Box<dyn std::error::Error> {
    let unchanged = format!("{} is unchanged", path.display());
    let advice = match &error {
        CatalogError::Cancelled => {
            return format!(
                "sync stopped: {unchanged}, as the last complete sync left it; \
                 run the same command to sync again"
            )
            .into();
        }
        CatalogError::Http {
            status: 401 | 403, ..
        } => "the server refuses access: the public API needs no login; check the address",
        CatalogError::Http { status: 404, .. } => {
            "no Geotrek API v2 there: check the address (it ends in /api/v2/)"
        }
        CatalogError::Http { .. } => "the server is in trouble: try again later",
        CatalogError::Network { .. } => {
            "check the address and the network connection, then run the same command again"
        }
        CatalogError::Malformed { .. } | CatalogError::BadNextLink { .. } => {
            "the answer is not the Geotrek API v2: check the address (it ends in /api/v2/)"
        }
        CatalogError::SyncInProgress => "wait for the other sync to end",
        _ => "",
    };
    let advice = if advice.is_empty() {
        String::new()
    } else {
        format!("; {advice}")
    };
    format!("sync of {api_url} failed: {error} ({unchanged}){advice}").into()
}

/// Lists treks matching the query and filters as a table.
pub fn treks(catalogs: &Catalogs, args: &TreksArgs, out: &Output) -> CliResult {
    let catalog = catalogs.open()?;
    let page = search(&catalog, args)?;
    out.show(&page, || print_treks(&page, args));
    Ok(())
}

/// The page of treks `args` asks for.
pub fn search(catalog: &Catalog, args: &TreksArgs) -> CliResult<TrekPage> {
    let ids = |list: ChoiceList, values: &[String], flag: &str| {
        choice_ids(catalog, list, values, &args.lang, flag)
    };
    let query = TrekQuery {
        text: Some(args.query.join(" ")).filter(|t| !t.trim().is_empty()),
        language: args.lang.clone(),
        practices: ids(ChoiceList::Practice, &args.practice, "practice")?,
        difficulties: ids(ChoiceList::Difficulty, &args.difficulty, "difficulty")?,
        routes: ids(ChoiceList::Route, &args.route, "route")?,
        themes: ids(ChoiceList::Theme, &args.theme, "theme")?,
        cities: ids(ChoiceList::City, &args.city, "city")?,
        accessibilities: ids(
            ChoiceList::Accessibility,
            &args.accessibility,
            "accessibility",
        )?,
        duration_hours: args.duration.unwrap_or_default(),
        length_m: args
            .length_km
            .map(|r| ValueRange {
                min: r.min.map(|v| v * 1000.0),
                max: r.max.map(|v| v * 1000.0),
            })
            .unwrap_or_default(),
        ascent_m: args.ascent.unwrap_or_default(),
        near: args.near.map(|center| Circle {
            center,
            radius_m: args.within,
        }),
        offset: args.page.saturating_sub(1) * args.limit,
        limit: args.limit,
    };
    Ok(catalog.search(&query)?)
}

pub fn print_treks(page: &TrekPage, args: &TreksArgs) {
    let words = Language::new(&args.lang);
    let rows: Vec<Vec<String>> = page
        .treks
        .iter()
        .map(|t| {
            vec![
                t.id.to_string(),
                t.name.clone(),
                t.practice.clone().unwrap_or_default(),
                t.difficulty.clone().unwrap_or_default(),
                t.duration_hours
                    .map(|h| words.duration_hours(h))
                    .unwrap_or_default(),
                t.length_m.map(|m| words.distance(m)).unwrap_or_default(),
                t.ascent_m.map(|m| words.ascent(m)).unwrap_or_default(),
                t.distance_m.map(|m| words.distance(m)).unwrap_or_default(),
            ]
        })
        .collect();
    output::table(
        &[
            "id",
            words.pick("name", "nom"),
            words.pick("practice", "pratique"),
            words.pick("difficulty", "difficulté"),
            words.pick("duration", "durée"),
            words.pick("length", "longueur"),
            words.pick("ascent", "dénivelé"),
            words.pick("away", "distance"),
        ],
        &rows,
    );
    let first = u64::from(args.page.saturating_sub(1)) * u64::from(args.limit);
    let shown = page.treks.len() as u64;
    println!(
        "{}",
        words.pick(
            &format!("{shown} of {} treks", page.total),
            &format!("{shown} sur {} randonnées", page.total),
        )
    );
    if first + shown < page.total {
        let next = args.page + 1;
        println!(
            "{}",
            words.pick(
                &format!(
                    "More: the same command with --page {next}, or --limit {}",
                    page.total
                ),
                &format!(
                    "La suite : la même commande avec --page {next}, ou --limit {}",
                    page.total
                ),
            )
        );
    }
}

/// Shows one trek: figures, elevation sparkline, what lies along it.
pub fn trek(catalogs: &Catalogs, args: &TrekArgs, out: &Output) -> CliResult {
    let detail = catalogs.open()?.trek_detail(args.id, &args.lang)?;
    out.show(&detail, || print_trek(&detail, &args.lang));
    Ok(())
}

pub fn print_trek(detail: &TrekDetail, language: &str) {
    let words = Language::new(language);
    println!("{} (#{})", detail.name, detail.id);
    let figures = [
        detail.practice.as_ref().map(|p| p.label.clone()),
        detail.difficulty.as_ref().map(|d| d.label.clone()),
        detail.duration_hours.map(|h| words.duration_hours(h)),
        detail.length_m.map(|m| words.distance(m)),
        detail.ascent_m.map(|m| words.ascent(m)),
        detail.descent_m.map(|m| words.descent(m)),
    ];
    println!(
        "{}",
        figures
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · ")
    );
    if !detail.departure.is_empty() || !detail.arrival.is_empty() {
        println!("{} → {}", detail.departure, detail.arrival);
    }
    let teaser = catalog::plain_text(&detail.teaser_html);
    if !teaser.is_empty() {
        println!("\n{teaser}");
    }
    let profile = &detail.profile;
    if !profile.elevations_m.is_empty() {
        println!(
            "\n{} {} {}   ({} · {} / {})",
            words.elevation(profile.min_m),
            output::sparkline(&profile.elevations_m, 60),
            words.elevation(profile.max_m),
            words.distance(profile.length_m),
            words.ascent(profile.ascent_m),
            words.descent(profile.descent_m)
        );
    }
    for tour in &detail.parents {
        println!(
            "{} {} (#{})",
            words.pick("Stage of:", "Étape de :"),
            tour.name,
            tour.id
        );
    }
    if !detail.steps.is_empty() {
        println!("\n{}", words.pick("Stages:", "Étapes :"));
        for (i, step) in detail.steps.iter().enumerate() {
            println!("  {}. {} (#{})", i + 1, step.name, step.id);
        }
    }
    crate::trek_fields::print(detail, &words);
    if !detail.pois.is_empty() {
        println!("\n{}", words.pick("Along the way:", "En chemin :"));
        for poi in &detail.pois {
            println!(
                "  {:>8}  {} ({})",
                words.distance(poi.along_m),
                poi.name,
                poi.type_label.clone().unwrap_or_default()
            );
            let description = poi.description.trim();
            if !description.is_empty() {
                println!("            {description}");
            }
            for photo in poi.media.iter().filter(|m| m.is_image) {
                let credit = photo.author.clone().unwrap_or_default();
                println!(
                    "            {} {} © {credit}",
                    words.pick("Photo:", "Photo :"),
                    photo.url
                );
            }
        }
    }
    if !detail.signage.is_empty() {
        println!("\n{}", words.pick("Signposts:", "Signalétique :"));
        for sign in &detail.signage {
            println!(
                "  {:>8}  {} {}",
                sign.along_m.map(|m| words.distance(m)).unwrap_or_default(),
                sign.code.clone().unwrap_or_default(),
                sign.name
            );
        }
    }
    for area in &detail.sensitive_areas {
        println!(
            "\n⚠ {} {} ({})",
            words.pick("Sensitive area:", "Zone sensible :"),
            area.name,
            words.months(&area.months)
        );
    }
}

/// `sentier lists [LIST]`: a reference list's names and ids, or every
/// list's size.
pub fn lists(catalogs: &Catalogs, args: &ListsArgs, out: &Output) -> CliResult {
    let catalog = catalogs.open()?;
    let words = Language::new(&args.lang);
    let Some(list) = args.list else {
        let mut sizes = serde_json::Map::new();
        for name in ListName::value_variants() {
            let size = catalog.choices(name.choice_list(), &args.lang)?.len();
            sizes.insert(name.name(), size.into());
        }
        out.show(&sizes, || {
            let rows: Vec<Vec<String>> = sizes
                .iter()
                .map(|(name, size)| vec![name.clone(), size.to_string()])
                .collect();
            output::table(
                &[
                    words.pick("list", "liste"),
                    words.pick("entries", "entrées"),
                ],
                &rows,
            );
            println!(
                "{}",
                words.pick(
                    "Show one: sentier lists NAME",
                    "Pour en voir une : sentier lists NOM"
                )
            );
        });
        return Ok(());
    };
    let choices = catalog.choices(list.choice_list(), &args.lang)?;
    out.show(&choices, || {
        let rows: Vec<Vec<String>> = choices
            .iter()
            .map(|choice| vec![choice.id.to_string(), choice.label.clone()])
            .collect();
        output::table(&["id", words.pick("name", "nom")], &rows);
    });
    Ok(())
}

/// The ids `values` name in `list`: ids as they are, names matched without
/// regard to case, accents or punctuation (a unique prefix is enough).
fn choice_ids(
    catalog: &Catalog,
    list: ChoiceList,
    values: &[String],
    language: &str,
    flag: &str,
) -> CliResult<Vec<i64>> {
    if values.is_empty() {
        return Ok(Vec::new());
    }
    let choices = catalog.choices(list, language)?;
    let list_name = ListName::value_variants()
        .iter()
        .find(|name| name.choice_list() == list)
        .map(|name| name.name())
        .unwrap_or_default();
    values
        .iter()
        .map(|value| {
            let value = value.trim();
            if let Ok(id) = value.parse::<i64>() {
                return Ok(id);
            }
            let wanted = folded(value);
            let exact: Vec<_> = choices
                .iter()
                .filter(|c| folded(&c.label) == wanted)
                .collect();
            let prefixed: Vec<_> = choices
                .iter()
                .filter(|c| folded(&c.label).starts_with(&wanted))
                .collect();
            match (exact.as_slice(), prefixed.as_slice()) {
                ([one], _) | ([], [one]) => Ok(one.id),
                ([], []) => Err(format!(
                    "--{flag} {value}: no such name (`sentier lists {list_name}` shows them)"
                )
                .into()),
                (_, several) => Err(format!(
                    "--{flag} {value}: several match ({}); give more of the name or an id",
                    several
                        .iter()
                        .map(|c| format!("{} = {}", c.id, c.label))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
                .into()),
            }
        })
        .collect()
}

/// `text` lowercased, without accents, its punctuation as single spaces:
/// `Villar-Loubière` and `villar loubiere` read the same.
fn folded(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        let base = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => "a",
            'æ' => "ae",
            'ç' => "c",
            'è' | 'é' | 'ê' | 'ë' => "e",
            'ì' | 'í' | 'î' | 'ï' => "i",
            'ñ' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => "o",
            'œ' => "oe",
            'ù' | 'ú' | 'û' | 'ü' => "u",
            'ý' | 'ÿ' => "y",
            c if c.is_alphanumeric() => {
                folded.push(c);
                continue;
            }
            _ => " ",
        };
        if base == " " && (folded.is_empty() || folded.ends_with(' ')) {
            continue;
        }
        folded.push_str(base);
    }
    folded.trim_end().to_string()
}

fn parse_range(text: &str) -> Result<ValueRange, String> {
    let (min, max) = text
        .split_once("..")
        .ok_or_else(|| format!("{text:?}: expected MIN..MAX"))?;
    let bound = |s: &str| -> Result<Option<f64>, String> {
        if s.trim().is_empty() {
            Ok(None)
        } else {
            s.trim()
                .parse()
                .map(Some)
                .map_err(|_| format!("{s:?} is not a number"))
        }
    };
    Ok(ValueRange {
        min: bound(min)?,
        max: bound(max)?,
    })
}

fn parse_lat_lon(text: &str) -> Result<LatLon, String> {
    let (lat, lon) = text
        .split_once(',')
        .ok_or_else(|| format!("{text:?}: expected LAT,LON"))?;
    let number = |s: &str| {
        s.trim()
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite())
            .ok_or_else(|| format!("{s:?} is not a number"))
    };
    let (lat, lon) = (number(lat)?, number(lon)?);
    if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
        return Err(format!("{text}: latitude -90..90, longitude -180..180"));
    }
    Ok(LatLon::new(lat, lon))
}

/// `5km`, `800m`, or a bare number of kilometres.
fn parse_distance(text: &str) -> Result<f64, String> {
    let text = text.trim().to_ascii_lowercase();
    let (number, factor) = match text.strip_suffix("km") {
        Some(km) => (km, 1000.0),
        None => match text.strip_suffix('m') {
            Some(m) => (m, 1.0),
            None => (text.as_str(), 1000.0),
        },
    };
    number
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|n| n.is_finite() && *n >= 0.0)
        .map(|n| n * factor)
        .ok_or_else(|| format!("{text:?}: expected a distance like 5km, 800m or 2 (km)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_parse() {
        assert_eq!(
            parse_range("2..5").unwrap(),
            ValueRange {
                min: Some(2.0),
                max: Some(5.0)
            }
        );
        assert_eq!(
            parse_range("..5").unwrap(),
            ValueRange {
                min: None,
                max: Some(5.0)
            }
        );
        assert!(parse_range("5").is_err());
        assert_eq!(parse_distance("5km").unwrap(), 5000.0);
        assert_eq!(parse_distance("800m").unwrap(), 800.0);
        assert_eq!(parse_lat_lon("44.8,-6.3").unwrap(), LatLon::new(44.8, -6.3));
        assert!(parse_lat_lon("95,6").is_err());
    }

    #[test]
    fn a_distance_without_unit_is_in_kilometres() {
        assert_eq!(parse_distance("2").unwrap(), 2000.0);
        assert_eq!(parse_distance("0.5").unwrap(), 500.0);
        assert!(parse_distance("two").unwrap_err().contains("5km"));
        assert!(parse_distance("-3").is_err());
    }

    #[test]
    fn names_fold_accents_case_and_punctuation() {
        assert_eq!(folded("Villar-Loubière"), "villar loubiere");
        assert_eq!(folded("  villar  loubiere "), "villar loubiere");
        assert_eq!(folded("Pédestre"), "pedestre");
        assert_eq!(folded("L'Œuvre"), "l oeuvre");
    }

    #[test]
    fn a_typed_address_becomes_the_api_root() {
        let root = |typed: &str| api_root(typed).unwrap();
        assert_eq!(
            root("geotrek.example.org"),
            "https://geotrek.example.org/api/v2/"
        );
        assert_eq!(
            root("http://127.0.0.1:8000"),
            "http://127.0.0.1:8000/api/v2/"
        );
        assert_eq!(root("https://h.org/api"), "https://h.org/api/v2/");
        assert_eq!(
            root("https://h.org/geotrek/api/v2"),
            "https://h.org/geotrek/api/v2/"
        );
        let explained = api_root("https://h.org/mobile/").unwrap_err().to_string();
        assert!(explained.contains("https://h.org/api/v2/"), "{explained}");
        assert!(api_root("ftp://h.org/").is_err());
    }
}
