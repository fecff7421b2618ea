//! Fetching a pack's files from a pack server into a staging folder, and
//! any file known by its size (a Geotrek-mobile zip, a basemap) the same way.
//!
//! Files are fetched a few at a time. Each lands in `<path>.part`, whose
//! length is what was received: after a dropped connection, or after the app
//! was killed, the transfer resumes with an HTTP `Range` from there, so a
//! resumed file re-fetches at most what was in flight. Every file's SHA-256
//! is computed as it arrives (the kept part is hashed again on resume) and
//! checked before the file takes its name; a file without a digest is
//! resumed with `If-Range` on its `ETag`, so a file changed on the server
//! meanwhile is never spliced onto the old one's bytes. Transient failures (dropped or
//! stalled connections, short bodies, 5xx and 429 with `Retry-After`) are
//! retried by [`crate::http::with_retries`]: an attempt that received bytes
//! renews the attempts, so a long file on a connection that drops every few
//! minutes still arrives. A server that ignores `Range` is read from the start.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use reqwest::StatusCode;
use sha2::{Digest, Sha256};
use tokio::io::AsyncReadExt;
use tokio_util::sync::CancellationToken;

use super::{PackError, PackFile, PackProgress};
use crate::http::{self, Budget, CallError, Failure, HttpError};

/// How transfers behave; the defaults suit a phone on a mountain.
#[derive(Clone, Debug)]
pub struct TransferOptions {
    /// Files fetched at once.
    pub parallel: usize,
    /// Received bytes are handed to the OS at least this often (by a thread
    /// of their own, while the next ones arrive): a killed app re-fetches at
    /// most twice this much of a file. Each file is synced to disk
    /// once, when it is complete (a sync per chunk cost 40% of the
    /// download's speed).
    pub flush_every: u64,
    /// Attempts without progress, per file or document, before giving up.
    pub attempts: u32,
    /// The first retry's delay; it doubles (with jitter) up to
    /// [`Budget::BACKGROUND`]'s longest wait (Retry-After wins).
    pub first_retry: Duration,
    /// A connection that delivers nothing for this long is dropped and retried.
    pub stall: Duration,
    /// Bytes this download may write (tests simulate a filling disk with it).
    pub storage_limit: Option<u64>,
}

impl Default for TransferOptions {
    fn default() -> Self {
        TransferOptions {
            parallel: 4,
            flush_every: WRITE_BUFFER as u64,
            attempts: 8,
            first_retry: Duration::from_millis(500),
            stall: Duration::from_secs(30),
            storage_limit: None,
        }
    }
}

impl TransferOptions {
    /// The budget of a download's documents (its manifest): background work.
    pub fn background(&self) -> Budget {
        Budget {
            attempts: self.attempts,
            first_delay: self.first_retry,
            ..Budget::BACKGROUND
        }
    }

    /// The budget of one file's transfer: its attempts and stall timeout
    /// bound it, not a time (a large file on a slow link takes hours).
    pub fn transfer(&self) -> Budget {
        Budget {
            total: Duration::MAX,
            ..self.background()
        }
    }
}

/// Counters shared by the transfers of one download.
#[derive(Debug, Default)]
pub struct Counters {
    /// Bytes of the whole pack.
    pub bytes_total: AtomicU64,
    /// Bytes of the pack on disk (kept from before, or received).
    pub bytes_done: AtomicU64,
    pub files_done: AtomicU64,
    /// Bytes received from the network in this run.
    pub bytes_received: AtomicU64,
    written: AtomicU64,
    /// Files whose digest was checked as they arrived, by path.
    hashed: Mutex<HashSet<String>>,
}

