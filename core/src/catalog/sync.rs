//! Syncing a Geotrek instance into the offline catalog, in one transaction.
//!
//! A sync first asks which languages the server publishes in (the keys of a
//! translated name): a sync in none of them is refused, one in some of them
//! names the others. The first sync of a resource is full; later ones (same
//! server, same languages) ask only for objects changed since the last sync
//! (`updated_after`, with a day of margin since the API compares dates), leave
//! alone what the store already holds unchanged (the server sends a whole
//! day's changes again), and then compare the full id list (`fields=id`) to
//! drop what was unpublished or deleted. Pages are decoded on the network
//! task and stored by the writer on a blocking thread as the next ones
//! download. A failure, a cancellation or a killed process leaves the
//! previous catalog exactly as it was: nothing is committed until the end.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use serde::Deserialize;
use serde_json::value::RawValue;
use tokio::sync::{mpsc, oneshot};
use tokio_util::sync::CancellationToken;

use super::error::CatalogError;
use super::fetch::{Fetcher, Limits};
use super::ingest::{self, Languages, Row, Writer};
use super::resources::{RESOURCES, Resource, Role};
use super::wire::Translated;

/// What to sync.
#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SyncOptions {
    /// Languages to keep (`["fr", "en"]`); empty keeps all the server has.
    pub languages: Vec<String>,
    /// On an instance serving several territories, the portal (Geotrek's
    /// target portal id) whose content to keep; `None` keeps everything.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub portal: Option<i64>,
}

/// Where a sync is, reported after every page, and about every second while
/// a page downloads (with `bytes_downloaded` growing).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SyncProgress {
    /// The endpoint being read, e.g. `trek`.
    pub resource: String,
    /// Its position among `resource_count` endpoints, from 1.
    pub resource_index: u32,
    pub resource_count: u32,
    /// The page just stored, from 1.
    pub page: u32,
    /// Objects of this resource read so far, and how many the server announced.
    pub objects_done: u64,
    pub objects_total: Option<u64>,
    /// Bytes downloaded since the sync started.
    pub bytes_downloaded: u64,
}

/// What a finished sync did.
#[derive(serde::Serialize, Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SyncReport {
    pub api_url: String,
    /// Whether changes only were fetched (an earlier sync of the same source exists).
    pub incremental: bool,
    /// Objects new or changed, stored by this sync (0 when nothing changed).
    pub objects_upserted: u64,
    pub objects_deleted: u64,
    /// Treks the server lists (published in at least one language): its
    /// trek endpoint's `count`.
    pub treks: u64,
    /// Stages of those treks' tours that the list leaves out (unpublished on
    /// their own) but the server serves through their tour: kept offline too.
    pub stages: u64,
    /// Languages asked for that the server does not publish in (left out).
    pub languages_not_served: Vec<String>,
    /// Endpoints this instance does not serve (modules not installed).
    pub resources_skipped: Vec<String>,
    pub bytes_downloaded: u64,
    pub duration_ms: u64,
}

