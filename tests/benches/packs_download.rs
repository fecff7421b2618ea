//! Pack download benchmarks (issue 4), printed not asserted:
//! 1. throughput of a 256 MB pack from the test kit's pack server on
//!    loopback, against curl saving the same files from the same server
//!    (4 parallel transfers each; goal >= 0.8x);
//! 2. peak resident memory (VmHWM) of a process downloading and verifying a
//!    1 GB pack (goal < 100 MB), beside the same process on the 256 MB pack.
//!
//! Downloads run in a child process (this executable with
//! `SENTIER_BENCH_DOWNLOAD=<url> <data dir>`) so their memory is their own.
//! The packs are generated (seeded random bytes) in a temporary folder that
//! is deleted at the end.

use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use rand::{RngCore, SeedableRng, rngs::StdRng};
use sentier_core::packs::download::TransferOptions;
use sentier_core::packs::{FileKind, PackLibrary, PackManifest, build_manifest, index};
use sentier_core::runtime::runtime;
use sentier_testkit::bench::{Comparison, report};
use sentier_testkit::pack_server::PackServer;
use tokio_util::sync::CancellationToken;

const FILE_BYTES: usize = 8 << 20;
const SMALL_FILES: usize = 32;
const LARGE_FILES: usize = 128;

fn main() {
    if let Ok(spec) = std::env::var("SENTIER_BENCH_DOWNLOAD") {
        download_and_report(&spec);
        return;
    }
    let work = tempfile::tempdir().expect("temporary folder");
    let server_root = work.path().join("server");
    let small = publish(&server_root, "small", SMALL_FILES, 1);
    let large = publish(&server_root, "large", LARGE_FILES, 2);
    println!(
        "packs: {:.0} MB and {:.0} MB of {} MB files",
        small.total_size() as f64 / 1e6,
        large.total_size() as f64 / 1e6,
        FILE_BYTES >> 20
    );
    let server = PackServer::start(&server_root).expect("pack server");
    let url = server.url();

    let curl_seconds = curl(&url, &small, &work.path().join("curl"));
    std::fs::remove_dir_all(work.path().join("curl")).ok();
    let (small_seconds, small_rss) = child_download(&url, "small", &work.path().join("small"));
    let megabytes = small.total_size() as f64 / 1e6;
    report(&Comparison {
        name: "download + verify + install of a 256 MB pack (4 transfers)",
        value: megabytes / small_seconds,
        unit: "MB/s",
        baseline_name: "curl --parallel-max 4 saving the same files, same server",
        baseline: megabytes / curl_seconds,
        goal: "ratio >= 0.8",
    });
    std::fs::remove_dir_all(work.path().join("small")).ok();

    let (_, large_rss) = child_download(&url, "large", &work.path().join("large"));
    report(&Comparison {
        name: "peak RSS downloading + verifying a 1 GB pack",
        value: large_rss,
        unit: "MB",
        baseline_name: "same process, 256 MB pack",
        baseline: small_rss,
        goal: "value < 100 MB",
    });
}

/// Writes pack `id` of `files` seeded random files under `root` and lists it
/// in `root`'s index.
fn publish(root: &Path, id: &str, files: usize, seed: u64) -> PackManifest {
    let dir = root.join(id);
    std::fs::create_dir_all(dir.join("media")).expect("pack folder");
    let mut rng = StdRng::seed_from_u64(seed);
    let mut block = vec![0u8; 1 << 20];
    let mut listed = Vec::new();
    for n in 0..files {
        let path = format!("media/{n:04}.bin");
        let mut file = std::fs::File::create(dir.join(&path)).expect("pack file");
        for _ in 0..FILE_BYTES / block.len() {
            rng.fill_bytes(&mut block);
            file.write_all(&block).expect("pack file write");
        }
        listed.push((path, FileKind::Media));
    }
    let template = PackManifest {
        format: 1,
        id: id.into(),
        name: id.into(),
        version: 1,
        created: "2026-01-01T00:00:00Z".into(),
        source_api: "http://127.0.0.1/api/v2/".into(),
        bbox: vec![6.0, 44.6, 6.5, 45.0],
        languages: vec!["fr".into()],
        min_zoom: 0,
        max_zoom: 0,
        files: Vec::new(),
    };
    let manifest = build_manifest(&dir, &listed, template).expect("manifest");
    std::fs::write(
        dir.join("manifest.json"),
        manifest.to_bytes().expect("manifest bytes"),
    )
    .expect("manifest write");
    index::publish(root, &manifest).expect("index");
    manifest
}

/// Seconds curl takes to save every file of `manifest` under `into`, 4 at a time.
fn curl(url: &str, manifest: &PackManifest, into: &Path) -> f64 {
    let mut command = Command::new("curl");
    command.args([
        "--silent",
        "--fail",
        "--create-dirs",
        "--parallel",
        "--parallel-max",
        "4",
    ]);
    for file in &manifest.files {
        command
            .arg(format!("{url}{}/{}", manifest.id, file.path))
            .arg("-o")
            .arg(into.join(&file.path));
    }
    let start = Instant::now();
    let status = command.status().expect("curl runs");
    assert!(status.success(), "curl failed: {status}");
    start.elapsed().as_secs_f64()
}

/// Runs a child that downloads pack `id` into `data_dir`; its seconds and peak RSS in MB.
fn child_download(url: &str, id: &str, data_dir: &Path) -> (f64, f64) {
    let output = Command::new(std::env::current_exe().expect("own path"))
        .env(
            "SENTIER_BENCH_DOWNLOAD",
            format!("{url}{id} {}", data_dir.display()),
        )
        .output()
        .expect("child runs");
    let text = String::from_utf8_lossy(&output.stdout);
    let figures: Vec<f64> = text
        .split_whitespace()
        .filter_map(|word| word.parse().ok())
        .collect();
    match figures.as_slice() {
        [seconds, rss] => (*seconds, *rss),
        _ => panic!(
            "child download failed: {text}{}",
            String::from_utf8_lossy(&output.stderr)
        ),
    }
}

/// In the child: downloads `<server url><id> <data dir>`, prints its seconds and VmHWM in MB.
fn download_and_report(spec: &str) {
    let (pack_url, data_dir) = spec.split_once(' ').expect("url and data dir");
    let (server, id) = pack_url.rsplit_once('/').expect("server and id");
    let library =
        PackLibrary::open(Path::new(data_dir), TransferOptions::default()).expect("library");
    let start = Instant::now();
    runtime()
        .block_on(library.download(
            &format!("{server}/"),
            id,
            &|_| {},
            &CancellationToken::new(),
        ))
        .expect("download");
    let seconds = start.elapsed().as_secs_f64();
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let rss_mb = status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0);
    println!("{seconds} {rss_mb}");
}