impl Counters {
    /// The files whose digest was checked as they arrived in this run.
    pub fn hashed_files(&self) -> HashSet<String> {
        self.hashed
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

/// Fetches `file` from `base_url` (the pack's folder URL) into `staging`,
/// resuming a `.part` left there. Returns when the file is in place with its
/// digest checked.
pub async fn fetch_file(
    client: &reqwest::Client,
    base_url: &url::Url,
    staging: &Path,
    file: &PackFile,
    options: &TransferOptions,
    counters: &Counters,
    cancel: &CancellationToken,
) -> Result<(), PackError> {
    let url = base_url
        .join(&file.path)
        .map_err(|error| PackError::Network {
            url: file.path.clone(),
            reason: error.to_string(),
        })?;
    let transfer = Transfer {
        url,
        target: staging.join(&file.path),
        name: file.path.clone(),
        size: file.size,
        sha256: Some(file.sha256.clone()),
        if_range: None,
    };
    fetch(client, &transfer, options, counters, cancel).await?;
    counters
        .hashed
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .insert(file.path.clone());
    Ok(())
}

/// One file to fetch: where from, where to, and how it is known to be the
/// right one.
#[derive(Clone, Debug)]
pub struct Transfer {
    pub url: url::Url,
    /// Where the file goes; it arrives in `<target>.part`.
    pub target: PathBuf,
    /// How errors name it (its path in the pack, its name on the server).
    pub name: String,
    /// Its size: more bytes are refused, fewer are an interruption.
    pub size: u64,
    /// Its digest, checked before it takes its name (a mismatch starts it
    /// over, twice at most); `None` for a file no manifest lists.
    pub sha256: Option<String>,
    /// The server's validator of the file (its `ETag`): a resumed transfer
    /// asks with `If-Range`, so a file changed on the server since is never
    /// spliced onto the old one's bytes, and a whole answer of another size
    /// than `size` says the file changed ([`PackError::Mismatch`]).
    pub if_range: Option<String>,
}

/// Fetches `transfer` into its target, resuming a `.part` left there.
pub async fn fetch(
    client: &reqwest::Client,
    transfer: &Transfer,
    options: &TransferOptions,
    counters: &Counters,
    cancel: &CancellationToken,
) -> Result<(), PackError> {
    let target = &transfer.target;
    let part = part_path(target);
    if let Some(parent) = target.parent() {
        tokio::fs::create_dir_all(parent)
            .await
            .map_err(|error| PackError::io(parent, error))?;
    }
    let corrupted = AtomicU64::new(0);
    let outcome = http::with_retries(&options.transfer(), cancel, |_| async {
        let digest = self::transfer(client, transfer, &part, options, counters, cancel).await?;
        let Some(expected) = &transfer.sha256 else {
            return Ok(());
        };
        if digest == *expected {
            return Ok(());
        }
        // Wrong bytes: start this file over, once or twice.
        let _ = tokio::fs::remove_file(&part).await;
        counters
            .bytes_done
            .fetch_sub(transfer.size, Ordering::Relaxed);
        let mismatch = PackError::Mismatch {
            path: transfer.name.clone(),
            reason: "sha256 differs from the manifest's after three downloads".into(),
        };
        if corrupted.fetch_add(1, Ordering::Relaxed) >= 2 {
            return Err(Failure::Permanent(mismatch));
        }
        Err(Failure::Temporary {
            error: mismatch,
            retry_after: Some(Duration::ZERO),
        })
    })
    .await;
    match outcome {
        Ok(()) => {
            tokio::fs::rename(&part, target)
                .await
                .map_err(|error| PackError::io(target, error))?;
            counters.files_done.fetch_add(1, Ordering::Relaxed);
            Ok(())
        }
        Err(CallError::Cancelled) => Err(PackError::Cancelled),
        Err(CallError::Refused(error)) => Err(error),
        Err(gave_up) => Err(PackError::Network {
            url: transfer.url.to_string(),
            // The attempts' errors name the URL already.
            reason: gave_up
                .map(|error| match error {
                    PackError::Network { reason, .. } => reason,
                    other => other.to_string(),
                })
                .describe(),
        }),
    }
}

/// `<path>.part`.
pub fn part_path(target: &Path) -> PathBuf {
    let mut name = target.as_os_str().to_owned();
    name.push(".part");
    PathBuf::from(name)
}

/// One attempt: continues `part` and returns the digest of the whole file.
async fn transfer(
    client: &reqwest::Client,
    transfer: &Transfer,
    part: &Path,
    options: &TransferOptions,
    counters: &Counters,
    cancel: &CancellationToken,
) -> Result<String, Failure<PackError>> {
    let (url, size) = (&transfer.url, transfer.size);
    let io = |error: std::io::Error| Failure::Permanent(storage_error(part, error, counters));
    let network = |reason: String| PackError::Network {
        url: url.to_string(),
        reason,
    };
    let mut output = tokio::fs::OpenOptions::new()
        .create(true)
        .read(true)
        .append(true)
        .open(part)
        .await
        .map_err(io)?;
    let (hasher, mut offset) = hash_prefix(&mut output).await.map_err(io)?;
    let mut output = PartWriter::new(output.into_std().await, hasher, offset);
    if offset > size {
        // Longer than the file: not this file's bytes (counted as its size).
        counters.bytes_done.fetch_sub(size, Ordering::Relaxed);
        output.restart().await.map_err(io)?;
        offset = 0;
    }
    if offset == size {
        // Received whole before an interruption: only its digest is left to check.
        return output.finish().await.map_err(io);
    }
    let mut request = client.get(url.clone());
    if offset > 0 {
        request = request.header(reqwest::header::RANGE, format!("bytes={offset}-"));
        if let Some(validator) = &transfer.if_range {
            request = request.header(reqwest::header::IF_RANGE, validator);
        }
    }
    let response = match tokio::time::timeout(options.stall, request.send()).await {
        Ok(Ok(response)) => response,
        Ok(Err(error)) => {
            let failure = HttpError::network(&error).into_failure();
            return Err(failure.map(|error| network(error.to_string())));
        }
        Err(_) => return Err(stalled(options, network)),
    };
    match response.status() {
        StatusCode::PARTIAL_CONTENT if offset > 0 => {}
        StatusCode::OK => {
            let other_size = response
                .content_length()
                .is_some_and(|length| length != size);
            if transfer.if_range.is_some() && other_size {
                // Not the file that was sized: it changed on the server.
                counters.bytes_done.fetch_sub(offset, Ordering::Relaxed);
                output.restart().await.map_err(io)?;
                return Err(Failure::Permanent(PackError::Mismatch {
                    path: transfer.name.clone(),
                    reason: format!(
                        "the server's file is {} bytes, not the {size} it had",
                        response.content_length().unwrap_or_default()
                    ),
                }));
            }
            // The whole file: from the start, whatever was kept.
            if offset > 0 {
                counters.bytes_done.fetch_sub(offset, Ordering::Relaxed);
                output.restart().await.map_err(io)?;
                offset = 0;
            }
        }
        StatusCode::RANGE_NOT_SATISFIABLE => {
            counters.bytes_done.fetch_sub(offset, Ordering::Relaxed);
            output.restart().await.map_err(io)?;
            return Err(Failure::Temporary {
                error: network("the server refused to resume (HTTP 416)".into()),
                retry_after: Some(Duration::ZERO),
            });
        }
        _ => {
            let error = HttpError::from_answer(response).await;
            return Err(error.into_failure().map(|error| network(error.to_string())));
        }
    }
    let mut body = response.bytes_stream();
    // Handed to the OS every `flush_every` bytes, and all of it whenever the
    // transfer stops, so a killed app keeps what arrived.
    let mut unflushed = 0u64;
    let started_at = offset;
    // A cut connection after some bytes arrived is progress, not a failure.
    let cut = |offset: u64, reason: String| {
        if offset > started_at {
            Failure::Interrupted(network(reason))
        } else {
            Failure::Temporary {
                error: network(reason),
                retry_after: None,
            }
        }
    };
    loop {
        let next = tokio::select! {
            _ = cancel.cancelled() => {
                let _ = output.hand_over().await;
                return Err(Failure::Permanent(PackError::Cancelled));
            }
            next = tokio::time::timeout(options.stall, body.next()) => next,
        };
        let chunk = match next {
            Ok(Some(Ok(chunk))) => chunk,
            Ok(None) => break,
            // A dropped, cut short or stalled connection: keep what came.
            Ok(Some(Err(error))) => {
                output.hand_over().await.map_err(io)?;
                return Err(cut(offset, http::describe_error(&error)));
            }
            Err(_) => {
                output.hand_over().await.map_err(io)?;
                return Err(cut(offset, stall_reason(options)));
            }
        };
        let length = chunk.len() as u64;
        if offset + length > size {
            counters.bytes_done.fetch_sub(offset, Ordering::Relaxed);
            output.restart().await.map_err(io)?;
            return Err(Failure::Temporary {
                error: network(format!("more than the {size} bytes listed")),
                retry_after: None,
            });
        }
        if let Some(limit) = options.storage_limit
            && counters.written.fetch_add(length, Ordering::Relaxed) + length > limit
        {
            let written = counters.written.load(Ordering::Relaxed) - length;
            return Err(Failure::Permanent(PackError::NoSpace {
                needed: remaining(counters),
                available: limit.saturating_sub(written),
            }));
        }
        output.push(chunk).await.map_err(io)?;
        offset += length;
        unflushed += length;
        counters.bytes_done.fetch_add(length, Ordering::Relaxed);
        counters.bytes_received.fetch_add(length, Ordering::Relaxed);
        if unflushed >= options.flush_every {
            output.write_batch().await.map_err(io)?;
            unflushed = 0;
        }
    }
    if offset < size {
        output.hand_over().await.map_err(io)?;
        return Err(cut(
            offset,
            format!("the answer ended after {offset} of {size} bytes"),
        ));
    }
    output.finish().await.map_err(io)
}

fn stall_reason(options: &TransferOptions) -> String {
    format!("nothing received for {} s", options.stall.as_secs())
}

fn stalled(options: &TransferOptions, network: impl Fn(String) -> PackError) -> Failure<PackError> {
    Failure::Temporary {
        error: network(stall_reason(options)),
        retry_after: None,
    }
}

/// Bytes gathered before they are hashed and written to a `.part`.
const WRITE_BUFFER: usize = 256 * 1024;

/// A `.part` being written. Received chunks are gathered without a copy;
/// every [`WRITE_BUFFER`] bytes a blocking thread hashes and writes them
/// while the next ones arrive, and hands them to the disk's writeback at
/// once, so the one sync at the end of the file has little left to wait
/// for. (Before, the bytes went through a `BufWriter` into tokio's file, two
/// copies, were hashed on the one thread receiving every transfer, and every
/// file was synced after the last one arrived: for a 256 MB pack, 0.22 s of
/// syncs after the transfers, where curl takes 0.27 s for the whole pack.)
struct PartWriter {
    /// The file and the hash of what it holds, unless a batch is in flight.
    idle: Option<(std::fs::File, Sha256)>,
    in_flight: Option<tokio::task::JoinHandle<std::io::Result<(std::fs::File, Sha256)>>>,
    batch: Vec<bytes::Bytes>,
    batch_length: usize,
    /// Bytes in the file once the batches in flight are written.
    length: u64,
}

impl PartWriter {
    fn new(file: std::fs::File, hasher: Sha256, length: u64) -> PartWriter {
        PartWriter {
            idle: Some((file, hasher)),
            in_flight: None,
            batch: Vec::new(),
            batch_length: 0,
            length,
        }
    }

    /// Takes `chunk`, the bytes that follow those taken before.
    async fn push(&mut self, chunk: bytes::Bytes) -> std::io::Result<()> {
        self.batch_length += chunk.len();
        self.batch.push(chunk);
        if self.batch_length >= WRITE_BUFFER {
            self.write_batch().await?;
        }
        Ok(())
    }

    /// Waits for the batch in flight; the file and its hash are then idle.
    async fn settle(&mut self) -> std::io::Result<&mut (std::fs::File, Sha256)> {
        if let Some(in_flight) = self.in_flight.take() {
            let written = in_flight.await.map_err(std::io::Error::other)??;
            self.idle = Some(written);
        }
        self.idle
            .as_mut()
            .ok_or_else(|| std::io::Error::other("a failed write left the file closed"))
    }

    /// Starts hashing and writing the gathered bytes.
    async fn write_batch(&mut self) -> std::io::Result<()> {
        self.settle().await?;
        let Some((mut file, mut hasher)) = self.idle.take() else {
            return Err(std::io::Error::other("a failed write left the file closed"));
        };
        let batch = std::mem::take(&mut self.batch);
        let (from, length) = (self.length, self.batch_length as u64);
        self.length += length;
        self.batch_length = 0;
        self.in_flight = Some(tokio::task::spawn_blocking(move || {
            for chunk in &batch {
                hasher.update(chunk);
                file.write_all(chunk)?;
            }
            start_writeback(&file, from, length);
            Ok((file, hasher))
        }));
        Ok(())
    }

    /// Writes out what was taken, to the OS (which keeps it if the app dies).
    async fn hand_over(&mut self) -> std::io::Result<()> {
        if !self.batch.is_empty() {
            self.write_batch().await?;
        }
        self.settle().await.map(|_| ())
    }

    /// Empties the file: what it held or was given was not this file's.
    async fn restart(&mut self) -> std::io::Result<()> {
        self.batch.clear();
        self.batch_length = 0;
        let (file, hasher) = self.settle().await?;
        file.set_len(0)?;
        *hasher = Sha256::new();
        self.length = 0;
        Ok(())
    }

    /// Writes out what was taken, syncs the file to disk, and returns the
    /// digest of all it holds.
    async fn finish(mut self) -> std::io::Result<String> {
        self.hand_over().await?;
        let Some((file, hasher)) = self.idle.take() else {
            return Err(std::io::Error::other("a failed write left the file closed"));
        };
        tokio::task::spawn_blocking(move || file.sync_data())
            .await
            .map_err(std::io::Error::other)??;
        Ok(hex::encode(hasher.finalize()))
    }
}

/// Asks the OS to start writing `length` bytes from `from` to the disk now,
/// without waiting for them (Linux and Android write back a range advised
/// as no longer needed); elsewhere the final sync writes them.
fn start_writeback(file: &std::fs::File, from: u64, length: u64) {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        // Advice only: a refusal leaves the writing to the final sync.
        let _ = rustix::fs::fadvise(
            file,
            from,
            std::num::NonZeroU64::new(length),
            rustix::fs::Advice::DontNeed,
        );
    }
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    let _ = (file, from, length);
}

/// The hash and length of what `part` already holds.
async fn hash_prefix(part: &mut tokio::fs::File) -> std::io::Result<(Sha256, u64)> {
    use tokio::io::AsyncSeekExt;
    part.seek(std::io::SeekFrom::Start(0)).await?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 1 << 16];
    let mut length = 0;
    loop {
        let read = part.read(&mut buffer).await?;
        if read == 0 {
            return Ok((hasher, length));
        }
        hasher.update(&buffer[..read]);
        length += read as u64;
    }
}

