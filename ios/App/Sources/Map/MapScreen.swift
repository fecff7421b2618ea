import SwiftUI
import Sentier

/// The core's map screen drawn by MapLibre: the style of the pack in use,
/// the layer groups and basemap the hiker chose, the follow banner while a
/// trek is followed, and a sheet listing what lies where the hiker tapped
/// (a trek opens its detail). Every rule and word is the core's.
struct MapScreen: View {
    let services: AppServices
    /// The trek picked in the tap's answer.
    @State private var openedTrek: TrekRoute?
    @State private var layersShown = false
    /// The point of the followed trek tapped on its profile, shown instead of the hiker.
    @State private var profilePoint: LatLon?

    init(services: AppServices) {
        self.services = services
    }

    private var map: MapViewModel { services.mapView }

    var body: some View {
        Group {
            if let style = map.state.styleUrl.flatMap(URL.init(string:)) {
                MapLibreView(
                    styleURL: style, followsUser: map.state.followsUser && profilePoint == nil,
                    focus: profilePoint, layers: map.state.layers
                ) { at, radius in
                    map.screen.tap(at: at, radiusM: radius)
                }
                    .ignoresSafeArea(edges: .bottom)
                    .safeAreaInset(edge: .top) {
                        if services.followedTrek != nil {
                            FollowBanner(
                                state: services.follow.state,
                                measures: services.settings.measures,
                                showsProfilePoint: profilePoint != nil,
                                stop: { services.follow(trek: nil) },
                                showOnMap: { along in
                                    profilePoint = along.flatMap { services.follow.screen.pointOnProfile(alongM: $0) }
                                }
                            )
                        }
                    }
                    .toolbar {
                        Button {
                            layersShown = true
                        } label: {
                            Label("Layers", systemImage: "square.3.layers.3d")
                        }
                    }
            } else {
                MissingPrerequisiteView(
                    title: "No map yet", systemImage: "map",
                    message: Text(verbatim: services.packs.state.error ?? map.state.unavailable ?? ""),
                    action: "Packs", tab: .packs, services: services
                )
            }
        }
        .sheet(isPresented: $layersShown) {
            MapLayersSheet(state: map.state, screen: map.screen)
                .presentationDetents([.medium, .large])
        }
        .sheet(isPresented: Binding(get: { map.state.tap != nil }, set: { if !$0 { map.screen.dismissTap() } })) {
            if let tap = map.state.tap {
                MapTapSheet(tap: tap) { trek in
                    map.screen.dismissTap()
                    openedTrek = TrekRoute(id: trek)
                }
                .presentationDetents([.fraction(0.35), .medium])
            }
        }
        .navigationDestination(item: $openedTrek) { route in
            TrekDetailScreen(trekID: route.id, services: services)
        }
        .navigationTitle("Map")
        .navigationBarTitleDisplayMode(.inline)
        .onAppear { services.location.requestPermission() }
    }
}

/// The core's layer groups as switches and, when the map serves several, its basemaps.
struct MapLayersSheet: View {
    let state: MapViewState
    let screen: MapViewScreen

    var body: some View {
        NavigationStack {
            Form {
                Section {
                    ForEach(state.layers, id: \.styleLayerId) { layer in
                        Toggle(isOn: Binding(get: { layer.shown }, set: { screen.showLayer(layer: layer.layer, shown: $0) })) {
                            Text(verbatim: layer.label)
                        }
                    }
                }
                if state.basemaps.count > 1 {
                    Section("Basemap") {
                        Picker("Basemap", selection: Binding(
                            get: { state.basemaps.first(where: { $0.chosen })?.key ?? "" },
                            set: { screen.chooseBasemap(key: $0) }
                        )) {
                            ForEach(state.basemaps, id: \.key) { basemap in
                                Text(verbatim: basemap.name).tag(basemap.key)
                            }
                        }
                        .pickerStyle(.inline)
                        .labelsHidden()
                    }
                }
            }
            .navigationTitle("Map layers")
            .navigationBarTitleDisplayMode(.inline)
        }
    }
}

/// What lies where the hiker tapped, nearest first, as the core words it.
struct MapTapSheet: View {
    let tap: MapTap
    let openTrek: (Int64) -> Void

    var body: some View {
        List {
            if let problem = tap.problem {
                Text(verbatim: problem)
            }
            // Ids are unique within a kind only.
            ForEach(Array(tap.rows.enumerated()), id: \.offset) { _, row in
                let text = VStack(alignment: .leading) {
                    Text(verbatim: row.title).font(.body.weight(.medium))
                    Text(verbatim: row.subtitle).font(.subheadline).foregroundStyle(.secondary)
                }
                if row.opensTrek {
                    Button { openTrek(row.id) } label: { text }
                } else {
                    text
                }
            }
        }
        .accessibilityAddTraits(.updatesFrequently)
    }
}

/// What the core's follow screen says: its status, distance and climb
/// left, arrival time, the point ahead, the sensitive areas the hiker is
/// in, the trek's profile with the hiker on it, and its alerts (announced),
/// all worded by the core.
struct FollowBanner: View {
    let state: FollowScreenState
    let measures: MeasureFormatter
    /// Whether the map shows a point tapped on the profile rather than the hiker.
    let showsProfilePoint: Bool
    let stop: () -> Void
    /// Shows the point this far along the profile on the map; nil: the hiker again.
    let showOnMap: (Double?) -> Void

    var body: some View {
        VStack(alignment: .leading, spacing: 6) {
            HStack {
                Text(verbatim: state.banner?.status ?? state.trekName ?? "").font(.headline)
                Spacer()
                Button(action: stop) {
                    Label("Stop following", systemImage: "xmark.circle.fill").labelStyle(.iconOnly)
                }
            }
            if let banner = state.banner {
                HStack(spacing: 16) {
                    Label(banner.distanceLeft, systemImage: "arrow.forward")
                    Label(banner.ascentLeft, systemImage: "arrow.up.right")
                    if let arrival = banner.arrival {
                        Label(arrival, systemImage: "clock")
                    }
                }
                .font(.subheadline)
                if let ahead = banner.pointAhead {
                    Text(verbatim: ahead).font(.subheadline)
                }
                ForEach(banner.sensitiveAreas, id: \.self) { area in
                    Label(area, systemImage: "leaf.fill")
                        .foregroundStyle(.orange)
                }
            } else {
                Text("Waiting for your position")
            }
            if let profile = state.profile {
                ElevationChart(profile: profile, measures: measures, marker: state.banner?.onProfile) { along in
                    showOnMap(along)
                }
                .frame(height: 90)
                if showsProfilePoint {
                    Button { showOnMap(nil) } label: {
                        Label("Your position", systemImage: "location.fill")
                    }
                    .font(.subheadline)
                }
            }
            if let error = state.error {
                Text(verbatim: error).foregroundStyle(.red)
            }
        }
        .padding()
        .background(.regularMaterial, in: RoundedRectangle(cornerRadius: 12))
        .padding(.horizontal)
        .accessibilityElement(children: .contain)
        .onChange(of: state.alert) { _, alert in
            if let alert {
                AccessibilityNotification.Announcement(alert).post()
            }
        }
    }
}
