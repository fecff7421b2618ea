//! What a report says, and what the composer offers to say it with: the
//! signage and infrastructure items near the report's location (from the
//! cached catalog, through [`FieldAssets`]) and the feedback reference lists.

use serde::{Deserialize, Serialize};

/// How far from the report's location signage and infrastructure are offered.
pub const ASSET_SEARCH_RADIUS_M: f64 = 50.0;

/// Mean Earth radius used for the short distances of the composer.
const EARTH_RADIUS_M: f64 = 6_371_008.8;

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

/// A WGS84 position.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ReportLocation {
    pub latitude: f64,
    pub longitude: f64,
}

impl ReportLocation {
    /// Whether both coordinates are finite and within WGS84's range.
    pub fn is_valid(&self) -> bool {
        self.latitude.is_finite()
            && self.longitude.is_finite()
            && (-90.0..=90.0).contains(&self.latitude)
            && (-180.0..=180.0).contains(&self.longitude)
    }

    /// Distance in metres to `other` along a short segment (equirectangular:
    /// well under a millimetre off at the composer's 50 m).
    pub fn distance_m(&self, other: &ReportLocation) -> f64 {
        let (x, y) = self.local_xy(other);
        x.hypot(y)
    }

    /// `other` in metres east and north of `self`.
    fn local_xy(&self, other: &ReportLocation) -> (f64, f64) {
        let mean_lat = ((self.latitude + other.latitude) / 2.0).to_radians();
        let x = (other.longitude - self.longitude).to_radians() * mean_lat.cos() * EARTH_RADIUS_M;
        let y = (other.latitude - self.latitude).to_radians() * EARTH_RADIUS_M;
        (x, y)
    }

    /// Distance in metres to the nearest point of the polyline `points`
    /// (a single point for point geometries).
    pub fn distance_to_polyline_m(&self, points: &[ReportLocation]) -> Option<f64> {
        match points {
            [] => None,
            [single] => Some(self.distance_m(single)),
            _ => points
                .windows(2)
                .map(|segment| {
                    let (ax, ay) = self.local_xy(&segment[0]);
                    let (bx, by) = self.local_xy(&segment[1]);
                    let (dx, dy) = (bx - ax, by - ay);
                    let length_sq = dx * dx + dy * dy;
                    let t = if length_sq > 0.0 {
                        (-(ax * dx + ay * dy) / length_sq).clamp(0.0, 1.0)
                    } else {
                        0.0
                    };
                    (ax + t * dx).hypot(ay + t * dy)
                })
                .min_by(f64::total_cmp),
        }
    }
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
    /// The geometry: one point, or the vertices of a line.
    pub geometry: Vec<ReportLocation>,
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

/// What the composer needs from the cached catalog. The catalog implements
/// it; tests use an in-memory list.
pub trait FieldAssets: Send + Sync {
    /// The assets with some part within `radius_m` of `center`, in any
    /// order; a source may return a few more (a bounding box), the composer
    /// measures and filters.
    fn assets_within(&self, center: ReportLocation, radius_m: f64) -> Vec<FieldAsset>;

