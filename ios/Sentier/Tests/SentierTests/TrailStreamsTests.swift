import XCTest
@testable import Sentier

/// The follower's and the recorder's streams, fed with a walk the core simulates.
final class TrailStreamsTests: XCTestCase {
    /// A straight 600 m trek eastwards, as GPX.
    private let gpx = """
    <?xml version="1.0" encoding="UTF-8"?>
    <gpx version="1.1" creator="tests" xmlns="http://www.topografix.com/GPX/1/1">
      <trk><name>Test trek</name><trkseg>
        <trkpt lat="44.5" lon="6.5000"><ele>1000</ele></trkpt>
        <trkpt lat="44.5" lon="6.5075"><ele>1020</ele></trkpt>
      </trkseg></trk>
    </gpx>
    """

    private func walk() throws -> (Route, [Fix]) {
        let route = try routeFromGpx(gpx: gpx)
        return (route, try simulateWalk(line: route.line, config: walkSimulation(seed: 7)))
    }

    func testFollowingAWalkToItsEndReportsArrival() async throws {
        let (route, fixes) = try walk()
        let following = try TrailFollowing(route: route)

        var last: FollowState?
        for fix in fixes {
            last = following.push(fix)
        }
        following.finish()

        XCTAssertEqual(last?.status, .arrived)
        XCTAssertEqual(following.state.status, .arrived)
        var events: [FollowerEvent] = []
        for await event in following.events {
            events.append(event)
        }
        XCTAssertTrue(events.contains(.arrived))
    }

    func testRecorderUpdatesFollowARecordingFromStartToStop() async throws {
        let (_, fixes) = try walk()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let recorder = try TrackRecorder(storePath: folder.appendingPathComponent("tracks.sqlite").path, config: defaultRecorderConfig())

        let updates = recorder.updates()
        _ = try recorder.start(name: "Walk")
        _ = try recorder.pushFixes(fixes: fixes)
        let summary = try recorder.stop()

        var seen: [RecorderUpdate] = []
        for await update in updates {
            seen.append(update)
            if update == .state(.idle) {
                break
            }
        }
        XCTAssertEqual(seen.first, .state(.recording))
        XCTAssertEqual(seen.last, .state(.idle))
        let stats = seen.compactMap { update -> TrackStats? in
            if case .stats(let stats) = update { return stats }
            return nil
        }
        XCTAssertEqual(stats.last?.pointCount, summary.stats.pointCount)
        XCTAssertGreaterThan(summary.stats.distance2dM, 0)
    }
}
