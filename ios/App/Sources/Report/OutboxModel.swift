import Foundation
import Observation
import Sentier

/// The core's outbox and ranger account as an observable value; the views
/// forward the user's actions to `screen`. What is sent when, retried or
/// given up is the core's.
@MainActor
@Observable
final class OutboxModel {
    let screen: ReportsOutbox
    private(set) var state: OutboxState
    @ObservationIgnored private var subscription: TaskHandle?

    init(screen: ReportsOutbox) {
        self.screen = screen
        state = screen.state()
        subscription = screen.subscribe(listener: StateListener(onMainQueue { [weak self] in self?.state = $0 }))
    }

    /// Runs the core's delivery loop while the calling task lives.
    func deliver() async {
        let loop = screen.deliver(periodSeconds: 300)
        await withTaskCancellationHandler {
            await loop.ended()
        } onCancel: {
            loop.cancel()
        }
    }
}
