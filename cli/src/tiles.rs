//! `sentier tiles info`, `sentier tiles serve` and `sentier map`: tile sets
//! inspected and served from the desktop by the core's tile server.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use clap::{Args, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use sentier_core::tiles::inspect::{TileSetReport, inspect};
use sentier_core::tiles::{
    GeoJsonOverlays, MapView, OverlayLayer, OverlaySource, ServerOptions, TileLayers, TileServer,
    TileStore,
};
use serde_json::json;

/// Tile sets (MBTiles, PMTiles).
#[derive(Subcommand)]
pub enum TilesCommand {
    /// Prints a tile set's format, schema, bounds, zooms, tile count and validation.
    Info {
        /// The MBTiles or PMTiles file.
        file: PathBuf,
    },
    /// Serves tile sets on 127.0.0.1 until interrupted, and prints the style URL.
    Serve(ServeArgs),
}

/// What to serve.
#[derive(Args)]
pub struct ServeArgs {
    /// Tile sets, each `FILE` (raster sets join layer `basemap`, vector sets
    /// layer `vector`) or `LAYER=FILE`.
    files: Vec<String>,
}

/// The offline map in a browser.
#[derive(Args)]
pub struct MapArgs {
    /// Basemap tile sets as for `tiles serve`; without any, a synthetic relief is generated.
    files: Vec<String>,
    /// GeoJSON of the treks, instead of the offline catalog's (as for the other overlays).
    #[arg(long)]
    treks: Option<PathBuf>,
    /// GeoJSON of the points of interest, instead of the catalog's.
    #[arg(long)]
    pois: Option<PathBuf>,
    /// GeoJSON of the signage, instead of the catalog's.
    #[arg(long)]
    signage: Option<PathBuf>,
    /// GeoJSON of the sensitive areas, instead of the catalog's.
    #[arg(long)]
    sensitive_areas: Option<PathBuf>,
    /// The trek to highlight.
    #[arg(long)]
    trek: Option<i64>,
    /// The `dist` folder of the npm package maplibre-gl (default:
    /// `$SENTIER_MAPLIBRE_DIR`, else the rendering check's copy in this repository).
    #[arg(long)]
    maplibre: Option<PathBuf>,
}

type CliResult = Result<(), Box<dyn std::error::Error>>;

pub fn run_tiles(command: TilesCommand, json: bool) -> CliResult {
    match command {
        TilesCommand::Info { file } => info(&file, json),
        TilesCommand::Serve(args) => {
            let layers = open_layers(&args.files)?;
            let server = TileServer::start(layers, None, ServerOptions::default())?;
            announce(&server, None, json);
            wait_for_interrupt(&server)
        }
    }
}

fn info(file: &Path, json: bool) -> CliResult {
    let spinner = spinner(json, &format!("checking {}", file.display()));
    let report = inspect(file);
    spinner.finish_and_clear();
    let report = report?;
    if json {
        println!("{}", report_json(&report));
    } else {
        print_report(&report);
    }
    Ok(())
}

fn report_json(report: &TileSetReport) -> serde_json::Value {
    let info = &report.info;
    json!({
        "path": info.path,
        "container": format!("{:?}", info.container).to_lowercase(),
        "schema": info.schema,
        "format": info.format.extension(),
        "encoding": format!("{:?}", info.encoding).to_lowercase(),
        "name": info.name,
        "attribution": info.attribution,
        "bounds": [info.bounds.west, info.bounds.south, info.bounds.east, info.bounds.north],
        "center": info.center.map(|c| json!([c.lng, c.lat, c.zoom])),
        "minzoom": info.min_zoom,
        "maxzoom": info.max_zoom,
        "tile_count": info.tile_count,
        "vector_layers": info.vector_layers.as_deref().and_then(|text| serde_json::from_str::<serde_json::Value>(text).ok()),
        "valid": report.problems.is_empty(),
        "problems": report.problems,
        "agg_tiles_hash": report.agg_tiles_hash,
        "unchecked": report.unchecked,
    })
}

fn print_report(report: &TileSetReport) {
    let info = &report.info;
    let b = info.bounds;
    println!("file        {}", info.path);
    println!("container   {:?} ({})", info.container, info.schema);
    println!("format      {} ({:?})", info.format, info.encoding);
    println!("name        {}", info.name);
    if let Some(attribution) = &info.attribution {
        println!("attribution {attribution}");
    }
    println!("bounds      {},{},{},{}", b.west, b.south, b.east, b.north);
    if let Some(c) = info.center {
        println!("center      {},{} z{}", c.lng, c.lat, c.zoom);
    }
    println!("zooms       {}-{}", info.min_zoom, info.max_zoom);
    println!("tiles       {}", info.tile_count);
    if let Some(layers) = &info.vector_layers {
        println!("layers      {layers}");
    }
    if let Some(hash) = &report.agg_tiles_hash {
        println!("agg hash    {hash} (verified)");
    }
    for unchecked in &report.unchecked {
        println!("not checked {unchecked}");
    }
    if report.problems.is_empty() {
        println!("validation  ok");
    } else {
        for problem in &report.problems {
            println!("problem     {problem}");
        }
    }
}

