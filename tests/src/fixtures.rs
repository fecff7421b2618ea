//! The real server responses in `../shared/fixtures/` that contract tests
//! decode: a folder is skipped on a developer's machine without it, and is
//! a failure under CI (`CI` set), where a contract test that silently passes
//! would prove nothing. A fixture that cannot be read or parsed always fails.

use std::path::{Path, PathBuf};

/// `../shared/fixtures/<folder>` beside the repository, or `None` (after
/// saying so) when absent outside CI.
///
/// # Panics
/// Under CI, when the folder is absent.
pub fn folder(folder: &str) -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/fixtures")
        .join(folder);
    if path.is_dir() {
        return Some(path);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{} is absent: under CI the contract tests need it",
        path.display()
    );
    eprintln!("contract test skipped: {} is absent", path.display());
    None
}

/// The JSON of the fixture file `name` in `folder`.
///
/// # Panics
/// When the file cannot be read or is not JSON.
pub fn json(folder: &Path, name: &str) -> serde_json::Value {
    let path = folder.join(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("cannot read the fixture {}: {error}", path.display()));
    serde_json::from_str(&text)
        .unwrap_or_else(|error| panic!("the fixture {} is not JSON: {error}", path.display()))
}