/// Messages from the network task to the writer thread.
enum Command {
    Upsert(Vec<Row>),
    Retain(&'static str, HashSet<i64>),
    /// Steps of the listed tours that the list itself does not hold.
    UnlistedSteps(
        HashSet<i64>,
        oneshot::Sender<Result<Vec<i64>, CatalogError>>,
    ),
    Commit {
        meta: Vec<(&'static str, String)>,
        synced: Vec<&'static str>,
        date: String,
        done: oneshot::Sender<Result<(u64, u64), CatalogError>>,
    },
}

/// The store's state when the sync began.
struct Previous {
    source: Option<String>,
    /// How the store was written (see [`recipe`]).
    recipe: Option<String>,
    synced_on: HashMap<String, String>,
}

/// How a store is written: the ingest's version, the languages kept and the
/// portal filtered on. A store written another way is synced in full and
/// rewritten.
pub(super) fn recipe(kept: &[String], portal: Option<i64>) -> String {
    match portal {
        Some(portal) => format!("2:{}:portal={portal}", kept.join(",")),
        None => format!("2:{}", kept.join(",")),
    }
}

/// Syncs `api_url` into the catalog at `store_path`.
pub async fn sync(
    store_path: &Path,
    api_url: &str,
    options: &SyncOptions,
    limits: Limits,
    progress: &(dyn Fn(&SyncProgress) + Send + Sync),
    cancel: &CancellationToken,
) -> Result<SyncReport, CatalogError> {
    tracing::info!(api_url, "catalog sync started");
    let outcome = run_sync(store_path, api_url, options, limits, progress, cancel).await;
    match &outcome {
        Ok(report) => tracing::info!(
            stored = report.objects_upserted,
            removed = report.objects_deleted,
            bytes = report.bytes_downloaded,
            ms = report.duration_ms,
            "catalog sync done"
        ),
        Err(CatalogError::Cancelled) => tracing::info!("catalog sync cancelled"),
        Err(error) => tracing::warn!(api_url, %error, "catalog sync failed"),
    }
    outcome
}

async fn run_sync(
    store_path: &Path,
    api_url: &str,
    options: &SyncOptions,
    limits: Limits,
    progress: &(dyn Fn(&SyncProgress) + Send + Sync),
    cancel: &CancellationToken,
) -> Result<SyncReport, CatalogError> {
    let started = Instant::now();
    let fetcher = Fetcher::new(api_url, limits)?;
    let source = fetcher.base().to_string();
    for lang in &options.languages {
        if lang.len() < 2
            || lang.len() > 8
            || !lang.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        {
            return Err(CatalogError::InvalidInput {
                detail: format!("language {lang:?}"),
            });
        }
    }
    let path = store_path.to_path_buf();
    let (writer, previous) = tokio::task::spawn_blocking(move || -> Result<_, CatalogError> {
        let writer = Writer::begin(&path)?;
        let previous = Previous {
            source: writer.meta("source")?,
            recipe: writer.meta("recipe")?,
            synced_on: RESOURCES
                .iter()
                .filter_map(|r| {
                    writer
                        .synced_on(r.path)
                        .transpose()
                        .map(|d| d.map(|d| (r.path.to_string(), d)))
                })
                .collect::<Result<_, _>>()?,
        };
        Ok((writer, previous))
    })
    .await
    .map_err(|e| CatalogError::Store {
        detail: e.to_string(),
    })??;
    let mut bytes = 0;
    let served = served_languages(&fetcher, cancel, &mut bytes).await?;
    let (kept, languages_not_served) = kept_languages(&options.languages, served.as_deref())?;
    let recipe = recipe(&kept, options.portal);
    // Changes only, over a store written the same way from the same server.
    let same_setup = previous.source.as_deref() == Some(source.as_str())
        && previous.recipe.as_deref() == Some(recipe.as_str());
    let mut writer = writer;
    writer.skip_unchanged = same_setup;
    let (commands, inbox) = mpsc::channel(4);
    let writer_task = tokio::task::spawn_blocking(move || run_writer(writer, inbox));

    let mut run = Run {
        fetcher: &fetcher,
        languages: Languages {
            plain: kept.first().cloned().unwrap_or_else(|| "fr".to_string()),
            wanted: kept.clone(),
        },
        commands,
        progress,
        cancel,
        portal: options.portal,
        bytes,
        objects: 0,
        treks: 0,
        stages: 0,
    };
    let today = time::OffsetDateTime::now_utc().date();
    let mut skipped = Vec::new();
    let mut incremental = false;
    let outcome = async {
        for (index, resource) in RESOURCES.iter().enumerate() {
            let since = previous
                .synced_on
                .get(resource.path)
                .filter(|_| same_setup && resource.incremental)
                .and_then(|date| time::Date::parse(date, DATE_FORMAT).ok())
                .map(|date| date.previous_day().unwrap_or(date));
            incremental |= since.is_some();
            let position = (index as u32 + 1, RESOURCES.len() as u32);
            if !run.resource(resource, position, since).await? {
                skipped.push(resource.path.to_string());
            }
        }
        let config = run.config().await?;
        let (done, result) = oneshot::channel();
        let meta = vec![
            ("source", source.clone()),
            ("languages", kept.join(",")),
            ("recipe", recipe.clone()),
            (
                "synced_at",
                time::OffsetDateTime::now_utc()
                    .format(&time::format_description::well_known::Rfc3339)
                    .unwrap_or_default(),
            ),
            ("config", config),
        ];
        let synced = RESOURCES.iter().map(|r| r.path).collect();
        let date = today.format(DATE_FORMAT).unwrap_or_default();
        run.send(Command::Commit {
            meta,
            synced,
            date,
            done,
        })
        .await?;
        result.await.map_err(|_| writer_gone())?
    }
    .await;
    let (bytes_downloaded, treks, stages) = (run.bytes, run.treks, run.stages);
    drop(run);
    // Wait for the writer to finish (commit or rollback) before reporting, so
    // the store's lock is released when the caller hears the outcome.
    let writer_outcome = writer_task.await.map_err(|e| CatalogError::Store {
        detail: e.to_string(),
    })?;
    let (objects_upserted, objects_deleted) = match (outcome, writer_outcome) {
        (Ok(counts), _) => counts,
        // The writer failed first: its error is the cause.
        (Err(CatalogError::Store { .. }), Err(writer_error)) => return Err(writer_error),
        (Err(error), _) => return Err(error),
    };
    Ok(SyncReport {
        api_url: source,
        incremental,
        objects_upserted,
        objects_deleted,
        treks,
        stages,
        languages_not_served,
        resources_skipped: skipped,
        bytes_downloaded,
        duration_ms: started.elapsed().as_millis() as u64,
    })
}

const DATE_FORMAT: &[time::format_description::FormatItem<'static>] =
    time::macros::format_description!("[year]-[month]-[day]");

/// The languages the server publishes in, from the translated name of the
/// first practice (or trek) it lists; `None` when it lists none.
async fn served_languages(
    fetcher: &Fetcher,
    cancel: &CancellationToken,
    bytes: &mut u64,
) -> Result<Option<Vec<String>>, CatalogError> {
    #[derive(Deserialize)]
    struct Named {
        #[serde(default)]
        name: Translated,
    }
    let probes = [
        ("trek_practice", vec![("page_size", "1".to_string())]),
        (
            "trek",
            vec![
                ("fields", "id,name".to_string()),
                ("page_size", "1".to_string()),
            ],
        ),
    ];
    for (resource, query) in probes {
        let first = fetcher.list_url(resource, &query);
        let Some(body) = fetcher.pages(resource, first).next(cancel, &|_| {}).await? else {
            continue;
        };
        *bytes += body.bytes.len() as u64;
        let page = body.envelope(resource)?;
        let named = page
            .results
            .first()
            .and_then(|raw| serde_json::from_str::<Named>(raw.get()).ok());
        if let Some(Named {
            name: Translated::ByLanguage(names),
        }) = named
        {
            return Ok(Some(names.into_keys().collect()));
        }
    }
    Ok(None)
}

/// The languages to keep and those asked for that the server does not
/// publish in: all it publishes in when none is asked; an error when none
/// asked is served.
fn kept_languages(
    asked: &[String],
    served: Option<&[String]>,
) -> Result<(Vec<String>, Vec<String>), CatalogError> {
    let Some(served) = served else {
        return Ok((asked.to_vec(), Vec::new()));
    };
    if asked.is_empty() {
        return Ok((served.to_vec(), Vec::new()));
    }
    let (kept, missing): (Vec<String>, Vec<String>) = asked
        .iter()
        .cloned()
        .partition(|lang| served.contains(lang));
    if kept.is_empty() {
        return Err(CatalogError::LanguagesNotServed {
            asked: missing,
            served: served.to_vec(),
        });
    }
    Ok((kept, missing))
}

fn writer_gone() -> CatalogError {
    CatalogError::Store {
        detail: "the store writer stopped".to_string(),
    }
}

/// The network side of one sync.
struct Run<'a> {
    fetcher: &'a Fetcher,
    languages: Languages,
    commands: mpsc::Sender<Command>,
    progress: &'a (dyn Fn(&SyncProgress) + Send + Sync),
    cancel: &'a CancellationToken,
    /// The portal every list is filtered on, if any.
    portal: Option<i64>,
    bytes: u64,
    /// Objects received so far, all resources together.
    objects: u64,
    /// Treks the server lists, and the unlisted stages kept with them.
    treks: u64,
    stages: u64,
}

impl Run<'_> {
    async fn send(&self, command: Command) -> Result<(), CatalogError> {
        self.commands.send(command).await.map_err(|_| writer_gone())
    }

    /// Counts a page of `bytes` holding `objects` objects against the
    /// limits of one sync: a server that keeps sending is stopped.
    fn count(
        &mut self,
        resource: &str,
        page: u32,
        bytes: usize,
        objects: u64,
    ) -> Result<(), CatalogError> {
        self.bytes += bytes as u64;
        self.objects += objects;
        let limits = self.fetcher.limits();
        let over = if self.bytes > limits.max_bytes {
            Some(format!("{} bytes", limits.max_bytes))
        } else if self.objects > limits.max_objects {
            Some(format!("{} objects", limits.max_objects))
        } else {
            None
        };
        match over {
            Some(limit) => Err(CatalogError::Malformed {
                resource: resource.to_string(),
                page,
                detail: format!("the server sent more than one sync may hold ({limit})"),
            }),
            None => Ok(()),
        }
    }

    /// What hears a page's bytes as they arrive: `at` (the progress of the
    /// last page stored) with the bytes counted so far, at once for the
    /// first bytes, then about every second, so a slow page shows it moves.
    fn downloading(&self, at: SyncProgress) -> impl Fn(u64) + Send + Sync + '_ {
        let last: Mutex<Option<Instant>> = Mutex::new(None);
        move |page_bytes| {
            let mut last = last.lock().unwrap_or_else(PoisonError::into_inner);
            if last.is_some_and(|when| when.elapsed() < Duration::from_secs(1)) {
                return;
            }
            *last = Some(Instant::now());
            (self.progress)(&SyncProgress {
                bytes_downloaded: self.bytes + page_bytes,
                ..at.clone()
            });
        }
    }

