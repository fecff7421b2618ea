package org.sentier.presenter

import java.nio.file.Files
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.sentier.PackServerProcess
import org.sentier.core.MeasureFormatter
import org.sentier.core.UnitSystem
import org.sentier.ffi.Packs

/** The packs screen's state over the real core and the test kit's pack server. */
class PacksPresenterTest {
    @Test
    fun theCatalogueDownloadsWithProgressThenTheInstalledPackIsRemoved() = runBlocking {
        val dir = Files.createTempDirectory("sentier-packs-screen")
        PackServerProcess(dir.resolve("server")).use { server ->
            val packs = Packs.open(dir.resolve("data").toString())
            val scope = CoroutineScope(SupervisorJob() + Dispatchers.Default)
            val presenter = PacksPresenter(packs, server.url, MeasureFormatter(UnitSystem.METRIC, "fr"), scope)
            withTimeout(60_000) {
                presenter.refresh().join()
                val listed = presenter.state.value.rows.single()
                assertEquals("demo", listed.id)
                assertNull(listed.installedVersion)
                assertTrue(listed.size.endsWith(" Mo") || listed.size.endsWith(" ko"), listed.size)

                presenter.download("demo")
                val downloading = presenter.state.first { it.rows.single().download != null }
                assertTrue(downloading.rows.single().download!!.bytes.contains(" / "))
                val installed = presenter.state.first { it.rows.single().installedVersion != null }
                assertNull(installed.rows.single().download, "no download left once installed")
                assertNull(installed.rows.single().updateVersion)
                assertTrue(installed.storageUsed.isNotEmpty() && !installed.storageUsed.startsWith("0 "), installed.storageUsed)

                presenter.remove("demo").join()
                val removed = presenter.state.value
                assertNull(removed.rows.single().installedVersion, "still offered by the server, no longer installed")
                assertEquals("0 o", removed.storageUsed)
                assertNull(removed.error)
            }
            assertNotNull(packs.installed())
            scope.cancel()
            packs.close()
        }
    }
}
