import Foundation
import Sentier

/// The core's map screen: the style, the layer groups shown, the basemap
/// drawn and what lies where the hiker tapped; every rule and word the core's.
typealias MapViewModel = CoreScreen<MapViewScreen, MapViewState>

extension CoreScreen where Screen == MapViewScreen, State == MapViewState {
    convenience init(screen: MapViewScreen) {
        self.init(screen, state: screen.state()) { $0.subscribe(listener: $1) }
    }
}