/// An I/O error, a full disk named as such: what the rest of the pack
/// needs and what the disk has left.
pub fn storage_error(path: &Path, error: std::io::Error, counters: &Counters) -> PackError {
    let full = error.kind() == std::io::ErrorKind::StorageFull || error.raw_os_error() == Some(28);
    if !full {
        return PackError::io(path, error);
    }
    let folder = path.parent().unwrap_or(path);
    PackError::NoSpace {
        needed: remaining(counters),
        available: free_space(folder).unwrap_or(0),
    }
}

/// Bytes of the pack not on disk yet (at least the chunk being written).
fn remaining(counters: &Counters) -> u64 {
    counters
        .bytes_total
        .load(Ordering::Relaxed)
        .saturating_sub(counters.bytes_done.load(Ordering::Relaxed))
        .max(1)
}

/// Bytes free on the file system holding `path`.
pub fn free_space(path: &Path) -> Result<u64, PackError> {
    let stats = rustix::fs::statvfs(path).map_err(|error| PackError::io(path, error.into()))?;
    Ok(stats.f_bavail.saturating_mul(stats.f_frsize))
}

/// Rate and remaining time of a download, smoothed over its whole run.
#[derive(Debug)]
pub struct Rate {
    started: Instant,
    received_at_start: u64,
}

