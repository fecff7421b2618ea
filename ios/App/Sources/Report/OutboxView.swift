import SwiftUI
import Sentier

/// Every report with its state, as the core's outbox words it.
struct OutboxView: View {
    let outbox: OutboxModel

    private var state: OutboxState { outbox.state }

    var body: some View {
        List {
            if let error = state.error {
                Text(verbatim: error).foregroundStyle(.red)
            }
            if state.rows.isEmpty {
                Text("No report yet").foregroundStyle(.secondary)
            }
            ForEach(state.rows, id: \.id) { row in
                VStack(alignment: .leading, spacing: 4) {
                    Label(row.stateLabel, systemImage: row.state.symbol)
                        .font(.headline)
                    if !row.comment.isEmpty {
                        Text(verbatim: row.comment).lineLimit(2)
                    }
                    Text(verbatim: row.date)
                        .font(.footnote)
                        .foregroundStyle(.secondary)
                    if let problem = row.error {
                        Text(verbatim: problem).font(.footnote).foregroundStyle(.red)
                    }
                }
                .accessibilityElement(children: .combine)
                .swipeActions {
                    if row.canDiscard {
                        Button("Discard", role: .destructive) { outbox.screen.discard(id: row.id) }
                    }
                    if row.canRetry {
                        Button("Retry") { outbox.screen.retry(id: row.id) }
                    }
                }
            }
        }
        .navigationTitle("Outbox")
        .toolbar {
            Button {
                outbox.screen.sendNow()
            } label: {
                Label("Send now", systemImage: "arrow.up.circle")
            }
            .disabled(state.busy)
        }
        .refreshable { outbox.screen.refresh() }
    }
}

private extension ReportState {
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
