import Foundation
import Observation
import Sentier

/// Following a trek on the map: the core's follower fed with the device's
/// fixes; its state and its events (off route, point ahead, sensitive area,
/// arrival) are what the banner shows. Every judgement is the follower's.
@MainActor
@Observable
final class FollowModel {
    private(set) var state: FollowState?
    /// The follower's latest event, which the banner announces.
    private(set) var lastEvent: FollowerEvent?
    /// The names of the route's sensitive areas, by zone id.
    private var zoneNames: [UInt64: String] = [:]
    private(set) var error: String?

    /// Follows trek `id` until the calling task is cancelled.
    func follow(trek id: Int64, catalog: Catalog, language: String, location: LocationFeed) async {
        state = nil
        lastEvent = nil
        zoneNames = [:]
        let route: Route
        let following: TrailFollowing
        do {
            route = try await offMain { try catalog.trekRoute(id: id, language: language) }
            following = try TrailFollowing(route: route)
        } catch {
            self.error = error.localizedDescription
            return
        }
        error = nil
        zoneNames = Dictionary(route.sensitiveZones.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        location.requestPermission()
        let fixes = location.fixes()
        await withTaskGroup(of: Void.self) { group in
            group.addTask { @MainActor [weak self] in
                for await event in following.events {
                    self?.lastEvent = event
                }
            }
            group.addTask { @MainActor [weak self] in
                for await fix in fixes {
                    self?.state = following.push(fix.fix)
                }
                following.finish()
            }
        }
    }

    /// The sensitive areas the follower says the hiker is in.
    var sensitiveAreasHere: [String] {
        (state?.insideSensitiveZones ?? []).compactMap { zoneNames[$0] }
    }
}
