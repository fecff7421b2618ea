//! Searching the offline catalog of the demo park: filters alone and
//! combined with words, ranges, distance, paging and languages, each checked
//! against the treks' own details or the served park's publication.

use std::sync::OnceLock;

use sentier_core::catalog::{
    Catalog, ChoiceList, Circle, LatLon, Limits, SyncOptions, TrekQuery, TrekSummary, ValueRange,
    sync::sync,
};
use sentier_testkit::api_server::ApiServer;
use sentier_testkit::territory::json::text_in;
use sentier_testkit::territory::{Resource, Territory, TerritorySpec};
use tokio_util::sync::CancellationToken;

/// The demo park, synced once for every test of this file.
fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<(tempfile::TempDir, Catalog)> = OnceLock::new();
    &CATALOG
        .get_or_init(|| {
            let server = ApiServer::start(Territory::generate(&TerritorySpec::demo())).unwrap();
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("catalog.sqlite");
            let options = SyncOptions {
                languages: vec!["fr".into(), "en".into()],
                portal: None,
            };
            sentier_core::runtime::runtime()
                .block_on(sync(
                    &path,
                    &server.base_url(),
                    &options,
                    Limits::default(),
                    &|_| {},
                    &CancellationToken::new(),
                ))
                .unwrap();
            let catalog = Catalog::open(&path).unwrap();
            (dir, catalog)
        })
        .1
}

fn search(query: TrekQuery) -> Vec<TrekSummary> {
    let page = catalog()
        .search(&TrekQuery {
            limit: 1000,
            ..query
        })
        .unwrap();
    assert_eq!(page.total as usize, page.treks.len());
    page.treks
}

#[test]
fn each_filter_keeps_only_matching_treks() {
    let all = search(TrekQuery::all("fr"));
    let practice = catalog().choices(ChoiceList::Practice, "fr").unwrap()[0].clone();
    let walking = search(TrekQuery {
        practices: vec![practice.id],
        ..TrekQuery::all("fr")
    });
    assert!(!walking.is_empty() && walking.len() < all.len());
    assert!(
        walking
            .iter()
            .all(|t| t.practice.as_deref() == Some(practice.label.as_str()))
    );

    let range = ValueRange {
        min: Some(3.0),
        max: Some(6.0),
    };
    let medium = search(TrekQuery {
        duration_hours: range,
        ..TrekQuery::all("fr")
    });
    assert!(!medium.is_empty());
    assert!(
        medium
            .iter()
            .all(|t| t.duration_hours.is_some_and(|d| range.contains(d)))
    );
    let expected = all
        .iter()
        .filter(|t| t.duration_hours.is_some_and(|d| range.contains(d)))
        .count();
    assert_eq!(medium.len(), expected);

    let theme = catalog().choices(ChoiceList::Theme, "fr").unwrap()[0].clone();
    let themed = search(TrekQuery {
        themes: vec![theme.id],
        ..TrekQuery::all("fr")
    });
    assert!(!themed.is_empty());
    for trek in &themed {
        let detail = catalog().trek_detail(trek.id, "fr").unwrap();
        assert!(
            detail.themes.iter().any(|t| t.id == theme.id),
            "{} lacks theme {}",
            trek.name,
            theme.label
        );
    }

    let city = catalog().choices(ChoiceList::City, "fr").unwrap()[0].clone();
    let in_city = search(TrekQuery {
        cities: vec![city.id],
        ..TrekQuery::all("fr")
    });
    for trek in &in_city {
        assert!(
            catalog()
                .trek_detail(trek.id, "fr")
                .unwrap()
                .cities
                .contains(&city.label)
        );
    }
}

#[test]
fn filters_combine_with_words_and_ranges() {
    let words = search(TrekQuery {
        text: Some("lac".into()),
        ..TrekQuery::all("fr")
    });
    let long = ValueRange {
        min: Some(10_000.0),
        max: None,
    };
    let both = search(TrekQuery {
        text: Some("lac".into()),
        length_m: long,
        ..TrekQuery::all("fr")
    });
    assert!(!both.is_empty() && both.len() < words.len());
    assert!(
        both.iter()
            .all(|t| t.length_m.is_some_and(|l| l >= 10_000.0))
    );
    assert!(both.iter().all(|t| words.iter().any(|w| w.id == t.id)));
    let climb = ValueRange {
        min: Some(800.0),
        max: Some(1500.0),
    };
    assert!(
        search(TrekQuery {
            ascent_m: climb,
            ..TrekQuery::all("fr")
        })
        .iter()
        .all(|t| t.ascent_m.is_some_and(|a| climb.contains(a)))
    );
}

