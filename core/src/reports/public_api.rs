//! The public report endpoint, `POST /api/v2/feedback_report/`: multipart,
//! no authentication, up to three photos (`file1..file3`, as Geotrek-rando
//! sends them). The server cannot be asked whether a report arrived.

use reqwest::multipart::{Form, Part};
use serde::Deserialize;

use super::transport::{self, Failure};
use super::{OutboxEntry, StoredPhoto, reconcile};
use crate::address::admin_root;

/// The largest answer to a created report read.
const CREATED_LIMIT: u64 = 1 << 20;

/// The answer to a created report (`feedback_report_post_201.json`).
#[derive(Deserialize)]
struct Created {
    id: i64,
}

/// The Geotrek-admin at `server_url` (see [`admin_root`]) joined with `path`.
pub(crate) fn endpoint(server_url: &str, path: &str) -> Result<url::Url, Failure> {
    url::Url::parse(&admin_root(server_url))
        .and_then(|base| base.join(path))
        .map_err(|error| Failure::Refused {
            status: 0,
            reason: format!("bad server URL `{server_url}`: {error}"),
        })
}

/// The report's point as the GeoJSON geometry both endpoints take.
pub(crate) fn geometry(entry: &OutboxEntry) -> Option<serde_json::Value> {
    entry.draft.location.map(|location| {
        serde_json::json!({"type": "Point", "coordinates": [location.lon, location.lat]})
    })
}

/// Creates the report with its photos; returns its id on the server.
pub(crate) async fn create_report(
    client: &reqwest::Client,
    entry: &OutboxEntry,
    email: &str,
    photos: Vec<(StoredPhoto, Vec<u8>)>,
) -> Result<i64, Failure> {
    let draft = &entry.draft;
    let mut form = Form::new()
        .text("email", email.to_string())
        .text("comment", reconcile::comment_for_server(&entry.id, draft));
    if let Some(geometry) = geometry(entry) {
        form = form.text("geom", geometry.to_string());
    }
    for (name, value) in [
        ("activity", draft.activity_id),
        ("category", draft.category_id),
        ("problem_magnitude", draft.magnitude_id),
        ("related_trek", draft.related_trek_id),
    ] {
        if let Some(value) = value {
            form = form.text(name, value.to_string());
        }
    }
    for (index, (photo, jpeg)) in photos.into_iter().enumerate() {
        // Distinct names: the server writes each to a temporary file by name.
        let part = Part::bytes(jpeg)
            .file_name(format!("{}-{}.jpg", entry.id, photo.position))
            .mime_str("image/jpeg")
            .map_err(|error| Failure::NotDelivered(error.to_string()))?;
        form = form.part(format!("file{}", index + 1), part);
    }
    let url = endpoint(&draft.server_url, "api/v2/feedback_report/")?;
    let response = client
        .post(url)
        .multipart(form)
        .send()
        .await
        .map_err(transport::send_failure)?;
    let response = transport::check_status(response).await?;
    let created: Created = transport::json(response, CREATED_LIMIT, "a created report").await?;
    Ok(created.id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_admin_root_is_found_from_the_root_or_the_public_api() {
        for given in [
            "https://geotrek.park.example",
            "https://geotrek.park.example/",
            "https://geotrek.park.example/api/v2/",
            "https://geotrek.park.example/api/v2",
        ] {
            assert_eq!(
                admin_root(given),
                "https://geotrek.park.example/",
                "{given}"
            );
            let url = endpoint(given, "api/v2/feedback_report/")
                .ok()
                .map(String::from);
            assert_eq!(
                url.as_deref(),
                Some("https://geotrek.park.example/api/v2/feedback_report/")
            );
        }
        assert_eq!(
            admin_root("https://example.org/geotrek/api/v2/"),
            "https://example.org/geotrek/"
        );
    }
}
