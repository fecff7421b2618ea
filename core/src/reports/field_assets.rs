//! The ranger's own copy of the territory's signage and infrastructure,
//! downloaded from the field API (`?format=gtam`: unpublished items and the
//! items' current conditions included, unlike the public catalog) and kept
//! in a small SQLite cache beside the outbox, so that a report can be about
//! an item picked offline. The cache holds nothing the user wrote: each
//! download replaces a server's items whole, in one transaction. Items are
//! kept under the server's one key ([`crate::address::AdminServer::key`]), so
//! they are found however the server's address is written.

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use rusqlite::{Connection, OptionalExtension, params};
use serde_json::Value;

use super::ReportError;
use super::compose::{AssetKind, BladeSummary, FieldAsset, FieldAssets, Reference, ReportKind};
use crate::address::admin_key;
use crate::geodesy::{EARTH_RADIUS_M, LatLon};

/// The cache's file name, beside the outbox.
pub const FIELD_ASSETS_FILE: &str = "field-assets.sqlite";

const SCHEMA: &str = "
    CREATE TABLE IF NOT EXISTS field_assets (
        server_url TEXT NOT NULL,
        kind TEXT NOT NULL,
        id INTEGER NOT NULL,
        min_lat REAL NOT NULL, max_lat REAL NOT NULL,
        min_lon REAL NOT NULL, max_lon REAL NOT NULL,
        asset TEXT NOT NULL,
        PRIMARY KEY (server_url, kind, id)
    );
    CREATE INDEX IF NOT EXISTS field_assets_lat ON field_assets(server_url, min_lat);
    CREATE TABLE IF NOT EXISTS field_asset_downloads (
        server_url TEXT PRIMARY KEY,
        downloaded_at_ms INTEGER NOT NULL,
        items INTEGER NOT NULL
    );";

/// When the items of a server were last downloaded.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct FieldAssetsStatus {
    pub server_url: String,
    /// Unix time in milliseconds.
    pub downloaded_at_ms: i64,
    pub items: u32,
}

/// The downloaded signage and infrastructure, per server.
pub struct FieldAssetCache {
    connection: Mutex<Connection>,
}

impl std::fmt::Debug for FieldAssetCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FieldAssetCache").finish_non_exhaustive()
    }
}