#[test]
fn near_keeps_treks_starting_within_the_radius_nearest_first() {
    let start = search(TrekQuery::all("fr"))[0].departure.unwrap();
    let circle = Circle {
        center: start,
        radius_m: 8_000.0,
    };
    let near = search(TrekQuery {
        near: Some(circle),
        ..TrekQuery::all("fr")
    });
    assert_eq!(near[0].distance_m, Some(0.0));
    let distances: Vec<f64> = near.iter().map(|t| t.distance_m.unwrap()).collect();
    assert!(distances.windows(2).all(|w| w[0] <= w[1]));
    assert!(distances.iter().all(|d| *d <= 8_000.0));
    let far = Circle {
        center: LatLon::new(48.85, 2.35),
        radius_m: 5_000.0,
    };
    assert!(
        search(TrekQuery {
            near: Some(far),
            ..TrekQuery::all("fr")
        })
        .is_empty()
    );
}

#[test]
fn pages_cover_the_results_once() {
    let all = search(TrekQuery::all("en"));
    let mut paged = Vec::new();
    for offset in (0..all.len()).step_by(7) {
        let page = catalog()
            .search(&TrekQuery {
                offset: offset as u32,
                limit: 7,
                ..TrekQuery::all("en")
            })
            .unwrap();
        assert_eq!(page.total as usize, all.len());
        paged.extend(page.treks.into_iter().map(|t| t.id));
    }
    assert_eq!(paged, all.iter().map(|t| t.id).collect::<Vec<_>>());
}

#[test]
fn a_map_of_the_results_gets_every_match_whatever_the_page() {
    let all = search(TrekQuery::all("fr")).len();
    assert!(all > 30);
    let practice = catalog().choices(ChoiceList::Practice, "fr").unwrap()[0].clone();
    let start = search(TrekQuery::all("fr"))[0].departure.unwrap();
    let queries = [
        TrekQuery::all("fr"),
        TrekQuery {
            practices: vec![practice.id],
            ..TrekQuery::all("fr")
        },
        TrekQuery {
            text: Some("lac".into()),
            ..TrekQuery::all("fr")
        },
        TrekQuery {
            near: Some(Circle {
                center: start,
                radius_m: 8_000.0,
            }),
            ..TrekQuery::all("fr")
        },
        TrekQuery {
            text: Some("zzzz".into()),
            ..TrekQuery::all("fr")
        },
    ];
    for query in queries {
        let every: Vec<i64> = search(query.clone()).iter().map(|t| t.id).collect();
        let first_page = TrekQuery {
            offset: 2,
            limit: 3,
            ..query.clone()
        };
        // Every trek matching: the map draws them all, no list needed.
        let expected = (every.len() != all).then_some(every);
        assert_eq!(
            catalog().matching_trek_ids(&first_page).unwrap(),
            expected,
            "{query:?}"
        );
    }
    assert_eq!(
        catalog().matching_trek_ids(&TrekQuery::all("fr")).unwrap(),
        None
    );
}

/// The treks of the served demo park a list in `language` shows, as the
/// server publishes them: published in it, or a stage of a tour published in it.
fn listed_on_the_server(language: &str) -> std::collections::BTreeSet<i64> {
    let territory = Territory::generate(&TerritorySpec::demo());
    let treks = territory.collection(Resource::Trek).unwrap();
    let published = |id: u64| {
        treks
            .get(&id)
            .is_some_and(|t| t.publication.is_published(Some(language)))
    };
    treks
        .values()
        .filter(|trek| {
            published(trek.id)
                || trek.body["parents"]
                    .as_array()
                    .is_some_and(|parents| parents.iter().filter_map(|p| p.as_u64()).any(published))
        })
        .map(|trek| trek.id as i64)
        .collect()
}

