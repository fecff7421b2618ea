//! Versioned schemas of the core's SQLite files (catalog, outbox, tracks):
//! a file's migrations run in order, each in its own transaction that also
//! sets `PRAGMA user_version`, so an app upgrade finds every file at the
//! schema it knows; a file written by a newer version of the app is refused
//! rather than misread.

use rusqlite::Connection;

/// Why a file's schema could not be brought up to date.
#[derive(Debug, thiserror::Error)]
pub enum SchemaError {
    #[error("{file} has schema {found}, newer than this app's {known}")]
    Newer {
        file: &'static str,
        found: usize,
        known: usize,
    },
    #[error("{file}: {source}")]
    Sqlite {
        file: &'static str,
        source: rusqlite::Error,
    },
}

/// Runs the migrations of `file` (e.g. "the outbox") that `connection` has
/// not run yet; `migrations[n]` takes schema `n` to `n + 1`.
pub fn migrate(
    connection: &mut Connection,
    file: &'static str,
    migrations: &[&str],
) -> Result<(), SchemaError> {
    let sqlite = |source| SchemaError::Sqlite { file, source };
    let found: usize = connection
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .map_err(sqlite)?;
    if found > migrations.len() {
        return Err(SchemaError::Newer {
            file,
            found,
            known: migrations.len(),
        });
    }
    for (index, migration) in migrations.iter().enumerate().skip(found) {
        let transaction = connection.transaction().map_err(sqlite)?;
        transaction.execute_batch(migration).map_err(sqlite)?;
        transaction
            .pragma_update(None, "user_version", index + 1)
            .map_err(sqlite)?;
        transaction.commit().map_err(sqlite)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIGRATIONS: [&str; 2] = [
        "CREATE TABLE a (x INTEGER);",
        "ALTER TABLE a ADD COLUMN y TEXT;",
    ];

    #[test]
    fn migrations_run_once_in_order_and_newer_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("file.sqlite");
        let mut connection = Connection::open(&path).unwrap();
        migrate(&mut connection, "the file", &MIGRATIONS[..1]).unwrap();
        connection
            .execute("INSERT INTO a (x) VALUES (1)", [])
            .unwrap();
        // An upgrade runs only the new migration and keeps the data.
        migrate(&mut connection, "the file", &MIGRATIONS).unwrap();
        migrate(&mut connection, "the file", &MIGRATIONS).unwrap();
        let row: (i64, Option<String>) = connection
            .query_row("SELECT x, y FROM a", [], |row| {
                Ok((row.get(0)?, row.get(1)?))
            })
            .unwrap();
        assert_eq!(row, (1, None));
        // An older app meets the upgraded file.
        let refused = migrate(&mut connection, "the file", &MIGRATIONS[..1]).unwrap_err();
        assert_eq!(
            refused.to_string(),
            "the file has schema 2, newer than this app's 1"
        );
    }

    #[test]
    fn a_failing_migration_leaves_the_file_at_its_previous_schema() {
        let mut connection = Connection::open_in_memory().unwrap();
        let broken = [MIGRATIONS[0], "ALTER TABLE missing ADD COLUMN z;"];
        assert!(migrate(&mut connection, "the file", &broken).is_err());
        let version: usize = connection
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .unwrap();
        assert_eq!(version, 1);
    }
}
