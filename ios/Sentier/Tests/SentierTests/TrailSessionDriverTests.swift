import CoreLocation
import UserNotifications
import XCTest
@testable import Sentier

/// The trail session's adapters: a replayed walk with a detour through the
/// driver gives the core's alerts as local notifications (identifier, words,
/// interruption level), its vibrations and its location requests in
/// CoreLocation's terms; the safety screen's listener gets the core's state.
@MainActor
final class TrailSessionDriverTests: XCTestCase {
    /// A straight 1.5 km trek eastwards, as GPX.
    private let gpx = """
    <?xml version="1.0" encoding="UTF-8"?>
    <gpx version="1.1" creator="tests" xmlns="http://www.topografix.com/GPX/1/1">
      <trk><name>Lac du Pontet</name><trkseg>
        <trkpt lat="44.5" lon="6.5000"><ele>1000</ele></trkpt>
        <trkpt lat="44.5" lon="6.5095"><ele>1050</ele></trkpt>
        <trkpt lat="44.5" lon="6.5190"><ele>1100</ele></trkpt>
      </trkseg></trk>
    </gpx>
    """

    /// What the driver asked of the phone, in order.
    private final class RecordingShell: TrailSessionShell {
        var posted: [UNNotificationRequest] = []
        var withdrawn: [String] = []
        var vibrations: [VibrationPattern] = []
        var requests: [LocationRequest?] = []

        func post(_ request: UNNotificationRequest) { posted.append(request) }
        func withdraw(identifiers: [String]) { withdrawn.append(contentsOf: identifiers) }
        func vibrate(_ pattern: VibrationPattern) { vibrations.append(pattern) }
        func apply(_ request: LocationRequest?) { requests.append(request) }
    }

    private func session() -> TrailSession {
        TrailSession(settings: SessionSettings(language: .english, units: .metric, utcOffsetMinutes: 60, announcePoints: false))
    }

    /// A walk along the trek at 4 km/h that leaves it 130 m to the side for 300 m at 600 m.
    private func walkWithADetour(along route: Route) throws -> [Fix] {
        var config = walkSimulation(seed: 11)
        config.detours = [Detour(atM: 600, lengthM: 300, offsetM: -130)]
        return try simulateWalk(line: route.line, config: config)
    }

    func testADetourThenTheArrivalArePostedWithTheCoresWordsUrgencyAndVibration() throws {
        let route = try routeFromGpx(gpx: gpx)
        let shell = RecordingShell()
        let driver = TrailSessionDriver(session: session(), shell: shell)
        try driver.session.followRoute(route: route, config: defaultFollowerConfig())

        try driver.push(try walkWithADetour(along: route))

        let offRoute = try XCTUnwrap(shell.posted.first { $0.content.title.hasPrefix("Off the trek") })
        XCTAssertEqual(offRoute.identifier, "route")
        XCTAssertEqual(offRoute.content.interruptionLevel, .timeSensitive)
        XCTAssertNotNil(offRoute.content.sound)
        XCTAssertTrue(offRoute.content.body.contains("Lac du Pontet"))
        let backOn = try XCTUnwrap(shell.posted.first { $0.content.title == "Back on the trek" })
        // The same identifier: "back on the trek" replaces "off the trek".
        XCTAssertEqual(backOn.identifier, "route")
        XCTAssertEqual(backOn.content.interruptionLevel, .active)
        let arrival = try XCTUnwrap(shell.posted.last)
        XCTAssertEqual(arrival.identifier, "arrival")
        XCTAssertEqual(arrival.content.title, "Arrived: Lac du Pontet")
        XCTAssertTrue(shell.withdrawn.contains("route"))
        XCTAssertEqual(shell.vibrations.count, shell.posted.count)
        XCTAssertTrue(shell.vibrations.contains(.alarm))
        XCTAssertEqual(shell.vibrations.last, .doubleTap)
    }

