import SwiftUI
import Sentier

/// Every report with its state as the core's outbox keeps it.
struct OutboxView: View {
    let outbox: OutboxModel
    let measures: MeasureFormatter

    var body: some View {
        List {
            if let error = outbox.error {
                Text(error).foregroundStyle(.red)
            }
            if outbox.entries.isEmpty {
                Text("No report yet").foregroundStyle(.secondary)
            }
            ForEach(outbox.entries, id: \.id) { entry in
                VStack(alignment: .leading, spacing: 4) {
                    Label(entry.state.title, systemImage: entry.state.symbol)
                        .font(.headline)
                    if !entry.draft.comment.isEmpty {
                        Text(entry.draft.comment).lineLimit(2)
                    }
                    Text(verbatim: measures.dateTime(unixMs: entry.createdAtMs, utcOffsetMinutes: entry.createdAtMs.utcOffsetMinutes))
                        .font(.footnote)
                        .foregroundStyle(.secondary)
                    if let problem = entry.lastError {
                        Text(problem).font(.footnote).foregroundStyle(.red)
                    }
                }
                .accessibilityElement(children: .combine)
                .swipeActions {
                    if entry.canDiscard {
                        Button("Discard", role: .destructive) { outbox.discard(entry) }
                    }
                    if entry.canRetry {
                        Button("Retry") { outbox.retry(entry) }
                    }
                }
            }
        }
        .navigationTitle("Outbox")
        .toolbar {
            Button {
                Task { await outbox.sendNow() }
            } label: {
                Label("Send now", systemImage: "arrow.up.circle")
            }
            .disabled(outbox.busy)
        }
        .refreshable { outbox.refresh() }
    }
}

private extension ReportState {
    var title: LocalizedStringKey {
        switch self {
        case .draft: "Draft"
        case .queued: "Waiting to be sent"
        case .sending: "Sending"
        case .sent: "Sent"
        case .failed: "Failed"
        case .possiblyDelivered: "May have arrived: send again?"
        case .damaged: "Unreadable"
        }
    }

    var symbol: String {
        switch self {
        case .draft: "pencil"
        case .queued: "clock"
        case .sending: "arrow.up.circle"
        case .sent: "checkmark.circle"
        case .failed: "exclamationmark.triangle"
        case .possiblyDelivered: "questionmark.circle"
        case .damaged: "xmark.octagon"
        }
    }
}
