//! The languages the core writes in, and how the user's is chosen: from the
//! settings, else negotiated from the device's preferred tags (`fr-FR`,
//! `en_GB`), English when none is spoken here.
//!
//! Every sentence the core words for a user is a [`Wording`]: its text per
//! language, English being the one every message has and the fallback of a
//! language that lacks its own. A language is added by a variant of
//! [`Language`], a field of [`Wording`] and its texts where they exist.

/// A language the core writes its messages, measures and screens in.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Language {
    #[default]
    English,
    French,
}

impl Language {
    /// Every language the core speaks, in the order a picker offers them.
    pub const ALL: [Language; 2] = [Language::English, Language::French];

    /// The ISO 639-1 code, as catalogs and servers name the language.
    pub fn code(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::French => "fr",
        }
    }

    /// The language's name in itself, as a language picker shows it.
    pub fn native_name(self) -> &'static str {
        match self {
            Language::English => "English",
            Language::French => "Français",
        }
    }

    /// The language of a BCP 47 tag or a bare code (`fr`, `fr-CA`,
    /// `en_GB`, `FR`), when the core speaks it.
    pub fn from_tag(tag: &str) -> Option<Language> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or_default();
        Language::ALL
            .into_iter()
            .find(|language| primary.eq_ignore_ascii_case(language.code()))
    }

    /// The first of the device's `preferred` tags the core speaks, else English.
    pub fn negotiate<S: AsRef<str>>(preferred: &[S]) -> Language {
        preferred
            .iter()
            .find_map(|tag| Language::from_tag(tag.as_ref()))
            .unwrap_or_default()
    }

    /// The language of `tag`, English when the core does not speak it.
    pub fn of_tag(tag: &str) -> Language {
        Language::from_tag(tag).unwrap_or_default()
    }
}

/// The language the core speaks for a device whose preferred languages
/// are `preferred_tags` (most preferred first): the first it speaks, else English.
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn negotiate_language(preferred_tags: Vec<String>) -> Language {
    Language::negotiate(&preferred_tags)
}

/// The ISO 639-1 code of `language` (`fr`), as catalogs name it.
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn language_code(language: Language) -> String {
    language.code().to_string()
}

/// One sentence in every language the core speaks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Wording {
    english: String,
    french: String,
}

impl Wording {
    pub fn new(english: impl Into<String>, french: impl Into<String>) -> Wording {
        Wording {
            english: english.into(),
            french: french.into(),
        }
    }

    /// The sentence `write` gives in each language the core speaks. Where
    /// `write` matches on the language, a language added to [`Language`]
    /// is a compile error there until its text is written, rather than a
    /// silent fall back to English.
    pub fn by_language(write: impl Fn(Language) -> String) -> Wording {
        Wording {
            english: write(Language::English),
            french: write(Language::French),
        }
    }

    /// The sentence in `language`.
    pub fn into_language(self, language: Language) -> String {
        match language {
            Language::English => self.english,
            Language::French => self.french,
        }
    }

    /// The sentence in `language`, borrowed.
    pub fn get(&self, language: Language) -> &str {
        match language {
            Language::English => &self.english,
            Language::French => &self.french,
        }
    }
}

/// Something a user may be told (an error, a problem of a form), worded by
/// the core in each language.
pub trait UserMessage {
    fn wording(&self) -> Wording;

    /// The message in `language`.
    fn message(&self, language: Language) -> String {
        self.wording().into_language(language)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn device_tags_negotiate_the_first_language_spoken_here() {
        assert_eq!(Language::from_tag("fr-FR"), Some(Language::French));
        assert_eq!(Language::from_tag(" FR_ca "), Some(Language::French));
        assert_eq!(Language::from_tag("en_GB"), Some(Language::English));
        assert_eq!(Language::from_tag("de-CH"), None);
        assert_eq!(Language::from_tag(""), None);
        assert_eq!(
            Language::negotiate(&["de-DE", "fr-BE", "en-US"]),
            Language::French
        );
        assert_eq!(Language::negotiate(&["de-DE", "it"]), Language::English);
        assert_eq!(Language::negotiate::<&str>(&[]), Language::English);
        assert_eq!(Language::of_tag("es"), Language::English);
    }

    #[test]
    fn a_wording_gives_each_language_its_own_text() {
        let wording = Wording::new("Cancelled", "Annulé");
        assert_eq!(wording.get(Language::French), "Annulé");
        assert_eq!(
            wording.clone().into_language(Language::English),
            "Cancelled"
        );
        let written = Wording::by_language(|language| language.code().to_uppercase());
        assert_eq!(written.get(Language::French), "FR");
        assert_eq!(written.get(Language::English), "EN");
        for language in Language::ALL {
            assert_eq!(Language::from_tag(language.code()), Some(language));
            assert!(!language.native_name().is_empty());
        }
    }
}
