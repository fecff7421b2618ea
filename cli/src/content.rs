//! `sentier around`, `sentier outdoor` and `sentier pages`: what the
//! territory offers beyond treks, from the offline catalog.

use clap::Args;
use sentier_core::catalog::plain_text;

use crate::output::{self, Language, Output};
use crate::sources::Catalogs;

type CliResult<T = ()> = Result<T, Box<dyn std::error::Error>>;

#[derive(Args)]
pub struct AroundArgs {
    /// The trek's id (see `sentier treks`).
    pub id: i64,
    /// Language of names and of the text written (fr, en...).
    #[arg(long, default_value = "fr")]
    pub lang: String,
}

#[derive(Args)]
pub struct ContentArgs {
    /// Language of names and of the text written (fr, en...).
    #[arg(long, default_value = "fr")]
    pub lang: String,
}

/// Touristic contents, events, information desks and services along a trek.
pub fn around(catalogs: &Catalogs, args: &AroundArgs, out: &Output) -> CliResult {
    let places = catalogs.open()?.around_trek(args.id, &args.lang)?;
    out.show(&places, || {
        let words = Language::new(&args.lang);
        if places.is_empty() {
            println!(
                "{}",
                words.pick(
                    "Nothing listed along this trek.",
                    "Rien de répertorié le long de cet itinéraire."
                )
            );
            return;
        }
        let rows: Vec<Vec<String>> = places
            .iter()
            .map(|place| {
                vec![
                    words.distance(place.along_m),
                    words.place_kind(place.kind).to_string(),
                    place.name.clone(),
                    place.type_label.clone().unwrap_or_default(),
                    words.distance(place.distance_m),
                ]
            })
            .collect();
        output::table(
            &[
                words.pick("along", "au km"),
                words.pick("kind", "genre"),
                words.pick("name", "nom"),
                words.pick("type", "type"),
                words.pick("off the trek", "à l'écart"),
            ],
            &rows,
        );
    });
    Ok(())
}

/// Outdoor sites and their courses.
pub fn outdoor(catalogs: &Catalogs, args: &ContentArgs, out: &Output) -> CliResult {
    let items = catalogs.open()?.outdoor(&args.lang)?;
    out.show(&items, || {
        let words = Language::new(&args.lang);
        if items.is_empty() {
            println!("{}", words.pick("No outdoor sites.", "Aucun site outdoor."));
        }
        for item in &items {
            let practice = [item.practice.clone(), item.type_label.clone()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" · ");
            println!(
                "{} #{}  {}  ({practice})",
                words.place_kind(item.kind),
                item.id,
                item.name
            );
            if !item.ratings.is_empty() {
                println!("    {}", item.ratings.join(", "));
            }
            if !item.summary.trim().is_empty() {
                println!("    {}", item.summary.trim());
            }
        }
    });
    Ok(())
}

/// The park's flat pages, children under their parent.
pub fn pages(catalogs: &Catalogs, args: &ContentArgs, out: &Output) -> CliResult {
    let pages = catalogs.open()?.flat_pages(&args.lang)?;
    out.show(&pages, || {
        let words = Language::new(&args.lang);
        if pages.is_empty() {
            println!("{}", words.pick("No pages.", "Aucune page."));
        }
        let ids: Vec<i64> = pages.iter().map(|p| p.id).collect();
        let top = pages
            .iter()
            .filter(|p| p.parent.is_none_or(|parent| !ids.contains(&parent)));
        for page in top {
            print_page(page, &pages, 0);
        }
    });
    Ok(())
}

fn print_page(
    page: &sentier_core::catalog::FlatPage,
    pages: &[sentier_core::catalog::FlatPage],
    depth: usize,
) {
    let indent = "    ".repeat(depth);
    println!("{indent}#{} {}", page.id, page.title);
    let text = plain_text(&page.content_html);
    let first_line = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default();
    if !first_line.is_empty() {
        println!("{indent}    {}", first_line.trim());
    }
    for child in pages.iter().filter(|p| p.parent == Some(page.id)) {
        print_page(child, pages, depth + 1);
    }
}