    /// Syncs one resource; `false` when the instance does not serve it.
    async fn resource(
        &mut self,
        resource: &'static Resource,
        (index, count): (u32, u32),
        since: Option<time::Date>,
    ) -> Result<bool, CatalogError> {
        let mut query = resource.list_query(self.portal);
        if let Some(date) = since {
            query.push((
                "updated_after",
                date.format(DATE_FORMAT).unwrap_or_default(),
            ));
        }
        let first = self.fetcher.list_url(resource.path, &query);
        let mut pages = self.fetcher.pages(resource.path, first);
        let mut ids = HashSet::new();
        let mut done = 0u64;
        let mut at = SyncProgress {
            resource: resource.path.to_string(),
            resource_index: index,
            resource_count: count,
            page: 0,
            objects_done: 0,
            objects_total: None,
            bytes_downloaded: 0,
        };
        loop {
            let body = match pages.next(self.cancel, &self.downloading(at.clone())).await {
                Ok(Some(body)) => body,
                Ok(None) => break,
                Err(CatalogError::Http {
                    status: 404,
                    page: 1,
                    ..
                }) if resource.optional => {
                    self.send(Command::Retain(resource.path, HashSet::new()))
                        .await?;
                    return Ok(false);
                }
                Err(error) => return Err(error),
            };
            let page = body.envelope(resource.path)?;
            let received = page.results.len() as u64;
            self.count(resource.path, body.number, body.bytes.len(), received)?;
            let rows = page
                .results
                .iter()
                .enumerate()
                .map(|(i, raw)| {
                    ingest::decode(resource, raw, &self.languages).map_err(|detail| {
                        CatalogError::Malformed {
                            resource: resource.path.to_string(),
                            page: body.number,
                            detail: format!("object {}: {detail}", i + 1),
                        }
                    })
                })
                .collect::<Result<Vec<_>, _>>()?;
            ids.extend(rows.iter().map(Row::id));
            done += rows.len() as u64;
            let objects_total = page.count;
            self.send(Command::Upsert(rows)).await?;
            at = SyncProgress {
                page: body.number,
                objects_done: done,
                objects_total,
                bytes_downloaded: self.bytes,
                ..at
            };
            (self.progress)(&at);
        }
        if since.is_some() {
            ids = self.current_ids(resource).await?;
        }
        if resource.role == Role::Trek {
            let steps = self.unlisted_steps(resource, &ids).await?;
            self.treks = ids.len() as u64;
            self.stages = steps.len() as u64;
            ids.extend(steps);
        }
        self.send(Command::Retain(resource.path, ids)).await?;
        Ok(true)
    }

