import SwiftUI
import UIKit
import Sentier

/// Language (the system's per-app setting), units, the territory's servers
/// and the recording filter; other areas add their sections through `moreSections`.
struct SettingsView<MoreSections: View>: View {
    let model: SettingsModel
    let moreSections: () -> MoreSections
    @State private var packServer = ""
    @State private var adminServer = ""
    /// Addresses the core refused, marked until edited.
    @State private var packServerRefused = false
    @State private var adminServerRefused = false

    init(model: SettingsModel, @ViewBuilder moreSections: @escaping () -> MoreSections) {
        self.model = model
        self.moreSections = moreSections
    }

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
            Section {
                TextField("Pack server address", text: $packServer)
                    .urlEntry()
                    .onSubmit { packServerRefused = !model.setPackServer(packServer) }
                    .onChange(of: packServer) { packServerRefused = false }
                if packServerRefused { refusedAddress }
                TextField("Geotrek-admin address", text: $adminServer, prompt: model.packAdminServerURL.map { Text(verbatim: $0) })
                    .urlEntry()
                    .onSubmit { adminServerRefused = !model.setAdminServer(adminServer) }
                    .onChange(of: adminServer) { adminServerRefused = false }
                if adminServerRefused { refusedAddress }
                Button("Save") {
                    packServerRefused = !model.setPackServer(packServer)
                    adminServerRefused = !model.setAdminServer(adminServer)
                }
            } header: {
                Text("Territory")
            } footer: {
                Text("Packs are downloaded from the pack server. Reports go to the Geotrek-admin the pack in use came from, where rangers log in, unless you enter another address.")
            }
            Section {
                Picker("Ignore positions less accurate than", selection: Binding(get: { model.recordingMaxAccuracyM }, set: model.setRecordingMaxAccuracy)) {
                    Text("Default").tag(Double?.none)
                    ForEach(Self.filters.maxAccuracyM, id: \.self) { metres in
                        Text(model.measures.distance(metres: metres)).tag(Double?.some(metres))
                    }
                }
                Picker("Keep points at least this far apart", selection: Binding(get: { model.recordingMinDistanceM }, set: model.setRecordingMinDistance)) {
                    Text("Default").tag(Double?.none)
                    ForEach(Self.filters.minDistanceM, id: \.self) { metres in
                        Text(model.measures.distance(metres: metres)).tag(Double?.some(metres))
                    }
                }
            } header: {
                Text("Recording")
            } footer: {
                Text("Applies from the next recording.")
            }
            moreSections()
        }
        .navigationTitle("Settings")
        .onAppear {
            packServer = model.packServerURL ?? ""
            adminServer = model.adminServerURL ?? ""
        }
    }

    /// Under an address the core refused.
    private var refusedAddress: some View {
        Label("Not a web address: type it as https://example.org", systemImage: "exclamationmark.circle")
            .font(.footnote)
            .foregroundStyle(.red)
    }

    /// The recording filters the core offers.
    private static let filters = recordingFilterChoices()
}

private extension View {
    func urlEntry() -> some View {
        textContentType(.URL)
            .keyboardType(.URL)
            .textInputAutocapitalization(.never)
            .autocorrectionDisabled()
    }
}
