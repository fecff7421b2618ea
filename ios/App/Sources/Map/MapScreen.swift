import SwiftUI
import Sentier

/// The offline map of the pack in use, with the followed trek highlighted,
/// the hiker's position and the follow banner.
struct MapScreen: View {
    let services: AppServices
    /// The trek whose line was tapped, shown over the map.
    @State private var tappedTrek: TrekRoute?
    /// The point of the followed trek tapped on its profile, shown instead of the hiker.
    @State private var profilePoint: Position?

    init(services: AppServices) {
        self.services = services
    }

    var body: some View {
        Group {
            if let style = services.styleURL {
                MapLibreView(styleURL: style, followsUser: services.followedTrek != nil && profilePoint == nil, focus: profilePoint) { id in
                    tappedTrek = TrekRoute(id: id)
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
            } else {
                MissingPrerequisiteView(
                    title: "No map yet", systemImage: "map",
                    message: Text(services.packs.state.error ?? String(localized: "Download a territory's pack to see its map offline.")),
                    action: "Packs", tab: .packs, services: services
                )
            }
        }
        .navigationDestination(item: $tappedTrek) { route in
            TrekDetailScreen(trekID: route.id, services: services)
        }
        .navigationTitle("Map")
        .navigationBarTitleDisplayMode(.inline)
        .onAppear { services.location.requestPermission() }
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
