//! The packs screen and the pack in use: the packs the settings' server
//! publishes beside the installed ones (listed at once from the disk; the
//! servers are asked in the background), downloads with progress, pause
//! (keeps what arrived), cancel (deletes it), updates and removal, and the
//! pack whose catalog and map the app shows.
//!
//! Its rules, once for both apps: a pack is used when the hiker says so,
//! or when it is installed while none is in use, or updated while in use;
//! the pack in use is remembered in the settings and shown again at
//! launch; a removed pack in use is no longer shown.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};

use super::PackCatalog;
use super::actor::{Machine, Mailbox, WeakMailbox};
use super::observable::{Observable, Subscriber};
use super::settings::{Settings, SettingsState};
use crate::catalog::Catalog;
use crate::locale::{Language, UserMessage, Wording};
use crate::measures::MeasureFormatter;
use crate::packs::{InstalledPack, PackError, PackLibrary, PackProgress, PackStatus, PackSummary};
use crate::runtime::TaskFailed;
use crate::runtime::TaskHandle;
use crate::tiles::TileError;

/// The offline map a used pack's tiles and catalog are shown on.
pub trait PackMap: Send + Sync {
    /// Shows `pack` (its tile sets, its catalog's overlays) instead of `previous`.
    fn show(
        &self,
        pack: &InstalledPack,
        catalog: &Arc<Catalog>,
        previous: Option<&InstalledPack>,
    ) -> Result<(), TileError>;
    /// Stops showing `pack`.
    fn hide(&self, pack: &InstalledPack);
}

/// A download as its row shows it.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct DownloadRow {
    /// Done, 0 to 1.
    pub fraction: f64,
    /// `Paused · 12 MB / 48 MB · 2.4 MB/s · 4 min`, or `Installing…`.
    pub text: String,
    /// Stopped by the user: downloading again resumes.
    pub paused: bool,
}

/// One pack of the server or of the device.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PackRow {
    pub id: String,
    pub name: String,
    /// On the server, or on disk once installed.
    pub size: String,
    pub installed: bool,
    pub in_use: bool,
    /// `Update to version 3`, when the server has a newer one.
    pub update: Option<String>,
    pub download: Option<DownloadRow>,
}

/// The packs screen.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PacksState {
    /// The settings' pack server; `None` lists the installed packs only.
    pub server_url: Option<String>,
    /// The installed packs, by id.
    pub installed: Vec<PackRow>,
    /// The server's packs not installed here.
    pub available: Vec<PackRow>,
    /// `Storage used: 310 MB`.
    pub storage_used: String,
    /// The servers have not answered yet.
    pub loading: bool,
    /// The pack whose catalog and map the app shows.
    pub in_use: Option<InstalledPack>,
    pub error: Option<String>,
}

enum Action {
    Refresh,
    Answered {
        statuses: Result<Vec<PackStatus>, PackError>,
        published: Result<Vec<PackSummary>, PackError>,
    },
    Download(String),
    Progress(PackProgress),
    Ended(String, Result<InstalledPack, PackError>),
    Pause(String),
    Cancel(String),
    Remove(String),
    Use(String),
    /// The settings changed (boxed: the other actions are small).
    Settings(Box<SettingsState>),
}

/// The pack in use: its record and its open catalog.
#[derive(Clone)]
struct Used {
    pack: InstalledPack,
    catalog: Arc<Catalog>,
}

/// The packs of this device and of the settings' server (a handle: its
/// clones drive the same screen, as the map's does).
#[derive(Clone)]
pub struct PacksScreen {
    state: Arc<Observable<PacksState>>,
    in_use: Arc<Mutex<Option<Used>>>,
    mailbox: Mailbox<Action>,
}

/// The catalog of the pack in use, read at each call.
#[derive(Clone)]
pub struct CatalogInUse(Arc<Mutex<Option<Used>>>);

impl CatalogInUse {
    /// The catalog of the pack in use now and its photos.
    pub fn read(&self) -> Option<PackCatalog> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .as_ref()
            .map(|used| PackCatalog::of_pack(&used.pack, Arc::clone(&used.catalog)))
    }
}

