//! What every error that can reach a user says, in each language the core
//! speaks. The `Display` texts of the errors stay the English of logs and
//! the command line; the screens and the shells show these instead, so a
//! user never reads a generated dump of an error's fields.

use crate::address::AddressError;
use crate::catalog::CatalogError;
use crate::locale::{Language, UserMessage, Wording};
use crate::measures::{MeasureFormatter, UnitSystem};
use crate::packs::PackError;
use crate::reports::{DeliveryProblem, ReportError, ReportProblem};
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
            )
.it("Il server nega l’accesso ai suoi percorsi (HTTP 401/403): controlla il suo indirizzo.")
.de("Der Server verweigert den Zugriff auf seine Touren (HTTP 401/403): Prüfe seine Adresse.")
.es("El servidor deniega el acceso a sus rutas (HTTP 401/403): comprueba su dirección."),
            CatalogError::Http {
                status,
                retry_after_s: Some(seconds),
                ..
            } => Wording::new(
                format!("The server is busy (HTTP {status}): try again in {seconds} s."),
                format!("Le serveur est occupé (HTTP {status}) : réessayez dans {seconds} s."),
            )
.it(format!("Il server è occupato (HTTP {status}): riprova tra {seconds} s."))
.de(format!("Der Server ist ausgelastet (HTTP {status}): Versuche es in {seconds} s erneut."))
.es(format!("El servidor está ocupado (HTTP {status}): vuelve a intentarlo dentro de {seconds} s.")),
            CatalogError::Http { status, .. } => Wording::new(
                format!("The server answered with an error (HTTP {status}): try again later."),
                format!(
                    "Le serveur a répondu par une erreur (HTTP {status}) : réessayez plus tard."
                ),
            )
.it(format!("Il server ha risposto con un errore (HTTP {status}): riprova più tardi."))
.de(format!("Der Server hat mit einem Fehler geantwortet (HTTP {status}): Versuche es später erneut."))
.es(format!("El servidor ha respondido con un error (HTTP {status}): vuelve a intentarlo más tarde.")),
            CatalogError::Network { detail, .. } => Wording::new(
                format!("The server cannot be reached: check the connection ({detail})."),
                format!("Le serveur est injoignable : vérifiez la connexion ({detail})."),
            )
.it(format!("Il server non è raggiungibile: controlla la connessione ({detail})."))
.de(format!("Der Server ist nicht erreichbar: Prüfe die Verbindung ({detail})."))
.es(format!("No se puede contactar con el servidor: comprueba la conexión ({detail}).")),
            CatalogError::Malformed { resource, .. } => Wording::new(
                format!("The server’s answer for {resource} is not a Geotrek API’s."),
                format!("La réponse du serveur pour {resource} n’est pas celle d’une API Geotrek."),
            )
.it(format!("La risposta del server per {resource} non è quella di un’API Geotrek."))
.de(format!("Die Antwort des Servers für {resource} stammt nicht von einer Geotrek-API."))
.es(format!("La respuesta del servidor para {resource} no es la de una API de Geotrek.")),
            CatalogError::BadNextLink { resource, .. } => Wording::new(
                format!("The server’s pages of {resource} lead elsewhere: the sync stopped."),
                format!(
                    "Les pages de {resource} du serveur mènent ailleurs : la synchronisation s’est arrêtée."
                ),
            )
.it(format!("Le pagine di {resource} del server portano altrove: la sincronizzazione si è interrotta."))
.de(format!("Die Seiten von {resource} auf dem Server führen woandershin: Die Synchronisierung wurde abgebrochen."))
.es(format!("Las páginas de {resource} del servidor llevan a otro sitio: la sincronización se ha detenido.")),
            CatalogError::Store { detail } => Wording::new(
                format!("The offline catalog cannot be read or written ({detail})."),
                format!("Le catalogue hors ligne ne peut être lu ou écrit ({detail})."),
            )
.it(format!("Il catalogo offline non può essere letto o scritto ({detail})."))
.de(format!("Der Offline-Katalog kann nicht gelesen oder geschrieben werden ({detail})."))
.es(format!("El catálogo sin conexión no se puede leer ni escribir ({detail}).")),
            CatalogError::InvalidInput { detail } => Wording::new(
                format!("This request cannot be made: {detail}."),
                format!("Cette demande ne peut être faite : {detail}."),
            )
