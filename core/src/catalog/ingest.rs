//! Turning API objects into store rows, and the writer that applies them.
//!
//! Decoding happens on the sync's network task; the [`Writer`] runs on a
//! thread of its own holding the store's single write transaction, so pages
//! are stored while the next ones download. Nothing is visible to readers
//! until [`Writer::commit`]; dropping the writer rolls everything back.
//!
//! A trek keeps its texts in every language kept that has its name, and the
//! languages it is published in: a list in one language shows the treks
//! published in it, and the stages of tours published in it (Geotrek serves
//! a tour's unpublished stages through it), which commit works out.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use rusqlite::{Connection, OptionalExtension, params};
use serde::Deserialize;
use serde_json::value::RawValue;

use super::error::CatalogError;
use super::resources::{Resource, Role};
use super::store::{self, pack_geometry};
use super::text::plain_text;
use super::wire::{Geometry, Object, Published, Ref, Translated, Trek};

/// Languages to keep, and the one a plain (untranslated) value is in.
#[derive(Debug, Clone)]
pub struct Languages {
    /// Languages asked for; empty keeps every language the server sends.
    pub wanted: Vec<String>,
    pub plain: String,
}

impl Languages {
    /// The languages to index for an object whose name is `name`.
    fn for_name(&self, name: &Translated) -> Vec<String> {
        match (self.wanted.is_empty(), name) {
            (false, _) => self.wanted.clone(),
            (true, Translated::ByLanguage(map)) => map.keys().cloned().collect(),
            (true, _) => vec![self.plain.clone()],
        }
    }
}

/// One object ready for the store.
pub struct ObjectRow {
    pub kind: &'static str,
    pub id: i64,
    pub key: Option<String>,
    pub json: String,
    pub anchor: Option<(f64, f64)>,
    pub bbox: Option<[f64; 4]>,
}

/// A trek's searchable texts in one language, as plain text.
pub struct TrekText {
    pub lang: String,
    pub name: String,
    pub teaser: String,
    pub description: String,
    pub ambiance: String,
    pub departure: String,
    pub arrival: String,
}

/// A trek ready for the store: its object row plus typed columns and texts.
pub struct TrekRow {
    pub object: ObjectRow,
    pub trek: Trek,
    pub geometry: Vec<u8>,
    pub texts: Vec<TrekText>,
    /// The languages the trek is published in by itself.
    pub published_in: Vec<String>,
}

pub enum Row {
    Object(ObjectRow),
    Trek(Box<TrekRow>),
}

impl Row {
    /// The Geotrek id of the object.
    pub fn id(&self) -> i64 {
        match self {
            Row::Object(object) => object.id,
            Row::Trek(trek) => trek.object.id,
        }
    }
}

/// Decodes one object of `resource` from the raw JSON the server sent.
pub fn decode(
    resource: &'static Resource,
    raw: &RawValue,
    languages: &Languages,
) -> Result<Row, String> {
    match resource.role {
        Role::Trek => decode_trek(resource, raw, languages).map(|row| Row::Trek(Box::new(row))),
        Role::Reference | Role::Place => {
            let object: Object = serde_json::from_str(raw.get()).map_err(|e| e.to_string())?;
            let Ref::Id(id) = object.id else {
                return Err(format!("id {:?} is not a number", object.id));
            };
            let geometry = object.geometry();
            Ok(Row::Object(ObjectRow {
                kind: resource.path,
                id,
                key: object.code.clone().or(object.uuid.clone()),
                json: raw.get().to_string(),
                anchor: geometry.as_ref().and_then(Geometry::anchor),
                bbox: geometry.as_ref().and_then(Geometry::bbox),
            }))
        }
    }
}

