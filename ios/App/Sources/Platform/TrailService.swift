import CoreHaptics
import OSLog
import Sentier
import UIKit
import UserNotifications

/// The outing with the phone in the pocket: while a trek is followed or a
/// track recorded, the device's fixes go once to the follow screen (the
/// banner), the recording screen (the track) and the core's `TrailSession`
/// (the alerts and the location request), with the screen off too.
///
/// The session's alerts become local notifications with the core's title,
/// body and urgency; on screen, they show as banners and play the core's
/// vibration on the Taptic Engine. Every decision and word is the core's.
@MainActor
final class TrailService: NSObject, TrailSessionShell, UNUserNotificationCenterDelegate {
    /// What the service runs for: the trek followed and whether a track is open.
    struct Activity: Equatable {
        let followedTrek: Int64?
        let recording: Bool

        var isIdle: Bool { followedTrek == nil && !recording }
    }

    private let location: LocationFeed
    private let notifications = UNUserNotificationCenter.current()
    private var haptics: CHHapticEngine?
    private let log = Logger(subsystem: "org.sentier.app", category: "trail")

    init(location: LocationFeed) {
        self.location = location
        super.init()
        notifications.delegate = self
    }

    /// Feeds the device's fixes to the screens and the session while
    /// `activity` holds, until the calling task is cancelled (the activity
    /// changed); the location request goes back to the map's after.
    func run(_ activity: Activity, services: AppServices) async {
        guard !activity.isIdle else { return }
        location.requestPermission()
        location.keepRunningInBackground()
        defer { location.allowSuspension() }
        // Asked once; fixes flow while the hiker answers.
        Task { _ = try? await notifications.requestAuthorization(options: [.alert, .sound]) }
        let driver = TrailSessionDriver(session: session(following: activity.followedTrek, services: services), shell: self)
        driver.applyLocationRequest()
        for await position in location.fixes() {
            let fix = position.fix
            if activity.followedTrek != nil {
                services.follow.screen.pushFix(fix: fix, utcOffsetMinutes: Int32(Date.now.utcOffsetMinutes))
            }
            if activity.recording {
                services.recording.screen.pushFixes(fixes: [fix])
            }
            do {
                try driver.push([fix])
            } catch {
                // Only a session's own recording can refuse a fix (its store
                // failing); this one records nothing: the recording screen does.
                log.error("the trail session refused a fix: \(error.localizedDescription, privacy: .public)")
            }
        }
    }

    /// A session in the hiker's language and units, following trek
    /// `followed` of the pack in use with its practice's sensitive areas.
    private func session(following followed: Int64?, services: AppServices) -> TrailSession {
        let settings = services.settings.state
        let session = TrailSession(settings: SessionSettings(
            language: settings.language,
            units: settings.units,
            utcOffsetMinutes: Int32(Date.now.utcOffsetMinutes),
            announcePoints: false
        ))
        if let followed, let catalog = services.catalog {
            let language = services.settings.language
            do {
                try session.followTrek(
                    trek: catalog.trekDetail(id: followed, language: language),
                    sensitivityPractices: catalog.choices(list: .sensitiveAreaPractice, language: language),
                    config: defaultFollowerConfig()
                )
            } catch {
                // The follow screen reads the same trek and shows the core's
                // words for this failure; the session then only records.
                log.error("the trail session cannot follow trek \(followed): \(userMessage(error, language: settings.language), privacy: .public)")
            }
        }
        return session
    }

    // MARK: TrailSessionShell

    func post(_ request: UNNotificationRequest) {
        notifications.add(request)
    }

    func withdraw(identifiers: [String]) {
        notifications.removeDeliveredNotifications(withIdentifiers: identifiers)
        notifications.removePendingNotificationRequests(withIdentifiers: identifiers)
    }

    func vibrate(_ pattern: VibrationPattern) {
        let waveform = HapticWaveform(pattern: pattern)
        guard !waveform.pulses.isEmpty, UIApplication.shared.applicationState == .active,
              CHHapticEngine.capabilitiesForHardware().supportsHaptics else { return }
        do {
            let engine = try haptics ?? CHHapticEngine()
            haptics = engine
            try engine.start()
            try engine.makePlayer(with: waveform.hapticPattern()).start(atTime: CHHapticTimeImmediate)
        } catch {
            log.error("haptics failed: \(error.localizedDescription, privacy: .public)")
        }
    }

    func apply(_ request: LocationRequest?) {
        location.apply(request)
    }

    // MARK: UNUserNotificationCenterDelegate

    /// On screen, the alert shows as a banner; the haptic (played by
    /// `vibrate`) stands for the sound.
    nonisolated func userNotificationCenter(
        _ center: UNUserNotificationCenter,
        willPresent notification: UNNotification
    ) async -> UNNotificationPresentationOptions {
        [.banner, .list]
    }
}
