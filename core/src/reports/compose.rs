//! What a report says, and what the composer offers to say it with: the
//! signage and infrastructure items near the report's location (from the
//! cached catalog, through [`FieldAssets`]) and the feedback reference lists.

use crate::geodesy::LatLon;
use serde::{Deserialize, Serialize};

/// How far from the report's location signage and infrastructure are offered.
pub const ASSET_SEARCH_RADIUS_M: f64 = 50.0;

/// Who sends the report, and so where it goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum ReportKind {
    /// A hiker's report to the public `feedback_report` endpoint, no login.
    Public,
    /// A ranger's report through the authenticated field API.
    Field,
}

/// The two kinds of field assets a ranger reports on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum AssetKind {
    Signage,
    Infrastructure,
}

/// One blade of a signpost, as shown when picking the signpost.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct BladeSummary {
    pub number: String,
    pub direction: Option<String>,
    pub color: Option<String>,
    /// The text of each line, top to bottom.
    pub lines: Vec<String>,
}

/// A signage or infrastructure item of the cached catalog.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct FieldAsset {
    pub kind: AssetKind,
    pub id: i64,
    pub code: String,
    pub name: String,
    pub type_name: Option<String>,
    pub blades: Vec<BladeSummary>,
    /// The item's current conditions, as the field API knows them (empty
    /// when read from the public catalog, which does not carry them).
    pub conditions: Vec<Reference>,
    /// The geometry: one point, or the vertices of a line.
    pub geometry: Vec<LatLon>,
}

/// A field asset with its distance from the report's location.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct NearbyAsset {
    pub asset: FieldAsset,
    pub distance_m: f64,
}

/// An entry of a reference list (category, activity, magnitude, condition).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Reference {
    pub id: i64,
    pub label: String,
}

/// The reference lists a report is composed with.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct FeedbackReferences {
    pub categories: Vec<Reference>,
    pub activities: Vec<Reference>,
    pub magnitudes: Vec<Reference>,
    pub signage_conditions: Vec<Reference>,
    pub infrastructure_conditions: Vec<Reference>,
}

/// Where the composer finds the items a report can be about: the cached
/// catalog (public signage and infrastructure) or the ranger's download
/// from the field API; tests use an in-memory list.
pub trait FieldAssets: Send + Sync {
    /// The assets with some part within `radius_m` of `center`, in any
    /// order; a source may return a few more (a bounding box), the composer
    /// measures and filters.
    fn assets_within(&self, center: LatLon, radius_m: f64) -> Vec<FieldAsset>;

    /// Where item `id` of `kind` is (one point, or a line's vertices), if
    /// the source has it at all, wherever it lies.
    fn geometry_of(&self, kind: AssetKind, id: i64) -> Option<Vec<LatLon>>;
}

/// The assets within [`ASSET_SEARCH_RADIUS_M`] of `location`, nearest first.
pub fn nearby_assets(assets: &dyn FieldAssets, location: LatLon) -> Vec<NearbyAsset> {
    let mut nearby: Vec<NearbyAsset> = assets
        .assets_within(location, ASSET_SEARCH_RADIUS_M)
        .into_iter()
        .filter_map(|asset| {
            let distance_m = location.distance_to_polyline_m(&asset.geometry)?;
            (distance_m <= ASSET_SEARCH_RADIUS_M).then_some(NearbyAsset { asset, distance_m })
        })
        .collect();
    nearby.sort_by(|a, b| a.distance_m.total_cmp(&b.distance_m));
    nearby
}

/// The asset a ranger's report is about, with the label it had when chosen.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct AssetRef {
    pub kind: AssetKind,
    pub id: i64,
    /// Code and name, e.g. `S011 Carrefour Vallon de Chabournéou`.
    pub label: String,
}

impl From<&FieldAsset> for AssetRef {
    fn from(asset: &FieldAsset) -> Self {
        let label = [asset.code.trim(), asset.name.trim()]
            .iter()
            .filter(|part| !part.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        AssetRef {
            kind: asset.kind,
            id: asset.id,
            label,
        }
    }
}

/// Everything a report says, as the user composed it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ReportDraft {
    pub kind: ReportKind,
    /// The Geotrek-admin the report goes to, e.g. `https://admin.park.fr/`.
    pub server_url: String,
    pub location: Option<LatLon>,
    /// The sender's e-mail (a ranger's comes from the field API's config).
    pub email: String,
    pub comment: String,
    pub category_id: Option<i64>,
    pub activity_id: Option<i64>,
    pub magnitude_id: Option<i64>,
    pub related_trek_id: Option<i64>,
    /// The signage or infrastructure item the report is about (ranger).
    pub asset: Option<AssetRef>,
    /// The asset's new conditions, written to it after the report (ranger).
    pub asset_condition_ids: Vec<i64>,
}

impl ReportDraft {
    /// An empty draft of `kind` for `server_url`.
    pub fn new(kind: ReportKind, server_url: &str) -> Self {
        ReportDraft {
            kind,
            server_url: server_url.to_string(),
            location: None,
            email: String::new(),
            comment: String::new(),
            category_id: None,
            activity_id: None,
            magnitude_id: None,
            related_trek_id: None,
            asset: None,
            asset_condition_ids: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Assets(Vec<FieldAsset>);

    impl FieldAssets for Assets {
        fn assets_within(&self, _: LatLon, _: f64) -> Vec<FieldAsset> {
            self.0.clone()
        }

        fn geometry_of(&self, kind: AssetKind, id: i64) -> Option<Vec<LatLon>> {
            self.0
                .iter()
                .find(|asset| asset.kind == kind && asset.id == id)
                .map(|asset| asset.geometry.clone())
        }
    }

    fn at(lat: f64, lon: f64) -> LatLon {
        LatLon::new(lat, lon)
    }

    fn asset(id: i64, geometry: Vec<LatLon>) -> FieldAsset {
        FieldAsset {
            kind: AssetKind::Signage,
            id,
            code: format!("S{id:03}"),
            name: format!("Carrefour {id}"),
            type_name: None,
            blades: Vec::new(),
            conditions: Vec::new(),
            geometry,
        }
    }

    #[test]
    fn nearby_assets_are_within_50_m_nearest_first_lines_by_their_nearest_point() {
        let here = at(44.8, 6.3);
        // 1e-4 degree of latitude is about 11.1 m.
        let assets = Assets(vec![
            asset(1, vec![at(44.8003, 6.3)]),                     // ~33 m
            asset(2, vec![at(44.8001, 6.3)]),                     // ~11 m
            asset(3, vec![at(44.8006, 6.3)]),                     // ~67 m: out
            asset(4, vec![at(44.8002, 6.29), at(44.8002, 6.31)]), // line passing ~22 m away
            asset(5, Vec::new()),                                 // no geometry: out
        ]);
        let nearby = nearby_assets(&assets, here);
        let ids: Vec<i64> = nearby.iter().map(|n| n.asset.id).collect();
        assert_eq!(ids, vec![2, 4, 1]);
        assert!((nearby[0].distance_m - 11.12).abs() < 0.05);
        assert!((nearby[1].distance_m - 22.24).abs() < 0.05);
    }

    #[test]
    fn an_asset_is_labelled_by_its_code_then_its_name() {
        let label = |code: &str| {
            AssetRef::from(&FieldAsset {
                code: code.into(),
                ..asset(7, Vec::new())
            })
            .label
        };
        assert_eq!(label("S007"), "S007 Carrefour 7");
        assert_eq!(label("  "), "Carrefour 7");
    }
}
