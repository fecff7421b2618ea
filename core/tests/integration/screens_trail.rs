//! The trail's screens (a trek's detail, the map, recording) driven through
//! their actions over a downloaded pack, a real track store and the core's
//! walk simulator; whole state sequences are snapshot tests (insta).

use std::path::Path;
use std::sync::Arc;

use sentier_core::catalog::PlaceKind;
use sentier_core::catalog::{TrekQuery, TrekSummary};
use sentier_core::geodesy::LatLon;
use sentier_core::locale::Language;
use sentier_core::runtime::runtime;
use sentier_core::screens::Basemap;
use sentier_core::screens::MapStyles;
use sentier_core::screens::PackCatalog;
use sentier_core::screens::follow::FollowScreen;
use sentier_core::screens::map::{MapScreen, MapViewState};
use sentier_core::screens::recording::{RecordingScreen, RecordingState};
use sentier_core::screens::trek_detail::{TrekDetailScreen, TrekDetailState};
use sentier_core::tiles::OverlayLayer;
use sentier_core::trail::simulator::simulate;
use sentier_core::trail::{RecorderState, SimulationConfig, TrackStore};

use crate::screens_support::{demo_pack_in_use, redacted, settings};

/// A detail state as the snapshot keeps it: what a hiker reads, the
/// profile by its labels, the lists by their first rows.
fn detail_view(state: &TrekDetailState) -> String {
    let rows = |rows: Vec<String>| rows.into_iter().take(2).collect::<Vec<_>>();
    format!(
        "{} [{}] loading={} can_follow={} gpx={:?} error={:?}\n  figures: {:?}\n  texts: {:?}\n  profile: {:?}\n  photos: {} ({} offline)\n  pois: {:?}\n  signage: {:?}\n  sensitive areas: {:?}\n  steps: {:?} tours: {:?} desks: {}",
        state.name,
        state.labels,
        state.loading,
        state.can_follow,
        file_name(state.gpx_file.as_deref()),
        state.error,
        state
            .figures
            .iter()
            .map(|figure| format!("{}: {}", figure.label, figure.value))
            .collect::<Vec<_>>(),
        state
            .texts
            .iter()
            .map(|text| &text.title)
            .collect::<Vec<_>>(),
        state.profile.as_ref().map(|profile| (
            &profile.lowest,
            &profile.highest,
            &profile.description
        )),
        state.photos.len(),
        state
            .photos
            .iter()
            .filter(|photo| photo.url.starts_with("file:"))
            .count(),
        rows(
            state
                .pois
                .iter()
                .map(|row| format!("{} | {}", row.title, row.subtitle))
                .collect()
        ),
        rows(
            state
                .signage
                .iter()
                .map(|row| format!("{} | {} | {:?}", row.title, row.subtitle, row.lines))
                .collect()
        ),
        rows(
            state
                .sensitive_areas
                .iter()
                .map(|area| format!("{} | {}", area.name, area.months))
                .collect()
        ),
        state.steps.iter().map(|row| &row.name).collect::<Vec<_>>(),
        state.tours.iter().map(|row| &row.name).collect::<Vec<_>>(),
        state.information_desks.len(),
    )
}

/// Every trek of the demo pack in use, as the French list gives them.
fn every_trek_in_french(pack: &PackCatalog) -> Vec<TrekSummary> {
    pack.catalog
        .search(&TrekQuery {
            limit: 200,
            ..TrekQuery::all("fr")
        })
        .unwrap()
        .treks
}

