import SwiftUI
import UIKit
import Sentier

/// The core's safety screen: 112, the position for rescuers, the nearest help.
typealias SafetyModel = CoreScreen<SafetyScreen, SafetyState>

extension CoreScreen where Screen == SafetyScreen, State == SafetyState {
    /// The safety screen over the pack in use (none yet: 112 and the position only).
    convenience init(catalog: Catalog?, settings: SettingsScreen) {
        let screen = SafetyScreen.open(catalog: catalog, settings: settings)
        self.init(screen, state: screen.state()) { $0.subscribe(listener: $1) }
    }

    /// Hands the device's fixes to the screen, the last known one first,
    /// until the calling task is cancelled.
    func feed(_ location: LocationFeed) async {
        location.requestPermission()
        if let last = location.lastKnown {
            screen.updateFix(fix: last.fix)
        }
        for await fix in location.fixes() {
            screen.updateFix(fix: fix.fix)
        }
    }
}

/// The safety screen as the hiker sees it, fully offline, in this order:
/// the calls first, then the position with copy and share, then the
/// nearest information desk and signpost. Every word is the core's.
struct SafetyView: View {
    let model: SafetyModel
    let location: LocationFeed
    @Environment(\.openURL) private var openURL
    @Environment(\.dismiss) private var dismiss

    var body: some View {
        let state = model.state
        List {
            Section {
                ForEach(state.calls, id: \.number) { call in
                    Button {
                        if let url = URL(string: "tel:\(call.number)") {
                            openURL(url)
                        }
                    } label: {
                        Label(call.label, systemImage: "phone.fill")
                            .font(.title3.bold())
                            .frame(maxWidth: .infinity)
                            .padding(.vertical, 8)
                    }
                    .buttonStyle(.borderedProminent)
                    // A fixed red with white text: the same in light and dark.
                    .tint(Color(red: 0.78, green: 0.0, blue: 0.0))
                    .foregroundStyle(.white)
                    .listRowInsets(EdgeInsets(top: 8, leading: 16, bottom: 8, trailing: 16))
                }
            }
            Section(state.positionLabel) {
                if let position = state.position {
                    PositionRows(position: position, copyLabel: state.copyLabel, shareLabel: state.shareLabel)
                } else if let waiting = state.waitingForPosition {
                    Label(waiting, systemImage: "location.slash").foregroundStyle(.secondary)
                }
            }
            Section {
                if let desk = state.nearestDesk {
                    NearestHelpRow(help: desk, systemImage: "info.circle")
                }
                if let signpost = state.nearestSignpost {
                    NearestHelpRow(help: signpost, systemImage: "signpost.right")
                }
                ForEach(state.nearestMissing, id: \.self) { missing in
                    Text(missing).foregroundStyle(.secondary)
                }
            }
        }
        .navigationTitle(state.title)
        .navigationBarTitleDisplayMode(.inline)
        .toolbar {
            ToolbarItem(placement: .cancellationAction) {
                Button("Done") { dismiss() }
            }
        }
        .task { await model.feed(location) }
    }
}

/// The position in both forms with its accuracy and altitude, and the
/// core's message to copy or share (it ends with the geo: URI).
private struct PositionRows: View {
    let position: SafetyPosition
    let copyLabel: String
    let shareLabel: String

    var body: some View {
        VStack(alignment: .leading, spacing: 4) {
            Text(verbatim: position.decimal).font(.title3.monospacedDigit()).textSelection(.enabled)
            Text(verbatim: position.dms).font(.body.monospacedDigit()).textSelection(.enabled)
            let details = [position.accuracy, position.altitude].compactMap { $0 }
            if !details.isEmpty {
                Text(verbatim: details.joined(separator: " · ")).foregroundStyle(.secondary)
            }
        }
        .accessibilityElement(children: .combine)
        HStack {
            Button {
                UIPasteboard.general.string = position.shareText
            } label: {
                Label(copyLabel, systemImage: "doc.on.doc")
            }
            Spacer()
            ShareLink(item: position.shareText) {
                Label(shareLabel, systemImage: "square.and.arrow.up")
            }
        }
        .buttonStyle(.borderless)
    }
}

/// The nearest desk or signpost: what and which it is, how far and which way.
private struct NearestHelpRow: View {
    let help: NearestHelp
    let systemImage: String

    var body: some View {
        Label {
            VStack(alignment: .leading, spacing: 2) {
                Text(verbatim: help.kindLabel).font(.caption).foregroundStyle(.secondary)
                Text(verbatim: help.name).font(.headline)
                Text(verbatim: "\(help.distance) · \(help.bearing)")
            }
        } icon: {
            Image(systemName: systemImage)
        }
        .accessibilityElement(children: .combine)
    }
}

/// The safety screen's toolbar action, on every tab's screen: one tap opens
/// the screen, a second calls 112.
struct SafetyAction: ViewModifier {
    let services: AppServices
    @State private var shown = false

    func body(content: Content) -> some View {
        content
            .toolbar {
                ToolbarItem(placement: .topBarTrailing) {
                    Button { shown = true } label: {
                        Label("Safety", systemImage: "sos.circle.fill")
                    }
                    .tint(.red)
                }
            }
            .sheet(isPresented: $shown) {
                SafetySheet(services: services)
            }
    }
}

/// The safety screen opened over the pack in use when the sheet shows.
private struct SafetySheet: View {
    let services: AppServices
    @State private var model: SafetyModel?

    var body: some View {
        NavigationStack {
            if let model {
                SafetyView(model: model, location: services.location)
            } else {
                ProgressView()
            }
        }
        .task {
            model = SafetyModel(catalog: services.catalog, settings: services.settings.screen)
        }
    }
}

extension View {
    /// Adds the safety screen's toolbar action.
    func safetyAction(_ services: AppServices) -> some View {
        modifier(SafetyAction(services: services))
    }
}
