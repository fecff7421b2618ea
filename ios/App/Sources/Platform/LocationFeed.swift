import CoreLocation

/// The device's location fixes, for the map, the recorder and the follower.
///
/// Fixes go to the core as they come: filtering, recording and following are
/// its work. While `keepRunningInBackground()` holds its session, updates go on
/// with the screen off (UIBackgroundModes `location`, with the system's
/// background location indicator).
@MainActor
final class LocationFeed {
    private let manager = CLLocationManager()
    private var backgroundSession: CLBackgroundActivitySession?

    /// Asks for "when in use" permission; recording started from the app then
    /// continues in the background without the "always" permission.
    func requestPermission() {
        manager.requestWhenInUseAuthorization()
    }

    /// The fixes as they arrive, until the consuming task is cancelled.
    func fixes() -> AsyncStream<CLLocation> {
        AsyncStream { continuation in
            let updates = Task {
                do {
                    for try await update in CLLocationUpdate.liveUpdates(.fitness) {
                        if let location = update.location {
                            continuation.yield(location)
                        }
                    }
                } catch {
                    // The updates end when the system stops them; the stream ends with them.
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in updates.cancel() }
        }
    }

    /// Keeps location updates flowing with the screen off, until `allowSuspension()`.
    func keepRunningInBackground() {
        if backgroundSession == nil {
            backgroundSession = CLBackgroundActivitySession()
        }
    }

    func allowSuspension() {
        backgroundSession?.invalidate()
        backgroundSession = nil
    }
}
