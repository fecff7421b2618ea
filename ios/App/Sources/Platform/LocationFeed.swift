import CoreLocation
import Sentier

/// The device's location fixes, for the map, the recorder and the follower.
///
/// Fixes go to the core as they come: filtering, recording and following are
/// its work. While `keepRunningInBackground()` holds, updates go on with the
/// screen off (UIBackgroundModes `location`, `allowsBackgroundLocationUpdates`,
/// a background activity session and the system's location indicator).
@MainActor
final class LocationFeed {
    private let manager = CLLocationManager()
    private var backgroundSession: CLBackgroundActivitySession?

    /// Asks for "when in use" permission; recording started from the app then
    /// continues in the background without the "always" permission.
    func requestPermission() {
        if manager.authorizationStatus == .notDetermined {
            manager.requestWhenInUseAuthorization()
        }
    }

    /// The last fix the system knows, for searches around the hiker.
    var lastKnown: CLLocation? {
        manager.location
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
        manager.allowsBackgroundLocationUpdates = true
        manager.showsBackgroundLocationIndicator = true
        if backgroundSession == nil {
            backgroundSession = CLBackgroundActivitySession()
        }
    }

    func allowSuspension() {
        backgroundSession?.invalidate()
        backgroundSession = nil
        manager.allowsBackgroundLocationUpdates = false
    }
}

extension CLLocation {
    /// This location as the core's fix; CoreLocation marks unknown values
    /// negative, the core wants them absent.
    var fix: Fix {
        Fix(
            latitude: coordinate.latitude,
            longitude: coordinate.longitude,
            altitude: verticalAccuracy >= 0 ? altitude : nil,
            horizontalAccuracy: horizontalAccuracy >= 0 ? horizontalAccuracy : nil,
            verticalAccuracy: verticalAccuracy >= 0 ? verticalAccuracy : nil,
            speed: speed >= 0 ? speed : nil,
            bearing: course >= 0 ? course : nil,
            timestampMs: Int64(timestamp.timeIntervalSince1970 * 1000)
        )
    }

    var latLon: LatLon {
        LatLon(lat: coordinate.latitude, lon: coordinate.longitude)
    }
}
