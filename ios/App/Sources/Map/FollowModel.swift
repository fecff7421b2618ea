import Foundation
import Observation
import Sentier

/// The core's follow screen (banner and alerts, every judgement and word
/// the core's) as an observable value, fed with the device's fixes while
/// the map shows.
@MainActor
@Observable
final class FollowModel {
    let screen: TrekFollowScreen
    private(set) var state: FollowScreenState
    @ObservationIgnored private var subscription: TaskHandle?

    init(screen: TrekFollowScreen) {
        self.screen = screen
        state = screen.state()
        subscription = screen.subscribe(listener: StateListener(onMainQueue { [weak self] in self?.state = $0 }))
    }

    /// Hands the device's fixes to the core's follower until the calling task is cancelled.
    func feed(_ location: LocationFeed) async {
        location.requestPermission()
        for await fix in location.fixes() {
            screen.pushFix(fix: fix.fix, utcOffsetMinutes: Int32(Date.now.utcOffsetMinutes))
        }
    }
}
