package org.sentier

import java.util.Base64
import javax.crypto.KeyGenerator
import javax.crypto.SecretKey
import javax.crypto.spec.SecretKeySpec
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Test

/** The secret envelope and the storage over it, with a software AES key in place of the Keystore's. */
class SealedSecretsTest {
    private fun aesKey(): SecretKey = KeyGenerator.getInstance("AES").apply { init(256) }.generateKey()

    private class MemoryEnvelopes : EnvelopeStore {
        val values = mutableMapOf<String, String>()
        override fun get(name: String) = values[name]
        override fun put(name: String, envelope: String) {
            values[name] = envelope
        }
        override fun remove(name: String) {
            values.remove(name)
        }
    }

    /** A key store holding [current] until it is deleted, then fresh software keys. */
    private inner class SoftwareKey(private var current: SecretKey?) : SealingKey {
        override fun existing() = current
        override fun getOrCreate() = current ?: aesKey().also { current = it }
        override fun delete() {
            current = null
        }
    }

    @Test
    fun anEnvelopeOpensWithItsKeyAndEachWriteHasItsOwnIv() {
        val key = aesKey()
        val first = SecretEnvelope.seal(key, "jeton d'accès é")
        val second = SecretEnvelope.seal(key, "jeton d'accès é")

        assertEquals("jeton d'accès é", SecretEnvelope.open(key, first))
        assertNotEquals(first, second, "a fresh IV each time")
        val bytes = Base64.getDecoder().decode(first)
        assertEquals(12, bytes[0].toInt(), "GCM's 96-bit IV is stored first")
    }

    @Test
    fun anAlteredOrForeignEnvelopeDoesNotOpen() {
        val key = aesKey()
        val bytes = Base64.getDecoder().decode(SecretEnvelope.seal(key, "secret"))
        bytes[bytes.size - 1] = (bytes[bytes.size - 1].toInt() xor 1).toByte()
        val altered = Base64.getEncoder().encodeToString(bytes)

        assertThrows(java.security.GeneralSecurityException::class.java) { SecretEnvelope.open(key, altered) }
        assertThrows(java.security.GeneralSecurityException::class.java) {
            SecretEnvelope.open(aesKey(), SecretEnvelope.seal(key, "secret"))
        }
        assertThrows(IllegalArgumentException::class.java) { SecretEnvelope.open(key, "") }
        assertThrows(IllegalArgumentException::class.java) { SecretEnvelope.open(key, "not base64 !") }
    }

    @Test
    fun secretsAreStoredSealedAndReadBack() {
        val envelopes = MemoryEnvelopes()
        val storage = SealedSecretStorage(SoftwareKey(aesKey()), envelopes)

        storage.write("session", "refresh-token")

        assertNotEquals("refresh-token", envelopes.values["session"])
        assertEquals("refresh-token", storage.read("session"))
        storage.delete("session")
        assertNull(storage.read("session"))
        assertNull(storage.read("never-written"))
    }

    @Test
    fun aLostKeyMeansNoSecretAndANewKeyOnTheNextWrite() {
        val envelopes = MemoryEnvelopes()
        val key = SoftwareKey(aesKey())
        val storage = SealedSecretStorage(key, envelopes)
        storage.write("session", "refresh-token")

        key.delete()

        assertNull(storage.read("session"), "the user logs in again")
        assertNull(envelopes.values["session"], "the unreadable envelope is dropped")
        storage.write("session", "new-token")
        assertEquals("new-token", storage.read("session"))
    }

    @Test
    fun anInvalidatedKeyIsReplacedAtTheNextWrite() {
        val envelopes = MemoryEnvelopes()
        // A key the cipher refuses, as Android's KeyPermanentlyInvalidatedException does.
        val key = SoftwareKey(SecretKeySpec(ByteArray(3), "AES"))
        val storage = SealedSecretStorage(key, envelopes)

        storage.write("session", "refresh-token")

        assertEquals("refresh-token", storage.read("session"))
    }
}
