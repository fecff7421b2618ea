//! How a screen carries out its actions: one after another, in the order
//! they were asked, on the core's runtime. An action call returns at once
//! (a shell's main thread never waits on the disk or the network); its
//! effect arrives as a new state. A panicking action is reported through
//! `on_panic` and the screen goes on with the next.

use std::future::Future;
use std::panic::AssertUnwindSafe;

use futures_util::FutureExt;
use tokio::sync::{mpsc, oneshot};

use crate::runtime::TaskFailed;
use crate::runtime::runtime;

/// A screen's state machine: it takes its actions one at a time.
pub(crate) trait Machine: Send + 'static {
    type Action: Send + 'static;

    fn act(&mut self, action: Self::Action) -> impl Future<Output = ()> + Send + '_;

    /// An action panicked: the machine tells its user (the panic is a defect).
    fn on_panic(&mut self, failed: TaskFailed);
}

enum Envelope<A> {
    Act(A),
    Settled(oneshot::Sender<()>),
}

/// Where a screen's actions are sent.
pub(crate) struct Mailbox<A> {
    sender: mpsc::UnboundedSender<Envelope<A>>,
}

impl<A> Clone for Mailbox<A> {
    fn clone(&self) -> Self {
        Mailbox {
            sender: self.sender.clone(),
        }
    }
}

impl<A: Send + 'static> Mailbox<A> {
    /// Starts `machine` on the core's runtime; it stops when every mailbox is dropped.
    pub(crate) fn start<M: Machine<Action = A>>(machine: M) -> Mailbox<A> {
        Mailbox::start_with(|_| machine)
    }

    /// Starts the machine `build` makes with a mailbox of its own, for the
    /// work it starts to report back as actions.
    pub(crate) fn start_with<M: Machine<Action = A>>(
        build: impl FnOnce(WeakMailbox<A>) -> M,
    ) -> Mailbox<A> {
        let (sender, mut receiver) = mpsc::unbounded_channel::<Envelope<A>>();
        let mut machine = build(WeakMailbox {
            sender: sender.downgrade(),
        });
        runtime().spawn(async move {
            while let Some(envelope) = receiver.recv().await {
                match envelope {
                    Envelope::Act(action) => {
                        let outcome = AssertUnwindSafe(machine.act(action)).catch_unwind().await;
                        if let Err(payload) = outcome {
                            let reason = payload
                                .downcast_ref::<&str>()
                                .map(|text| text.to_string())
                                .or_else(|| payload.downcast_ref::<String>().cloned())
                                .unwrap_or_default();
                            machine.on_panic(TaskFailed { reason });
                        }
                    }
                    Envelope::Settled(done) => {
                        let _ = done.send(());
                    }
                }
            }
        });
        Mailbox { sender }
    }

    /// A mailbox that does not keep the machine running.
    pub(crate) fn downgrade(&self) -> WeakMailbox<A> {
        WeakMailbox {
            sender: self.sender.downgrade(),
        }
    }

    /// Asks for `action`; it is carried out after those asked before it.
    pub(crate) fn send(&self, action: A) {
        let _ = self.sender.send(Envelope::Act(action));
    }

    /// Resumes once every action asked so far has been carried out.
    pub(crate) async fn settled(&self) {
        let (done, wait) = oneshot::channel();
        if self.sender.send(Envelope::Settled(done)).is_ok() {
            let _ = wait.await;
        }
    }
}

/// A screen's mailbox held by its own work (downloads, settings changes):
/// it stops delivering once the screen is gone.
pub(crate) struct WeakMailbox<A> {
    sender: mpsc::WeakUnboundedSender<Envelope<A>>,
}

impl<A> Clone for WeakMailbox<A> {
    fn clone(&self) -> Self {
        WeakMailbox {
            sender: self.sender.clone(),
        }
    }
}

impl<A> WeakMailbox<A> {
    /// Asks for `action`; false once the screen is gone.
    pub(crate) fn send(&self, action: A) -> bool {
        self.sender
            .upgrade()
            .is_some_and(|sender| sender.send(Envelope::Act(action)).is_ok())
    }
}
