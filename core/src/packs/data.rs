//! A pack's data files: a catalog snapshot as JSON chunks, and back.
//!
//! `data/meta.json` carries the sync facts (source API, languages, instance
//! config); `data/<resource>/<bucket>.json` carries the objects of one
//! resource whose ids fall in one bucket of [`BUCKET_IDS`] consecutive ids,
//! as `{"resource": .., "results": [..]}` with each object byte for byte as
//! the server sent it, sorted by id. Buckets are fixed by id, so changing a
//! few treks rewrites only their buckets and adding one shifts nothing.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use serde_json::value::RawValue;

use super::{FileKind, PackError};
use crate::catalog::snapshot::{Snapshot, SnapshotObject};

/// Consecutive ids per data chunk.
pub const BUCKET_IDS: i64 = 8;

/// The data file holding the sync facts.
pub const META_FILE: &str = "data/meta.json";

#[derive(Deserialize)]
struct Chunk {
    resource: String,
    results: Vec<Box<RawValue>>,
}

/// Writes `snapshot` as data files under `dir`; returns their paths.
pub fn write_data(dir: &Path, snapshot: &Snapshot) -> Result<Vec<(String, FileKind)>, PackError> {
    let mut files = BTreeMap::<String, Vec<&RawValue>>::new();
    for object in &snapshot.objects {
        let safe_kind = object
            .kind
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !safe_kind {
            return Err(PackError::UnsafePath {
                path: object.kind.clone(),
            });
        }
        let path = format!(
            "data/{}/{:04}.json",
            object.kind,
            object.id.div_euclid(BUCKET_IDS)
        );
        files.entry(path).or_default().push(&object.json);
    }
    let mut written = Vec::new();
    let meta = serde_json::to_string_pretty(&snapshot.meta).map_err(|error| PackError::Io {
        path: META_FILE.into(),
        reason: error.to_string(),
    })?;
    super::fsutil::write_if_changed(&dir.join(META_FILE), format!("{meta}\n").as_bytes())?;
    written.push((META_FILE.to_string(), FileKind::Data));
    for (path, objects) in files {
        let kind = path.split('/').nth(1).unwrap_or_default();
        let mut body = format!("{{\"resource\":\"{kind}\",\"results\":[\n");
        for (index, object) in objects.iter().enumerate() {
            if index > 0 {
                body.push_str(",\n");
            }
            body.push_str(object.get());
        }
        body.push_str("\n]}\n");
        super::fsutil::write_if_changed(&dir.join(&path), body.as_bytes())?;
        written.push((path, FileKind::Data));
    }
    Ok(written)
}

/// Reads the data files `paths` (relative to `dir`) back into a snapshot.
pub fn read_data(dir: &Path, paths: &[&str]) -> Result<Snapshot, PackError> {
    let mut snapshot = Snapshot::default();
    for path in paths {
        let full = dir.join(path);
        let bytes = std::fs::read(&full).map_err(|error| PackError::io(&full, error))?;
        let malformed = |reason: String| PackError::Mismatch {
            path: path.to_string(),
            reason,
        };
        if *path == META_FILE {
            snapshot.meta =
                serde_json::from_slice(&bytes).map_err(|error| malformed(error.to_string()))?;
            continue;
        }
        let chunk: Chunk =
            serde_json::from_slice(&bytes).map_err(|error| malformed(error.to_string()))?;
        for json in chunk.results {
            #[derive(Deserialize)]
            struct Id {
                id: i64,
            }
            let Id { id } = serde_json::from_str(json.get())
                .map_err(|error| malformed(format!("object without a numeric id: {error}")))?;
            snapshot.objects.push(SnapshotObject {
                kind: chunk.resource.clone(),
                id,
                json,
            });
        }
    }
    Ok(snapshot)
}
