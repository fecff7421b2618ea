import SwiftUI
import Sentier

/// Language, units, the territory's servers and the recording filter, as
/// the core keeps them; other areas add their sections through `moreSections`.
struct SettingsView<MoreSections: View>: View {
    let model: SettingsModel
    let moreSections: () -> MoreSections
    @State private var packServer = ""
    @State private var adminServer = ""

    init(model: SettingsModel, @ViewBuilder moreSections: @escaping () -> MoreSections) {
        self.model = model
        self.moreSections = moreSections
    }

    private var settings: SettingsScreen { model.screen }
    private var state: SettingsState { model.state }

    var body: some View {
        Form {
            Section("Language") {
                Picker("Language", selection: Binding(get: { state.languageChoice }, set: settings.setLanguage)) {
                    ForEach(state.languageOptions, id: \.language) { option in
                        Text(verbatim: option.label).tag(option.language)
                    }
                }
                .pickerStyle(.inline)
                .labelsHidden()
            }
            Section("Units") {
                Picker("Units", selection: Binding(get: { state.units }, set: settings.setUnits)) {
                    Text("Metric (m, km)").tag(UnitSystem.metric)
                    Text("Imperial (ft, mi)").tag(UnitSystem.imperial)
                }
                .pickerStyle(.inline)
                .labelsHidden()
            }
            Section {
                TextField("Pack server address", text: $packServer)
                    .urlEntry()
                    .onSubmit { settings.setPackServer(text: packServer) }
                problem(state.packServerProblem)
                TextField("Geotrek-admin address", text: $adminServer, prompt: state.reportsServerUrl.map { Text(verbatim: $0) })
                    .urlEntry()
                    .onSubmit { settings.setAdminServer(text: adminServer) }
                problem(state.adminServerProblem)
                Button("Save") {
                    settings.setPackServer(text: packServer)
                    settings.setAdminServer(text: adminServer)
                }
            } header: {
                Text("Territory")
            } footer: {
                Text("Packs are downloaded from the pack server. Reports go to the Geotrek-admin the pack in use came from, where rangers log in, unless you enter another address.")
            }
            Section {
                Picker("Ignore positions less accurate than", selection: Binding(get: { state.recordingMaxAccuracyM }, set: settings.setRecordingMaxAccuracy)) {
                    ForEach(state.accuracyOptions, id: \.metres) { option in
                        Text(verbatim: option.label).tag(option.metres)
                    }
                }
                Picker("Keep points at least this far apart", selection: Binding(get: { state.recordingMinDistanceM }, set: settings.setRecordingMinDistance)) {
                    ForEach(state.spacingOptions, id: \.metres) { option in
                        Text(verbatim: option.label).tag(option.metres)
                    }
                }
            } header: {
                Text("Recording")
            } footer: {
                Text("Applies from the next recording.")
            }
            if let error = state.error {
                Text(verbatim: error).foregroundStyle(.red)
            }
            moreSections()
        }
        .navigationTitle("Settings")
        .onAppear {
            packServer = state.packServerUrl ?? ""
            adminServer = state.adminServerUrl ?? ""
        }
    }

    /// The core's words under an address it refused.
    @ViewBuilder
    private func problem(_ message: String?) -> some View {
        if let message {
            Label(message, systemImage: "exclamationmark.circle")
                .font(.footnote)
                .foregroundStyle(.red)
        }
    }
}

private extension View {
    func urlEntry() -> some View {
        textContentType(.URL)
            .keyboardType(.URL)
            .textInputAutocapitalization(.never)
            .autocorrectionDisabled()
    }
}