impl PacksScreen {
    /// The packs of `library`; the pack used last time (from `settings`) is
    /// shown again if it is still installed.
    pub fn open(
        library: Arc<PackLibrary>,
        settings: Arc<Settings>,
        map: Option<Arc<dyn PackMap>>,
    ) -> PacksScreen {
        // Subscribed before the screen reads the settings: no change is missed.
        let changes = settings.subscribe();
        let state = Arc::new(Observable::new(PacksState {
            server_url: settings.state().pack_server_url,
            installed: Vec::new(),
            available: Vec::new(),
            storage_used: String::new(),
            // The screen lists the packs at once, then asks the servers.
            loading: true,
            in_use: None,
            error: None,
        }));
        let in_use = Arc::new(Mutex::new(None));
        let (shared_state, shared_in_use) = (Arc::clone(&state), Arc::clone(&in_use));
        let mailbox = Mailbox::start_with(move |mailbox| Packs {
            measures: settings.measures(),
            language: settings.language(),
            library,
            settings: Arc::clone(&settings),
            map,
            mailbox,
            statuses: Vec::new(),
            published: Vec::new(),
            progress: HashMap::new(),
            paused: HashSet::new(),
            downloads: HashMap::new(),
            in_use: shared_in_use,
            error: None,
            loading: false,
            state: shared_state,
        });
        mailbox.follow(changes, |state| Action::Settings(Box::new(state)));
        let screen = PacksScreen {
            state,
            in_use,
            mailbox,
        };
        screen.mailbox.send(Action::Refresh);
        screen
    }

    pub fn state(&self) -> PacksState {
        self.state.get()
    }

    pub fn subscribe(&self) -> Subscriber<PacksState> {
        self.state.subscribe()
    }

    /// The catalog of the pack in use and its photos, for the screens that read it.
    pub fn catalog_in_use(&self) -> Option<PackCatalog> {
        self.catalog_reader().read()
    }

    /// Reads the catalog of the pack in use whenever asked, for a screen
    /// that keeps it beyond this borrow.
    pub fn catalog_reader(&self) -> CatalogInUse {
        CatalogInUse(Arc::clone(&self.in_use))
    }

    /// Lists the installed packs again, then asks the servers.
    pub fn refresh(&self) {
        self.mailbox.send(Action::Refresh);
    }

    /// Downloads (or resumes, or updates) pack `id`.
    pub fn download(&self, id: String) {
        self.mailbox.send(Action::Download(id));
    }

    /// Stops the download of `id`, keeping what arrived.
    pub fn pause(&self, id: String) {
        self.mailbox.send(Action::Pause(id));
    }

    /// Stops the download of `id` and deletes what arrived.
    pub fn cancel(&self, id: String) {
        self.mailbox.send(Action::Cancel(id));
    }

    /// Removes installed pack `id` and reclaims its space.
    pub fn remove(&self, id: String) {
        self.mailbox.send(Action::Remove(id));
    }

    /// Shows installed pack `id`: its catalog on every screen, its map.
    pub fn use_pack(&self, id: String) {
        self.mailbox.send(Action::Use(id));
    }

    /// Resumes once every action asked so far shows in the state (the
    /// servers' answers and downloads arrive later, as actions of their own).
    pub async fn settled(&self) {
        self.mailbox.settled().await;
    }
}

struct Packs {
    library: Arc<PackLibrary>,
    settings: Arc<Settings>,
    map: Option<Arc<dyn PackMap>>,
    mailbox: WeakMailbox<Action>,
    measures: MeasureFormatter,
    language: Language,
    statuses: Vec<PackStatus>,
    published: Vec<PackSummary>,
    progress: HashMap<String, PackProgress>,
    paused: HashSet<String>,
    downloads: HashMap<String, Arc<TaskHandle>>,
    in_use: Arc<Mutex<Option<Used>>>,
    error: Option<String>,
    loading: bool,
    state: Arc<Observable<PacksState>>,
}

impl Machine for Packs {
    type Action = Action;

