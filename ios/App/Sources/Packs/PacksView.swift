import SwiftUI
import Sentier

/// The packs of the territory's server and of this device: download with
/// progress, pause, cancel, update, remove, and the pack the app shows.
struct PacksView: View {
    let model: PacksModel
    let services: AppServices

    private var measures: MeasureFormatter { services.settings.measures }

    var body: some View {
        List {
            if let error = model.error {
                Text(error).foregroundStyle(.red)
            }
            Section {
                ForEach(model.installed, id: \.pack.id) { status in
                    installedRow(status)
                }
            } header: {
                Text("On this device")
            } footer: {
                Text("Storage used: \(measures.dataSize(bytes: model.storageUsed))")
            }
            if let server = services.settings.packServerURL {
                Section("Available") {
                    ForEach(model.available.filter { model.installedPack($0.id) == nil }, id: \.id) { pack in
                        VStack(alignment: .leading, spacing: 6) {
                            Text(pack.name).font(.headline)
                            Text(measures.dataSize(bytes: pack.size)).font(.subheadline).foregroundStyle(.secondary)
                            downloadControls(pack.id, server: server, start: "Download")
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
        .refreshable { await model.refresh() }
        .task(id: services.settings.packServerURL) { await model.refresh() }
        .overlay {
            if model.loading && model.installed.isEmpty && model.available.isEmpty {
                ProgressView()
            }
        }
    }

    private func installedRow(_ status: PackStatus) -> some View {
        let pack = status.pack
        return VStack(alignment: .leading, spacing: 6) {
            HStack {
                Text(pack.name).font(.headline)
                if services.pack?.id == pack.id {
                    Image(systemName: "checkmark.circle.fill").foregroundStyle(.green)
                        .accessibilityLabel(Text("In use"))
                }
            }
            Text(measures.dataSize(bytes: pack.sizeOnDisk)).font(.subheadline).foregroundStyle(.secondary)
            if services.pack?.id != pack.id {
                Button("Use this pack") { Task { await services.use(pack) } }
            }
            if status.updateAvailable != nil {
                downloadControls(pack.id, server: pack.serverUrl, start: "Update")
            }
        }
        .swipeActions {
            Button("Remove", role: .destructive) {
                Task {
                    services.packRemoved(pack.id)
                    await model.remove(pack.id)
                }
            }
        }
    }

    /// The download button, or the progress with pause and cancel while it runs.
    @ViewBuilder
    private func downloadControls(_ id: String, server: String, start: LocalizedStringKey) -> some View {
        if let progress = model.progress[id] {
            ProgressView(value: measures.downloadFigures(progress: progress).fraction) {
                Text(progressText(progress))
            }
            .accessibilityValue(Text(progressText(progress)))
            HStack {
                if model.paused.contains(id) {
                    Button("Resume") { download(id, server: server) }
                } else {
                    Button("Pause") { model.pause(id) }
                }
                Spacer()
                Button("Cancel", role: .destructive) { model.cancel(id) }
            }
            .buttonStyle(.borderless)
        } else {
            Button(start) { download(id, server: server) }
        }
    }

    private func download(_ id: String, server: String) {
        model.download(id, from: server) { pack in
            if services.pack == nil || services.pack?.id == pack.id {
                await services.use(pack)
            }
        }
    }

    private func progressText(_ progress: PackProgress) -> String {
        if progress.installing {
            return String(localized: "Installing…")
        }
        let figures = measures.downloadFigures(progress: progress)
        return [figures.bytes, figures.rate, figures.remaining].compactMap { $0 }.joined(separator: " · ")
    }
}
