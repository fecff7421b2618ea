//! Catalog benchmarks on the 2,000-trek / 20,000-POI synthetic park served on
//! loopback: full sync against downloading and parsing the same pages
//! without storing them, incremental sync after 1% changed against the full
//! sync, and search latency over a fixed list of queries.

use std::time::Instant;

use sentier_core::catalog::fetch::Fetcher;
use sentier_core::catalog::resources::{RESOURCES, Role};
use sentier_core::catalog::wire::{Object, Trek};
use sentier_core::catalog::{Catalog, Limits, SyncOptions, TrekQuery, sync::sync};
use sentier_core::runtime::runtime;
use sentier_testkit::api_server::ApiServer;
use sentier_testkit::bench::{Comparison, quantile, report};
use sentier_testkit::territory::{Territory, TerritorySpec};
use tokio_util::sync::CancellationToken;

/// Downloads and decodes every page a full sync reads, storing nothing.
async fn download_and_parse(api_url: &str) -> u64 {
    let fetcher = Fetcher::new(api_url, Limits::default()).expect("fetcher");
    let cancel = CancellationToken::new();
    let mut objects = 0;
    for resource in RESOURCES {
        let query = resource.list_query(None);
        let mut pages = fetcher.pages(resource.path, fetcher.list_url(resource.path, &query));
        while let Ok(Some(body)) = pages.next(&cancel, &|_| {}).await {
            for raw in body.envelope(resource.path).expect("page").results {
                let decoded = match resource.role {
                    Role::Trek => serde_json::from_str::<Trek>(raw.get()).map(|_| ()),
                    _ => serde_json::from_str::<Object>(raw.get()).map(|_| ()),
                };
                decoded.expect("object");
                objects += 1;
            }
        }
    }
    objects
}

fn main() {
    let started = Instant::now();
    let territory = Territory::generate(&TerritorySpec::large());
    println!(
        "generated the large park in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let server = ApiServer::start(territory).expect("server");
    let api_url = server.base_url();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("catalog.sqlite");
    let options = SyncOptions {
        languages: vec!["fr".into(), "en".into()],
        portal: None,
    };
    let sync_once = || {
        runtime()
            .block_on(sync(
                &path,
                &api_url,
                &options,
                Limits::default(),
                &|_| {},
                &CancellationToken::new(),
            ))
            .expect("sync")
    };

    let started = Instant::now();
    let objects = runtime().block_on(download_and_parse(&api_url));
    let baseline = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let full = sync_once();
    let full_s = started.elapsed().as_secs_f64();
    println!(
        "full sync: {} objects ({objects} parsed by the baseline), {:.0} MB",
        full.objects_upserted,
        full.bytes_downloaded as f64 / 1e6
    );
    report(&Comparison {
        name: "full sync of the large park into an empty store",
        value: full_s,
        unit: "s",
        baseline_name: "download + parse the same pages, no store",
        baseline,
        goal: "ratio <= 2.0",
    });

    server.with_territory(|t| t.touch(0.01, 42));
    let started = Instant::now();
    let incremental = sync_once();
    let incremental_s = started.elapsed().as_secs_f64();
    assert!(incremental.incremental);
    println!(
        "incremental sync: {} objects re-stored, {:.1} MB",
        incremental.objects_upserted,
        incremental.bytes_downloaded as f64 / 1e6
    );
    report(&Comparison {
        name: "incremental sync after 1% of objects changed",
        value: incremental_s,
        unit: "s",
        baseline_name: "full sync",
        baseline: full_s,
        goal: "ratio <= 0.10",
    });

    let catalog = Catalog::open(&path).expect("catalog");
    let queries = [
        "lac",
        "col",
        "ecrins",
        "refuge",
        "lac blanc",
        "sei",
        "tour des",
        "cascade",
        "vallouise",
        "pic",
        "chapelle",
        "alpage",
        "crete",
        "boucle",
        "gorges",
        "pont",
        "village",
        "belvedere",
        "glacier",
        "bois",
    ];
    let mut samples = Vec::new();
    for round in 0..20 {
        for text in queries {
            let language = if round % 2 == 0 { "fr" } else { "en" };
            let started = Instant::now();
            let page = catalog
                .search(&TrekQuery {
                    text: Some(text.into()),
                    ..TrekQuery::all(language)
                })
                .expect("search");
            samples.push(started.elapsed().as_secs_f64() * 1e3);
            std::hint::black_box(page);
        }
    }
    let p50 = quantile(&mut samples, 0.5);
    let p99 = quantile(&mut samples, 0.99);
    let started = Instant::now();
    for _ in 0..200 {
        std::hint::black_box(catalog.status().expect("status"));
    }
    let trivial = started.elapsed().as_secs_f64() * 1e3 / 200.0;
    report(&Comparison {
        name: "search p50",
        value: p50,
        unit: "ms",
        baseline_name: "a trivial catalog query (status)",
        baseline: trivial,
        goal: "p99 < 2 ms",
    });
    report(&Comparison {
        name: "search p99",
        value: p99,
        unit: "ms",
        baseline_name: "a trivial catalog query (status)",
        baseline: trivial,
        goal: "p99 < 2 ms",
    });
}
