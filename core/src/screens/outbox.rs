//! The outbox and the ranger's account: every report with its state (worded),
//! send now, retry a refused one, discard; the ranger's login to the
//! settings' reports server, the download of its signage and infrastructure,
//! and the delivery loop while the app runs. What is sent when, retried or
//! given up is the outbox's.

use std::sync::Arc;
use std::time::Duration;

use super::actor::{Machine, Mailbox, WeakMailbox};
use super::observable::{Observable, Subscriber};
use super::settings::{Settings, SettingsState};
use crate::locale::{Language, UserMessage, Wording};
use crate::measures::MeasureFormatter;
use crate::reports::outbox::now_ms;
use crate::reports::{
    FieldAssetCache, OutboxEntry, OutboxSync, ReportError, ReportState, SyncObserver,
};
use crate::runtime::TaskFailed;
use crate::runtime::{TaskHandle, runtime};

/// A report as the outbox lists it.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct OutboxRow {
    pub id: String,
    pub state: ReportState,
    /// `Waiting to be sent`.
    pub state_label: String,
    pub comment: String,
    /// When it was written: `29 Nov 2026, 14:05`.
    pub date: String,
    /// Why it is not delivered yet and what to do, worded by the core.
    pub error: Option<String>,
    pub can_retry: bool,
    pub can_discard: bool,
}

/// The outbox screen and the ranger's account.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct OutboxState {
    /// Newest first.
    pub rows: Vec<OutboxRow>,
    /// Whether there is a reports server to log in to.
    pub can_log_in: bool,
    /// `Logged in as ranger`, while logged in.
    pub session: Option<String>,
    /// `2 items, downloaded 29 Nov 2026, 14:05`.
    pub field_assets: Option<String>,
    /// Said when the server ended the ranger's session.
    pub login_required: Option<String>,
    /// A login, a download or a delivery pass is under way.
    pub busy: bool,
    pub error: Option<String>,
}

enum Action {
    Refresh,
    LogIn(String, String),
    LogOut,
    DownloadFieldAssets,
    Discard(String),
    Retry(String),
    SendNow,
    /// A network call ended (its error, if any).
    Done(Option<ReportError>),
    LoginRequired,
    /// The settings changed (boxed: the other actions are small).
    Settings(Box<SettingsState>),
}

/// The outbox of the app.
pub struct OutboxScreen {
    state: Arc<Observable<OutboxState>>,
    mailbox: Mailbox<Action>,
    sync: Arc<OutboxSync>,
}

impl OutboxScreen {
    /// The outbox of `sync`, dates written on a clock `utc_offset_minutes` from UTC.
    pub fn open(
        sync: Arc<OutboxSync>,
        field_assets: Arc<FieldAssetCache>,
        settings: Arc<Settings>,
        utc_offset_minutes: i32,
    ) -> OutboxScreen {
        // Subscribed before the screen reads the settings: no change is missed.
        let changes = settings.subscribe();
        let state = Arc::new(Observable::new(OutboxState {
            rows: Vec::new(),
            can_log_in: false,
            session: None,
            field_assets: None,
            login_required: None,
            busy: false,
            error: None,
        }));
        let (shared, delivering) = (Arc::clone(&state), Arc::clone(&sync));
        let mailbox = Mailbox::start_with(move |mailbox| Outbox {
            sync,
            field_assets,
            server: settings.state().reports_server_url,
            measures: settings.measures(),
            language: settings.language(),
            utc_offset_minutes,
            mailbox,
            busy: false,
            login_required: false,
            error: None,
            state: shared,
        });
        mailbox.follow(changes, |state| Action::Settings(Box::new(state)));
        mailbox.send(Action::Refresh);
        OutboxScreen {
            state,
            mailbox,
            sync: delivering,
        }
    }

    pub fn state(&self) -> OutboxState {
        self.state.get()
    }

    pub fn subscribe(&self) -> Subscriber<OutboxState> {
        self.state.subscribe()
    }

    /// Delivers the outbox until the handle is cancelled or dropped (while
    /// the app is visible): at once, when reports come due, on connectivity,
    /// and every `period`; the list follows.
    pub fn deliver(&self, period: Duration) -> Arc<TaskHandle> {
        let (sync, observer) = (
            Arc::clone(&self.sync),
            Arc::new(Listening(self.mailbox.downgrade())),
        );
        TaskHandle::spawn(move |cancel| async move { sync.run(cancel, observer, period).await })
    }

    /// Reads the outbox, the session and the downloaded items again.
    pub fn refresh(&self) {
        self.mailbox.send(Action::Refresh);
    }

    /// Logs in to the reports server, then downloads its signage and infrastructure.
    pub fn log_in(&self, username: String, password: String) {
        self.mailbox.send(Action::LogIn(username, password));
    }

