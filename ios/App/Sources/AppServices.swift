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
/// shared by several screens; the pack in use gives the catalog and the map.
@MainActor
@Observable
final class AppServices {
    let settings: SettingsModel
    let core: CoreServices
    let location: LocationFeed
    let outbox: OutboxModel
    let recording: RecordingModel
    let packs: PacksModel

    /// The installed pack whose treks and map the app shows.
    private(set) var pack: InstalledPack?
    private(set) var catalog: Catalog?
    /// The core's message when the pack in use could not be opened.
    private(set) var packError: String?
    /// Changes with the pack in use, so that maps reload its style.
    private(set) var mapGeneration = 0
    /// The trek the map highlights and the follower follows.
    private(set) var followedTrek: Int64?
    var tab: AppTab = .treks

    private let defaults: UserDefaults

    init(core: CoreServices, settings: SettingsModel, defaults: UserDefaults = .standard) {
        self.core = core
        self.settings = settings
        self.defaults = defaults
        let location = LocationFeed()
        self.location = location
        outbox = OutboxModel(reports: core.reports, settings: settings)
        recording = RecordingModel(core: core, settings: settings, location: location)
        packs = PacksModel(packs: core.packs, settings: settings)
    }

    /// Opens the core's stores in Application Support; the message of the
    /// core's error if they cannot be opened.
    static func launch() -> Result<AppServices, Error> {
        Result {
            let folder = try FileManager.default.url(for: .applicationSupportDirectory, in: .userDomainMask, appropriateFor: nil, create: true)
                .appendingPathComponent("Sentier", isDirectory: true)
            return AppServices(core: try CoreServices.open(in: folder), settings: SettingsModel())
        }
    }

    /// Shows the pack used last time, if it is still installed.
    func restorePack() async {
        guard pack == nil, let id = defaults.string(forKey: Keys.pack) else { return }
        let packs = core.packs
        if let installed = try? await offMain({ try packs.installed() }), let pack = installed.first(where: { $0.id == id }) {
            await use(pack)
        }
    }

    /// Shows `pack`: its catalog on every screen, its tiles on the map.
    func use(_ pack: InstalledPack) async {
        let (packs, map, previous, layer) = (core.packs, core.map, self.pack, Self.basemapLayer)
        do {
            let catalog = try await offMain { () throws -> Catalog in
                let catalog = try packs.catalog(id: pack.id)
                for file in previous?.tileFiles ?? [] {
                    _ = map.removeTileSet(path: file)
                }
                try packs.attachTiles(id: pack.id, map: map, layer: layer)
                _ = try map.start(overlays: catalog.overlays())
                return catalog
            }
            self.pack = pack
            self.catalog = catalog
            settings.packAdminServerURL = pack.adminUrl
            packError = nil
            mapGeneration += 1
            defaults.set(pack.id, forKey: Keys.pack)
        } catch {
            packError = error.localizedDescription
        }
    }

    /// Forgets the pack in use once it is removed.
    func packRemoved(_ id: String) {
        guard pack?.id == id else { return }
        for file in pack?.tileFiles ?? [] {
            _ = core.map.removeTileSet(path: file)
        }
        pack = nil
        catalog = nil
        settings.packAdminServerURL = nil
        followedTrek = nil
        mapGeneration += 1
        defaults.removeObject(forKey: Keys.pack)
    }

    /// The style of the map, with `followedTrek` highlighted; nil with no pack in use.
    var styleURL: URL? {
        _ = mapGeneration
        return core.map.styleUrl(selectedTrek: followedTrek, shownTreks: nil).flatMap(URL.init(string:))
    }

    /// Follows trek `id` on the map.
    func follow(trek id: Int64?) {
        followedTrek = id
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

    private static let basemapLayer = "basemap"

    private enum Keys {
        static let pack = "packInUse"
    }
}