.it(format!("Questa richiesta non può essere fatta: {detail}."))
.de(format!("Diese Anfrage ist nicht möglich: {detail}."))
.es(format!("Esta solicitud no se puede hacer: {detail}.")),
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
            )
.it(format!("Questo server pubblica in {}, non in {}: scegli una delle sue lingue.", served.join(", "), asked.join(", ")))
.de(format!("Dieser Server veröffentlicht auf {}, nicht auf {}: Wähle eine seiner Sprachen.", served.join(", "), asked.join(", ")))
.es(format!("Este servidor publica en {}, no en {}: elige uno de sus idiomas.", served.join(", "), asked.join(", "))),
            CatalogError::NotFound { id, .. } => Wording::new(
                format!("Item {id} is not in the offline catalog."),
                format!("L’élément {id} n’est pas dans le catalogue hors ligne."),
            )
.it(format!("L’elemento {id} non è nel catalogo offline."))
.de(format!("Das Element {id} ist nicht im Offline-Katalog."))
.es(format!("El elemento {id} no está en el catálogo sin conexión.")),
            CatalogError::SyncInProgress => Wording::new(
                "This catalog is already being updated.",
                "Ce catalogue est déjà en cours de mise à jour.",
            )
.it("Questo catalogo è già in aggiornamento.")
.de("Dieser Katalog wird bereits aktualisiert.")
.es("Este catálogo ya se está actualizando."),
            CatalogError::Cancelled => Wording::new(
                "Cancelled: the catalog is as it was.",
                "Annulé : le catalogue est inchangé.",
            )
.it("Annullato: il catalogo è rimasto com’era.")
.de("Abgebrochen: Der Katalog ist unverändert.")
.es("Cancelado: el catálogo sigue como estaba."),
            CatalogError::Export { detail, .. } => Wording::new(
                format!("The file could not be written ({detail})."),
                format!("Le fichier n’a pas pu être écrit ({detail})."),
            )
.it(format!("Il file non è stato scritto ({detail})."))
.de(format!("Die Datei konnte nicht geschrieben werden ({detail})."))
.es(format!("No se ha podido escribir el archivo ({detail}).")),
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
            )
.it("Il server dei pacchetti ha pubblicato un pacchetto danneggiato: non è stato installato nulla.")
.de("Der Paketserver hat ein beschädigtes Paket veröffentlicht: Es wurde nichts installiert.")
.es("El servidor de paquetes ha publicado un paquete dañado: no se ha instalado nada."),
            PackError::UnsupportedFormat { .. } => Wording::new(
                "This pack needs a newer version of the app.",
                "Ce pack demande une version plus récente de l’application.",
            )
.it("Questo pacchetto richiede una versione più recente dell’app.")
.de("Dieses Paket braucht eine neuere Version der App.")
.es("Este paquete necesita una versión más reciente de la app."),
            PackError::Oversized { path, .. } => Wording::new(
                format!(
                    "The pack’s file {path} is too large to be a real one: nothing was installed."
                ),
                format!(
                    "Le fichier {path} du pack est trop gros pour être authentique : rien n’a été installé."
                ),
            )
.it(format!("Il file {path} del pacchetto è troppo grande per essere autentico: non è stato installato nulla."))
.de(format!("Die Datei {path} des Pakets ist zu groß, um echt zu sein: Es wurde nichts installiert."))
.es(format!("El archivo {path} del paquete es demasiado grande para ser auténtico: no se ha instalado nada.")),
            PackError::Mismatch { path, .. } => Wording::new(
                format!("The file {path} arrived damaged: download the pack again."),
                format!("Le fichier {path} est arrivé endommagé : téléchargez à nouveau le pack."),
            )
.it(format!("Il file {path} è arrivato danneggiato: scarica di nuovo il pacchetto."))
.de(format!("Die Datei {path} ist beschädigt angekommen: Lade das Paket erneut herunter."))
.es(format!("El archivo {path} ha llegado dañado: vuelve a descargar el paquete.")),
            PackError::Io { reason, .. } => Wording::new(
                format!("The pack’s files cannot be read or written ({reason})."),
                format!("Les fichiers du pack ne peuvent être lus ou écrits ({reason})."),
            )
