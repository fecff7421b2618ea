//! Tile benchmarks (issue 3), printed not asserted:
//! 1. core read path on 1,000 random tiles of a 110,000-tile, 1.35 GB MBTiles
//!    file, against a bare prepared rusqlite SELECT (goal >= 0.8x) and the
//!    `mbtiles` crate's `MbtilesPool::get_tile`; PMTiles read path too;
//! 2. HTTP tiles/s and p99 latency with wrk at 16 connections (goal >= 10,000/s)
//!    against a server process of ours, beside a bare axum handler;
//! 3. peak resident memory of that server process while serving the 1.35 GB
//!    file (goal < 64 MB), beside the same server on a 1,000-tile file;
//! 4. peak resident memory of opening, checking and serving hostile files
//!    (issue 20: directory and root bombs, a 1 GB tile, a zeroblob view, an
//!    11000x11000 ancestor), beside the same work on a normal archive
//!    (goal < 64 MB each). `cargo bench -p sentier-testkit --bench tiles -- hostile`
//!    runs only these.
//!
//! The server and each hostile case run in a child process (this executable
//! with `SENTIER_BENCH_SERVE` or `SENTIER_BENCH_HOSTILE`) so its memory is
//! its own. The bulk files are kept under the target dir between runs.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rand::seq::IndexedRandom;
use rand::{SeedableRng, rngs::StdRng};
use sentier_core::tiles::{ServerOptions, TileCoord, TileLayers, TileServer, TileStore};
use sentier_testkit::bench::{Comparison, report};
use sentier_testkit::tiles::hostile::{
    directory_bomb_pmtiles, huge_png, huge_tile_pmtiles, root_bomb_pmtiles, zeroblob_view_mbtiles,
};
use sentier_testkit::tiles::{
    TERRITORY, bulk_coords, bulk_mbtiles, bulk_pmtiles, metadata, relief_pmtiles,
    write_flat_mbtiles,
};

const BULK_TILES: usize = 110_000;
const BULK_TILE_BYTES: usize = 9_800;
const WORKING_SET: usize = 1_000;
const READ_ROUNDS: usize = 30;
const WRK_SECONDS: u32 = 8;

fn main() {
    if let Ok(spec) = std::env::var("SENTIER_BENCH_SERVE") {
        serve(&spec);
        return;
    }
    if let Ok(spec) = std::env::var("SENTIER_BENCH_HOSTILE") {
        hostile_case(&spec);
        return;
    }
    hostile_files();
    if std::env::args().any(|arg| arg == "hostile") {
        return;
    }
    let data = data_dir();
    let big = data.join(format!("bulk-{BULK_TILES}.mbtiles"));
    let pm = data.join(format!("bulk-{BULK_TILES}-small.pmtiles"));
    let small = data.join("bulk-1000.mbtiles");
    ensure(&big, |p| {
        bulk_mbtiles(p, BULK_TILES, BULK_TILE_BYTES).map(drop)
    });
    ensure(&pm, |p| bulk_pmtiles(p, BULK_TILES, 200, None).map(drop));
    ensure(&small, |p| {
        bulk_mbtiles(p, 1_000, BULK_TILE_BYTES).map(drop)
    });
    let size = std::fs::metadata(&big).map(|m| m.len()).unwrap_or(0);
    println!(
        "bulk file: {} tiles, {:.2} GB",
        BULK_TILES,
        size as f64 / 1e9
    );

    let coords = bulk_coords(BULK_TILES);
    let mut rng = StdRng::seed_from_u64(3);
    let working_set: Vec<TileCoord> = coords
        .choose_multiple(&mut rng, WORKING_SET)
        .copied()
        .collect();
    read_path(&big, &pm, &working_set);
    http_and_memory(&big, &small, &working_set, &bulk_coords(1_000));
}

fn data_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"));
    let dir = target.join("bench-data");
    std::fs::create_dir_all(&dir).expect("bench data dir");
    dir
}

