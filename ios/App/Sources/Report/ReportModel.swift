import Sentier

/// The core's report composer.
typealias ReportModel = CoreScreen<ReportComposerScreen, ReportComposerState>

extension CoreScreen where Screen == ReportComposerScreen, State == ReportComposerState {
    convenience init(screen: ReportComposerScreen) {
        self.init(screen, state: screen.state()) { $0.subscribe(listener: $1) }
    }

    /// The core's words for what is wrong with `field`, once sending was refused.
    func problem(_ field: ReportField) -> String? {
        state.problems.first { $0.field == field }?.message
    }
}
