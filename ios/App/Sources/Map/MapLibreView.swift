import CoreLocation
import MapLibre
import Sentier
import SwiftUI

/// MapLibre Native showing the style the core's loopback tile server serves
/// (offline basemap, treks, the highlighted trek, POIs, sensitive areas), with
/// the user's live position. The style decides what is drawn; this view only
/// hosts it, and says which trek of the style's treks layer a tap falls on.
struct MapLibreView: UIViewRepresentable {
    let styleURL: URL
    var followsUser: Bool = false
    /// A point to centre the map on and mark (a tap on the followed trek's profile).
    var focus: Position?
    /// Called with the Geotrek id of the trek line under a tap.
    var onTrekTap: (Int64) -> Void = { _ in }

    func makeUIView(context: Context) -> MLNMapView {
        let view = MLNMapView(frame: .zero, styleURL: styleURL)
        view.showsUserLocation = true
        view.accessibilityLabel = String(localized: "Map")
        let tap = UITapGestureRecognizer(target: context.coordinator, action: #selector(Coordinator.tapped(_:)))
        // The map's own double-tap zoom keeps working: a tap waits for it to fail.
        for recognizer in view.gestureRecognizers ?? [] where (recognizer as? UITapGestureRecognizer)?.numberOfTapsRequired == 2 {
            tap.require(toFail: recognizer)
        }
        view.addGestureRecognizer(tap)
        return view
    }

    func makeCoordinator() -> Coordinator {
        Coordinator(onTrekTap: onTrekTap)
    }

    /// Finds the trek under a tap: a finger-sized square around it, the
    /// style's treks layer (named by the core), whose features carry the trek's id.
    final class Coordinator: NSObject {
        var onTrekTap: (Int64) -> Void
        /// The mark of `focus` on the map, while there is one.
        var focusMark: MLNPointAnnotation?

        init(onTrekTap: @escaping (Int64) -> Void) {
            self.onTrekTap = onTrekTap
        }

        @objc func tapped(_ gesture: UITapGestureRecognizer) {
            guard let view = gesture.view as? MLNMapView else { return }
            let point = gesture.location(in: view)
            let finger = CGRect(x: point.x - 22, y: point.y - 22, width: 44, height: 44)
            let features = view.visibleFeatures(in: finger, styleLayerIdentifiers: [overlayStyleLayerId(overlay: .treks)])
            let ids = features.compactMap { feature -> Int64? in
                if let number = feature.identifier as? NSNumber { return number.int64Value }
                return (feature.attribute(forKey: "id") as? NSNumber)?.int64Value
            }
            if let id = ids.first {
                onTrekTap(id)
            }
        }
    }

    func updateUIView(_ view: MLNMapView, context: Context) {
        context.coordinator.onTrekTap = onTrekTap
        if view.styleURL != styleURL {
            view.styleURL = styleURL
        }
        let mode: MLNUserTrackingMode = followsUser ? .follow : .none
        if view.userTrackingMode != mode {
            view.userTrackingMode = mode
        }
        show(focus, on: view, coordinator: context.coordinator)
    }

    /// Centres the map on `focus` and marks it, once per new point; removes the mark without one.
    private func show(_ focus: Position?, on view: MLNMapView, coordinator: Coordinator) {
        let coordinate = focus.map { CLLocationCoordinate2D(latitude: $0.lat, longitude: $0.lng) }
        let shown = coordinator.focusMark?.coordinate
        if coordinate?.latitude == shown?.latitude, coordinate?.longitude == shown?.longitude { return }
        if let mark = coordinator.focusMark {
            view.removeAnnotation(mark)
            coordinator.focusMark = nil
        }
        if let coordinate {
            let mark = MLNPointAnnotation()
            mark.coordinate = coordinate
            view.addAnnotation(mark)
            coordinator.focusMark = mark
            view.setCenter(coordinate, animated: true)
        }
    }
}
