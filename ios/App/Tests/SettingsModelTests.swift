import XCTest
import Sentier
@testable import SentierApp

@MainActor
final class SettingsModelTests: XCTestCase {
    private func freshDefaults() -> UserDefaults {
        let name = "SettingsModelTests.\(UUID().uuidString)"
        let defaults = UserDefaults(suiteName: name)!
        defaults.removePersistentDomain(forName: name)
        return defaults
    }

    func testUnitsChangeEveryMeasureAndArePersisted() {
        let defaults = freshDefaults()
        let model = SettingsModel(defaults: defaults, language: "fr")
        XCTAssertEqual(model.measures.distance(metres: 2430), "2,4 km")

        model.setUnits(.imperial)

        XCTAssertEqual(model.measures.distance(metres: 2414), "1,5 mi")
        XCTAssertEqual(SettingsModel(defaults: defaults, language: "en").units, .imperial)
    }

    func testBlankPackServerClearsIt() {
        let defaults = freshDefaults()
        let model = SettingsModel(defaults: defaults, language: "en")
        model.setPackServer(" https://packs.example.org/ ")
        XCTAssertEqual(model.packServerURL, "https://packs.example.org/")

        model.setPackServer("   ")

        XCTAssertNil(SettingsModel(defaults: defaults, language: "en").packServerURL)
    }
}