#[test]
fn a_language_lists_the_treks_published_in_it_by_their_names_in_it() {
    let territory = Territory::generate(&TerritorySpec::demo());
    let ids = |list: &[TrekSummary]| {
        list.iter()
            .map(|t| t.id)
            .collect::<std::collections::BTreeSet<_>>()
    };
    let french = search(TrekQuery::all("fr"));
    let english = search(TrekQuery::all("en"));
    assert_eq!(ids(&french), listed_on_the_server("fr"));
    assert_eq!(ids(&english), listed_on_the_server("en"));
    let translated_but_withheld = territory
        .collection(Resource::Trek)
        .unwrap()
        .values()
        .filter(|t| {
            t.publication.is_published(Some("fr"))
                && !t.publication.is_published(Some("en"))
                && text_in(&t.body["name"], "en").is_some()
        })
        .count();
    assert!(
        translated_but_withheld > 0,
        "the park publishes some translated treks in French only"
    );
    for trek in &english {
        let record = territory.record(Resource::Trek, trek.id as u64).unwrap();
        assert_eq!(
            Some(trek.name.as_str()),
            text_in(&record.body["name"], "en"),
            "trek {} is listed in English by its English name",
            trek.id
        );
    }
    // Stages shown through their tour have their names too.
    assert!(french.iter().all(|t| !t.name.is_empty()));
    // A device language the park does not publish in lists every trek,
    // each in its best language.
    let german = search(TrekQuery::all("de-DE"));
    assert_eq!(
        ids(&german),
        &listed_on_the_server("fr") | &listed_on_the_server("en")
    );
    assert!(german.iter().all(|t| !t.name.is_empty()));
    let searched = catalog()
        .search(&TrekQuery {
            text: Some("lac".into()),
            ..TrekQuery::all("en")
        })
        .unwrap();
    assert!(
        searched
            .treks
            .iter()
            .all(|t| listed_on_the_server("en").contains(&t.id))
    );
}

#[test]
fn a_stage_names_its_tour() {
    let tour = search(TrekQuery::all("fr"))
        .into_iter()
        .map(|t| catalog().trek_detail(t.id, "fr").unwrap())
        .find(|detail| !detail.steps.is_empty())
        .expect("the demo park has a tour");
    for step in &tour.steps {
        assert!(!step.name.is_empty());
        let stage = catalog().trek_detail(step.id, "fr").unwrap();
        assert_eq!(stage.name, step.name);
        let parents: Vec<(i64, &str)> = stage
            .parents
            .iter()
            .map(|p| (p.id, p.name.as_str()))
            .collect();
        assert_eq!(parents, [(tour.id, tour.name.as_str())]);
    }
}

/// The words of a text as the index folds them (lower case, no accents).
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            w.to_lowercase()
                .replace(['é', 'è', 'ê'], "e")
                .replace('à', "a")
        })
        .collect()
}

#[test]
fn exact_words_and_names_rank_above_prefixes_in_descriptions() {
    let found = search(TrekQuery {
        text: Some("lac".into()),
        ..TrekQuery::all("fr")
    });
    // 0: "lac" in the name; 1: a longer word in the name ("Lacs");
    // 2: "lac" elsewhere; 3: only a longer word elsewhere ("en lacets").
    let tiers: Vec<u8> = found
        .iter()
        .map(|trek| {
            let detail = catalog().trek_detail(trek.id, "fr").unwrap();
            let name = words(&detail.name);
            let rest = words(&sentier_core::catalog::plain_text(&format!(
                "{} {} {} {} {} {}",
                detail.teaser_html,
                detail.description_html,
                detail.ambiance_html,
                detail.departure,
                detail.arrival,
                detail.cities.join(" ")
            )));
            if name.iter().any(|w| w == "lac") {
                0
            } else if name.iter().any(|w| w.starts_with("lac")) {
                1
            } else if rest.iter().any(|w| w == "lac") {
                2
            } else {
                3
            }
        })
        .collect();
    assert!(tiers.contains(&0) && tiers.contains(&3), "{tiers:?}");
    assert!(tiers.is_sorted(), "{tiers:?}");
}

