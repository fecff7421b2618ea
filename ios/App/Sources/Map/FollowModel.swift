import Foundation
import Sentier

/// The core's follow screen: banner and alerts, every judgement and word the core's.
typealias FollowModel = CoreScreen<TrekFollowScreen, FollowScreenState>

extension CoreScreen where Screen == TrekFollowScreen, State == FollowScreenState {
    convenience init(screen: TrekFollowScreen) {
        self.init(screen, state: screen.state()) { $0.subscribe(listener: $1) }
    }

    /// Hands the device's fixes to the core's follower until the calling task is cancelled.
    func feed(_ location: LocationFeed) async {
        location.requestPermission()
        for await fix in location.fixes() {
            screen.pushFix(fix: fix.fix, utcOffsetMinutes: Int32(Date.now.utcOffsetMinutes))
        }
    }
}
