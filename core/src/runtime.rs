//! The tokio runtime the core owns, and the handle through which callers
//! observe and cancel the long-lived work (sync, downloads, servers) run on it.
//!
//! The shells never drive async Rust themselves: a call that starts long work
//! returns a [`TaskHandle`] at once, and results arrive through listeners; a
//! call that awaits one answer is an async export whose work runs here
//! ([`on_core_runtime`]), never blocking the caller's thread.

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::sync::{Arc, OnceLock};

use futures_util::FutureExt;
use tokio::runtime::Runtime;
use tokio::sync::watch;
use tokio_util::sync::CancellationToken;

/// The error of a task that stopped without its result (it panicked or its
/// runtime shut down): a defect of the app, never the user's doing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the core's task stopped before its end: {reason}")]
pub struct TaskFailed {
    pub reason: String,
}

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

/// Runs `work` on the core's runtime and awaits its result from whatever
/// executor drives the caller (a foreign async call): network I/O lives on
/// the core's runtime. A panic of `work` comes back as [`TaskFailed`].
pub async fn on_core_runtime<T: Send + 'static>(
    work: impl Future<Output = T> + Send + 'static,
) -> Result<T, TaskFailed> {
    runtime().spawn(work).await.map_err(|error| TaskFailed {
        reason: if error.is_panic() {
            panic_reason(error.into_panic())
        } else {
            "the core's runtime is shutting down".to_string()
        },
    })
}

/// The text a panic carried, when it carried one.
fn panic_reason(payload: Box<dyn std::any::Any + Send>) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|text| text.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_string())
}

/// Observes and cancels one piece of long-lived work running on [`runtime`].
/// Dropping the handle cancels the work (a shell that forgets a handle
/// stops its download rather than leaking it); it always reports its end,
/// even when the work panicked.
#[derive(Debug)]
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
        TaskHandle::spawn_reporting(work, |_| {})
    }

    /// Like [`TaskHandle::spawn`], and `on_panic` hears of a panic of
    /// `work` (to tell its listener the work ended), after which the handle
    /// reports the end as for any other.
    pub fn spawn_reporting<F, Fut>(
        work: F,
        on_panic: impl FnOnce(TaskFailed) + Send + 'static,
    ) -> Arc<TaskHandle>
    where
        F: FnOnce(CancellationToken) -> Fut,
        Fut: Future<Output = ()> + Send + 'static,
    {
        let cancel = CancellationToken::new();
        let (done_tx, finished) = watch::channel(false);
        let future = work(cancel.clone());
        runtime().spawn(async move {
            if let Err(payload) = AssertUnwindSafe(future).catch_unwind().await {
                let reason = panic_reason(payload);
                // A panicking listener must not keep the end from being reported.
                let _ =
                    std::panic::catch_unwind(AssertUnwindSafe(|| on_panic(TaskFailed { reason })));
            }
            let _ = done_tx.send(true);
        });
        Arc::new(TaskHandle { cancel, finished })
    }

    /// Blocks the calling thread until the work has returned. Never from a
    /// thread of the core's runtime (tokio refuses to block there): for the
    /// command line and the shutdown of a server by its owner.
    pub fn wait(&self) {
        runtime().block_on(self.ended());
    }
}

impl Drop for TaskHandle {
    fn drop(&mut self) {
        self.cancel.cancel();
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

    /// Resumes once the work has returned (finished, failed, cancelled or panicked).
    pub async fn ended(&self) {
        let mut finished = self.finished.clone();
        let _ = finished.wait_for(|done| *done).await;
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

    #[test]
    fn a_panicking_task_reports_its_end_and_its_reason() {
        let (told_tx, told_rx) = std::sync::mpsc::channel();
        let handle = TaskHandle::spawn_reporting(
            |_| async { panic!("decoder bug") },
            move |failed| told_tx.send(failed.reason).unwrap(),
        );
        handle.wait();
        assert!(handle.is_finished());
        assert_eq!(told_rx.recv().unwrap(), "decoder bug");
    }

    #[test]
    fn dropping_the_handle_cancels_the_work() {
        let (ended_tx, ended_rx) = std::sync::mpsc::channel();
        let handle = TaskHandle::spawn(|cancel| async move {
            cancel.cancelled().await;
            ended_tx.send(()).unwrap();
        });
        drop(handle);
        ended_rx.recv_timeout(Duration::from_secs(60)).unwrap();
    }

    #[test]
    #[allow(clippy::manual_assert)] // the panic is the point, not an assertion
    fn a_panic_on_the_core_runtime_comes_back_as_a_task_failure() {
        let answer = runtime().block_on(on_core_runtime(async {
            if true {
                panic!("index out of range");
            }
        }));
        assert_eq!(
            answer,
            Err(TaskFailed {
                reason: "index out of range".into()
            })
        );
        assert_eq!(runtime().block_on(on_core_runtime(async { 7 })), Ok(7));
    }
}
