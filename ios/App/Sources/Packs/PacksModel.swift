import Foundation
import Observation
import Sentier

/// The core's packs screen and pack in use as an observable value; the
/// view forwards the hiker's actions to `screen`.
@MainActor
@Observable
final class PacksModel {
    let screen: PacksScreen
    private(set) var state: PacksState
    /// The catalog of the pack in use, opened by the core.
    private(set) var catalog: Catalog?
    @ObservationIgnored private var subscription: TaskHandle?

    init(screen: PacksScreen) {
        self.screen = screen
        state = screen.state()
        catalog = screen.catalogInUse()
        subscription = screen.subscribe(listener: StateListener(onMainQueue { [weak self] state in
            if self?.state.inUse != state.inUse {
                self?.catalog = screen.catalogInUse()
            }
            self?.state = state
        }))
    }
}
