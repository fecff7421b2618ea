package org.sentier.app.secrets

import android.content.Context
import android.security.keystore.KeyGenParameterSpec
import android.security.keystore.KeyProperties
import java.io.IOException
import java.security.KeyStore
import java.security.KeyStoreException
import java.security.UnrecoverableKeyException
import javax.crypto.KeyGenerator
import javax.crypto.SecretKey
import org.sentier.EnvelopeStore
import org.sentier.SealedSecretStorage
import org.sentier.SealingKey
import org.sentier.ffi.SecretStorage

/**
 * The core's [SecretStorage] on Android: secrets sealed with an AES-GCM key
 * kept in the AndroidKeyStore (it never leaves the secure hardware), the
 * envelopes in app-private SharedPreferences. A missing or invalidated key
 * reads as "no secret": the ranger logs in again.
 */
class KeystoreSecretStorage(context: Context) :
    SecretStorage by SealedSecretStorage(AndroidKeystoreKey(KEY_ALIAS), PreferencesEnvelopes(context))

private const val KEY_ALIAS = "org.sentier.secrets"

/** The AES key of the AndroidKeyStore under [alias], made at the first write. */
private class AndroidKeystoreKey(private val alias: String) : SealingKey {
    private val keyStore: KeyStore by lazy {
        KeyStore.getInstance(PROVIDER).apply {
            try {
                load(null)
            } catch (error: IOException) {
                throw KeyStoreException("the Android key store cannot be loaded", error)
            }
        }
    }

    /** A key the system can no longer recover is as good as none. */
    override fun existing(): SecretKey? =
        try {
            keyStore.getKey(alias, null) as? SecretKey
        } catch (unrecoverable: UnrecoverableKeyException) {
            null
        }

    override fun getOrCreate(): SecretKey = existing() ?: KeyGenerator.getInstance(KeyProperties.KEY_ALGORITHM_AES, PROVIDER)
        .apply {
            init(
                KeyGenParameterSpec.Builder(alias, KeyProperties.PURPOSE_ENCRYPT or KeyProperties.PURPOSE_DECRYPT)
                    .setBlockModes(KeyProperties.BLOCK_MODE_GCM)
                    .setEncryptionPaddings(KeyProperties.ENCRYPTION_PADDING_NONE)
                    .setKeySize(256)
                    .build(),
            )
        }
        .generateKey()

    override fun delete() {
        keyStore.deleteEntry(alias)
    }

    private companion object {
        const val PROVIDER = "AndroidKeyStore"
    }
}

/** Envelopes in their own app-private preferences file (excluded from backups with the app's data). */
private class PreferencesEnvelopes(context: Context) : EnvelopeStore {
    private val preferences = context.getSharedPreferences("secrets", Context.MODE_PRIVATE)

    override fun get(name: String): String? = preferences.getString(name, null)

    override fun put(name: String, envelope: String) = preferences.edit().putString(name, envelope).apply()

    override fun remove(name: String) = preferences.edit().remove(name).apply()
}
