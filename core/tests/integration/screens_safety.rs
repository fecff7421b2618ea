//! The safety screen over the synced demo park: the numbers, the position
//! worded for rescuers and the nearest desk and signpost, in French and
//! English; before any fix; and where the catalog has no desk within reach.

use std::sync::Arc;

use sentier_core::catalog::{Catalog, Circle, LatLon, PlaceKind};
use sentier_core::runtime::runtime;
use sentier_core::screens::safety::{SafetyScreen, SafetyState};
use sentier_core::trail::Fix;

use crate::screens_support::{catalog, settings};

/// A fix 300 m from the park's first information desk.
fn fix_near_a_desk(catalog: &Catalog) -> Fix {
    let everywhere = Circle {
        center: LatLon::new(45.0, 6.0),
        radius_m: 1_000_000.0,
    };
    let desk = catalog
        .nearby(&everywhere, &[PlaceKind::InformationDesk], "en", 1)
        .unwrap()
        .remove(0);
    Fix {
        altitude: Some(1_234.4),
        horizontal_accuracy: Some(8.2),
        ..Fix::at(desk.position.lat + 0.0027, desk.position.lon, None, 0)
    }
}

/// The state once `fix` is given, in the device language `device`.
fn state_after(catalog: Option<Arc<Catalog>>, device: &str, fix: Option<Fix>) -> SafetyState {
    let dir = tempfile::tempdir().unwrap();
    let screen = SafetyScreen::open(catalog, settings(dir.path(), device));
    if let Some(fix) = fix {
        screen.update_fix(fix);
    }
    runtime().block_on(screen.settled());
    screen.state()
}

#[test]
fn the_safety_screen_words_the_position_and_the_nearest_help_in_french_and_english() {
    let fix = fix_near_a_desk(&catalog());
    let french = state_after(Some(catalog()), "fr-FR", Some(fix.clone()));
    let english = state_after(Some(catalog()), "en-GB", Some(fix));
    let desk = french.nearest_desk.as_ref().expect("a desk is near");
    assert_eq!(
        desk.bearing, "S (180°)",
        "the desk is due south of the hiker"
    );
    assert!(french.nearest_signpost.is_some());
    assert!(french.nearest_missing.is_empty());
    assert_eq!(
        french.calls.len(),
        1,
        "no territory number is synced: 112 alone"
    );
    assert_eq!(french.calls[0].number, "112");
    insta::assert_debug_snapshot!(vec![french, english]);
}

#[test]
fn before_any_fix_the_screen_offers_112_and_says_it_waits_for_a_position() {
    let state = state_after(Some(catalog()), "en-GB", None);
    assert_eq!(state.calls[0].number, "112");
    assert!(state.position.is_none());
    assert!(state.waiting_for_position.is_some());
    assert!(state.nearest_desk.is_none() && state.nearest_missing.is_empty());
}

#[test]
fn without_a_desk_in_the_catalog_within_reach_the_screen_says_so() {
    // Paris: the demo park's catalog has nothing within 50 km.
    let far_from_the_park = Fix::at(48.8566, 2.3522, None, 0);
    let state = state_after(Some(catalog()), "fr-FR", Some(far_from_the_park));
    assert!(state.position.is_some());
    assert!(state.nearest_desk.is_none() && state.nearest_signpost.is_none());
    assert_eq!(
        state.nearest_missing[0],
        "Aucun point d’information à moins de 50 km dans les données du territoire."
    );
}