/// Serves the map; overlays come from GeoJSON files when given, else from
/// the offline catalog in `data_dir` when there is one.
pub fn run_map(args: MapArgs, catalogs: &crate::sources::Catalogs, json: bool) -> CliResult {
    let generated = tempfile_dir_if(args.files.is_empty())?;
    let files = match &generated {
        Some(dir) => vec![generate_demo_relief(dir.path(), json)?],
        None => args.files.clone(),
    };
    let layers = open_layers(&files)?;
    let overlays = overlays(&args, catalogs)?;
    let maplibre = args.maplibre.clone().or_else(default_maplibre_dir).ok_or(
        "no MapLibre GL JS found: pass --maplibre DIR (the dist folder of npm maplibre-gl) \
         or run `npm ci` in tests/render",
    )?;
    let server = TileServer::start(
        layers,
        Some(overlays),
        ServerOptions {
            viewer_assets: Some(maplibre),
            ..ServerOptions::default()
        },
    )?;
    announce(&server, Some(args.trek), json);
    wait_for_interrupt(&server)
}

fn tempfile_dir_if(needed: bool) -> Result<Option<tempfile::TempDir>, std::io::Error> {
    needed.then(tempfile::TempDir::new).transpose()
}

#[cfg(not(feature = "demo"))]
fn generate_demo_relief(_: &Path, _: bool) -> Result<String, Box<dyn std::error::Error>> {
    Err(crate::demo::left_out("sentier map without a basemap").into())
}

#[cfg(feature = "demo")]
fn generate_demo_relief(dir: &Path, json: bool) -> Result<String, Box<dyn std::error::Error>> {
    use sentier_testkit::tiles::{TERRITORY, write_relief_mbtiles};
    let spinner = spinner(json, "drawing a synthetic relief (zooms 0-12)");
    let path = dir.join("synthetic-relief.mbtiles");
    let drawn = write_relief_mbtiles(&path, &TERRITORY.zooms(0, 12));
    spinner.finish_and_clear();
    drawn.map_err(|e| e.to_string())?;
    Ok(path.display().to_string())
}

fn overlays(
    args: &MapArgs,
    catalogs: &crate::sources::Catalogs,
) -> Result<Arc<dyn OverlaySource>, Box<dyn std::error::Error>> {
    let catalog = catalogs.in_use().ok().map(|source| source.path);
    let no_files = [
        &args.treks,
        &args.pois,
        &args.signage,
        &args.sensitive_areas,
    ]
    .iter()
    .all(|f| f.is_none());
    if let Some(catalog) = catalog.filter(|_| no_files) {
        return Ok(Arc::new(sentier_core::catalog::Catalog::open(&catalog)?));
    }
    let mut overlays = GeoJsonOverlays::new();
    let files = [
        (OverlayLayer::Treks, &args.treks),
        (OverlayLayer::Pois, &args.pois),
        (OverlayLayer::Signage, &args.signage),
        (OverlayLayer::SensitiveAreas, &args.sensitive_areas),
    ];
    for (layer, file) in files {
        if let Some(file) = file {
            let text = std::fs::read_to_string(file)
                .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
            overlays.set(layer, &text)?;
        }
    }
    Ok(Arc::new(overlays))
}

fn default_maplibre_dir() -> Option<PathBuf> {
    let candidates = [
        std::env::var_os("SENTIER_MAPLIBRE_DIR").map(PathBuf::from),
        Some(PathBuf::from("tests/render/node_modules/maplibre-gl/dist")),
        Some(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../tests/render/node_modules/maplibre-gl/dist"),
        ),
    ];
    candidates
        .into_iter()
        .flatten()
        .find(|dir| dir.join("maplibre-gl.mjs").is_file())
}

/// Opens `FILE` or `LAYER=FILE` arguments into layers.
fn open_layers(files: &[String]) -> Result<Arc<TileLayers>, Box<dyn std::error::Error>> {
    let layers = Arc::new(TileLayers::new());
    for argument in files {
        let (layer, file) = match argument.split_once('=') {
            Some((layer, file)) => (layer.to_string(), PathBuf::from(file)),
            None => {
                let file = PathBuf::from(argument);
                let raster = TileStore::open(&file)?.info().format.is_raster();
                (if raster { "basemap" } else { "vector" }.to_string(), file)
            }
        };
        layers.add(&layer, &file)?;
    }
    Ok(layers)
}

fn announce(server: &TileServer, map_for: Option<Option<i64>>, json: bool) {
    let style = server.style_url(&MapView::selecting(map_for.flatten()));
    let map = map_for.map(|trek| server.map_url(&MapView::selecting(trek)));
    if json {
        println!(
            "{}",
            json!({"base": server.base_url(), "style": style, "map": map})
        );
    } else {
        if let Some(map) = &map {
            println!("map   {map}");
        }
        println!("style {style}");
        println!("(Ctrl-C to stop)");
    }
}

fn wait_for_interrupt(server: &TileServer) -> CliResult {
    sentier_core::runtime::runtime().block_on(tokio::signal::ctrl_c())?;
    server.stop();
    Ok(())
}

fn spinner(hidden: bool, message: &str) -> ProgressBar {
    if hidden {
        return ProgressBar::hidden();
    }
    let spinner = ProgressBar::new_spinner().with_message(message.to_string());
    if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} {elapsed}") {
        spinner.set_style(style);
    }
    spinner.enable_steady_tick(Duration::from_millis(120));
    spinner
}
