import CoreLocation
import Sentier

/// The device's location fixes, for the map, the recorder, the follower and
/// the safety screen: one `CLLocationManager` whose fixes go to every stream
/// that `fixes()` handed out.
///
/// Fixes go to the core as they come: filtering, recording and following are
/// its work. The precision asked for is the core's (`apply(_:)` with the trail
/// session's `LocationRequest`). While `keepRunningInBackground()` holds,
/// updates go on with the screen off (UIBackgroundModes `location`,
/// `allowsBackgroundLocationUpdates`, a background activity session and the
/// system's location indicator).
@MainActor
final class LocationFeed: NSObject, CLLocationManagerDelegate {
    private let manager = CLLocationManager()
    private var backgroundSession: CLBackgroundActivitySession?
    private var streams: [UUID: AsyncStream<CLLocation>.Continuation] = [:]

    override init() {
        super.init()
        manager.delegate = self
        manager.activityType = .fitness
        apply(nil)
    }

    /// Asks for "when in use" permission; recording and following started
    /// from the app then continue in the background without "always".
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
        let id = UUID()
        let (stream, continuation) = AsyncStream.makeStream(of: CLLocation.self)
        streams[id] = continuation
        manager.startUpdatingLocation()
        continuation.onTermination = { [weak self] _ in
            Task { @MainActor in self?.endStream(id) }
        }
        return stream
    }

    /// Asks for fixes as the core's trail session says (accuracy and
    /// distance filter); nil, when it says nothing: the best fixes, as for
    /// the map. CoreLocation has no fix interval: the core's
    /// `intervalMs` is Android's alone.
    func apply(_ request: LocationRequest?) {
        manager.desiredAccuracy = request?.desiredAccuracy ?? kCLLocationAccuracyBest
        manager.distanceFilter = request?.distanceFilter ?? kCLDistanceFilterNone
    }

    /// Keeps location updates flowing with the screen off, until `allowSuspension()`.
    func keepRunningInBackground() {
        manager.allowsBackgroundLocationUpdates = true
        manager.showsBackgroundLocationIndicator = true
        manager.pausesLocationUpdatesAutomatically = false
        if backgroundSession == nil {
            backgroundSession = CLBackgroundActivitySession()
        }
    }

    func allowSuspension() {
        backgroundSession?.invalidate()
        backgroundSession = nil
        manager.allowsBackgroundLocationUpdates = false
        manager.showsBackgroundLocationIndicator = false
        manager.pausesLocationUpdatesAutomatically = true
        apply(nil)
    }

    private func endStream(_ id: UUID) {
        streams[id] = nil
        if streams.isEmpty {
            manager.stopUpdatingLocation()
        }
    }

    nonisolated func locationManager(_ manager: CLLocationManager, didUpdateLocations locations: [CLLocation]) {
        // The manager was made on the main thread: it calls its delegate there.
        MainActor.assumeIsolated {
            for location in locations {
                for stream in streams.values {
                    stream.yield(location)
                }
            }
        }
    }

    nonisolated func locationManager(_ manager: CLLocationManager, didFailWithError error: Error) {
        // A fix that could not be had (no signal yet, permission refused):
        // the streams wait for the next; the screens say "waiting".
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
