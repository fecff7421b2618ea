//! The trail commands end to end on the test kit's sample walk: recording a
//! replayed or an as-recorded walk, following with a detour to the right,
//! figures in the language asked, and the saved tracks' list and export.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/data/trail")
        .join(name)
}

fn sentier(data_dir: &Path, args: &[&str]) -> Output {
    let output = Command::new(env!("CARGO_BIN_EXE_sentier"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

fn text(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

#[test]
fn the_sample_walk_is_recorded_as_recorded_and_listed_with_a_header() {
    let dir = tempfile::tempdir().unwrap();
    let walk = sample("walk.gpx");
    let recorded = text(&sentier(
        dir.path(),
        &[
            "record",
            "--replay",
            walk.to_str().unwrap(),
            "--as-recorded",
            "--lang",
            "en",
        ],
    ));
    assert!(recorded.contains("distance 3.2 km"), "{recorded}");
    let list = text(&sentier(dir.path(), &["tracks", "list", "--lang", "fr"]));
    let mut lines = list.lines();
    let header = lines.next().unwrap();
    assert!(
        header.starts_with("id") && header.contains("distance"),
        "{list}"
    );
    assert!(lines.next().unwrap().contains("3,2 km"), "{list}");
    // Exported to the standard output, nothing else printed there.
    let gpx = text(&sentier(
        dir.path(),
        &["tracks", "export", "1", "--out", "-"],
    ));
    assert!(
        gpx.starts_with("<?xml") && gpx.trim_end().ends_with("</gpx>"),
        "{gpx}"
    );
}

#[test]
fn following_with_a_detour_to_the_right_writes_figures_in_the_language_asked() {
    let dir = tempfile::tempdir().unwrap();
    let route = sample("route.gpx");
    let args = |lang: &'static str| {
        vec![
            "follow".to_string(),
            "--gpx".into(),
            route.display().to_string(),
            "--detour-at".into(),
            "1200".into(),
            "--detour-offset".into(),
            "-200".into(),
            "--lang".into(),
            lang.into(),
        ]
    };
    let french = args("fr");
    let french = text(&sentier(
        dir.path(),
        &french.iter().map(String::as_str).collect::<Vec<_>>(),
    ));
    // Events are worded in the language asked too, as the follow screen words them.
    assert!(french.contains("Hors du parcours de "), "{french}");
    assert!(french.contains("De retour sur le parcours"), "{french}");
    assert!(french.contains("Arrivé"), "{french}");
    assert!(
        !french.contains("Off the trek") && !french.contains("Arrived"),
        "{french}"
    );
    // The core's formatter: "1 h 05"-style durations, French decimal commas.
    assert!(
        french.contains(" h ") || french.contains(" min"),
        "{french}"
    );
    assert!(french.contains(',') && !french.contains("0h"), "{french}");
    let english = args("en");
    let english = text(&sentier(
        dir.path(),
        &english.iter().map(String::as_str).collect::<Vec<_>>(),
    ));
    assert!(english.contains("3.2 km"), "{english}");
    assert!(
        english.contains("Off the trek by ") && english.contains("Arrived"),
        "{english}"
    );
}

#[test]
fn follow_notify_prints_each_notification_as_a_phone_shows_it_in_the_language_asked() {
    let dir = tempfile::tempdir().unwrap();
    let route = sample("route.gpx");
    let notifications = |lang: &str| {
        let route = route.display().to_string();
        text(&sentier(
            dir.path(),
            &[
                "follow",
                "--gpx",
                &route,
                "--detour-at",
                "1200",
                "--detour-offset",
                "-200",
                "--notify",
                "--lang",
                lang,
            ],
        ))
    };
    // Title, body, blank line: one per notification, one per episode.
    let shown = |output: &str| {
        output
            .split_terminator("\n\n")
            .map(|notification| {
                let (title, body) = notification.split_once('\n').expect("a title and a body");
                (title.to_string(), body.to_string())
            })
            .collect::<Vec<_>>()
    };
    let english = notifications("en");
    let english = shown(&english);
    assert_eq!(
        english.len(),
        3,
        "off the trek, back on it, arrived: {english:#?}"
    );
    assert!(english[0].0.starts_with("Off the trek by "), "{english:#?}");
    assert!(
        english[0].1.contains("head back to the trek"),
        "{english:#?}"
    );
    assert_eq!(english[1].0, "Back on the trek");
    assert!(english[2].0.starts_with("Arrived: "), "{english:#?}");
    assert!(english[2].1.ends_with("Well done!"), "{english:#?}");

    let french = notifications("fr");
    let french = shown(&french);
    assert_eq!(french.len(), 3, "{french:#?}");
    assert!(
        french[0].0.starts_with("Hors du parcours de "),
        "{french:#?}"
    );
    assert_eq!(french[1].0, "De retour sur le parcours");
    assert!(french[2].0.starts_with("Arrivée : "), "{french:#?}");

    let refused = Command::new(env!("CARGO_BIN_EXE_sentier"))
        .arg("--data-dir")
        .arg(dir.path())
        .args([
            "follow",
            "--gpx",
            &route.display().to_string(),
            "--notify",
            "--lang",
            "nl",
        ])
        .output()
        .unwrap();
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stderr)
            .contains("no notification texts in \"nl\": the core speaks en, fr, it, de, es"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
}