    /// The feedback and condition reference lists, in the user's language.
    fn references(&self) -> FeedbackReferences;
}

/// The assets within [`ASSET_SEARCH_RADIUS_M`] of `location`, nearest first.
pub fn nearby_assets(assets: &dyn FieldAssets, location: ReportLocation) -> Vec<NearbyAsset> {
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
    pub location: Option<ReportLocation>,
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

    /// Checks the draft can be queued: the public endpoint accepts nearly
    /// anything, so the client refuses what a park could not act on.
    /// `references`, when known, must contain the chosen ids.
    pub fn validate(&self, references: Option<&FeedbackReferences>) -> Result<(), String> {
        if url::Url::parse(&self.server_url).is_err() {
            return Err(format!("`{}` is not a server URL", self.server_url));
        }
        match self.location {
            None => return Err("a location is needed".into()),
            Some(location) if !location.is_valid() => {
                return Err("the location is outside WGS84's range".into());
            }
            Some(_) => {}
        }
        if self.comment.trim().is_empty() {
            return Err("a comment is needed".into());
        }
        if self.category_id.is_none() {
            return Err("a category is needed".into());
        }
        if self.kind == ReportKind::Public && !plausible_email(&self.email) {
            return Err("a valid e-mail address is needed".into());
        }
        if self.kind == ReportKind::Public
            && (self.asset.is_some() || !self.asset_condition_ids.is_empty())
        {
            return Err("only a ranger's report can change an asset's condition".into());
        }
        if !self.asset_condition_ids.is_empty() && self.asset.is_none() {
            return Err("conditions need the signage or infrastructure item they apply to".into());
        }
        if let Some(references) = references {
            self.validate_references(references)?;
        }
        Ok(())
    }

    fn validate_references(&self, references: &FeedbackReferences) -> Result<(), String> {
        let known = |list: &[Reference], id: Option<i64>, what: &str| match id {
            Some(id) if !list.iter().any(|reference| reference.id == id) => {
                Err(format!("unknown {what} {id}"))
            }
            _ => Ok(()),
        };
        known(&references.categories, self.category_id, "category")?;
        known(&references.activities, self.activity_id, "activity")?;
        known(&references.magnitudes, self.magnitude_id, "magnitude")?;
        let conditions = match self.asset.as_ref().map(|asset| asset.kind) {
            Some(AssetKind::Signage) => &references.signage_conditions,
            Some(AssetKind::Infrastructure) => &references.infrastructure_conditions,
            None => return Ok(()),
        };
        for id in &self.asset_condition_ids {
            known(conditions, Some(*id), "condition")?;
        }
        Ok(())
    }
}

/// `local@domain.tld` with no spaces: what Django's EmailField will take.
fn plausible_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.chars().any(char::is_whitespace)
        && !domain.contains('@')
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Assets(Vec<FieldAsset>);

    impl FieldAssets for Assets {
        fn assets_within(&self, _: ReportLocation, _: f64) -> Vec<FieldAsset> {
            self.0.clone()
        }
        fn references(&self) -> FeedbackReferences {
            FeedbackReferences::default()
        }
    }

    fn at(latitude: f64, longitude: f64) -> ReportLocation {
        ReportLocation {
            latitude,
            longitude,
        }
    }

    fn asset(id: i64, geometry: Vec<ReportLocation>) -> FieldAsset {
        FieldAsset {
            kind: AssetKind::Signage,
            id,
            code: format!("S{id:03}"),
            name: format!("Carrefour {id}"),
            type_name: None,
            blades: Vec::new(),
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
    fn public_drafts_need_location_comment_category_and_email() {
        let mut draft = ReportDraft::new(ReportKind::Public, "https://admin.example.org/");
        assert!(draft.validate(None).unwrap_err().contains("location"));
        draft.location = Some(at(44.8, 6.3));
        assert!(draft.validate(None).unwrap_err().contains("comment"));
        draft.comment = "Panneau cassé".into();
        assert!(draft.validate(None).unwrap_err().contains("category"));
        draft.category_id = Some(2);
        assert!(draft.validate(None).unwrap_err().contains("e-mail"));
        draft.email = "hiker@example.org".into();
        assert_eq!(draft.validate(None), Ok(()));
        let references = FeedbackReferences {
            categories: vec![Reference {
                id: 1,
                label: "Environnement".into(),
            }],
            ..FeedbackReferences::default()
        };
        assert!(
            draft
                .validate(Some(&references))
                .unwrap_err()
                .contains("category 2")
        );
    }

    #[test]
    fn conditions_need_an_asset_and_a_ranger() {
        let mut draft = ReportDraft::new(ReportKind::Field, "https://admin.example.org/");
        draft.location = Some(at(44.8, 6.3));
        draft.comment = "Lame arrachée".into();
        draft.category_id = Some(2);
        draft.asset_condition_ids = vec![3];
        assert!(draft.validate(None).unwrap_err().contains("item"));
        draft.asset = Some(AssetRef::from(&asset(7, vec![at(44.8, 6.3)])));
        assert_eq!(
            draft.asset.as_ref().map(|a| a.label.as_str()),
            Some("S007 Carrefour 7")
        );
        assert_eq!(draft.validate(None), Ok(()));
        draft.kind = ReportKind::Public;
        draft.email = "a@b.fr".into();
        assert!(draft.validate(None).unwrap_err().contains("ranger"));
    }
}