    async fn act(&mut self, action: Action) {
        match action {
            Action::Refresh => self.refresh(),
            Action::Answered {
                statuses,
                published,
            } => {
                self.loading = false;
                match statuses.and_then(|statuses| Ok((statuses, published?))) {
                    Ok((statuses, published)) => {
                        // The packs installed or removed meanwhile are the disk's.
                        for status in &mut self.statuses {
                            if let Some(answer) =
                                statuses.iter().find(|s| s.pack.id == status.pack.id)
                            {
                                status.update_available = answer.update_available;
                            }
                        }
                        self.published = published;
                    }
                    Err(error) => self.error = Some(error.message(self.language)),
                }
            }
            Action::Download(id) => self.download(id),
            Action::Progress(progress) => {
                if self.downloads.contains_key(&progress.pack_id) {
                    self.progress.insert(progress.pack_id.clone(), progress);
                }
            }
            Action::Ended(id, outcome) => {
                self.downloads.remove(&id);
                match outcome {
                    Ok(pack) => {
                        self.progress.remove(&id);
                        let shown = self.used().map(|used| used.pack.id);
                        if shown.is_none() || shown.as_ref() == Some(&pack.id) {
                            self.use_pack(&pack.id);
                        }
                        self.refresh();
                    }
                    Err(PackError::Cancelled) => {}
                    Err(error) => {
                        self.progress.remove(&id);
                        self.error = Some(error.message(self.language));
                    }
                }
            }
            Action::Pause(id) => {
                if let Some(handle) = self.downloads.remove(&id) {
                    self.library.pause(&id);
                    handle.cancel();
                    self.paused.insert(id);
                }
            }
            Action::Cancel(id) => {
                if let Some(handle) = self.downloads.remove(&id) {
                    handle.cancel();
                }
                self.progress.remove(&id);
                self.paused.remove(&id);
                self.error = self
                    .library
                    .cancel(&id)
                    .err()
                    .map(|e| e.message(self.language));
            }
            Action::Remove(id) => {
                if self.used().is_some_and(|used| used.pack.id == id) {
                    self.forget_pack_in_use();
                }
                match self.library.remove(&id) {
                    Ok(()) => self.refresh(),
                    Err(error) => self.error = Some(error.message(self.language)),
                }
            }
            Action::Use(id) => self.use_pack(&id),
            Action::Settings(settings) => {
                self.language = settings.language;
                self.measures = MeasureFormatter::in_language(settings.units, settings.language);
                let server_changed = self.state.get().server_url != settings.pack_server_url;
                self.state
                    .update(|state| state.server_url = settings.pack_server_url.clone());
                if server_changed {
                    self.published.clear();
                    self.refresh();
                }
            }
        }
        self.render();
    }

    fn on_panic(&mut self, failed: TaskFailed) {
        self.error = Some(failed.message(self.language));
        self.render();
    }
}

