import Foundation
import BackgroundTasks
import Sentier

/// Delivers the outbox when the system wakes the app in the background (a
/// BGAppRefreshTask): one delivery pass of the core, which decides what is
/// due, retried and given up.
enum OutboxBackgroundSync {
    /// Declared in project.yml under BGTaskSchedulerPermittedIdentifiers.
    static let identifier = "org.sentier.app.outbox"

    /// Asks the system for a refresh when the core says the next queued
    /// report comes due (its backoff and the servers' Retry-After); nothing
    /// is asked when nothing waits. A pending request is replaced, so calling
    /// it often is harmless.
    static func schedule(reports: Reports) {
        guard let dueMs = try? reports.nextDeliveryAtMs() else {
            BGTaskScheduler.shared.cancel(taskRequestWithIdentifier: identifier)
            return
        }
        let request = BGAppRefreshTaskRequest(identifier: identifier)
        request.earliestBeginDate = Date(timeIntervalSince1970: Double(dueMs) / 1000)
        // Refused in the simulator and when background refresh is off; the
        // foreground delivery loop still runs, so there is nothing to tell.
        try? BGTaskScheduler.shared.submit(request)
    }

    /// The task's work: one pass (the system's expiry cancels it; the core
    /// keeps unsent reports), then the next wake-up the core asks for.
    static func run(reports: Reports) async {
        _ = try? await reports.deliverOnce()
        schedule(reports: reports)
    }
}
