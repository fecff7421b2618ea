import Foundation
import BackgroundTasks
import Sentier

/// Delivers the outbox when the system wakes the app in the background (a
/// BGAppRefreshTask): one delivery pass of the core, which decides what is
/// due, retried and given up.
enum OutboxBackgroundSync {
    /// Declared in project.yml under BGTaskSchedulerPermittedIdentifiers.
    static let identifier = "org.sentier.app.outbox"

    /// Asks the system for a refresh once the network is likely back; a
    /// pending request is replaced, so calling it often is harmless.
    static func schedule() {
        let request = BGAppRefreshTaskRequest(identifier: identifier)
        request.earliestBeginDate = Date(timeIntervalSinceNow: 15 * 60)
        // Refused in the simulator and when background refresh is off; the
        // foreground delivery loop still runs, so there is nothing to tell.
        try? BGTaskScheduler.shared.submit(request)
    }

    /// The task's work: the next refresh is asked for first, then one pass;
    /// the system's expiry cancels the pass (the core keeps unsent reports).
    static func run(reports: Reports) async {
        schedule()
        _ = try? await reports.deliverOnce()
    }
}
