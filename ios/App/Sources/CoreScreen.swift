import Foundation
import Observation
import Sentier

/// A core screen and its state as an observable value: the current state
/// first, then every change the core publishes, on the main actor. The
/// views draw `state` and forward the user's actions to `screen`.
@MainActor
@Observable
final class CoreScreen<Screen: AnyObject, State: Sendable> {
    let screen: Screen
    private(set) var state: State
    @ObservationIgnored private var subscription: TaskHandle?

    init(_ screen: Screen, state: State, subscribe: (Screen, StateListener<State>) -> TaskHandle) {
        self.screen = screen
        self.state = state
        subscription = subscribe(screen, StateListener(onMainQueue { [weak self] in self?.state = $0 }))
    }
}
