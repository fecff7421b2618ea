//! The settings, kept by the core in `settings.json` of the data folder
//! (written whole or not at all) rather than in each app's preferences:
//! units, language, the territory's servers, the recording filters, the
//! pack in use and the map's layers. Every other screen reads its units and language here.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

use serde::{Deserialize, Serialize};

use super::observable::{Observable, Subscriber};
use crate::address::typed_server_address;
use crate::atomic_file::write_atomically_with;
use crate::locale::{Language, UserMessage, Wording};
use crate::measures::{MeasureFormatter, UnitSystem};
use crate::tiles::OverlayLayer;
use crate::trail::{RecorderConfig, RecordingFilterChoices};

const SETTINGS_FILE: &str = "settings.json";

/// What is kept on disk.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
struct Stored {
    units: UnitSystem,
    /// `None` follows the device's language.
    language: Option<Language>,
    pack_server_url: Option<String>,
    admin_server_url: Option<String>,
    recording_max_accuracy_m: Option<f64>,
    recording_min_distance_m: Option<f64>,
    pack_in_use: Option<String>,
    /// The map's overlays the hiker hid, by key (`pois`).
    hidden_map_layers: Vec<String>,
}

/// A language the settings offer.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct LanguageOption {
    /// `None`: the device's language.
    pub language: Option<Language>,
    pub label: String,
}

/// A recording filter the settings offer, in metres (`None`: the core's default).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct FilterOption {
    pub metres: Option<f64>,
    pub label: String,
}

/// The settings screen.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SettingsState {
    pub units: UnitSystem,
    /// The language chosen; `None` follows the device.
    pub language_choice: Option<Language>,
    /// The language every screen is written in now.
    pub language: Language,
    pub language_options: Vec<LanguageOption>,
    /// Where packs are listed and downloaded from; `None` until a territory is picked.
    pub pack_server_url: Option<String>,
    /// The Geotrek-admin typed in, which overrides the pack's own.
    pub admin_server_url: Option<String>,
    /// Where reports go and rangers log in: the typed one, else the pack in use's.
    pub reports_server_url: Option<String>,
    /// The core's words for an address it refused, under its field.
    pub pack_server_problem: Option<String>,
    pub admin_server_problem: Option<String>,
    pub recording_max_accuracy_m: Option<f64>,
    pub recording_min_distance_m: Option<f64>,
    pub accuracy_options: Vec<FilterOption>,
    pub spacing_options: Vec<FilterOption>,
    /// The installed pack the app shows, restored at launch.
    pub pack_in_use: Option<String>,
    /// The map's overlays the hiker hid.
    pub hidden_map_layers: Vec<OverlayLayer>,
    /// The core's words when the settings could not be saved.
    pub error: Option<String>,
}

/// The settings of the app, shared by every screen.
#[derive(Debug)]
pub struct Settings {
    path: PathBuf,
    inner: Mutex<Inner>,
    state: Observable<SettingsState>,
}

#[derive(Debug)]
struct Inner {
    stored: Stored,
    device_languages: Vec<String>,
    /// The Geotrek-admin of the pack in use, kept while it is in use.
    pack_admin_url: Option<String>,
    pack_server_problem: Option<String>,
    admin_server_problem: Option<String>,
    error: Option<String>,
}

impl Settings {
    /// The settings kept in `data_dir` (defaults when none or unreadable),
    /// for a device whose preferred languages are `device_languages`.
    pub fn open(data_dir: &Path, device_languages: Vec<String>) -> Settings {
        let path = data_dir.join(SETTINGS_FILE);
        let stored = std::fs::read(&path)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default();
        let inner = Inner {
            stored,
            device_languages,
            pack_admin_url: None,
            pack_server_problem: None,
            admin_server_problem: None,
            error: None,
        };
        let state = Observable::new(inner.state());
        Settings {
            path,
            inner: Mutex::new(inner),
            state,
        }
    }

    pub fn state(&self) -> SettingsState {
        self.state.get()
    }

    pub fn subscribe(&self) -> Subscriber<SettingsState> {
        self.state.subscribe()
    }

    /// How many screens (and shells) listen to the settings.
    pub fn listeners(&self) -> usize {
        self.state.listeners()
    }

    /// The language screens are written in.
    pub fn language(&self) -> Language {
        self.lock().language()
    }

    /// How measures are written now.
    pub fn measures(&self) -> MeasureFormatter {
        let inner = self.lock();
        MeasureFormatter::in_language(inner.stored.units, inner.language())
    }

    /// The recorder's configuration: the core's defaults with the chosen filters.
    pub fn recorder_config(&self) -> RecorderConfig {
        let stored = &self.lock().stored;
        RecorderConfig::with_filters(
            stored.recording_max_accuracy_m,
            stored.recording_min_distance_m,
        )
    }

    pub fn set_units(&self, units: UnitSystem) {
        self.save(|inner| inner.stored.units = units);
    }

