import XCTest
import Sentier
@testable import SentierApp

/// The settings adapter over the core's settings, kept in a fresh data folder.
@MainActor
final class SettingsModelTests: XCTestCase {
    private func freshFolder() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.path
    }

    /// Waits until the core's listener has delivered a state matching `condition`.
    private func settle(_ model: SettingsModel, until condition: @escaping (SettingsState) -> Bool) async {
        while !condition(model.state) {
            await Task.yield()
        }
    }

    func testUnitsChangeEveryMeasureAndAreKeptByTheCore() async throws {
        let folder = try freshFolder()
        let model = SettingsModel(screen: SettingsScreen.open(dataDir: folder, deviceLanguages: ["fr-FR"]))
        XCTAssertEqual(model.measures.distance(metres: 2430), "2,4 km")

        model.screen.setUnits(units: .imperial)
        await settle(model) { $0.units == .imperial }

        XCTAssertEqual(model.measures.distance(metres: 2414), "1,5 mi")
        XCTAssertEqual(SettingsScreen.open(dataDir: folder, deviceLanguages: ["en"]).state().units, .imperial)
    }

    func testARefusedAddressIsExplainedAndChangesNothing() async throws {
        let model = SettingsModel(screen: SettingsScreen.open(dataDir: try freshFolder(), deviceLanguages: ["en"]))
        model.screen.setAdminServer(text: " rangers.example ")
        model.screen.setAdminServer(text: "ftp://rangers.example")
        await settle(model) { $0.adminServerProblem != nil }

        XCTAssertEqual(model.reportsServerURL, "https://rangers.example/")
        XCTAssertEqual(model.state.adminServerProblem, "“ftp://rangers.example” is not a web address (http or https).")
    }
}
