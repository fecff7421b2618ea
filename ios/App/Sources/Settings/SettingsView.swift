import SwiftUI
import UIKit
import Sentier

/// Language (the system's per-app setting), units and pack server; other
/// areas add their sections through `moreSections`.
struct SettingsView<MoreSections: View>: View {
    let model: SettingsModel
    @ViewBuilder var moreSections: () -> MoreSections
    @State private var server = ""

    var body: some View {
        Form {
            Section("Language") {
                // iOS keeps the per-app language in the system Settings app.
                Button("Change the app's language") {
                    if let url = URL(string: UIApplication.openSettingsURLString) {
                        UIApplication.shared.open(url)
                    }
                }
            }
            Section("Units") {
                Picker("Units", selection: Binding(get: { model.units }, set: model.setUnits)) {
                    Text("Metric (m, km)").tag(UnitSystem.metric)
                    Text("Imperial (ft, mi)").tag(UnitSystem.imperial)
                }
                .pickerStyle(.inline)
                .labelsHidden()
            }
            Section("Territory") {
                TextField("Pack server address", text: $server)
                    .textContentType(.URL)
                    .keyboardType(.URL)
                    .textInputAutocapitalization(.never)
                    .autocorrectionDisabled()
                    .onSubmit { model.setPackServer(server) }
                Button("Save") { model.setPackServer(server) }
            }
            moreSections()
        }
        .navigationTitle("Settings")
        .onAppear { server = model.packServerURL ?? "" }
    }
}