.it(format!("I file del pacchetto non possono essere letti o scritti ({reason})."))
.de(format!("Die Dateien des Pakets können nicht gelesen oder geschrieben werden ({reason})."))
.es(format!("Los archivos del paquete no se pueden leer ni escribir ({reason}).")),
            PackError::BadTileSet { file, .. } => Wording::new(
                format!("{file} is not a usable map file (MBTiles or PMTiles): nothing was installed."),
                format!("{file} n’est pas un fichier de carte utilisable (MBTiles ou PMTiles) : rien n’a été installé."),
            )
.it(format!("{file} non è un file di mappa utilizzabile (MBTiles o PMTiles): non è stato installato nulla."))
.de(format!("{file} ist keine verwendbare Kartendatei (MBTiles oder PMTiles): Es wurde nichts installiert."))
.es(format!("{file} no es un archivo de mapa utilizable (MBTiles o PMTiles): no se ha instalado nada.")),
            PackError::Source { reason } => Wording::new(
                format!("The territory’s data cannot be read ({reason})."),
                format!("Les données du territoire ne peuvent être lues ({reason})."),
            )
.it(format!("I dati del territorio non possono essere letti ({reason})."))
.de(format!("Die Daten des Gebiets können nicht gelesen werden ({reason})."))
.es(format!("Los datos del territorio no se pueden leer ({reason}).")),
            PackError::Network { reason, .. } => Wording::new(
                format!("The pack server cannot be reached: check the connection ({reason})."),
                format!("Le serveur de packs est injoignable : vérifiez la connexion ({reason})."),
            )
.it(format!("Il server dei pacchetti non è raggiungibile: controlla la connessione ({reason})."))
.de(format!("Der Paketserver ist nicht erreichbar: Prüfe die Verbindung ({reason})."))
.es(format!("No se puede contactar con el servidor de paquetes: comprueba la conexión ({reason}).")),
            PackError::NoSpace { needed, available } => Wording::by_language(|language| {
                let formatter = MeasureFormatter::in_language(UnitSystem::Metric, language);
                let (needed, free) = (
                    formatter.data_size(*needed),
                    formatter.data_size(*available),
                );
                match language {
                    Language::English => {
                        format!("Not enough space: the pack needs {needed}, {free} are free.")
                    }
                    Language::French => {
                        format!("Espace insuffisant : le pack demande {needed}, {free} sont libres.")
                    }
                    Language::Italian => format!(
                        "Spazio insufficiente: il pacchetto richiede {needed}, liberi {free}."
                    ),
                    Language::German => format!(
                        "Nicht genug Speicher: Das Paket braucht {needed}, frei sind {free}."
                    ),
                    Language::Spanish => format!(
                        "No hay espacio suficiente: el paquete necesita {needed} y hay {free} libres."
                    ),
                }
            }),
            PackError::ManifestChanged { version } => Wording::new(
                format!("The pack changed on the server: download again to get version {version}."),
                format!(
                    "Le pack a changé sur le serveur : téléchargez à nouveau pour avoir la version {version}."
                ),
            )
.it(format!("Il pacchetto è cambiato sul server: scaricalo di nuovo per avere la versione {version}."))
.de(format!("Das Paket hat sich auf dem Server geändert: Lade es erneut herunter, um Version {version} zu erhalten."))
.es(format!("El paquete ha cambiado en el servidor: vuelve a descargarlo para tener la versión {version}.")),
            PackError::NotInstalled { id } => Wording::new(
                format!("The pack {id} is not installed."),
                format!("Le pack {id} n’est pas installé."),
            )
.it(format!("Il pacchetto {id} non è installato."))
.de(format!("Das Paket {id} ist nicht installiert."))
.es(format!("El paquete {id} no está instalado.")),
            PackError::Busy { id } => Wording::new(
                format!("The pack {id} is already being downloaded."),
                format!("Le pack {id} est déjà en cours de téléchargement."),
            )
.it(format!("Il pacchetto {id} è già in download."))
.de(format!("Das Paket {id} wird bereits heruntergeladen."))
.es(format!("El paquete {id} ya se está descargando.")),
            PackError::Cancelled => Wording::new("Download stopped.", "Téléchargement interrompu.")
