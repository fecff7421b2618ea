//! `fake-geotrek [--preset demo|large] [--port N] [--seed N]`: serves a generated park
//! as a Geotrek-admin API v2 on 127.0.0.1 until Ctrl-C, printing its URL.

use std::process::ExitCode;

use sentier_testkit::{ApiServer, Territory, TerritorySpec};

fn usage() -> ExitCode {
    eprintln!("usage: fake-geotrek [--preset demo|large] [--port N] [--seed N]");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let mut spec = TerritorySpec::demo();
    let mut seed = None;
    let mut port = 0;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.next()) {
            ("--preset", Some(preset)) => {
                spec = match preset.as_str() {
                    "demo" => TerritorySpec::demo(),
                    "large" => TerritorySpec::large(),
                    _ => return usage(),
                }
            }
            ("--port", Some(value)) => match value.parse() {
                Ok(value) => port = value,
                Err(_) => return usage(),
            },
            ("--seed", Some(value)) => match value.parse() {
                Ok(value) => seed = Some(value),
                Err(_) => return usage(),
            },
            _ => return usage(),
        }
    }
    if let Some(seed) = seed {
        spec.seed = seed;
    }
    eprintln!("generating {} treks...", spec.treks);
    let server = match ApiServer::start_on(Territory::generate(&spec), port) {
        Ok(server) => server,
        Err(error) => {
            eprintln!("cannot serve: {error}");
            return ExitCode::FAILURE;
        }
    };
    println!("{}", server.base_url());
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("cannot wait for Ctrl-C: {error}");
            return ExitCode::FAILURE;
        }
    };
    if let Err(error) = runtime.block_on(tokio::signal::ctrl_c()) {
        eprintln!("cannot wait for Ctrl-C: {error}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
