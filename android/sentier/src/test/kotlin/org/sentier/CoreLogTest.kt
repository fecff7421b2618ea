package org.sentier

import java.nio.file.Files
import java.util.concurrent.CopyOnWriteArrayList
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.sentier.core.CatalogException
import org.sentier.core.LogLevel
import org.sentier.core.LogRecord
import org.sentier.core.LogSink
import org.sentier.core.SyncOptions
import org.sentier.core.clearLogSink
import org.sentier.core.setLogSink
import org.sentier.ffi.Catalog

/** The core's log reaches a sink written in Kotlin, as logcat's in the app. */
class CoreLogTest {
    @Test
    fun aFailedSyncIsLoggedToTheShellsSink() {
        val records = CopyOnWriteArrayList<LogRecord>()
        setLogSink(object : LogSink {
            override fun log(record: LogRecord) { records += record }
        }, LogLevel.INFO)
        try {
            val dir = Files.createTempDirectory("sentier-log")
            val catalog = Catalog.open(dir.resolve("catalog.sqlite").toString())
            assertThrows(CatalogException::class.java) {
                runBlocking { catalog.syncEvents("http://127.0.0.1:9/api/v2/", SyncOptions(listOf("fr"))).toList() }
            }
            catalog.close()
        } finally {
            clearLogSink()
        }
        val sync = records.filter { it.target == "sentier_core::catalog::sync" }
        assertTrue(sync.any { it.level == LogLevel.INFO && it.message.contains("catalog sync started") }, "$records")
        assertTrue(sync.any { it.level == LogLevel.WARN && it.message.contains("127.0.0.1:9") }, "$records")
    }
}