.it("Download interrotto.")
.de("Download abgebrochen.")
.es("Descarga interrumpida."),
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
            )
.it(format!("Il file di mappa {path} non può essere letto."))
.de(format!("Die Kartendatei {path} kann nicht gelesen werden."))
.es(format!("El archivo de mapa {path} no se puede leer.")),
            TileError::NotATileSet { path, .. } => Wording::new(
                format!("{path} is not a map file (MBTiles or PMTiles)."),
                format!("{path} n’est pas un fichier de carte (MBTiles ou PMTiles)."),
            )
.it(format!("{path} non è un file di mappa (MBTiles o PMTiles)."))
.de(format!("{path} ist keine Kartendatei (MBTiles oder PMTiles)."))
.es(format!("{path} no es un archivo de mapa (MBTiles o PMTiles).")),
            TileError::InvalidMetadata { path, .. }
            | TileError::Corrupt { path, .. }
            | TileError::TooLarge { path, .. } => Wording::new(
                format!("The map file {path} is damaged."),
                format!("Le fichier de carte {path} est endommagé."),
            )
.it(format!("Il file di mappa {path} è danneggiato."))
.de(format!("Die Kartendatei {path} ist beschädigt."))
.es(format!("El archivo de mapa {path} está dañado.")),
            TileError::Unsupported { path, .. } => Wording::new(
                format!("The map file {path} uses something this app cannot read."),
                format!(
                    "Le fichier de carte {path} utilise un format que l’application ne lit pas."
                ),
            )
.it(format!("Il file di mappa {path} usa un formato che l’app non sa leggere."))
.de(format!("Die Kartendatei {path} nutzt ein Format, das die App nicht lesen kann."))
.es(format!("El archivo de mapa {path} usa un formato que la app no puede leer.")),
            TileError::InvalidCoordinate { z, x, y } => Wording::new(
                format!("There is no map tile {z}/{x}/{y}."),
                format!("Il n’y a pas de tuile de carte {z}/{x}/{y}."),
            )
.it(format!("Non esiste la tessera di mappa {z}/{x}/{y}."))
.de(format!("Es gibt keine Kartenkachel {z}/{x}/{y}."))
.es(format!("No existe la tesela de mapa {z}/{x}/{y}.")),
            TileError::InvalidLayerKey { key } | TileError::UnknownLayer { key } => Wording::new(
                format!("The map has no layer “{key}”."),
                format!("La carte n’a pas de couche « {key} »."),
            )
.it(format!("La mappa non ha il livello «{key}»."))
.de(format!("Die Karte hat keine Ebene „{key}“."))
.es(format!("El mapa no tiene la capa «{key}».")),
            TileError::LayerMismatch { layer, .. } => Wording::new(
                format!(
                    "This map file cannot join the layer “{layer}”, which holds tiles of another kind."
                ),
                format!(
                    "Ce fichier de carte ne peut rejoindre la couche « {layer} », qui contient des tuiles d’un autre type."
                ),
            )
.it(format!("Questo file di mappa non può unirsi al livello «{layer}», che contiene tessere di un altro tipo."))
.de(format!("Diese Kartendatei kann nicht zur Ebene „{layer}“ hinzugefügt werden, die Kacheln einer anderen Art enthält."))
.es(format!("Este archivo de mapa no puede unirse a la capa «{layer}», que contiene teselas de otro tipo.")),
            TileError::Server { reason } => Wording::new(
                format!("The offline map could not start ({reason})."),
                format!("La carte hors ligne n’a pas pu démarrer ({reason})."),
            )
.it(format!("La mappa offline non è riuscita ad avviarsi ({reason})."))
.de(format!("Die Offline-Karte konnte nicht starten ({reason})."))
.es(format!("El mapa sin conexión no ha podido iniciarse ({reason}).")),
        }
    }
}

