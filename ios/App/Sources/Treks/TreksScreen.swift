import CoreLocation
import SwiftUI
import Sentier

/// The treks of the pack in use: search as you type, filters, nearby, as a
/// list or on the map.
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
            model = services.catalog.map { TreksModel(catalog: $0, language: services.settings.language, map: services.core.map) }
            await model?.loadOptions()
        }
    }
}

private struct TreksView: View {
    @Bindable var model: TreksModel
    let services: AppServices
    @State var text = ""
    @State var showsFilters = false

    private var measures: MeasureFormatter { services.settings.measures }

    var body: some View {
        content
            .searchable(text: $text, prompt: Text("Search treks"))
            .onChange(of: text) { _, text in model.setText(text) }
            .navigationDestination(for: TrekRoute.self) { route in
                TrekDetailScreen(trekID: route.id, services: services)
            }
            .toolbar {
                ToolbarItem(placement: .principal) {
                    Picker("Show", selection: $model.layout) {
                        Label("List", systemImage: "list.bullet").tag(TreksModel.Layout.list)
                        Label("Map", systemImage: "map").tag(TreksModel.Layout.map)
                    }
                    .pickerStyle(.segmented)
                }
                ToolbarItemGroup(placement: .topBarTrailing) {
                    Button {
                        toggleNearby()
                    } label: {
                        Label("Near me", systemImage: model.query.near == nil ? "location" : "location.fill")
                    }
                    Button {
                        showsFilters = true
                    } label: {
                        Label("Filters", systemImage: "line.3.horizontal.decrease.circle")
                    }
                }
            }
            .sheet(isPresented: $showsFilters) {
                NavigationStack { TrekFiltersView(model: model, measures: measures) }
            }
    }

    @ViewBuilder private var content: some View {
        switch model.layout {
        case .list:
            List {
                if let error = model.error {
                    Text(error).foregroundStyle(.red)
                }
                Text("\(Int(model.total)) treks")
                    .font(.footnote)
                    .foregroundStyle(.secondary)
                ForEach(model.treks, id: \.id) { trek in
                    NavigationLink(value: TrekRoute(id: trek.id)) {
                        TrekRow(trek: trek, measures: measures, thumbnail: trek.thumbnailUrl.flatMap(services.mediaURL))
                    }
                    .onAppear {
                        if trek.id == model.treks.last?.id {
                            model.loadMore()
                        }
                    }
                }
            }
            .listStyle(.plain)
        case .map:
            if let style = model.mapStyleURL {
                MapLibreView(styleURL: style)
                    .ignoresSafeArea(edges: .bottom)
            }
        }
    }

    /// Searches around the hiker's last known position, or everywhere again.
    private func toggleNearby() {
        if model.query.near != nil {
            model.setNear(nil)
            return
        }
        services.location.requestPermission()
        if let here = services.location.lastKnown {
            model.setNear(nearMe(center: here.latLon))
        }
    }
}

/// A trek to open, as a navigation value.
struct TrekRoute: Hashable {
    let id: Int64
}

/// One trek of a list; every figure written by the core's formatter.
struct TrekRow: View {
    let trek: TrekSummary
    let measures: MeasureFormatter
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
                Text(trek.name).font(.headline)
                Text([trek.practice, trek.difficulty].compactMap { $0 }.joined(separator: " · "))
                    .font(.subheadline)
                    .foregroundStyle(.secondary)
                Text(figures.joined(separator: " · "))
                    .font(.subheadline)
                if let distance = trek.distanceM {
                    Label(measures.distance(metres: distance), systemImage: "location")
                        .font(.footnote)
                        .foregroundStyle(.secondary)
                }
            }
        }
        .accessibilityElement(children: .combine)
    }

    private var figures: [String] {
        [
            trek.lengthM.map { measures.distance(metres: $0) },
            trek.durationHours.map { measures.duration(seconds: $0 * 3600) },
            trek.ascentM.map { measures.ascent(metres: $0) },
        ].compactMap { $0 }
    }
}
