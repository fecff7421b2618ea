import Foundation
import Observation
import Sentier

/// The report being composed: what the hiker or ranger fills in, the core's
/// lists to pick from (categories, magnitudes, activities, conditions, the
/// signage and infrastructure nearby) and its photos. Validation, photo
/// processing and delivery are the core's.
@MainActor
@Observable
final class ReportModel {
    var kind: ReportKind = .public
    var email = ""
    var comment = ""
    var categoryId: Int64?
    var activityId: Int64?
    var magnitudeId: Int64?
    /// The signage or infrastructure item the report is about.
    var asset: NearbyAsset?
    /// The item's new conditions (rangers).
    var conditionIds: Set<Int64> = []

    private(set) var references: FeedbackReferences?
    /// Signage and infrastructure around the report's location, nearest first.
    private(set) var nearbyAssets: [NearbyAsset] = []
    private(set) var location: ReportLocation?
    private(set) var photos: [StoredPhoto] = []
    /// The core's message when the last action failed for another reason
    /// than an incomplete report (those show in `problems`).
    private(set) var error: String?
    private(set) var busy = false
    /// Set once the report is in the outbox, until the next one is started.
    private(set) var queued = false

    private let outbox: OutboxModel
    private var draftID: String?
    private var language = "en"
    /// The server of a refused send: from then on the form is checked at every change.
    private var checkedServer: String?

    init(outbox: OutboxModel) {
        self.outbox = outbox
    }

    /// Reads the core's lists for a report at `location`.
    func prepare(catalog: Catalog, language: String, location: ReportLocation?, serverUrl: String?) {
        self.language = language
        self.location = location
        references = catalog.reportReferences(language: language)
        guard let location, let serverUrl else {
            nearbyAssets = []
            return
        }
        do {
            nearbyAssets = try outbox.reports.assetsNear(
                kind: kind, serverUrl: serverUrl, location: location, catalog: catalog, language: language
            )
        } catch {
            nearbyAssets = []
            self.error = error.localizedDescription
        }
    }

    /// What stops the report from being sent, each in the core's words for the
    /// field it is shown next to (`.server`: the settings' server). Empty until
    /// sending is refused, then kept up to date as the form changes.
    var problems: [ReportField: String] {
        guard let checkedServer else { return [:] }
        let found = reportProblems(draft: draft(serverUrl: checkedServer), references: references)
        return Dictionary(
            found.map { ($0.field, reportProblemMessage(problem: $0.problem, language: negotiateLanguage(preferredTags: [language]))) },
            uniquingKeysWith: { first, _ in first }
        )
    }

    /// The new conditions an item of the chosen kind can be given.
    var conditionChoices: [Reference] {
        switch asset?.asset.kind {
        case .signage: references?.signageConditions ?? []
        case .infrastructure: references?.infrastructureConditions ?? []
        case nil: []
        }
    }

    /// Adds a photo (camera or library bytes); the core checks and re-encodes it.
    func addPhoto(_ data: Data, serverUrl: String) async {
        busy = true
        defer { busy = false }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        do {
            let id = try saveDraft(serverUrl: serverUrl)
            try data.write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            let reports = outbox.reports
            let photo = try await offMain { try reports.addPhoto(id: id, path: file.path) }
            photos.append(photo)
            error = nil
        } catch {
            self.error = error.localizedDescription
        }
    }

    func removePhoto(_ photo: StoredPhoto) {
        guard let draftID else { return }
        do {
            try outbox.reports.removePhoto(id: draftID, position: photo.position)
            photos.removeAll { $0.position == photo.position }
        } catch {
            self.error = error.localizedDescription
        }
    }

    /// Puts the report in the outbox if the core accepts it; it leaves when the
    /// network allows. Refused, the core's problems show next to their fields.
    func send(serverUrl: String) {
        do {
            let id = try saveDraft(serverUrl: serverUrl)
            _ = try outbox.reports.queue(id: id, references: references)
            reset()
            queued = true
            outbox.refresh()
        } catch ReportError.InvalidReport {
            checkedServer = serverUrl
            error = nil
        } catch {
            self.error = error.localizedDescription
        }
    }

    /// Starts a new report.
    func reset() {
        draftID = nil
        checkedServer = nil
        comment = ""
        categoryId = nil
        activityId = nil
        magnitudeId = nil
        asset = nil
        conditionIds = []
        photos = []
        error = nil
        queued = false
    }

    /// The draft in the outbox, created at the first photo or at sending.
    private func saveDraft(serverUrl: String) throws -> String {
        let draft = draft(serverUrl: serverUrl)
        if let draftID {
            return try outbox.reports.updateDraft(id: draftID, draft: draft).id
        }
        let id = try outbox.reports.createDraft(draft: draft).id
        draftID = id
        return id
    }

    /// What the form says, as the core's draft.
    private func draft(serverUrl: String) -> ReportDraft {
        ReportDraft(
            kind: kind,
            serverUrl: serverUrl,
            location: location,
            email: email,
            comment: comment,
            categoryId: categoryId,
            activityId: activityId,
            magnitudeId: magnitudeId,
            relatedTrekId: nil,
            asset: asset.map { assetRef(asset: $0.asset) },
            assetConditionIds: Array(conditionIds)
        )
    }
}