/// Writes the file at `path` with `make` (given a temporary path, renamed
/// once complete) unless an earlier run left it.
fn ensure(path: &Path, make: impl FnOnce(&Path) -> Result<(), sentier_testkit::tiles::Error>) {
    if path.exists() {
        return;
    }
    let started = Instant::now();
    let partial = path.with_extension("partial");
    let _ = std::fs::remove_file(&partial);
    make(&partial).expect("writing bench data");
    std::fs::rename(&partial, path).expect("renaming bench data");
    println!(
        "generated {} in {:.1} s",
        path.display(),
        started.elapsed().as_secs_f64()
    );
}

fn rate(reads: usize, elapsed: Duration) -> f64 {
    reads as f64 / elapsed.as_secs_f64()
}

/// Tiles/s of the core read path on the tile set at `path`, after one warming round.
fn store_rate(path: &Path, working_set: &[TileCoord]) -> f64 {
    let store = TileStore::open(path).expect("open bulk tile set");
    for coord in working_set {
        assert!(store.tile(*coord).expect("read").is_some());
    }
    let started = Instant::now();
    for _ in 0..READ_ROUNDS {
        for coord in working_set {
            std::hint::black_box(store.tile(*coord).expect("read"));
        }
    }
    rate(READ_ROUNDS * working_set.len(), started.elapsed())
}

fn read_path(big: &Path, pm: &Path, working_set: &[TileCoord]) {
    let reads = READ_ROUNDS * working_set.len();

    let core = store_rate(big, working_set);

    let conn =
        rusqlite::Connection::open_with_flags(big, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("open raw");
    let mut select = conn
        .prepare("SELECT tile_data FROM tiles WHERE zoom_level = ?1 AND tile_column = ?2 AND tile_row = ?3")
        .expect("prepare");
    let started = Instant::now();
    for _ in 0..READ_ROUNDS {
        for c in working_set {
            let bytes: Vec<u8> = select
                .query_row(rusqlite::params![c.z(), c.x(), c.tms_row()], |row| {
                    row.get(0)
                })
                .expect("raw read");
            std::hint::black_box(bytes);
        }
    }
    let raw = rate(reads, started.elapsed());

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let crate_rate = runtime.block_on(async {
        let pool = mbtiles::MbtilesPool::open_readonly(big)
            .await
            .expect("mbtiles pool");
        let started = Instant::now();
        for _ in 0..READ_ROUNDS {
            for c in working_set {
                std::hint::black_box(
                    pool.get_tile(c.z(), c.x(), c.y())
                        .await
                        .expect("crate read"),
                );
            }
        }
        rate(reads, started.elapsed())
    });

    let pmtiles = store_rate(pm, working_set);

    report(&Comparison {
        name: "core MBTiles read path, 1,000 random tiles of 110,000 (1.35 GB)",
        value: core,
        unit: "tiles/s",
        baseline_name: "raw prepared rusqlite SELECT",
        baseline: raw,
        goal: "ratio >= 0.8",
    });
    report(&Comparison {
        name: "core MBTiles read path",
        value: core,
        unit: "tiles/s",
        baseline_name: "mbtiles crate MbtilesPool::get_tile",
        baseline: crate_rate,
        goal: "report the ratio",
    });
    report(&Comparison {
        name: "core PMTiles read path, same working set (110,000 tiles, leaf directories)",
        value: pmtiles,
        unit: "tiles/s",
        baseline_name: "raw prepared rusqlite SELECT on the MBTiles",
        baseline: raw,
        goal: "report the ratio",
    });
}

/// Child mode: serve `kind:path` (`core:` the tile server on the file, `bare:`
/// a bare axum handler returning one tile of the file) and print the base URL.
fn serve(spec: &str) {
    let (kind, path) = spec.split_once(':').expect("kind:path");
    let base = match kind {
        "core" => {
            let layers = Arc::new(TileLayers::new());
            layers
                .add("basemap", Path::new(path))
                .expect("add bulk file");
            let server = TileServer::start(layers, None, ServerOptions::default()).expect("start");
            let base = server.base_url().to_string();
            std::mem::forget(server);
            base
        }
        _ => bare_server(path),
    };
    println!("{base}");
    // Serve until the parent closes our stdin.
    let _ = std::io::stdin().read_line(&mut String::new());
}

/// The HTTP ceiling: the same runtime and axum, one in-memory tile per request.
fn bare_server(path: &str) -> String {
    let store = TileStore::open(Path::new(path)).expect("open");
    let tile = store
        .tile(TileCoord::new(0, 0, 0).expect("z0"))
        .expect("read")
        .expect("z0 tile");
    let app = axum::Router::new().route(
        "/{token}/tiles/{layer}/{z}/{x}/{y}",
        axum::routing::get(move || {
            let tile = tile.clone();
            async move { ([(axum::http::header::CONTENT_TYPE, "image/png")], tile) }
        }),
    );
    let runtime = sentier_core::runtime::runtime();
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind(("127.0.0.1", 0)))
        .expect("bind");
    let address = listener.local_addr().expect("address");
    runtime.spawn(async move { axum::serve(listener, app).await });
    format!("http://{address}/bare")
}

