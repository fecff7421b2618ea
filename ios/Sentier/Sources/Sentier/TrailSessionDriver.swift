import CoreHaptics
import CoreLocation
import UserNotifications
import SentierFFI

/// What the phone does for the core's trail session: posts and withdraws
/// its notifications, plays its vibrations, applies its location request.
/// The app implements it with the system's services; tests record the calls.
@MainActor
public protocol TrailSessionShell: AnyObject {
    /// Posts `request`, replacing any notification of the same identifier.
    func post(_ request: UNNotificationRequest)
    /// Removes the notifications of `identifiers`: their episode is over.
    func withdraw(identifiers: [String])
    /// Plays `pattern` when the app is on screen (the notification's own
    /// sound and vibration do it otherwise).
    func vibrate(_ pattern: VibrationPattern)
    /// Asks CoreLocation for fixes as `request` says; nil: the session no
    /// longer needs fixes.
    func apply(_ request: LocationRequest?)
}

/// Feeds the device's fixes to the core's `TrailSession` and hands each
/// update to the shell: every alert, its words, its urgency, its vibration
/// and the location request are the core's; this only translates them into
/// UserNotifications and CoreLocation terms.
@MainActor
public final class TrailSessionDriver {
    public let session: TrailSession
    private weak var shell: TrailSessionShell?

    public init(session: TrailSession, shell: TrailSessionShell) {
        self.session = session
        self.shell = shell
    }

    /// Applies the session's location request as it stands (after starting
    /// or stopping a follow).
    public func applyLocationRequest() {
        shell?.apply(session.locationRequest())
    }

    /// Takes fixes in the order the device delivered them; a fix the session
    /// refuses (its recorder cannot store it) is thrown after the earlier
    /// fixes' updates are handed on.
    public func push(_ fixes: [Fix]) throws {
        for fix in fixes {
            handle(try session.pushFix(fix: fix))
        }
    }

    private func handle(_ update: SessionUpdate) {
        guard let shell else { return }
        if !update.withdrawnTags.isEmpty {
            shell.withdraw(identifiers: update.withdrawnTags)
        }
        for notification in update.notifications {
            shell.post(notification.request)
            shell.vibrate(notification.vibration)
        }
        if let request = update.locationRequest {
            shell.apply(request)
        }
    }
}

public extension TrailNotification {
    /// This alert as a local notification: its tag is the identifier (a
    /// notification replaces the one of the same tag), its channel the
    /// thread it is grouped in, its priority the interruption level; a
    /// silenced one (rate-limited) comes without sound.
    var request: UNNotificationRequest {
        let content = UNMutableNotificationContent()
        content.title = title
        content.body = body
        content.threadIdentifier = channelId
        content.interruptionLevel = priority.interruptionLevel
        content.sound = vibration == VibrationPattern.none ? nil : .default
        return UNNotificationRequest(identifier: tag, content: content, trigger: nil)
    }
}

public extension NotificationPriority {
    /// iOS's interruption level for the core's priority: low stays in the
    /// list quietly, high breaks through a Focus (time-sensitive).
    var interruptionLevel: UNNotificationInterruptionLevel {
        switch self {
        case .low: .passive
        case .`default`: .active
        case .high: .timeSensitive
        }
    }
}

public extension LocationRequest {
    /// CoreLocation's accuracy for the core's (the values its doc names).
    var desiredAccuracy: CLLocationAccuracy {
        switch accuracy {
        case .high: kCLLocationAccuracyBest
        case .balanced: kCLLocationAccuracyNearestTenMeters
        }
    }

    /// CoreLocation's distance filter: none when the core asks for every fix.
    var distanceFilter: CLLocationDistance {
        minDistanceM > 0 ? minDistanceM : kCLDistanceFilterNone
    }
}

/// A vibration of the core as Core Haptics events: one continuous event per
/// "on" span of the core's waveform (off, on, off, on... milliseconds).
public struct HapticWaveform: Equatable {
    /// Each pulse's start and length, seconds from the start.
    public let pulses: [Pulse]

    public struct Pulse: Equatable {
        public let start: TimeInterval
        public let duration: TimeInterval
    }

    public init(pattern: VibrationPattern) {
        self.init(timingsMs: vibrationTimingsMs(pattern: pattern))
    }

    init(timingsMs: [Int64]) {
        var pulses: [Pulse] = []
        var at: TimeInterval = 0
        for (index, span) in timingsMs.enumerated() {
            let seconds = TimeInterval(span) / 1000
            if index % 2 == 1, seconds > 0 {
                pulses.append(Pulse(start: at, duration: seconds))
            }
            at += seconds
        }
        self.pulses = pulses
    }

    /// The Core Haptics pattern playing the pulses at full strength.
    public func hapticPattern() throws -> CHHapticPattern {
        let events = pulses.map { pulse in
            CHHapticEvent(
                eventType: .hapticContinuous,
                parameters: [
                    CHHapticEventParameter(parameterID: .hapticIntensity, value: 1),
                    CHHapticEventParameter(parameterID: .hapticSharpness, value: 0.5),
                ],
                relativeTime: pulse.start,
                duration: pulse.duration
            )
        }
        return try CHHapticPattern(events: events, parameters: [])
    }
}
