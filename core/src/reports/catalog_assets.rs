//! The cached catalog as the report composer's source: the signage and
//! infrastructure around a location, and the feedback and condition lists,
//! in the user's language.

use std::sync::Arc;

use super::compose::{
    AssetKind, BladeSummary, FeedbackReferences, FieldAsset, FieldAssets, Reference,
};
use crate::address::admin_key;
use crate::catalog::{Catalog, ChoiceList, Circle, LatLon, PlaceKind};

/// Field assets read from an offline catalog.
pub struct CatalogFieldAssets {
    catalog: Arc<Catalog>,
    language: String,
}

impl CatalogFieldAssets {
    pub fn new(catalog: Arc<Catalog>, language: &str) -> CatalogFieldAssets {
        CatalogFieldAssets {
            catalog,
            language: language.to_string(),
        }
    }

    /// Whether the catalog was synced from the Geotrek-admin at
    /// `server_url` (its ids are that server's), however either is written.
    pub fn is_of(&self, server_url: &str) -> bool {
        self.catalog
            .status()
            .ok()
            .and_then(|status| status.api_url)
            .is_some_and(|api_url| admin_key(&api_url) == admin_key(server_url))
    }

    fn references_of(&self, list: ChoiceList) -> Vec<Reference> {
        self.catalog
            .choices(list, &self.language)
            .unwrap_or_default()
            .into_iter()
            .map(|choice| Reference {
                id: choice.id,
                label: choice.label,
            })
            .collect()
    }
}

impl FieldAssets for CatalogFieldAssets {
    fn assets_within(&self, center: LatLon, radius_m: f64) -> Vec<FieldAsset> {
        let circle = Circle { center, radius_m };
        let at = |position: LatLon| vec![position];
        let signage = self
            .catalog
            .signage_near(&circle, &self.language)
            .unwrap_or_default()
            .into_iter()
            .map(|sign| FieldAsset {
                kind: AssetKind::Signage,
                id: sign.id,
                code: sign.code.unwrap_or_default(),
                name: sign.name,
                type_name: sign.type_label,
                blades: sign
                    .blades
                    .into_iter()
                    .map(|blade| BladeSummary {
                        number: blade.number,
                        direction: None,
                        color: None,
                        lines: blade.lines.into_iter().map(|line| line.text).collect(),
                    })
                    .collect(),
                conditions: Vec::new(),
                geometry: at(sign.position),
            });
        let infrastructure = self
            .catalog
            .nearby(&circle, &[PlaceKind::Infrastructure], &self.language, 200)
            .unwrap_or_default()
            .into_iter()
            .map(|place| FieldAsset {
                kind: AssetKind::Infrastructure,
                id: place.id,
                code: place.code.unwrap_or_default(),
                name: place.name,
                type_name: place.type_label,
                blades: Vec::new(),
                conditions: Vec::new(),
                geometry: at(place.position),
            });
        signage.chain(infrastructure).collect()
    }

    fn geometry_of(&self, kind: AssetKind, id: i64) -> Option<Vec<LatLon>> {
        let kind = match kind {
            AssetKind::Signage => PlaceKind::Signage,
            AssetKind::Infrastructure => PlaceKind::Infrastructure,
        };
        let vertices = self.catalog.place_geometry(kind, id).ok()??;
        Some(
            vertices
                .into_iter()
                .map(|position| LatLon::new(position.lat, position.lon))
                .collect(),
        )
    }
}

impl CatalogFieldAssets {
    /// The feedback and condition reference lists, in the user's language.
    pub fn references(&self) -> FeedbackReferences {
        FeedbackReferences {
            categories: self.references_of(ChoiceList::FeedbackCategory),
            activities: self.references_of(ChoiceList::FeedbackActivity),
            magnitudes: self.references_of(ChoiceList::FeedbackMagnitude),
            signage_conditions: self.references_of(ChoiceList::SignageCondition),
            infrastructure_conditions: self.references_of(ChoiceList::InfrastructureCondition),
        }
    }
}
