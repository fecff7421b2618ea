import Foundation
import Observation
import Sentier

/// The app's single instances of the core's services and of the models shared
/// by several screens.
@MainActor
@Observable
final class AppServices {
    let settings = SettingsModel()
}