impl UserMessage for TrailError {
    fn wording(&self) -> Wording {
        match self {
            TrailError::Store { detail } => Wording::new(
                format!("The saved tracks cannot be read or written ({detail})."),
                format!("Les traces enregistrées ne peuvent être lues ou écrites ({detail})."),
            )
            .it(format!(
                "Le tracce salvate non possono essere lette o scritte ({detail})."
            ))
            .de(format!(
                "Die gespeicherten Spuren können nicht gelesen oder geschrieben werden ({detail})."
            ))
            .es(format!(
                "Las trazas guardadas no se pueden leer ni escribir ({detail})."
            )),
            TrailError::Io { detail } => Wording::new(
                format!("The file cannot be read or written ({detail})."),
                format!("Le fichier ne peut être lu ou écrit ({detail})."),
            )
            .it(format!(
                "Il file non può essere letto o scritto ({detail})."
            ))
            .de(format!(
                "Die Datei kann nicht gelesen oder geschrieben werden ({detail})."
            ))
            .es(format!(
                "El archivo no se puede leer ni escribir ({detail})."
            )),
            TrailError::Gpx { detail } => Wording::new(
                format!("This GPX file cannot be read ({detail})."),
                format!("Ce fichier GPX ne peut être lu ({detail})."),
            )
            .it(format!("Questo file GPX non può essere letto ({detail})."))
            .de(format!(
                "Diese GPX-Datei kann nicht gelesen werden ({detail})."
            ))
            .es(format!("Este archivo GPX no se puede leer ({detail}).")),
            TrailError::NoSuchTrack { .. } => {
                Wording::new("This track no longer exists.", "Cette trace n’existe plus.")
                    .it("Questa traccia non esiste più.")
                    .de("Diese Spur existiert nicht mehr.")
                    .es("Esta traza ya no existe.")
            }
            TrailError::InvalidState { state, .. } => {
                let why = match state {
                    RecorderState::Idle => {
                        Wording::new("no track is being recorded", "aucune trace n’est en cours")
                            .it("nessuna traccia in registrazione")
                            .de("es wird keine Spur aufgezeichnet")
                            .es("no se está grabando ninguna traza")
                    }
                    RecorderState::Recording => {
                        Wording::new("a track is being recorded", "une trace est en cours")
                            .it("è in corso la registrazione di una traccia")
                            .de("es wird gerade eine Spur aufgezeichnet")
                            .es("se está grabando una traza")
                    }
                    RecorderState::Paused | RecorderState::AutoPaused => {
                        Wording::new("the recording is paused", "l’enregistrement est en pause")
                            .it("la registrazione è in pausa")
                            .de("die Aufzeichnung ist pausiert")
                            .es("la grabación está en pausa")
                    }
                };
                Wording::by_language(|language| {
                    let why = why.get(language);
                    match language {
                        Language::English => format!("Not possible now: {why}."),
                        Language::French => format!("Impossible pour l’instant : {why}."),
                        Language::Italian => format!("Non è possibile ora: {why}."),
                        Language::German => format!("Gerade nicht möglich: {why}."),
                        Language::Spanish => format!("No es posible ahora: {why}."),
                    }
                })
            }
            TrailError::InvalidRoute { .. } => Wording::new(
                "This route cannot be followed: it has fewer than two points.",
                "Cet itinéraire ne peut être suivi : il a moins de deux points.",
            )
            .it("Questo itinerario non può essere seguito: ha meno di due punti.")
            .de("Diese Route kann nicht verfolgt werden: Sie hat weniger als zwei Punkte.")
            .es("Esta ruta no se puede seguir: tiene menos de dos puntos."),
            TrailError::RecordingElsewhere { .. } => Wording::new(
                "A recording is already running: stop it before starting another.",
                "Un enregistrement est déjà en cours : arrêtez-le avant d’en commencer un autre.",
            )
            .it("Una registrazione è già in corso: fermala prima di avviarne un’altra.")
            .de("Es läuft bereits eine Aufzeichnung: Beende sie, bevor du eine neue startest.")
            .es("Ya hay una grabación en curso: detenla antes de empezar otra."),
        }
    }
}

