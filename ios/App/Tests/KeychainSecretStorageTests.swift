import XCTest
import Sentier

/// The Keychain behind the core's SecretStorage (app-hosted: the Keychain
/// needs the app's entitlements).
final class KeychainSecretStorageTests: XCTestCase {
    private let storage = KeychainSecretStorage(service: "org.sentier.app.tests.\(UUID().uuidString)")

    func testValuesAreWrittenReplacedAndDeleted() throws {
        XCTAssertNil(try storage.read(key: "session"))

        try storage.write(key: "session", value: "first")
        try storage.write(key: "session", value: "second é")

        XCTAssertEqual(try storage.read(key: "session"), "second é")
        try storage.delete(key: "session")
        XCTAssertNil(try storage.read(key: "session"))
    }

    func testDeletingAMissingKeyIsNotAnError() throws {
        XCTAssertNoThrow(try storage.delete(key: "never written"))
    }
}
