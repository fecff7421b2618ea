package org.sentier

import java.io.File
import java.nio.file.Files
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.sentier.core.PackException
import org.sentier.core.PackProgress
import org.sentier.core.TrekQuery
import org.sentier.ffi.Packs

class PacksTest {
    @Test
    fun aPackDownloadsWithProgressThenItsTreksAreFoundInItsCatalog() = runBlocking {
        val dir = Files.createTempDirectory("sentier-packs")
        PackServerProcess(dir.resolve("server")).use { server ->
            val packs = Packs.open(dir.resolve("data").toString())
            val published = packs.serverPacks(server.url).single()
            assertEquals("demo", published.id)

            val progress = mutableListOf<PackProgress>()
            val pack = packs.downloadNow(server.url, "demo") { progress += it }
            assertTrue(progress.isNotEmpty(), "progress was reported")
            assertEquals(published.size, progress.last().bytesTotal)
            assertTrue(progress.zipWithNext().all { (a, b) -> a.bytesDone <= b.bytesDone }, "bytes only grow")
            assertEquals(published.version, pack.version)

            val status = packs.statuses().single()
            assertEquals(null, status.updateAvailable)

            val catalog = packs.catalog("demo")
            val first = catalog.search(TrekQuery(language = "fr", limit = 1u)).treks.single()
            val word = first.name.split(" ", "'", "-").maxBy { it.length }
            val found = catalog.search(TrekQuery(text = word, language = "fr"))
            assertTrue(found.treks.any { it.id == first.id }, "searching \"$word\" finds ${first.name}")
            catalog.close()

            packs.remove("demo")
            assertTrue(packs.installed().isEmpty())
            assertFalse(File(pack.folder).exists(), "its folder is gone")
            assertThrows(PackException.NotInstalled::class.java) { packs.catalog("demo") }
            packs.close()
        }
    }
}