fn decode_trek(
    resource: &'static Resource,
    raw: &RawValue,
    languages: &Languages,
) -> Result<TrekRow, String> {
    let trek: Trek = serde_json::from_str(raw.get()).map_err(|e| e.to_string())?;
    let vertices: Vec<_> = match &trek.geometry {
        Some(Geometry::LineString(line)) => line.iter().map(|p| (p.lng, p.lat, p.ele)).collect(),
        Some(Geometry::MultiLineString(lines)) => lines
            .iter()
            .flatten()
            .map(|p| (p.lng, p.lat, p.ele))
            .collect(),
        _ => Vec::new(),
    };
    let kept = languages.for_name(&trek.name);
    let published_in = match &trek.published {
        Published::Everywhere(true) => kept.clone(),
        Published::Everywhere(false) => Vec::new(),
        Published::ByLanguage(flags) => flags
            .iter()
            .filter(|(_, published)| **published)
            .map(|(lang, _)| lang.clone())
            .collect(),
    };
    // Texts whether or not the trek is published in the language: a stage
    // is shown through its tour.
    let texts = kept
        .into_iter()
        .filter_map(|lang| {
            let field = |t: &Translated| {
                t.get(&lang, &languages.plain)
                    .map(plain_text)
                    .unwrap_or_default()
            };
            let name = field(&trek.name);
            (!name.is_empty()).then(|| TrekText {
                name,
                teaser: field(&trek.description_teaser),
                description: field(&trek.description),
                ambiance: field(&trek.ambiance),
                departure: field(&trek.departure),
                arrival: field(&trek.arrival),
                lang: lang.clone(),
            })
        })
        .collect();
    let anchor = trek
        .departure_geom
        .map(|p| (p.lng, p.lat))
        .or_else(|| vertices.first().map(|v| (v.0, v.1)));
    Ok(TrekRow {
        object: ObjectRow {
            kind: resource.path,
            id: trek.id,
            key: trek.uuid.clone(),
            json: without_geometry(raw)?,
            anchor,
            bbox: trek.geometry.as_ref().and_then(Geometry::bbox),
        },
        geometry: pack_geometry(vertices.into_iter()),
        texts,
        published_in,
        trek,
    })
}

/// The object's JSON with its (large) `geometry` replaced by `null`: the
/// geometry is stored packed beside it.
fn without_geometry(raw: &RawValue) -> Result<String, String> {
    #[derive(Deserialize)]
    struct Span<'a> {
        #[serde(borrow, default)]
        geometry: Option<&'a RawValue>,
    }
    let text = raw.get();
    let span: Span = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let Some(geometry) = span.geometry.map(RawValue::get) else {
        return Ok(text.to_string());
    };
    // `geometry` borrows from `text`: its offset locates it exactly.
    let start = geometry.as_ptr() as usize - text.as_ptr() as usize;
    let end = start + geometry.len();
    Ok(format!("{}null{}", &text[..start], &text[end..]))
}

/// Holds the sync's write transaction on its own connection.
pub struct Writer {
    connection: Connection,
    city_names: HashMap<String, String>,
    /// Whether an object the store already holds exactly as sent is left
    /// alone (and not counted): true when the store was written the same
    /// way (same source, languages and ingest) by an earlier sync.
    pub skip_unchanged: bool,
    /// Objects new or changed.
    pub upserted: u64,
    pub deleted: u64,
}

