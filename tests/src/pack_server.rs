//! A static pack server on 127.0.0.1 for tests, benchmarks and the Kotlin
//! host tests: serves a folder (read from disk on every request, so a test
//! can republish a pack mid-download) with `Range` support, and injects the
//! faults of a bad mobile connection. It counts the body bytes it sent per
//! path, so tests check what a client re-fetched on the server's side.
//!
//! One thread per connection and `Connection: close` on every answer: plain
//! enough that each fault is exactly what goes over the socket. Files carry
//! an `ETag` (size and modification time, as nginx makes it) and a matching
//! `If-None-Match` is answered 304, as static hosts and CDNs do.
//!
//! The hostile answers (an endless body, a gzip bomb, a status) replace the
//! answer to any path and method, so the server also stands in for any
//! hostile HTTP server (a report endpoint, a login). Tests wait on
//! [`PackServer::wait_for_requests`] instead of sleeping.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

/// What goes wrong with an answer.
#[derive(Clone, Debug, PartialEq)]
pub enum PackFault {
    /// The connection is reset (RST) after this many body bytes.
    ResetAt { offset: u64 },
    /// This status with an empty body, and a `Retry-After` in seconds.
    Status {
        status: u16,
        retry_after: Option<u64>,
    },
    /// `Content-Length` announces the full body but this many bytes are missing.
    ShortBody { missing: u64 },
    /// The byte at this offset of the file is flipped.
    Corrupt { offset: u64 },
    /// `Range` is ignored: the whole file with status 200.
    IgnoreRange,
    /// The body trickles at this many bytes per second.
    Trickle { bytes_per_second: u64 },
    /// This status, then a body that never ends (until the client hangs up).
    EndlessBody { status: u16 },
    /// Status 200 with `Content-Encoding: gzip`: a small body that decodes
    /// to `decoded_bytes` of JSON-looking filler.
    GzipBomb { decoded_bytes: u64 },
}

/// A fault on requests for paths ending with `path_suffix` (`*`: any), the
/// first `times` matching requests.
#[derive(Clone, Debug)]
pub struct PackFaultRule {
    pub path_suffix: String,
    pub fault: PackFault,
    pub times: usize,
}

impl PackFaultRule {
    pub fn new(path_suffix: &str, fault: PackFault, times: usize) -> PackFaultRule {
        PackFaultRule {
            path_suffix: path_suffix.to_string(),
            fault,
            times,
        }
    }
}

#[derive(Default)]
struct State {
    rules: Vec<PackFaultRule>,
    bytes_sent: HashMap<String, u64>,
    requests: HashMap<String, u64>,
}

/// The state, and a signal raised at every request.
#[derive(Default)]
struct Inner {
    state: Mutex<State>,
    requested: Condvar,
}

type Shared = Arc<Inner>;

fn lock(shared: &Shared) -> MutexGuard<'_, State> {
    shared
        .state
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The running server; stops when dropped.
pub struct PackServer {
    address: SocketAddr,
    state: Shared,
    stop: Arc<AtomicBool>,
}

impl PackServer {
    /// Serves `root` on 127.0.0.1 (a free port).
    pub fn start(root: &Path) -> std::io::Result<PackServer> {
        PackServer::start_on(root, 0)
    }

    /// Serves `root` on 127.0.0.1:`port` (0: a free port).
    pub fn start_on(root: &Path, port: u16) -> std::io::Result<PackServer> {
        let listener = TcpListener::bind(("127.0.0.1", port))?;
        let address = listener.local_addr()?;
        let state = Shared::default();
        let stop = Arc::new(AtomicBool::new(false));
        let (root, shared, stopping) = (root.to_path_buf(), state.clone(), stop.clone());
        std::thread::Builder::new()
            .name("pack-server".into())
            .spawn(move || {
                for stream in listener.incoming() {
                    if stopping.load(Ordering::SeqCst) {
                        return;
                    }
                    let Ok(stream) = stream else { continue };
                    let (root, shared) = (root.clone(), shared.clone());
                    let _ = std::thread::Builder::new()
                        .name("pack-connection".into())
                        .spawn(move || {
                            let _ = serve(stream, &root, &shared);
                        });
                }
            })?;
        Ok(PackServer {
            address,
            state,
            stop,
        })
    }

    /// `http://127.0.0.1:PORT/`.
    pub fn url(&self) -> String {
        format!("http://{}/", self.address)
    }

    /// Replaces the fault rules.
    pub fn set_faults(&self, rules: Vec<PackFaultRule>) {
        lock(&self.state).rules = rules;
    }

