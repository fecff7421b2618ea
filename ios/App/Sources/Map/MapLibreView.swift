import MapLibre
import SwiftUI

/// MapLibre Native showing the style the core's loopback tile server serves
/// (offline basemap, treks, the highlighted trek, POIs, sensitive areas), with
/// the user's live position. The style decides what is drawn; this view only
/// hosts it.
struct MapLibreView: UIViewRepresentable {
    let styleURL: URL
    var followsUser: Bool = false

    func makeUIView(context: Context) -> MLNMapView {
        let view = MLNMapView(frame: .zero, styleURL: styleURL)
        view.showsUserLocation = true
        view.accessibilityLabel = String(localized: "Map")
        return view
    }

    func updateUIView(_ view: MLNMapView, context: Context) {
        if view.styleURL != styleURL {
            view.styleURL = styleURL
        }
        let mode: MLNUserTrackingMode = followsUser ? .follow : .none
        if view.userTrackingMode != mode {
            view.userTrackingMode = mode
        }
    }
}
