//! The iOS app's string catalogs (`ios/App/Resources/*.xcstrings`) hold
//! every key in every language the core ships ([`Language::ALL`], the one
//! list), with the source text's placeholders: no Swift compiler runs here,
//! so this is where a missing translation fails.

use sentier_core::locale::Language;
use std::path::PathBuf;

fn catalogs() -> Vec<PathBuf> {
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ios/App/Resources");
    let mut found: Vec<PathBuf> = std::fs::read_dir(&folder)
        .expect("the iOS resources folder lists")
        .map(|entry| entry.expect("an iOS resource").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "xcstrings"))
        .collect();
    found.sort();
    found
}

/// `%@`, `%lld`, `%1$@`…: the format specifiers of a text, in order.
fn placeholders(text: &str) -> Vec<String> {
    let mut found: Vec<String> = text
        .split('%')
        .skip(1)
        .map(|after| {
            after
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '$' || *c == '@')
                .collect::<String>()
        })
        .filter(|spec| !spec.is_empty())
        .collect();
    found.sort();
    found
}

#[test]
fn every_ios_key_is_translated_in_every_shipped_language() {
    let files = catalogs();
    assert!(files.len() >= 2, "no string catalog found: {files:?}");
    let mut missing = Vec::new();
    for file in files {
        let catalog: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&file).expect("a catalog reads"))
                .expect("a catalog is JSON");
        let source = catalog["sourceLanguage"]
            .as_str()
            .unwrap_or("en")
            .to_string();
        let name = file
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        let strings = catalog["strings"]
            .as_object()
            .expect("a catalog has strings");
        for (key, entry) in strings {
            if entry["shouldTranslate"] == serde_json::Value::Bool(false) {
                continue;
            }
            let source_text = entry["localizations"][&source]["stringUnit"]["value"]
                .as_str()
                .unwrap_or(key);
            for language in Language::ALL.map(Language::code) {
                if language == source && entry["localizations"].get(language).is_none() {
                    continue;
                }
                let unit = &entry["localizations"][language]["stringUnit"];
                let value = unit["value"].as_str().unwrap_or_default();
                if unit["state"] != "translated" || value.trim().is_empty() {
                    missing.push(format!("{name}: {language}: “{key}” has no translation"));
                } else if placeholders(value) != placeholders(source_text) {
                    missing.push(format!(
                        "{name}: {language}: “{key}” has placeholders unlike the source text’s: {value}"
                    ));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "iOS strings to translate:\n{}",
        missing.join("\n")
    );
}

#[test]
fn placeholders_are_read_as_xcode_writes_them() {
    assert_eq!(placeholders("Remove %@?"), ["@"]);
    assert_eq!(placeholders("%1$@ in %2$lld m, 100 %"), ["1$@", "2$lld"]);
}
