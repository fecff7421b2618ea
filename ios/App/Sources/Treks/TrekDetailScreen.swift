import SwiftUI
import Sentier

/// A trek: photos, key figures, texts, elevation profile, what is along it,
/// the steps of a tour, its GPX to share and following it on the map.
struct TrekDetailScreen: View {
    let trekID: Int64
    let services: AppServices
    @State private var model = TrekDetailModel()

    init(trekID: Int64, services: AppServices) {
        self.trekID = trekID
        self.services = services
    }

    private var measures: MeasureFormatter { services.settings.measures }

    var body: some View {
        Group {
            if let detail = model.detail {
                content(detail)
            } else if let error = model.error {
                ContentUnavailableView("Trek unavailable", systemImage: "exclamationmark.triangle", description: Text(error))
            } else {
                ProgressView()
            }
        }
        .navigationTitle(model.detail?.name ?? "")
        .navigationBarTitleDisplayMode(.inline)
        .task(id: trekID) {
            if let catalog = services.catalog {
                await model.load(trekID, from: catalog, language: services.settings.language)
            }
        }
    }

    private func content(_ detail: TrekDetail) -> some View {
        List {
            let photos = detail.media.filter(\.isImage)
            if !photos.isEmpty {
                Section {
                    PhotoCarousel(photos: photos, services: services)
                        .listRowInsets(EdgeInsets())
                }
            }
            Section {
                KeyFigures(detail: detail, measures: measures)
                Button {
                    services.follow(trek: detail.id)
                } label: {
                    Label("Follow on the map", systemImage: "location.north.line")
                }
                if let gpx = model.gpx {
                    ShareLink(item: gpx, preview: SharePreview(gpx.name)) {
                        Label("Share the GPX", systemImage: "square.and.arrow.up")
                    }
                }
            }
            if !detail.profile.distancesM.isEmpty {
                Section("Elevation profile") {
                    ElevationChart(profile: detail.profile, measures: measures)
                        .frame(minHeight: 180)
                }
            }
            ForEach(Array(model.texts.enumerated()), id: \.offset) { _, text in
                Section(String(localized: text.title)) {
                    Text(text.body)
                }
            }
            if !detail.steps.isEmpty {
                Section("Steps") {
                    ForEach(detail.steps, id: \.id) { step in
                        NavigationLink(value: TrekRoute(id: step.id)) {
                            TrekRowView(row: trekRow(trek: step, settings: services.settings.screen), thumbnail: step.thumbnailUrl.flatMap(services.mediaURL))
                        }
                    }
                }
            }
            if !detail.pois.isEmpty {
                Section("Points of interest") {
                    ForEach(detail.pois, id: \.id) { poi in
                        VStack(alignment: .leading, spacing: 4) {
                            Text(poi.name).font(.headline)
                            Text([poi.typeLabel, measures.distance(metres: poi.alongM)].compactMap { $0 }.joined(separator: " · "))
                                .font(.subheadline)
                                .foregroundStyle(.secondary)
                        }
                        .accessibilityElement(children: .combine)
                    }
                }
            }
            if !detail.signage.isEmpty {
                Section("Signage") {
                    ForEach(detail.signage, id: \.id) { sign in
                        SignageRow(sign: sign, measures: measures)
                    }
                }
            }
            if !detail.sensitiveAreas.isEmpty {
                Section("Sensitive areas") {
                    ForEach(detail.sensitiveAreas, id: \.id) { area in
                        SensitiveAreaRow(area: area, measures: measures)
                    }
                }
            }
            if !detail.informationDesks.isEmpty {
                Section("Information desks") {
                    ForEach(detail.informationDesks, id: \.id) { desk in
                        InformationDeskRow(desk: desk)
                    }
                }
            }
        }
    }
}

/// The trek's photos, as the installed pack keeps them.
private struct PhotoCarousel: View {
    let photos: [Media]
    let services: AppServices

    var body: some View {
        TabView {
            ForEach(photos, id: \.url) { photo in
                AsyncImage(url: services.mediaURL(photo.url)) { image in
                    image.resizable().scaledToFill()
                } placeholder: {
                    Color.secondary.opacity(0.2)
                }
                .clipped()
                .accessibilityLabel(photo.legend ?? photo.title ?? String(localized: "Photo"))
            }
        }
        .tabViewStyle(.page)
        .frame(height: 240)
    }
}

/// Length, duration, ascent, descent, practice and difficulty.
private struct KeyFigures: View {
    let detail: TrekDetail
    let measures: MeasureFormatter

    var body: some View {
        LabeledContent("Practice", value: detail.practice?.label ?? "–")
        if let difficulty = detail.difficulty {
            LabeledContent("Difficulty", value: difficulty.label)
        }
        if let length = detail.lengthM {
            LabeledContent("Length", value: measures.distance(metres: length))
        }
        if let hours = detail.durationHours {
            LabeledContent("Duration", value: measures.duration(seconds: hours * 3600))
        }
        if let ascent = detail.ascentM {
            LabeledContent("Ascent", value: measures.elevation(metres: ascent))
        }
        if let descent = detail.descentM {
            LabeledContent("Descent", value: measures.elevation(metres: descent))
        }
        if !detail.departure.isEmpty {
            LabeledContent("Departure", value: detail.departure)
        }
        if !detail.themes.isEmpty {
            LabeledContent("Themes", value: detail.themes.map(\.label).joined(separator: ", "))
        }
    }
}

private struct SignageRow: View {
    let sign: SignageItem
    let measures: MeasureFormatter

    var body: some View {
        VStack(alignment: .leading, spacing: 4) {
            Text([sign.code, sign.name].compactMap { $0 }.joined(separator: " – ")).font(.headline)
            if let type = sign.typeLabel {
                Text(type).font(.subheadline).foregroundStyle(.secondary)
            }
            ForEach(sign.blades, id: \.number) { blade in
                ForEach(Array(blade.lines.enumerated()), id: \.offset) { _, line in
                    Text(measures.bladeLine(line: line))
                        .font(.footnote)
                }
            }
        }
        .accessibilityElement(children: .combine)
    }
}

private struct SensitiveAreaRow: View {
    let area: SensitiveArea
    let measures: MeasureFormatter

    var body: some View {
        VStack(alignment: .leading, spacing: 4) {
            Label(area.name, systemImage: "leaf").font(.headline)
            if !area.practiceLabels.isEmpty {
                Text(area.practiceLabels.joined(separator: ", ")).font(.subheadline)
            }
            let months = measures.months(flags: area.months)
            if !months.isEmpty {
                Text(months).font(.subheadline).foregroundStyle(.secondary)
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
