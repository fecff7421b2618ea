//! A catalog as plain data and back: every object exactly as the server sent
//! it, with the sync's facts (source API, languages, instance config). The
//! pack builder writes a synced catalog's snapshot into a pack's data files;
//! the pack installer imports them into a fresh catalog through the sync's
//! own decoding, so an installed pack answers exactly like a synced catalog.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::value::RawValue;

use super::CatalogError;
use super::ingest::{self, Languages, Writer};
use super::resources::RESOURCES;
use super::store;

/// The sync facts a snapshot carries, by their meta key.
const CARRIED_META: [&str; 3] = ["source", "languages", "config"];

/// One stored object.
#[derive(Debug, Clone)]
pub struct SnapshotObject {
    /// The resource it came from (`trek`, `poi`, `signage`...).
    pub kind: String,
    pub id: i64,
    /// The object's JSON as the server sent it.
    pub json: Box<RawValue>,
}

/// A whole catalog's data.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    /// `source`, `languages` and `config`, when the catalog has them.
    pub meta: BTreeMap<String, String>,
    /// Sorted by kind, then id.
    pub objects: Vec<SnapshotObject>,
}

/// Reads every object and the sync facts of the catalog at `path`.
pub fn export(path: &Path) -> Result<Snapshot, CatalogError> {
    let connection = store::open(path)?;
    let mut meta = BTreeMap::new();
    for key in CARRIED_META {
        let value: Option<String> = connection
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |row| {
                row.get(0)
            })
            .ok();
        if let Some(value) = value {
            meta.insert(key.to_string(), value);
        }
    }
    // Trek lines are stored packed beside their objects: put them back.
    let mut statement = connection.prepare(
        "SELECT o.kind, o.id, o.json, g.geometry FROM objects o
         LEFT JOIN trek_geometries g ON o.kind = 'trek' AND g.trek_id = o.id
         ORDER BY o.kind, o.id",
    )?;
    let objects = statement
        .query_map([], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, i64>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, Option<Vec<u8>>>(3)?,
            ))
        })?
        .map(|row| {
            let (kind, id, json, packed) = row?;
            let unreadable = |error: serde_json::Error| CatalogError::Store {
                detail: format!("{kind} {id}: stored JSON unreadable: {error}"),
            };
            let json = match packed {
                Some(packed) => with_geometry(&json, &packed).map_err(unreadable)?,
                None => RawValue::from_string(json).map_err(unreadable)?,
            };
            Ok(SnapshotObject { kind, id, json })
        })
        .collect::<Result<_, CatalogError>>()?;
    Ok(Snapshot { meta, objects })
}

/// A trek's stored JSON with its packed line back as a GeoJSON LineString.
fn with_geometry(json: &str, packed: &[u8]) -> Result<Box<RawValue>, serde_json::Error> {
    let mut object: serde_json::Map<String, serde_json::Value> = serde_json::from_str(json)?;
    let coordinates: Vec<serde_json::Value> = store::unpack_geometry(packed)
        .into_iter()
        .map(|(lng, lat, ele)| match ele {
            Some(ele) => serde_json::json!([lng, lat, ele]),
            None => serde_json::json!([lng, lat]),
        })
        .collect();
    object.insert(
        "geometry".into(),
        serde_json::json!({"type": "LineString", "coordinates": coordinates}),
    );
    RawValue::from_string(serde_json::to_string(&object)?)
}

/// Writes `snapshot` into the catalog at `path` (a new file) in one
/// transaction, recording `synced_at` (RFC 3339) as its sync time. Objects
/// of a kind this version does not know (a pack from a newer builder) are
/// skipped. Returns how many objects were stored.
pub fn import(path: &Path, snapshot: &Snapshot, synced_at: &str) -> Result<u64, CatalogError> {
    let wanted: Vec<String> = snapshot
        .meta
        .get("languages")
        .map(|list| {
            list.split(',')
                .filter(|lang| !lang.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    let languages = Languages {
        plain: wanted.first().cloned().unwrap_or_else(|| "fr".to_string()),
        wanted,
    };
    let mut writer = Writer::begin(path)?;
    // In the sync's order: cities before the treks that name them.
    for known in RESOURCES {
        let rows = snapshot
            .objects
            .iter()
            .filter(|object| object.kind == known.path)
            .map(|object| {
                ingest::decode(known, &object.json, &languages).map_err(|detail| {
                    CatalogError::Store {
                        detail: format!("{} {}: {detail}", object.kind, object.id),
                    }
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        writer.upsert(rows)?;
    }
    for (key, value) in &snapshot.meta {
        writer.set_meta(key, value)?;
    }
    writer.set_meta("recipe", &super::sync::recipe(&languages.wanted, None))?;
    writer.set_meta("synced_at", synced_at)?;
    let synced_on = synced_at.get(..10).unwrap_or_default();
    for known in RESOURCES {
        writer.mark_synced(known.path, synced_on)?;
    }
    let stored = writer.upserted;
    writer.commit()?;
    Ok(stored)
}
