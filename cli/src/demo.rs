//! `sentier demo`: the whole catalog job on an embedded sample park, with no
//! network beyond loopback: serve a generated territory in the shape of the
//! Geotrek API, sync it, search it, show a trek.

use std::path::Path;

use sentier_core::catalog::{Catalog, Circle, PlaceKind, TrekQuery};
use sentier_testkit::api_server::ApiServer;
use sentier_testkit::territory::{Resource, Territory, TerritorySpec};

use crate::catalog::{SyncArgs, TrekArgs, TreksArgs};
use crate::output::{self, Output};
use crate::paths::catalog_file;

pub fn run(data_dir: &Path, out: &Output) -> Result<(), Box<dyn std::error::Error>> {
    let data_dir = data_dir.join("demo");
    let territory = Territory::generate(&TerritorySpec::demo());
    // What the server lists (published in some language), of all it holds.
    let (published, generated) = (
        territory.published_count(Resource::Trek, None),
        territory.ids(Resource::Trek).len(),
    );
    let server = ApiServer::start(territory)
        .map_err(|e| format!("cannot serve the sample park on loopback: {e}"))?;
    let api_url = server.base_url();
    say(
        out,
        &format!(
            "Serving a generated sample park at {api_url}: {published} treks published, \
             of {generated} it holds (the others are unpublished, some of them tour stages)"
        ),
    );

    say(out, "\n1. Sync it into the offline catalog");
    crate::catalog::sync(
        &data_dir,
        &SyncArgs {
            api_url: api_url.clone(),
            lang: vec!["fr".into(), "en".into()],
        },
        out,
    )?;

    say(out, "\n2. Search \"lac\", accents and case ignored");
    crate::catalog::treks(&data_dir, &TreksArgs::search("lac"), out)?;

    let catalog = Catalog::open(&catalog_file(&data_dir))?;
    let Some(first) = catalog
        .search(&TrekQuery {
            text: Some("lac".into()),
            ..TrekQuery::all("fr")
        })?
        .treks
        .into_iter()
        .next()
    else {
        return Ok(());
    };
    say(out, &format!("\n3. Trek #{}", first.id));
    crate::catalog::trek(
        &data_dir,
        &TrekArgs {
            id: first.id,
            lang: "fr".into(),
        },
        out,
    )?;

    if let Some(start) = first.departure {
        say(out, "\n4. Around its departure (1 km)");
        let places = catalog.nearby(
            &Circle {
                center: start,
                radius_m: 1000.0,
            },
            &[
                PlaceKind::Poi,
                PlaceKind::Signage,
                PlaceKind::InformationDesk,
            ],
            "fr",
            8,
        )?;
        out.show(&places, || {
            let rows: Vec<Vec<String>> = places
                .iter()
                .map(|p| {
                    vec![
                        output::distance(p.distance_m),
                        format!("{:?}", p.kind),
                        p.name.clone(),
                        p.type_label.clone().unwrap_or_default(),
                    ]
                })
                .collect();
            output::table(&["away", "kind", "name", "type"], &rows);
        });
    }
    say(
        out,
        &format!(
            "\nExplore it further: sentier --data-dir {} treks QUERY",
            data_dir.display()
        ),
    );
    Ok(())
}

/// Narration, kept out of JSON output.
fn say(out: &Output, text: &str) {
    if !out.json {
        println!("{text}");
    }
}
