//! A screen's state as a value that can be watched: subscribers receive the
//! current value first, then every change, in order (matrix-sdk-ui's
//! `next_now()` then `next()`). Written here rather than taken from
//! `eyeball`, whose subscribers skip the values published while they were
//! not polled: a screen's listener sees each state the screen went through.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use tokio::sync::mpsc;

use crate::runtime::TaskHandle;

/// A value that publishes its changes.
#[derive(Debug)]
pub struct Observable<T> {
    inner: Mutex<Inner<T>>,
}

#[derive(Debug)]
struct Inner<T> {
    value: T,
    subscribers: Vec<mpsc::UnboundedSender<T>>,
}

impl<T: Clone + PartialEq> Observable<T> {
    pub fn new(value: T) -> Observable<T> {
        Observable {
            inner: Mutex::new(Inner {
                value,
                subscribers: Vec::new(),
            }),
        }
    }

    /// The current value.
    pub fn get(&self) -> T {
        self.lock().value.clone()
    }

    /// Changes the value with `change`; subscribers hear of it when it changed.
    pub fn update(&self, change: impl FnOnce(&mut T)) {
        let mut inner = self.lock();
        let before = inner.value.clone();
        change(&mut inner.value);
        if inner.value != before {
            let value = inner.value.clone();
            // Sent under the lock: every subscriber sees the changes in order.
            inner
                .subscribers
                .retain(|subscriber| subscriber.send(value.clone()).is_ok());
        }
    }

    /// Replaces the value.
    pub fn set(&self, value: T) {
        self.update(|current| *current = value);
    }

    /// A subscriber whose first value is the current one.
    pub fn subscribe(&self) -> Subscriber<T> {
        let (sender, receiver) = mpsc::unbounded_channel();
        let mut inner = self.lock();
        let _ = sender.send(inner.value.clone());
        inner.subscribers.push(sender);
        Subscriber(receiver)
    }

    /// How many subscribers still listen (one dropped stops counting at once).
    pub fn listeners(&self) -> usize {
        self.lock()
            .subscribers
            .iter()
            .filter(|subscriber| !subscriber.is_closed())
            .count()
    }

    fn lock(&self) -> MutexGuard<'_, Inner<T>> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The values of an [`Observable`] from the one current when subscribing.
#[derive(Debug)]
pub struct Subscriber<T>(mpsc::UnboundedReceiver<T>);

impl<T> Subscriber<T> {
    /// The next value; `None` once the observable is gone.
    pub async fn next(&mut self) -> Option<T> {
        self.0.recv().await
    }

    /// The next value if one is waiting.
    pub fn try_next(&mut self) -> Option<T> {
        self.0.try_recv().ok()
    }
}

impl<T: Send + 'static> Subscriber<T> {
    /// Hands each value to `deliver` on the core's runtime, until the
    /// returned handle is cancelled or dropped: a shell's listener.
    pub fn forward(mut self, deliver: impl Fn(T) + Send + 'static) -> Arc<TaskHandle> {
        TaskHandle::spawn(move |cancel| async move {
            loop {
                tokio::select! {
                    _ = cancel.cancelled() => break,
                    next = self.next() => match next {
                        Some(value) => deliver(value),
                        None => break,
                    },
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_subscriber_gets_the_current_value_then_every_change_in_order() {
        let observable = Observable::new(1);
        observable.set(2);
        let mut subscriber = observable.subscribe();
        observable.set(3);
        observable.set(3);
        observable.update(|value| *value += 1);
        let seen: Vec<i32> = std::iter::from_fn(|| subscriber.try_next()).collect();
        assert_eq!(seen, [2, 3, 4], "no repeat of an unchanged value");
        assert_eq!(observable.get(), 4);
    }
}