#[test]
fn a_trek_reads_from_the_pack_in_use_rewords_itself_exports_its_gpx_and_is_followed() {
    let dir = tempfile::tempdir().unwrap();
    let settings = settings(dir.path(), "fr-FR");
    let packs = demo_pack_in_use(&dir.path().join("packs"), &settings);
    let pack = packs.catalog_in_use().unwrap();
    // The trek with the most to show: photos, signposts, sensitive areas.
    let treks = every_trek_in_french(&pack);
    let trek = treks
        .iter()
        .map(|trek| pack.catalog.trek_detail(trek.id, "fr").unwrap())
        .max_by_key(|detail| {
            (
                !detail.sensitive_areas.is_empty(),
                !detail.signage.is_empty(),
                detail.media.len(),
            )
        })
        .unwrap();
    let follow = FollowScreen::open(Arc::clone(&settings));
    let exports = dir.path().join("exports");
    let screen = TrekDetailScreen::open(
        pack.clone(),
        trek.id,
        Arc::clone(&settings),
        Some(follow.clone()),
        exports.clone(),
    );
    let mut seen = Vec::new();
    let mut record = |screen: &TrekDetailScreen| {
        runtime().block_on(screen.settled());
        seen.push(detail_view(&screen.state()));
    };
    record(&screen);
    let state = screen.state();
    assert!(!state.photos.is_empty());
    assert!(
        state
            .photos
            .iter()
            .all(|photo| photo.url.starts_with("file:")),
        "the pack keeps every photo offline: {:?}",
        state.photos
    );

    screen.export_gpx();
    record(&screen);
    let gpx = screen.state().gpx_file.expect("the GPX written");
    assert!(Path::new(&gpx).starts_with(&exports));
    assert!(std::fs::read_to_string(&gpx).unwrap().contains("<trk>"));
    screen.shared();
    settings.set_language(Some(Language::English));
    runtime().block_on(async {
        // The settings' change reaches the screen as an action of its own.
        while screen.state().figures.first().map(|f| f.label.as_str()) != Some("Length") {
            tokio::task::yield_now().await;
            screen.settled().await;
        }
    });
    record(&screen);

    screen.follow();
    runtime().block_on(async {
        screen.settled().await;
        follow.settled().await;
    });
    assert_eq!(follow.state().trek_id, Some(trek.id));

    let missing = TrekDetailScreen::open(pack, -1, settings, None, exports);
    record(&missing);
    insta::assert_snapshot!(seen.join("\n\n"));
}