struct ServerProcess {
    child: Child,
    base: String,
}

impl ServerProcess {
    fn start(kind: &str, path: &Path) -> ServerProcess {
        let mut child = Command::new(std::env::current_exe().expect("own path"))
            .env("SENTIER_BENCH_SERVE", format!("{kind}:{}", path.display()))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("spawn server process");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("server URL");
        ServerProcess {
            child,
            base: line.trim().to_string(),
        }
    }

    /// Peak resident memory (VmHWM) in MB.
    fn peak_rss_mb(&self) -> f64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .unwrap_or_default();
        status
            .lines()
            .find_map(|line| line.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
            .map_or(f64::NAN, |kb| kb / 1024.0)
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        drop(self.child.stdin.take());
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct WrkResult {
    requests_per_second: f64,
    p99_ms: f64,
    non_2xx: u64,
}

fn wrk(server: &ServerProcess, coords: &[TileCoord], dir: &Path) -> Option<WrkResult> {
    let script = dir.join("tiles.lua");
    let path_of = |c: &TileCoord| {
        format!(
            "{}/tiles/basemap/{}/{}/{}.png",
            server_path(&server.base),
            c.z(),
            c.x(),
            c.y()
        )
    };
    let paths: Vec<String> = coords
        .iter()
        .map(|c| format!("\"{}\"", path_of(c)))
        .collect();
    let lua = format!(
        "local paths = {{{}}}\nlocal i = 0\nrequest = function()\n  i = i + 1\n  return wrk.format(\"GET\", paths[(i % #paths) + 1])\nend\n",
        paths.join(",")
    );
    std::fs::File::create(&script)
        .and_then(|mut f| f.write_all(lua.as_bytes()))
        .ok()?;
    let output = Command::new("wrk")
        .args([
            "-t2",
            "-c16",
            &format!("-d{WRK_SECONDS}s"),
            "--latency",
            "-s",
        ])
        .arg(&script)
        .arg(&server.base)
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&output.stdout);
    let requests_per_second = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("Requests/sec:"))
        .and_then(|v| v.trim().parse().ok())?;
    let p99_ms = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("99%"))
        .and_then(|v| parse_duration_ms(v.trim()))?;
    let non_2xx = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("Non-2xx or 3xx responses:"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0);
    Some(WrkResult {
        requests_per_second,
        p99_ms,
        non_2xx,
    })
}

fn server_path(base: &str) -> String {
    let rest = base.trim_start_matches("http://");
    rest[rest.find('/').unwrap_or(rest.len())..].to_string()
}

fn parse_duration_ms(text: &str) -> Option<f64> {
    let split = text.find(|c: char| c.is_ascii_alphabetic())?;
    let (number, unit) = text.split_at(split);
    let number: f64 = number.parse().ok()?;
    match unit {
        "us" => Some(number / 1000.0),
        "ms" => Some(number),
        "s" => Some(number * 1000.0),
        _ => None,
    }
}

