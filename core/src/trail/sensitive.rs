//! Sensitive areas as a hiker is warned of them (the species or regulation,
//! its sensitive months, the rules to follow there), and which of the
//! territory's sensitivity practices a followed trek is, so the follower
//! keeps only the areas that concern it.
//!
//! Geotrek links a sensitive area to practices of its sensitivity module
//! (`sensitivearea_practice`: Biodiv'Sports' `Terrestre`, `Aérien`,
//! `Vertical`...), not to the trek practices (`Pédestre`, `VTT`...): the two
//! lists have their own ids. A trek is walked, ridden or run on the ground,
//! so its sensitivity practice is the one named like its own practice when
//! the territory has one, else the land practice. When neither is found the
//! follower gets no practice, and every area in its months applies: a hiker
//! warned once too often is better than one never warned.

use crate::catalog::{Choice, SensitiveArea};

/// What the hiker is told of a sensitive area when entering it.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SensitiveNotice {
    pub zone_id: u64,
    /// The species (or regulation) the area protects: `Golden eagle`.
    pub name: String,
    /// Twelve flags, January first: when it is sensitive.
    pub months: Vec<bool>,
    /// The rules to follow there: `Regulated pedestrian access`.
    pub rules: Vec<String>,
}

impl SensitiveNotice {
    /// The notice of a trek's sensitive area.
    pub fn of_area(area: &SensitiveArea) -> SensitiveNotice {
        SensitiveNotice {
            zone_id: area.id as u64,
            name: area.name.clone(),
            months: area.months.clone(),
            rules: area.rules.clone(),
        }
    }
}

/// Names of the sensitivity practice for activities on the ground, folded
/// (lowercase, no accents), in the languages Geotrek territories publish.
const LAND_PRACTICES: &[&str] = &[
    "terrestre",
    "land",
    "terrestrial",
    "ground",
    "a terre",
    "sol",
    "terra",
    "tierra",
    "boden",
    "landgebunden",
];

/// The sensitivity practice (an id of `sensitivity_practices`) of a trek whose
/// practice is labelled `trek_practice`: the one named alike, else the land
/// practice; `None` when the territory has neither.
pub fn sensitivity_practice(
    trek_practice: Option<&str>,
    sensitivity_practices: &[Choice],
) -> Option<u64> {
    let named = |wanted: &dyn Fn(&str) -> bool| {
        sensitivity_practices
            .iter()
            .find(|choice| wanted(&fold(&choice.label)))
            .map(|choice| choice.id as u64)
    };
    let own = trek_practice
        .map(fold)
        .filter(|label| !label.is_empty())
        .and_then(|label| named(&|candidate| candidate == label));
    own.or_else(|| named(&|candidate| LAND_PRACTICES.contains(&candidate)))
}

/// `text` lowercased, trimmed, without the accents of Western European languages.
fn fold(text: &str) -> String {
    text.trim()
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ñ' => 'n',
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ÿ' | 'ý' => 'y',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choices(labels: &[(i64, &str)]) -> Vec<Choice> {
        labels
            .iter()
            .map(|&(id, label)| Choice {
                id,
                label: label.to_string(),
                pictogram_url: None,
            })
            .collect()
    }

    #[test]
    fn a_trek_is_a_land_practice_unless_the_territory_names_its_own() {
        let biodiv_sports = choices(&[(1, "Terrestre"), (2, "Aérien"), (3, "Vertical")]);
        assert_eq!(
            sensitivity_practice(Some("Pédestre"), &biodiv_sports),
            Some(1)
        );
        assert_eq!(sensitivity_practice(None, &biodiv_sports), Some(1));
        let english = choices(&[(7, "Aerial"), (8, "Land")]);
        assert_eq!(sensitivity_practice(Some("VTT"), &english), Some(8));
        let by_activity = choices(&[(4, "Terrestre"), (5, "VTT"), (6, "Pédestre")]);
        assert_eq!(
            sensitivity_practice(Some(" pedestre "), &by_activity),
            Some(6)
        );
        assert_eq!(sensitivity_practice(Some("VTT"), &by_activity), Some(5));
        let unknown = choices(&[(9, "Parapente")]);
        assert_eq!(sensitivity_practice(Some("Pédestre"), &unknown), None);
        assert_eq!(sensitivity_practice(Some("Pédestre"), &[]), None);
    }
}
