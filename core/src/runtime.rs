//! The tokio runtime the core owns, and the handle through which callers
//! observe and cancel the long-lived work (sync, downloads, servers) run on it.
//!
//! The shells never drive async Rust themselves: a call that starts long work
//! returns a [`TaskHandle`] at once, and results arrive through listeners.

use std::future::Future;
use std::sync::{Arc, OnceLock};

use tokio::runtime::Runtime;
use tokio::sync::watch;
use tokio_util::sync::CancellationToken;

/// The process-wide runtime of the core, created on first use.
pub fn runtime() -> &'static Runtime {
    static RUNTIME: OnceLock<Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("sentier-core")
            .enable_all()
            .build()
            .expect("the OS refused to start the core's runtime threads")
    })
}

/// Observes and cancels one piece of long-lived work running on [`runtime`].
#[derive(Clone, Debug)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Object))]
pub struct TaskHandle {
    cancel: CancellationToken,
    finished: watch::Receiver<bool>,
}

impl TaskHandle {
    /// Runs `work` on the core's runtime. `work` receives the token it must
    /// watch to stop early; the handle reports when it has returned.
    pub fn spawn<F, Fut>(work: F) -> Arc<TaskHandle>
    where
        F: FnOnce(CancellationToken) -> Fut,
        Fut: Future<Output = ()> + Send + 'static,
    {
        let cancel = CancellationToken::new();
        let (done_tx, finished) = watch::channel(false);
        let future = work(cancel.clone());
        runtime().spawn(async move {
            future.await;
            let _ = done_tx.send(true);
        });
        Arc::new(TaskHandle { cancel, finished })
    }

    /// Blocks the calling (non-runtime) thread until the work has returned.
    pub fn wait(&self) {
        let mut finished = self.finished.clone();
        runtime().block_on(async move {
            let _ = finished.wait_for(|done| *done).await;
        });
    }
}

#[cfg_attr(feature = "uniffi", uniffi::export)]
impl TaskHandle {
    /// Asks the work to stop; it ends at its next cancellation point.
    pub fn cancel(&self) {
        self.cancel.cancel();
    }

    /// Whether cancellation was asked for.
    pub fn is_cancelled(&self) -> bool {
        self.cancel.is_cancelled()
    }

    /// Whether the work has returned (finished, failed or cancelled).
    pub fn is_finished(&self) -> bool {
        *self.finished.borrow()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn cancel_stops_work_and_handle_reports_finished() {
        let handle = TaskHandle::spawn(|cancel| async move {
            tokio::select! {
                _ = cancel.cancelled() => {}
                _ = tokio::time::sleep(Duration::from_secs(60)) => panic!("not cancelled"),
            }
        });
        assert!(!handle.is_finished());
        handle.cancel();
        handle.wait();
        assert!(handle.is_finished());
        assert!(handle.is_cancelled());
    }
}
