/// The events of a long task of the core (a sync, a download): progress,
/// then one outcome.
public protocol ProgressEvent {
    associatedtype Progress
    associatedtype Outcome
    var progress: Progress? { get }
    var outcome: Outcome? { get }
}

public extension AsyncThrowingStream where Element: ProgressEvent, Failure == Error {
    /// Runs the task to its outcome, telling `onProgress` on the way; the
    /// task's error is thrown as the core gave it, and cancelling the calling
    /// task cancels the core's.
    func outcome(onProgress: (Element.Progress) -> Void = { _ in }) async throws -> Element.Outcome {
        for try await event in self {
            if let outcome = event.outcome {
                return outcome
            }
            if let progress = event.progress {
                onProgress(progress)
            }
        }
        throw CancellationError()
    }
}