impl FieldAssetCache {
    /// Opens the cache at `path`, created if missing; downloads an older
    /// version kept under the address as typed move to the server's key.
    pub fn open(path: &Path) -> Result<FieldAssetCache, ReportError> {
        let mut connection = Connection::open(path)?;
        connection.pragma_update(None, "journal_mode", "WAL")?;
        connection.execute_batch(SCHEMA)?;
        let transaction = connection.transaction()?;
        let written: Vec<String> = transaction
            .prepare("SELECT server_url FROM field_asset_downloads")?
            .query_map([], |row| row.get(0))?
            .collect::<Result<_, _>>()?;
        for written in written {
            let key = admin_key(&written);
            if key != written {
                for table in ["field_assets", "field_asset_downloads"] {
                    transaction.execute(
                        &format!(
                            "UPDATE OR REPLACE {table} SET server_url = ?2 WHERE server_url = ?1"
                        ),
                        params![written, key],
                    )?;
                }
            }
        }
        transaction.commit()?;
        Ok(FieldAssetCache {
            connection: Mutex::new(connection),
        })
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        self.connection
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Replaces the items of `server_url` with `assets`, in one transaction.
    pub fn replace(
        &self,
        server_url: &str,
        assets: &[FieldAsset],
        downloaded_at_ms: i64,
    ) -> Result<FieldAssetsStatus, ReportError> {
        let key = admin_key(server_url);
        let mut connection = self.lock();
        let transaction = connection.transaction()?;
        transaction.execute("DELETE FROM field_assets WHERE server_url = ?1", [&key])?;
        {
            let mut insert = transaction.prepare(
                "INSERT OR REPLACE INTO field_assets
                 (server_url, kind, id, min_lat, max_lat, min_lon, max_lon, asset)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?;
            for asset in assets {
                let Some(bounds) = Bounds::of(&asset.geometry) else {
                    continue;
                };
                let json = serde_json::to_string(asset).map_err(|error| ReportError::Store {
                    reason: error.to_string(),
                })?;
                insert.execute(params![
                    key,
                    kind_name(asset.kind),
                    asset.id,
                    bounds.min_lat,
                    bounds.max_lat,
                    bounds.min_lon,
                    bounds.max_lon,
                    json
                ])?;
            }
        }
        let items: u32 = transaction.query_row(
            "SELECT COUNT(*) FROM field_assets WHERE server_url = ?1",
            [&key],
            |row| row.get(0),
        )?;
        transaction.execute(
            "INSERT OR REPLACE INTO field_asset_downloads (server_url, downloaded_at_ms, items)
             VALUES (?1, ?2, ?3)",
            params![key, downloaded_at_ms, items],
        )?;
        transaction.commit()?;
        Ok(FieldAssetsStatus {
            server_url: server_url.to_string(),
            downloaded_at_ms,
            items,
        })
    }

    /// When the items of `server_url` were downloaded, if ever.
    pub fn status(&self, server_url: &str) -> Result<Option<FieldAssetsStatus>, ReportError> {
        Ok(self
            .lock()
            .query_row(
                "SELECT downloaded_at_ms, items FROM field_asset_downloads WHERE server_url = ?1",
                [admin_key(server_url)],
                |row| {
                    Ok(FieldAssetsStatus {
                        server_url: server_url.to_string(),
                        downloaded_at_ms: row.get(0)?,
                        items: row.get(1)?,
                    })
                },
            )
            .optional()?)
    }

    /// Where the items a report of `kind` to `server_url` can be about come
    /// from: a ranger's report picks from the ranger's download of that
    /// server once there is one; `None`: from the pack's catalog (public
    /// signage and infrastructure, no conditions).
    pub fn source_for<'a>(
        &'a self,
        kind: ReportKind,
        server_url: &'a str,
    ) -> Result<Option<ServerAssets<'a>>, ReportError> {
        if kind != ReportKind::Field || self.status(server_url)?.is_none() {
            return Ok(None);
        }
        Ok(Some(self.of_server(server_url)))
    }

    /// The items of `server_url` as a source for the composer.
    pub fn of_server<'a>(&'a self, server_url: &'a str) -> ServerAssets<'a> {
        ServerAssets {
            cache: self,
            server_url,
        }
    }

    fn within(
        &self,
        server_url: &str,
        center: LatLon,
        radius_m: f64,
    ) -> Result<Vec<FieldAsset>, ReportError> {
        let dlat = (radius_m / EARTH_RADIUS_M).to_degrees();
        let dlon = dlat / center.lat.to_radians().cos().abs().max(1e-6);
        let connection = self.lock();
        let mut query = connection.prepare_cached(
            "SELECT asset FROM field_assets WHERE server_url = ?1
             AND min_lat <= ?3 AND max_lat >= ?2 AND min_lon <= ?5 AND max_lon >= ?4",
        )?;
        let rows = query.query_map(
            params![
                admin_key(server_url),
                center.lat - dlat,
                center.lat + dlat,
                center.lon - dlon,
                center.lon + dlon
            ],
            |row| row.get::<_, String>(0),
        )?;
        let mut assets = Vec::new();
        for json in rows {
            // A row this version cannot read is skipped: the next download replaces it.
            if let Ok(asset) = serde_json::from_str(&json?) {
                assets.push(asset);
            }
        }
        Ok(assets)
    }
}

/// The downloaded items of one server.
pub struct ServerAssets<'a> {
    cache: &'a FieldAssetCache,
    server_url: &'a str,
}

