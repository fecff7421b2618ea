//! Fetching a pack's files from a pack server into a staging folder.
//!
//! Files are fetched a few at a time. Each lands in `<path>.part`, whose
//! length is what was received: after a dropped connection, or after the app
//! was killed, the transfer resumes with an HTTP `Range` from there, so a
//! resumed file re-fetches at most what was in flight. Every file's SHA-256
//! is computed as it arrives (the kept part is hashed again on resume) and
//! checked before the file takes its name. Transient failures (dropped or
//! stalled connections, short bodies, 5xx and 429 with `Retry-After`) are
//! retried with backoff; a server that ignores `Range` is read from the start.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use reqwest::StatusCode;
use sha2::{Digest, Sha256};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio_util::sync::CancellationToken;

use super::{PackError, PackFile};

/// How transfers behave; the defaults suit a phone on a mountain.
#[derive(Clone, Debug)]
pub struct TransferOptions {
    /// Files fetched at once.
    pub parallel: usize,
    /// Received bytes are handed to the OS at least this often: a killed app
    /// re-fetches at most this much of a file. They are synced to disk once,
    /// before the pack is installed (a sync per chunk cost 40% of the
    /// download's speed).
    pub flush_every: u64,
    /// Attempts per file before giving up.
    pub attempts: u32,
    /// The first retry's delay; it doubles up to 30 s (Retry-After wins).
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

/// Counters shared by the transfers of one download.
#[derive(Debug, Default)]
pub struct Counters {
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
    let target = staging.join(&file.path);
    let part = part_path(&target);
    if let Some(parent) = target.parent() {
        tokio::fs::create_dir_all(parent)
            .await
            .map_err(|error| PackError::io(parent, error))?;
    }
    let url = base_url
        .join(&file.path)
        .map_err(|error| PackError::Network {
            url: file.path.clone(),
            reason: error.to_string(),
        })?;
    let mut attempt = 0;
    let mut delay = options.first_retry;
    let mut corrupted = 0;
    loop {
        attempt += 1;
        let outcome = transfer(client, &url, &part, file, options, counters, cancel).await;
        let wait = match outcome {
            Ok(digest) if digest == file.sha256 => {
                tokio::fs::rename(&part, &target)
                    .await
                    .map_err(|error| PackError::io(&target, error))?;
                counters.files_done.fetch_add(1, Ordering::Relaxed);
                counters
                    .hashed
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .insert(file.path.clone());
                return Ok(());
            }
            Ok(_) => {
                // Wrong bytes: start this file over, once or twice.
                let _ = tokio::fs::remove_file(&part).await;
                counters.bytes_done.fetch_sub(file.size, Ordering::Relaxed);
                corrupted += 1;
                if corrupted > 2 {
                    return Err(PackError::Mismatch {
                        path: file.path.clone(),
                        reason: "sha256 differs from the manifest's after three downloads".into(),
                    });
                }
                None
            }
            Err(Failure::Fatal(error)) => return Err(error),
            Err(Failure::Retry(retry_after)) => Some(retry_after),
        };
        if attempt >= options.attempts {
            return Err(PackError::Network {
                url: url.to_string(),
                reason: format!("gave up after {attempt} attempts"),
            });
        }
        let pause = wait.flatten().unwrap_or(delay);
        delay = (delay * 2).min(Duration::from_secs(30));
        tokio::select! {
            _ = cancel.cancelled() => return Err(PackError::Cancelled),
            _ = tokio::time::sleep(pause) => {}
        }
    }
}

/// `<path>.part`.
pub fn part_path(target: &Path) -> PathBuf {
    let mut name = target.as_os_str().to_owned();
    name.push(".part");
    PathBuf::from(name)
}

enum Failure {
    /// Worth another attempt, after the server's `Retry-After` if it gave one.
    Retry(Option<Duration>),
    Fatal(PackError),
}

/// One attempt: continues `part` and returns the digest of the whole file.
async fn transfer(
    client: &reqwest::Client,
    url: &url::Url,
    part: &Path,
    file: &PackFile,
    options: &TransferOptions,
    counters: &Counters,
    cancel: &CancellationToken,
) -> Result<String, Failure> {
    let io = |error: std::io::Error| Failure::Fatal(storage_error(part, error));
    let mut output = tokio::fs::OpenOptions::new()
        .create(true)
        .read(true)
        .append(true)
        .open(part)
        .await
        .map_err(io)?;
    let (mut hasher, mut offset) = hash_prefix(&mut output).await.map_err(io)?;
    if offset > file.size {
        // Longer than the file: not this file's bytes (counted as its size).
        counters.bytes_done.fetch_sub(file.size, Ordering::Relaxed);
        output.set_len(0).await.map_err(io)?;
        (hasher, offset) = (Sha256::new(), 0);
    }
    if offset == file.size {
        // Received whole before an interruption: only its digest is left to check.
        return Ok(hex::encode(hasher.finalize()));
    }
    let mut request = client.get(url.clone());
    if offset > 0 {
        request = request.header(reqwest::header::RANGE, format!("bytes={offset}-"));
    }
    let response = tokio::select! {
        _ = cancel.cancelled() => return Err(Failure::Fatal(PackError::Cancelled)),
        sent = tokio::time::timeout(options.stall, request.send()) => match sent {
            Ok(Ok(response)) => response,
            Ok(Err(_)) | Err(_) => return Err(Failure::Retry(None)),
        },
    };
    match response.status() {
        StatusCode::PARTIAL_CONTENT if offset > 0 => {}
        StatusCode::OK => {
            // The whole file: from the start, whatever was kept.
            if offset > 0 {
                counters.bytes_done.fetch_sub(offset, Ordering::Relaxed);
                output.set_len(0).await.map_err(io)?;
                (hasher, offset) = (Sha256::new(), 0);
            }
        }
        StatusCode::RANGE_NOT_SATISFIABLE => {
            counters.bytes_done.fetch_sub(offset, Ordering::Relaxed);
            output.set_len(0).await.map_err(io)?;
            return Err(Failure::Retry(Some(Duration::ZERO)));
        }
        status if status.is_server_error() || status == StatusCode::TOO_MANY_REQUESTS => {
            return Err(Failure::Retry(retry_after(&response)));
        }
        status => {
            return Err(Failure::Fatal(PackError::Network {
                url: url.to_string(),
                reason: format!("HTTP {status}"),
            }));
        }
    }
    let mut body = response.bytes_stream();
    // Written through a buffer, handed to the OS every `flush_every` bytes
    // and whenever the transfer stops, so a killed app keeps what arrived.
    let mut output = tokio::io::BufWriter::with_capacity(WRITE_BUFFER, output);
    let mut unflushed = 0u64;
    loop {
        let next = tokio::select! {
            _ = cancel.cancelled() => {
                let _ = hand_over(&mut output).await;
                return Err(Failure::Fatal(PackError::Cancelled));
            }
            next = tokio::time::timeout(options.stall, body.next()) => next,
        };
        let chunk = match next {
            Ok(Some(Ok(chunk))) => chunk,
            Ok(None) => break,
            // A dropped, cut short or stalled connection: keep what came.
            Ok(Some(Err(_))) | Err(_) => {
                hand_over(&mut output).await.map_err(io)?;
                return Err(Failure::Retry(None));
            }
        };
        let length = chunk.len() as u64;
        if offset + length > file.size {
            counters.bytes_done.fetch_sub(offset, Ordering::Relaxed);
            hand_over(&mut output).await.map_err(io)?;
            output.get_mut().set_len(0).await.map_err(io)?;
            return Err(Failure::Retry(None));
        }
        if let Some(limit) = options.storage_limit
            && counters.written.fetch_add(length, Ordering::Relaxed) + length > limit
        {
            return Err(Failure::Fatal(PackError::NoSpace {
                needed: file.size - offset,
                available: limit.saturating_sub(counters.written.load(Ordering::Relaxed)),
            }));
        }
        output.write_all(&chunk).await.map_err(io)?;
        hasher.update(&chunk);
        offset += length;
        unflushed += length;
        counters.bytes_done.fetch_add(length, Ordering::Relaxed);
        counters.bytes_received.fetch_add(length, Ordering::Relaxed);
        if unflushed >= options.flush_every {
            hand_over(&mut output).await.map_err(io)?;
            unflushed = 0;
        }
    }
    hand_over(&mut output).await.map_err(io)?;
    if offset < file.size {
        return Err(Failure::Retry(None));
    }
    Ok(hex::encode(hasher.finalize()))
}

/// Bytes buffered before they are written to a `.part`.
const WRITE_BUFFER: usize = 256 * 1024;

/// Writes out what is buffered, to the OS (which keeps it if the app dies).
async fn hand_over(output: &mut tokio::io::BufWriter<tokio::fs::File>) -> std::io::Result<()> {
    output.flush().await
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

fn retry_after(response: &reqwest::Response) -> Option<Duration> {
    response
        .headers()
        .get(reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim()
        .parse::<u64>()
        .ok()
        .map(|seconds| Duration::from_secs(seconds.min(300)))
}

/// An I/O error, a full disk named as such.
pub fn storage_error(path: &Path, error: std::io::Error) -> PackError {
    if error.raw_os_error() == Some(28) {
        return PackError::NoSpace {
            needed: 0,
            available: 0,
        };
    }
    PackError::io(path, error)
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
