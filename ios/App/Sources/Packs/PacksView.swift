import SwiftUI
import Sentier

/// The packs of the territory's server and of this device: download with
/// progress, pause, cancel, update, remove, and the pack the app shows;
/// every rule and figure is the core's packs screen's.
struct PacksView: View {
    let model: PacksModel
    let services: AppServices

    private var packs: PacksScreen { model.screen }
    private var state: PacksState { model.state }

    var body: some View {
        List {
            if let error = state.error {
                Text(error).foregroundStyle(.red)
            }
            Section {
                ForEach(state.installed, id: \.id) { row in
                    installedRow(row)
                }
            } header: {
                Text("On this device")
            } footer: {
                Text(verbatim: state.storageUsed)
            }
            if state.serverUrl != nil {
                Section("Available") {
                    ForEach(state.available, id: \.id) { row in
                        VStack(alignment: .leading, spacing: 6) {
                            Text(row.name).font(.headline)
                            Text(verbatim: row.size).font(.subheadline).foregroundStyle(.secondary)
                            downloadControls(row, start: Text("Download"))
                        }
                    }
                }
            } else {
                Section {
                    Button("Choose a pack server in Settings") { services.tab = .settings }
                }
            }
        }
        .navigationTitle("Packs")
        .refreshable { packs.refresh() }
        .onAppear { packs.refresh() }
        .overlay {
            if state.loading && state.installed.isEmpty && state.available.isEmpty {
                ProgressView()
            }
        }
    }

    private func installedRow(_ row: PackRow) -> some View {
        VStack(alignment: .leading, spacing: 6) {
            HStack {
                Text(row.name).font(.headline)
                if row.inUse {
                    Image(systemName: "checkmark.circle.fill").foregroundStyle(.green)
                        .accessibilityLabel(Text("In use"))
                }
            }
            Text(verbatim: row.size).font(.subheadline).foregroundStyle(.secondary)
            if !row.inUse {
                Button("Use this pack") { packs.usePack(id: row.id) }
            }
            if let update = row.update {
                downloadControls(row, start: Text(verbatim: update))
            }
        }
        .swipeActions {
            Button("Remove", role: .destructive) { packs.remove(id: row.id) }
        }
    }

    /// The download button, or the progress with pause and cancel while it runs.
    @ViewBuilder
    private func downloadControls(_ row: PackRow, start: Text) -> some View {
        if let download = row.download {
            ProgressView(value: download.fraction) {
                Text(verbatim: download.text)
            }
            .accessibilityValue(Text(verbatim: download.text))
            HStack {
                if download.paused {
                    Button("Resume") { packs.download(id: row.id) }
                } else {
                    Button("Pause") { packs.pause(id: row.id) }
                }
                Spacer()
                Button("Cancel", role: .destructive) { packs.cancel(id: row.id) }
            }
            .buttonStyle(.borderless)
        } else {
            Button { packs.download(id: row.id) } label: { start }
        }
    }
}
