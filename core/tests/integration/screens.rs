//! The screens' state machines driven through their actions over real
//! stores and the test kit's servers; whole state sequences are snapshot
//! tests (insta), so any change of what a screen shows is seen in review.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use sentier_core::catalog::{TrekMeasure, TrekQuery};
use sentier_core::geodesy::LatLon;
use sentier_core::locale::Language;
use sentier_core::packs::PackLibrary;
use sentier_core::packs::download::TransferOptions;
use sentier_core::reports::{
    FieldAssetCache, FileSecretStore, Outbox, OutboxSync, ReportField, ReportKind, ReportState,
    RetryPolicy,
};
use sentier_core::runtime::runtime;
use sentier_core::screens::PackCatalog;
use sentier_core::screens::follow::FollowScreen;
use sentier_core::screens::packs::{PacksScreen, PacksState};
use sentier_core::screens::report::ReportComposer;
use sentier_core::screens::trek_search::{TrekFilter, TrekSearch, TrekSearchState};
use sentier_testkit::pack_server::PackServer;

use crate::screens_support::{catalog, published_pack, redacted, settings};

/// A search state as the snapshot keeps it: the first rows only, the
/// filters by how many choices and which are selected.
fn search_view(state: &TrekSearchState) -> String {
    let rows = state
        .rows
        .iter()
        .take(3)
        .map(|row| format!("  {} | {} | {}", row.name, row.labels, row.figures))
        .collect::<Vec<_>>()
        .join("\n");
    let filters = state
        .filters
        .iter()
        .map(|group| {
            let selected = group
                .choices
                .iter()
                .filter(|choice| choice.selected)
                .map(|choice| choice.label.as_str())
                .collect::<Vec<_>>();
            format!("{} ({}): {selected:?}", group.title, group.choices.len())
        })
        .chain(state.ranges.iter().map(|group| {
            let selected = group.choices.iter().find(|choice| choice.selected);
            format!(
                "{}: {}",
                group.title,
                selected.map_or("-", |choice| choice.label.as_str())
            )
        }))
        .collect::<Vec<_>>()
        .join("; ");
    format!(
        "text={:?} total={} ({}) rows={} has_more={} filtered={} near_me={} error={:?}\n  filters: {filters}\n{rows}",
        state.text,
        state.total,
        state.total_label,
        state.rows.len(),
        state.has_more,
        state.filtered,
        state.near_me,
        state.error
    )
}

#[test]
fn a_search_narrows_widens_pages_and_rewrites_itself_in_the_user_s_language() {
    let dir = tempfile::tempdir().unwrap();
    let settings = settings(dir.path(), "fr-FR");
    let search = TrekSearch::open(PackCatalog::synced(catalog()), Arc::clone(&settings), None);
    let mut states = Vec::new();
    let mut record = |search: &TrekSearch| {
        runtime().block_on(search.settled());
        states.push(search_view(&search.state()));
    };
    record(&search); // opened: every trek
    let everything = search.state().total;
    search.set_text("ecrins".into());
    record(&search);
    let practice = search.state().filters[0].choices[0].id;
    search.toggle(TrekFilter::Practice, practice);
    record(&search);
    search.toggle(TrekFilter::Practice, practice);
    search.set_text(String::new());
    let short = search.state().ranges[1].choices[1].range;
    search.set_range(TrekMeasure::LengthM, short);
    record(&search);
    search.clear_filters();
    record(&search);
    search.load_more();
    record(&search);
    settings.set_language(Some(Language::English));
    runtime().block_on(async {
        // The settings' change reaches the screen as an action of its own.
        while search.state().total_label.ends_with("randonnées") {
            tokio::task::yield_now().await;
            search.settled().await;
        }
    });
    record(&search);

    let last = search.state();
    let in_english = catalog().search(&TrekQuery::all("en")).unwrap().total;
    assert!(
        in_english < everything,
        "some treks are published in French only: {in_english} of {everything}"
    );
    assert_eq!(
        last.total, in_english,
        "cleared filters find every trek published in English"
    );
    assert_eq!(
        last.rows.len() as u64,
        in_english.min(30),
        "a new language searches from the first page"
    );
    redacted(|| insta::assert_snapshot!(states.join("\n\n")));
}

