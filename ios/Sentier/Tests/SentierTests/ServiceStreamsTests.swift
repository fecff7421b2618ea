import XCTest
@testable import Sentier

/// The streams over the core's task handles: outcomes and failures arrive,
/// and ending an iteration stops the core's work. Only the loopback address
/// is used; port 9 (discard) has no server, so requests fail at once.
final class ServiceStreamsTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private let unreachable = "http://127.0.0.1:9/"

    func testASyncThatCannotReachItsServerEndsWithTheCoresError() async throws {
        let catalog = try Catalog.open(path: folder.appendingPathComponent("catalog.sqlite").path)
        do {
            _ = try await catalog.syncNow(apiUrl: unreachable + "api/v2/")
            XCTFail("the sync should fail")
        } catch is CatalogError {
            // The catalog is as it was.
        }
        XCTAssertEqual(try catalog.status().treks, 0)
    }

    func testADownloadThatCannotReachItsServerEndsWithTheCoresError() async throws {
        let packs = try Packs.open(dataDir: folder.path)
        do {
            _ = try await packs.downloadNow(serverUrl: unreachable, id: "park")
            XCTFail("the download should fail")
        } catch is PackError {
            XCTAssertEqual(try packs.installed(), [])
        }
    }

    func testDeliveriesReportThePassTheyRunAtOnce() async throws {
        let reports = try Reports.open(outboxPath: folder.appendingPathComponent("outbox.sqlite").path, secrets: MemorySecrets())

        for await event in reports.deliveries(periodSeconds: 3600) {
            if case .passFinished(let summary) = event {
                XCTAssertEqual(summary.sent, 0)
                XCTAssertEqual(summary.failed, 0)
                break
            }
        }
        let summary = try await reports.deliverOnce()
        XCTAssertEqual(summary.sent, 0)
    }
}

/// Secrets kept in memory, for tests.
private final class MemorySecrets: SecretStorage, @unchecked Sendable {
    private var values: [String: String] = [:]
    private let lock = NSLock()

    func read(key: String) throws -> String? {
        lock.withLock { values[key] }
    }

    func write(key: String, value: String) throws {
        lock.withLock { values[key] = value }
    }

    func delete(key: String) throws {
        lock.withLock { values[key] = nil }
    }
}