fn http_and_memory(big: &Path, small: &Path, working_set: &[TileCoord], small_set: &[TileCoord]) {
    if Command::new("wrk").arg("--version").output().is_err() {
        println!("BENCH http: skipped, wrk is not installed (apt-get install -y wrk)");
        return;
    }
    let dir = data_dir();
    let bare = ServerProcess::start("bare", small);
    let Some(ceiling) = wrk(&bare, working_set, &dir) else {
        println!("BENCH http: wrk failed against the bare server");
        return;
    };
    drop(bare);

    let core = ServerProcess::start("core", big);
    let idle_rss = core.peak_rss_mb();
    let Some(served) = wrk(&core, working_set, &dir) else {
        println!("BENCH http: wrk failed against the tile server");
        return;
    };
    let big_rss = core.peak_rss_mb();
    drop(core);

    let small_server = ServerProcess::start("core", small);
    let small_result = wrk(&small_server, small_set, &dir);
    let small_rss = small_server.peak_rss_mb();
    drop(small_server);

    println!(
        "http: {} non-2xx answers from the tile server, {} from the bare one; tile server RSS before load {idle_rss:.1} MB; 1,000-tile run {:.0} req/s",
        served.non_2xx,
        ceiling.non_2xx,
        small_result.map_or(f64::NAN, |r| r.requests_per_second)
    );
    report(&Comparison {
        name: "HTTP tiles from the 1.35 GB file, 1,000 random tiles, wrk 16 connections",
        value: served.requests_per_second,
        unit: "tiles/s",
        baseline_name: "bare axum handler, one in-memory tile",
        baseline: ceiling.requests_per_second,
        goal: ">= 10,000 tiles/s",
    });
    report(&Comparison {
        name: "HTTP p99 latency, same run",
        value: served.p99_ms,
        unit: "ms",
        baseline_name: "bare axum handler",
        baseline: ceiling.p99_ms,
        goal: "report",
    });
    report(&Comparison {
        name: "peak RSS of the tile server process serving the 1.35 GB file under load",
        value: big_rss,
        unit: "MB",
        baseline_name: "same server on a 1,000-tile file, same load",
        baseline: small_rss,
        goal: "< 64 MB",
    });
}

/// Child mode: does `work:path` and prints its own peak resident memory in
/// MB. `inspect` checks the file whole, `open` opens it, `serve` serves it
/// and answers 16 concurrent clients asking for 0/0/0, 2/2/1 (overzoomed
/// from 0/0/0 when the set stops there) and 64 tiles spread over its deepest zoom.
fn hostile_case(spec: &str) {
    let (work, path) = spec.split_once(':').expect("work:path");
    let path = Path::new(path);
    let outcome = match work {
        "inspect" => sentier_core::tiles::inspect::inspect(path)
            .map(|report| format!("{} problems", report.problems.len()))
            .unwrap_or_else(|e| e.to_string()),
        "open" => TileStore::open(path)
            .map(|_| "opened".to_string())
            .unwrap_or_else(|e| e.to_string()),
        _ => serve_concurrently(path),
    };
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let peak = status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0);
    println!("{peak} {outcome}");
}

fn serve_concurrently(path: &Path) -> String {
    let layers = Arc::new(TileLayers::new());
    let max_zoom = match layers.add("relief", path) {
        Ok(info) => info.max_zoom.min(16),
        Err(error) => return error.to_string(),
    };
    let side = 1u32 << max_zoom;
    let spread = (0..64u32).map(|i| (max_zoom, (i * 7919) % side, (i * 104_729) % side));
    let coords: Vec<(u8, u32, u32)> = [(0, 0, 0), (2, 2, 1)].into_iter().chain(spread).collect();
    let server = TileServer::start(layers, None, ServerOptions::default()).expect("start");
    let base = server.base_url();
    let mut statuses: Vec<u16> = std::thread::scope(|scope| {
        let clients: Vec<_> = (0..16)
            .map(|client| {
                let coords = &coords;
                scope.spawn(move || {
                    coords
                        .iter()
                        .skip(client)
                        .step_by(16)
                        .map(|(z, x, y)| {
                            let url = format!("{base}/tiles/relief/{z}/{x}/{y}.png");
                            sentier_testkit::loopback::get_url(&url, &[]).map_or(0, |r| r.status)
                        })
                        .collect::<Vec<u16>>()
                })
            })
            .collect();
        clients
            .into_iter()
            .flat_map(|c| c.join().unwrap_or_default())
            .collect()
    });
    statuses.sort_unstable();
    statuses.dedup();
    format!("answers {statuses:?}")
}

