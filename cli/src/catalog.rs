//! `sentier sync`, `sentier treks`, `sentier trek`: the offline catalog from a terminal.

use std::path::Path;
use std::sync::Arc;

use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use sentier_core::catalog::{
    self, Catalog, CatalogError, Circle, LatLon, Limits, SyncOptions, TrekQuery, ValueRange,
};
use sentier_core::runtime::runtime;
use tokio_util::sync::CancellationToken;

use crate::output::{self, Output};
use crate::paths::catalog_file;

#[derive(Args)]
pub struct SyncArgs {
    /// The instance's API root, e.g. https://geotrek-admin.ecrins-parcnational.fr/api/v2/
    pub api_url: String,
    /// Languages to keep, first preferred (all the server has if omitted).
    #[arg(long, value_delimiter = ',')]
    pub lang: Vec<String>,
}

#[derive(Args)]
pub struct TreksArgs {
    /// Words to search for (accents and case ignored, prefixes match).
    pub query: Vec<String>,
    #[arg(long, default_value = "fr")]
    pub lang: String,
    /// Practice ids (see `--json` output of a trek for ids).
    #[arg(long, value_delimiter = ',')]
    pub practice: Vec<i64>,
    #[arg(long, value_delimiter = ',')]
    pub difficulty: Vec<i64>,
    #[arg(long, value_delimiter = ',')]
    pub route: Vec<i64>,
    #[arg(long, value_delimiter = ',')]
    pub theme: Vec<i64>,
    #[arg(long, value_delimiter = ',')]
    pub city: Vec<i64>,
    #[arg(long, value_delimiter = ',')]
    pub accessibility: Vec<i64>,
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
    /// Radius for --near, e.g. 5km or 800m.
    #[arg(long, default_value = "5km", value_parser = parse_distance)]
    pub within: f64,
    #[arg(long, default_value_t = 20)]
    pub limit: u32,
    /// Page number, from 1.
    #[arg(long, default_value_t = 1)]
    pub page: u32,
}

impl TreksArgs {
    /// A plain text search, first page, French.
    pub fn search(text: &str) -> TreksArgs {
        TreksArgs {
            query: vec![text.to_string()],
            lang: "fr".into(),
            practice: Vec::new(),
            difficulty: Vec::new(),
            route: Vec::new(),
            theme: Vec::new(),
            city: Vec::new(),
            accessibility: Vec::new(),
            duration: None,
            length_km: None,
            ascent: None,
            near: None,
            within: 5000.0,
            limit: 10,
            page: 1,
        }
    }
}

#[derive(Args)]
pub struct TrekArgs {
    pub id: i64,
    #[arg(long, default_value = "fr")]
    pub lang: String,
}

/// Syncs with a progress bar; Ctrl-C cancels and leaves the catalog as it was.
pub fn sync(data_dir: &Path, args: &SyncArgs, out: &Output) -> Result<(), CatalogError> {
    let path = catalog_file(data_dir);
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
            &args.api_url,
            &options,
            Limits::default(),
            &progress,
            &cancel,
        )
        .await
    });
    bar.finish_and_clear();
    let report = report?;
    if !report.languages_not_served.is_empty() {
        eprintln!(
            "warning: the server does not publish in {}: left out",
            report.languages_not_served.join(", ")
        );
    }
    out.show(&report, || {
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
        println!("Catalog: {}", path.display());
    });
    Ok(())
}