impl FieldAssets for ServerAssets<'_> {
    fn assets_within(&self, center: LatLon, radius_m: f64) -> Vec<FieldAsset> {
        self.cache
            .within(self.server_url, center, radius_m)
            .unwrap_or_default()
    }

    fn geometry_of(&self, kind: AssetKind, id: i64) -> Option<Vec<LatLon>> {
        let json: String = self
            .cache
            .lock()
            .query_row(
                "SELECT asset FROM field_assets WHERE server_url = ?1 AND kind = ?2 AND id = ?3",
                params![admin_key(self.server_url), kind_name(kind), id],
                |row| row.get(0),
            )
            .ok()?;
        serde_json::from_str::<FieldAsset>(&json)
            .ok()
            .map(|asset| asset.geometry)
    }
}

struct Bounds {
    min_lat: f64,
    max_lat: f64,
    min_lon: f64,
    max_lon: f64,
}

impl Bounds {
    fn of(points: &[LatLon]) -> Option<Bounds> {
        let first = points.first()?;
        Some(points.iter().fold(
            Bounds {
                min_lat: first.lat,
                max_lat: first.lat,
                min_lon: first.lon,
                max_lon: first.lon,
            },
            |b, p| Bounds {
                min_lat: b.min_lat.min(p.lat),
                max_lat: b.max_lat.max(p.lat),
                min_lon: b.min_lon.min(p.lon),
                max_lon: b.max_lon.max(p.lon),
            },
        ))
    }
}

fn kind_name(kind: AssetKind) -> &'static str {
    match kind {
        AssetKind::Signage => "signage",
        AssetKind::Infrastructure => "infrastructure",
    }
}

/// One item as `SignageGTAMSerializer` / `InfrastructureGTAMSerializer`
/// give it; `None` when it has no usable id or WGS 84 geometry.
pub(crate) fn from_gtam(kind: AssetKind, item: &Value) -> Option<FieldAsset> {
    let text = |value: &Value| value.as_str().unwrap_or_default().trim().to_string();
    let name_of = |value: &Value| value["name"].as_str().map(str::to_string);
    let blades = item["blades"]
        .as_array()
        .map(|blades| {
            blades
                .iter()
                .map(|blade| BladeSummary {
                    number: match &blade["number"] {
                        Value::Number(number) => number.to_string(),
                        other => text(other),
                    },
                    direction: name_of(&blade["direction"]),
                    color: name_of(&blade["color"]),
                    lines: blade["lines"]
                        .as_array()
                        .map(|lines| lines.iter().map(|line| text(&line["text"])).collect())
                        .unwrap_or_default(),
                })
                .collect()
        })
        .unwrap_or_default();
    let conditions = item["conditions"]
        .as_array()
        .map(|conditions| {
            conditions
                .iter()
                .filter_map(|condition| {
                    Some(Reference {
                        id: condition["id"].as_i64()?,
                        label: text(&condition["name"]),
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    Some(FieldAsset {
        kind,
        id: item["id"].as_i64()?,
        code: text(&item["code"]),
        name: text(&item["name"]),
        type_name: name_of(&item["type"]),
        blades,
        conditions,
        geometry: wgs84_vertices(&item["geom"])?,
    })
}

/// The vertices of a GeoJSON Point or LineString in degrees.
fn wgs84_vertices(geometry: &Value) -> Option<Vec<LatLon>> {
    let position = |value: &Value| -> Option<LatLon> {
        let longitude = value.get(0)?.as_f64()?;
        let latitude = value.get(1)?.as_f64()?;
        ((-180.0..=180.0).contains(&longitude) && (-90.0..=90.0).contains(&latitude))
            .then_some(LatLon::new(latitude, longitude))
    };
    let coordinates = &geometry["coordinates"];
    let vertices: Option<Vec<LatLon>> = match geometry["type"].as_str()? {
        "Point" => Some(vec![position(coordinates)?]),
        "LineString" => coordinates.as_array()?.iter().map(position).collect(),
        _ => None,
    };
    vertices.filter(|vertices| !vertices.is_empty())
}
