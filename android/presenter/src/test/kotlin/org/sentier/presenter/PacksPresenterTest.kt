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
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.sentier.PackServerProcess
import org.sentier.core.MeasureFormatter
import org.sentier.core.TrekQuery
import org.sentier.core.UnitSystem
import org.sentier.downloadNow
import org.sentier.ffi.OfflineMap
import org.sentier.ffi.Packs

/** The packs screen's state over the real core and the test kit's pack server. */
class PacksPresenterTest {
    private val french = MeasureFormatter(UnitSystem.METRIC, "fr")

    /** Runs [test] with the test kit's pack server, an empty pack library and a scope for presenters. */
    private fun withPackServer(test: suspend (server: PackServerProcess, packs: Packs, scope: CoroutineScope) -> Unit) =
        runBlocking {
            val dir = Files.createTempDirectory("sentier-packs-screen")
            PackServerProcess(dir.resolve("server")).use { server ->
                val packs = Packs.open(dir.resolve("data").toString())
                val scope = CoroutineScope(SupervisorJob() + Dispatchers.Default)
                try {
                    withTimeout(60_000) { test(server, packs, scope) }
                } finally {
                    scope.cancel()
                    packs.close()
                }
            }
        }

    @Test
    fun theCatalogueDownloadsWithProgressThenTheInstalledPackIsRemoved() = withPackServer { server, packs, scope ->
        val presenter = PacksPresenter(packs, server.url, french, scope)
        presenter.refresh().join()
        val listed = presenter.state.value.rows.single()
        assertEquals("demo", listed.id)
        assertNull(listed.installed)
        assertTrue(listed.size.endsWith(" Mo") || listed.size.endsWith(" ko"), listed.size)

        presenter.download("demo")
        val downloading = presenter.state.first { it.rows.single().download != null }
        assertTrue(downloading.rows.single().download!!.bytes.contains(" / "))
        val installed = presenter.state.first { it.rows.single().installed != null }
        assertNull(installed.rows.single().download, "no download left once installed")
        assertNull(installed.rows.single().updateVersion)
        assertTrue(installed.storageUsed.isNotEmpty() && !installed.storageUsed.startsWith("0 "), installed.storageUsed)

        presenter.remove("demo").join()
        val removed = presenter.state.value
        assertNull(removed.rows.single().installed, "still offered by the server, no longer installed")
        assertEquals("0 o", removed.storageUsed)
        assertNull(removed.error)
        assertTrue(packs.installed().isEmpty())
    }

    @Test
    fun theInstalledPacksShowBeforeTheServersAnswer() = withPackServer { server, packs, scope ->
        packs.downloadNow(server.url, "demo")
        // Offline: the core keeps trying the server for a while.
        server.close()

        val presenter = PacksPresenter(packs, server.url, french, scope)
        presenter.refresh()

        val listed = presenter.state.first { it.rows.isNotEmpty() }
        assertEquals("demo", listed.rows.single().installed?.id)
        assertTrue(listed.loading, "the server's answer is still awaited")
    }

    @Test
    fun theUsedPackGivesTheCatalogTheMapAndTheReportsServerUntilRemoved() = withPackServer { server, packs, scope ->
        val settings = SettingsPresenter(MemorySettingsStore(), "fr")
        val map = OfflineMap()
        val pack = packs.downloadNow(server.url, "demo")
        val current = CurrentPack(packs, map, settings, scope)
        current.use(pack).join()

        val inUse = current.inUse.value!!
        assertTrue(inUse.catalog.search(TrekQuery(language = "fr", limit = 1u)).total > 0u)
        assertTrue(inUse.styleUrl.startsWith("http://127.0.0.1:"), inUse.styleUrl)
        assertEquals(pack.adminUrl, settings.reportsServerUrl.value)
        assertEquals("demo", settings.settings.value.packInUse)

        // At the next launch, the same pack is shown again.
        val relaunched = CurrentPack(packs, map, settings, scope)
        relaunched.restore().join()
        assertEquals("demo", relaunched.inUse.value?.pack?.id)

        relaunched.removed("demo")
        assertNull(relaunched.inUse.value)
        assertNull(settings.reportsServerUrl.value)
        assertNull(settings.settings.value.packInUse)
        map.stop()
    }
}
