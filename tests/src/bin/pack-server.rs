//! `pack-server --root DIR [--port N] [--seed N] [--relief] [--trickle BYTES_PER_S] [--territory]`:
//! builds a pack (`demo`) of a small generated park (12 treks; data and
//! media, and with `--relief` the synthetic relief as its basemap, zooms
//! 0-13) into DIR and serves DIR as a pack server on 127.0.0.1 until
//! stopped, printing its URL. `--trickle` sends every file's body at that
//! rate, so that a download stays under way long enough to be watched.
//! With `--territory`, DIR also holds the park's Geotrek-mobile tree
//! (`DIR/mobile/`, basemap z0-8, trek tiles z10-11) and the line printed is
//! the server's URL, a space and the park's API URL, so a territory can be
//! added from them.

use std::path::PathBuf;
use std::process::ExitCode;

use sentier_core::packs::build::{BuildOptions, build_pack};
use sentier_core::packs::tiles::TilePlan;
use sentier_testkit::mobile_tree::write_mobile_tree;
use sentier_testkit::pack_server::{PackFault, PackFaultRule, PackServer};
use sentier_testkit::tiles::{TERRITORY, write_relief_mbtiles};
use sentier_testkit::{ApiServer, Territory, TerritorySpec};
use tokio_util::sync::CancellationToken;

/// The id of the pack this server publishes.
const PACK_ID: &str = "demo";

fn usage() -> ExitCode {
    eprintln!(
        "usage: pack-server --root DIR [--port N] [--seed N] [--relief] [--trickle BYTES_PER_S]"
    );
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let mut spec = TerritorySpec::small(2024, 12);
    let mut root = None;
    let mut port = 0;
    let mut relief = false;
    let mut territory = false;
    let mut trickle = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--relief" {
            relief = true;
            continue;
        }
        if arg == "--territory" {
            territory = true;
            continue;
        }
        match (arg.as_str(), args.next()) {
            ("--root", Some(dir)) => root = Some(PathBuf::from(dir)),
            ("--port", Some(value)) => match value.parse() {
                Ok(value) => port = value,
                Err(_) => return usage(),
            },
            ("--seed", Some(value)) => match value.parse() {
                Ok(value) => spec.seed = value,
                Err(_) => return usage(),
            },
            ("--trickle", Some(value)) => match value.parse() {
                Ok(value) => trickle = Some(value),
                Err(_) => return usage(),
            },
            _ => return usage(),
        }
    }
    let Some(root) = root else {
        return usage();
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("cannot start a runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    let park = Territory::generate(&spec);
    if territory && let Err(error) = write_mobile_tree(&park, &root, 0..=8, 10..=11) {
        eprintln!("cannot write the park's Geotrek-mobile tree: {error}");
        return ExitCode::FAILURE;
    }
    let api = match ApiServer::start(park) {
        Ok(api) => api,
        Err(error) => {
            eprintln!("cannot serve the park's API: {error}");
            return ExitCode::FAILURE;
        }
    };
    // Beside the served folder, not in it: only the pack's own cut of it is served.
    let basemap = relief.then(|| root.with_extension("relief.mbtiles"));
    if let Some(path) = &basemap
        && let Err(error) = write_relief_mbtiles(path, &TERRITORY.zooms(0, 13))
    {
        eprintln!("cannot draw the relief: {error}");
        return ExitCode::FAILURE;
    }
    let options = BuildOptions {
        api_url: api.base_url(),
        tiles: basemap,
        out: root.clone(),
        id: PACK_ID.into(),
        name: "Demo park".into(),
        languages: Vec::new(),
        bbox: None,
        plan: TilePlan::default(),
    };
    if let Err(error) = runtime.block_on(build_pack(&options, &|_| {}, &CancellationToken::new())) {
        eprintln!("cannot build the pack: {error}");
        return ExitCode::FAILURE;
    }
    let server = match PackServer::start_on(&root, port) {
        Ok(server) => server,
        Err(error) => {
            eprintln!("cannot serve {}: {error}", root.display());
            return ExitCode::FAILURE;
        }
    };
    if let Some(bytes_per_second) = trickle {
        server.set_faults(vec![PackFaultRule::new(
            "*",
            PackFault::Trickle { bytes_per_second },
            usize::MAX,
        )]);
    }
    if territory {
        println!("{} {}", server.url(), api.base_url());
    } else {
        println!("{}", server.url());
    }
    if let Err(error) = runtime.block_on(tokio::signal::ctrl_c()) {
        eprintln!("cannot wait for Ctrl-C: {error}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
