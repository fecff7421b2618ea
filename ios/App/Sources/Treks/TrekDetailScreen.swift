import SwiftUI
import Sentier

/// A trek: photos, key figures, texts, elevation profile, what is along it,
/// the steps of a tour, its GPX to share and following it on the map; the
/// core's trek screen decides and words all of it.
struct TrekDetailScreen: View {
    let trekID: Int64
    let services: AppServices
    @State private var model: TrekDetailModel?

    init(trekID: Int64, services: AppServices) {
        self.trekID = trekID
        self.services = services
    }

    var body: some View {
        Group {
            if let model, !model.state.loading, model.state.error == nil || !model.state.name.isEmpty {
                content(model)
            } else if let error = model?.state.error {
                ContentUnavailableView("Trek unavailable", systemImage: "exclamationmark.triangle", description: Text(error))
            } else {
                ProgressView()
            }
        }
        .navigationTitle(model?.state.name ?? "")
        .navigationBarTitleDisplayMode(.inline)
        .task(id: trekID) {
            if let catalog = services.catalog {
                model = TrekDetailModel(screen: TrekScreen.open(
                    catalog: catalog,
                    id: trekID,
                    settings: services.settings.screen,
                    follow: services.follow.screen,
                    exportsDir: AppServices.exportsFolder.path
                ))
            }
        }
    }

    private func content(_ model: TrekDetailModel) -> some View {
        let state = model.state
        return List {
            if !state.photos.isEmpty {
                Section {
                    PhotoCarousel(photos: state.photos)
                        .listRowInsets(EdgeInsets())
                }
            }
            Section {
                if !state.labels.isEmpty {
                    Text(state.labels).font(.subheadline)
                }
                FiguresView(figures: state.figures)
                if state.canFollow {
                    Button {
                        model.screen.follow()
                        services.tab = .map
                    } label: {
                        Label("Follow on the map", systemImage: "location.north.line")
                    }
                }
                GPXShareButton(file: state.gpxFile) { model.screen.exportGpx() }
                if let error = state.error {
                    Text(error).foregroundStyle(.red)
                }
            }
            if let profile = state.profile {
                Section("Elevation profile") {
                    ElevationChart(profile: profile, measures: services.settings.measures)
                        .frame(minHeight: 180)
                }
            }
            ForEach(state.texts, id: \.title) { text in
                Section(text.title) {
                    Text(attributedHTML(text.html))
                }
            }
            if !state.steps.isEmpty {
                Section("Steps") {
                    ForEach(state.steps, id: \.id) { step in
                        NavigationLink(value: TrekRoute(id: step.id)) {
                            TrekRowView(row: step, thumbnail: step.thumbnailUrl.flatMap(URL.init(string:)))
                        }
                    }
                }
            }
            along("Points of interest", state.pois)
            along("Signage", state.signage)
            if !state.sensitiveAreas.isEmpty {
                Section("Sensitive areas") {
                    ForEach(state.sensitiveAreas, id: \.id) { area in
                        SensitiveAreaView(area: area)
                    }
                }
            }
            if !state.informationDesks.isEmpty {
                Section("Information desks") {
                    ForEach(state.informationDesks, id: \.id) { desk in
                        InformationDeskRow(desk: desk)
                    }
                }
            }
        }
        .onDisappear { model.screen.shared() }
    }

    @ViewBuilder private func along(_ title: LocalizedStringKey, _ rows: [AlongRow]) -> some View {
        if !rows.isEmpty {
            Section(title) {
                ForEach(rows, id: \.id) { row in
                    VStack(alignment: .leading, spacing: 4) {
                        Text(row.title).font(.headline)
                        if !row.subtitle.isEmpty {
                            Text(row.subtitle).font(.subheadline).foregroundStyle(.secondary)
                        }
                        ForEach(Array(row.lines.enumerated()), id: \.offset) { _, line in
                            Text(line).font(.footnote)
                        }
                    }
                    .accessibilityElement(children: .combine)
                }
            }
        }
    }
}

/// The trek's photos, from the installed pack's copies when it has them.
private struct PhotoCarousel: View {
    let photos: [TrekPhoto]

    var body: some View {
        TabView {
            ForEach(photos, id: \.url) { photo in
                AsyncImage(url: URL(string: photo.url)) { image in
                    image.resizable().scaledToFill()
                } placeholder: {
                    Color.secondary.opacity(0.2)
                }
                .clipped()
                .accessibilityLabel(photo.caption ?? String(localized: "Photo"))
            }
        }
        .tabViewStyle(.page)
        .frame(height: 240)
    }
}

private struct SensitiveAreaView: View {
    let area: SensitiveAreaRow

    var body: some View {
        VStack(alignment: .leading, spacing: 4) {
            Label(area.name, systemImage: "leaf").font(.headline)
            if !area.practices.isEmpty {
                Text(area.practices).font(.subheadline)
            }
            if !area.months.isEmpty {
                Text(area.months).font(.subheadline).foregroundStyle(.secondary)
            }
            if !area.contact.isEmpty {
                Text(area.contact).font(.footnote)
            }
        }
        .accessibilityElement(children: .combine)
    }
}

private struct InformationDeskRow: View {
    let desk: InformationDesk

    var body: some View {
        VStack(alignment: .leading, spacing: 4) {
            Text(desk.name).font(.headline)
            if !desk.address.isEmpty {
                Text(desk.address).font(.subheadline)
            }
            if let phone = desk.phone, let url = URL(string: "tel:\(phone.filter { !$0.isWhitespace })") {
                Link(phone, destination: url)
            }
            if let email = desk.email, let url = URL(string: "mailto:\(email)") {
                Link(email, destination: url)
            }
            if let website = desk.website.flatMap(URL.init(string:)) {
                Link(website.host() ?? website.absoluteString, destination: website)
            }
        }
    }
}