    /// Body bytes sent for requests of paths ending with `suffix`.
    pub fn bytes_sent(&self, suffix: &str) -> u64 {
        lock(&self.state)
            .bytes_sent
            .iter()
            .filter(|(path, _)| path.ends_with(suffix))
            .map(|(_, bytes)| bytes)
            .sum()
    }

    /// Body bytes sent, all paths.
    pub fn total_bytes_sent(&self) -> u64 {
        lock(&self.state).bytes_sent.values().sum()
    }

    /// Requests of paths ending with `suffix`.
    pub fn requests(&self, suffix: &str) -> u64 {
        requests(&lock(&self.state), suffix)
    }

    /// Blocks until `count` requests of paths ending with `suffix` have
    /// arrived (answered or not yet), or `timeout` passed; returns whether they did.
    pub fn wait_for_requests(&self, suffix: &str, count: u64, timeout: Duration) -> bool {
        let state = lock(&self.state);
        let (state, _) = self
            .state
            .requested
            .wait_timeout_while(state, timeout, |state| requests(state, suffix) < count)
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        requests(&state, suffix) >= count
    }

    /// Forgets the byte and request counts.
    pub fn reset_counts(&self) {
        let mut state = lock(&self.state);
        state.bytes_sent.clear();
        state.requests.clear();
    }
}

fn requests(state: &State, suffix: &str) -> u64 {
    state
        .requests
        .iter()
        .filter(|(path, _)| path.ends_with(suffix))
        .map(|(_, count)| count)
        .sum()
}

impl Drop for PackServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect(self.address);
    }
}

/// Answers one request on `stream`.
fn serve(stream: TcpStream, root: &Path, state: &Shared) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    let mut range_start = None;
    let mut if_none_match = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" {
            break;
        }
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        if name.eq_ignore_ascii_case("range") {
            range_start = value
                .trim()
                .strip_prefix("bytes=")
                .and_then(|range| range.split_once('-'))
                .and_then(|(start, _)| start.parse::<u64>().ok());
        } else if name.eq_ignore_ascii_case("if-none-match") {
            if_none_match = Some(value.trim().to_string());
        }
    }
    let mut parts = request_line.split_whitespace();
    let (method, target) = (
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or("/"),
    );
    let mut stream = stream;
    let path = target.split('?').next().unwrap_or("/").to_string();
    let fault = {
        let mut state = lock(state);
        *state.requests.entry(path.clone()).or_default() += 1;
        state
            .rules
            .iter_mut()
            .find(|rule| {
                rule.times > 0 && (rule.path_suffix == "*" || path.ends_with(&rule.path_suffix))
            })
            .map(|rule| {
                rule.times -= 1;
                rule.fault.clone()
            })
    };
    state.requested.notify_all();
    match fault {
        Some(PackFault::Status {
            status,
            retry_after,
        }) => {
            let retry = retry_after.map(|seconds| ("Retry-After", seconds.to_string()));
            return head(&mut stream, status, retry.as_slice(), 0);
        }
        Some(PackFault::EndlessBody { status }) => return endless(&mut stream, status),
        Some(PackFault::GzipBomb { decoded_bytes }) => {
            let bomb = gzip_bomb(decoded_bytes)?;
            let encoding = [("Content-Encoding", "gzip".to_string())];
            head(&mut stream, 200, &encoding, bomb.len() as u64)?;
            return stream.write_all(&bomb);
        }
        _ => {}
    }
    let Some(file) = resolve(root, &path).filter(|file| file.is_file()) else {
        return head(&mut stream, 404, &[], 0);
    };
    if method != "GET" {
        return head(&mut stream, 405, &[], 0);
    }
    let mut source = std::fs::File::open(&file)?;
    let metadata = source.metadata()?;
    let size = metadata.len();
    let etag = etag_of(&metadata);
    if if_none_match.as_deref() == Some(etag.as_str()) {
        return head(&mut stream, 304, &[("ETag", etag)], 0);
    }
    let start = match (range_start, &fault) {
        (_, Some(PackFault::IgnoreRange)) | (None, _) => None,
        (Some(start), _) if start >= size => {
            let range = ("Content-Range", format!("bytes */{size}"));
            return head(&mut stream, 416, &[range], 0);
        }
        (Some(start), _) => Some(start),
    };
    let (status, offset) = match start {
        Some(start) => (206, start),
        None => (200, 0),
    };
    let length = size - offset;
    let mut headers = vec![("Accept-Ranges", "bytes".to_string()), ("ETag", etag)];
    if status == 206 {
        headers.push((
            "Content-Range",
            format!("bytes {offset}-{}/{size}", size - 1),
        ));
    }
    head(&mut stream, status, &headers, length)?;
    source.seek(SeekFrom::Start(offset))?;
    let send_limit = match fault {
        Some(PackFault::ResetAt { offset: at }) => at.min(length),
        Some(PackFault::ShortBody { missing }) => length.saturating_sub(missing),
        _ => length,
    };
    let mut sent = 0u64;
    let mut buffer = vec![0u8; 64 * 1024];
    while sent < send_limit {
        let want = match fault {
            Some(PackFault::Trickle { bytes_per_second }) => bytes_per_second.clamp(1, 64 * 1024),
            _ => 64 * 1024,
        }
        .min(send_limit - sent) as usize;
        let read = source.read(&mut buffer[..want])?;
        if read == 0 {
            break;
        }
        if let Some(PackFault::Corrupt { offset: at }) = fault
            && (offset + sent..offset + sent + read as u64).contains(&at)
        {
            buffer[(at - offset - sent) as usize] ^= 0xFF;
        }
        // Counted before the bytes leave (and corrected if they do not), so
        // a client that has received them always finds them counted.
        *lock(state).bytes_sent.entry(path.clone()).or_default() += read as u64;
        let written = stream
            .write(&buffer[..read])
            .map_or(0, |written| written as u64);
        if written < read as u64 {
            *lock(state).bytes_sent.entry(path.clone()).or_default() -= read as u64 - written;
        }
        sent += written;
        if written < read as u64 {
            break;
        }
        if matches!(fault, Some(PackFault::Trickle { .. })) {
            std::thread::sleep(Duration::from_secs(1));
        }
    }
    stream.flush()?;
    if matches!(fault, Some(PackFault::ResetAt { .. })) {
        // Let the client read what was sent (a reset discards what it has
        // not read yet, and the counts are of bytes delivered), then reset.
        std::thread::sleep(Duration::from_millis(300));
        socket2::SockRef::from(&stream).set_linger(Some(Duration::ZERO))?;
    }
    Ok(())
}

