import CoreTransferable
import Foundation
import Sentier
import UniformTypeIdentifiers

/// A GPX file to share, written by the core only when the user shares it
/// (into the temporary folder), not each time a trek or track is shown.
struct GPXExport: Transferable {
    /// The trek's or track's name, which names the file.
    let name: String
    /// Writes the GPX at the given path (a call to the core).
    let write: @Sendable (_ path: String) throws -> Void

    static var transferRepresentation: some TransferRepresentation {
        FileRepresentation(exportedContentType: .gpx) { export in
            let file = FileManager.default.temporaryDirectory
                .appendingPathComponent("\(export.name).gpx".replacingOccurrences(of: "/", with: "-"))
            let write = export.write
            try await offMain { try write(file.path) }
            return SentTransferredFile(file)
        }
    }
}

extension UTType {
    /// GPX 1.1, an XML format; declared in project.yml's UTImportedTypeDeclarations.
    static let gpx = UTType(importedAs: "com.topografix.gpx", conformingTo: .xml)
}
