import SwiftUI

/// The root navigation of the app.
struct RootView: View {
    let services: AppServices

    var body: some View {
        NavigationStack {
            SettingsView(model: services.settings) { EmptyView() }
        }
    }
}
