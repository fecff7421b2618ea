//! Photos attached to objects, in the shape of Geotrek's `AttachmentSerializer`,
//! pointing at `/media/paperclip/...` paths the test server draws on demand.

use rand::Rng;
use rand::seq::IndexedRandom;
use serde_json::{Value, json};

use super::json::server_path;
use super::uuid;
use super::words::{AUTHORS, slugify};

/// The suffix easy-thumbnails appends for the API's thumbnail alias.
pub const THUMBNAIL_SUFFIX: &str = ".400x0_q85.jpg";

/// `count` photos of object `id` of Geotrek model `model_folder` (e.g. `trekking_trek`).
pub fn photos(rng: &mut impl Rng, model_folder: &str, id: u64, title: &str, count: usize) -> Value {
    let slug = slugify(title);
    let photos: Vec<Value> = (1..=count)
        .map(|number| {
            let token: String = (0..12)
                .map(|_| {
                    let digit = rng.random_range(0..36u32);
                    char::from_digit(digit, 36).unwrap_or('x')
                })
                .collect();
            let path = format!("/media/paperclip/{model_folder}/{id}/{slug}-{number}-{token}.jpg");
            json!({
                "author": AUTHORS.choose(rng).copied().unwrap_or(AUTHORS[0]),
                "backend": "",
                "filetype": {"id": 11, "structure": Value::Null, "type": "Photographie"},
                "legend": format!("Légende {title} {number}"),
                "license": "CC-by 4.0",
                "thumbnail": server_path(format!("{path}{THUMBNAIL_SUFFIX}")),
                "title": format!("{title} {number}"),
                "type": "image",
                "url": server_path(path),
                "uuid": uuid(rng),
            })
        })
        .collect();
    Value::Array(photos)
}