impl Rate {
    pub fn start(counters: &Counters) -> Rate {
        Rate {
            started: Instant::now(),
            received_at_start: counters.bytes_received.load(Ordering::Relaxed),
        }
    }

    /// Where the download of pack `pack_id` (`files_total` files,
    /// `counters.bytes_total` bytes) is now.
    pub fn progress(
        &self,
        pack_id: &str,
        counters: &Counters,
        files_total: u64,
        installing: bool,
    ) -> PackProgress {
        let bytes_total = counters.bytes_total.load(Ordering::Relaxed);
        let bytes_done = counters.bytes_done.load(Ordering::Relaxed);
        let (bytes_per_second, eta_seconds) =
            self.measure(counters, bytes_total.saturating_sub(bytes_done));
        PackProgress {
            pack_id: pack_id.to_string(),
            bytes_done,
            bytes_total,
            files_done: counters.files_done.load(Ordering::Relaxed),
            files_total,
            bytes_per_second,
            eta_seconds,
            installing,
        }
    }

    /// Bytes per second received so far, and the seconds left at that pace.
    pub fn measure(&self, counters: &Counters, bytes_left: u64) -> (u64, Option<u64>) {
        let elapsed = self.started.elapsed().as_secs_f64();
        let received = counters.bytes_received.load(Ordering::Relaxed) - self.received_at_start;
        if elapsed < 0.2 || received == 0 {
            return (0, None);
        }
        let rate = received as f64 / elapsed;
        (rate as u64, Some((bytes_left as f64 / rate).ceil() as u64))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_disk_says_what_the_pack_still_needs_and_what_is_free() {
        let dir = tempfile::tempdir().unwrap();
        let counters = Counters::default();
        counters.bytes_total.store(5_000_000, Ordering::Relaxed);
        counters.bytes_done.store(2_000_000, Ordering::Relaxed);
        let enospc = std::io::Error::from_raw_os_error(28);
        let error = storage_error(&dir.path().join("x.part"), enospc, &counters);
        let free = free_space(dir.path()).unwrap();
        assert!(
            matches!(error, PackError::NoSpace { needed: 3_000_000, available } if available.abs_diff(free) < 1 << 30),
            "{error:?}"
        );
        assert!(
            error.to_string().contains("3000000 more bytes needed"),
            "{error}"
        );
    }
}
