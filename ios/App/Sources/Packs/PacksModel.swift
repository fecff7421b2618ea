import Foundation
import Observation
import Sentier

/// The packs screen's state: the pack server's catalogue beside the installed
/// packs with their updates, downloads with progress, pause, cancel, removal.
/// Resuming, verifying, updating only what changed and the sizes' wording are the core's.
@MainActor
@Observable
final class PacksModel {
    /// What the server publishes.
    private(set) var available: [PackSummary] = []
    /// The installed packs, each with the newer version its server publishes, if any.
    private(set) var installed: [PackStatus] = []
    /// The downloads under way, by pack id: their last progress.
    private(set) var progress: [String: PackProgress] = [:]
    /// Downloads the hiker paused; downloading again resumes them.
    private(set) var paused: Set<String> = []
    private(set) var loading = false
    private(set) var error: String?

    private let packs: Packs
    private let settings: SettingsModel
    private var downloads: [String: Task<Void, Never>] = [:]

    init(packs: Packs, settings: SettingsModel) {
        self.packs = packs
        self.settings = settings
    }

    /// Asks the server for its packs and the installed ones for updates.
    func refresh() async {
        loading = true
        defer { loading = false }
        let packs = self.packs
        // The installed packs at once, from the disk; their servers (asked
        // briefly by the core, "server unreachable" offline) after.
        if let local = try? packs.installed() {
            let known = Dictionary(installed.map { ($0.pack.id, $0.updateAvailable) }, uniquingKeysWith: { first, _ in first })
            installed = local.map { PackStatus(pack: $0, updateAvailable: known[$0.id] ?? nil) }
        }
        do {
            installed = try await offMain { try packs.statuses() }
            if let server = settings.packServerURL {
                available = try await offMain { try packs.serverPacks(serverUrl: server) }
            } else {
                available = []
            }
            error = nil
        } catch {
            // Offline, the installed packs are still listed.
            installed = (try? packs.installed().map { PackStatus(pack: $0, updateAvailable: nil) }) ?? installed
            self.error = error.localizedDescription
        }
    }

    /// What the installed packs take on disk.
    var storageUsed: UInt64 {
        installed.reduce(0) { $0 + $1.pack.sizeOnDisk }
    }

    func installedPack(_ id: String) -> InstalledPack? {
        installed.first { $0.pack.id == id }?.pack
    }

    /// Downloads (or updates, or resumes) pack `id` from `serverUrl`;
    /// `onInstalled` is told once it is installed.
    func download(_ id: String, from serverUrl: String, onInstalled: @escaping (InstalledPack) async -> Void) {
        guard downloads[id] == nil else { return }
        paused.remove(id)
        let events = packs.downloadEvents(serverUrl: serverUrl, id: id)
        downloads[id] = Task { [weak self] in
            do {
                for try await event in events {
                    switch event {
                    case .progress(let progress):
                        self?.progress[id] = progress
                    case .installed(let pack):
                        await onInstalled(pack)
                    }
                }
            } catch PackError.Cancelled {
                // Paused or cancelled by the hiker: the row says so already.
            } catch {
                self?.error = error.localizedDescription
            }
            self?.downloads[id] = nil
            if self?.paused.contains(id) != true {
                self?.progress[id] = nil
            }
            await self?.refresh()
        }
    }

    /// Pauses the download of `id`, keeping what arrived.
    func pause(_ id: String) {
        paused.insert(id)
        packs.pause(id: id)
        downloads[id]?.cancel()
    }

    /// Stops the download of `id` and deletes what arrived.
    func cancel(_ id: String) {
        paused.remove(id)
        downloads[id]?.cancel()
        progress[id] = nil
        do {
            try packs.cancel(id: id)
        } catch {
            self.error = error.localizedDescription
        }
    }

    /// Removes installed pack `id` and reclaims its space.
    func remove(_ id: String) async {
        let packs = self.packs
        do {
            try await offMain { try packs.remove(id: id) }
        } catch {
            self.error = error.localizedDescription
        }
        await refresh()
    }
}
