import Foundation
import Observation
import Sentier

/// The outbox as the report screens show it (each report with its state),
/// the ranger's field session, and the delivery loop while the app runs.
@MainActor
@Observable
final class OutboxModel {
    private(set) var entries: [OutboxEntry] = []
    private(set) var session: FieldSessionInfo?
    /// The server whose field session ended: the ranger must log in again.
    private(set) var loginRequired: String?
    /// When the signage and infrastructure were last downloaded for the ranger.
    private(set) var fieldAssets: FieldAssetsStatus?
    private(set) var error: String?
    private(set) var busy = false

    let reports: Reports
    private let settings: SettingsModel

    init(reports: Reports, settings: SettingsModel) {
        self.reports = reports
        self.settings = settings
    }

    /// Runs the core's delivery loop while the calling task lives, keeping the list current.
    func deliver() async {
        refresh()
        for await event in reports.deliveries() {
            switch event {
            case .reportChanged, .passFinished:
                refresh()
            case .loginRequired(let server):
                loginRequired = server
                refresh()
            }
        }
    }

    func refresh() {
        do {
            entries = try reports.list()
            if let server = settings.reportsServerURL {
                session = try reports.session(serverUrl: server)
                fieldAssets = try reports.fieldAssetsStatus(serverUrl: server)
            } else {
                session = nil
                fieldAssets = nil
            }
            error = nil
        } catch {
            self.error = error.localizedDescription
        }
    }

    /// Logs in to the territory's Geotrek-admin, then downloads its signage
    /// and infrastructure for picking offline.
    func logIn(username: String, password: String) async {
        guard let server = settings.reportsServerURL else { return }
        busy = true
        defer { busy = false }
        do {
            session = try await reports.login(serverUrl: server, username: username, password: password)
            loginRequired = nil
            fieldAssets = try await reports.downloadFieldAssets(serverUrl: server)
            error = nil
        } catch {
            self.error = error.localizedDescription
        }
    }

    /// Downloads the signage and infrastructure again.
    func refreshFieldAssets() async {
        guard let server = settings.reportsServerURL else { return }
        busy = true
        defer { busy = false }
        do {
            fieldAssets = try await reports.downloadFieldAssets(serverUrl: server)
            error = nil
        } catch {
            self.error = error.localizedDescription
        }
    }

    func logOut() {
        guard let server = settings.reportsServerURL else { return }
        do {
            try reports.logout(serverUrl: server)
            refresh()
        } catch {
            self.error = error.localizedDescription
        }
    }

    /// Removes a report that is not being sent.
    func discard(_ entry: OutboxEntry) {
        do {
            try reports.discard(id: entry.id)
            refresh()
        } catch {
            self.error = error.localizedDescription
        }
    }

    /// Queues a refused report again (the core checks it again); it leaves at the next pass.
    func retry(_ entry: OutboxEntry) {
        do {
            _ = try reports.queue(id: entry.id, references: nil)
            refresh()
        } catch {
            self.error = error.localizedDescription
        }
    }

    /// Sends what is due now rather than at the next pass.
    func sendNow() async {
        busy = true
        defer { busy = false }
        do {
            _ = try await reports.deliverOnce()
            error = nil
        } catch {
            self.error = error.localizedDescription
        }
        refresh()
    }
}
