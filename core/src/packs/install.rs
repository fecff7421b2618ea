//! Making a download the live version of a pack: the staging folder is
//! prepared (a staged older download keeps its unchanged files, the
//! installed version lends its unchanged files by hard link), then, once
//! every file is in, checked, synced, imported into the version's catalog,
//! moved into place and published by `installed.json`.
//!
//! The order is what makes a power cut harmless: the version folder's name
//! is made durable before `installed.json` points at it, and `installed.json`
//! is durable before the previous version is deleted. A cancellation is
//! heeded up to the switch, which runs under the library's switch lock so a
//! removal never interleaves with it.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::PoisonError;
use std::sync::atomic::Ordering;

use tokio_util::sync::CancellationToken;

use super::data::read_data;
use super::download::{Counters, part_path};
use super::library::{
    CATALOG_FILE, INSTALLED_FILE, Installed, InstalledPack, MANIFEST_FILE, PackKind, PackLibrary,
    STAGING, read_dir, read_installed, read_manifest, remove_dir, staging_of,
};
use super::{FileKind, PackError, PackFile, PackManifest, fsutil};
use crate::atomic_file::sync_dir;
use crate::catalog::snapshot::import;

/// Makes `staging` hold `manifest`'s download: a staged download of another
/// version keeps only its files that did not change; files the installed
/// version already has are linked in.
pub(super) fn prepare_staging(
    library: &PackLibrary,
    staging: &Path,
    manifest: &PackManifest,
    bytes: &[u8],
) -> Result<(), PackError> {
    if let Ok(staged) = read_manifest(staging) {
        for old in &staged.files {
            let kept = manifest
                .files
                .iter()
                .any(|new| new.path == old.path && new.sha256 == old.sha256);
            if !kept {
                let path = staging.join(&old.path);
                let _ = std::fs::remove_file(&path);
                let _ = std::fs::remove_file(part_path(&path));
            }
        }
    }
    std::fs::create_dir_all(staging).map_err(|error| PackError::io(staging, error))?;
    fsutil::write_atomically(&staging.join(MANIFEST_FILE), bytes)?;
    let Some(current) = library.installed_pack(&manifest.id)? else {
        return Ok(());
    };
    let current_dir = PathBuf::from(&current.folder);
    let current_manifest = read_manifest(&current_dir)?;
    for file in &manifest.files {
        let unchanged = current_manifest
            .files
            .iter()
            .any(|old| old.path == file.path && old.sha256 == file.sha256);
        let target = staging.join(&file.path);
        if unchanged && !target.exists() {
            fsutil::link_or_copy(&current_dir.join(&file.path), &target)?;
        }
    }
    Ok(())
}

/// The files still to fetch; counts what is staged already.
pub(super) fn count_staged(
    staging: &Path,
    manifest: &PackManifest,
    counters: &Counters,
) -> Vec<PackFile> {
    let mut missing = Vec::new();
    for file in &manifest.files {
        let target = staging.join(&file.path);
        let complete = std::fs::symlink_metadata(&target)
            .is_ok_and(|meta| meta.is_file() && meta.len() == file.size);
        if complete {
            counters.bytes_done.fetch_add(file.size, Ordering::Relaxed);
            counters.files_done.fetch_add(1, Ordering::Relaxed);
        } else {
            let partial =
                std::fs::metadata(part_path(&target)).map_or(0, |meta| meta.len().min(file.size));
            counters.bytes_done.fetch_add(partial, Ordering::Relaxed);
            missing.push(file.clone());
        }
    }
    missing
}

/// Bytes of the data files: the catalog built from them takes a few times that.
pub(super) fn data_size(manifest: &PackManifest) -> u64 {
    manifest
        .files
        .iter()
        .filter(|file| file.kind == FileKind::Data)
        .map(|file| file.size)
        .sum()
}

/// Checks the staged files (hashing again only those not `hashed` as they
/// arrived) and syncs them to disk, imports the staged data, then switches
/// the pack to the new version, recorded as a pack of `kind` from `source`.
/// Stops with [`PackError::Cancelled`] if `cancel` fires before the switch.
pub(crate) async fn install(
    library: &PackLibrary,
    staging: &Path,
    manifest: &PackManifest,
    (source, kind): (&str, PackKind),
    hashed: HashSet<String>,
    cancel: &CancellationToken,
) -> Result<InstalledPack, PackError> {
    let check = || match cancel.is_cancelled() {
        true => Err(PackError::Cancelled),
        false => Ok(()),
    };
    check()?;
    let (staged, manifest_owned, token) = (staging.to_path_buf(), manifest.clone(), cancel.clone());
    tokio::task::spawn_blocking(move || -> Result<(), PackError> {
        super::verify_staged_pack(&staged, &manifest_owned, &hashed)?;
        if token.is_cancelled() {
            return Err(PackError::Cancelled);
        }
        fsutil::sync_tree(
            &staged,
            manifest_owned.files.iter().map(|file| file.path.as_str()),
        )?;
        let data: Vec<&str> = manifest_owned
            .files
            .iter()
            .filter(|file| file.kind == FileKind::Data)
            .map(|file| file.path.as_str())
            .collect();
        let snapshot = read_data(&staged, &data)?;
        let catalog = staged.join(CATALOG_FILE);
        let _ = std::fs::remove_file(&catalog);
        import(&catalog, &snapshot, &manifest_owned.created).map_err(|error| PackError::Io {
            path: catalog.display().to_string(),
            reason: error.to_string(),
        })?;
        Ok(())
    })
    .await
    .map_err(|error| PackError::Io {
        path: String::new(),
        reason: error.to_string(),
    })??;

    go_live(library, manifest, source, kind, cancel)
}

