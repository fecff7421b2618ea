//! `sample-basemap OUT.mbtiles [--max-zoom N]`: writes a small basemap (the
//! synthetic relief, JPEG, zooms 0 to N, 13 by default) over the park that
//! `fake-geotrek` serves, for trying `sentier pack build --tiles` and
//! `sentier map` on a fresh clone.

use std::path::PathBuf;
use std::process::ExitCode;

use sentier_core::tiles::TileFormat;
use sentier_testkit::territory::PARK_EXTENT;
use sentier_testkit::tiles::{MbtilesSchema, TileArea, relief_mbtiles};

fn usage() -> ExitCode {
    eprintln!("usage: sample-basemap OUT.mbtiles [--max-zoom N]   (N from 0 to 16)");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let mut out = None;
    let mut max_zoom = 13u8;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--max-zoom" => match args.next().and_then(|v| v.parse().ok()) {
                Some(zoom) if zoom <= 16 => max_zoom = zoom,
                _ => return usage(),
            },
            _ if out.is_none() && !arg.starts_with('-') => out = Some(PathBuf::from(arg)),
            _ => return usage(),
        }
    }
    let Some(out) = out else { return usage() };
    if out.exists() {
        eprintln!("{} exists: give a new file", out.display());
        return ExitCode::FAILURE;
    }
    let [west, south, east, north] = PARK_EXTENT;
    let area = TileArea {
        west,
        south,
        east,
        north,
        min_zoom: 0,
        max_zoom,
    };
    match relief_mbtiles(&out, &area, MbtilesSchema::Flat, TileFormat::Jpeg) {
        Ok(count) => {
            println!("{}: {count} tiles, zooms 0-{max_zoom}", out.display());
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("cannot write {}: {error}", out.display());
            ExitCode::FAILURE
        }
    }
}
