import SentierFFI

/// What the recorder tells while it records.
public enum RecorderUpdate: Equatable {
    /// It changed state (started, paused by the hiker or by itself, resumed, stopped).
    case state(RecorderState)
    /// The live statistics after a recorded fix.
    case stats(TrackStats)
}

public extension TrackRecorder {
    /// The recorder's updates while the stream is iterated; it is the
    /// recorder's one listener, removed when the iteration ends.
    func updates() -> AsyncStream<RecorderUpdate> {
        AsyncStream { continuation in
            setListener(listener: RecorderStreamListener(continuation))
            continuation.onTermination = { [weak self] _ in self?.setListener(listener: nil) }
        }
    }
}

/// The core's recorder listener feeding a stream.
private final class RecorderStreamListener: RecorderListener {
    private let continuation: AsyncStream<RecorderUpdate>.Continuation

    init(_ continuation: AsyncStream<RecorderUpdate>.Continuation) {
        self.continuation = continuation
    }

    func onStats(stats: TrackStats) {
        continuation.yield(.stats(stats))
    }

    func onState(state: RecorderState) {
        continuation.yield(.state(state))
    }
}
