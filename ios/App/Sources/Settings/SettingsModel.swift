import Foundation
import Observation
import Sentier

/// The hiker's settings kept by the platform (units, servers, recording
/// filter), and the core's `MeasureFormatter` every screen writes distances,
/// durations and speeds with. The display language is the app's localization
/// in use, which the system's per-app language setting decides.
@MainActor
@Observable
final class SettingsModel {
    private(set) var units: UnitSystem
    /// Where packs are listed and downloaded from; nil until the hiker picks a territory.
    private(set) var packServerURL: String?
    /// The Geotrek-admin the hiker typed in, which overrides the pack's.
    private(set) var adminServerURL: String?
    /// The Geotrek-admin the pack in use was built from (the core's
    /// `InstalledPack.adminUrl`); set by the app when a pack is used.
    var packAdminServerURL: String?
    /// The territory's Geotrek-admin, which reports go to and rangers log in
    /// to: the one typed in settings, else the pack's own.
    var reportsServerURL: String? { adminServerURL ?? packAdminServerURL }
    /// Fixes less accurate than this are not recorded; nil keeps the core's default.
    private(set) var recordingMaxAccuracyM: Double?
    /// Points closer than this to the last one are not recorded; nil keeps the core's default.
    private(set) var recordingMinDistanceM: Double?
    private(set) var measures: MeasureFormatter
    /// The language the core writes names, descriptions and measures in.
    let language: String

    private let defaults: UserDefaults

    init(defaults: UserDefaults = .standard, language: String = Bundle.main.preferredLocalizations.first ?? "en") {
        self.defaults = defaults
        self.language = language
        let units: UnitSystem = defaults.string(forKey: Keys.units) == Keys.imperial ? .imperial : .metric
        self.units = units
        self.packServerURL = defaults.string(forKey: Keys.packServer)
        self.adminServerURL = defaults.string(forKey: Keys.adminServer)
        self.recordingMaxAccuracyM = defaults.object(forKey: Keys.maxAccuracy) as? Double
        self.recordingMinDistanceM = defaults.object(forKey: Keys.minDistance) as? Double
        self.measures = MeasureFormatter(units: units, language: language)
    }

    func setUnits(_ units: UnitSystem) {
        self.units = units
        defaults.set(units == .imperial ? Keys.imperial : Keys.metric, forKey: Keys.units)
        measures = MeasureFormatter(units: units, language: language)
    }

    /// Keeps the pack server typed in `url`, as the core writes an address;
    /// a blank entry clears it. False, and nothing kept, when it is not a web address.
    @discardableResult
    func setPackServer(_ url: String) -> Bool {
        guard case .kept(let address) = Self.address(url) else { return false }
        packServerURL = address
        defaults.set(packServerURL, forKey: Keys.packServer)
        return true
    }

    /// Keeps the Geotrek-admin typed in `url`; a blank entry clears it, and
    /// reports go to the pack's own again. False when it is not a web address.
    @discardableResult
    func setAdminServer(_ url: String) -> Bool {
        guard case .kept(let address) = Self.address(url) else { return false }
        adminServerURL = address
        defaults.set(adminServerURL, forKey: Keys.adminServer)
        return true
    }

    func setRecordingMaxAccuracy(_ metres: Double?) {
        recordingMaxAccuracyM = metres
        defaults.set(metres, forKey: Keys.maxAccuracy)
    }

    func setRecordingMinDistance(_ metres: Double?) {
        recordingMinDistanceM = metres
        defaults.set(metres, forKey: Keys.minDistance)
    }

    /// The recorder's configuration: the core's defaults with the hiker's filters.
    var recorderConfig: RecorderConfig {
        recorderConfigWith(maxAccuracyM: recordingMaxAccuracyM, minDistanceM: recordingMinDistanceM)
    }

    /// The core's reading of a typed address.
    private enum TypedAddress {
        /// The address as the core writes it; nil for a blank entry.
        case kept(String?)
        case refused
    }

    private static func address(_ entry: String) -> TypedAddress {
        do {
            return .kept(try typedServerAddress(text: entry))
        } catch {
            return .refused
        }
    }

    private enum Keys {
        static let units = "units"
        static let packServer = "packServer"
        static let adminServer = "adminServer"
        static let maxAccuracy = "recordingMaxAccuracyM"
        static let minDistance = "recordingMinDistanceM"
        static let metric = "metric"
        static let imperial = "imperial"
    }
}
