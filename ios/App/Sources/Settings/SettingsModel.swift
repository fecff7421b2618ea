import Foundation
import Observation
import Sentier

/// The hiker's settings kept by the platform (units, pack server), and the
/// core's `MeasureFormatter` every screen writes distances, durations and
/// speeds with. The display language is the app's localization in use, which
/// the system's per-app language setting decides.
@MainActor
@Observable
final class SettingsModel {
    private(set) var units: UnitSystem
    /// Where packs are listed and downloaded from; nil until the hiker picks a territory.
    private(set) var packServerURL: String?
    private(set) var measures: MeasureFormatter

    private let defaults: UserDefaults
    private let language: String

    init(defaults: UserDefaults = .standard, language: String = Bundle.main.preferredLocalizations.first ?? "en") {
        self.defaults = defaults
        self.language = language
        let units: UnitSystem = defaults.string(forKey: Keys.units) == Keys.imperial ? .imperial : .metric
        self.units = units
        self.packServerURL = defaults.string(forKey: Keys.packServer)
        self.measures = MeasureFormatter(units: units, language: language)
    }

    func setUnits(_ units: UnitSystem) {
        self.units = units
        defaults.set(units == .imperial ? Keys.imperial : Keys.metric, forKey: Keys.units)
        measures = MeasureFormatter(units: units, language: language)
    }

    /// A blank entry clears the server.
    func setPackServer(_ url: String) {
        let trimmed = url.trimmingCharacters(in: .whitespacesAndNewlines)
        packServerURL = trimmed.isEmpty ? nil : trimmed
        defaults.set(packServerURL, forKey: Keys.packServer)
    }

    private enum Keys {
        static let units = "units"
        static let packServer = "packServer"
        static let metric = "metric"
        static let imperial = "imperial"
    }
}
