import SwiftUI
import Sentier

/// Start, pause, resume and stop a recording with its live statistics, and
/// the saved tracks.
struct RecordingView: View {
    let model: RecordingModel
    let measures: MeasureFormatter

    var body: some View {
        List {
            Section {
                Text(stateLabel).font(.headline)
                if let stats = model.stats {
                    TrackStatsView(stats: stats, measures: measures)
                }
                controls
                if let error = model.error {
                    Text(error).foregroundStyle(.red)
                }
            }
            Section("Saved tracks") {
                if model.tracks.isEmpty {
                    Text("No track yet").foregroundStyle(.secondary)
                }
                ForEach(model.tracks, id: \.id) { track in
                    NavigationLink {
                        TrackView(track: track, model: model, measures: measures)
                    } label: {
                        VStack(alignment: .leading) {
                            Text(track.name).font(.headline)
                            Text(verbatim: "\(measures.distance(metres: track.stats.distance2dM)) · \(measures.duration(seconds: track.stats.movingS))")
                                .font(.subheadline)
                                .foregroundStyle(.secondary)
                        }
                        .accessibilityElement(children: .combine)
                    }
                }
                .onDelete { offsets in
                    offsets.map { model.tracks[$0] }.forEach(model.delete)
                }
            }
        }
        .navigationTitle("Record")
        .onAppear { model.refreshTracks() }
    }

    @ViewBuilder private var controls: some View {
        switch model.state {
        case .idle:
            Button { model.start() } label: { Label("Start recording", systemImage: "record.circle") }
        case .recording, .autoPaused:
            Button { model.pause() } label: { Label("Pause", systemImage: "pause.circle") }
            Button(role: .destructive) { model.stop() } label: { Label("Stop and save", systemImage: "stop.circle") }
        case .paused:
            Button { model.resume() } label: { Label("Resume", systemImage: "play.circle") }
            Button(role: .destructive) { model.stop() } label: { Label("Stop and save", systemImage: "stop.circle") }
        }
    }

    private var stateLabel: LocalizedStringKey {
        switch model.state {
        case .idle: "Not recording"
        case .recording: "Recording"
        case .paused: "Paused"
        case .autoPaused: "Paused: not moving"
        }
    }
}

/// A track's statistics as the core computes and writes them.
struct TrackStatsView: View {
    let stats: TrackStats
    let measures: MeasureFormatter

    var body: some View {
        LabeledContent("Distance", value: measures.distance(metres: stats.distance2dM))
        LabeledContent("Moving time", value: measures.duration(seconds: stats.movingS))
        LabeledContent("Elapsed time", value: measures.duration(seconds: stats.elapsedS))
        LabeledContent("Ascent", value: measures.elevation(metres: stats.ascentM))
        LabeledContent("Descent", value: measures.elevation(metres: stats.descentM))
        LabeledContent("Average speed", value: measures.speed(metresPerSecond: stats.averageSpeedMps))
    }
}

/// A saved track: its statistics and its GPX to share.
private struct TrackView: View {
    let track: TrackSummary
    let model: RecordingModel
    let measures: MeasureFormatter

    var body: some View {
        List {
            Section { TrackStatsView(stats: track.stats, measures: measures) }
            Section {
                ShareLink(item: model.gpx(track), preview: SharePreview(track.name)) {
                    Label("Share the GPX", systemImage: "square.and.arrow.up")
                }
            }
        }
        .navigationTitle(track.name)
    }
}
