//! What every error that can reach a user says, in each language the core
//! speaks. The `Display` texts of the errors stay the English of logs and
//! the command line; the screens and the shells show these instead, so a
//! user never reads a generated dump of an error's fields.

use crate::address::AddressError;
use crate::catalog::CatalogError;
use crate::locale::{UserMessage, Wording};
use crate::measures::{MeasureFormatter, UnitSystem};
use crate::packs::PackError;
use crate::reports::ReportError;
use crate::runtime::TaskFailed;
use crate::tiles::TileError;
use crate::trail::{RecorderState, TrailError};

impl UserMessage for CatalogError {
    fn wording(&self) -> Wording {
        match self {
            CatalogError::Http {
                status: 401 | 403, ..
            } => Wording::new(
                "The server refused access to its treks (HTTP 401/403): check its address.",
                "Le serveur refuse l’accès à ses randonnées (HTTP 401/403) : vérifiez son adresse.",
            ),
            CatalogError::Http {
                status,
                retry_after_s: Some(seconds),
                ..
            } => Wording::new(
                format!("The server is busy (HTTP {status}): try again in {seconds} s."),
                format!("Le serveur est occupé (HTTP {status}) : réessayez dans {seconds} s."),
            ),
            CatalogError::Http { status, .. } => Wording::new(
                format!("The server answered with an error (HTTP {status}): try again later."),
                format!(
                    "Le serveur a répondu par une erreur (HTTP {status}) : réessayez plus tard."
                ),
            ),
            CatalogError::Network { detail, .. } => Wording::new(
                format!("The server cannot be reached: check the connection ({detail})."),
                format!("Le serveur est injoignable : vérifiez la connexion ({detail})."),
            ),
            CatalogError::Malformed { resource, .. } => Wording::new(
                format!("The server’s answer for {resource} is not a Geotrek API’s."),
                format!("La réponse du serveur pour {resource} n’est pas celle d’une API Geotrek."),
            ),
            CatalogError::BadNextLink { resource, .. } => Wording::new(
                format!("The server’s pages of {resource} lead elsewhere: the sync stopped."),
                format!(
                    "Les pages de {resource} du serveur mènent ailleurs : la synchronisation s’est arrêtée."
                ),
            ),
            CatalogError::Store { detail } => Wording::new(
                format!("The offline catalog cannot be read or written ({detail})."),
                format!("Le catalogue hors ligne ne peut être lu ou écrit ({detail})."),
            ),
            CatalogError::InvalidInput { detail } => Wording::new(
                format!("This request cannot be made: {detail}."),
                format!("Cette demande ne peut être faite : {detail}."),
            ),
            CatalogError::LanguagesNotServed { asked, served } => Wording::new(
                format!(
                    "This server publishes in {}, not in {}: choose one of its languages.",
                    served.join(", "),
                    asked.join(", ")
                ),
                format!(
                    "Ce serveur publie en {}, pas en {} : choisissez l’une de ses langues.",
                    served.join(", "),
                    asked.join(", ")
                ),
            ),
            CatalogError::NotFound { id, .. } => Wording::new(
                format!("Item {id} is not in the offline catalog."),
                format!("L’élément {id} n’est pas dans le catalogue hors ligne."),
            ),
            CatalogError::SyncInProgress => Wording::new(
                "This catalog is already being updated.",
                "Ce catalogue est déjà en cours de mise à jour.",
            ),
            CatalogError::Cancelled => Wording::new(
                "Cancelled: the catalog is as it was.",
                "Annulé : le catalogue est inchangé.",
            ),
            CatalogError::Export { detail, .. } => Wording::new(
                format!("The file could not be written ({detail})."),
                format!("Le fichier n’a pas pu être écrit ({detail})."),
            ),
            CatalogError::Internal { .. } => internal(),
        }
    }
}

