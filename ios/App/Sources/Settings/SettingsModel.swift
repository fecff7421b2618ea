import Foundation
import Observation
import Sentier

/// The core's settings (kept in the app's data folder) as an observable
/// value, and the `MeasureFormatter` every screen writes measures with.
@MainActor
@Observable
final class SettingsModel {
    let screen: SettingsScreen
    private(set) var state: SettingsState
    private(set) var measures: MeasureFormatter
    @ObservationIgnored private var subscription: TaskHandle?

    init(screen: SettingsScreen) {
        self.screen = screen
        state = screen.state()
        measures = screen.measures()
        subscription = screen.subscribe(listener: StateListener(onMainQueue { [weak self] state in
            self?.state = state
            self?.measures = screen.measures()
        }))
    }

    /// The language catalogs are read in (`fr`).
    var language: String { languageCode(language: state.language) }
    var packServerURL: String? { state.packServerUrl }
    var reportsServerURL: String? { state.reportsServerUrl }
    var recorderConfig: RecorderConfig { screen.recorderConfig() }
}