#[test]
fn unusable_arguments_are_refused() {
    for query in [
        TrekQuery {
            limit: 0,
            ..TrekQuery::all("fr")
        },
        TrekQuery {
            near: Some(Circle {
                center: LatLon::new(95.0, 0.0),
                radius_m: 10.0,
            }),
            ..TrekQuery::all("fr")
        },
        TrekQuery {
            near: Some(Circle {
                center: LatLon::new(45.0, 6.0),
                radius_m: f64::NAN,
            }),
            ..TrekQuery::all("fr")
        },
    ] {
        assert!(catalog().search(&query).is_err(), "{query:?}");
    }
    assert!(catalog().trek_detail(-1, "fr").is_err());
}

#[test]
fn the_report_composer_offers_the_signage_under_a_ranger_s_feet() {
    use sentier_core::catalog::PlaceKind;
    use sentier_core::geodesy::LatLon;
    use sentier_core::reports::{AssetKind, CatalogFieldAssets, FieldAssets, nearby_assets};
    let start = search(TrekQuery::all("fr"))[0].departure.unwrap();
    let around = Circle {
        center: start,
        radius_m: 5_000.0,
    };
    let sign = catalog()
        .nearby(&around, &[PlaceKind::Signage], "fr", 1)
        .unwrap()
        .remove(0);
    let assets = CatalogFieldAssets::new(
        std::sync::Arc::new(Catalog::open(catalog().path()).unwrap()),
        "fr",
    );
    let here = LatLon::new(sign.position.lat, sign.position.lon);
    let offered = nearby_assets(&assets, here);
    assert_eq!(
        (offered[0].asset.kind, offered[0].asset.id),
        (AssetKind::Signage, sign.id)
    );
    assert!(offered[0].distance_m < 1.0);
    assert!(
        !offered[0].asset.blades.is_empty(),
        "signposts come with their blades"
    );
    assert!(offered.iter().all(|a| a.distance_m <= 50.0));
    assert!(
        offered
            .windows(2)
            .all(|w| w[0].distance_m <= w[1].distance_m)
    );
    assert_eq!(
        assets.geometry_of(AssetKind::Signage, sign.id),
        Some(vec![here])
    );
    assert_eq!(assets.geometry_of(AssetKind::Signage, 555), None);
    let lists = assets.references();
    assert!(
        !lists.categories.is_empty()
            && !lists.magnitudes.is_empty()
            && !lists.activities.is_empty()
    );
}

#[test]
fn what_is_here_answers_every_kind_under_a_tap_nearest_first() {
    use sentier_core::catalog::PlaceKind;
    let start = search(TrekQuery::all("fr"))[0].departure.unwrap();
    let park = Circle {
        center: start,
        radius_m: 100_000.0,
    };
    for kind in PlaceKind::ALL {
        let Some(place) = catalog()
            .nearby(&park, &[kind], "fr", 1)
            .unwrap()
            .into_iter()
            .next()
        else {
            panic!("the demo park has no {kind:?}");
        };
        // A trek is tapped halfway along its line, far from its start.
        let at = match kind {
            PlaceKind::Trek => {
                let line = catalog().place_geometry(kind, place.id).unwrap().unwrap();
                line[line.len() / 2]
            }
            _ => place.position,
        };
        let tap = Circle {
            center: at,
            radius_m: 40.0,
        };
        let here = catalog().what_is_here(&tap, "fr").unwrap();
        let found = here
            .iter()
            .find(|p| p.kind == kind && p.id == place.id)
            .unwrap_or_else(|| panic!("{kind:?} {} not found under the tap: {here:?}", place.id));
        assert!(found.distance_m < 1.0, "{found:?}");
        assert!(!found.name.is_empty(), "{found:?}");
        assert!(here.iter().all(|p| p.distance_m <= 40.0));
        assert!(
            here.windows(2)
                .all(|pair| pair[0].distance_m <= pair[1].distance_m),
            "{here:?}"
        );
    }
    let far_at_sea = Circle {
        center: LatLon::new(0.0, 0.0),
        radius_m: 40.0,
    };
    assert_eq!(catalog().what_is_here(&far_at_sea, "fr").unwrap(), []);
    let bad = Circle {
        center: LatLon::new(91.0, 0.0),
        radius_m: 40.0,
    };
    assert!(catalog().what_is_here(&bad, "fr").is_err());
}
