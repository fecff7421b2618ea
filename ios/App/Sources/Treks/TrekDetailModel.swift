import Foundation
import Sentier
import UIKit

/// The core's trek detail screen: figures, texts, profile, photos from the
/// pack, what lies along the trek, its GPX; every word the core's.
typealias TrekDetailModel = CoreScreen<TrekScreen, TrekDetailState>

extension CoreScreen where Screen == TrekScreen, State == TrekDetailState {
    convenience init(screen: TrekScreen) {
        self.init(screen, state: screen.state()) { $0.subscribe(listener: $1) }
    }
}

/// The HTML Geotrek-admin writes, as styled text (UIKit's HTML import).
func attributedHTML(_ html: String) -> AttributedString {
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