/// A composer over a fresh outbox for `server_url`.
fn composer(dir: &Path, server_url: &str) -> (ReportComposer, Arc<OutboxSync>) {
    let outbox = Arc::new(Outbox::open(&dir.join("outbox.sqlite")).unwrap());
    let secrets = Arc::new(FileSecretStore::new(dir.join("secrets.json")));
    let sync = Arc::new(OutboxSync::new(outbox, secrets, RetryPolicy::default()).unwrap());
    let field_assets = Arc::new(FieldAssetCache::open(&dir.join("field-assets.sqlite")).unwrap());
    let composer = ReportComposer::open(
        Arc::clone(&sync),
        field_assets,
        catalog(),
        settings(dir, "fr"),
        server_url.to_string(),
    );
    (composer, sync)
}

/// A signpost of the catalog: where a report is made from.
fn signpost_location() -> LatLon {
    let catalog = catalog();
    let start = catalog.search(&TrekQuery::all("fr")).unwrap().treks[0]
        .departure
        .unwrap();
    let circle = sentier_core::catalog::Circle {
        center: start,
        radius_m: 5_000.0,
    };
    let signpost = catalog
        .nearby(
            &circle,
            &[sentier_core::catalog::PlaceKind::Signage],
            "fr",
            1,
        )
        .unwrap()
        .remove(0);
    LatLon::new(signpost.position.lat, signpost.position.lon)
}

#[test]
fn a_hiker_s_report_is_refused_field_by_field_then_queued_and_a_new_one_starts() {
    let dir = tempfile::tempdir().unwrap();
    let (composer, sync) = composer(dir.path(), "https://admin.example.org/");
    let mut states = Vec::new();
    let mut record = |composer: &ReportComposer| {
        runtime().block_on(composer.settled());
        let mut state = composer.state();
        // The lists are the park's; the snapshot keeps their sizes.
        let sizes = (
            state.categories.len(),
            state.activities.len(),
            state.magnitudes.len(),
        );
        state.categories.clear();
        state.activities.clear();
        state.magnitudes.clear();
        states.push(format!("lists={sizes:?} {state:#?}"));
    };
    composer.refresh(Some(signpost_location()));
    record(&composer);
    let state = composer.state();
    assert!(
        state.nearby.is_empty(),
        "a hiker is not offered the signage picker"
    );
    assert_eq!(state.kinds, [ReportKind::Public]);
    composer.set_kind(ReportKind::Field);
    composer.send();
    record(&composer);
    assert_eq!(
        composer
            .state()
            .problems
            .iter()
            .map(|p| p.field)
            .collect::<Vec<_>>(),
        [
            ReportField::Email,
            ReportField::Comment,
            ReportField::Category
        ]
    );
    composer.set_comment("Balisage effacé après le pont".into());
    record(&composer);
    composer.set_category(Some(state.categories[0].id));
    composer.set_email("randonneuse@".into());
    record(&composer);
    composer.set_email("randonneuse@example.org".into());
    record(&composer);
    composer.send();
    record(&composer);

    let queued = composer.state();
    assert!(queued.queued && queued.problems.is_empty());
    assert_eq!(queued.email, "randonneuse@example.org", "the e-mail stays");
    assert_eq!(queued.comment, "", "a new report starts");
    let entries = sync.outbox().list().unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].state, ReportState::Queued);
    insta::assert_snapshot!(states.join("\n\n"));
}

