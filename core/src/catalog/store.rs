//! The catalog's SQLite file: opening it, its versioned schema, and the
//! packed encoding of trek geometries.
//!
//! One file holds everything synced from one Geotrek instance. Each object is
//! kept as the JSON the server sent (so every field, in every language, is
//! there for detail views), next to the columns and indexes queries need: typed
//! trek columns for filters (big trek lines apart, so the rows queries scan
//! stay small), FTS5 indexes of trek texts and of names alone (accent- and
//! case-insensitive), the languages each trek is published and listed in,
//! and an R*Tree of object bounds for nearby searches.
//! WAL mode lets the app read while a sync writes in one transaction.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::error::CatalogError;

/// Each entry upgrades the schema by one version; applied in order, each in
/// its own transaction, recorded in `PRAGMA user_version`.
const MIGRATIONS: &[&str] = &[
    // 1: the first schema.
    r#"
    CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE sync_state(kind TEXT PRIMARY KEY, synced_on TEXT NOT NULL);
    CREATE TABLE objects(
        rowid INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        id INTEGER NOT NULL,
        key TEXT,
        lng REAL,
        lat REAL,
        json TEXT NOT NULL,
        UNIQUE(kind, id)
    );
    CREATE INDEX objects_by_key ON objects(kind, key) WHERE key IS NOT NULL;
    CREATE VIRTUAL TABLE object_bounds USING rtree(rowid, west, east, south, north);
    CREATE TABLE treks(
        id INTEGER PRIMARY KEY,
        practice INTEGER,
        difficulty INTEGER,
        route INTEGER,
        duration REAL,
        length_2d REAL,
        ascent REAL,
        descent REAL,
        thumbnail TEXT,
        departure_lng REAL,
        departure_lat REAL
    );
    CREATE TABLE trek_geometries(trek_id INTEGER PRIMARY KEY, geometry BLOB NOT NULL);
    CREATE TABLE trek_refs(
        trek_id INTEGER NOT NULL,
        kind TEXT NOT NULL,
        ref TEXT NOT NULL,
        position INTEGER NOT NULL,
        PRIMARY KEY(trek_id, kind, position)
    ) WITHOUT ROWID;
    CREATE INDEX trek_refs_by_ref ON trek_refs(kind, ref);
    CREATE TABLE trek_texts(
        rowid INTEGER PRIMARY KEY,
        trek_id INTEGER NOT NULL,
        lang TEXT NOT NULL,
        name TEXT NOT NULL,
        teaser TEXT NOT NULL,
        description TEXT NOT NULL,
        ambiance TEXT NOT NULL,
        departure TEXT NOT NULL,
        arrival TEXT NOT NULL,
        cities TEXT NOT NULL,
        UNIQUE(trek_id, lang)
    );
    CREATE VIRTUAL TABLE trek_search USING fts5(
        name, teaser, description, ambiance, departure, arrival, cities,
        content='trek_texts', content_rowid='rowid',
        tokenize='unicode61 remove_diacritics 2', prefix='2 3'
    );
    CREATE TRIGGER trek_texts_ai AFTER INSERT ON trek_texts BEGIN
        INSERT INTO trek_search(rowid, name, teaser, description, ambiance, departure, arrival, cities)
        VALUES (new.rowid, new.name, new.teaser, new.description, new.ambiance, new.departure, new.arrival, new.cities);
    END;
    CREATE TRIGGER trek_texts_ad AFTER DELETE ON trek_texts BEGIN
        INSERT INTO trek_search(trek_search, rowid, name, teaser, description, ambiance, departure, arrival, cities)
        VALUES ('delete', old.rowid, old.name, old.teaser, old.description, old.ambiance, old.departure, old.arrival, old.cities);
    END;
    "#,
    // 2: publication per language. `trek_published`: the languages a trek is
    // published in by itself; `trek_listed`: the treks a list in a language
    // shows (those, and the stages of tours published in it), worked out at
    // each commit. Version 1 kept texts only where a trek was published, so
    // they stand in until the next sync, which is a full one.
    r#"
    CREATE TABLE trek_published(
        trek_id INTEGER NOT NULL,
        lang TEXT NOT NULL,
        PRIMARY KEY(trek_id, lang)
    ) WITHOUT ROWID;
    CREATE TABLE trek_listed(
        lang TEXT NOT NULL,
        trek_id INTEGER NOT NULL,
        PRIMARY KEY(lang, trek_id)
    ) WITHOUT ROWID;
    INSERT INTO trek_published SELECT trek_id, lang FROM trek_texts;
    INSERT INTO trek_listed SELECT lang, trek_id FROM trek_texts;
    DELETE FROM sync_state;
    "#,
    // 3: an index of names alone, for ranking name matches first without
    // reading the long texts' index again.
    r#"
    CREATE VIRTUAL TABLE trek_name_search USING fts5(
        name,
        content='trek_texts', content_rowid='rowid',
        tokenize='unicode61 remove_diacritics 2', prefix='2 3'
    );
    INSERT INTO trek_name_search(trek_name_search) VALUES('rebuild');
    CREATE TRIGGER trek_names_ai AFTER INSERT ON trek_texts BEGIN
        INSERT INTO trek_name_search(rowid, name) VALUES (new.rowid, new.name);
    END;
    CREATE TRIGGER trek_names_ad AFTER DELETE ON trek_texts BEGIN
        INSERT INTO trek_name_search(trek_name_search, rowid, name) VALUES ('delete', old.rowid, old.name);
    END;
    "#,
];

