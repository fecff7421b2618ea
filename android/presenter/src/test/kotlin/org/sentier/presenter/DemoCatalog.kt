package org.sentier.presenter

import java.nio.file.Files
import kotlinx.coroutines.runBlocking
import org.sentier.FakeGeotrek
import org.sentier.core.SyncOptions
import org.sentier.ffi.Catalog
import org.sentier.syncNow

/** A catalog synced (fr, en) from the test kit's demo park, served on loopback while open. */
class DemoCatalog : AutoCloseable {
    private val server = FakeGeotrek("--preset", "demo")
    val catalog: Catalog = Catalog.open(Files.createTempDirectory("sentier-demo").resolve("catalog.sqlite").toString())

    init {
        runBlocking { catalog.syncNow(server.apiUrl, SyncOptions(languages = listOf("fr", "en"))) }
    }

    override fun close() {
        server.close()
        catalog.close()
    }
}