impl Packs {
    fn used(&self) -> Option<Used> {
        self.in_use
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// The installed packs at once, from the disk; their updates and the
    /// server's packs when the servers answer, in the background.
    fn refresh(&mut self) {
        match self.library.installed() {
            Ok(installed) => {
                let known: HashMap<String, Option<u64>> = self
                    .statuses
                    .iter()
                    .map(|status| (status.pack.id.clone(), status.update_available))
                    .collect();
                self.statuses = installed
                    .into_iter()
                    .map(|pack| PackStatus {
                        update_available: known.get(&pack.id).copied().flatten(),
                        server_unreachable: None,
                        pack,
                    })
                    .collect();
            }
            Err(error) => self.error = Some(error.message(self.language)),
        }
        if self.used().is_none()
            && let Some(id) = self.settings.state().pack_in_use
            && self.statuses.iter().any(|status| status.pack.id == id)
        {
            self.use_pack(&id);
        }
        self.loading = true;
        let (library, mailbox) = (Arc::clone(&self.library), self.mailbox.clone());
        let server = self.settings.state().pack_server_url;
        crate::runtime::runtime().spawn(async move {
            let statuses = library.statuses().await;
            let published = match server {
                Some(server) => library.server_packs(&server).await,
                None => Ok(Vec::new()),
            };
            mailbox.send(Action::Answered {
                statuses,
                published,
            });
        });
    }

    fn download(&mut self, id: String) {
        if self.downloads.contains_key(&id) {
            return;
        }
        let installed_from = self
            .statuses
            .iter()
            .find(|status| status.pack.id == id)
            .map(|status| status.pack.server_url.clone());
        let Some(server) = installed_from.or(self.settings.state().pack_server_url) else {
            return;
        };
        self.paused.remove(&id);
        self.error = None;
        let (library, mailbox, pack) =
            (Arc::clone(&self.library), self.mailbox.clone(), id.clone());
        let told = self.mailbox.clone();
        let failed_id = id.clone();
        let handle = TaskHandle::spawn_reporting(
            move |cancel| async move {
                let progress = |p: &PackProgress| {
                    mailbox.send(Action::Progress(p.clone()));
                };
                let outcome = library.download(&server, &pack, &progress, &cancel).await;
                mailbox.send(Action::Ended(pack, outcome));
            },
            move |failed| {
                told.send(Action::Ended(failed_id, Err(failed.into())));
            },
        );
        self.downloads.insert(id, handle);
    }

    /// Shows installed pack `id`: opens its catalog, puts it on the map,
    /// remembers it in the settings.
    fn use_pack(&mut self, id: &str) {
        let Some(pack) = self
            .library
            .installed()
            .ok()
            .and_then(|packs| packs.into_iter().find(|pack| pack.id == id))
        else {
            return;
        };
        let catalog = match Catalog::open(Path::new(&pack.catalog_path)) {
            Ok(catalog) => Arc::new(catalog),
            Err(error) => {
                self.error = Some(error.message(self.language));
                return;
            }
        };
        let previous = self.used().map(|used| used.pack);
        if let Some(map) = &self.map
            && let Err(error) = map.show(&pack, &catalog, previous.as_ref())
        {
            self.error = Some(error.message(self.language));
            return;
        }
        self.settings
            .use_pack(Some((pack.id.clone(), pack.admin_url.clone())));
        *self.in_use.lock().unwrap_or_else(PoisonError::into_inner) = Some(Used { pack, catalog });
    }

    fn forget_pack_in_use(&mut self) {
        let used = self
            .in_use
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if let (Some(used), Some(map)) = (used, &self.map) {
            map.hide(&used.pack);
        }
        self.settings.use_pack(None);
    }

    fn render(&self) {
        let (measures, language) = (&self.measures, self.language);
        let in_use = self.used().map(|used| used.pack);
        let row = |id: &str, name: &str, size: u64, status: Option<&PackStatus>| PackRow {
            id: id.to_string(),
            name: name.to_string(),
            size: measures.data_size(size),
            installed: status.is_some(),
            in_use: in_use.as_ref().is_some_and(|pack| pack.id == id),
            update: status
                .and_then(|status| status.update_available)
                .map(|version| {
                    Wording::new(
                        format!("Update to version {version}"),
                        format!("Mettre à jour (version {version})"),
                    )
                    .it(format!("Aggiorna (versione {version})"))
                    .de(format!("Auf Version {version} aktualisieren"))
                    .es(format!("Actualizar (versión {version})"))
                    .into_language(language)
                }),
            download: self.progress.get(id).map(|progress| {
                let figures = progress.figures(measures);
                let paused = self.paused.contains(id);
                let text = if progress.installing {
                    Wording::new("Installing…", "Installation…")
                        .it("Installazione…")
                        .de("Wird installiert…")
                        .es("Instalando…")
                        .into_language(language)
                } else {
                    let paused_word = paused.then(|| {
                        Wording::new("Paused", "En pause")
                            .it("In pausa")
                            .de("Pausiert")
                            .es("En pausa")
                            .into_language(language)
                    });
                    [
                        paused_word,
                        Some(figures.bytes),
                        figures.rate,
                        figures.remaining,
                    ]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" · ")
                };
                DownloadRow {
                    fraction: figures.fraction,
                    text,
                    paused,
                }
            }),
        };
        let installed = self
            .statuses
            .iter()
            .map(|status| {
                row(
                    &status.pack.id,
                    &status.pack.name,
                    status.pack.size_on_disk,
                    Some(status),
                )
            })
            .collect::<Vec<_>>();
        let available = self
            .published
            .iter()
            .filter(|summary| {
                !self
                    .statuses
                    .iter()
                    .any(|status| status.pack.id == summary.id)
            })
            .map(|summary| row(&summary.id, &summary.name, summary.size, None))
            .collect();
        let used: u64 = self
            .statuses
            .iter()
            .map(|status| status.pack.size_on_disk)
            .sum();
        let storage = measures.data_size(used);
        self.state.update(|state| {
            state.installed = installed;
            state.available = available;
            state.storage_used = Wording::new(
                format!("Storage used: {storage}"),
                format!("Espace utilisé : {storage}"),
            )
            .it(format!("Spazio occupato: {storage}"))
            .de(format!("Belegter Speicher: {storage}"))
            .es(format!("Espacio ocupado: {storage}"))
            .into_language(language);
            state.loading = self.loading;
            state.in_use = in_use;
            state.error = self.error.clone();
        });
    }
}
