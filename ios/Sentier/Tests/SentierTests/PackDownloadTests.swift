import XCTest
@testable import Sentier

/// A pack downloaded through the stream from the test kit's `pack-server`
/// (a small generated park, `demo`), which the CI workflow starts on the
/// Mac's loopback before the tests and names in SENTIER_PACK_SERVER_URL
/// (passed as TEST_RUNNER_SENTIER_PACK_SERVER_URL to xcodebuild). Skipped
/// when no server is given.
final class PackDownloadTests: XCTestCase {
    func testAPackDownloadsWithProgressThenItsTreksAreFoundInItsCatalog() async throws {
        guard let server = ProcessInfo.processInfo.environment["SENTIER_PACK_SERVER_URL"] else {
            throw XCTSkip("no pack server: set SENTIER_PACK_SERVER_URL to a running pack-server")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        defer { try? FileManager.default.removeItem(at: folder) }
        let packs = try Packs.open(dataDir: folder.path)
        let published = try XCTUnwrap(await packs.serverPacks(serverUrl: server).first { $0.id == "demo" })

        var progress: [PackProgress] = []
        let pack = try await packs.downloadNow(serverUrl: server, id: "demo") { progress.append($0) }

        XCTAssertEqual(pack.version, published.version)
        XCTAssertEqual(progress.last?.bytesTotal, published.size)
        XCTAssertTrue(zip(progress, progress.dropFirst()).allSatisfy { $0.bytesDone <= $1.bytesDone }, "bytes only grow")
        XCTAssertNil(try await packs.statuses().first?.updateAvailable)

        let catalog = try packs.catalog(id: "demo")
        let first = try XCTUnwrap(catalog.search(query: TrekQuery(language: "fr", limit: 1)).treks.first)
        let found = try catalog.search(query: TrekQuery(text: first.name, language: "fr"))
        XCTAssertTrue(found.treks.contains { $0.id == first.id })

        try packs.remove(id: "demo")
        XCTAssertEqual(try packs.installed(), [])
    }
}