#[test]
fn a_ranger_picks_an_item_nearby_and_loses_it_with_its_conditions_when_it_is_no_longer_near() {
    let dir = tempfile::tempdir().unwrap();
    let server = "https://admin.example.org/";
    let (composer, sync) = composer(dir.path(), server);
    // A logged-in ranger: the session as the field API's login keeps it.
    sentier_core::reports::SessionStore::new(Arc::new(FileSecretStore::new(
        dir.path().join("secrets.json"),
    )))
    .save(&sentier_core::reports::FieldSession {
        server_url: server.into(),
        username: "ranger".into(),
        email: "ranger@example.org".into(),
        access: sentier_core::reports::session::Secret::new("a"),
        refresh: sentier_core::reports::session::Secret::new("r"),
        permissions: sentier_core::reports::session::FieldPermissions {
            create_reports: true,
            read_reports: true,
            update_signage: true,
            update_infrastructure: true,
        },
    })
    .unwrap();
    assert!(sync.session(server).unwrap().is_some());
    let at = signpost_location();
    composer.refresh(Some(at));
    composer.set_kind(ReportKind::Field);
    runtime().block_on(composer.settled());
    let state = composer.state();
    assert_eq!(state.kinds, [ReportKind::Public, ReportKind::Field]);
    assert!(!state.email_asked);
    let item = state
        .nearby
        .first()
        .expect("a signpost within 50 m")
        .clone();
    composer.choose_asset(Some((item.kind, item.id)));
    runtime().block_on(composer.settled());
    let condition = composer.state().conditions[0].id;
    composer.toggle_condition(condition);
    runtime().block_on(composer.settled());
    let chosen = composer.state();
    assert!(chosen.nearby.iter().any(|choice| choice.selected));
    assert!(chosen.conditions.iter().any(|choice| choice.selected));

    // 2 km away: the item is no longer offered, nor chosen, nor its conditions.
    composer.refresh(Some(LatLon::new(at.lat + 0.018, at.lon)));
    runtime().block_on(composer.settled());
    let far = composer.state();
    assert!(!far.nearby.iter().any(|choice| choice.id == item.id));
    assert!(far.conditions.is_empty());

    // Back, chosen again, then the kind changes: cleared too.
    composer.refresh(Some(at));
    composer.choose_asset(Some((item.kind, item.id)));
    composer.set_kind(ReportKind::Public);
    runtime().block_on(composer.settled());
    let public = composer.state();
    assert!(public.nearby.is_empty() && public.conditions.is_empty());
    insta::assert_debug_snapshot!((far.position, far.nearby.len(), public.kind));
}

/// A packs state as the snapshot keeps it: a download's figures vary with
/// timing, so a row under way only says so.
fn packs_view(state: &PacksState) -> String {
    let row = |row: &sentier_core::screens::packs::PackRow| {
        format!(
            "{} {} installed={} in_use={} update={:?} download={}",
            row.id,
            row.name,
            row.installed,
            row.in_use,
            row.update,
            match &row.download {
                None => "none",
                Some(download) if download.paused => "paused",
                Some(_) => "under way",
            }
        )
    };
    format!(
        "installed: {:?}\navailable: {:?}\nloading={} in_use={:?} error={:?}",
        state.installed.iter().map(row).collect::<Vec<_>>(),
        state.available.iter().map(row).collect::<Vec<_>>(),
        state.loading,
        state.in_use.as_ref().map(|pack| &pack.id),
        state.error
    )
}

