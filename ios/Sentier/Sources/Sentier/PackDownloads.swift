import SentierFFI

/// What a running pack download reports: progress as bytes arrive, then the installed pack.
public enum PackEvent: Equatable, ProgressEvent {
    case progress(PackProgress)
    case installed(InstalledPack)

    public var progress: PackProgress? {
        if case .progress(let progress) = self { return progress }
        return nil
    }

    public var outcome: InstalledPack? {
        if case .installed(let pack) = self { return pack }
        return nil
    }
}

public extension Packs {
    /// Downloads pack `id` from `serverUrl` (or updates it): iterating starts
    /// the download on the core's runtime, ending the iteration (or cancelling
    /// its task) pauses it, and a later download resumes where it stopped; the
    /// installed version, if any, stays as it was. A failure ends the stream
    /// with the core's `PackError`.
    func downloadEvents(serverUrl: String, id: String) -> AsyncThrowingStream<PackEvent, Error> {
        AsyncThrowingStream { continuation in
            let handle = download(serverUrl: serverUrl, id: id, listener: PackStreamListener(continuation))
            continuation.onTermination = { _ in handle.cancel() }
        }
    }

    /// Downloads and returns the installed pack, reporting progress on the way.
    func downloadNow(serverUrl: String, id: String, onProgress: (PackProgress) -> Void = { _ in }) async throws -> InstalledPack {
        try await downloadEvents(serverUrl: serverUrl, id: id).outcome(onProgress: onProgress)
    }
}

/// The core's pack listener feeding a stream.
private final class PackStreamListener: PackListener {
    private let continuation: AsyncThrowingStream<PackEvent, Error>.Continuation

    init(_ continuation: AsyncThrowingStream<PackEvent, Error>.Continuation) {
        self.continuation = continuation
    }

    func onProgress(progress: PackProgress) {
        continuation.yield(.progress(progress))
    }

    func onFinished(pack: InstalledPack) {
        continuation.yield(.installed(pack))
        continuation.finish()
    }

    func onFailed(error: PackError) {
        continuation.finish(throwing: error)
    }
}
