import SwiftUI
import Sentier

/// The offline map of the pack in use, with the followed trek highlighted,
/// the hiker's position and the follow banner.
struct MapScreen: View {
    let services: AppServices
    /// The trek whose line was tapped, shown over the map.
    @State private var tappedTrek: TrekRoute?

    init(services: AppServices) {
        self.services = services
    }

    var body: some View {
        Group {
            if let style = services.styleURL {
                MapLibreView(styleURL: style, followsUser: services.followedTrek != nil) { id in
                    tappedTrek = TrekRoute(id: id)
                }
                    .ignoresSafeArea(edges: .bottom)
                    .safeAreaInset(edge: .top) {
                        if services.followedTrek != nil {
                            FollowBanner(state: services.follow.state) {
                                services.follow(trek: nil)
                            }
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
/// in, and its alerts (announced), all worded by the core.
struct FollowBanner: View {
    let state: FollowScreenState
    let stop: () -> Void

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
