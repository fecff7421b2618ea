package org.sentier

import java.nio.ByteBuffer
import java.security.GeneralSecurityException
import java.security.InvalidKeyException
import java.util.Base64
import javax.crypto.Cipher
import javax.crypto.SecretKey
import javax.crypto.spec.GCMParameterSpec
import org.sentier.ffi.SecretStorage
import org.sentier.ffi.SecretStorageException

/**
 * The envelope a secret is kept in: AES-GCM with a fresh random IV per
 * write, stored with the ciphertext (and its tag) as
 * `base64(ivLength ‖ iv ‖ ciphertext)`.
 */
object SecretEnvelope {
    private const val TRANSFORMATION = "AES/GCM/NoPadding"
    private const val TAG_BITS = 128

    /** Encrypts [plaintext] under [key]; the cipher picks the IV (Android Keystore keys require it). */
    fun seal(key: SecretKey, plaintext: String): String {
        val cipher = Cipher.getInstance(TRANSFORMATION)
        cipher.init(Cipher.ENCRYPT_MODE, key)
        val iv = cipher.iv
        val ciphertext = cipher.doFinal(plaintext.toByteArray(Charsets.UTF_8))
        val bytes = ByteBuffer.allocate(1 + iv.size + ciphertext.size)
            .put(iv.size.toByte())
            .put(iv)
            .put(ciphertext)
            .array()
        return Base64.getEncoder().encodeToString(bytes)
    }

    /**
     * Decrypts an envelope made by [seal] with [key]. Throws
     * [GeneralSecurityException] when it was not (another key, altered bytes)
     * and [IllegalArgumentException] when it is not an envelope at all.
     */
    fun open(key: SecretKey, envelope: String): String {
        val bytes = Base64.getDecoder().decode(envelope)
        require(bytes.isNotEmpty()) { "empty envelope" }
        val ivLength = bytes[0].toInt() and 0xFF
        require(ivLength in 1 until bytes.size) { "envelope too short for its IV" }
        val cipher = Cipher.getInstance(TRANSFORMATION)
        cipher.init(Cipher.DECRYPT_MODE, key, GCMParameterSpec(TAG_BITS, bytes, 1, ivLength))
        val plaintext = cipher.doFinal(bytes, 1 + ivLength, bytes.size - 1 - ivLength)
        return String(plaintext, Charsets.UTF_8)
    }
}

/** The key secrets are sealed with (the Android Keystore's in the app, a software key in tests). */
interface SealingKey {
    /** The key, or null when there is none (never made, deleted, or invalidated by the system). */
    fun existing(): SecretKey?

    /** The key, made first if needed. */
    fun getOrCreate(): SecretKey

    /** Forgets the key (it can no longer open anything). */
    fun delete()
}

/** Where the envelopes are kept (app-private SharedPreferences in the app). */
interface EnvelopeStore {
    fun get(name: String): String?
    fun put(name: String, envelope: String)
    fun remove(name: String)
}

/**
 * The core's [SecretStorage] over sealed envelopes: a secret whose key is
 * missing or can no longer open it (the system invalidated the key, the
 * envelope was altered) reads as absent, so the user logs in again; it is
 * never an error that stops the app.
 */
class SealedSecretStorage(private val key: SealingKey, private val store: EnvelopeStore) : SecretStorage {
    @Throws(SecretStorageException::class)
    override fun read(key: String): String? {
        val envelope = store.get(key) ?: return null
        val secret = unavailableOnFailure { this.key.existing() }
            ?.let { sealing -> openOrNull(sealing, envelope) }
        if (secret == null) store.remove(key)
        return secret
    }

    @Throws(SecretStorageException::class)
    override fun write(key: String, value: String) {
        val envelope = unavailableOnFailure {
            try {
                SecretEnvelope.seal(this.key.getOrCreate(), value)
            } catch (invalidated: InvalidKeyException) {
                // The system invalidated the key: what it sealed is lost anyway; seal with a new one.
                this.key.delete()
                SecretEnvelope.seal(this.key.getOrCreate(), value)
            }
        }
        store.put(key, envelope)
    }

    @Throws(SecretStorageException::class)
    override fun delete(key: String) {
        store.remove(key)
    }

    private fun openOrNull(sealing: SecretKey, envelope: String): String? =
        try {
            SecretEnvelope.open(sealing, envelope)
        } catch (error: GeneralSecurityException) {
            null
        } catch (error: IllegalArgumentException) {
            null
        }

    /** Key store failures (locked, broken) reach the core as its storage error. */
    private fun <T> unavailableOnFailure(work: () -> T): T =
        try {
            work()
        } catch (error: GeneralSecurityException) {
            throw SecretStorageException.Unavailable(error.message ?: error.toString())
        }
}
