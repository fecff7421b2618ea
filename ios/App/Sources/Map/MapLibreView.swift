import CoreLocation
import MapLibre
import Sentier
import SwiftUI

/// MapLibre Native showing the style the core's loopback tile server serves
/// (offline basemap, treks, the highlighted trek, POIs, sensitive areas), with
/// the user's live position. The core decides what is drawn; this view hosts
/// the style, shows or hides each layer group's style layers as the core
/// says, and hands a tap on: to `onTap` (where, and the finger's reach there
/// in metres) when given, else as the trek of the style's treks layer under it.
struct MapLibreView: UIViewRepresentable {
    let styleURL: URL
    var followsUser: Bool = false
    /// A point to centre the map on and mark (a tap on the followed trek's profile).
    var focus: LatLon?
    /// The core's layer groups: each group's style layers shown or hidden together.
    var layers: [MapLayer] = []
    /// Called with where the map was tapped and the finger's reach there, in metres.
    var onTap: ((LatLon, Double) -> Void)? = nil
    /// Called with the Geotrek id of the trek line under a tap.
    var onTrekTap: (Int64) -> Void = { _ in }

    init(
        styleURL: URL, followsUser: Bool = false, focus: LatLon? = nil, layers: [MapLayer] = [],
        onTap: @escaping (LatLon, Double) -> Void
    ) {
        self.styleURL = styleURL
        self.followsUser = followsUser
        self.focus = focus
        self.layers = layers
        self.onTap = onTap
    }

    init(styleURL: URL, followsUser: Bool = false, onTrekTap: @escaping (Int64) -> Void = { _ in }) {
        self.styleURL = styleURL
        self.followsUser = followsUser
        self.onTrekTap = onTrekTap
    }

    func makeUIView(context: Context) -> MLNMapView {
        let view = MLNMapView(frame: .zero, styleURL: styleURL)
        view.delegate = context.coordinator
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
        Coordinator(onTap: onTap, onTrekTap: onTrekTap)
    }

    /// Finds the trek under a tap: a finger-sized square around it, the
    /// style's treks layer (named by the core), whose features carry the trek's id.
    final class Coordinator: NSObject, MLNMapViewDelegate {
        var onTap: ((LatLon, Double) -> Void)?
        var onTrekTap: (Int64) -> Void
        /// The mark of `focus` on the map, while there is one.
        var focusMark: MLNPointAnnotation?
        /// The layer groups as the core last said, applied again once a new style loads.
        var layers: [MapLayer] = []

        init(onTap: ((LatLon, Double) -> Void)?, onTrekTap: @escaping (Int64) -> Void) {
            self.onTap = onTap
            self.onTrekTap = onTrekTap
        }

        func mapView(_ mapView: MLNMapView, didFinishLoading style: MLNStyle) {
            show(layers, in: style)
        }

        /// Each group's style layers visible or not, as the core's map screen says.
        func show(_ groups: [MapLayer], in style: MLNStyle?) {
            layers = groups
            guard let style else { return }
            for group in groups {
                for id in group.styleLayerIds {
                    style.layer(withIdentifier: id)?.isVisible = group.shown
                }
            }
        }

        @objc func tapped(_ gesture: UITapGestureRecognizer) {
            guard let view = gesture.view as? MLNMapView else { return }
            let point = gesture.location(in: view)
            if let onTap {
                let coordinate = view.convert(point, toCoordinateFrom: view)
                let reach = view.metersPerPoint(atLatitude: coordinate.latitude) * 22
                onTap(LatLon(lat: coordinate.latitude, lon: coordinate.longitude), reach)
                return
            }
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
        context.coordinator.onTap = onTap
        context.coordinator.show(layers, in: view.style)
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
    private func show(_ focus: LatLon?, on view: MLNMapView, coordinator: Coordinator) {
        let coordinate = focus.map { CLLocationCoordinate2D(latitude: $0.lat, longitude: $0.lon) }
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
