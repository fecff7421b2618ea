import SentierFFI

/// What a running catalog sync reports: progress after each page, then its report.
public enum SyncEvent: Equatable, ProgressEvent {
    case progress(SyncProgress)
    case finished(SyncReport)

    public var progress: SyncProgress? {
        if case .progress(let progress) = self { return progress }
        return nil
    }

    public var outcome: SyncReport? {
        if case .finished(let report) = self { return report }
        return nil
    }
}

public extension Catalog {
    /// Syncs `apiUrl` into this catalog: iterating starts the sync on the
    /// core's runtime, ending the iteration (or cancelling its task) cancels
    /// it and the catalog stays as it was; a failure ends the stream with the
    /// core's `CatalogError`.
    func syncEvents(apiUrl: String, options: SyncOptions = SyncOptions(languages: [])) -> AsyncThrowingStream<SyncEvent, Error> {
        AsyncThrowingStream { continuation in
            let handle = sync(apiUrl: apiUrl, options: options, listener: SyncStreamListener(continuation))
            continuation.onTermination = { _ in handle.cancel() }
        }
    }

    /// Syncs and returns once the catalog has committed, reporting progress on the way.
    func syncNow(
        apiUrl: String,
        options: SyncOptions = SyncOptions(languages: []),
        onProgress: (SyncProgress) -> Void = { _ in }
    ) async throws -> SyncReport {
        try await syncEvents(apiUrl: apiUrl, options: options).outcome(onProgress: onProgress)
    }
}

/// The core's sync listener feeding a stream.
private final class SyncStreamListener: SyncListener {
    private let continuation: AsyncThrowingStream<SyncEvent, Error>.Continuation

    init(_ continuation: AsyncThrowingStream<SyncEvent, Error>.Continuation) {
        self.continuation = continuation
    }

    func onProgress(progress: SyncProgress) {
        continuation.yield(.progress(progress))
    }

    func onFinished(report: SyncReport) {
        continuation.yield(.finished(report))
        continuation.finish()
    }

    func onFailed(error: CatalogError) {
        continuation.finish(throwing: error)
    }
}
