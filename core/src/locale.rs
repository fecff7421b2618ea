//! The languages the core writes in, and how the user's is chosen: from the
//! settings, else negotiated from the device's preferred tags (`fr-FR`,
//! `en_GB`), English when none is spoken here.
//!
//! Every sentence the core words for a user is a [`Wording`]: its text per
//! language, English being the one every message has and the fallback of a
//! language that lacks its own. [`Language::ALL`] is the one list of the
//! languages Sentier ships: the apps' string tests and the core's read it.
//! A language is added by a variant of [`Language`], a builder method of
//! [`Wording`] named by its code, and its texts: the compiler points at every
//! `match` on the language, and `every_core_text_is_written_in_every_shipped_language`
//! lists each sentence still lacking it, by file, line and language.

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
    Italian,
    German,
    Spanish,
}

impl Language {
    /// Every language the core speaks, in the order a picker offers them.
    pub const ALL: [Language; 5] = [
        Language::English,
        Language::French,
        Language::Italian,
        Language::German,
        Language::Spanish,
    ];

    /// The ISO 639-1 code, as catalogs and servers name the language.
    pub fn code(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::French => "fr",
            Language::Italian => "it",
            Language::German => "de",
            Language::Spanish => "es",
        }
    }

    /// The language's name in itself, as a language picker shows it.
    pub fn native_name(self) -> &'static str {
        match self {
            Language::English => "English",
            Language::French => "Français",
            Language::Italian => "Italiano",
            Language::German => "Deutsch",
            Language::Spanish => "Español",
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

/// Every language Sentier ships, in the order a picker offers them: the
/// apps' string tests check each has all its words.
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn shipped_languages() -> Vec<Language> {
    Language::ALL.to_vec()
}

/// The ISO 639-1 code of `language` (`fr`), as catalogs name it.
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn language_code(language: Language) -> String {
    language.code().to_string()
}

/// One sentence in every language the core speaks. Written as
/// `Wording::new(english, french).it(italian).de(german).es(spanish)`; a
/// language not given falls back to English, and the test
/// `every_core_text_is_written_in_every_shipped_language` fails on it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Wording {
    /// By [`Language::index`]; English is always there.
    texts: [Option<String>; Language::ALL.len()],
}

impl Language {
    /// The language's place in [`Language::ALL`].
    const fn index(self) -> usize {
        self as usize
    }
}

impl Wording {
    /// The sentence in English and French; chain [`Wording::it`],
    /// [`Wording::de`] and [`Wording::es`] for the other shipped languages.
    pub fn new(english: impl Into<String>, french: impl Into<String>) -> Wording {
        Wording::from_english(english.into()).with(Language::French, french.into())
    }

    /// A fixed sentence in every shipped language, in [`Language::ALL`]'s
    /// order (English, French, Italian, German, Spanish): for tables of
    /// labels, where a language missing is a compile error.
    pub fn fixed(texts: [&str; Language::ALL.len()]) -> Wording {
        Wording {
            texts: texts.map(|text| Some(text.to_string())),
        }
    }

    fn from_english(english: String) -> Wording {
        let mut texts: [Option<String>; Language::ALL.len()] = Default::default();
        texts[Language::English.index()] = Some(english);
        Wording { texts }
    }

    fn with(mut self, language: Language, text: String) -> Wording {
        self.texts[language.index()] = Some(text);
        self
    }

    /// The sentence in Italian.
    pub fn it(self, italian: impl Into<String>) -> Wording {
        self.with(Language::Italian, italian.into())
    }

    /// The sentence in German.
    pub fn de(self, german: impl Into<String>) -> Wording {
        self.with(Language::German, german.into())
    }

    /// The sentence in Spanish.
    pub fn es(self, spanish: impl Into<String>) -> Wording {
        self.with(Language::Spanish, spanish.into())
    }

    /// The sentence `write` gives in each language the core speaks. Where
    /// `write` matches on the language, a language added to [`Language`]
    /// is a compile error there until its text is written, rather than a
    /// silent fall back to English.
    pub fn by_language(write: impl Fn(Language) -> String) -> Wording {
        Wording {
            texts: Language::ALL.map(|language| Some(write(language))),
        }
    }

    /// The sentence in `language` (English where it lacks one).
    pub fn into_language(mut self, language: Language) -> String {
        match self.texts[language.index()].take() {
            Some(text) => text,
            None => self.texts[Language::English.index()]
                .take()
                .unwrap_or_default(),
        }
    }