    func testTheLocationRequestFollowsTheCoresBatteryModeThroughTheDetour() throws {
        let route = try routeFromGpx(gpx: gpx)
        let shell = RecordingShell()
        let driver = TrailSessionDriver(session: session(), shell: shell)
        try driver.session.followRoute(route: route, config: defaultFollowerConfig())
        driver.applyLocationRequest()

        try driver.push(try walkWithADetour(along: route))

        let modes = shell.requests.compactMap { $0?.mode }
        XCTAssertEqual(modes.first, .followingOnRoute)
        XCTAssertTrue(modes.contains(.offRoute))
        for request in shell.requests.compactMap({ $0 }) {
            XCTAssertEqual(request.desiredAccuracy, request.accuracy == .high ? kCLLocationAccuracyBest : kCLLocationAccuracyNearestTenMeters)
            XCTAssertEqual(request.distanceFilter, request.minDistanceM > 0 ? request.minDistanceM : kCLDistanceFilterNone)
        }
    }

    func testEveryBatteryModeBecomesACoreLocationRequest() {
        for request in batteryModes() {
            switch request.accuracy {
            case .high: XCTAssertEqual(request.desiredAccuracy, kCLLocationAccuracyBest)
            case .balanced: XCTAssertEqual(request.desiredAccuracy, kCLLocationAccuracyNearestTenMeters)
            }
            if request.minDistanceM > 0 {
                XCTAssertEqual(request.distanceFilter, request.minDistanceM)
            } else {
                XCTAssertEqual(request.distanceFilter, kCLDistanceFilterNone)
            }
        }
    }

    func testARateLimitedAlertIsPostedWithoutSound() {
        let alert = TrailNotification(
            kind: .offRoute, tag: "route", channelId: "trail.route", title: "Off the trek by 60 m",
            body: "Lac du Pontet: head back to the trek.", vibration: .alarm, priority: .high, atMs: 0
        )
        var silenced = alert
        silenced.vibration = VibrationPattern.none

        XCTAssertEqual(alert.request.identifier, "route")
        XCTAssertEqual(alert.request.content.threadIdentifier, "trail.route")
        XCTAssertNotNil(alert.request.content.sound)
        XCTAssertNil(silenced.request.content.sound)
        XCTAssertEqual(silenced.request.content.title, alert.title)
    }

    func testPrioritiesBecomeInterruptionLevels() {
        XCTAssertEqual(NotificationPriority.low.interruptionLevel, .passive)
        XCTAssertEqual(NotificationPriority.`default`.interruptionLevel, .active)
        XCTAssertEqual(NotificationPriority.high.interruptionLevel, .timeSensitive)
    }

    func testTheCoresVibrationsBecomeHapticPulses() throws {
        XCTAssertEqual(HapticWaveform(pattern: VibrationPattern.none).pulses, [])
        XCTAssertEqual(HapticWaveform(pattern: .tap).pulses, [.init(start: 0, duration: 0.15)])
        let alarm = HapticWaveform(pattern: .alarm)
        XCTAssertEqual(alarm.pulses.count, 3)
        XCTAssertEqual(alarm.pulses.map(\.duration), [0.6, 0.6, 0.6])
        XCTAssertEqual(alarm.pulses[1].start, 0.85, accuracy: 1e-9)
        XCTAssertNoThrow(try alarm.hapticPattern())
    }

    func testTheSafetyScreenListenerGetsThePositionForRescuers() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let settings = SettingsScreen.open(dataDir: folder.path, deviceLanguages: ["en"])
        let screen = SafetyScreen.open(catalog: nil, settings: settings)

        XCTAssertEqual(screen.state().calls.map(\.number), ["112"])
        XCTAssertNil(screen.state().position)
        XCTAssertNotNil(screen.state().waitingForPosition)

        let (states, continuation) = AsyncStream.makeStream(of: SafetyState.self)
        let handle = screen.subscribe(listener: StateListener<SafetyState> { _ = continuation.yield($0) })
        defer { handle.cancel() }
        screen.updateFix(fix: Fix(
            latitude: 44.979471, longitude: 6.043485, altitude: 1234,
            horizontalAccuracy: 8, verticalAccuracy: 4, speed: nil, bearing: nil,
            timestampMs: 1_782_806_400_000
        ))
        for await state in states {
            if let position = state.position {
                XCTAssertEqual(position.geoUri, "geo:44.979471,6.043485,1234;u=8")
                XCTAssertTrue(position.shareText.hasSuffix(position.geoUri))
                XCTAssertEqual(position.dms, "44°58′46.1″ N, 6°02′36.5″ E")
                break
            }
        }
    }
}