/// Switches the staged folder of `manifest` live under the switch lock,
/// unless `cancel` fired first.
fn go_live(
    library: &PackLibrary,
    manifest: &PackManifest,
    source: &str,
    kind: PackKind,
    cancel: &CancellationToken,
) -> Result<InstalledPack, PackError> {
    let _switching = library
        .switching
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    if cancel.is_cancelled() {
        return Err(PackError::Cancelled);
    }
    switch(&library.root, manifest, source, kind)?;
    library
        .installed_pack(&manifest.id)?
        .ok_or_else(|| PackError::NotInstalled {
            id: manifest.id.clone(),
        })
}

/// Moves the staged folder of `manifest` into place, points `installed.json`
/// at it, and deletes the previous version once that is durable.
fn switch(
    root: &Path,
    manifest: &PackManifest,
    server_url: &str,
    kind: PackKind,
) -> Result<(), PackError> {
    let folder = root.join(&manifest.id);
    let synced = |dir: &Path| sync_dir(dir).map_err(|error| PackError::io(dir, error));
    std::fs::create_dir_all(&folder).map_err(|error| PackError::io(&folder, error))?;
    let previous = read_installed(&folder);
    let version_name = format!("v{}", manifest.version);
    let version_dir = folder.join(&version_name);
    if previous.as_ref().is_some_and(|p| p.folder == version_name) {
        // Reinstalling the live version: move it aside first.
        let aside = folder.join(format!("{version_name}.old"));
        std::fs::rename(&version_dir, &aside).map_err(|error| PackError::io(&aside, error))?;
    } else if version_dir.exists() {
        remove_dir(&version_dir)?;
    }
    std::fs::rename(staging_of(root, &manifest.id), &version_dir)
        .map_err(|error| PackError::io(&version_dir, error))?;
    // The new folder's name, and its leaving the staging area, on disk
    // before anything points at it.
    synced(&folder)?;
    synced(&root.join(STAGING))?;
    let installed = Installed {
        version: manifest.version,
        folder: version_name.clone(),
        server_url: server_url.to_string(),
        kind,
    };
    let bytes = serde_json::to_vec_pretty(&installed).map_err(|error| PackError::Io {
        path: INSTALLED_FILE.into(),
        reason: error.to_string(),
    })?;
    // Synced with its folder: after this, a power cut finds the new version.
    fsutil::write_atomically(&folder.join(INSTALLED_FILE), &bytes)?;
    for entry in read_dir(&folder)? {
        let name = entry.file_name().to_string_lossy().to_string();
        if entry.path().is_dir() && name != version_name {
            remove_dir(&entry.path())?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::atomic_file::journal::{Step, under};

    fn manifest(version: u64) -> PackManifest {
        PackManifest {
            format: super::super::FORMAT_VERSION,
            id: "park".into(),
            name: "Park".into(),
            version,
            created: "2026-01-01T00:00:00Z".into(),
            source_api: "https://admin.park.example/api/v2/".into(),
            bbox: vec![6.0, 44.0, 7.0, 45.0],
            languages: vec!["fr".into()],
            min_zoom: 0,
            max_zoom: 0,
            files: Vec::new(),
        }
    }

    #[test]
    fn the_previous_version_is_deleted_only_once_the_new_one_is_durable() {
        let root = tempfile::tempdir().unwrap();
        let root = root.path();
        let folder = root.join("park");
        std::fs::create_dir_all(staging_of(root, "park")).unwrap();
        switch(
            root,
            &manifest(1),
            "http://packs.example/",
            PackKind::Published,
        )
        .unwrap();
        let before = under(root).len();
        std::fs::create_dir_all(staging_of(root, "park")).unwrap();
        switch(
            root,
            &manifest(2),
            "http://packs.example/",
            PackKind::Published,
        )
        .unwrap();

        assert!(folder.join("v2").is_dir());
        assert!(!folder.join("v1").exists());
        let live = read_installed(&folder).map(|installed| installed.folder);
        assert_eq!(live.as_deref(), Some("v2"));
        assert_eq!(
            under(root)[before..],
            [
                // v2's name, and its leaving the staging area...
                (Step::SyncedDir, folder.clone()),
                (Step::SyncedDir, root.join(STAGING)),
                // ...then installed.json pointing at it...
                (Step::SyncedDir, folder.clone()),
                // ...and only then v1 goes.
                (Step::Removed, folder.join("v1")),
            ]
        );
    }
}