impl UserMessage for PackError {
    fn wording(&self) -> Wording {
        match self {
            PackError::BadManifest { .. }
            | PackError::UnsafePath { .. }
            | PackError::ReservedPath { .. }
            | PackError::DuplicatePath { .. } => Wording::new(
                "The pack server published a damaged pack: nothing was installed.",
                "Le serveur de packs a publié un pack endommagé : rien n’a été installé.",
            ),
            PackError::UnsupportedFormat { .. } => Wording::new(
                "This pack needs a newer version of the app.",
                "Ce pack demande une version plus récente de l’application.",
            ),
            PackError::Oversized { path, .. } => Wording::new(
                format!(
                    "The pack’s file {path} is too large to be a real one: nothing was installed."
                ),
                format!(
                    "Le fichier {path} du pack est trop gros pour être authentique : rien n’a été installé."
                ),
            ),
            PackError::Mismatch { path, .. } => Wording::new(
                format!("The file {path} arrived damaged: download the pack again."),
                format!("Le fichier {path} est arrivé endommagé : téléchargez à nouveau le pack."),
            ),
            PackError::Io { reason, .. } => Wording::new(
                format!("The pack’s files cannot be read or written ({reason})."),
                format!("Les fichiers du pack ne peuvent être lus ou écrits ({reason})."),
            ),
            PackError::Source { reason } => Wording::new(
                format!("The territory’s data cannot be read ({reason})."),
                format!("Les données du territoire ne peuvent être lues ({reason})."),
            ),
            PackError::Network { reason, .. } => Wording::new(
                format!("The pack server cannot be reached: check the connection ({reason})."),
                format!("Le serveur de packs est injoignable : vérifiez la connexion ({reason})."),
            ),
            PackError::NoSpace { needed, available } => {
                let size = |language| {
                    let formatter = MeasureFormatter::in_language(UnitSystem::Metric, language);
                    (
                        formatter.data_size(*needed),
                        formatter.data_size(*available),
                    )
                };
                let (needed_en, free_en) = size(crate::locale::Language::English);
                let (needed_fr, free_fr) = size(crate::locale::Language::French);
                Wording::new(
                    format!("Not enough space: the pack needs {needed_en}, {free_en} are free."),
                    format!(
                        "Espace insuffisant : le pack demande {needed_fr}, {free_fr} sont libres."
                    ),
                )
            }
            PackError::ManifestChanged { version } => Wording::new(
                format!("The pack changed on the server: download again to get version {version}."),
                format!(
                    "Le pack a changé sur le serveur : téléchargez à nouveau pour avoir la version {version}."
                ),
            ),
            PackError::NotInstalled { id } => Wording::new(
                format!("The pack {id} is not installed."),
                format!("Le pack {id} n’est pas installé."),
            ),
            PackError::Busy { id } => Wording::new(
                format!("The pack {id} is already being downloaded."),
                format!("Le pack {id} est déjà en cours de téléchargement."),
            ),
            PackError::Cancelled => Wording::new("Download stopped.", "Téléchargement interrompu."),
            PackError::Internal { .. } => internal(),
        }
    }
}

impl UserMessage for TileError {
    fn wording(&self) -> Wording {
        match self {
            TileError::Io { path, .. } => Wording::new(
                format!("The map file {path} cannot be read."),
                format!("Le fichier de carte {path} ne peut être lu."),
            ),
            TileError::NotATileSet { path, .. } => Wording::new(
                format!("{path} is not a map file (MBTiles or PMTiles)."),
                format!("{path} n’est pas un fichier de carte (MBTiles ou PMTiles)."),
            ),
            TileError::InvalidMetadata { path, .. }
            | TileError::Corrupt { path, .. }
            | TileError::TooLarge { path, .. } => Wording::new(
                format!("The map file {path} is damaged."),
                format!("Le fichier de carte {path} est endommagé."),
            ),
            TileError::Unsupported { path, .. } => Wording::new(
                format!("The map file {path} uses something this app cannot read."),
                format!(
                    "Le fichier de carte {path} utilise un format que l’application ne lit pas."
                ),
            ),
            TileError::InvalidCoordinate { z, x, y } => Wording::new(
                format!("There is no map tile {z}/{x}/{y}."),
                format!("Il n’y a pas de tuile de carte {z}/{x}/{y}."),
            ),
            TileError::InvalidLayerKey { key } | TileError::UnknownLayer { key } => Wording::new(
                format!("The map has no layer “{key}”."),
                format!("La carte n’a pas de couche « {key} »."),
            ),
            TileError::LayerMismatch { layer, .. } => Wording::new(
                format!(
                    "This map file cannot join the layer “{layer}”, which holds tiles of another kind."
                ),
                format!(
                    "Ce fichier de carte ne peut rejoindre la couche « {layer} », qui contient des tuiles d’un autre type."
                ),
            ),
            TileError::Server { reason } => Wording::new(
                format!("The offline map could not start ({reason})."),
                format!("La carte hors ligne n’a pas pu démarrer ({reason})."),
            ),
        }
    }
}

