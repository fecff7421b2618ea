import Sentier

/// The core's trek search.
typealias TreksModel = CoreScreen<TrekSearchScreen, TrekSearchState>

extension CoreScreen where Screen == TrekSearchScreen, State == TrekSearchState {
    convenience init(screen: TrekSearchScreen) {
        self.init(screen, state: screen.state()) { $0.subscribe(listener: $1) }
    }
}
