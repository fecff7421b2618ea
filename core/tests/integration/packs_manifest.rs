//! Pack manifests: deterministic building, verification of files on disk, and
//! refusal of unsafe or oversized entries before anything is written.

use sentier_core::packs::{
    FORMAT_VERSION, FileKind, MAX_FILE_SIZE, PackError, PackManifest, build_manifest,
    verify_pack_dir, verify_staged_pack,
};

fn header() -> PackManifest {
    PackManifest {
        format: FORMAT_VERSION,
        id: "ecrins".to_string(),
        name: "Écrins".to_string(),
        version: 3,
        created: "2026-05-01T08:00:00Z".to_string(),
        source_api: "http://127.0.0.1:8000/api/v2/".to_string(),
        bbox: vec![6.0, 44.6, 6.6, 45.1],
        languages: vec!["en".to_string(), "fr".to_string()],
        min_zoom: 0,
        max_zoom: 16,
        files: Vec::new(),
    }
}

fn write_pack(dir: &std::path::Path) -> Vec<(String, FileKind)> {
    std::fs::create_dir_all(dir.join("data")).unwrap();
    std::fs::create_dir_all(dir.join("tiles")).unwrap();
    std::fs::write(dir.join("tiles/z0-12.mbtiles"), vec![7u8; 5000]).unwrap();
    std::fs::write(dir.join("data/treks-0.json"), b"[{\"id\":1}]").unwrap();
    vec![
        ("tiles/z0-12.mbtiles".to_string(), FileKind::Tiles),
        ("data/treks-0.json".to_string(), FileKind::Data),
    ]
}

#[test]
fn same_input_gives_same_bytes_and_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let files = write_pack(dir.path());
    let first = build_manifest(dir.path(), &files, header()).unwrap();
    let mut reversed = files.clone();
    reversed.reverse();
    let second = build_manifest(dir.path(), &reversed, header()).unwrap();
    let bytes = first.to_bytes().unwrap();
    assert_eq!(bytes, second.to_bytes().unwrap());
    assert_eq!(first.files[0].path, "data/treks-0.json");
    assert_eq!(first.total_size(), 5010);
    assert_eq!(PackManifest::parse(&bytes).unwrap(), first);
    verify_pack_dir(dir.path(), &first).unwrap();
}

#[test]
fn a_changed_byte_fails_verification() {
    let dir = tempfile::tempdir().unwrap();
    let files = write_pack(dir.path());
    let manifest = build_manifest(dir.path(), &files, header()).unwrap();
    std::fs::write(dir.path().join("data/treks-0.json"), b"[{\"id\":2}]").unwrap();
    let err = verify_pack_dir(dir.path(), &manifest).unwrap_err();
    assert!(matches!(err, PackError::Mismatch { ref path, .. } if path == "data/treks-0.json"));
}

#[test]
fn staged_files_hashed_on_arrival_are_not_hashed_again_but_the_others_are() {
    let dir = tempfile::tempdir().unwrap();
    let files = write_pack(dir.path());
    let manifest = build_manifest(dir.path(), &files, header()).unwrap();
    // Same size, other bytes: only a digest tells them apart.
    std::fs::write(dir.path().join("data/treks-0.json"), b"[{\"id\":2}]").unwrap();
    let hashed_tiles: std::collections::HashSet<String> =
        ["tiles/z0-12.mbtiles".to_string()].into();
    let err = verify_staged_pack(dir.path(), &manifest, &hashed_tiles).unwrap_err();
    assert!(matches!(err, PackError::Mismatch { ref path, .. } if path == "data/treks-0.json"));

    let hashed_data: std::collections::HashSet<String> = ["data/treks-0.json".to_string()].into();
    verify_staged_pack(dir.path(), &manifest, &hashed_data).unwrap();

    // A hashed file must still be there whole and a regular file.
    std::fs::write(dir.path().join("data/treks-0.json"), b"[]").unwrap();
    let err = verify_staged_pack(dir.path(), &manifest, &hashed_data).unwrap_err();
    assert!(matches!(err, PackError::Mismatch { .. }), "{err}");
}

#[test]
fn unsafe_paths_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let files = write_pack(dir.path());
    let good = build_manifest(dir.path(), &files, header()).unwrap();
    for path in ["../evil", "/etc/passwd", "a//b", "./a", "a\\b", "C:x", ""] {
        let mut bad = good.clone();
        bad.files[0].path = path.to_string();
        let bytes = serde_json::to_vec(&bad).unwrap();
        let err = PackManifest::parse(&bytes).unwrap_err();
        assert!(matches!(err, PackError::UnsafePath { .. }), "{path}: {err}");
    }
    let mut bad_id = good.clone();
    bad_id.id = "../x".to_string();
    assert!(matches!(
        bad_id.validate(),
        Err(PackError::UnsafePath { .. })
    ));
}

#[test]
fn oversized_duplicate_and_future_manifests_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let files = write_pack(dir.path());
    let good = build_manifest(dir.path(), &files, header()).unwrap();

    let mut big = good.clone();
    big.files[0].size = MAX_FILE_SIZE + 1;
    assert!(matches!(big.validate(), Err(PackError::Oversized { .. })));

    let mut twice = good.clone();
    twice.files.push(good.files[0].clone());
    assert!(matches!(
        twice.validate(),
        Err(PackError::DuplicatePath { .. })
    ));

    let mut future = good.clone();
    future.format = FORMAT_VERSION + 1;
    assert!(matches!(
        future.validate(),
        Err(PackError::UnsupportedFormat { .. })
    ));

    assert!(matches!(
        PackManifest::parse(b"{not json"),
        Err(PackError::BadManifest { .. })
    ));
}

#[cfg(unix)]
#[test]
fn symlinked_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = write_pack(dir.path());
    std::os::unix::fs::symlink("/etc/hostname", dir.path().join("data/link.json")).unwrap();
    files.push(("data/link.json".to_string(), FileKind::Data));
    let err = build_manifest(dir.path(), &files, header()).unwrap_err();
    assert!(matches!(err, PackError::UnsafePath { .. }));
}