#[test]
fn a_pack_downloads_is_used_at_once_is_restored_at_launch_and_forgotten_when_removed() {
    let server = PackServer::start(published_pack()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let settings = settings(dir.path(), "en");
    settings.set_pack_server(&server.url());
    let library = Arc::new(PackLibrary::open(dir.path(), TransferOptions::default()).unwrap());
    let screen = PacksScreen::open(Arc::clone(&library), Arc::clone(&settings), None);
    let mut changes = screen.subscribe();
    let mut seen = Vec::new();
    // A download's progress comes as often as bytes arrive: the states
    // under way are left out of the sequence, which is then the same at every run.
    let mut record = |state: &PacksState| {
        let view = packs_view(state);
        if !view.contains("under way") && seen.last() != Some(&view) {
            seen.push(view);
        }
    };
    runtime().block_on(async {
        while let Some(state) = changes.next().await {
            record(&state);
            if !state.loading && !state.available.is_empty() {
                break;
            }
        }
        screen.download("demo".into());
        while let Some(state) = changes.next().await {
            record(&state);
            if state.in_use.is_some() && !state.loading {
                break;
            }
        }
    });
    assert!(screen.catalog_in_use().is_some());
    assert_eq!(settings.state().pack_in_use.as_deref(), Some("demo"));
    assert!(settings.state().reports_server_url.is_some());
    drop(screen);

    // At the next launch the pack is shown again; removed, it is forgotten.
    let relaunched = PacksScreen::open(Arc::clone(&library), Arc::clone(&settings), None);
    runtime().block_on(relaunched.settled());
    assert_eq!(
        relaunched.state().in_use.map(|pack| pack.id).as_deref(),
        Some("demo")
    );
    relaunched.remove("demo".into());
    runtime().block_on(relaunched.settled());
    let removed = relaunched.state();
    assert_eq!(removed.in_use, None);
    assert_eq!(settings.state().pack_in_use, None);
    assert!(removed.installed.is_empty());
    redacted(|| insta::assert_snapshot!(seen.join("\n\n")));
}

#[test]
fn the_treks_of_the_pack_in_use_show_their_thumbnails_from_the_pack() {
    let dir = tempfile::tempdir().unwrap();
    let settings = settings(dir.path(), "fr-FR");
    let packs = crate::screens_support::demo_pack_in_use(dir.path(), &settings);
    let search = TrekSearch::open(packs.catalog_in_use().unwrap(), Arc::clone(&settings), None);
    runtime().block_on(search.settled());
    let thumbnails: Vec<String> = search
        .state()
        .rows
        .into_iter()
        .filter_map(|row| row.thumbnail_url)
        .collect();
    assert!(!thumbnails.is_empty(), "no row has a thumbnail");
    for thumbnail in thumbnails {
        // The pack's copy, not the server's URL: a list offline has its pictures.
        let file = url::Url::parse(&thumbnail)
            .ok()
            .and_then(|url| url.to_file_path().ok())
            .unwrap_or_else(|| panic!("{thumbnail} is not the pack's copy"));
        // Media files are named by the URL's hash: the decoder reads their bytes.
        image::ImageReader::open(&file)
            .and_then(|reader| reader.with_guessed_format())
            .map_err(image::ImageError::IoError)
            .and_then(|reader| reader.decode())
            .unwrap_or_else(|error| panic!("{}: {error}", file.display()));
    }
}

/// The first trek of the catalog longer than 3 km, and its route.
fn a_trek_over_3_km(
    catalog: &sentier_core::catalog::Catalog,
) -> (
    sentier_core::catalog::TrekSummary,
    sentier_core::trail::Route,
) {
    let trek = catalog
        .search(&TrekQuery {
            limit: 100,
            ..TrekQuery::all("en")
        })
        .unwrap()
        .treks
        .into_iter()
        .find(|trek| trek.length_m.unwrap_or_default() > 3_000.0)
        .unwrap();
    let route = sentier_core::trail::Route::from_trek(&catalog.trek_detail(trek.id, "en").unwrap());
    (trek, route)
}

#[test]
fn following_a_trek_words_the_banner_and_the_alerts_through_a_detour_to_the_arrival() {
    use sentier_core::trail::simulator::simulate;
    use sentier_core::trail::{Detour, SimulationConfig};

    let dir = tempfile::tempdir().unwrap();
    let catalog = catalog();
    let (trek, route) = a_trek_over_3_km(&catalog);
    let walk = simulate(
        &route.line,
        &SimulationConfig {
            detours: vec![Detour {
                at_m: 1_000.0,
                length_m: 500.0,
                offset_m: 150.0,
            }],
            ..SimulationConfig::walk(7)
        },
    )
    .unwrap();

    let screen = FollowScreen::open(settings(dir.path(), "en-GB"));
    screen.follow(Some((Arc::clone(&catalog), trek.id)));
    runtime().block_on(screen.settled());
    let mut seen = vec![format!("{:#?}", profile_by_its_labels(screen.state()))];
    let mut last_key = None;
    for fix in walk {
        screen.push_fix(fix, 60);
        runtime().block_on(screen.settled());
        let state = screen.state();
        let banner = state.banner.clone().unwrap();
        // What a hiker notices: the banner's first line when its kind
        // changes, and each new alert (not every metre off the trek).
        let key = (banner.headline, state.alert.clone());
        if last_key.as_ref() != Some(&key) {
            seen.push(format!("{} | alert: {:?}", banner.status, state.alert));
            last_key = Some(key);
        }
    }
    let last = screen.state();
    assert_eq!(
        last.banner.as_ref().map(|banner| banner.headline),
        Some(sentier_core::trail::FollowHeadline::Arrived)
    );
    assert!(seen.iter().any(|line| line.starts_with("Off the trek by ")));
    seen.push(format!("{:#?}", profile_by_its_labels(last).banner));
    screen.follow(None);
    runtime().block_on(screen.settled());
    assert_eq!(screen.state().trek_id, None);
    insta::assert_snapshot!(seen.join("\n"));
}

/// A follow state as a snapshot keeps it: the profile's points (hundreds)
/// counted, its labels kept.
fn profile_by_its_labels(
    mut state: sentier_core::screens::follow::FollowScreenState,
) -> sentier_core::screens::follow::FollowScreenState {
    if let Some(profile) = &mut state.profile {
        assert!(profile.distances_m.len() >= 2, "a profile to draw");
        profile.distances_m = vec![profile.distances_m.len() as f64];
        profile.elevations_m.clear();
    }
    state
}

#[test]
fn the_hiker_is_placed_on_the_profile_and_a_tap_on_it_is_a_map_point() {
    use sentier_core::trail::SimulationConfig;
    use sentier_core::trail::simulator::simulate;

    let dir = tempfile::tempdir().unwrap();
    let catalog = catalog();
    let (trek, route) = a_trek_over_3_km(&catalog);
    let walk = simulate(&route.line, &SimulationConfig::walk(3)).unwrap();

    let screen = FollowScreen::open(settings(dir.path(), "fr"));
    assert_eq!(screen.point_on_profile(0.0), None, "nothing followed yet");
    screen.follow(Some((Arc::clone(&catalog), trek.id)));
    runtime().block_on(screen.settled());
    let profile = screen.state().profile.expect("the followed trek's profile");
    assert!(profile.description.starts_with("Profil altimétrique sur "));
    let length = *profile.distances_m.last().unwrap();

    // The profile's ends are the trek's ends on the map.
    let start = screen.point_on_profile(0.0).unwrap();
    let end = screen.point_on_profile(length * 2.0).unwrap();
    let metres =
        |a: &LatLon, b: &LatLon| sentier_core::geodesy::haversine_m((a.lon, a.lat), (b.lon, b.lat));
    assert!(metres(&start, &route.line[0]) < 1.0, "{start:?}");
    assert!(metres(&end, route.line.last().unwrap()) < 1.0, "{end:?}");
    assert!(end.ele.is_some(), "a tapped point has its elevation");

    // Walking, the marker moves forward with the hiker, and the map point of
    // the marker is where the hiker is.
    let mut previous = 0.0;
    let mut shown = 0;
    for (index, fix) in walk.iter().enumerate() {
        screen.push_fix(fix.clone(), 60);
        if index % 50 != 49 {
            continue;
        }
        runtime().block_on(screen.settled());
        let banner = screen.state().banner.unwrap();
        let marker = banner.on_profile.expect("the hiker on the profile");
        assert!(
            marker.along_m >= previous - 30.0,
            "{marker:?} after {previous}"
        );
        assert!((profile.min_m..=profile.max_m).contains(&marker.elevation_m));
        let on_map = screen.point_on_profile(marker.along_m).unwrap();
        let fix_position = LatLon {
            lat: fix.latitude,
            lon: fix.longitude,
            ele: None,
        };
        assert!(
            metres(&on_map, &fix_position) < 60.0,
            "the marker's point {on_map:?} is the hiker's {fix_position:?}"
        );
        previous = marker.along_m;
        shown += 1;
    }
    runtime().block_on(screen.settled());
    let arrived = screen.state().banner.unwrap().on_profile.unwrap();
    assert!(length - arrived.along_m < 30.0, "{arrived:?} of {length}");
    assert!(shown > 5);

    screen.follow(None);
    runtime().block_on(screen.settled());
    assert_eq!(screen.point_on_profile(0.0), None, "following stopped");
}

/// The outbox screen, in French, over an outbox holding one hiker's report
/// queued for `server`.
fn outbox_with_one_report(
    dir: &Path,
    server: &str,
) -> (
    sentier_core::screens::outbox::OutboxScreen,
    Arc<OutboxSync>,
    Arc<sentier_core::screens::settings::Settings>,
) {
    use sentier_core::screens::outbox::OutboxScreen;

    let (composer, sync) = composer(dir, server);
    composer.refresh(Some(signpost_location()));
    composer.set_comment("Passerelle emportée".into());
    composer.set_email("randonneuse@example.org".into());
    runtime().block_on(composer.settled());
    let category = composer.state().categories[0].id;
    composer.set_category(Some(category));
    composer.send();
    runtime().block_on(composer.settled());
    assert!(composer.state().queued);

    let settings = settings(dir, "fr");
    settings.set_admin_server(server);
    let field_assets = Arc::new(FieldAssetCache::open(&dir.join("field-assets.sqlite")).unwrap());
    let outbox = OutboxScreen::open(Arc::clone(&sync), field_assets, Arc::clone(&settings), 60);
    runtime().block_on(outbox.settled());
    (outbox, sync, settings)
}

#[test]
fn the_outbox_words_each_report_and_discards_one() {
    let dir = tempfile::tempdir().unwrap();
    let (outbox, sync, _) = outbox_with_one_report(dir.path(), "http://127.0.0.1:9/");
    let state = outbox.state();
    assert_eq!(state.rows.len(), 1);
    let row = &state.rows[0];
    assert_eq!(row.state_label, "En attente d’envoi");
    assert!(row.can_discard);
    assert!(state.can_log_in && state.session.is_none());
    outbox.discard(row.id.clone());
    runtime().block_on(outbox.settled());
    assert!(outbox.state().rows.is_empty());
    assert!(sync.outbox().list().unwrap().is_empty());
}

/// #15: a delivery that failed reaches the user as the core's sentence in
/// their language, saying what happens next, not as the raw delivery error.
#[test]
fn a_report_not_delivered_says_why_and_what_next_in_the_user_s_language() {
    let dir = tempfile::tempdir().unwrap();
    // Nothing listens on the discard port: the report cannot be delivered.
    let (outbox, sync, settings) = outbox_with_one_report(dir.path(), "http://127.0.0.1:9/");
    let mut states = outbox.subscribe();
    outbox.send_now();
    let worded = async {
        loop {
            let state = states.next().await.expect("the outbox screen is open");
            if let Some(error) = state.rows.first().and_then(|row| row.error.clone()) {
                return error;
            }
        }
    };
    let french = runtime()
        .block_on(async { tokio::time::timeout(Duration::from_secs(60), worded).await })
        .expect("the failed delivery reaches the outbox screen");
    assert_eq!(
        french,
        "Pas encore envoyé : le serveur était injoignable. Il partira tout seul dès le retour du réseau."
    );
    let stored = &sync.outbox().list().unwrap()[0];
    assert!(
        stored
            .last_error
            .as_deref()
            .unwrap()
            .starts_with("not delivered: "),
        "logs keep the delivery error: {:?}",
        stored.last_error
    );
    settings.set_language(Some(Language::German));
    // The screen rewords itself when the settings' language changes.
    let reworded = async {
        loop {
            let state = states.next().await.expect("the outbox screen is open");
            match state.rows.first().and_then(|row| row.error.clone()) {
                Some(error) if error != french => return error,
                _ => {}
            }
        }
    };
    let german = runtime()
        .block_on(async { tokio::time::timeout(Duration::from_secs(60), reworded).await })
        .expect("the outbox screen rewords itself");
    assert_eq!(
        german,
        "Noch nicht gesendet: Der Server war nicht erreichbar. Sie wird von selbst gesendet, sobald wieder Netz da ist."
    );
}

#[test]
fn a_dropped_screen_stops_listening_to_the_settings() {
    let dir = tempfile::tempdir().unwrap();
    let settings = settings(dir.path(), "fr");
    let search = TrekSearch::open(PackCatalog::synced(catalog()), Arc::clone(&settings), None);
    let follow = FollowScreen::open(Arc::clone(&settings));
    runtime().block_on(async {
        search.settled().await;
        follow.settled().await;
    });
    assert_eq!(settings.listeners(), 2);

    drop((search, follow));
    // No settings change comes: the screens' listeners go all the same.
    let gone = runtime().block_on(async {
        let listening = async {
            while settings.listeners() > 0 {
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
        };
        tokio::time::timeout(Duration::from_secs(60), listening).await
    });
    assert!(
        gone.is_ok(),
        "a dropped screen still listens to the settings"
    );
}
