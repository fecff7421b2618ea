import Foundation
import Observation
import Sentier
import UIKit

/// One trek as the core's catalog describes it, with its HTML texts made
/// displayable.
@MainActor
@Observable
final class TrekDetailModel {
    private(set) var detail: TrekDetail?
    /// Description, ambiance, access, advice, gear and transport, in the catalog's order.
    private(set) var texts: [(title: LocalizedStringResource, body: AttributedString)] = []
    private(set) var error: String?
    /// The trek as a GPX file to share, written by the core from the offline
    /// catalog (no network needed) when shared; nil until the trek is loaded.
    private(set) var gpx: GPXExport?

    func load(_ id: Int64, from catalog: Catalog, language: String) async {
        do {
            let detail = try await offMain { try catalog.trekDetail(id: id, language: language) }
            self.detail = detail
            gpx = GPXExport(name: detail.name) { path in
                try catalog.exportTrekGpx(id: id, language: language, path: path)
            }
            let sources: [(LocalizedStringResource, String)] = [
                ("Description", detail.descriptionHtml),
                ("Ambiance", detail.ambianceHtml),
                ("Access", detail.accessHtml),
                ("Advice", detail.adviceHtml),
                ("Gear", detail.gearHtml),
                ("Public transport", detail.publicTransportHtml),
            ]
            texts = sources
                .filter { !$0.1.isEmpty }
                .map { (title: $0.0, body: Self.attributed($0.1)) }
            error = nil
        } catch {
            self.error = userMessage(error, language: negotiateLanguage(preferredTags: [language]))
        }
    }

    /// The HTML Geotrek-admin writes, as styled text (UIKit's HTML import).
    private static func attributed(_ html: String) -> AttributedString {
        let data = Data(html.utf8)
        let options: [NSAttributedString.DocumentReadingOptionKey: Any] = [
            .documentType: NSAttributedString.DocumentType.html,
            .characterEncoding: String.Encoding.utf8.rawValue,
        ]
        guard let text = try? NSAttributedString(data: data, options: options, documentAttributes: nil),
              var result = try? AttributedString(text, including: \.uiKit)
        else {
            return AttributedString(html)
        }
        // Dynamic Type and dark mode: the screen's font and colour, not the HTML's fixed ones.
        result.uiKit.font = nil
        result.uiKit.foregroundColor = nil
        return result
    }
}
