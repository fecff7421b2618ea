import SwiftUI

/// What a screen shows while it lacks something set up in another tab (a
/// pack, a server): what is missing and a button to that tab.
struct MissingPrerequisiteView: View {
    let title: LocalizedStringKey
    let systemImage: String
    let message: Text
    let action: LocalizedStringKey
    let tab: AppTab
    let services: AppServices

    /// No pack is in use: `message` says what it would give.
    static func noPack(_ message: Text, services: AppServices) -> Self {
        Self(title: "No pack in use", systemImage: "arrow.down.circle", message: message, action: "Packs", tab: .packs, services: services)
    }

    var body: some View {
        ContentUnavailableView {
            Label(title, systemImage: systemImage)
        } description: {
            message
        } actions: {
            Button(action) { services.tab = tab }
        }
    }
}
