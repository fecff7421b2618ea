import SwiftUI
import Sentier

/// The settings' ranger account: log in to the territory's Geotrek-admin,
/// the signage and infrastructure downloaded for offline picking, log out.
struct RangerSection: View {
    let outbox: OutboxModel
    let measures: MeasureFormatter
    @State private var logsIn = false

    init(outbox: OutboxModel, measures: MeasureFormatter) {
        self.outbox = outbox
        self.measures = measures
    }

    var body: some View {
        Section("Ranger account") {
            if let session = outbox.session {
                LabeledContent("Logged in as", value: session.username)
                if let assets = outbox.fieldAssets {
                    LabeledContent("Signage and infrastructure", value: "\(assets.items)")
                    Text("Downloaded \(measures.dateTime(unixMs: assets.downloadedAtMs, utcOffsetMinutes: assets.downloadedAtMs.utcOffsetMinutes))")
                        .font(.footnote)
                        .foregroundStyle(.secondary)
                }
                Button("Download signage and infrastructure again") {
                    Task { await outbox.refreshFieldAssets() }
                }
                .disabled(outbox.busy)
                Button("Log out", role: .destructive) { outbox.logOut() }
            } else {
                if outbox.loginRequired != nil {
                    Label("Your session ended: log in again to send your reports.", systemImage: "exclamationmark.triangle")
                        .foregroundStyle(.orange)
                }
                Button("Log in as a ranger") { logsIn = true }
            }
            if let error = outbox.error {
                Text(error).foregroundStyle(.red)
            }
        }
        .onAppear { outbox.refresh() }
        .sheet(isPresented: $logsIn) {
            NavigationStack { RangerLoginView(outbox: outbox) }
        }
    }
}

private struct RangerLoginView: View {
    let outbox: OutboxModel
    @State var username = ""
    @State var password = ""
    @Environment(\.dismiss) private var dismiss

    var body: some View {
        Form {
            TextField("Username", text: $username)
                .textContentType(.username)
                .textInputAutocapitalization(.never)
                .autocorrectionDisabled()
            SecureField("Password", text: $password)
                .textContentType(.password)
            if let error = outbox.error {
                Text(error).foregroundStyle(.red)
            }
        }
        .navigationTitle("Ranger login")
        .toolbar {
            ToolbarItem(placement: .cancellationAction) {
                Button("Cancel") { dismiss() }
            }
            ToolbarItem(placement: .confirmationAction) {
                if outbox.busy {
                    ProgressView()
                } else {
                    Button("Log in") {
                        Task {
                            await outbox.logIn(username: username, password: password)
                            if outbox.session != nil {
                                dismiss()
                            }
                        }
                    }
                    .disabled(username.isEmpty || password.isEmpty)
                }
            }
        }
    }
}
