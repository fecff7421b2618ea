import Foundation
import Observation
import Sentier

/// The core's report composer as an observable value; the form forwards
/// the user's actions to `screen`.
@MainActor
@Observable
final class ReportModel {
    let screen: ReportComposerScreen
    private(set) var state: ReportComposerState
    @ObservationIgnored private var subscription: TaskHandle?

    init(screen: ReportComposerScreen) {
        self.screen = screen
        state = screen.state()
        subscription = screen.subscribe(listener: StateListener(onMainQueue { [weak self] in self?.state = $0 }))
    }

    /// The core's words for what is wrong with `field`, once sending was refused.
    func problem(_ field: ReportField) -> String? {
        state.problems.first { $0.field == field }?.message
    }
}
