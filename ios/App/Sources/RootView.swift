import SwiftUI

/// The root navigation of the app: one tab per area, each with the safety
/// screen's action in its toolbar (two taps to call 112 from any tab).
struct RootView: View {
    @Bindable var services: AppServices

    var body: some View {
        TabView(selection: $services.tab) {
            NavigationStack { TreksScreen(services: services).safetyAction(services) }
                .tabItem { Label("Treks", systemImage: "figure.hiking") }
                .tag(AppTab.treks)
            NavigationStack { MapScreen(services: services).safetyAction(services) }
                .tabItem { Label("Map", systemImage: "map") }
                .tag(AppTab.map)
            NavigationStack { RecordingView(model: services.recording).safetyAction(services) }
                .tabItem { Label("Record", systemImage: "record.circle") }
                .tag(AppTab.record)
            NavigationStack { ReportScreen(services: services).safetyAction(services) }
                .tabItem { Label("Report", systemImage: "exclamationmark.bubble") }
                .tag(AppTab.report)
            NavigationStack { PacksView(model: services.packs, services: services).safetyAction(services) }
                .tabItem { Label("Packs", systemImage: "arrow.down.circle") }
                .tag(AppTab.packs)
            NavigationStack {
                SettingsView(model: services.settings) {
                    RangerSection(outbox: services.outbox)
                }
                .safetyAction(services)
            }
            .tabItem { Label("Settings", systemImage: "gear") }
            .tag(AppTab.settings)
        }
        // Following and recording go on whichever tab shows, and with the screen off.
        .task(id: services.trailActivity) { await services.trail.run(services.trailActivity, services: services) }
        .task { await services.outbox.deliver() }
        .task { await ConnectivityMonitor.forward(to: services.core.reports) }
    }
}
