//! The core's log: `tracing` events from every module, handed to the sink
//! the platform installs (Android's logcat, iOS's unified log through
//! `os_log`, the desktop command's stderr), so a user's bug report can carry
//! what the core did. The sink is a foreign trait the shells implement: the
//! core stays free of platform logging crates, and each platform writes with
//! its own tags, levels and privacy rules.
//!
//! One process-wide subscriber delivers to the current sink; installing
//! another sink or level replaces it. Events are plain lines: the message,
//! then its fields as `key=value`.

use std::fmt::Write;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, OnceLock, RwLock};

use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::subscriber::Interest;
use tracing::{Event, Level, Metadata, Subscriber};

/// How much the core tells, most severe first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum LogLevel {
    Error,
    Warn,
    Info,
    Debug,
    Trace,
}

/// One event of the core's log.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct LogRecord {
    pub level: LogLevel,
    /// The module that wrote it, e.g. `sentier_core::catalog::sync`.
    pub target: String,
    /// The message, then its fields as `key=value`.
    pub message: String,
}

/// Where the core's log goes: implemented by each platform. Called on the
/// thread that logged, often a core worker: write and return.
#[cfg_attr(feature = "uniffi", uniffi::export(with_foreign))]
pub trait LogSink: Send + Sync {
    fn log(&self, record: LogRecord);
}

/// Sends the core's events up to `max_level` to `sink`, from now on, in
/// place of any sink installed before.
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn set_log_sink(sink: Arc<dyn LogSink>, max_level: LogLevel) {
    *SINK
        .write()
        .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(sink);
    MAX_LEVEL.store(max_level as u8 + 1, Ordering::Relaxed);
    install_subscriber();
}

/// Stops sending the core's events anywhere.
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn clear_log_sink() {
    MAX_LEVEL.store(OFF, Ordering::Relaxed);
    *SINK
        .write()
        .unwrap_or_else(std::sync::PoisonError::into_inner) = None;
}

/// `MAX_LEVEL` when no event is wanted; else the level's rank plus one.
const OFF: u8 = 0;
static MAX_LEVEL: AtomicU8 = AtomicU8::new(OFF);
static SINK: RwLock<Option<Arc<dyn LogSink>>> = RwLock::new(None);

/// Makes [`CoreSubscriber`] the process's subscriber, once. A process whose
/// host installed its own subscriber first keeps it.
fn install_subscriber() {
    static INSTALLED: OnceLock<()> = OnceLock::new();
    INSTALLED.get_or_init(|| {
        let _ = tracing::subscriber::set_global_default(CoreSubscriber);
    });
}

fn rank(level: Level) -> LogLevel {
    match level {
        Level::ERROR => LogLevel::Error,
        Level::WARN => LogLevel::Warn,
        Level::INFO => LogLevel::Info,
        Level::DEBUG => LogLevel::Debug,
        Level::TRACE => LogLevel::Trace,
    }
}

/// Hands each enabled event to the sink as a line; spans are not kept.
struct CoreSubscriber;

impl Subscriber for CoreSubscriber {
    fn register_callsite(&self, _: &'static Metadata<'static>) -> Interest {
        // The level can change at any time: ask `enabled` every time.
        Interest::sometimes()
    }

    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        (rank(*metadata.level()) as u8) < MAX_LEVEL.load(Ordering::Relaxed)
    }

    fn new_span(&self, _: &Attributes<'_>) -> Id {
        Id::from_u64(1)
    }

    fn record(&self, _: &Id, _: &Record<'_>) {}

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let sink = SINK
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone();
        let Some(sink) = sink else { return };
        let mut line = Line::default();
        event.record(&mut line);
        sink.log(LogRecord {
            level: rank(*event.metadata().level()),
            target: event.metadata().target().to_string(),
            message: line.text,
        });
    }

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}

/// An event's fields written as one line.
#[derive(Default)]
struct Line {
    text: String,
}

impl Visit for Line {
    fn record_str(&mut self, field: &Field, value: &str) {
        if field.name() == "message" {
            self.text.insert_str(0, value);
        } else {
            let _ = write!(self.text, " {}={value}", field.name());
        }
    }

    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        if field.name() == "message" {
            self.text.insert_str(0, &format!("{value:?}"));
        } else {
            let _ = write!(self.text, " {}={value:?}", field.name());
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;

    #[derive(Default)]
    struct Collected(Mutex<Vec<LogRecord>>);

    impl LogSink for Collected {
        fn log(&self, record: LogRecord) {
            self.0.lock().unwrap().push(record);
        }
    }

    #[test]
    fn events_reach_the_sink_up_to_its_level() {
        let sink = Arc::new(Collected::default());
        set_log_sink(sink.clone(), LogLevel::Info);
        tracing::info!(resource = "trek", objects = 12, "page stored");
        tracing::debug!("too detailed for this sink");
        set_log_sink(sink.clone(), LogLevel::Debug);
        tracing::debug!("wanted now");
        clear_log_sink();
        tracing::error!("after the sink was removed");

        // Other tests of this binary may log meanwhile: keep this test's events.
        let records: Vec<LogRecord> = sink
            .0
            .lock()
            .unwrap()
            .iter()
            .filter(|record| record.target == module_path!())
            .cloned()
            .collect();
        assert_eq!(
            records,
            [
                LogRecord {
                    level: LogLevel::Info,
                    target: "sentier_core::logging::tests".into(),
                    message: "page stored resource=trek objects=12".into(),
                },
                LogRecord {
                    level: LogLevel::Debug,
                    target: "sentier_core::logging::tests".into(),
                    message: "wanted now".into(),
                },
            ]
        );
    }
}
