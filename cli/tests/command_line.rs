//! The `sentier` command as a user meets it, over a synced synthetic park on
//! loopback: a closed pipe, option forms (`--bbox`, `--within`), filters by
//! name, `sentier lists`, the language of the text, truncated lists, one
//! JSON document per command (errors too), errors naming their file or host,
//! sync addresses completed or explained, and Ctrl-C during a sync.

use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use sentier_core::catalog::{Catalog, TrekQuery};
use sentier_core::measures::{MeasureFormatter, UnitSystem};
use sentier_testkit::api_server::{ApiServer, Fault, FaultPlan, FaultRule, Gate};
use sentier_testkit::territory::{Territory, TerritorySpec};
use sentier_testkit::tiles::TERRITORY;
use serde_json::Value;

fn command(data_dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_sentier"));
    command.arg("--data-dir").arg(data_dir).args(args);
    command
}

fn sentier(data_dir: &Path, args: &[&str]) -> Output {
    command(data_dir, args).output().unwrap()
}

fn stdout(output: &Output) -> String {
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The one JSON document a `--json` command printed, whatever its outcome.
fn document(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|error| panic!("not one JSON document ({error}): {output:?}"))
}

/// A synthetic park served on loopback and synced into a data folder.
struct Synced {
    server: ApiServer,
    dir: tempfile::TempDir,
}

impl Synced {
    fn new(seed: u64, treks: usize) -> Synced {
        let server = ApiServer::start(Territory::generate(&TerritorySpec::small(seed, treks)))
            .expect("the test server starts");
        let dir = tempfile::tempdir().unwrap();
        let synced = sentier(dir.path(), &["--json", "sync", &server.base_url()]);
        assert!(synced.status.success(), "{synced:?}");
        Synced { server, dir }
    }

    fn run(&self, args: &[&str]) -> Output {
        sentier(self.dir.path(), args)
    }

    fn json(&self, args: &[&str]) -> Value {
        let mut with_json = vec!["--json"];
        with_json.extend_from_slice(args);
        let output = self.run(&with_json);
        assert!(output.status.success(), "{output:?}");
        document(&output)
    }

