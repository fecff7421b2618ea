import SwiftUI

/// The root navigation of the app: one tab per area.
struct RootView: View {
    @Bindable var services: AppServices

    var body: some View {
        TabView(selection: $services.tab) {
            NavigationStack { TreksScreen(services: services) }
                .tabItem { Label("Treks", systemImage: "figure.hiking") }
                .tag(AppTab.treks)
            NavigationStack { MapScreen(services: services) }
                .tabItem { Label("Map", systemImage: "map") }
                .tag(AppTab.map)
            NavigationStack { RecordingView(model: services.recording, location: services.location) }
                .tabItem { Label("Record", systemImage: "record.circle") }
                .tag(AppTab.record)
            NavigationStack { ReportScreen(services: services) }
                .tabItem { Label("Report", systemImage: "exclamationmark.bubble") }
                .tag(AppTab.report)
            NavigationStack { PacksView(model: services.packs, services: services) }
                .tabItem { Label("Packs", systemImage: "arrow.down.circle") }
                .tag(AppTab.packs)
            NavigationStack {
                SettingsView(model: services.settings) {
                    RangerSection(outbox: services.outbox)
                }
            }
            .tabItem { Label("Settings", systemImage: "gear") }
            .tag(AppTab.settings)
        }
        .task { await services.outbox.deliver() }
        .task { await ConnectivityMonitor.forward(to: services.core.reports) }
    }
}
