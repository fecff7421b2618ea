import SwiftUI
import Sentier

/// The offline map of the pack in use, with the followed trek highlighted,
/// the hiker's position and the follow banner.
struct MapScreen: View {
    let services: AppServices
    @State private var follow = FollowModel()
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
                            FollowBanner(model: follow, measures: services.settings.measures) {
                                services.follow(trek: nil)
                            }
                        }
                    }
            } else {
                MissingPrerequisiteView(
                    title: "No map yet", systemImage: "map",
                    message: Text(services.packError ?? String(localized: "Download a territory's pack to see its map offline.")),
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
        .task(id: services.followedTrek) {
            if let trek = services.followedTrek, let catalog = services.catalog {
                await follow.follow(trek: trek, catalog: catalog, language: services.settings.language, location: services.location)
            }
        }
    }
}

/// What the follower says: distance and climb left, arrival time, the
/// point ahead, and its warnings (off route, wrong way, sensitive area).
struct FollowBanner: View {
    let model: FollowModel
    let measures: MeasureFormatter
    let stop: () -> Void

    var body: some View {
        VStack(alignment: .leading, spacing: 6) {
            HStack {
                Text(status).font(.headline)
                Spacer()
                Button(action: stop) {
                    Label("Stop following", systemImage: "xmark.circle.fill").labelStyle(.iconOnly)
                }
            }
            if let state = model.state {
                HStack(spacing: 16) {
                    Label(measures.distance(metres: state.distanceRemainingM), systemImage: "arrow.forward")
                        .accessibilityLabel(Text("\(measures.distance(metres: state.distanceRemainingM)) to go"))
                    Label(measures.ascent(metres: state.ascentRemainingM), systemImage: "arrow.up.right")
                        .accessibilityLabel(Text("\(measures.elevation(metres: state.ascentRemainingM)) of ascent left"))
                    if let seconds = state.timeRemainingS, let arrivalMs = state.arrivalAtMs {
                        let arrival = measures.clockTime(unixMs: arrivalMs, utcOffsetMinutes: arrivalMs.utcOffsetMinutes)
                        Label(arrival, systemImage: "clock")
                            .accessibilityLabel(Text("Arrival around \(arrival), in \(measures.duration(seconds: seconds))"))
                    }
                }
                .font(.subheadline)
                if let ahead = state.nextPoint {
                    Text("\(ahead.point.name) in \(measures.distance(metres: ahead.distanceM))")
                        .font(.subheadline)
                }
            }
            ForEach(model.sensitiveAreasHere, id: \.self) { name in
                Label("Sensitive area: \(name)", systemImage: "leaf.fill")
                    .foregroundStyle(.orange)
            }
            if let error = model.error {
                Text(error).foregroundStyle(.red)
            }
        }
        .padding()
        .background(.regularMaterial, in: RoundedRectangle(cornerRadius: 12))
        .padding(.horizontal)
        .accessibilityElement(children: .contain)
        .onChange(of: model.lastEvent) { _, event in
            if let event {
                AccessibilityNotification.Announcement(message(event)).post()
            }
        }
    }

    private var status: String {
        guard let state = model.state else { return String(localized: "Waiting for your position") }
        switch state.headline {
        case .waiting: return String(localized: "Waiting for your position")
        case .onRoute: return String(localized: "On the trek")
        case .wrongDirection: return String(localized: "Wrong direction")
        case .offRoute: return String(localized: "Off the trek by \(measures.distance(metres: state.distanceFromRouteM))")
        case .arrived: return String(localized: "Arrived")
        }
    }

    private func message(_ event: FollowerEvent) -> String {
        switch event {
        case .offRoute(let distance): String(localized: "Off the trek by \(measures.distance(metres: distance))")
        case .backOnRoute: String(localized: "Back on the trek")
        case .wrongDirection: String(localized: "Wrong direction")
        case .rightDirection: String(localized: "Right direction again")
        case .pointAhead(let ahead): String(localized: "\(ahead.point.name) in \(measures.distance(metres: ahead.distanceM))")
        case .enteredSensitiveZone(_, let name): String(localized: "Sensitive area: \(name)")
        case .leftSensitiveZone(_, let name): String(localized: "Left the sensitive area \(name)")
        case .arrived: String(localized: "Arrived")
        }
    }
}
