import Foundation

/// The core's words for `error` in `language`, never a generated dump of
/// its fields; an error of the platform keeps its own description.
public func userMessage(_ error: Error, language: Language) -> String {
    switch error {
    case let error as CatalogError: catalogErrorMessage(error: error, language: language)
    case let error as PackError: packErrorMessage(error: error, language: language)
    case let error as TileError: tileErrorMessage(error: error, language: language)
    case let error as TrailError: trailErrorMessage(error: error, language: language)
    case let error as ReportError: reportErrorMessage(error: error, language: language)
    case let error as AddressError: addressErrorMessage(error: error, language: language)
    default: error.localizedDescription
    }
}
