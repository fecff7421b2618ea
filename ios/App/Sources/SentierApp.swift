import SwiftUI

/// The app's entry point: one window showing the root navigation.
@main
struct SentierApp: App {
    @State private var services = AppServices()

    var body: some Scene {
        WindowGroup {
            RootView(services: services)
        }
    }
}
