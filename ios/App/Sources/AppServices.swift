import Foundation
import Observation
import Sentier

/// The core's stores of the app, opened once from its data folder.
struct CoreServices {
    let packs: Packs
    let reports: Reports
    let tracks: TrackLibrary
    /// The loopback tile server MapLibre reads the installed pack's map from.
    let map: OfflineMap
    let trackStorePath: String

    static func open(in folder: URL) throws -> CoreServices {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let trackStorePath = folder.appendingPathComponent("tracks.sqlite").path
        return CoreServices(
            packs: try Packs.open(dataDir: folder.path),
            reports: try Reports.open(
                outboxPath: folder.appendingPathComponent("outbox.sqlite").path,
                secrets: KeychainSecretStorage()
            ),
            tracks: try TrackLibrary(storePath: trackStorePath),
            map: OfflineMap(),
            trackStorePath: trackStorePath
        )
    }
}

/// The app's tabs.
enum AppTab: Hashable {
    case treks, map, record, report, packs, settings
}

/// The app's single instances of the core's services and of the models
/// shared by several screens; the core's packs screen decides the pack in
/// use, which gives the catalog and the map.
@MainActor
@Observable
final class AppServices {
    let settings: SettingsModel
    let core: CoreServices
    let location: LocationFeed
    let outbox: OutboxModel
    let recording: RecordingModel
    let packs: PacksModel
    let follow: FollowModel
    let trail: TrailService
    let mapView: MapViewModel
    var tab: AppTab = .treks

    init(core: CoreServices, settings: SettingsModel) {
        self.core = core
        self.settings = settings
        let location = LocationFeed()
        self.location = location
        outbox = OutboxModel(screen: ReportsOutbox.open(reports: core.reports, settings: settings.screen, utcOffsetMinutes: Int32(Date.now.utcOffsetMinutes)))
        recording = RecordingModel(screen: RecorderScreen.open(
            storePath: core.trackStorePath,
            settings: settings.screen,
            exportsDir: AppServices.exportsFolder.path,
            utcOffsetMinutes: Int32(Date.now.utcOffsetMinutes)
        ))
        packs = PacksModel(screen: PacksScreen.open(packs: core.packs, settings: settings.screen, map: core.map))
        follow = FollowModel(screen: TrekFollowScreen.open(settings: settings.screen))
        trail = TrailService(location: location)
        mapView = MapViewModel(screen: MapViewScreen.open(map: core.map, packs: packs.screen, follow: follow.screen, settings: settings.screen))
    }

    /// Where the core writes the GPX files the user shares.
    static let exportsFolder = FileManager.default.temporaryDirectory.appendingPathComponent("exports", isDirectory: true)

    /// Opens the core's stores and settings in Application Support; the
    /// error the core raised if they cannot be opened.
    static func launch() -> Result<AppServices, Error> {
        Result {
            let folder = try FileManager.default.url(for: .applicationSupportDirectory, in: .userDomainMask, appropriateFor: nil, create: true)
                .appendingPathComponent("Sentier", isDirectory: true)
            let core = try CoreServices.open(in: folder)
            let settings = SettingsModel(screen: SettingsScreen.open(dataDir: folder.path, deviceLanguages: Locale.preferredLanguages))
            return AppServices(core: core, settings: settings)
        }
    }

    /// The installed pack whose treks and map the app shows.
    var pack: InstalledPack? { packs.state.inUse }
    var catalog: Catalog? { packs.catalog }
    /// Changes with the pack in use, so that screens reload what it gives.
    var mapGeneration: String? { pack?.id }

    /// The trek the map highlights and the follower follows.
    var followedTrek: Int64? { follow.state.trekId }

    /// What the trail service runs for now.
    var trailActivity: TrailService.Activity {
        TrailService.Activity(followedTrek: followedTrek, recording: recording.state.active)
    }

    /// Follows trek `id` of the pack in use on the map; nil stops following.
    func follow(trek id: Int64?) {
        follow.screen.follow(catalog: id == nil ? nil : catalog, id: id ?? 0)
        if id != nil {
            tab = .map
        }
    }

    /// The photo or pictogram at `url` as the installed pack keeps it, else the URL itself.
    func mediaURL(_ url: String) -> URL? {
        if let pack, let file = try? core.packs.mediaFile(id: pack.id, url: url) {
            return URL(fileURLWithPath: file)
        }
        return URL(string: url)
    }
}
