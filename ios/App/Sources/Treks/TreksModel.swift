import Foundation
import Observation
import Sentier

/// The core's trek search as an observable value; the views forward the
/// hiker's actions to `screen`.
@MainActor
@Observable
final class TreksModel {
    let screen: TrekSearchScreen
    private(set) var state: TrekSearchState
    @ObservationIgnored private var subscription: TaskHandle?

    init(screen: TrekSearchScreen) {
        self.screen = screen
        state = screen.state()
        subscription = screen.subscribe(listener: StateListener(onMainQueue { [weak self] in self?.state = $0 }))
    }
}
