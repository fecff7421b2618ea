import CoreLocation
import Foundation
import Observation
import Sentier

/// The recording screen's state: the core's recorder fed with the device's
/// fixes (with the screen off too), its state and live statistics, and the
/// saved tracks. Which fixes count, auto-pause and the statistics are the core's.
@MainActor
@Observable
final class RecordingModel {
    private(set) var state: RecorderState = .idle
    private(set) var stats: TrackStats?
    private(set) var tracks: [TrackSummary] = []
    private(set) var error: String?

    private let core: CoreServices
    private let settings: SettingsModel
    private let location: LocationFeed
    private var recorder: TrackRecorder?
    private var recorderConfig: RecorderConfig?
    private var fixesTask: Task<Void, Never>?
    private var updatesTask: Task<Void, Never>?

    init(core: CoreServices, settings: SettingsModel, location: LocationFeed) {
        self.core = core
        self.settings = settings
        self.location = location
        openRecorder()
        refreshTracks()
    }

    /// Starts a new track, recording until `stop()`.
    func start() {
        if recorderConfig != settings.recorderConfig {
            openRecorder()
        }
        guard let recorder else { return }
        let now = Date.now
        let name = settings.measures.defaultTrackName(unixMs: now.unixMs, utcOffsetMinutes: now.utcOffsetMinutes)
        run { _ = try recorder.start(name: name) }
        feedFixes()
    }

    func pause() {
        run { try recorder?.pause() }
    }

    /// Resumes a paused track, including one recovered after the app was killed.
    func resume() {
        run { try recorder?.resume() }
        feedFixes()
    }

    func stop() {
        run { _ = try recorder?.stop() }
        fixesTask?.cancel()
        fixesTask = nil
        location.allowSuspension()
        stats = nil
        refreshTracks()
    }

    func refreshTracks() {
        run { tracks = try core.tracks.list() }
    }

    func delete(_ track: TrackSummary) {
        run { try core.tracks.delete(track: track.id) }
        refreshTracks()
    }

    /// `track` as a GPX file to share, written by the core when shared.
    func gpx(_ track: TrackSummary) -> GPXExport {
        let (library, id) = (core.tracks, track.id)
        return GPXExport(name: track.name) { path in
            try library.exportGpx(track: id, path: path)
        }
    }

    /// Opens the recorder with the settings' configuration; a recording the
    /// system killed is recovered paused, ready to resume.
    private func openRecorder() {
        updatesTask?.cancel()
        recorder = nil
        let config = settings.recorderConfig
        do {
            let recorder = try TrackRecorder(storePath: core.trackStorePath, config: config)
            self.recorder = recorder
            recorderConfig = config
            state = recorder.state()
            stats = recorder.stats()
            updatesTask = Task { [weak self] in
                for await update in recorder.updates() {
                    switch update {
                    case .state(let state): self?.state = state
                    case .stats(let stats): self?.stats = stats
                    }
                }
            }
        } catch {
            self.error = userMessage(error, language: settings.state.language)
        }
    }

    /// Gives the recorder every fix until the track stops, with the screen off too.
    private func feedFixes() {
        guard fixesTask == nil, let recorder, recorder.state() != .idle else { return }
        location.requestPermission()
        location.keepRunningInBackground()
        let fixes = location.fixes()
        fixesTask = Task { [weak self] in
            for await location in fixes {
                do {
                    _ = try recorder.pushFix(fix: location.fix)
                } catch {
                    self?.error = userMessage(error, language: self?.settings.state.language ?? .english)
                }
            }
        }
    }

    private func run(_ action: () throws -> Void) {
        do {
            try action()
            error = nil
        } catch {
            self.error = userMessage(error, language: settings.state.language)
        }
    }
}
