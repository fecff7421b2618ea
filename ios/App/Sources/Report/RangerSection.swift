import SwiftUI
import Sentier

/// The settings' ranger account: log in to the territory's Geotrek-admin,
/// the signage and infrastructure downloaded for offline picking, log out;
/// all worded by the core.
struct RangerSection: View {
    let outbox: OutboxModel
    @State private var logsIn = false

    private var state: OutboxState { outbox.state }

    var body: some View {
        Section("Ranger account") {
            if let session = state.session {
                Text(verbatim: session)
                if let assets = state.fieldAssets {
                    Text(verbatim: assets)
                        .font(.footnote)
                        .foregroundStyle(.secondary)
                }
                Button("Download signage and infrastructure again") { outbox.screen.downloadFieldAssets() }
                    .disabled(state.busy)
                Button("Log out", role: .destructive) { outbox.screen.logOut() }
            } else {
                if let ended = state.loginRequired {
                    Label(ended, systemImage: "exclamationmark.triangle")
                        .foregroundStyle(.orange)
                }
                Button("Log in as a ranger") { logsIn = true }
                    .disabled(!state.canLogIn)
            }
            if let error = state.error, !logsIn {
                Text(verbatim: error).foregroundStyle(.red)
            }
        }
        .onAppear { outbox.screen.refresh() }
        .sheet(isPresented: $logsIn) {
            NavigationStack { RangerLoginView(outbox: outbox) }
        }
    }
}

private struct RangerLoginView: View {
    let outbox: OutboxModel
    @State var username = ""
    @State var password = ""
    @State var submitted = false
    @Environment(\.dismiss) private var dismiss

    var body: some View {
        Form {
            TextField("Username", text: $username)
                .textContentType(.username)
                .textInputAutocapitalization(.never)
                .autocorrectionDisabled()
            SecureField("Password", text: $password)
                .textContentType(.password)
            if submitted, let error = outbox.state.error {
                Text(verbatim: error).foregroundStyle(.red)
            }
        }
        .navigationTitle("Ranger login")
        .onChange(of: outbox.state.session) { _, session in
            if submitted, session != nil {
                dismiss()
            }
        }
        .toolbar {
            ToolbarItem(placement: .cancellationAction) {
                Button("Cancel") { dismiss() }
            }
            ToolbarItem(placement: .confirmationAction) {
                if outbox.state.busy {
                    ProgressView()
                } else {
                    Button("Log in") {
                        submitted = true
                        outbox.screen.logIn(username: username, password: password)
                    }
                    .disabled(username.isEmpty || password.isEmpty)
                }
            }
        }
    }
}
