import CoreLocation
import SwiftUI
import Sentier

/// The treks of the pack in use: search as you type, filters, nearby, as a
/// list or on the map; the search and its wording are the core's.
struct TreksScreen: View {
    let services: AppServices
    @State private var model: TreksModel?

    init(services: AppServices) {
        self.services = services
    }

    var body: some View {
        Group {
            if let model {
                TreksView(model: model, services: services)
            } else {
                MissingPrerequisiteView.noPack(Text("Download a territory's pack to find its treks offline."), services: services)
            }
        }
        .navigationTitle("Treks")
        .task(id: services.mapGeneration) {
            model = services.catalog.map {
                TreksModel(screen: TrekSearchScreen.open(catalog: $0, settings: services.settings.screen, map: services.core.map))
            }
        }
    }
}

private struct TreksView: View {
    let model: TreksModel
    let services: AppServices
    @State var text = ""
    @State var showsFilters = false

    private var search: TrekSearchScreen { model.screen }
    private var state: TrekSearchState { model.state }

    var body: some View {
        content
            .searchable(text: $text, prompt: Text("Search treks"))
            .onChange(of: text) { _, text in search.setText(text: text) }
            .navigationDestination(for: TrekRoute.self) { route in
                TrekDetailScreen(trekID: route.id, services: services)
            }
            .toolbar {
                ToolbarItem(placement: .principal) {
                    Picker("Show", selection: Binding(get: { state.layout }, set: search.setLayout)) {
                        Label("List", systemImage: "list.bullet").tag(TreksLayout.list)
                        Label("Map", systemImage: "map").tag(TreksLayout.map)
                    }
                    .pickerStyle(.segmented)
                }
                ToolbarItemGroup(placement: .topBarTrailing) {
                    Button {
                        toggleNearby()
                    } label: {
                        Label("Near me", systemImage: state.nearMe ? "location.fill" : "location")
                    }
                    Button {
                        showsFilters = true
                    } label: {
                        Label("Filters", systemImage: state.filtered ? "line.3.horizontal.decrease.circle.fill" : "line.3.horizontal.decrease.circle")
                    }
                }
            }
            .sheet(isPresented: $showsFilters) {
                NavigationStack { TrekFiltersView(model: model) }
            }
    }

    @ViewBuilder private var content: some View {
        switch state.layout {
        case .list:
            List {
                if let error = state.error {
                    Text(error).foregroundStyle(.red)
                }
                Text(verbatim: state.totalLabel)
                    .font(.footnote)
                    .foregroundStyle(.secondary)
                ForEach(state.rows, id: \.id) { row in
                    NavigationLink(value: TrekRoute(id: row.id)) {
                        TrekRowView(row: row, thumbnail: row.thumbnailUrl.flatMap(services.mediaURL))
                    }
                    .onAppear {
                        if row.id == state.rows.last?.id, state.hasMore {
                            search.loadMore()
                        }
                    }
                }
            }
            .listStyle(.plain)
        case .map:
            if let style = state.mapStyleUrl.flatMap(URL.init(string:)) {
                MapLibreView(styleURL: style)
                    .ignoresSafeArea(edges: .bottom)
            }
        }
    }

    /// Searches around the hiker's last known position, or everywhere again.
    private func toggleNearby() {
        if state.nearMe {
            search.setNear(position: nil)
            return
        }
        services.location.requestPermission()
        if let here = services.location.lastKnown {
            search.setNear(position: here.latLon)
        }
    }
}

/// A trek to open, as a navigation value.
struct TrekRoute: Hashable {
    let id: Int64
}

/// One trek of a list; its labels and figures written by the core.
struct TrekRowView: View {
    let row: TrekRow
    let thumbnail: URL?

    var body: some View {
        HStack(alignment: .top, spacing: 12) {
            AsyncImage(url: thumbnail) { image in
                image.resizable().scaledToFill()
            } placeholder: {
                Color.secondary.opacity(0.2)
            }
            .frame(width: 72, height: 72)
            .clipShape(RoundedRectangle(cornerRadius: 8))
            .accessibilityHidden(true)
            VStack(alignment: .leading, spacing: 4) {
                Text(row.name).font(.headline)
                Text(verbatim: row.labels)
                    .font(.subheadline)
                    .foregroundStyle(.secondary)
                Text(verbatim: row.figures)
                    .font(.subheadline)
            }
        }
        .accessibilityElement(children: .combine)
    }
}
