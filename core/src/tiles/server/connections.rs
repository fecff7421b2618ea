//! The tile server's connections: HTTP/1.1 by hyper with a timeout on
//! request headers (which also closes connections kept alive and idle that
//! long), at most [`Limits::max_connections`] at once, and a graceful stop.
//! When the cap is reached, a new connection takes the place of the oldest
//! one with no request in progress (a slow client's, or an idle one a
//! browser kept), so slow clients cannot stall real requests; when the
//! process runs out of descriptors, the same eviction frees one.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::Router;
use hyper::server::conn::http1;
use hyper::service::{Service, service_fn};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;

use super::SHUTDOWN_GRACE;

/// How long to wait before accepting again after an error with nothing to evict.
const ACCEPT_RETRY: Duration = Duration::from_millis(50);

/// What the server allows its clients.
#[derive(Clone, Copy, Debug)]
pub(super) struct Limits {
    pub max_connections: usize,
    pub header_timeout: Duration,
}

/// One open connection, as the accept loop sees it.
struct Open {
    id: u64,
    /// Requests being answered on it.
    in_flight: Arc<AtomicUsize>,
    /// Closes it at once.
    evict: CancellationToken,
}

/// The open connections, oldest first.
#[derive(Default)]
struct Registry {
    open: Mutex<VecDeque<Open>>,
    /// Signalled when a connection closes or finishes a request.
    changed: Notify,
}

impl Registry {
    fn lock(&self) -> MutexGuard<'_, VecDeque<Open>> {
        // Entries are pushed and removed whole: a poisoned queue is consistent.
        self.open.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Closes the oldest connection with no request in progress; whether there was one.
    fn evict_oldest_idle(&self) -> bool {
        let mut open = self.lock();
        let idle = open
            .iter()
            .position(|conn| conn.in_flight.load(Ordering::SeqCst) == 0);
        match idle.and_then(|at| open.remove(at)) {
            Some(evicted) => {
                evicted.evict.cancel();
                true
            }
            None => false,
        }
    }

    /// Whether one more connection fits, after evicting an idle one if needed.
    fn make_room(&self, max_connections: usize) -> bool {
        self.lock().len() < max_connections || self.evict_oldest_idle()
    }

    fn remove(&self, id: u64) {
        self.lock().retain(|conn| conn.id != id);
        self.changed.notify_waiters();
    }

    fn is_empty(&self) -> bool {
        self.lock().is_empty()
    }
}

/// Counts one request in progress on a connection while it lives.
struct InFlight {
    count: Arc<AtomicUsize>,
    registry: Arc<Registry>,
}

impl InFlight {
    fn enter(count: &Arc<AtomicUsize>, registry: &Arc<Registry>) -> InFlight {
        count.fetch_add(1, Ordering::SeqCst);
        InFlight {
            count: Arc::clone(count),
            registry: Arc::clone(registry),
        }
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.count.fetch_sub(1, Ordering::SeqCst);
        self.registry.changed.notify_waiters();
    }
}

/// Accepts and serves connections until `cancel`, then lets the requests in
/// flight finish for [`SHUTDOWN_GRACE`]. The port is closed when this returns.
pub(super) async fn serve(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    cancel: CancellationToken,
) {
    let registry = Arc::new(Registry::default());
    let mut next_id = 0u64;
    loop {
        let accepted = tokio::select! {
            _ = cancel.cancelled() => break,
            accepted = listener.accept() => accepted,
        };
        let Ok((stream, _)) = accepted else {
            // Out of descriptors, most likely: free an idle connection's.
            if !registry.evict_oldest_idle() {
                tokio::select! {
                    _ = cancel.cancelled() => break,
                    _ = tokio::time::sleep(ACCEPT_RETRY) => {}
                }
            }
            continue;
        };
        // Every connection is busy answering: wait for one to finish.
        loop {
            let changed = registry.changed.notified();
            if registry.make_room(limits.max_connections) {
                break;
            }
            tokio::select! {
                _ = cancel.cancelled() => break,
                _ = changed => {}
            }
        }
        next_id += 1;
        spawn_connection(stream, next_id, app.clone(), limits, &registry, &cancel);
    }
    drop(listener);
    let deadline = tokio::time::Instant::now() + SHUTDOWN_GRACE;
    loop {
        let changed = registry.changed.notified();
        if registry.is_empty() {
            break;
        }
        tokio::select! {
            _ = changed => {}
            _ = tokio::time::sleep_until(deadline) => break,
        }
    }
}

fn spawn_connection(
    stream: TcpStream,
    id: u64,
    app: Router,
    limits: Limits,
    registry: &Arc<Registry>,
    cancel: &CancellationToken,
) {
    let in_flight = Arc::new(AtomicUsize::new(0));
    let evict = CancellationToken::new();
    registry.lock().push_back(Open {
        id,
        in_flight: Arc::clone(&in_flight),
        evict: evict.clone(),
    });
    let (registry, cancel) = (Arc::clone(registry), cancel.clone());
    tokio::spawn(async move {
        let router = TowerToHyperService::new(app);
        let counting = {
            let registry = Arc::clone(&registry);
            service_fn(move |request| {
                let busy = InFlight::enter(&in_flight, &registry);
                let response = router.call(request);
                async move {
                    let response = response.await;
                    drop(busy);
                    response
                }
            })
        };
        let mut builder = http1::Builder::new();
        builder
            .timer(TokioTimer::new())
            .header_read_timeout(limits.header_timeout);
        let connection = builder.serve_connection(TokioIo::new(stream), counting);
        tokio::pin!(connection);
        tokio::select! {
            _ = connection.as_mut() => {}
            _ = evict.cancelled() => {}
            _ = cancel.cancelled() => {
                connection.as_mut().graceful_shutdown();
                let _ = tokio::time::timeout(SHUTDOWN_GRACE, connection).await;
            }
        }
        registry.remove(id);
    });
}
