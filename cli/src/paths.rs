//! Where the CLI keeps its files by default.

use std::path::PathBuf;

/// `$SENTIER_DATA_DIR`, else the platform's per-user data folder + `sentier`.
pub fn default_data_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("SENTIER_DATA_DIR") {
        return PathBuf::from(dir);
    }
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("."));
    if cfg!(target_os = "macos") {
        return home.join("Library/Application Support/sentier");
    }
    std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .unwrap_or_else(|| home.join(".local/share"))
        .join("sentier")
}

/// The catalog file inside `data_dir`.
pub fn catalog_file(data_dir: &std::path::Path) -> PathBuf {
    data_dir.join("catalog.sqlite")
}

/// The recorded-tracks store inside `data_dir`.
pub fn tracks_file(data_dir: &std::path::Path) -> PathBuf {
    data_dir.join("tracks.sqlite")
}