/// Opens (creating if needed) the catalog at `path`, migrated to the current schema.
pub fn open(path: &Path) -> Result<Connection, CatalogError> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| CatalogError::Store {
            detail: format!("cannot create {}: {e}", parent.display()),
        })?;
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let mut connection = Connection::open_with_flags(path, flags)?;
    connection.busy_timeout(std::time::Duration::from_secs(5))?;
    let mode: String = connection.query_row("PRAGMA journal_mode=WAL", [], |row| row.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(CatalogError::Store {
            detail: format!("{} cannot use WAL (mode {mode})", path.display()),
        });
    }
    // Searches read the compact typed tables; a larger cache and memory-mapped
    // reads keep them (and the FTS index) out of system calls.
    connection.execute_batch(
        "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA cache_size=-8192; PRAGMA mmap_size=268435456;",
    )?;
    crate::schema::migrate(&mut connection, "the catalog", MIGRATIONS)?;
    Ok(connection)
}

/// Bytes per vertex of a packed geometry: lng and lat as i32 in 1e-7 degrees
/// (about 1 cm), elevation as f32 metres (NaN when unknown).
const VERTEX_BYTES: usize = 12;

/// A vertex of a trek: longitude, latitude, elevation in metres if known.
pub type Vertex = (f64, f64, Option<f64>);

/// Packs `vertices` into the store's geometry blob.
pub fn pack_geometry(vertices: impl ExactSizeIterator<Item = Vertex>) -> Vec<u8> {
    let mut blob = Vec::with_capacity(vertices.len() * VERTEX_BYTES);
    for (lng, lat, ele) in vertices {
        blob.extend_from_slice(&((lng * 1e7).round() as i32).to_le_bytes());
        blob.extend_from_slice(&((lat * 1e7).round() as i32).to_le_bytes());
        blob.extend_from_slice(&(ele.map_or(f32::NAN, |e| e as f32)).to_le_bytes());
    }
    blob
}

/// Unpacks a geometry blob; trailing bytes of a damaged blob are ignored.
pub fn unpack_geometry(blob: &[u8]) -> Vec<Vertex> {
    blob.chunks_exact(VERTEX_BYTES)
        .map(|v| {
            let int = |range: std::ops::Range<usize>| {
                i32::from_le_bytes(v[range].try_into().unwrap_or_default()) as f64 / 1e7
            };
            let ele = f32::from_le_bytes(v[8..12].try_into().unwrap_or_default());
            (int(0..4), int(4..8), (!ele.is_nan()).then_some(ele as f64))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn geometry_round_trips_to_the_centimetre() {
        let vertices = vec![(6.1234567, 44.7654321, Some(1523.25)), (-1.5, -5.98, None)];
        let back = unpack_geometry(&pack_geometry(vertices.clone().into_iter()));
        for (a, b) in vertices.iter().zip(&back) {
            assert!((a.0 - b.0).abs() < 1e-7 && (a.1 - b.1).abs() < 1e-7);
            assert_eq!(a.2.map(|e| e as f32), b.2.map(|e| e as f32));
        }
    }

    #[test]
    fn a_version_1_catalog_lists_its_treks_until_its_next_sync_rewrites_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("catalog.sqlite");
        {
            let mut version_1 = Connection::open(&path).unwrap();
            crate::schema::migrate(&mut version_1, "the catalog", &MIGRATIONS[..1]).unwrap();
            version_1
                .execute_batch(
                    "INSERT INTO sync_state VALUES ('trek', '2026-11-28');
                     INSERT INTO trek_texts(trek_id, lang, name, teaser, description, ambiance,
                                            departure, arrival, cities)
                     VALUES (7, 'fr', 'Lac Blanc', '', '', '', '', '', '');",
                )
                .unwrap();
        }
        let upgraded = open(&path).unwrap();
        let one = |sql: &str| -> i64 { upgraded.query_row(sql, [], |r| r.get(0)).unwrap() };
        assert_eq!(one("SELECT trek_id FROM trek_listed WHERE lang = 'fr'"), 7);
        assert_eq!(
            one("SELECT rowid FROM trek_name_search WHERE trek_name_search MATCH 'lac'"),
            one("SELECT rowid FROM trek_texts WHERE trek_id = 7")
        );
        assert_eq!(
            one("SELECT COUNT(*) FROM sync_state"),
            0,
            "next sync is full"
        );
    }

    #[test]
    fn migrations_apply_once_and_refuse_newer_schemas() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("catalog.sqlite");
        drop(open(&path).unwrap());
        let connection = open(&path).unwrap();
        let version: usize = connection
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, MIGRATIONS.len());
        connection.pragma_update(None, "user_version", 99).unwrap();
        drop(connection);
        assert!(matches!(open(&path), Err(CatalogError::Store { .. })));
    }
}
