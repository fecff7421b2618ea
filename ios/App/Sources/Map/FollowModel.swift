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
    /// The follower's latest event, which the banner tells until the next one.
    private(set) var lastEvent: FollowerEvent?
    /// The sensitive areas the hiker is in, by zone id, named by the follower's events.
    private(set) var sensitiveZones: [UInt64: String] = [:]
    private(set) var error: String?

    /// Follows trek `id` until the calling task is cancelled.
    func follow(trek id: Int64, catalog: Catalog, language: String, location: LocationFeed) async {
        state = nil
        lastEvent = nil
        sensitiveZones = [:]
        let following: TrailFollowing
        do {
            let route = try await offMain { try catalog.trekRoute(id: id, language: language) }
            following = try TrailFollowing(route: route)
        } catch {
            self.error = error.localizedDescription
            return
        }
        error = nil
        location.requestPermission()
        let fixes = location.fixes()
        await withTaskGroup(of: Void.self) { group in
            group.addTask { @MainActor [weak self] in
                for await event in following.events {
                    self?.take(event)
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

    private func take(_ event: FollowerEvent) {
        lastEvent = event
        switch event {
        case .enteredSensitiveZone(let zone, let name): sensitiveZones[zone] = name
        case .leftSensitiveZone(let zone, _): sensitiveZones[zone] = nil
        default: break
        }
    }
}