    /// `None` follows the device's language again.
    pub fn set_language(&self, language: Option<Language>) {
        self.save(|inner| inner.stored.language = language);
    }

    /// The device's preferred languages changed (most preferred first).
    pub fn set_device_languages(&self, tags: Vec<String>) {
        self.change(|inner| inner.device_languages = tags);
    }

    /// Keeps the pack server typed in `text` as the core writes an address
    /// (a blank entry clears it); a refused one keeps the previous, and the
    /// core's words for why show under the field.
    pub fn set_pack_server(&self, text: &str) {
        self.save(|inner| match typed_server_address(text) {
            Ok(address) => {
                inner.stored.pack_server_url = address;
                inner.pack_server_problem = None;
            }
            Err(error) => inner.pack_server_problem = Some(error.message(inner.language())),
        });
    }

    /// As [`Settings::set_pack_server`], for the Geotrek-admin reports go to.
    pub fn set_admin_server(&self, text: &str) {
        self.save(|inner| match typed_server_address(text) {
            Ok(address) => {
                inner.stored.admin_server_url = address;
                inner.admin_server_problem = None;
            }
            Err(error) => inner.admin_server_problem = Some(error.message(inner.language())),
        });
    }

    pub fn set_recording_max_accuracy(&self, metres: Option<f64>) {
        self.save(|inner| inner.stored.recording_max_accuracy_m = metres);
    }

    pub fn set_recording_min_distance(&self, metres: Option<f64>) {
        self.save(|inner| inner.stored.recording_min_distance_m = metres);
    }

    /// Shows or hides `layer` on the map.
    pub(crate) fn show_map_layer(&self, layer: OverlayLayer, shown: bool) {
        self.save(|inner| {
            let hidden = &mut inner.stored.hidden_map_layers;
            hidden.retain(|key| key != layer.key());
            if !shown {
                hidden.push(layer.key().to_string());
            }
        });
    }

    /// Remembers the pack in use and the Geotrek-admin it came from; `None` when none.
    pub(crate) fn use_pack(&self, pack: Option<(String, String)>) {
        self.save(|inner| {
            let (id, admin) = pack.unzip();
            inner.stored.pack_in_use = id;
            inner.pack_admin_url = admin;
        });
    }

    fn save(&self, change: impl FnOnce(&mut Inner)) {
        let path = self.path.clone();
        self.change(|inner| {
            change(inner);
            let written = write_atomically_with(&path, |file| {
                serde_json::to_writer_pretty(file, &inner.stored).map_err(std::io::Error::from)
            });
            inner.error = written.err().map(|error| {
                Wording::new(
                    format!("The settings could not be saved ({error})."),
                    format!("Les réglages n’ont pas pu être enregistrés ({error})."),
                )
                .it(format!("Le impostazioni non sono state salvate ({error})."))
                .de(format!(
                    "Die Einstellungen konnten nicht gespeichert werden ({error})."
                ))
                .es(format!("No se han podido guardar los ajustes ({error})."))
                .into_language(inner.language())
            });
        });
    }

