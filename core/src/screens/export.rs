//! The files a screen writes for the user to share (a trek's or a saved
//! track's GPX), named after what they hold, in the folder the shell shares
//! from; each is written whole or not at all.

use std::path::{Path, PathBuf};

use crate::atomic_file::write_atomically_with;
use crate::trail::gpx_file::{write_route_gpx, write_track_gpx};
use crate::trail::{Route, TrackId, TrackStore, TrailError};

/// Longest file name kept from a name, in characters (before `.gpx`).
const MAX_NAME_CHARS: usize = 80;

/// `folder/name.gpx`, `name` made a safe file name (no separators,
/// reserved or control characters, no leading dot; `fallback` when
/// nothing is left of it).
pub fn gpx_path(folder: &Path, name: &str, fallback: &str) -> PathBuf {
    let safe: String = name
        .chars()
        .filter(|c| !c.is_control())
        .map(|c| if "/\\:*?\"<>|".contains(c) { '-' } else { c })
        .take(MAX_NAME_CHARS)
        .collect();
    let safe = safe.trim().trim_start_matches('.');
    let stem = if safe.is_empty() { fallback } else { safe };
    folder.join(format!("{stem}.gpx"))
}

/// Writes `route` (a trek's line, its points as waypoints) as GPX 1.1 at `path`.
pub fn write_trek_gpx(route: &Route, path: &Path) -> Result<(), TrailError> {
    write_atomically_with(path, |file| write_route_gpx(route, file))
}

/// Writes saved track `track` of `store` as GPX 1.1 at `path`.
pub fn write_saved_track_gpx(
    store: &TrackStore,
    track: TrackId,
    path: &Path,
) -> Result<(), TrailError> {
    let (summary, points) = (store.summary(track)?, store.points(track)?);
    write_atomically_with(path, |file| write_track_gpx(&summary.name, &points, file))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_becomes_a_safe_file_name() {
        let folder = Path::new("/exports");
        assert_eq!(
            gpx_path(folder, "Tour du lac / Boucle: été", "trek-1"),
            Path::new("/exports/Tour du lac - Boucle- été.gpx")
        );
        assert_eq!(
            gpx_path(folder, " ../.. ", "trek-1"),
            Path::new("/exports/-...gpx")
        );
        assert_eq!(
            gpx_path(folder, "\n", "track-4"),
            Path::new("/exports/track-4.gpx")
        );
    }
}
