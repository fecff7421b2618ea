//! `sentier demo`: the whole catalog job on an embedded sample park, with no
//! network beyond loopback: serve a generated territory in the shape of the
//! Geotrek API, sync it, search it, show a trek. It needs the test kit (the
//! `demo` feature, on by default); so do `pack serve` and the synthetic relief
//! of `sentier map`, which say so in a build without it.

/// Why `command` is not in this build.
#[cfg_attr(feature = "demo", allow(dead_code))]
pub fn left_out(command: &str) -> String {
    format!(
        "{command} needs the test kit, left out of this build: build sentier with the \
         `demo` feature (the default), e.g. cargo run --release -p sentier-cli -- demo"
    )
}

#[cfg(feature = "demo")]
pub use with_test_kit::run;

#[cfg(not(feature = "demo"))]
pub fn run(
    _: &std::path::Path,
    _: &crate::output::Output,
) -> Result<(), Box<dyn std::error::Error>> {
    Err(left_out("sentier demo").into())
}

#[cfg(feature = "demo")]
mod with_test_kit {
    use std::path::Path;

    use sentier_core::catalog::{Circle, PlaceKind};
    use sentier_testkit::api_server::ApiServer;
    use sentier_testkit::territory::{Resource, Territory, TerritorySpec};
    use serde_json::json;

    use crate::catalog::{self, SyncArgs, TreksArgs};
    use crate::output::{self, Language, Output};
    use crate::sources::Catalogs;

    /// How many places around the departure the demo lists.
    const NEARBY: u32 = 8;

    pub fn run(data_dir: &Path, out: &Output) -> Result<(), Box<dyn std::error::Error>> {
        let data_dir = data_dir.join("demo");
        let catalogs = Catalogs::new(&data_dir, None);
        let words = Language::new("fr");
        let territory = Territory::generate(&TerritorySpec::demo());
        // What the server lists (published in some language), of all it holds.
        let (published, generated) = (
            territory.published_count(Resource::Trek, None),
            territory.ids(Resource::Trek).len(),
        );
        let server = ApiServer::start(territory)
            .map_err(|e| format!("cannot serve the sample park on loopback: {e}"))?;
        let api_url = server.base_url();
        out.say(&format!(
            "Serving a generated sample park at {api_url}: {published} treks published, \
             of {generated} it holds (the others are unpublished, some of them tour stages)"
        ));

        out.say("\n1. Sync it into the offline catalog");
        let sync_args = SyncArgs {
            api_url: api_url.clone(),
            lang: vec!["fr".into(), "en".into()],
            portal: None,
        };
        let report = catalog::sync_catalog(&catalogs, &sync_args, out)?;
        if !out.json {
            println!(
                "{} objects stored in {:.1} s; treks offline: the {} the server lists, and {} \
                 stages of their tours it serves only through them",
                report.objects_upserted,
                report.duration_ms as f64 / 1000.0,
                report.treks,
                report.stages
            );
        }

        out.say("\n2. Search \"lac\", accents and case ignored");
        let search_args = text_search("lac");
        let catalog = catalogs.open()?;
        let found = catalog::search(&catalog, &search_args)?;
        if !out.json {
            catalog::print_treks(&found, &search_args);
        }

        let mut document = json!({"api_url": api_url, "sync": report, "search": found});
        if let Some(first) = found.treks.first() {
            out.say(&format!("\n3. Trek #{}", first.id));
            let detail = catalog.trek_detail(first.id, "fr")?;
            if !out.json {
                catalog::print_trek(&detail, "fr");
            }
            document["trek"] = json!(detail);
            if let Some(start) = first.departure {
                out.say(&format!(
                    "\n4. {} ({})",
                    words.pick(
                        "The nearest places to its departure",
                        "Au plus près de son départ"
                    ),
                    words.pick("within 1 km", "à moins d’1 km")
                ));
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
                    NEARBY,
                )?;
                if !out.json {
                    let rows: Vec<Vec<String>> = places
                        .iter()
                        .map(|p| {
                            vec![
                                words.distance(p.distance_m),
                                words.place_kind(p.kind).to_string(),
                                p.name.clone(),
                                p.type_label.clone().unwrap_or_default(),
                            ]
                        })
                        .collect();
                    output::table(&["distance", "genre", "nom", "type"], &rows);
                    if places.len() == NEARBY as usize {
                        println!("(les {NEARBY} plus proches)");
                    }
                }
                document["nearby"] = json!(places);
            }
        }
        out.say(&format!(
            "\nExplore it further: sentier --data-dir {} treks QUERY",
            data_dir.display()
        ));
        out.show(&document, || {});
        Ok(())
    }

    /// A plain text search, first page, French.
    fn text_search(text: &str) -> TreksArgs {
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