impl UserMessage for TrailError {
    fn wording(&self) -> Wording {
        match self {
            TrailError::Store { detail } => Wording::new(
                format!("The saved tracks cannot be read or written ({detail})."),
                format!("Les traces enregistrées ne peuvent être lues ou écrites ({detail})."),
            ),
            TrailError::Io { detail } => Wording::new(
                format!("The file cannot be read or written ({detail})."),
                format!("Le fichier ne peut être lu ou écrit ({detail})."),
            ),
            TrailError::Gpx { detail } => Wording::new(
                format!("This GPX file cannot be read ({detail})."),
                format!("Ce fichier GPX ne peut être lu ({detail})."),
            ),
            TrailError::NoSuchTrack { .. } => {
                Wording::new("This track no longer exists.", "Cette trace n’existe plus.")
            }
            TrailError::InvalidState { state, .. } => {
                let (english, french) = match state {
                    RecorderState::Idle => {
                        ("no track is being recorded", "aucune trace n’est en cours")
                    }
                    RecorderState::Recording => {
                        ("a track is being recorded", "une trace est en cours")
                    }
                    RecorderState::Paused | RecorderState::AutoPaused => {
                        ("the recording is paused", "l’enregistrement est en pause")
                    }
                };
                Wording::new(
                    format!("Not possible now: {english}."),
                    format!("Impossible pour l’instant : {french}."),
                )
            }
            TrailError::InvalidRoute { .. } => Wording::new(
                "This route cannot be followed: it has fewer than two points.",
                "Cet itinéraire ne peut être suivi : il a moins de deux points.",
            ),
            TrailError::RecordingElsewhere { .. } => Wording::new(
                "A recording is already running: stop it before starting another.",
                "Un enregistrement est déjà en cours : arrêtez-le avant d’en commencer un autre.",
            ),
        }
    }
}

