//! How objects are stored and rendered. An object is a JSON tree in which two
//! kinds of placeholder stand for what depends on the request:
//!
//! - a translated value `{"$tr": {"fr": .., "en": ..}}`, rendered as the
//!   whole dict when the request has no `language` (Geotrek's
//!   `get_translation_or_dict`), or as the one value with `language=xx`;
//! - a server path `{"$url": "/media/.."}`, rendered as an absolute URL on
//!   the serving host (Geotrek's `build_absolute_uri`).
//!
//! [`Rendered`] serializes such a tree straight to the output without copying it.

use std::collections::BTreeSet;

use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};
use serde_json::{Map, Value, json};

const TRANSLATED: &str = "$tr";
const SERVER_PATH: &str = "$url";

/// A translated value from `(language, value)` pairs.
pub fn translated<I, V>(values: I) -> Value
where
    I: IntoIterator<Item = (String, V)>,
    V: Into<Value>,
{
    let map: Map<String, Value> = values.into_iter().map(|(k, v)| (k, v.into())).collect();
    json!({ TRANSLATED: map })
}

/// A translated text over `languages` from its French and English versions
/// (other languages untranslated, `null`, as on a real fr/en park).
pub fn bilingual(languages: &[String], french: Option<&str>, english: Option<&str>) -> Value {
    translated(languages.iter().map(|language| {
        let text = match language.as_str() {
            "fr" => french,
            "en" => english,
            _ => None,
        };
        (language.clone(), text.map_or(Value::Null, Value::from))
    }))
}

/// A path on the serving host, rendered as an absolute URL.
pub fn server_path(path: impl Into<String>) -> Value {
    json!({ SERVER_PATH: path.into() })
}

/// The translations of `value` when it is a translated placeholder.
pub fn translations(value: &Value) -> Option<&Map<String, Value>> {
    let map = value.as_object()?;
    if map.len() != 1 {
        return None;
    }
    map.get(TRANSLATED)?.as_object()
}

/// The translations of `value`, mutable, when it is a translated placeholder.
pub fn translations_mut(value: &mut Value) -> Option<&mut Map<String, Value>> {
    let map = value.as_object_mut()?;
    if map.len() != 1 {
        return None;
    }
    map.get_mut(TRANSLATED)?.as_object_mut()
}

fn server_path_of(map: &Map<String, Value>) -> Option<&str> {
    if map.len() != 1 {
        return None;
    }
    map.get(SERVER_PATH)?.as_str()
}

/// The text of `value` in `language` (or the plain text when not translated).
pub fn text_in<'a>(value: &'a Value, language: &str) -> Option<&'a str> {
    match translations(value) {
        Some(map) => map.get(language)?.as_str(),
        None => value.as_str(),
    }
}

/// What a request asks of the rendering.
#[derive(Clone, Debug)]
pub struct RenderContext<'a> {
    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub origin: &'a str,
    /// `Some("fr")` with `language=fr`; `None` renders translated dicts.
    pub language: Option<&'a str>,
    /// The territory's languages: the keys of translated dicts.
    pub languages: &'a [String],
    /// `fields=`: only these top-level keys (None: all).
    pub fields: Option<&'a BTreeSet<String>>,
    /// `omit=`: never these top-level keys.
    pub omit: Option<&'a BTreeSet<String>>,
}

impl RenderContext<'_> {
    fn keeps(&self, key: &str) -> bool {
        self.fields.is_none_or(|fields| fields.contains(key))
            && self.omit.is_none_or(|omit| !omit.contains(key))
    }
}

/// An object rendered for one request; serializes without copying the tree.
pub struct Rendered<'a> {
    value: &'a Value,
    context: &'a RenderContext<'a>,
    top_level: bool,
}

impl<'a> Rendered<'a> {
    /// The whole object, `fields`/`omit` applied to its top-level keys.
    pub fn object(value: &'a Value, context: &'a RenderContext<'a>) -> Self {
        Rendered {
            value,
            context,
            top_level: true,
        }
    }

    fn nested(&self, value: &'a Value) -> Self {
        Rendered {
            value,
            context: self.context,
            top_level: false,
        }
    }
}

impl Serialize for Rendered<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.value {
            Value::Object(map) => {
                if let Some(path) = server_path_of(map) {
                    return serializer.serialize_str(&format!("{}{path}", self.context.origin));
                }
                if let Some(values) = translations(self.value) {
                    return match self.context.language {
                        Some(language) => self
                            .nested(values.get(language).unwrap_or(&Value::Null))
                            .serialize(serializer),
                        None => {
                            let mut out =
                                serializer.serialize_map(Some(self.context.languages.len()))?;
                            for language in self.context.languages {
                                let value = values.get(language).unwrap_or(&Value::Null);
                                out.serialize_entry(language, &self.nested(value))?;
                            }
                            out.end()
                        }
                    };
                }
                let mut out = serializer.serialize_map(None)?;
                for (key, value) in map {
                    if !self.top_level || self.context.keeps(key) {
                        out.serialize_entry(key, &self.nested(value))?;
                    }
                }
                out.end()
            }
            Value::Array(items) => {
                let mut out = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    out.serialize_element(&self.nested(item))?;
                }
                out.end()
            }
            scalar => scalar.serialize(serializer),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(value: &Value, language: Option<&str>, fields: Option<&BTreeSet<String>>) -> Value {
        let languages = vec!["fr".to_string(), "en".to_string()];
        let context = RenderContext {
            origin: "http://127.0.0.1:9",
            language,
            languages: &languages,
            fields,
            omit: None,
        };
        serde_json::to_value(Rendered::object(value, &context)).unwrap_or(Value::Null)
    }

    #[test]
    fn placeholders_render_per_request() {
        let object = json!({
            "id": 3,
            "name": translated([("fr".to_string(), "Lac Blanc"), ("en".to_string(), "White lake")]),
            "photo": server_path("/media/a.jpg"),
            "nested": [{"label": translated([("fr".to_string(), "Faune")])}],
        });
        assert_eq!(
            render(&object, None, None),
            json!({"id": 3, "name": {"fr": "Lac Blanc", "en": "White lake"},
                   "photo": "http://127.0.0.1:9/media/a.jpg",
                   "nested": [{"label": {"fr": "Faune", "en": null}}]})
        );
        assert_eq!(
            render(&object, Some("en"), None)["name"],
            json!("White lake")
        );
        assert_eq!(
            render(&object, Some("en"), None)["nested"][0]["label"],
            Value::Null
        );
        let only_id: BTreeSet<String> = ["id".to_string()].into();
        assert_eq!(
            render(&object, Some("fr"), Some(&only_id)),
            json!({"id": 3})
        );
        assert_eq!(text_in(&object["name"], "fr"), Some("Lac Blanc"));
    }
}