impl Writer {
    /// Opens `path` and takes its write lock, failing if a sync already holds it.
    pub fn begin(path: &Path) -> Result<Writer, CatalogError> {
        let connection = store::open(path)?;
        connection.busy_timeout(std::time::Duration::from_millis(200))?;
        connection
            .execute_batch("BEGIN IMMEDIATE")
            .map_err(|e| match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::DatabaseBusy) => CatalogError::SyncInProgress,
                _ => e.into(),
            })?;
        Ok(Writer {
            connection,
            city_names: HashMap::new(),
            skip_unchanged: false,
            upserted: 0,
            deleted: 0,
        })
    }

    /// When `kind` was last synced completely (YYYY-MM-DD), if ever.
    pub fn synced_on(&self, kind: &str) -> Result<Option<String>, CatalogError> {
        Ok(self
            .connection
            .query_row(
                "SELECT synced_on FROM sync_state WHERE kind = ?1",
                [kind],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Inserts or replaces `rows`, leaving alone those the store holds
    /// unchanged when [`Writer::skip_unchanged`] (the server's `updated_after`
    /// compares days, so an incremental sync gets today's objects again).
    pub fn upsert(&mut self, rows: Vec<Row>) -> Result<(), CatalogError> {
        for row in rows {
            if self.skip_unchanged && self.holds(&row)? {
                continue;
            }
            match row {
                Row::Object(object) => {
                    self.delete(object.kind, object.id)?;
                    self.insert_object(&object)?;
                }
                Row::Trek(trek) => {
                    self.delete(trek.object.kind, trek.object.id)?;
                    self.insert_object(&trek.object)?;
                    self.insert_trek(&trek)?;
                }
            }
            self.upserted += 1;
        }
        Ok(())
    }

    /// Whether the store holds `row` exactly: the same JSON (and line).
    fn holds(&self, row: &Row) -> Result<bool, CatalogError> {
        let object = match row {
            Row::Object(object) => object,
            Row::Trek(trek) => &trek.object,
        };
        let stored: Option<(String, Option<Vec<u8>>)> = self
            .connection
            .prepare_cached(
                "SELECT o.json, g.geometry FROM objects o
                 LEFT JOIN trek_geometries g ON o.kind = 'trek' AND g.trek_id = o.id
                 WHERE o.kind = ?1 AND o.id = ?2",
            )?
            .query_row(params![object.kind, object.id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        Ok(match (stored, row) {
            (Some((json, _)), Row::Object(_)) => json == object.json,
            (Some((json, geometry)), Row::Trek(trek)) => {
                json == object.json && geometry.as_deref() == Some(trek.geometry.as_slice())
            }
            (None, _) => false,
        })
    }

    /// Deletes the objects of `kind` whose ids are not in `keep`: unpublished or deleted upstream.
    pub fn retain(&mut self, kind: &str, keep: &HashSet<i64>) -> Result<(), CatalogError> {
        let stale: Vec<i64> = {
            let mut statement = self
                .connection
                .prepare_cached("SELECT id FROM objects WHERE kind = ?1")?;
            let ids = statement.query_map([kind], |r| r.get::<_, i64>(0))?;
            ids.filter(|id| !matches!(id, Ok(id) if keep.contains(id)))
                .collect::<Result<_, _>>()?
        };
        for id in stale {
            self.delete(kind, id)?;
            self.deleted += 1;
        }
        Ok(())
    }

    /// Ids of the steps of `listed` treks that are not themselves listed.
    pub fn unlisted_steps(&self, listed: &HashSet<i64>) -> Result<Vec<i64>, CatalogError> {
        let mut statement = self
            .connection
            .prepare_cached("SELECT DISTINCT trek_id, ref FROM trek_refs WHERE kind = 'child'")?;
        let refs =
            statement.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
        let mut missing = Vec::new();
        for row in refs {
            let (parent, child) = row?;
            if let Ok(child) = child.parse::<i64>()
                && listed.contains(&parent)
                && !listed.contains(&child)
                && !missing.contains(&child)
            {
                missing.push(child);
            }
        }
        Ok(missing)
    }

    /// Records that `kind` was synced completely on `date`.
    pub fn mark_synced(&self, kind: &str, date: &str) -> Result<(), CatalogError> {
        self.connection.execute(
            "INSERT INTO sync_state(kind, synced_on) VALUES (?1, ?2)
             ON CONFLICT(kind) DO UPDATE SET synced_on = excluded.synced_on",
            [kind, date],
        )?;
        Ok(())
    }

    /// A fact recorded by an earlier sync.
    pub fn meta(&self, key: &str) -> Result<Option<String>, CatalogError> {
        Ok(self
            .connection
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()?)
    }

    /// Records a fact about the catalog (source, languages...).
    pub fn set_meta(&self, key: &str, value: &str) -> Result<(), CatalogError> {
        self.connection.execute(
            "INSERT INTO meta(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key, value],
        )?;
        Ok(())
    }

    /// Works out which treks each language lists, then makes everything
    /// written visible at once.
    pub fn commit(self) -> Result<(), CatalogError> {
        self.connection.execute_batch(
            "DELETE FROM trek_listed;
             INSERT OR IGNORE INTO trek_listed(lang, trek_id)
                 SELECT lang, trek_id FROM trek_published;
             INSERT OR IGNORE INTO trek_listed(lang, trek_id)
                 SELECT p.lang, o.id FROM trek_refs r
                 JOIN trek_published p ON p.trek_id = r.trek_id
                 JOIN objects o ON o.kind = 'trek'
                      AND (o.id = CAST(r.ref AS INTEGER) OR o.key = r.ref)
                 WHERE r.kind = 'child';
             COMMIT",
        )?;
        Ok(())
    }

    fn insert_object(&self, object: &ObjectRow) -> Result<(), CatalogError> {
        let (lng, lat) = object.anchor.unzip();
        let mut insert = self.connection.prepare_cached(
            "INSERT INTO objects(kind, id, key, json, lng, lat) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        insert.execute(params![
            object.kind,
            object.id,
            object.key,
            object.json,
            lng,
            lat
        ])?;
        if let Some([west, south, east, north]) = object.bbox {
            let rowid = self.connection.last_insert_rowid();
            let mut bounds = self.connection.prepare_cached(
                "INSERT INTO object_bounds(rowid, west, east, south, north) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            bounds.execute(params![rowid, west, east, south, north])?;
        }
        Ok(())
    }

    fn insert_trek(&mut self, row: &TrekRow) -> Result<(), CatalogError> {
        let trek = &row.trek;
        self.connection
            .prepare_cached(
                "INSERT INTO treks(id, practice, difficulty, route, duration, length_2d, ascent, descent, thumbnail, departure_lng, departure_lat)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )?
            .execute(params![
                trek.id,
                trek.practice,
                trek.difficulty,
                trek.route,
                trek.duration,
                trek.length_2d,
                trek.ascent,
                trek.descent,
                trek.thumbnail(),
                row.object.anchor.map(|a| a.0),
                row.object.anchor.map(|a| a.1)
            ])?;
        self.connection
            .prepare_cached("INSERT INTO trek_geometries(trek_id, geometry) VALUES (?1, ?2)")?
            .execute(params![trek.id, row.geometry])?;
        let id_refs = |ids: &[i64]| ids.iter().map(|id| id.to_string()).collect::<Vec<_>>();
        let text_refs = |refs: &[Ref]| refs.iter().map(Ref::as_text).collect::<Vec<_>>();
        let links: [(&str, Vec<String>); 9] = [
            ("theme", id_refs(&trek.themes)),
            ("network", id_refs(&trek.networks)),
            ("label", id_refs(&trek.labels)),
            ("accessibility", id_refs(&trek.accessibilities)),
            ("district", id_refs(&trek.districts)),
            ("city", text_refs(&trek.cities)),
            ("informationdesk", text_refs(&trek.information_desks)),
            ("child", text_refs(&trek.children)),
            ("parent", text_refs(&trek.parents)),
        ];
        let mut insert = self.connection.prepare_cached(
            "INSERT OR IGNORE INTO trek_refs(trek_id, kind, ref, position) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for (kind, refs) in &links {
            for (position, reference) in refs.iter().enumerate() {
                insert.execute(params![trek.id, kind, reference, position as i64])?;
            }
        }
        drop(insert);
        let cities = trek
            .cities
            .iter()
            .map(|city| self.city_name(&city.as_text()))
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        let mut insert_published = self.connection.prepare_cached(
            "INSERT OR IGNORE INTO trek_published(trek_id, lang) VALUES (?1, ?2)",
        )?;
        for lang in &row.published_in {
            insert_published.execute(params![trek.id, lang])?;
        }
        let mut insert_text = self.connection.prepare_cached(
            "INSERT INTO trek_texts(trek_id, lang, name, teaser, description, ambiance, departure, arrival, cities)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?;
        for text in &row.texts {
            insert_text.execute(params![
                trek.id,
                text.lang,
                text.name,
                text.teaser,
                text.description,
                text.ambiance,
                text.departure,
                text.arrival,
                cities
            ])?;
        }
        Ok(())
    }

    /// The name of the city referred to by id or INSEE code, cached.
    fn city_name(&mut self, reference: &str) -> Result<Option<String>, CatalogError> {
        if let Some(name) = self.city_names.get(reference) {
            return Ok(Some(name.clone()));
        }
        let json: Option<String> = self
            .connection
            .query_row(
                "SELECT json FROM objects WHERE kind = 'city' AND (key = ?1 OR id = CAST(?1 AS INTEGER)) LIMIT 1",
                [reference],
                |r| r.get(0),
            )
            .optional()?;
        #[derive(Deserialize)]
        struct City {
            #[serde(default)]
            name: Option<String>,
        }
        let name = json
            .and_then(|j| serde_json::from_str::<City>(&j).ok())
            .and_then(|c| c.name);
        if let Some(name) = &name {
            self.city_names.insert(reference.to_string(), name.clone());
        }
        Ok(name)
    }

    fn delete(&self, kind: &str, id: i64) -> Result<(), CatalogError> {
        let rowid: Option<i64> = self
            .connection
            .prepare_cached("SELECT rowid FROM objects WHERE kind = ?1 AND id = ?2")?
            .query_row(params![kind, id], |r| r.get(0))
            .optional()?;
        let Some(rowid) = rowid else { return Ok(()) };
        self.connection
            .prepare_cached("DELETE FROM object_bounds WHERE rowid = ?1")?
            .execute([rowid])?;
        self.connection
            .prepare_cached("DELETE FROM objects WHERE rowid = ?1")?
            .execute([rowid])?;
        if kind == "trek" {
            for table in [
                "DELETE FROM treks WHERE id = ?1",
                "DELETE FROM trek_geometries WHERE trek_id = ?1",
                "DELETE FROM trek_refs WHERE trek_id = ?1",
                "DELETE FROM trek_texts WHERE trek_id = ?1",
                "DELETE FROM trek_published WHERE trek_id = ?1",
            ] {
                self.connection.prepare_cached(table)?.execute([id])?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn geometry_is_spliced_out_of_the_stored_json() {
        let raw: Box<RawValue> = serde_json::from_str(
            r#"{"id": 1, "geometry": {"type": "LineString", "coordinates": [[6.1, 44.1, 1000.0], [6.2, 44.2, 1100.0]]}, "name": "x"}"#,
        )
        .unwrap();
        let json = without_geometry(&raw).unwrap();
        assert_eq!(json, r#"{"id": 1, "geometry": null, "name": "x"}"#);
        let no_geometry: Box<RawValue> = serde_json::from_str(r#"{"id": 2}"#).unwrap();
        assert_eq!(without_geometry(&no_geometry).unwrap(), r#"{"id": 2}"#);
    }
}
