package org.sentier

import java.util.concurrent.ConcurrentHashMap
import org.sentier.ffi.SecretStorage
import org.sentier.ffi.SecretStorageException

/** The shell's secret storage, in memory (the app seals secrets with the Keystore). */
class MemorySecrets : SecretStorage {
    val values = ConcurrentHashMap<String, String>()

    @Throws(SecretStorageException::class)
    override fun read(key: String): String? = values[key]

    @Throws(SecretStorageException::class)
    override fun write(key: String, value: String) {
        values[key] = value
    }

    @Throws(SecretStorageException::class)
    override fun delete(key: String) {
        values.remove(key)
    }
}
