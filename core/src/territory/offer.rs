//! What a Geotrek-admin offers for a territory, asked before anything is
//! downloaded: its API v2 (required: the treks and everything else come
//! from it), its extent, and, where the park publishes a Geotrek-mobile
//! tree, the size of its basemap zip and of each trek's tile zip, so the
//! user sees the size of each choice first.
//!
//! A tree is read as a park's nginx serves it (`/mobile/X` answered from
//! `<Accept-Language>/X`, else `nolang/X`), or, when that finds nothing, as
//! a plain static copy of the folder `sync_mobile` wrote (`nolang/X`,
//! `<lang>/X`). Sizes are asked with a one-byte `Range` GET, which every
//! static host answers (unlike `HEAD` on some).

use futures_util::stream::{self, StreamExt};
use serde_json::Value;
use tokio_util::sync::CancellationToken;

use super::address::TerritoryAddress;
use crate::http::{self, Budget, Get, Got};
use crate::packs::PackError;
use crate::packs::fetch::{join, remote_size, server_root};

/// The largest `treks.geojson` or API answer read while asking.
const DOCUMENT_LIMIT: u64 = 64 * 1024 * 1024;
/// Size requests in flight at once.
const PARALLEL_SIZES: usize = 8;

/// A zip of a Geotrek-mobile tree.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct MobileZip {
    pub url: String,
    pub size: u64,
    /// The server's `ETag`: a resumed download asks `If-Range` with it.
    pub etag: Option<String>,
}

/// A trek's tiles (its corridor at high zooms) in the mobile tree.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TrekTiles {
    pub trek_id: u64,
    pub name: String,
    pub zip: MobileZip,
}

/// What a Geotrek-admin offers.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TerritoryOffer {
    /// The id it installs under, from its host.
    pub id: String,
    pub name: String,
    pub address: TerritoryAddress,
    /// Treks the API publishes.
    pub trek_count: u64,
    /// West, south, east, north, as the API's `config/` says.
    pub bbox: Option<Vec<f64>>,
    /// `global.zip`: the basemap over the whole park at low zooms; `None`
    /// without a Geotrek-mobile tree (the territory then has no basemap).
    pub basemap: Option<MobileZip>,
    /// The treks with a tile zip, by id.
    pub treks: Vec<TrekTiles>,
}

/// Which of a territory's tiles to take: the basemap always, and the
/// corridors of all treks (`None`) or of the treks listed.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TerritoryChoice {
    pub treks: Option<Vec<u64>>,
}

impl TerritoryOffer {
    /// The zips `choice` takes, the basemap first.
    pub fn zips(&self, choice: &TerritoryChoice) -> Vec<MobileZip> {
        let chosen = |trek: &&TrekTiles| {
            choice
                .treks
                .as_ref()
                .is_none_or(|ids| ids.contains(&trek.trek_id))
        };
        self.basemap
            .iter()
            .cloned()
            .chain(
                self.treks
                    .iter()
                    .filter(chosen)
                    .map(|trek| trek.zip.clone()),
            )
            .collect()
    }

    /// The bytes of tiles `choice` downloads.
    pub fn download_size(&self, choice: &TerritoryChoice) -> u64 {
        self.zips(choice).iter().map(|zip| zip.size).sum()
    }
}

/// Asks the Geotrek-admin at `address` what it offers, naming treks in
/// `language`.
pub async fn offer(
    client: &reqwest::Client,
    address: &TerritoryAddress,
    language: &str,
    cancel: &CancellationToken,
) -> Result<TerritoryOffer, PackError> {
    let api = server_root(&address.api_url)?;
    let treks_page = json(
        client,
        &join(&api, "trek/?page_size=1&fields=id")?,
        None,
        cancel,
    )
    .await
    .map_err(|error| PackError::Source {
        reason: format!("{} is not a Geotrek API v2: {error}", address.api_url),
    })?;
    let trek_count = treks_page["count"]
        .as_u64()
        .ok_or_else(|| PackError::Source {
            reason: format!("{} lists treks without a count", address.api_url),
        })?;
    let bbox = json(client, &join(&api, "config/")?, None, cancel)
        .await
        .ok()
        .and_then(|config| parse_bbox(&config["bbox"]));

    let mobile = server_root(&address.mobile_url)?;
    let mut basemap = None;
    let mut layout = None;
    for candidate in [Layout::Negotiated, Layout::Plain] {
        let url = candidate.url(&mobile, language, "global.zip", false)?;
        if let Some(zip) = sized(client, &url, language, cancel).await? {
            (basemap, layout) = (Some(zip), Some(candidate));
            break;
        }
    }
    let treks = match layout {
        Some(layout) => trek_zips(client, &mobile, layout, language, cancel).await?,
        None => Vec::new(),
    };
    let host = url::Url::parse(&address.admin_root)
        .ok()
        .and_then(|url| url.host_str().map(str::to_string))
        .unwrap_or_default();
    Ok(TerritoryOffer {
        id: territory_id(&address.admin_root),
        name: host,
        address: address.clone(),
        trek_count,
        bbox,
        basemap,
        treks,
    })
}