/// The practical sections as a hiker reads them, one line each.
fn sections_view(state: &TrekDetailState) -> String {
    state
        .sections
        .iter()
        .map(|section| {
            format!(
                "  {}\n    rows: {:?}\n    texts: {:?}\n    photos: {}\n    links: {:?}\n    points: {:?}",
                section.title,
                section
                    .rows
                    .iter()
                    .map(|row| format!("{}: {}", row.label, row.value))
                    .collect::<Vec<_>>(),
                section
                    .texts
                    .iter()
                    .map(|text| format!("{}: {}", text.title, text.html))
                    .collect::<Vec<_>>(),
                section.photos.len(),
                section
                    .links
                    .iter()
                    .map(|link| format!("{} ({:?}) {}", link.title, link.kind, link.url))
                    .collect::<Vec<_>>(),
                section
                    .points
                    .iter()
                    .map(|point| format!("{}: {}", point.number, point.coordinates))
                    .collect::<Vec<_>>(),
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_trek_shows_the_practical_sections_the_park_filled_in_and_only_those_in_every_language() {
    let dir = tempfile::tempdir().unwrap();
    let settings = settings(dir.path(), "fr-FR");
    let packs = demo_pack_in_use(&dir.path().join("packs"), &settings);
    let pack = packs.catalog_in_use().unwrap();
    let treks = every_trek_in_french(&pack);
    let exports = dir.path().join("exports");
    let open = |id: i64| {
        let screen = TrekDetailScreen::open(
            pack.clone(),
            id,
            Arc::clone(&settings),
            None,
            exports.clone(),
        );
        runtime().block_on(screen.settled());
        screen
    };
    // Every trek: a section is there exactly when the park filled it in.
    let mut richest = None;
    for trek in &treks {
        let detail = pack.catalog.trek_detail(trek.id, "fr").unwrap();
        let state = open(trek.id).state();
        let titles: Vec<&str> = state.sections.iter().map(|s| s.title.as_str()).collect();
        let expected = [
            (
                "Stationnement",
                !detail.advised_parking_html.is_empty() || detail.parking_point.is_some(),
            ),
            (
                "Accessibilité",
                !detail.accessibility.is_empty() || !detail.accessibilities.is_empty(),
            ),
            ("Cotations", !detail.ratings.is_empty()),
            ("Liens utiles", !detail.web_links.is_empty()),
            ("Points de référence", !detail.reference_points.is_empty()),
        ];
        for (title, filled) in expected {
            assert_eq!(
                titles.contains(&title),
                filled,
                "{title} of trek {}",
                trek.id
            );
        }
        let richness = (state.sections.len(), titles.contains(&"Accessibilité"));
        if richest.is_none_or(|(best, _)| richness > best) {
            richest = Some((richness, trek.id));
        }
    }
    // The demo park has no grades (its server lists no rating scales).
    let ((count, accessible), id) = richest.unwrap();
    assert!(
        count >= 4 && accessible,
        "the richest demo trek has {count} sections"
    );

    let screen = open(id);
    let mut seen = Vec::new();
    for (language, length) in [
        (Language::French, "Longueur"),
        (Language::English, "Length"),
        (Language::Italian, "Lunghezza"),
        (Language::German, "Länge"),
        (Language::Spanish, "Longitud"),
    ] {
        settings.set_language(Some(language));
        runtime().block_on(async {
            // The settings' change reaches the screen as an action of its own.
            while screen.state().figures.first().map(|f| f.label.as_str()) != Some(length) {
                tokio::task::yield_now().await;
                screen.settled().await;
            }
        });
        let state = screen.state();
        seen.push(format!(
            "{} ({language:?})\n{}",
            state.name,
            sections_view(&state)
        ));
    }
    redacted(|| insta::assert_snapshot!(seen.join("\n\n")));
}

/// Styles as a tile server would write them, the highlighted trek in the query.
struct Styles;

impl MapStyles for Styles {
    fn style_url(&self, selected_trek: Option<i64>, _shown: Option<Vec<i64>>) -> Option<String> {
        Some(match selected_trek {
            Some(trek) => format!("http://127.0.0.1:9/style.json?trek={trek}"),
            None => "http://127.0.0.1:9/style.json".to_string(),
        })
    }

    fn map_style_url(&self, selected_trek: Option<i64>, basemap: Option<String>) -> Option<String> {
        let style = self.style_url(selected_trek, None)?;
        Some(match basemap {
            Some(key) if style.contains('?') => format!("{style}&basemap={key}"),
            Some(key) => format!("{style}?basemap={key}"),
            None => style,
        })
    }

    fn basemaps(&self) -> Vec<Basemap> {
        ["relief", "vector"]
            .map(|key| Basemap {
                key: key.to_string(),
                name: format!("{key} map"),
            })
            .to_vec()
    }
}

fn map_view(state: &MapViewState) -> String {
    format!(
        "style={:?} unavailable={:?} highlighted={:?} selected={:?} followed={:?} follows_user={} layers={:?} basemaps={:?} tap={:?}",
        state.style_url,
        state.unavailable,
        state.highlighted_trek,
        state.selected_trek,
        state.followed_trek,
        state.follows_user,
        state
            .layers
            .iter()
            .map(|layer| format!("{}{}", if layer.shown { "+" } else { "-" }, layer.label))
            .collect::<Vec<_>>(),
        state
            .basemaps
            .iter()
            .map(|b| format!("{}{}", if b.chosen { "*" } else { "" }, b.name))
            .collect::<Vec<_>>(),
        state.tap.as_ref().map(|tap| {
            tap.rows
                .iter()
                .map(|row| {
                    format!(
                        "{} {}: {} ({})",
                        if row.opens_trek { "trek" } else { "place" },
                        row.id,
                        row.title,
                        row.subtitle
                    )
                })
                .collect::<Vec<_>>()
        })
    )
}

#[test]
fn the_map_highlights_the_followed_trek_over_the_tapped_one_and_keeps_its_layers() {
    let dir = tempfile::tempdir().unwrap();
    let settings = settings(dir.path(), "en");
    let follow = FollowScreen::open(Arc::clone(&settings));
    let library_dir = dir.path().join("packs");
    let packs = demo_pack_in_use(&library_dir, &settings);
    let treks = packs
        .catalog_in_use()
        .unwrap()
        .catalog
        .search(&TrekQuery::all("en"))
        .unwrap()
        .treks;
    let (tapped, followed) = (treks[0].id, treks[1].id);
    let map = MapScreen::open(Arc::new(Styles), &packs, &follow, Arc::clone(&settings));
    let mut seen = Vec::new();
    let mut record = |map: &MapScreen| {
        runtime().block_on(map.settled());
        seen.push(map_view(&map.state()));
    };
    record(&map);
    map.select_trek(Some(tapped));
    record(&map);
    map.choose_basemap("vector".into());
    record(&map);
    // A tap halfway along the tapped trek lists it, whatever else lies there.
    let line = packs
        .catalog_in_use()
        .unwrap()
        .catalog
        .place_geometry(PlaceKind::Trek, tapped)
        .unwrap()
        .unwrap();
    map.tap(line[line.len() / 2], 30.0);
    record(&map);
    let tap = map.state().tap.unwrap();
    assert!(
        tap.places
            .iter()
            .any(|p| p.kind == PlaceKind::Trek && p.id == tapped),
        "{tap:?}"
    );
    assert_eq!(map.state().selected_trek, Some(tapped));
    map.dismiss_tap();
    follow.follow(packs.catalog_in_use().map(|pack| (pack.catalog, followed)));
    runtime().block_on(async {
        follow.settled().await;
        while map.state().followed_trek.is_none() {
            tokio::task::yield_now().await;
            map.settled().await;
        }
    });
    record(&map);
    map.show_layer(OverlayLayer::Pois, false);
    record(&map);
    follow.follow(None);
    runtime().block_on(async {
        follow.settled().await;
        while map.state().followed_trek.is_some() {
            tokio::task::yield_now().await;
            map.settled().await;
        }
    });
    record(&map);
    packs.remove("demo".into());
    runtime().block_on(async {
        packs.settled().await;
        while map.state().style_url.is_some() {
            tokio::task::yield_now().await;
            map.settled().await;
        }
    });
    record(&map);

    let reopened = crate::screens_support::settings(dir.path(), "en");
    assert_eq!(reopened.state().hidden_map_layers, [OverlayLayer::Pois]);
    redacted(|| insta::assert_snapshot!(seen.join("\n")));
}

/// A recording state as the snapshot keeps it (a saved track's date is
/// today's, so it is left out).
fn recording_view(state: &RecordingState) -> String {
    format!(
        "{} ({:?}) active={} controls={:?} track={:?} recovered={:?} gpx={:?} error={:?}\n  live: {}\n  filters: {}\n  saved: {:?}",
        state.status,
        state.recorder,
        state.active,
        state.controls,
        state.track_name,
        state.recovered,
        file_name(state.gpx_file.as_deref()),
        state.error,
        state
            .figures
            .iter()
            .map(|figure| format!("{} {}", figure.label, figure.value))
            .collect::<Vec<_>>()
            .join(", "),
        state.filters,
        state
            .tracks
            .iter()
            .map(|track| format!("{} | {}", track.name, track.summary))
            .collect::<Vec<_>>(),
    )
}

/// 3 km north from the Pré de Madame Carle, climbing 450 m, walked with GPS noise.
fn walk() -> Vec<sentier_core::trail::Fix> {
    let line: Vec<LatLon> = (0..=150)
        .map(|step| LatLon {
            lat: 44.92 + f64::from(step) * 20.0 / 111_195.0,
            lon: 6.40,
            ele: Some(1874.0 + f64::from(step) * 3.0),
        })
        .collect();
    simulate(&line, &SimulationConfig::walk(3)).unwrap()
}

#[test]
fn a_recording_goes_through_its_controls_joins_the_saved_tracks_and_is_renamed_exported_and_deleted()
 {
    let dir = tempfile::tempdir().unwrap();
    let settings = settings(dir.path(), "en");
    let store = dir.path().join("tracks.sqlite");
    let exports = dir.path().join("exports");
    let screen = RecordingScreen::open(store, Arc::clone(&settings), exports.clone(), 60);
    let fixes = walk();
    let (first, second) = fixes.split_at(fixes.len() / 2);
    let mut seen = Vec::new();
    let mut record = |screen: &RecordingScreen| {
        runtime().block_on(screen.settled());
        seen.push(recording_view(&screen.state()));
    };
    record(&screen);
    screen.pause();
    record(&screen); // not possible while idle: said, nothing changes
    screen.start(Some("Glacier Blanc".into()), 60);
    record(&screen);
    screen.push_fixes(first.to_vec());
    record(&screen);
    screen.pause();
    record(&screen);
    screen.push_fixes(second[..10].to_vec());
    screen.resume();
    screen.push_fixes(second[10..].to_vec());
    record(&screen);
    screen.stop();
    record(&screen);
    let track = screen.state().tracks[0].id;
    screen.rename(track, "  Glacier Blanc et retour ".into());
    record(&screen);
    screen.rename(track, "   ".into());
    screen.export_gpx(track);
    record(&screen);
    let gpx = screen.state().gpx_file.unwrap();
    assert_eq!(
        Path::new(&gpx),
        exports.join("Glacier Blanc et retour.gpx"),
        "named after the track"
    );
    assert!(std::fs::read_to_string(&gpx).unwrap().contains("<trkpt"));
    screen.shared();
    screen.delete(track);
    record(&screen);
    insta::assert_snapshot!(seen.join("\n\n"));
}

#[test]
fn a_killed_recording_is_recovered_paused_and_the_settings_filters_apply_at_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let settings = settings(dir.path(), "fr");
    let store = dir.path().join("tracks.sqlite");
    let exports = dir.path().join("exports");
    let fixes = walk();

    let killed = RecordingScreen::open(store.clone(), Arc::clone(&settings), exports.clone(), 60);
    killed.start(Some("Interrompue".into()), 60);
    killed.push_fixes(fixes[..300].to_vec());
    runtime().block_on(killed.settled());
    let recorded = killed.state().figures[0].value.clone();
    drop(killed);

    let relaunched = RecordingScreen::open(store.clone(), Arc::clone(&settings), exports, 60);
    runtime().block_on(relaunched.settled());
    let recovered = relaunched.state();
    assert_eq!(recovered.recorder, RecorderState::Paused);
    assert_eq!(recovered.track_name.as_deref(), Some("Interrompue"));
    assert_eq!(recovered.figures[0].value, recorded, "every fix kept");
    assert!(recovered.recovered.is_some());
    assert!(
        recovered.tracks.is_empty(),
        "the open track is not a saved one"
    );
    let open = TrackStore::open(&store).unwrap().list().unwrap()[0].id;
    relaunched.delete(open);
    runtime().block_on(relaunched.settled());
    assert_eq!(
        relaunched.state().error.as_deref(),
        Some("La trace en cours d’enregistrement ne peut être supprimée : arrêtez-la d’abord.")
    );
    relaunched.stop();
    runtime().block_on(relaunched.settled());
    let stopped = relaunched.state();
    assert_eq!(stopped.recovered, None);
    assert_eq!(stopped.error, None);
    assert_eq!(stopped.tracks.len(), 1);

    // Nothing is accurate enough for the new filter: the next track stays empty.
    settings.set_recording_max_accuracy(Some(0.01));
    relaunched.start(Some("Trop stricte".into()), 60);
    relaunched.push_fixes(fixes[..300].to_vec());
    runtime().block_on(relaunched.settled());
    let strict = relaunched.state();
    assert!(
        strict.filters.starts_with("Seulement les positions à 0"),
        "{}",
        strict.filters
    );
    assert_eq!(strict.figures[0].value, "0 m");
}

/// The name of a written file, without the test's temporary folder.
fn file_name(path: Option<&str>) -> Option<std::ffi::OsString> {
    path.map(|path| Path::new(path).file_name().unwrap().to_owned())
}
