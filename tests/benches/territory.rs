//! How heavy the benchmark park is: generating `TerritorySpec::large()`
//! (2,000 treks of 100-5,000 vertices, 20,000 POIs) and serving all of its
//! trek pages over loopback, each next to the time a client needs to merely
//! parse those pages.

#[path = "../tests/common/mod.rs"]
mod common;

use std::time::Instant;

use sentier_testkit::bench::{Comparison, report};
use sentier_testkit::{ApiServer, Territory, TerritorySpec};
use serde_json::Value;

/// The `next` link of a page, read from its head (the envelope starts with
/// `count` and `next`) so the timing does not include parsing the page.
fn next_link(page: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&page[..page.len().min(2_000)]);
    let start = head.find("\"next\":\"")? + "\"next\":\"".len();
    let end = start + head[start..].find('"')?;
    Some(head[start..end].to_string())
}

fn main() {
    let spec = TerritorySpec::large();
    let started = Instant::now();
    let territory = Territory::generate(&spec);
    let generation = started.elapsed().as_secs_f64();

    let server = match ApiServer::start(territory) {
        Ok(server) => server,
        Err(error) => {
            eprintln!("cannot start the server: {error}");
            std::process::exit(1);
        }
    };
    let started = Instant::now();
    let mut pages = Vec::new();
    let mut next = Some(format!("{}trek/?page_size=1000", server.base_url()));
    while let Some(url) = next {
        let body = common::get(&url).body;
        next = next_link(&body);
        pages.push(body);
    }
    let serving = started.elapsed().as_secs_f64();

    let started = Instant::now();
    let mut treks = 0;
    for page in &pages {
        let parsed: Value = serde_json::from_slice(page).unwrap_or(Value::Null);
        treks += parsed["results"].as_array().map_or(0, Vec::len);
    }
    let parsing = started.elapsed().as_secs_f64();
    let megabytes = pages.iter().map(Vec::len).sum::<usize>() as f64 / 1e6;
    println!(
        "INFO large territory: {treks} published treks in {} pages of 1000, {megabytes:.1} MB of trek JSON",
        pages.len()
    );
    report(&Comparison {
        name: "generate TerritorySpec::large()",
        value: generation,
        unit: "s",
        baseline_name: "parse all its trek pages",
        baseline: parsing,
        goal: "reasonable (a few seconds)",
    });
    report(&Comparison {
        name: "serve all trek pages over loopback (page_size=1000)",
        value: serving,
        unit: "s",
        baseline_name: "parse the same pages",
        baseline: parsing,
        goal: "serving is not the bottleneck of a sync benchmark (ratio close to 1)",
    });
}