/// The pack id of the territory at `admin_root`: its host and path, in the
/// characters an id allows.
pub fn territory_id(admin_root: &str) -> String {
    let without_scheme = admin_root
        .split_once("://")
        .map_or(admin_root, |(_, rest)| rest);
    let id: String = without_scheme
        .trim_end_matches('/')
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    id.trim_matches('-').to_string()
}

/// How the tree's files are addressed.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Layout {
    /// `mobile/X`, the language negotiated by the server (a park's nginx).
    Negotiated,
    /// `mobile/nolang/X` and `mobile/<lang>/X` (a static copy).
    Plain,
}

impl Layout {
    fn url(
        self,
        mobile: &url::Url,
        language: &str,
        file: &str,
        translated: bool,
    ) -> Result<url::Url, PackError> {
        let folder = if translated { language } else { "nolang" };
        match self {
            Layout::Negotiated => join(mobile, file),
            Layout::Plain => join(mobile, &format!("{folder}/{file}")),
        }
    }
}

/// The treks of `treks.geojson` with the size of their zip; treks without
/// one are left out.
async fn trek_zips(
    client: &reqwest::Client,
    mobile: &url::Url,
    layout: Layout,
    language: &str,
    cancel: &CancellationToken,
) -> Result<Vec<TrekTiles>, PackError> {
    let list_url = layout.url(mobile, language, "treks.geojson", true)?;
    let list = json(client, &list_url, Some(language), cancel)
        .await
        .map_err(|error| PackError::Source {
            reason: format!("{list_url}: {error}"),
        })?;
    let named: Vec<(u64, String)> = list["features"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|feature| {
            let id = feature["id"]
                .as_u64()
                .or_else(|| feature["properties"]["id"].as_u64())?;
            let name = feature["properties"]["name"].as_str().unwrap_or_default();
            Some((id, name.to_string()))
        })
        .collect();
    let sized_treks = stream::iter(named.into_iter().map(|(trek_id, name)| async move {
        let url = layout.url(mobile, language, &format!("{trek_id}.zip"), false)?;
        let zip = sized(client, &url, language, cancel).await?;
        Ok::<_, PackError>(zip.map(|zip| TrekTiles { trek_id, name, zip }))
    }))
    .buffered(PARALLEL_SIZES)
    .collect::<Vec<_>>()
    .await;
    let mut treks: Vec<TrekTiles> = sized_treks
        .into_iter()
        .filter_map(Result::transpose)
        .collect::<Result<_, _>>()?;
    treks.sort_by_key(|trek| trek.trek_id);
    Ok(treks)
}

/// The size and `ETag` of the zip at `url`; `None` when it is not there.
async fn sized(
    client: &reqwest::Client,
    url: &url::Url,
    language: &str,
    cancel: &CancellationToken,
) -> Result<Option<MobileZip>, PackError> {
    let remote = remote_size(client, url, Some(language), cancel).await?;
    Ok(remote.map(|remote| MobileZip {
        url: url.to_string(),
        size: remote.size,
        etag: remote.etag,
    }))
}

/// The JSON document at `url` (in `language`, for a negotiated tree), read
/// within the interactive budget.
async fn json(
    client: &reqwest::Client,
    url: &url::Url,
    language: Option<&str>,
    cancel: &CancellationToken,
) -> Result<Value, String> {
    let request = Get {
        accept_language: language,
        ..Get::new(url, "answer", DOCUMENT_LIMIT, Budget::INTERACTIVE)
    };
    match http::get(client, &request, cancel, &|_| {}).await {
        Ok(Got::Document(document)) => {
            serde_json::from_slice(&document.bytes).map_err(|error| format!("not JSON: {error}"))
        }
        Ok(Got::NotModified) => Err("HTTP 304 to a request without a condition".into()),
        Err(error) => Err(error.describe()),
    }
}

fn parse_bbox(value: &Value) -> Option<Vec<f64>> {
    let bbox: Vec<f64> = value.as_array()?.iter().filter_map(Value::as_f64).collect();
    let valid = bbox.len() == 4
        && bbox.iter().all(|v| v.is_finite())
        && bbox[0] < bbox[2]
        && bbox[1] < bbox[3];
    valid.then_some(bbox)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_territory_is_installed_under_its_host() {
        assert_eq!(
            territory_id("https://geotrek-admin.ecrins-parcnational.fr/"),
            "geotrek-admin-ecrins-parcnational-fr"
        );
        assert_eq!(
            territory_id("http://127.0.0.1:8000/gt/"),
            "127-0-0-1-8000-gt"
        );
    }

    #[test]
    fn only_a_real_extent_is_kept() {
        let bbox = |text: &str| parse_bbox(&serde_json::from_str(text).unwrap());
        assert_eq!(
            bbox("[5.9, 44.6, 6.6, 45.1]"),
            Some(vec![5.9, 44.6, 6.6, 45.1])
        );
        assert_eq!(bbox("[6.6, 44.6, 5.9, 45.1]"), None);
        assert_eq!(bbox("[1, 2, 3]"), None);
        assert_eq!(bbox("null"), None);
    }
}