    pub fn log_out(&self) {
        self.mailbox.send(Action::LogOut);
    }

    /// Downloads the ranger's signage and infrastructure again.
    pub fn download_field_assets(&self) {
        self.mailbox.send(Action::DownloadFieldAssets);
    }

    /// Removes a report; the outbox refuses one being sent.
    pub fn discard(&self, id: String) {
        self.mailbox.send(Action::Discard(id));
    }

    /// Queues a refused report again; it leaves at the next pass.
    pub fn retry(&self, id: String) {
        self.mailbox.send(Action::Retry(id));
    }

    /// One delivery pass now rather than at the next.
    pub fn send_now(&self) {
        self.mailbox.send(Action::SendNow);
    }

    /// Resumes once every action asked so far shows in the state (a network
    /// call's end arrives later, as an action of its own).
    pub async fn settled(&self) {
        self.mailbox.settled().await;
    }
}

/// The delivery loop's news, as the screen's actions.
struct Listening(WeakMailbox<Action>);

impl SyncObserver for Listening {
    fn report_changed(&self, _entry: &OutboxEntry) {
        self.0.send(Action::Refresh);
    }
    fn login_required(&self, _server_url: &str) {
        self.0.send(Action::LoginRequired);
    }
}

struct Outbox {
    sync: Arc<OutboxSync>,
    field_assets: Arc<FieldAssetCache>,
    server: Option<String>,
    measures: MeasureFormatter,
    language: Language,
    utc_offset_minutes: i32,
    mailbox: WeakMailbox<Action>,
    busy: bool,
    login_required: bool,
    error: Option<String>,
    state: Arc<Observable<OutboxState>>,
}

impl Machine for Outbox {
    type Action = Action;

    async fn act(&mut self, action: Action) {
        match action {
            Action::Refresh => {}
            Action::LogIn(username, password) => {
                self.login_required = false;
                let server = self.server.clone();
                self.on_network(move |sync, assets| async move {
                    let server = server.ok_or(ReportError::LoginRequired {
                        server: String::new(),
                    })?;
                    sync.login(&server, &username, &password).await?;
                    let downloaded = sync.download_field_assets(&server).await?;
                    assets.replace(&server, &downloaded, now_ms()).map(|_| ())
                });
            }
            Action::DownloadFieldAssets => {
                let server = self.server.clone();
                self.on_network(move |sync, assets| async move {
                    let Some(server) = server else { return Ok(()) };
                    let downloaded = sync.download_field_assets(&server).await?;
                    assets.replace(&server, &downloaded, now_ms()).map(|_| ())
                });
            }
            Action::SendNow => {
                self.on_network(|sync, _| async move { sync.sync_once(&Quiet).await.map(|_| ()) })
            }
            Action::LogOut => {
                if let Some(server) = &self.server {
                    self.error = self
                        .sync
                        .logout(server)
                        .err()
                        .map(|e| e.message(self.language));
                }
            }
            Action::Discard(id) => {
                self.error = self
                    .sync
                    .outbox()
                    .discard(&id)
                    .err()
                    .map(|e| e.message(self.language));
            }
            Action::Retry(id) => {
                self.error = match self.sync.outbox().queue(&id, None) {
                    Ok(_) => {
                        self.sync.nudge();
                        None
                    }
                    Err(error) => Some(error.message(self.language)),
                };
            }
            Action::Done(error) => {
                self.busy = false;
                self.error = error.map(|e| e.message(self.language));
            }
            Action::LoginRequired => self.login_required = true,
            Action::Settings(settings) => {
                self.server = settings.reports_server_url.clone();
                self.language = settings.language;
                self.measures = MeasureFormatter::in_language(settings.units, settings.language);
            }
        }
        self.render();
    }

    fn on_panic(&mut self, failed: TaskFailed) {
        self.error = Some(failed.message(self.language));
        self.render();
    }
}

/// A pass whose changes are read from the outbox afterwards.
struct Quiet;

impl SyncObserver for Quiet {}

impl Outbox {
    /// Runs `work` on the core's runtime; its end comes back as [`Action::Done`].
    fn on_network<F, Fut>(&mut self, work: F)
    where
        F: FnOnce(Arc<OutboxSync>, Arc<FieldAssetCache>) -> Fut,
        Fut: Future<Output = Result<(), ReportError>> + Send + 'static,
    {
        self.busy = true;
        self.error = None;
        let (mailbox, told) = (self.mailbox.clone(), self.mailbox.clone());
        let future = work(Arc::clone(&self.sync), Arc::clone(&self.field_assets));
        let handle = TaskHandle::spawn_reporting(
            move |_| async move {
                let outcome = future.await;
                mailbox.send(Action::Done(outcome.err()));
            },
            move |failed| {
                told.send(Action::Done(Some(failed.into())));
            },
        );
        // The call runs to its end whatever happens to the screen.
        runtime().spawn(async move { handle.ended().await });
    }