    /// Fetches the steps of listed tours that the trek list leaves out: a
    /// tour's stages may be unpublished on their own yet shown through their
    /// tour, and a hiker needs them offline. Returns the ids stored.
    async fn unlisted_steps(
        &mut self,
        resource: &'static Resource,
        listed: &HashSet<i64>,
    ) -> Result<Vec<i64>, CatalogError> {
        let (reply, answer) = oneshot::channel();
        self.send(Command::UnlistedSteps(listed.clone(), reply))
            .await?;
        let missing = answer.await.map_err(|_| writer_gone())??;
        let mut stored = Vec::new();
        for id in missing {
            let path = format!("{}/{id}", resource.path);
            let body = match self.fetcher.document(&path, self.cancel).await {
                Ok(body) => body,
                // Deleted since the tour was edited: nothing to keep.
                Err(CatalogError::Http { status: 404, .. }) => continue,
                Err(error) => return Err(error),
            };
            self.bytes += body.bytes.len() as u64;
            let malformed = |detail: String| CatalogError::Malformed {
                resource: path.clone(),
                page: 1,
                detail,
            };
            let raw: &RawValue =
                serde_json::from_slice(&body.bytes).map_err(|e| malformed(e.to_string()))?;
            let row = ingest::decode(resource, raw, &self.languages).map_err(malformed)?;
            stored.push(row.id());
            self.send(Command::Upsert(vec![row])).await?;
        }
        Ok(stored)
    }

