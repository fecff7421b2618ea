import Foundation
import Sentier

/// The core's follow screen: banner and alerts, every judgement and word the
/// core's. `TrailService` hands it the device's fixes while a trek is followed.
typealias FollowModel = CoreScreen<TrekFollowScreen, FollowScreenState>

extension CoreScreen where Screen == TrekFollowScreen, State == FollowScreenState {
    convenience init(screen: TrekFollowScreen) {
        self.init(screen, state: screen.state()) { $0.subscribe(listener: $1) }
    }
}