    /// The sentence in `language` (English where it lacks one), borrowed.
    pub fn get(&self, language: Language) -> &str {
        self.texts[language.index()]
            .as_deref()
            .or(self.texts[Language::English.index()].as_deref())
            .unwrap_or_default()
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
        assert_eq!(Language::from_tag("de-CH"), Some(Language::German));
        assert_eq!(Language::from_tag("nl-BE"), None);
        assert_eq!(Language::from_tag(""), None);
        assert_eq!(
            Language::negotiate(&["nl-NL", "fr-BE", "en-US"]),
            Language::French
        );
        assert_eq!(Language::negotiate(&["nl-NL", "it"]), Language::Italian);
        assert_eq!(Language::negotiate(&["nl-NL", "pt"]), Language::English);
        assert_eq!(Language::negotiate::<&str>(&[]), Language::English);
        assert_eq!(Language::of_tag("es-MX"), Language::Spanish);
        assert_eq!(Language::of_tag("ja"), Language::English);
    }

    #[test]
    fn a_wording_gives_each_language_its_own_text() {
        let wording = Wording::new("Cancelled", "Annulé")
            .it("Annullato")
            .de("Abgebrochen")
            .es("Cancelado");
        assert_eq!(wording.get(Language::French), "Annulé");
        assert_eq!(wording.get(Language::German), "Abgebrochen");
        assert_eq!(
            wording.clone().into_language(Language::Spanish),
            "Cancelado"
        );
        assert_eq!(
            wording.clone().into_language(Language::English),
            "Cancelled"
        );
        let written = Wording::by_language(|language| language.code().to_uppercase());
        assert_eq!(written.get(Language::French), "FR");
        assert_eq!(written.get(Language::English), "EN");
        for (index, language) in Language::ALL.into_iter().enumerate() {
            assert_eq!(language.index(), index);
            assert_eq!(Language::from_tag(language.code()), Some(language));
            assert!(!language.native_name().is_empty());
        }
    }

    #[test]
    fn a_language_without_its_text_reads_english() {
        let untranslated = Wording::from_english("Saved".to_string());
        assert_eq!(untranslated.get(Language::German), "Saved");
        assert_eq!(untranslated.into_language(Language::Italian), "Saved");
    }

    /// Every `Wording::new(…)` of the core's code (outside its tests)
    /// chains a text for each shipped language beyond English and French;
    /// the failure names each sentence by file, line and missing language.
    #[test]
    fn every_core_text_is_written_in_every_shipped_language() {
        let sources = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut missing = Vec::new();
        let mut checked = 0;
        for file in rust_files(&sources) {
            let text = std::fs::read_to_string(&file).expect("a core source reads");
            let code = text.split("#[cfg(test)]").next().unwrap_or_default();
            for (at, _) in code.match_indices("Wording::new(") {
                checked += 1;
                let open = at + "Wording::new".len();
                let (english, mut end) = call_arguments(code, open);
                let mut given = Vec::new();
                while let Some(method) = code[end..].trim_start().strip_prefix('.') {
                    let name: String = method
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect();
                    let open = code.len() - method.len() + name.len();
                    if !code[open..].starts_with('(') {
                        break;
                    }
                    given.push(name);
                    end = call_arguments(code, open).1;
                }
                let lacking: Vec<&str> = Language::ALL[2..]
                    .iter()
                    .map(|language| language.code())
                    .filter(|code| !given.iter().any(|name| name == code))
                    .collect();
                if !lacking.is_empty() {
                    let line = code[..at].lines().count();
                    missing.push(format!(
                        "{}:{line}: {english} lacks {}",
                        file.strip_prefix(&sources).unwrap_or(&file).display(),
                        lacking.join(", ")
                    ));
                }
            }
        }
        assert!(
            checked > 100,
            "only {checked} wordings found: is the scan broken?"
        );
        assert!(
            missing.is_empty(),
            "core texts without a translation in a shipped language (chain .it(…), .de(…), .es(…)):\n{}",
            missing.join("\n")
        );
    }

    fn rust_files(folder: &std::path::Path) -> Vec<std::path::PathBuf> {
        let mut files = Vec::new();
        for entry in std::fs::read_dir(folder).expect("the core's sources list") {
            let path = entry.expect("a source entry").path();
            if path.is_dir() {
                files.extend(rust_files(&path));
            } else if path.extension().is_some_and(|extension| extension == "rs") {
                files.push(path);
            }
        }
        files.sort();
        files
    }

    /// The first line of the call's first argument (the English text, for
    /// the failure message) and the byte after the `)` closing the call
    /// whose `(` is at `open`; strings may hold brackets.
    fn call_arguments(code: &str, open: usize) -> (String, usize) {
        let bytes = code.as_bytes();
        let (mut depth, mut at, mut in_string) = (0, open, false);
        while at < bytes.len() {
            match (bytes[at], in_string) {
                (b'\\', true) => at += 1,
                (b'"', _) => in_string = !in_string,
                (b'(', false) => depth += 1,
                (b')', false) => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                _ => {}
            }
            at += 1;
        }
        let first = code[open + 1..at.min(code.len())]
            .trim()
            .lines()
            .next()
            .unwrap_or_default()
            .to_string();
        (first, (at + 1).min(code.len()))
    }
}