    /// Every id the server lists for `resource` now (`fields=id`), to detect deletions.
    async fn current_ids(
        &mut self,
        resource: &'static Resource,
    ) -> Result<HashSet<i64>, CatalogError> {
        #[derive(Deserialize)]
        struct IdOnly {
            id: i64,
        }
        let mut query = resource.list_query(self.portal);
        query.retain(|(key, _)| *key != "page_size");
        query.extend([
            ("fields", "id".to_string()),
            ("page_size", "1000".to_string()),
        ]);
        let first = self.fetcher.list_url(resource.path, &query);
        let mut pages = self.fetcher.pages(resource.path, first);
        let mut ids = HashSet::new();
        while let Some(body) = pages.next(self.cancel, &|_| {}).await? {
            self.count(resource.path, body.number, body.bytes.len(), 0)?;
            for raw in body.envelope(resource.path)?.results {
                let object: IdOnly =
                    serde_json::from_str(raw.get()).map_err(|e| CatalogError::Malformed {
                        resource: resource.path.to_string(),
                        page: body.number,
                        detail: format!("id list: {e}"),
                    })?;
                ids.insert(object.id);
            }
        }
        Ok(ids)
    }

    /// The instance's `config/` document as JSON text (empty object if not served).
    async fn config(&mut self) -> Result<String, CatalogError> {
        match self.fetcher.document("config", self.cancel).await {
            Ok(body) => {
                self.bytes += body.bytes.len() as u64;
                let config: serde_json::Value =
                    serde_json::from_slice(&body.bytes).map_err(|e| CatalogError::Malformed {
                        resource: "config".to_string(),
                        page: 1,
                        detail: e.to_string(),
                    })?;
                Ok(config.to_string())
            }
            Err(CatalogError::Http { status: 404, .. }) => Ok("{}".to_string()),
            Err(error) => Err(error),
        }
    }
}

/// The writer thread's loop: applies commands until `Commit`; if the channel
/// closes first (failure or cancellation), the transaction is rolled back.
fn run_writer(
    mut writer: Writer,
    mut inbox: mpsc::Receiver<Command>,
) -> Result<(u64, u64), CatalogError> {
    while let Some(command) = inbox.blocking_recv() {
        match command {
            Command::Upsert(rows) => writer.upsert(rows)?,
            Command::Retain(kind, ids) => writer.retain(kind, &ids)?,
            Command::UnlistedSteps(listed, reply) => {
                let _ = reply.send(writer.unlisted_steps(&listed));
            }
            Command::Commit {
                meta,
                synced,
                date,
                done,
            } => {
                let outcome = (|| {
                    for (key, value) in &meta {
                        writer.set_meta(key, value)?;
                    }
                    for kind in synced {
                        writer.mark_synced(kind, &date)?;
                    }
                    let counts = (writer.upserted, writer.deleted);
                    writer.commit()?;
                    Ok(counts)
                })();
                let _ = done.send(outcome.clone());
                return outcome;
            }
        }
    }
    Err(CatalogError::Cancelled)
}