impl UserMessage for ReportError {
    fn wording(&self) -> Wording {
        match self {
            ReportError::NotAnImage => Wording::new(
                "This file is not a photo (JPEG, PNG or WebP).",
                "Ce fichier n’est pas une photo (JPEG, PNG ou WebP).",
            ),
            ReportError::PhotoTooLarge { .. } | ReportError::PhotoTooManyPixels { .. } => {
                Wording::new(
                    "This photo is too large to be sent.",
                    "Cette photo est trop grande pour être envoyée.",
                )
            }
            ReportError::PhotoUnreadable { .. } => Wording::new(
                "This photo cannot be read.",
                "Cette photo ne peut être lue.",
            ),
            ReportError::TooManyPhotos { max } => Wording::new(
                format!("A report takes at most {max} photos."),
                format!("Un signalement accepte au plus {max} photos."),
            ),
            ReportError::InvalidReport { problems } => Wording::new(
                problems
                    .iter()
                    .map(|p| p.problem.message(crate::locale::Language::English))
                    .collect::<Vec<_>>()
                    .join(" "),
                problems
                    .iter()
                    .map(|p| p.problem.message(crate::locale::Language::French))
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
            ReportError::UnknownReport { .. } => Wording::new(
                "This report is no longer in the outbox.",
                "Ce signalement n’est plus dans la boîte d’envoi.",
            ),
            ReportError::NotEditable { .. } => Wording::new(
                "This report is being sent or was sent: it can no longer be changed.",
                "Ce signalement est en cours d’envoi ou envoyé : il ne peut plus être modifié.",
            ),
            ReportError::Store { reason } => Wording::new(
                format!("The outbox cannot be read or written ({reason})."),
                format!("La boîte d’envoi ne peut être lue ou écrite ({reason})."),
            ),
            ReportError::LoginRequired { server } => Wording::new(
                format!("Log in to {server} again to send rangers’ reports."),
                format!("Reconnectez-vous à {server} pour envoyer les signalements d’agent."),
            ),
            ReportError::LoginRefused { reason } => Wording::new(
                format!("Login refused: {reason}"),
                format!("Connexion refusée : {reason}"),
            ),
            ReportError::Network { reason } => Wording::new(
                format!("The server cannot be reached: check the connection ({reason})."),
                format!("Le serveur est injoignable : vérifiez la connexion ({reason})."),
            ),
            ReportError::Server { status, reason } => Wording::new(
                format!("The server refused (HTTP {status}): {reason}"),
                format!("Le serveur a refusé (HTTP {status}) : {reason}"),
            ),
            ReportError::Secrets { .. } => Wording::new(
                "The ranger’s credentials cannot be read from the device’s secure storage: log in again.",
                "Les identifiants de l’agent ne peuvent être lus dans le stockage sécurisé : reconnectez-vous.",
            ),
            ReportError::Internal { .. } => internal(),
        }
    }
}

impl UserMessage for AddressError {
    fn wording(&self) -> Wording {
        match self {
            AddressError::NotAnAddress { text, .. } => Wording::new(
                format!("“{text}” is not a web address."),
                format!("« {text} » n’est pas une adresse web."),
            ),
            AddressError::NotHttp { text } => Wording::new(
                format!("“{text}” is not a web address (http or https)."),
                format!("« {text} » n’est pas une adresse web (http ou https)."),
            ),
        }
    }
}

impl UserMessage for TaskFailed {
    fn wording(&self) -> Wording {
        internal()
    }
}

/// A defect of the app, whatever was being done.
fn internal() -> Wording {
    Wording::new(
        "Something went wrong inside the app: please try again.",
        "Un problème est survenu dans l’application : veuillez réessayer.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::locale::Language;
    use crate::reports::{FieldProblem, ReportProblem};
    use crate::tiles::TileFormat;

    fn assert_worded(error: &dyn UserMessage, name: &str) {
        let (english, french) = (
            error.message(Language::English),
            error.message(Language::French),
        );
        assert!(!english.trim().is_empty(), "{name}: no English message");
        assert!(!french.trim().is_empty(), "{name}: no French message");
        assert_ne!(english, french, "{name}: French is English");
        for text in [&english, &french] {
            assert!(
                !text.contains("{ ") && !text.contains('=') && !text.contains("Some("),
                "{name}: a dump, not a sentence: {text}"
            );
        }
    }

    /// Every variant of every error crossing the FFI (the match in each
    /// `wording` is exhaustive, so a new variant cannot go unworded; this
    /// checks each one reads differently in French and English).
    #[test]
    fn every_error_crossing_the_ffi_has_a_french_and_an_english_message() {
        let s = || "x".to_string();
        let catalog = [
            CatalogError::Http {
                resource: s(),
                page: 1,
                status: 503,
                retry_after_s: Some(30),
            },
            CatalogError::Http {
                resource: s(),
                page: 1,
                status: 500,
                retry_after_s: None,
            },
            CatalogError::Http {
                resource: s(),
                page: 1,
                status: 403,
                retry_after_s: None,
            },
            CatalogError::Network {
                resource: s(),
                page: 1,
                detail: s(),
            },
            CatalogError::Malformed {
                resource: s(),
                page: 1,
                detail: s(),
            },
            CatalogError::BadNextLink {
                resource: s(),
                page: 1,
                link: s(),
                reason: s(),
            },
            CatalogError::Store { detail: s() },
            CatalogError::InvalidInput { detail: s() },
            CatalogError::NotFound { kind: s(), id: 3 },
            CatalogError::LanguagesNotServed {
                asked: vec![s()],
                served: vec![s()],
            },
            CatalogError::SyncInProgress,
            CatalogError::Cancelled,
            CatalogError::Export {
                path: s(),
                detail: s(),
            },
            CatalogError::Internal { reason: s() },
        ];
        catalog
            .iter()
            .for_each(|e| assert_worded(e, &format!("{e:?}")));
        let packs = [
            PackError::BadManifest { reason: s() },
            PackError::UnsupportedFormat {
                found: 9,
                supported: 1,
            },
            PackError::UnsafePath { path: s() },
            PackError::DuplicatePath { path: s() },
            PackError::Oversized {
                path: s(),
                size: 1,
                limit: 1,
            },
            PackError::Mismatch {
                path: s(),
                reason: s(),
            },
            PackError::Io {
                path: s(),
                reason: s(),
            },
            PackError::Source { reason: s() },
            PackError::Network {
                url: s(),
                reason: s(),
            },
            PackError::NoSpace {
                needed: 2_400_000,
                available: 1_000,
            },
            PackError::ManifestChanged { version: 2 },
            PackError::NotInstalled { id: s() },
            PackError::Busy { id: s() },
            PackError::Cancelled,
            PackError::Internal { reason: s() },
        ];
        packs
            .iter()
            .for_each(|e| assert_worded(e, &format!("{e:?}")));
        let tiles = [
            TileError::Io {
                path: s(),
                reason: s(),
            },
            TileError::NotATileSet {
                path: s(),
                reason: s(),
            },
            TileError::InvalidMetadata {
                path: s(),
                reason: s(),
            },
            TileError::Unsupported {
                path: s(),
                reason: s(),
            },
            TileError::Corrupt {
                path: s(),
                reason: s(),
            },
            TileError::InvalidCoordinate { z: 1, x: 2, y: 3 },
            TileError::InvalidLayerKey { key: s() },
            TileError::UnknownLayer { key: s() },
            TileError::LayerMismatch {
                layer: s(),
                existing: TileFormat::Png,
                offered: TileFormat::Mvt,
            },
            TileError::Server { reason: s() },
        ];
        tiles
            .iter()
            .for_each(|e| assert_worded(e, &format!("{e:?}")));
        let mut trail = vec![
            TrailError::Store { detail: s() },
            TrailError::Io { detail: s() },
            TrailError::Gpx { detail: s() },
            TrailError::NoSuchTrack { id: 4 },
            TrailError::InvalidRoute { detail: s() },
        ];
        for state in [
            RecorderState::Idle,
            RecorderState::Recording,
            RecorderState::Paused,
            RecorderState::AutoPaused,
        ] {
            trail.push(TrailError::InvalidState { state, action: s() });
        }
        trail
            .iter()
            .for_each(|e| assert_worded(e, &format!("{e:?}")));
        let reports = [
            ReportError::NotAnImage,
            ReportError::PhotoTooLarge {
                size_bytes: 1,
                max_bytes: 1,
            },
            ReportError::PhotoTooManyPixels {
                width: 1,
                height: 1,
                max_pixels: 1,
            },
            ReportError::PhotoUnreadable { reason: s() },
            ReportError::TooManyPhotos { max: 3 },
            ReportError::InvalidReport {
                problems: vec![FieldProblem::from(ReportProblem::CommentMissing)],
            },
            ReportError::UnknownReport { id: s() },
            ReportError::NotEditable { id: s() },
            ReportError::Store { reason: s() },
            ReportError::LoginRequired { server: s() },
            ReportError::LoginRefused { reason: s() },
            ReportError::Network { reason: s() },
            ReportError::Server {
                status: 400,
                reason: s(),
            },
            ReportError::Secrets { reason: s() },
            ReportError::Internal { reason: s() },
        ];
        reports
            .iter()
            .for_each(|e| assert_worded(e, &format!("{e:?}")));
        let addresses = [
            AddressError::NotAnAddress {
                text: s(),
                reason: s(),
            },
            AddressError::NotHttp { text: s() },
        ];
        addresses
            .iter()
            .for_each(|e| assert_worded(e, &format!("{e:?}")));
        assert_worded(&TaskFailed { reason: s() }, "TaskFailed");
    }

    #[test]
    fn a_full_disk_says_sizes_a_user_reads() {
        let error = PackError::NoSpace {
            needed: 2_430_000,
            available: 850_000,
        };
        assert_eq!(
            error.message(Language::French),
            "Espace insuffisant : le pack demande 2,4 Mo, 850 ko sont libres."
        );
        assert_eq!(
            error.message(Language::English),
            "Not enough space: the pack needs 2.4 MB, 850 kB are free."
        );
    }
}