impl UserMessage for ReportError {
    fn wording(&self) -> Wording {
        match self {
            ReportError::NotAnImage => Wording::new(
                "This file is not a photo (JPEG, PNG or WebP).",
                "Ce fichier n’est pas une photo (JPEG, PNG ou WebP).",
            )
.it("Questo file non è una foto (JPEG, PNG o WebP).")
.de("Diese Datei ist kein Foto (JPEG, PNG oder WebP).")
.es("Este archivo no es una foto (JPEG, PNG o WebP)."),
            ReportError::PhotoTooLarge { .. } | ReportError::PhotoTooManyPixels { .. } => {
                Wording::new(
                    "This photo is too large to be sent.",
                    "Cette photo est trop grande pour être envoyée.",
                )
.it("Questa foto è troppo grande per essere inviata.")
.de("Dieses Foto ist zu groß zum Senden.")
.es("Esta foto es demasiado grande para enviarla.")
            }
            ReportError::PhotoUnreadable { .. } => Wording::new(
                "This photo cannot be read.",
                "Cette photo ne peut être lue.",
            )
.it("Questa foto non può essere letta.")
.de("Dieses Foto kann nicht gelesen werden.")
.es("Esta foto no se puede leer."),
            ReportError::TooManyPhotos { max } => Wording::new(
                format!("A report takes at most {max} photos."),
                format!("Un signalement accepte au plus {max} photos."),
            )
.it(format!("Una segnalazione accetta al massimo {max} foto."))
.de(format!("Eine Meldung nimmt höchstens {max} Fotos auf."))
.es(format!("Un aviso admite como máximo {max} fotos.")),
            ReportError::InvalidReport { problems } => Wording::by_language(|language| {
                problems
                    .iter()
                    .map(|p| p.problem.message(language))
                    .collect::<Vec<_>>()
                    .join(" ")
            }),
            ReportError::UnknownReport { .. } => Wording::new(
                "This report is no longer in the outbox.",
                "Ce signalement n’est plus dans la boîte d’envoi.",
            )
.it("Questa segnalazione non è più nella posta in uscita.")
.de("Diese Meldung ist nicht mehr im Postausgang.")
.es("Este aviso ya no está en la bandeja de salida."),
            ReportError::NotEditable { .. } => Wording::new(
                "This report is being sent or was sent: it can no longer be changed.",
                "Ce signalement est en cours d’envoi ou envoyé : il ne peut plus être modifié.",
            )
.it("Questa segnalazione è in invio o è stata inviata: non può più essere modificata.")
.de("Diese Meldung wird gerade gesendet oder wurde gesendet: Sie kann nicht mehr geändert werden.")
.es("Este aviso se está enviando o ya se ha enviado: ya no se puede modificar."),
            ReportError::Store { reason } => Wording::new(
                format!("The outbox cannot be read or written ({reason})."),
                format!("La boîte d’envoi ne peut être lue ou écrite ({reason})."),
            )
.it(format!("La posta in uscita non può essere letta o scritta ({reason})."))
.de(format!("Der Postausgang kann nicht gelesen oder geschrieben werden ({reason})."))
.es(format!("La bandeja de salida no se puede leer ni escribir ({reason}).")),
            ReportError::LoginRequired { server } => Wording::new(
                format!("Log in to {server} again to send rangers’ reports."),
                format!("Reconnectez-vous à {server} pour envoyer les signalements d’agent."),
            )
.it(format!("Accedi di nuovo a {server} per inviare le segnalazioni da guardaparco."))
.de(format!("Melde dich erneut bei {server} an, um Meldungen als Ranger zu senden."))
.es(format!("Vuelve a iniciar sesión en {server} para enviar avisos de guarda.")),
            ReportError::LoginRefused { reason } => Wording::new(
                format!("Login refused: {reason}"),
                format!("Connexion refusée : {reason}"),
            )
.it(format!("Accesso rifiutato: {reason}"))
.de(format!("Anmeldung abgelehnt: {reason}"))
.es(format!("Inicio de sesión rechazado: {reason}")),
            ReportError::Network { reason } => Wording::new(
                format!("The server cannot be reached: check the connection ({reason})."),
                format!("Le serveur est injoignable : vérifiez la connexion ({reason})."),
            )
.it(format!("Il server non è raggiungibile: controlla la connessione ({reason})."))
.de(format!("Der Server ist nicht erreichbar: Prüfe die Verbindung ({reason})."))
.es(format!("No se puede contactar con el servidor: comprueba la conexión ({reason}).")),
            ReportError::Server { status, reason } => Wording::new(
                format!("The server refused (HTTP {status}): {reason}"),
                format!("Le serveur a refusé (HTTP {status}) : {reason}"),
            )
.it(format!("Il server ha rifiutato (HTTP {status}): {reason}"))
.de(format!("Der Server hat abgelehnt (HTTP {status}): {reason}"))
.es(format!("El servidor lo ha rechazado (HTTP {status}): {reason}")),
            ReportError::Secrets { .. } => Wording::new(
                "The ranger’s credentials cannot be read from the device’s secure storage: log in again.",
                "Les identifiants de l’agent ne peuvent être lus dans le stockage sécurisé : reconnectez-vous.",
            )
.it("Le credenziali del guardaparco non possono essere lette dall’archivio sicuro del dispositivo: accedi di nuovo.")
.de("Die Zugangsdaten des Rangers können nicht aus dem sicheren Speicher des Geräts gelesen werden: Melde dich erneut an.")
.es("Las credenciales del guarda no se pueden leer del almacenamiento seguro del dispositivo: vuelve a iniciar sesión."),
            ReportError::Internal { .. } => internal(),
        }
    }
}

