//! The marker each report carries in its comment, and the matching of
//! reports of unknown outcome against the field API's list of reports.
//!
//! Geotrek-admin keeps no client-chosen id: the report's `uuid` is generated
//! by the server and not part of the field API's serializer, `eid` is not
//! writable there. The comment is stored and listed back as sent (the public
//! endpoint HTML-escapes it, so the marker uses no `<>&'"`).

use std::collections::HashMap;

use super::{AssetKind, ReportDraft};

const MARKER_PREFIX: &str = "[sentier:";

/// The marker of report `id`, e.g. `[sentier:0b9f…]`.
pub fn marker(id: &str) -> String {
    format!("{MARKER_PREFIX}{id}]")
}

/// The comment as sent: the asset it is about, the user's words, the marker.
pub fn comment_for_server(id: &str, draft: &ReportDraft) -> String {
    let mut comment = String::new();
    if let Some(asset) = &draft.asset {
        let kind = match asset.kind {
            AssetKind::Signage => "signage",
            AssetKind::Infrastructure => "infrastructure",
        };
        comment.push_str(&format!("[{kind} {}: {}]\n", asset.id, asset.label));
    }
    comment.push_str(draft.comment.trim());
    comment.push_str("\n\n");
    comment.push_str(&marker(id));
    comment
}

/// The report id in a comment's marker, if it has one.
pub fn marker_in(comment: &str) -> Option<&str> {
    let start = comment.rfind(MARKER_PREFIX)? + MARKER_PREFIX.len();
    let end = start + comment[start..].find(']')?;
    Some(&comment[start..end])
}

/// For each report id of `wanted` found in `listed` (server id, comment),
/// the server id of its oldest copy.
pub fn find_on_server<'a>(
    wanted: impl IntoIterator<Item = &'a str>,
    listed: &[(i64, String)],
) -> HashMap<String, i64> {
    let mut by_marker: HashMap<&str, i64> = HashMap::new();
    for (server_id, comment) in listed {
        if let Some(id) = marker_in(comment) {
            by_marker
                .entry(id)
                .and_modify(|known| *known = (*known).min(*server_id))
                .or_insert(*server_id);
        }
    }
    wanted
        .into_iter()
        .filter_map(|id| {
            by_marker
                .get(id)
                .map(|server_id| (id.to_string(), *server_id))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reports::{AssetRef, ReportKind};

    #[test]
    fn the_marker_survives_html_escaping_and_is_found_back() {
        let mut draft = ReportDraft::new(ReportKind::Field, "https://admin.example.org/");
        draft.comment = "  Lame \"Col\" arrachée <vent>  ".into();
        draft.asset = Some(AssetRef {
            kind: AssetKind::Signage,
            id: 10074,
            label: "S011 Carrefour".into(),
        });
        let comment = comment_for_server("abc-123", &draft);
        assert_eq!(
            comment,
            "[signage 10074: S011 Carrefour]\nLame \"Col\" arrachée <vent>\n\n[sentier:abc-123]"
        );
        let escaped = comment
            .replace('"', "&quot;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        assert_eq!(marker_in(&escaped), Some("abc-123"));
        assert_eq!(marker_in("no marker"), None);
    }

    #[test]
    fn reconciliation_finds_the_oldest_copy_and_ignores_others() {
        let listed = vec![
            (9, "x\n\n[sentier:b]".to_string()),
            (4, "x\n\n[sentier:b]".to_string()),
            (5, "plain comment".to_string()),
            (6, "y\n\n[sentier:c]".to_string()),
        ];
        let found = find_on_server(["a", "b"], &listed);
        assert_eq!(found.len(), 1);
        assert_eq!(found.get("b"), Some(&4));
    }
}