    fn render(&self) {
        let (measures, language) = (&self.measures, self.language);
        let words = |wording: Wording| wording.into_language(language);
        let rows = match self.sync.outbox().list() {
            Ok(entries) => entries
                .into_iter()
                .map(|entry| OutboxRow {
                    state_label: words(match entry.state {
                        ReportState::Draft => Wording::new("Draft", "Brouillon")
                            .it("Bozza")
                            .de("Entwurf")
                            .es("Borrador"),
                        ReportState::Queued => {
                            Wording::new("Waiting to be sent", "En attente d’envoi")
                                .it("In attesa di invio")
                                .de("Wartet auf Versand")
                                .es("Pendiente de envío")
                        }
                        ReportState::Sending => Wording::new("Sending", "Envoi en cours")
                            .it("Invio in corso")
                            .de("Wird gesendet")
                            .es("Enviando"),
                        ReportState::Sent => Wording::new("Sent", "Envoyé")
                            .it("Inviata")
                            .de("Gesendet")
                            .es("Enviado"),
                        ReportState::Failed => Wording::new("Failed", "Échec")
                            .it("Non riuscito")
                            .de("Fehlgeschlagen")
                            .es("Error"),
                        ReportState::PossiblyDelivered => Wording::new(
                            "May have arrived: send again or discard",
                            "Peut-être reçu : renvoyer ou supprimer",
                        )
                        .it("Forse è arrivata: inviala di nuovo o eliminala")
                        .de("Vielleicht angekommen: erneut senden oder verwerfen")
                        .es("Puede que haya llegado: vuelve a enviarlo o descártalo"),
                        ReportState::Damaged => Wording::new("Unreadable", "Illisible")
                            .it("Illeggibile")
                            .de("Unlesbar")
                            .es("Ilegible"),
                    }),
                    date: measures.date_time(entry.created_at_ms, self.utc_offset_minutes),
                    id: entry.id,
                    state: entry.state,
                    comment: entry.draft.comment,
                    error: entry.problem.map(|problem| problem.message(language)),
                    can_retry: entry.can_retry,
                    can_discard: entry.can_discard,
                })
                .collect(),
            Err(error) => {
                let message = error.message(language);
                self.state.update(|state| state.error = Some(message));
                return;
            }
        };
        let server = self.server.as_deref();
        let session = server
            .and_then(|server| self.sync.session(server).ok().flatten())
            .map(|session| {
                let name = session.username;
                words(
                    Wording::new(
                        format!("Logged in as {name}"),
                        format!("Connecté en tant que {name}"),
                    )
                    .it(format!("Accesso come {name}"))
                    .de(format!("Angemeldet als {name}"))
                    .es(format!("Sesión iniciada como {name}")),
                )
            });
        let field_assets = server
            .and_then(|server| self.field_assets.status(server).ok().flatten())
            .map(|status| {
                let (count, when) = (
                    status.items,
                    measures.date_time(status.downloaded_at_ms, self.utc_offset_minutes),
                );
                words(if count == 1 {
                    Wording::new(
                        format!("1 item, downloaded {when}"),
                        format!("1 élément, téléchargé le {when}"),
                    )
                    .it(format!("1 elemento, scaricato il {when}"))
                    .de(format!("1 Element, heruntergeladen am {when}"))
                    .es(format!("1 elemento, descargado el {when}"))
                } else {
                    Wording::new(
                        format!("{count} items, downloaded {when}"),
                        format!("{count} éléments, téléchargés le {when}"),
                    )
                    .it(format!("{count} elementi, scaricati il {when}"))
                    .de(format!("{count} Elemente, heruntergeladen am {when}"))
                    .es(format!("{count} elementos, descargados el {when}"))
                })
            });
        let login_required = (self.login_required && session.is_none()).then(|| {
            words(Wording::new(
                "Your session ended: log in again to send your reports.",
                "Votre session a expiré : reconnectez-vous pour envoyer vos signalements.",
            )
.it("La sessione è scaduta: accedi di nuovo per inviare le tue segnalazioni.")
.de("Deine Sitzung ist abgelaufen: Melde dich erneut an, um deine Meldungen zu senden.")
.es("Tu sesión ha caducado: vuelve a iniciar sesión para enviar tus avisos."))
        });
        self.state.set(OutboxState {
            rows,
            can_log_in: server.is_some(),
            session,
            field_assets,
            login_required,
            busy: self.busy,
            error: self.error.clone(),
        });
    }
}
