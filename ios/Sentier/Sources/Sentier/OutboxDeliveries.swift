import SentierFFI

/// What the outbox's delivery reports.
public enum OutboxEvent: Equatable {
    /// A report changed state.
    case reportChanged(OutboxEntry)
    /// The field session of this server is gone: the ranger must log in again.
    case loginRequired(serverUrl: String)
    /// A delivery pass ended.
    case passFinished(SyncSummary)
}

public extension Reports {
    /// Delivers the outbox for as long as the stream is iterated: the core's
    /// delivery loop runs passes at once, when reports come due, on
    /// connectivity and every `periodSeconds`; ending the iteration stops it.
    func deliveries(periodSeconds: UInt32 = 300) -> AsyncStream<OutboxEvent> {
        AsyncStream { continuation in
            let handle = startSync(listener: OutboxClosureListener { event in _ = continuation.yield(event) }, periodSeconds: periodSeconds)
            continuation.onTermination = { _ in handle.cancel() }
        }
    }

    /// One delivery pass (a background task's work), telling `onEvent` what changes.
    func deliverOnce(onEvent: @escaping @Sendable (OutboxEvent) -> Void = { _ in }) async throws -> SyncSummary {
        try await syncNow(listener: OutboxClosureListener(onEvent))
    }
}

/// The core's outbox listener handing every call to one closure.
private final class OutboxClosureListener: OutboxListener {
    private let onEvent: @Sendable (OutboxEvent) -> Void

    init(_ onEvent: @escaping @Sendable (OutboxEvent) -> Void) {
        self.onEvent = onEvent
    }

    func onReportChanged(entry: OutboxEntry) {
        onEvent(.reportChanged(entry))
    }

    func onLoginRequired(serverUrl: String) {
        onEvent(.loginRequired(serverUrl: serverUrl))
    }

    func onSyncFinished(summary: SyncSummary) {
        onEvent(.passFinished(summary))
    }
}