/// Why a report waits in the outbox, and what the user can do about it.
impl UserMessage for DeliveryProblem {
    fn wording(&self) -> Wording {
        match self {
            DeliveryProblem::NotDelivered { .. } => Wording::new(
                "Not sent yet: the server could not be reached. It will be sent by itself once the network is back.",
                "Pas encore envoyé : le serveur était injoignable. Il partira tout seul dès le retour du réseau.",
            )
            .it("Non ancora inviata: il server non era raggiungibile. Partirà da sola appena torna la rete.")
            .de("Noch nicht gesendet: Der Server war nicht erreichbar. Sie wird von selbst gesendet, sobald wieder Netz da ist.")
            .es("Aún no enviado: no se pudo contactar con el servidor. Se enviará solo cuando vuelva la red."),
            DeliveryProblem::NoAnswer { .. } => Wording::new(
                "The server did not answer: the report will be checked and sent again by itself.",
                "Le serveur n’a pas répondu : le signalement sera vérifié et renvoyé tout seul.",
            )
            .it("Il server non ha risposto: la segnalazione sarà verificata e inviata di nuovo da sola.")
            .de("Der Server hat nicht geantwortet: Die Meldung wird von selbst geprüft und erneut gesendet.")
            .es("El servidor no respondió: el aviso se comprobará y se volverá a enviar solo."),
            DeliveryProblem::ServerBusy { .. } => Wording::new(
                "The server is busy: the report will be sent again by itself a little later.",
                "Le serveur est occupé : le signalement sera renvoyé tout seul un peu plus tard.",
            )
            .it("Il server è occupato: la segnalazione sarà inviata di nuovo da sola un po’ più tardi.")
            .de("Der Server ist ausgelastet: Die Meldung wird etwas später von selbst erneut gesendet.")
            .es("El servidor está ocupado: el aviso se volverá a enviar solo un poco más tarde."),
            DeliveryProblem::Refused { status, details } => Wording::new(
                format!("The server refused this report ({status}: {details}): correct it and send it again, or discard it."),
                format!("Le serveur a refusé ce signalement ({status} : {details}) : corrigez-le et renvoyez-le, ou supprimez-le."),
            )
            .it(format!("Il server ha rifiutato questa segnalazione ({status}: {details}): correggila e inviala di nuovo, oppure eliminala."))
            .de(format!("Der Server hat diese Meldung abgelehnt ({status}: {details}): Korrigiere sie und sende sie erneut oder verwirf sie."))
            .es(format!("El servidor ha rechazado este aviso ({status}: {details}): corrígelo y vuelve a enviarlo, o descártalo.")),
            DeliveryProblem::LoginRequired { server } => Wording::new(
                format!("Log in to {server} as a ranger to send this report."),
                format!("Connectez-vous à {server} en tant qu’agent pour envoyer ce signalement."),
            )
            .it(format!("Accedi a {server} come guardaparco per inviare questa segnalazione."))
            .de(format!("Melde dich bei {server} als Ranger an, um diese Meldung zu senden."))
            .es(format!("Inicia sesión en {server} como guarda para enviar este aviso.")),
            DeliveryProblem::PossiblyDelivered { server } => Wording::new(
                format!("This report may have reached {server}, but its answer was lost: send it again, or keep it as delivered."),
                format!("Ce signalement est peut-être arrivé sur {server}, mais sa réponse s’est perdue : renvoyez-le, ou gardez-le comme envoyé."),
            )
            .it(format!("Questa segnalazione potrebbe essere arrivata a {server}, ma la risposta è andata persa: inviala di nuovo o tienila come inviata."))
            .de(format!("Diese Meldung ist vielleicht bei {server} angekommen, aber die Antwort ging verloren: Sende sie erneut oder behalte sie als gesendet."))
            .es(format!("Puede que este aviso haya llegado a {server}, pero su respuesta se perdió: vuelve a enviarlo o dalo por enviado.")),
            DeliveryProblem::ServerUrlInvalid => ReportProblem::ServerUrlInvalid.wording(),
            DeliveryProblem::Unreadable { .. } => Wording::new(
                "This report cannot be read: discard it and write it again.",
                "Ce signalement est illisible : supprimez-le et écrivez-le à nouveau.",
            )
            .it("Questa segnalazione non è leggibile: eliminala e scrivila di nuovo.")
            .de("Diese Meldung ist unlesbar: Verwirf sie und schreibe sie neu.")
            .es("Este aviso no se puede leer: descártalo y vuelve a escribirlo."),
            DeliveryProblem::Other { text } => Wording::by_language(|_| text.clone()),
        }
    }
}