/// Lists treks matching the query and filters as a table.
pub fn treks(data_dir: &Path, args: &TreksArgs, out: &Output) -> Result<(), CatalogError> {
    let catalog = open(data_dir)?;
    let query = TrekQuery {
        text: Some(args.query.join(" ")).filter(|t| !t.trim().is_empty()),
        language: args.lang.clone(),
        practices: args.practice.clone(),
        difficulties: args.difficulty.clone(),
        routes: args.route.clone(),
        themes: args.theme.clone(),
        cities: args.city.clone(),
        accessibilities: args.accessibility.clone(),
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
    let page = catalog.search(&query)?;
    out.show(&page, || {
        let rows: Vec<Vec<String>> = page
            .treks
            .iter()
            .map(|t| {
                vec![
                    t.id.to_string(),
                    t.name.clone(),
                    t.practice.clone().unwrap_or_default(),
                    t.difficulty.clone().unwrap_or_default(),
                    t.duration_hours.map(output::duration).unwrap_or_default(),
                    t.length_m.map(output::distance).unwrap_or_default(),
                    t.ascent_m.map(|a| format!("{a:.0} m")).unwrap_or_default(),
                    t.distance_m.map(output::distance).unwrap_or_default(),
                ]
            })
            .collect();
        output::table(
            &[
                "id",
                "name",
                "practice",
                "difficulty",
                "duration",
                "length",
                "ascent",
                "away",
            ],
            &rows,
        );
        println!("{} of {} treks", page.treks.len(), page.total);
    });
    Ok(())
}

/// Shows one trek: figures, elevation sparkline, what lies along it.
pub fn trek(data_dir: &Path, args: &TrekArgs, out: &Output) -> Result<(), CatalogError> {
    let detail = open(data_dir)?.trek_detail(args.id, &args.lang)?;
    out.show(&detail, || {
        println!("{} (#{})", detail.name, detail.id);
        let figures = [
            detail.practice.as_ref().map(|p| p.label.clone()),
            detail.difficulty.as_ref().map(|d| d.label.clone()),
            detail.duration_hours.map(output::duration),
            detail.length_m.map(output::distance),
            detail.ascent_m.map(|a| format!("+{a:.0} m")),
            detail.descent_m.map(|d| format!("-{:.0} m", d.abs())),
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
        let teaser = sentier_core::catalog::plain_text(&detail.teaser_html);
        if !teaser.is_empty() {
            println!("\n{teaser}");
        }
        let profile = &detail.profile;
        if !profile.elevations_m.is_empty() {
            println!(
                "\n{:.0} m {} {:.0} m   ({} · +{:.0} m / -{:.0} m)",
                profile.min_m,
                output::sparkline(&profile.elevations_m, 60),
                profile.max_m,
                output::distance(profile.length_m),
                profile.ascent_m,
                profile.descent_m
            );
        }
        for tour in &detail.parents {
            println!("Stage of: {} (#{})", tour.name, tour.id);
        }
        if !detail.steps.is_empty() {
            println!("\nStages:");
            for (i, step) in detail.steps.iter().enumerate() {
                println!("  {}. {} (#{})", i + 1, step.name, step.id);
            }
        }
        if !detail.pois.is_empty() {
            println!("\nAlong the way:");
            for poi in &detail.pois {
                println!(
                    "  {:>8}  {} ({})",
                    output::distance(poi.along_m),
                    poi.name,
                    poi.type_label.clone().unwrap_or_default()
                );
            }
        }
        if !detail.signage.is_empty() {
            println!("\nSignposts:");
            for sign in &detail.signage {
                println!(
                    "  {:>8}  {} {}",
                    sign.along_m.map(output::distance).unwrap_or_default(),
                    sign.code.clone().unwrap_or_default(),
                    sign.name
                );
            }
        }
        for area in &detail.sensitive_areas {
            const MONTHS: [&str; 12] = [
                "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
            ];
            let months: Vec<&str> = area
                .months
                .iter()
                .zip(MONTHS)
                .filter(|(on, _)| **on)
                .map(|(_, m)| m)
                .collect();
            println!("\n⚠ Sensitive area: {} ({})", area.name, months.join(", "));
        }
    });
    Ok(())
}

fn open(data_dir: &Path) -> Result<Arc<Catalog>, CatalogError> {
    let path = catalog_file(data_dir);
    if !path.exists() {
        return Err(CatalogError::InvalidInput {
            detail: format!(
                "no catalog at {}: run `sentier sync URL` first",
                path.display()
            ),
        });
    }
    Ok(Arc::new(Catalog::open(&path)?))
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
            .map_err(|_| format!("{s:?} is not a number"))
    };
    Ok(LatLon {
        lat: number(lat)?,
        lon: number(lon)?,
    })
}

fn parse_distance(text: &str) -> Result<f64, String> {
    let text = text.trim().to_ascii_lowercase();
    let (number, factor) = match text.strip_suffix("km") {
        Some(km) => (km, 1000.0),
        None => (text.strip_suffix('m').unwrap_or(&text), 1.0),
    };
    number
        .trim()
        .parse::<f64>()
        .map(|n| n * factor)
        .map_err(|_| format!("{text:?}: expected a distance like 5km or 800m"))
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
        assert_eq!(
            parse_lat_lon("44.8,-6.3").unwrap(),
            LatLon {
                lat: 44.8,
                lon: -6.3
            }
        );
    }
}
