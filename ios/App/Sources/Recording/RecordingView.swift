import SwiftUI
import Sentier

/// Start, pause, resume and stop a recording with its live figures, and the
/// saved tracks: every control, figure and word the core's.
struct RecordingView: View {
    let model: RecordingModel

    var body: some View {
        List {
            Section {
                Text(model.state.status).font(.headline)
                if let recovered = model.state.recovered {
                    Text(recovered)
                }
                FiguresView(figures: model.state.figures)
                ForEach(model.state.controls, id: \.self) { control in
                    controlButton(control)
                }
                Text(model.state.filters).font(.footnote).foregroundStyle(.secondary)
                if let error = model.state.error {
                    Text(error).foregroundStyle(.red)
                }
            }
            Section("Saved tracks") {
                if model.state.tracks.isEmpty {
                    Text("No track yet").foregroundStyle(.secondary)
                }
                ForEach(model.state.tracks, id: \.id) { track in
                    NavigationLink {
                        TrackView(track: track, model: model)
                    } label: {
                        VStack(alignment: .leading) {
                            Text(track.name).font(.headline)
                            Text(verbatim: "\(track.date) · \(track.summary)")
                                .font(.subheadline)
                                .foregroundStyle(.secondary)
                        }
                        .accessibilityElement(children: .combine)
                    }
                }
                .onDelete { offsets in
                    offsets.map { model.state.tracks[$0].id }.forEach { model.screen.delete(track: $0) }
                }
            }
        }
        .navigationTitle("Record")
    }

    @ViewBuilder private func controlButton(_ control: RecordingControl) -> some View {
        switch control {
        case .start:
            Button { model.start() } label: { Label("Start recording", systemImage: "record.circle") }
        case .pause:
            Button { model.screen.pause() } label: { Label("Pause", systemImage: "pause.circle") }
        case .resume:
            Button { model.screen.resume() } label: { Label("Resume", systemImage: "play.circle") }
        case .stop:
            Button(role: .destructive) { model.screen.stop() } label: { Label("Stop and save", systemImage: "stop.circle") }
        }
    }
}

/// Figures with their labels, as the core writes them.
struct FiguresView: View {
    let figures: [LabeledValue]

    var body: some View {
        ForEach(figures, id: \.label) { figure in
            LabeledContent(figure.label, value: figure.value)
        }
    }
}

/// A saved track: its figures, its name to change and its GPX to share.
private struct TrackView: View {
    let track: TrackRow
    let model: RecordingModel
    @State private var name = ""

    var body: some View {
        List {
            Section { FiguresView(figures: track.figures) }
            Section {
                TextField("Name", text: $name)
                    .onSubmit { model.screen.rename(track: track.id, name: name) }
            }
            Section {
                GPXShareButton(file: model.state.gpxFile) {
                    model.screen.exportGpx(track: track.id)
                }
            }
        }
        .navigationTitle(track.name)
        .onAppear { name = track.name }
        .onDisappear { model.screen.shared() }
    }
}

/// Asks the core to write a GPX, then shares the file it wrote.
struct GPXShareButton: View {
    /// The GPX the core wrote, once written.
    let file: String?
    let export: () -> Void

    var body: some View {
        if let file {
            ShareLink(item: URL(fileURLWithPath: file)) {
                Label("Share the GPX", systemImage: "square.and.arrow.up")
            }
        } else {
            Button(action: export) {
                Label("Export the GPX", systemImage: "square.and.arrow.down")
            }
        }
    }
}
