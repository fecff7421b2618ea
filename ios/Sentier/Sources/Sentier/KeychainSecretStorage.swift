import Foundation
import Security
import SentierFFI

/// The core's `SecretStorage` (ranger sessions and tokens) in the iOS
/// Keychain: generic passwords of one service, readable after the first
/// unlock so that background delivery works with the screen locked, never
/// synced to other devices or restored to another phone.
public final class KeychainSecretStorage: SecretStorage {
    private let service: String

    public init(service: String = "org.sentier.app.secrets") {
        self.service = service
    }

    public func read(key: String) throws -> String? {
        var query = itemQuery(key)
        query[kSecReturnData as String] = true
        query[kSecMatchLimit as String] = kSecMatchLimitOne
        var item: CFTypeRef?
        let status = SecItemCopyMatching(query as CFDictionary, &item)
        if status == errSecItemNotFound {
            return nil
        }
        guard status == errSecSuccess else {
            throw Self.unavailable(status)
        }
        guard let data = item as? Data, let value = String(data: data, encoding: .utf8) else {
            throw SecretStorageError.Unavailable(reason: "the keychain item of \(key) is not UTF-8 text")
        }
        return value
    }

    public func write(key: String, value: String) throws {
        let data = Data(value.utf8)
        let updated = SecItemUpdate(itemQuery(key) as CFDictionary, [kSecValueData as String: data] as CFDictionary)
        if updated == errSecSuccess {
            return
        }
        guard updated == errSecItemNotFound else {
            throw Self.unavailable(updated)
        }
        var item = itemQuery(key)
        item[kSecValueData as String] = data
        item[kSecAttrAccessible as String] = kSecAttrAccessibleAfterFirstUnlockThisDeviceOnly
        let added = SecItemAdd(item as CFDictionary, nil)
        guard added == errSecSuccess else {
            throw Self.unavailable(added)
        }
    }

    public func delete(key: String) throws {
        let status = SecItemDelete(itemQuery(key) as CFDictionary)
        guard status == errSecSuccess || status == errSecItemNotFound else {
            throw Self.unavailable(status)
        }
    }

    private func itemQuery(_ key: String) -> [String: Any] {
        [
            kSecClass as String: kSecClassGenericPassword,
            kSecAttrService as String: service,
            kSecAttrAccount as String: key,
        ]
    }

    private static func unavailable(_ status: OSStatus) -> SecretStorageError {
        let message = SecCopyErrorMessageString(status, nil) as String? ?? "OSStatus \(status)"
        return SecretStorageError.Unavailable(reason: message)
    }
}