impl UserMessage for AddressError {
    fn wording(&self) -> Wording {
        match self {
            AddressError::NotAnAddress { text, .. } => Wording::new(
                format!("“{text}” is not a web address."),
                format!("« {text} » n’est pas une adresse web."),
            )
            .it(format!("«{text}» non è un indirizzo web."))
            .de(format!("„{text}“ ist keine Webadresse."))
            .es(format!("«{text}» no es una dirección web.")),
            AddressError::NotHttp { text } => Wording::new(
                format!("“{text}” is not a web address (http or https)."),
                format!("« {text} » n’est pas une adresse web (http ou https)."),
            )
            .it(format!("«{text}» non è un indirizzo web (http o https)."))
            .de(format!("„{text}“ ist keine Webadresse (http oder https)."))
            .es(format!("«{text}» no es una dirección web (http o https).")),
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
    .it("Si è verificato un problema nell’app: riprova.")
    .de("In der App ist ein Fehler aufgetreten: Bitte versuche es erneut.")
    .es("Algo ha fallado en la app: vuelve a intentarlo.")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reports::{FieldProblem, ReportProblem};
    use crate::tiles::TileFormat;

    fn assert_worded(error: &dyn UserMessage, name: &str) {
        let english = error.message(Language::English);
        assert!(!english.trim().is_empty(), "{name}: no English message");
        for language in Language::ALL {
            let text = error.message(language);
            if language != Language::English {
                assert_ne!(text, english, "{name}: {language:?} is English");
            }
            assert!(
                !text.contains("{ ") && !text.contains('=') && !text.contains("Some("),
                "{name}: a dump, not a sentence: {text}"
            );
        }
    }

    /// Every variant of every error crossing the FFI (the match in each
    /// `wording` is exhaustive, so a new variant cannot go unworded; this
    /// checks each one reads differently in every language from English).
    #[test]
    fn every_error_crossing_the_ffi_has_a_message_in_every_shipped_language() {
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
            PackError::BadTileSet {
                file: s(),
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
        let delivery = [
            DeliveryProblem::NotDelivered { detail: s() },
            DeliveryProblem::NoAnswer { detail: s() },
            DeliveryProblem::ServerBusy { detail: None },
            DeliveryProblem::Refused {
                status: 400,
                details: s(),
            },
            DeliveryProblem::LoginRequired { server: s() },
            DeliveryProblem::PossiblyDelivered { server: s() },
            DeliveryProblem::ServerUrlInvalid,
            DeliveryProblem::Unreadable { detail: s() },
        ];
        delivery
            .iter()
            .for_each(|e| assert_worded(e, &format!("{e:?}")));
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
