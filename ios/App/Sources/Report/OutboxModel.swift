import Sentier

/// The core's outbox and ranger account; what is sent when, retried or
/// given up is the core's.
typealias OutboxModel = CoreScreen<ReportsOutbox, OutboxState>

extension CoreScreen where Screen == ReportsOutbox, State == OutboxState {
    convenience init(screen: ReportsOutbox) {
        self.init(screen, state: screen.state()) { $0.subscribe(listener: $1) }
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
