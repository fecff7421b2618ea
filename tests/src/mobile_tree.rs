//! A Geotrek-mobile tree over a synthetic territory, in the layout
//! Geotrek-admin's `sync_mobile` writes (the real sample is in
//! `../shared/fixtures/geotrek-mobile-sync/`): `nolang/global.zip` (relief
//! tiles `tiles/{z}/{x}/{y}.png` over the park at the global zooms, and a
//! pictogram), `nolang/<trek id>.zip` (`/<id>/tiles/{z}/{x}/{y}.png` around
//! the trek at the trek zooms, and a picture) and `<lang>/treks.geojson`.
//! Served by [`crate::api_server::ApiServer::serve_mobile_tree`] it stands
//! for a park's `https://HOST/mobile/` behind its nginx; served by a
//! [`crate::pack_server::PackServer`] over its parent folder, for a plain
//! static copy.

use std::collections::BTreeSet;
use std::io::Write;
use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};

use sentier_core::tiles::{TileCoord, TileFormat};
use serde_json::{Value, json};
use zip::write::SimpleFileOptions;

use crate::Resource;
use crate::territory::Territory;
use crate::tiles::{Error, TERRITORY, relief_tile};

/// What a written tree holds.
#[derive(Clone, Debug, PartialEq)]
pub struct MobileTree {
    /// The tree's folder (`.../mobile/`).
    pub root: PathBuf,
    /// The tiles of `global.zip`.
    pub global_tiles: BTreeSet<TileCoord>,
    /// Each trek's id and the tiles of its zip.
    pub treks: Vec<(u64, BTreeSet<TileCoord>)>,
}

impl MobileTree {
    /// Every tile of the tree.
    pub fn all_tiles(&self) -> BTreeSet<TileCoord> {
        let mut all = self.global_tiles.clone();
        self.treks.iter().for_each(|(_, tiles)| all.extend(tiles));
        all
    }
}

/// Writes the tree of `territory` into `<parent>/mobile/`: the basemap at
/// `global_zooms`, each trek's corridor (the tiles its vertices fall in
/// and their neighbours) at `trek_zooms`.
pub fn write_mobile_tree(
    territory: &Territory,
    parent: &Path,
    global_zooms: RangeInclusive<u8>,
    trek_zooms: RangeInclusive<u8>,
) -> Result<MobileTree, Error> {
    let root = parent.join("mobile");
    let nolang = root.join("nolang");
    std::fs::create_dir_all(&nolang)?;
    let area = TERRITORY.zooms(*global_zooms.start(), *global_zooms.end());
    let global_tiles: BTreeSet<TileCoord> = area.coords().into_iter().collect();
    write_zip(
        &nolang.join("global.zip"),
        "",
        &global_tiles,
        "media/upload/practice.png",
    )?;

    let mut treks = Vec::new();
    let mut departures = Vec::new();
    for id in territory.ids(Resource::Trek) {
        let Some(record) = territory.record(Resource::Trek, id) else {
            continue;
        };
        let line = vertices(&record.body["geometry"]);
        let Some(&(lng, lat)) = line.first() else {
            continue;
        };
        let mut tiles = BTreeSet::new();
        for z in trek_zooms.clone() {
            for &(lng, lat) in &line {
                let centre = TileCoord::containing(lng, lat, z)?;
                for dx in -1i64..=1 {
                    for dy in -1i64..=1 {
                        let (x, y) = (i64::from(centre.x()) + dx, i64::from(centre.y()) + dy);
                        if let (Ok(x), Ok(y)) = (u32::try_from(x), u32::try_from(y)) {
                            tiles.extend(TileCoord::new(z, x, y));
                        }
                    }
                }
            }
        }
        let picture = format!("{id}/media/paperclip/trekking_trek/{id}/photo.jpg");
        write_zip(
            &nolang.join(format!("{id}.zip")),
            &format!("/{id}/"),
            &tiles,
            &picture,
        )?;
        departures.push((id, lng, lat));
        treks.push((id, tiles));
    }
    for language in territory.languages() {
        let features: Vec<Value> = departures
            .iter()
            .map(|&(id, lng, lat)| {
                json!({
                    "id": id,
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": [lng, lat]},
                    "properties": {"id": id, "name": trek_name(id, language)},
                })
            })
            .collect();
        let list = json!({"type": "FeatureCollection", "features": features});
        let folder = root.join(language);
        std::fs::create_dir_all(&folder)?;
        std::fs::write(folder.join("treks.geojson"), serde_json::to_vec(&list)?)?;
    }
    Ok(MobileTree {
        root,
        global_tiles,
        treks,
    })
}

/// The name `<lang>/treks.geojson` gives trek `id`: it says its language,
/// so a test sees which folder answered.
pub fn trek_name(id: u64, language: &str) -> String {
    format!("Trek {id} ({language})")
}

/// Writes a zip of `tiles` under `<prefix>tiles/`, with one media entry.
pub fn write_zip(
    path: &Path,
    prefix: &str,
    tiles: &BTreeSet<TileCoord>,
    media: &str,
) -> Result<(), Error> {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path)?);
    let options = SimpleFileOptions::default();
    zip.start_file(media, options)?;
    zip.write_all(b"not a tile")?;
    for coord in tiles {
        let name = format!(
            "{prefix}tiles/{}/{}/{}.png",
            coord.z(),
            coord.x(),
            coord.y()
        );
        zip.start_file(name, options)?;
        zip.write_all(&relief_tile(*coord, TileFormat::Png)?)?;
    }
    zip.finish()?;
    Ok(())
}

/// The `(lng, lat)` vertices of a LineString.
fn vertices(geometry: &Value) -> Vec<(f64, f64)> {
    geometry["coordinates"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|point| Some((point.get(0)?.as_f64()?, point.get(1)?.as_f64()?)))
        .collect()
}