/// Peak memory of each hostile case beside the same work on a normal archive.
fn hostile_files() {
    let dir = tempfile_dir();
    let normal = dir.join("normal.pmtiles");
    relief_pmtiles(
        &normal,
        &TERRITORY.zooms(0, 10),
        sentier_core::tiles::TileFormat::Png,
    )
    .expect("normal archive");
    let normal_mbtiles = dir.join("normal.mbtiles");
    sentier_testkit::tiles::relief_mbtiles(
        &normal_mbtiles,
        &TERRITORY.zooms(0, 10),
        sentier_testkit::tiles::MbtilesSchema::Flat,
        sentier_core::tiles::TileFormat::Png,
    )
    .expect("normal mbtiles");
    let file = |name: &str| dir.join(name);
    directory_bomb_pmtiles(&file("leaf-bomb.pmtiles"), 150, 4 << 20).expect("leaf bomb");
    directory_bomb_pmtiles(&file("full-leaves.pmtiles"), 150, 1 << 19).expect("full leaves");
    root_bomb_pmtiles(&file("root-bomb.pmtiles"), 60_000_000, 64 << 20).expect("root bomb");
    huge_tile_pmtiles(&file("huge-tile.pmtiles"), 1 << 30).expect("huge tile");
    zeroblob_view_mbtiles(&file("zeroblob.mbtiles"), 900_000_000).expect("zeroblob view");
    let giant = huge_png(11_000, 11_000);
    let origin = TileCoord::new(0, 0, 0).expect("z0");
    write_flat_mbtiles(
        &file("giant-ancestor.mbtiles"),
        &metadata(
            "giant",
            &TERRITORY.zooms(0, 0),
            sentier_core::tiles::TileFormat::Png,
        ),
        [(origin, giant.as_slice())],
    )
    .expect("giant ancestor");
    let cases: [(&str, &str, &str, &Path); 8] = [
        (
            "tiles info on a PMTiles of 150 gzip leaves of 4M entries",
            "inspect",
            "leaf-bomb.pmtiles",
            &normal,
        ),
        (
            "tiles serve of that PMTiles, 16 clients",
            "serve",
            "leaf-bomb.pmtiles",
            &normal,
        ),
        (
            "tiles info on a PMTiles of 150 leaves of 2^19 entries (the cap)",
            "inspect",
            "full-leaves.pmtiles",
            &normal,
        ),
        (
            "tiles serve of that PMTiles, 16 clients across its leaves",
            "serve",
            "full-leaves.pmtiles",
            &normal,
        ),
        (
            "opening a 65 kB root bomb (64 MiB of zeros)",
            "open",
            "root-bomb.pmtiles",
            &normal,
        ),
        (
            "tiles serve of a 1 GB tile (sparse file), 16 clients",
            "serve",
            "huge-tile.pmtiles",
            &normal,
        ),
        (
            "opening an MBTiles view of a 900 MB zeroblob",
            "open",
            "zeroblob.mbtiles",
            &normal_mbtiles,
        ),
        (
            "tiles serve of an 11000x11000 ancestor, 16 clients overzooming it",
            "serve",
            "giant-ancestor.mbtiles",
            &normal_mbtiles,
        ),
    ];
    for (name, work, hostile, normal) in cases {
        let (peak, outcome) = run_hostile_case(work, &file(hostile));
        let (baseline, _) = run_hostile_case(work, normal);
        println!("hostile: {name}: {outcome}");
        report(&Comparison {
            name: &format!("peak RSS, {name}"),
            value: peak,
            unit: "MB",
            baseline_name: "same work on a normal 1,400-tile archive",
            baseline,
            goal: "< 64 MB",
        });
    }
    let _ = std::fs::remove_dir_all(&dir);
}

fn run_hostile_case(work: &str, path: &Path) -> (f64, String) {
    let output = Command::new(std::env::current_exe().expect("own path"))
        .env(
            "SENTIER_BENCH_HOSTILE",
            format!("{work}:{}", path.display()),
        )
        .output()
        .expect("run hostile case");
    let text = String::from_utf8_lossy(&output.stdout);
    let (peak, outcome) = text.trim().split_once(' ').unwrap_or((text.trim(), ""));
    let outcome = if output.status.success() {
        outcome.to_string()
    } else {
        format!("the process died ({})", output.status)
    };
    (peak.parse().unwrap_or(f64::NAN), outcome)
}

fn tempfile_dir() -> PathBuf {
    let dir = data_dir().join("hostile");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("hostile dir");
    dir
}
