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

    func testAdminServerIsWrittenByTheCoreAndPersisted() {
        let defaults = freshDefaults()
        XCTAssertTrue(SettingsModel(defaults: defaults, language: "en").setAdminServer(" admin.park.example "))

        XCTAssertEqual(SettingsModel(defaults: defaults, language: "en").adminServerURL, "https://admin.park.example/")
    }

    func testATypoIsRefusedAndChangesNothing() {
        let model = SettingsModel(defaults: freshDefaults(), language: "en")
        model.setPackServer("https://packs.example.org/")

        XCTAssertFalse(model.setPackServer("packs example"))
        XCTAssertFalse(model.setAdminServer("ftp://admin.park.example"))

        XCTAssertEqual(model.packServerURL, "https://packs.example.org/")
        XCTAssertNil(model.adminServerURL)
    }

    func testReportsGoToThePacksAdminUnlessAnotherIsEntered() {
        let model = SettingsModel(defaults: freshDefaults(), language: "en")
        XCTAssertNil(model.reportsServerURL)

        model.packAdminServerURL = "https://geotrek.park.example/"
        XCTAssertEqual(model.reportsServerURL, "https://geotrek.park.example/")

        model.setAdminServer("https://admin.other.example/")
        XCTAssertEqual(model.reportsServerURL, "https://admin.other.example/")
    }

    func testPointSpacingIsOneOfTheCoresChoicesAndIsKept() {
        let defaults = freshDefaults()
        let model = SettingsModel(defaults: defaults, language: "en")
        let sparse = recordingFilterChoices().minDistanceM.last!

        model.setRecordingMinDistance(sparse)

        var expected = defaultRecorderConfig()
        expected.filter.minDistanceM = sparse
        XCTAssertEqual(model.recorderConfig, expected)
        XCTAssertEqual(SettingsModel(defaults: defaults, language: "en").recordingMinDistanceM, sparse)
    }

    func testRecordingAccuracyChangesOnlyThatFilterOfTheCoresDefaults() {
        let model = SettingsModel(defaults: freshDefaults(), language: "en")
        XCTAssertEqual(model.recorderConfig, defaultRecorderConfig())

        model.setRecordingMaxAccuracy(20)

        var expected = defaultRecorderConfig()
        expected.filter.maxAccuracyM = 20
        XCTAssertEqual(model.recorderConfig, expected)
    }
}
