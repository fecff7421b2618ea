import Foundation
import Sentier

/// The core's recording screen: controls, live figures, recovery and the
/// saved tracks; every rule and word the core's. `TrailService` hands it the
/// device's fixes while the state says a track is open.
typealias RecordingModel = CoreScreen<RecorderScreen, RecordingState>

extension CoreScreen where Screen == RecorderScreen, State == RecordingState {
    convenience init(screen: RecorderScreen) {
        self.init(screen, state: screen.state()) { $0.subscribe(listener: $1) }
    }

    /// Starts a track named by the core from when it starts, on the device's clock.
    func start() {
        screen.start(name: nil, utcOffsetMinutes: Int32(Date.now.utcOffsetMinutes))
    }
}