    fn change(&self, change: impl FnOnce(&mut Inner)) {
        let mut inner = self.lock();
        change(&mut inner);
        self.state.set(inner.state());
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Inner {
    fn language(&self) -> Language {
        self.stored
            .language
            .unwrap_or_else(|| Language::negotiate(&self.device_languages))
    }

    fn state(&self) -> SettingsState {
        let language = self.language();
        let measures = MeasureFormatter::in_language(self.stored.units, language);
        let defaults = RecorderConfig::default().filter;
        let choices = RecordingFilterChoices::offered();
        let options = |offered: Vec<f64>, default: f64, words: fn(&str) -> Wording| {
            let default = filter_distance(&measures, default);
            let default_label = Wording::new(
                format!("Default ({default})"),
                format!("Par défaut ({default})"),
            )
            .it(format!("Predefinito ({default})"))
            .de(format!("Standard ({default})"))
            .es(format!("Predeterminado ({default})"));
            std::iter::once(FilterOption {
                metres: None,
                label: default_label.into_language(language),
            })
            .chain(offered.into_iter().map(|metres| FilterOption {
                metres: Some(metres),
                label: words(&filter_distance(&measures, metres)).into_language(language),
            }))
            .collect()
        };
        let device = Wording::new("Device language", "Langue de l’appareil")
            .it("Lingua del dispositivo")
            .de("Gerätesprache")
            .es("Idioma del dispositivo")
            .into_language(language);
        SettingsState {
            units: self.stored.units,
            language_choice: self.stored.language,
            language,
            language_options: std::iter::once(LanguageOption {
                language: None,
                label: device,
            })
            .chain(Language::ALL.into_iter().map(|option| LanguageOption {
                language: Some(option),
                label: option.native_name().to_string(),
            }))
            .collect(),
            pack_server_url: self.stored.pack_server_url.clone(),
            admin_server_url: self.stored.admin_server_url.clone(),
            reports_server_url: self
                .stored
                .admin_server_url
                .clone()
                .or_else(|| self.pack_admin_url.clone()),
            pack_server_problem: self.pack_server_problem.clone(),
            admin_server_problem: self.admin_server_problem.clone(),
            recording_max_accuracy_m: self.stored.recording_max_accuracy_m,
            recording_min_distance_m: self.stored.recording_min_distance_m,
            accuracy_options: options(
                choices.max_accuracy_m,
                defaults.max_accuracy_m,
                accuracy_filter,
            ),
            spacing_options: options(
                choices.min_distance_m,
                defaults.min_distance_m,
                spacing_filter,
            ),
            pack_in_use: self.stored.pack_in_use.clone(),
            hidden_map_layers: self
                .stored
                .hidden_map_layers
                .iter()
                .filter_map(|key| OverlayLayer::from_key(key))
                .collect(),
            error: self.error.clone(),
        }
    }
}

/// A filter's distance, to the metre or foot: a distance along a trail is
/// written to the nearest 10 m, and 2 m would read `0 m`.
pub(crate) fn filter_distance(measures: &MeasureFormatter, metres: f64) -> String {
    measures.elevation(metres)
}

/// The accuracy filter at `distance`: `Only fixes within 20 m`.
pub(crate) fn accuracy_filter(distance: &str) -> Wording {
    Wording::new(
        format!("Only fixes within {distance}"),
        format!("Seulement les positions à {distance} près"),
    )
    .it(format!("Solo posizioni entro {distance}"))
    .de(format!("Nur Positionen auf {distance} genau"))
    .es(format!("Solo posiciones con precisión de {distance}"))
}

/// The spacing filter at `distance`: `A point every 5 m at least`.
pub(crate) fn spacing_filter(distance: &str) -> Wording {
    Wording::new(
        format!("A point every {distance} at least"),
        format!("Un point tous les {distance} au moins"),
    )
    .it(format!("Un punto almeno ogni {distance}"))
    .de(format!("Mindestens alle {distance} ein Punkt"))
    .es(format!("Un punto al menos cada {distance}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_are_kept_in_the_data_folder_and_word_every_option() {
        let dir = tempfile::tempdir().unwrap();
        let settings = Settings::open(dir.path(), vec!["fr-FR".into()]);
        assert_eq!(settings.language(), Language::French);
        assert_eq!(settings.measures().distance(2430.0), "2,4 km");
        settings.set_units(UnitSystem::Imperial);
        settings.set_language(Some(Language::English));
        settings.set_pack_server(" packs.example.org ");
        settings.set_recording_max_accuracy(Some(20.0));

        let reopened = Settings::open(dir.path(), vec!["fr-FR".into()]);
        let state = reopened.state();
        assert_eq!(state.units, UnitSystem::Imperial);
        assert_eq!(state.language, Language::English);
        assert_eq!(
            state.pack_server_url.as_deref(),
            Some("https://packs.example.org/")
        );
        assert_eq!(reopened.recorder_config().filter.max_accuracy_m, 20.0);
        assert_eq!(state.accuracy_options[0].metres, None);
        assert_eq!(state.accuracy_options[0].label, "Default (164 ft)");
        assert_eq!(
            state.spacing_options[1].label, "A point every 7 ft at least",
            "2 m, not rounded to nothing"
        );
        assert_eq!(state.language_options.len(), 1 + Language::ALL.len());
        reopened.set_language(None);
        assert_eq!(reopened.state().language, Language::French);
        assert_eq!(
            reopened.state().language_options[0].label,
            "Langue de l’appareil"
        );
    }

    #[test]
    fn a_refused_address_keeps_the_previous_one_and_says_why_in_the_user_s_language() {
        let dir = tempfile::tempdir().unwrap();
        let settings = Settings::open(dir.path(), vec!["fr".into()]);
        settings.use_pack(Some((
            "ecrins".into(),
            "https://admin.ecrins.example/".into(),
        )));
        assert_eq!(
            settings.state().reports_server_url.as_deref(),
            Some("https://admin.ecrins.example/")
        );
        settings.set_admin_server("rangers.example");
        settings.set_admin_server("ftp://rangers.example");
        let state = settings.state();
        assert_eq!(
            state.reports_server_url.as_deref(),
            Some("https://rangers.example/")
        );
        assert_eq!(
            state.admin_server_problem.as_deref(),
            Some("« ftp://rangers.example » n’est pas une adresse web (http ou https).")
        );
        settings.set_admin_server("");
        assert_eq!(settings.state().admin_server_problem, None);
        assert_eq!(
            settings.state().reports_server_url.as_deref(),
            Some("https://admin.ecrins.example/")
        );
        settings.use_pack(None);
        assert_eq!(settings.state().reports_server_url, None);
        assert_eq!(settings.state().pack_in_use, None);
    }
}