    fn trek_ids(&self, args: &[&str]) -> Vec<i64> {
        let mut search = vec!["treks", "--limit", "1000"];
        search.extend_from_slice(args);
        self.json(&search)["treks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|trek| trek["id"].as_i64().unwrap())
            .collect()
    }

    fn catalog(&self) -> Catalog {
        Catalog::open(&self.dir.path().join("catalog.sqlite")).unwrap()
    }
}

#[test]
fn a_closed_pipe_ends_the_command_quietly() {
    let park = Synced::new(3, 6);
    let trek = park.trek_ids(&[])[0].to_string();
    for args in [
        vec!["--json", "treks"],
        vec!["treks"],
        vec!["--json", "trek", &trek],
    ] {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let output = command(park.dir.path(), &args)
            .stdout(writer)
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        assert_eq!(stderr(&output), "", "{args:?}");
        let quiet = output.status.success() || output.status.signal() == Some(SIGPIPE);
        assert!(quiet, "{args:?}: {:?}", output.status);
    }
}

/// The signal's number on Linux and macOS.
const SIGPIPE: i32 = 13;

#[test]
fn a_bbox_is_given_as_west_south_east_north_even_when_west_is_negative() {
    let api = ApiServer::start(Territory::generate(&TerritorySpec::small(4, 3))).unwrap();
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("server");
    let bbox = format!(
        "-1.5,{},{},{}",
        TERRITORY.south, TERRITORY.east, TERRITORY.north
    );
    let build = |bbox: &str| {
        sentier(
            &work.path().join("data"),
            &[
                "--json",
                "pack",
                "build",
                "--api",
                &api.base_url(),
                "--out",
                out.to_str().unwrap(),
                "--bbox",
                bbox,
            ],
        )
    };
    let built = build(&bbox);
    assert!(built.status.success(), "{built:?}");
    assert_eq!(document(&built)["version"], 1);

    let inverted = build("6.6,44.6,6.0,45.0");
    assert_eq!(inverted.status.code(), Some(2));
    let refused = document(&inverted)["error"]["message"].to_string();
    assert!(refused.contains("west < east"), "{refused}");
}

#[test]
fn text_is_written_in_the_language_asked() {
    let park = Synced::new(5, 12);
    let with_pois = park
        .trek_ids(&[])
        .into_iter()
        .map(|id| park.json(&["trek", &id.to_string()]))
        .find(|trek| !trek["pois"].as_array().unwrap().is_empty())
        .expect("a trek has points of interest");
    let id = with_pois["id"].to_string();
    let length = with_pois["length_m"].as_f64().unwrap();
    let written = |language: &str| MeasureFormatter::new(UnitSystem::Metric, language.into());

    let french = stdout(&park.run(&["trek", &id, "--lang", "fr"]));
    assert!(french.contains("En chemin :"), "{french}");
    assert!(!french.contains("Along the way"), "{french}");
    assert!(french.contains(&written("fr").distance(length)), "{french}");

    let english = stdout(&park.run(&["trek", &id, "--lang", "en"]));
    assert!(english.contains("Along the way:"), "{english}");
    assert!(
        english.contains(&written("en").distance(length)),
        "{english}"
    );

    let listed = stdout(&park.run(&["treks", "--lang", "fr"]));
    assert!(listed.contains("difficulté"), "{listed}");
    assert!(listed.contains("randonnées"), "{listed}");
}

#[test]
fn filters_take_names_as_well_as_ids_and_lists_show_them() {
    let park = Synced::new(6, 20);
    let lists = park.json(&["lists"]);
    assert!(lists["practices"].as_u64().unwrap() > 0, "{lists}");
    assert!(lists["cities"].as_u64().unwrap() > 0, "{lists}");

    for (list, flag) in [("cities", "--city"), ("practices", "--practice")] {
        let choices = park.json(&["lists", list]);
        let (choice, by_id) = choices
            .as_array()
            .unwrap()
            .iter()
            .map(|choice| (choice, park.trek_ids(&[flag, &choice["id"].to_string()])))
            .find(|(_, treks)| !treks.is_empty())
            .expect("some entry has treks");
        let name = choice["label"].as_str().unwrap();
        assert_eq!(park.trek_ids(&[flag, name]), by_id, "{flag} {name}");
        let shouted = name.to_uppercase();
        assert_eq!(park.trek_ids(&[flag, &shouted]), by_id, "{flag} {shouted}");
    }

    let unknown = park.run(&["treks", "--city", "Atlantis"]);
    assert!(!unknown.status.success());
    assert!(
        stderr(&unknown).contains("sentier lists cities"),
        "{unknown:?}"
    );
}

#[test]
fn within_without_a_unit_means_kilometres() {
    let park = Synced::new(7, 20);
    let start = park
        .catalog()
        .search(&TrekQuery {
            limit: 1,
            ..TrekQuery::all("fr")
        })
        .unwrap()
        .treks[0]
        .departure
        .expect("a trek has a departure");
    let near = format!("{},{}", start.lat, start.lon);
    let in_km = park.trek_ids(&["--near", &near, "--within", "2km"]);
    assert_eq!(park.trek_ids(&["--near", &near, "--within", "2"]), in_km);
    assert!(!in_km.is_empty());
}

#[test]
fn a_truncated_list_says_how_to_see_more() {
    let park = Synced::new(8, 6);
    // An English list shows the treks published in English.
    let listed = park.catalog().search(&TrekQuery::all("en")).unwrap().total;
    assert!(listed > 4, "three pages of two");
    let first = stdout(&park.run(&["treks", "--limit", "2", "--lang", "en"]));
    assert!(first.contains(&format!("2 of {listed} treks")), "{first}");
    assert!(first.contains("--page 2"), "{first}");
    let last_page = listed.div_ceil(2).to_string();
    let last = stdout(&park.run(&[
        "treks", "--limit", "2", "--page", &last_page, "--lang", "en",
    ]));
    assert!(!last.contains("--page"), "{last}");
    let whole = stdout(&park.run(&["treks", "--lang", "en"]));
    assert!(!whole.contains("--page"), "{whole}");
}

#[test]
fn json_output_is_one_document_per_command_errors_included() {
    let park = Synced::new(9, 4);
    let missing = park.run(&["--json", "trek", "987654"]);
    assert!(!missing.status.success());
    let error = document(&missing)["error"]["message"].to_string();
    assert!(error.contains("987654"), "{error}");

    let misused = park.run(&["--json", "treks", "--within", "far"]);
    assert_eq!(misused.status.code(), Some(2));
    assert!(document(&misused)["error"]["message"].is_string());

    let demo = park.run(&["--json", "demo"]);
    assert!(demo.status.success(), "{demo:?}");
    let demo = document(&demo);
    for part in ["sync", "search", "trek"] {
        assert!(demo.get(part).is_some(), "no {part} in {demo}");
    }
}

#[test]
fn errors_name_the_file_or_host_involved() {
    let dir = tempfile::tempdir().unwrap();
    let refused = sentier(dir.path(), &["sync", "http://127.0.0.1:9/api/v2/"]);
    assert!(!refused.status.success());
    let message = stderr(&refused);
    assert!(message.contains("127.0.0.1:9"), "{message}");
    assert!(message.contains("is unchanged"), "{message}");

    let catalog = dir.path().join("catalog.sqlite");
    std::fs::write(&catalog, "not a database, whatever its name says").unwrap();
    let broken = sentier(dir.path(), &["treks"]);
    assert!(!broken.status.success());
    let message = stderr(&broken);
    assert!(message.contains(catalog.to_str().unwrap()), "{message}");
}

#[test]
fn a_sync_address_is_completed_or_explained() {
    let server = ApiServer::start(Territory::generate(&TerritorySpec::small(10, 3))).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let origin = server.origin().trim_end_matches('/').to_string();
    let completed = sentier(dir.path(), &["sync", &origin]);
    let said = stdout(&completed);
    assert!(
        said.contains(&format!("Syncing {origin}/api/v2/")),
        "{said}"
    );

    let elsewhere = sentier(dir.path(), &["sync", &format!("{origin}/mobile/")]);
    assert!(!elsewhere.status.success());
    let explained = stderr(&elsewhere);
    assert!(explained.contains("/api/v2/"), "{explained}");
}

#[test]
fn ctrl_c_stops_a_sync_and_says_the_catalog_is_unchanged() {
    let park = Synced::new(11, 10);
    let before = park.catalog().status().unwrap();
    park.server.with_territory(|t| t.touch(1.0, 5));
    let gate = Gate::new();
    park.server
        .set_faults(FaultPlan::new().with(FaultRule::new("poi", Fault::Hold(gate.clone()))));
    let child = command(park.dir.path(), &["sync", &park.server.base_url()])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    gate.wait_for_held(1);
    let interrupted = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(interrupted.success());
    let output = child.wait_with_output().unwrap();
    gate.open();
    assert!(!output.status.success());
    let message = stderr(&output);
    assert!(message.contains("sync stopped"), "{message}");
    assert!(message.contains("is unchanged"), "{message}");
    assert_eq!(park.catalog().status().unwrap(), before);
}

#[test]
fn a_trek_gpx_url_serves_the_trek_as_gpx() {
    let park = Synced::new(12, 3);
    let id = park.trek_ids(&[])[0];
    let trek = park.json(&["trek", &id.to_string()]);
    let url = trek["gpx_url"].as_str().expect("the trek has a GPX url");
    let body = http_get(url);
    let (head, gpx) = body.split_once("\r\n\r\n").unwrap();
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    assert!(head.contains("application/gpx+xml"), "{head}");
    let parsed = gpx::read(gpx.as_bytes()).expect("valid GPX");
    assert!(parsed.tracks[0].segments[0].points.len() >= 2);
}

/// A plain HTTP/1.1 GET on loopback.
fn http_get(url: &str) -> String {
    use std::io::{Read, Write};
    let rest = url.strip_prefix("http://").expect("a loopback http URL");
    let (host, path) = rest.split_once('/').unwrap();
    let mut stream = std::net::TcpStream::connect(host).unwrap();
    write!(
        stream,
        "GET /{path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    answer
}
