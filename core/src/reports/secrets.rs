//! Where credentials live: the [`SecretStore`] the shells implement with the
//! Android Keystore or the iOS Keychain, and [`FileSecretStore`], a file
//! readable by its owner only, for the command line and tests.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::SecretStoreError;

/// A small key-value store for secrets. Values are opaque strings; keys are
/// namespaced by the caller, e.g. `sentier.field-session.https://host`.
pub trait SecretStore: Send + Sync {
    /// The value stored under `key`, if any.
    fn read(&self, key: &str) -> Result<Option<String>, SecretStoreError>;
    /// Stores `value` under `key`, replacing any previous value.
    fn write(&self, key: &str, value: &str) -> Result<(), SecretStoreError>;
    /// Removes `key`; removing a missing key is not an error.
    fn delete(&self, key: &str) -> Result<(), SecretStoreError>;
}

/// Secrets in one JSON file, mode 0600 on Unix, replaced atomically (write a
/// temporary file, fsync, rename) so a crash never leaves half a file.
pub struct FileSecretStore {
    path: PathBuf,
    lock: Mutex<()>,
}

impl FileSecretStore {
    /// A store kept at `path` (created on first write).
    pub fn new(path: impl Into<PathBuf>) -> Self {
        FileSecretStore {
            path: path.into(),
            lock: Mutex::new(()),
        }
    }

    fn load(&self) -> Result<BTreeMap<String, String>, SecretStoreError> {
        match fs::read(&self.path) {
            Ok(bytes) => {
                serde_json::from_slice(&bytes).map_err(|error| unavailable(&self.path, error))
            }
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(BTreeMap::new()),
            Err(error) => Err(unavailable(&self.path, error)),
        }
    }

    fn save(&self, secrets: &BTreeMap<String, String>) -> Result<(), SecretStoreError> {
        let bytes = serde_json::to_vec(secrets).map_err(|error| unavailable(&self.path, error))?;
        let temporary = self.path.with_extension("tmp");
        let write = || -> std::io::Result<()> {
            if let Some(parent) = self.path.parent() {
                fs::create_dir_all(parent)?;
            }
            // A temporary file left by a crash (or planted: a symlink) keeps
            // its own mode, which the rename would give the secrets: start anew.
            match fs::remove_file(&temporary) {
                Err(error) if error.kind() != std::io::ErrorKind::NotFound => return Err(error),
                _ => {}
            }
            let mut options = fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            let mut file = options.open(&temporary)?;
            file.write_all(&bytes)?;
            file.sync_all()?;
            fs::rename(&temporary, &self.path)
        };
        write().map_err(|error| unavailable(&self.path, error))
    }

    fn update(
        &self,
        change: impl FnOnce(&mut BTreeMap<String, String>),
    ) -> Result<(), SecretStoreError> {
        let _guard = self
            .lock
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let mut secrets = self.load()?;
        change(&mut secrets);
        self.save(&secrets)
    }
}

impl SecretStore for FileSecretStore {
    fn read(&self, key: &str) -> Result<Option<String>, SecretStoreError> {
        let _guard = self
            .lock
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        Ok(self.load()?.remove(key))
    }

    fn write(&self, key: &str, value: &str) -> Result<(), SecretStoreError> {
        self.update(|secrets| {
            secrets.insert(key.to_string(), value.to_string());
        })
    }

    fn delete(&self, key: &str) -> Result<(), SecretStoreError> {
        self.update(|secrets| {
            secrets.remove(key);
        })
    }
}

fn unavailable(path: &Path, error: impl std::fmt::Display) -> SecretStoreError {
    SecretStoreError::Unavailable {
        reason: format!("{}: {error}", path.display()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_store_round_trips_and_is_private() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("secrets.json");
        let store = FileSecretStore::new(&path);
        assert_eq!(store.read("a").unwrap(), None);
        store.write("a", "one").unwrap();
        store.write("b", "two").unwrap();
        store.delete("a").unwrap();
        store.delete("missing").unwrap();
        let reopened = FileSecretStore::new(&path);
        assert_eq!(reopened.read("a").unwrap(), None);
        assert_eq!(reopened.read("b").unwrap().as_deref(), Some("two"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_stale_temporary_file_does_not_lend_its_mode_or_target() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("secrets.json");
        let stale = dir.path().join("secrets.tmp");
        fs::write(&stale, b"{}").unwrap();
        fs::set_permissions(&stale, fs::Permissions::from_mode(0o644)).unwrap();
        let store = FileSecretStore::new(&path);
        store.write("token", "secret").unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);

        // A temporary name pointing elsewhere is replaced, not written through.
        let elsewhere = dir.path().join("elsewhere");
        fs::write(&elsewhere, b"untouched").unwrap();
        std::os::unix::fs::symlink(&elsewhere, &stale).unwrap();
        store.write("token", "newer").unwrap();
        assert_eq!(fs::read(&elsewhere).unwrap(), b"untouched");
        assert_eq!(store.read("token").unwrap().as_deref(), Some("newer"));
        let mode = fs::symlink_metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    #[test]
    fn a_damaged_file_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("secrets.json");
        fs::write(&path, b"{not json").unwrap();
        assert!(matches!(
            FileSecretStore::new(&path).read("a"),
            Err(SecretStoreError::Unavailable { .. })
        ));
    }
}
