//! Choosing the language of each text: the one asked for, else the
//! catalog's languages in their synced order, else whatever exists.

use serde::Deserialize;

use super::wire::Translated;

/// The order in which languages are tried for one answer.
#[derive(Debug, Clone)]
pub struct LanguageOrder {
    order: Vec<String>,
}

impl LanguageOrder {
    /// `asked` first, then the catalog's `synced` languages. `asked` may be
    /// a device's full tag (`fr-FR`, `en_GB`): a catalog synced in its bare
    /// language (`fr`) answers in that language.
    pub fn new(asked: &str, synced: &[String]) -> LanguageOrder {
        let asked = asked.to_ascii_lowercase().replace('_', "-");
        let primary = asked.split('-').next().unwrap_or_default();
        let first = if !synced.contains(&asked) && synced.iter().any(|lang| lang == primary) {
            primary.to_string()
        } else {
            asked
        };
        let mut order = vec![first];
        for lang in synced {
            if !order.contains(lang) {
                order.push(lang.clone());
            }
        }
        LanguageOrder { order }
    }

    pub fn languages(&self) -> &[String] {
        &self.order
    }

    /// The language a plain (untranslated) value is taken to be in.
    fn plain(&self) -> &str {
        self.order.get(1).unwrap_or(&self.order[0])
    }

    /// The best text of `field` and the language it is in.
    pub fn pick_with_language(&self, field: &Translated) -> Option<(String, String)> {
        if let Translated::Plain(text) = field {
            return (!text.trim().is_empty()).then(|| (text.clone(), self.order[0].clone()));
        }
        self.order
            .iter()
            .find_map(|lang| {
                field
                    .get(lang, self.plain())
                    .map(|t| (t.to_string(), lang.clone()))
            })
            .or_else(|| match field {
                Translated::ByLanguage(map) => map.iter().find_map(|(lang, text)| {
                    text.clone()
                        .filter(|t| !t.trim().is_empty())
                        .map(|t| (t, lang.clone()))
                }),
                _ => None,
            })
    }

    /// The best text of `field`, or empty.
    pub fn pick(&self, field: &Translated) -> String {
        self.pick_with_language(field)
            .map(|(text, _)| text)
            .unwrap_or_default()
    }

    /// The best text of `json[key]`, for objects decoded loosely.
    pub fn pick_in(&self, json: &serde_json::Value, key: &str) -> String {
        json.get(key)
            .and_then(|value| Translated::deserialize(value).ok())
            .map(|field| self.pick(&field))
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_device_s_full_tag_asks_for_the_catalog_s_bare_language() {
        let synced = ["en".to_string(), "fr".to_string(), "pt-br".to_string()];
        let first = |asked: &str| LanguageOrder::new(asked, &synced).languages()[0].clone();
        assert_eq!(first("fr-FR"), "fr");
        assert_eq!(first("fr_CA"), "fr");
        assert_eq!(first("pt-BR"), "pt-br");
        assert_eq!(first("de-DE"), "de-de");
        assert_eq!(
            LanguageOrder::new("fr-FR", &synced).languages(),
            ["fr", "en", "pt-br"]
        );
    }

    #[test]
    fn falls_back_through_synced_languages_then_anything() {
        let order = LanguageOrder::new("it", &["fr".into(), "en".into()]);
        let field: Translated =
            serde_json::from_str(r#"{"fr": null, "en": "Lake", "it": ""}"#).unwrap();
        assert_eq!(
            order.pick_with_language(&field),
            Some(("Lake".into(), "en".into()))
        );
        let only_de: Translated = serde_json::from_str(r#"{"de": "See"}"#).unwrap();
        assert_eq!(order.pick(&only_de), "See");
        assert_eq!(order.pick(&Translated::Plain("Lac".into())), "Lac");
        assert_eq!(order.pick(&Translated::Missing), "");
    }
}
