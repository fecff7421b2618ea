import SwiftUI
import Sentier

/// The app's entry point: one window showing the root navigation, and the
/// outbox's background delivery (a BGAppRefreshTask, identifier declared in
/// project.yml) scheduled whenever the app leaves the screen.
@main
struct SentierApp: App {
    @State private var launch = AppServices.launch()
    @Environment(\.scenePhase) private var scenePhase

    init() {
        OSLogSink.install()
    }

    var body: some Scene {
        WindowGroup {
            switch launch {
            case .success(let services):
                RootView(services: services)
            case .failure(let error):
                ContentUnavailableView("Sentier cannot open its data", systemImage: "exclamationmark.triangle", description: Text(userMessage(error, language: negotiateLanguage(preferredTags: Locale.preferredLanguages))))
            }
        }
        .onChange(of: scenePhase) { _, phase in
            if phase == .background, let reports {
                OutboxBackgroundSync.schedule(reports: reports)
            }
        }
        .backgroundTask(.appRefresh(OutboxBackgroundSync.identifier)) { [reports] in
            if let reports {
                await OutboxBackgroundSync.run(reports: reports)
            }
        }
    }

    /// The outbox the background task delivers: the same store the screens use.
    private var reports: Reports? {
        try? launch.get().core.reports
    }
}
