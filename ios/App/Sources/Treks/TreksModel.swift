import Foundation
import Observation
import Sentier

/// The reference lists a trek search can be narrowed by.
enum TrekFilter: CaseIterable, Hashable {
    case practice, difficulty, theme, route, accessibility

    var list: ChoiceList {
        switch self {
        case .practice: .practice
        case .difficulty: .difficulty
        case .theme: .theme
        case .route: .route
        case .accessibility: .accessibility
        }
    }
}

/// The trek search screen: search as you type, filters, ranges, nearby,
/// paging. Every change of the query runs the core's search again once
/// typing pauses; matching and ranking are the core's. With the core's map,
/// the map view draws the search's results only.
@MainActor
@Observable
final class TreksModel {
    enum Layout: Hashable { case list, map }

    /// The search as the core runs it.
    private(set) var query: TrekQuery
    /// The choices of each filter, in the catalog's language.
    private(set) var options: [TrekFilter: [Choice]] = [:]
    private(set) var treks: [TrekSummary] = []
    /// How many treks match in all (`treks` may hold the first pages only).
    private(set) var total: UInt64 = 0
    /// The core's map style drawing every trek that matches (not only the
    /// loaded pages); nil without a map.
    private(set) var mapStyleURL: URL?
    private(set) var error: String?
    var layout: Layout = .list

    private let catalog: Catalog
    private let map: OfflineMap?
    private var search: Task<Void, Never>?
    private var paging: Task<Void, Never>?

    init(catalog: Catalog, language: String, map: OfflineMap? = nil) {
        self.catalog = catalog
        self.map = map
        query = TrekQuery(language: language, limit: Self.pageSize)
        run(after: .zero)
    }

    /// Loads each filter's choices.
    func loadOptions() async {
        let (catalog, language) = (self.catalog, query.language)
        do {
            var options: [TrekFilter: [Choice]] = [:]
            for filter in TrekFilter.allCases {
                options[filter] = try await offMain { try catalog.choices(list: filter.list, language: language) }
            }
            self.options = options
        } catch {
            self.error = error.localizedDescription
        }
    }

    func setText(_ text: String) {
        edit { $0.text = text.trimmingCharacters(in: .whitespaces).isEmpty ? nil : text }
    }

    func isSelected(_ filter: TrekFilter, _ id: Int64) -> Bool {
        ids(filter, in: query).contains(id)
    }

    func toggle(_ filter: TrekFilter, _ id: Int64) {
        edit { query in
            var ids = self.ids(filter, in: query)
            if let index = ids.firstIndex(of: id) {
                ids.remove(at: index)
            } else {
                ids.append(id)
            }
            switch filter {
            case .practice: query.practices = ids
            case .difficulty: query.difficulties = ids
            case .theme: query.themes = ids
            case .route: query.routes = ids
            case .accessibility: query.accessibilities = ids
            }
        }
    }

    func range(_ measure: TrekMeasure) -> ValueRange {
        switch measure {
        case .durationHours: query.durationHours
        case .lengthM: query.lengthM
        case .ascentM: query.ascentM
        }
    }

    func setRange(_ measure: TrekMeasure, _ value: ValueRange) {
        edit { query in
            switch measure {
            case .durationHours: query.durationHours = value
            case .lengthM: query.lengthM = value
            case .ascentM: query.ascentM = value
            }
        }
    }

    /// Treks around `circle`, nearest first; nil searches everywhere again.
    func setNear(_ circle: Circle?) {
        edit { $0.near = circle }
    }

    func clearFilters() {
        edit { query in
            query = TrekQuery(text: query.text, language: query.language, near: query.near, limit: Self.pageSize)
        }
    }

    /// Appends the next page of results, if any.
    func loadMore() {
        guard UInt64(treks.count) < total, paging == nil else { return }
        let (catalog, base) = (self.catalog, query)
        var next = base
        next.offset = UInt32(treks.count)
        paging = Task {
            defer { paging = nil }
            // A page of an older query is dropped: the new query's first page replaces the list.
            if let page = try? await offMain({ try catalog.search(query: next) }), base == query {
                treks += page.treks
            }
        }
    }

    private func ids(_ filter: TrekFilter, in query: TrekQuery) -> [Int64] {
        switch filter {
        case .practice: query.practices
        case .difficulty: query.difficulties
        case .theme: query.themes
        case .route: query.routes
        case .accessibility: query.accessibilities
        }
    }

    private func edit(_ change: (inout TrekQuery) -> Void) {
        change(&query)
        query.offset = 0
        run(after: Self.typingPause)
    }

    /// Searches once typing pauses; a newer query cancels the older search.
    private func run(after pause: Duration) {
        search?.cancel()
        let (catalog, map, query) = (self.catalog, self.map, self.query)
        search = Task {
            try? await Task.sleep(for: pause)
            guard !Task.isCancelled else { return }
            do {
                let page = try await offMain { try catalog.search(query: query) }
                let style = try? await offMain {
                    try map?.styleUrl(selectedTrek: nil, shownTreks: catalog.matchingTrekIds(query: query))
                }
                guard !Task.isCancelled else { return }
                treks = page.treks
                total = page.total
                mapStyleURL = style.flatMap(URL.init(string:))
                error = nil
            } catch {
                treks = []
                total = 0
                self.error = error.localizedDescription
            }
            search = nil
        }
    }

    private static let pageSize: UInt32 = 30
    /// Search once typing pauses this long, not at every key.
    private static let typingPause = Duration.milliseconds(150)
}