/// JSON-looking filler, for bodies that go on and on.
const FILLER: &[u8] = b"{\"id\":1,\"name\":\"encore\"},";

/// `status` and a body without an end: filler until the client hangs up.
fn endless(stream: &mut TcpStream, status: u16) -> std::io::Result<()> {
    stream.write_all(
        format!(
            "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n["
        )
        .as_bytes(),
    )?;
    let chunk = FILLER.repeat(64 * 1024 / FILLER.len());
    loop {
        stream.write_all(&chunk)?;
    }
}

/// `decoded_bytes` of filler, gzipped (a thousandth of that, or less).
fn gzip_bomb(decoded_bytes: u64) -> std::io::Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let chunk = FILLER.repeat(64 * 1024 / FILLER.len());
    let mut written = 0;
    encoder.write_all(b"[")?;
    while written < decoded_bytes {
        encoder.write_all(&chunk)?;
        written += chunk.len() as u64;
    }
    encoder.finish()
}

/// Writes the status line and headers.
fn head(
    stream: &mut TcpStream,
    status: u16,
    headers: &[(&str, String)],
    length: u64,
) -> std::io::Result<()> {
    let mut text =
        format!("HTTP/1.1 {status} X\r\nContent-Length: {length}\r\nConnection: close\r\n");
    for (name, value) in headers {
        text.push_str(&format!("{name}: {value}\r\n"));
    }
    text.push_str("\r\n");
    stream.write_all(text.as_bytes())
}

/// A file's `ETag` as nginx makes it: its modification time and size.
pub(crate) fn etag_of(metadata: &std::fs::Metadata) -> String {
    let modified = metadata
        .modified()
        .ok()
        .and_then(|time| time.duration_since(std::time::UNIX_EPOCH).ok())
        .unwrap_or_default()
        .as_nanos();
    format!("\"{modified:x}-{:x}\"", metadata.len())
}

/// The file under `root` for a URL path, refusing anything but plain names
/// and, as `pack build` does, symlinks anywhere below `root`: a link could
/// point out of the folder.
pub(crate) fn resolve(root: &Path, path: &str) -> Option<PathBuf> {
    let relative = Path::new(path.trim_start_matches('/'));
    let mut resolved = root.to_path_buf();
    for component in relative.components() {
        let Component::Normal(name) = component else {
            return None;
        };
        resolved.push(name);
        if std::fs::symlink_metadata(&resolved)
            .ok()?
            .file_type()
            .is_symlink()
        {
            return None;
        }
    }
    Some(resolved)
}
