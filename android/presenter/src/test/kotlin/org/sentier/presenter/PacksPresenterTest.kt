package org.sentier.presenter

import java.nio.file.Files
import java.nio.file.Path
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.sentier.PackServerProcess
import org.sentier.core.PacksState
import org.sentier.core.TrekQuery
import org.sentier.downloadNow
import org.sentier.ffi.OfflineMap
import org.sentier.ffi.Packs
import org.sentier.ffi.PacksScreen
import org.sentier.ffi.SettingsScreen

/** The core's packs screen through the adapter, over the test kit's pack server. */
class PacksPresenterTest {
    private fun PacksPresenter.until(predicate: (PacksState) -> Boolean): PacksState =
        runBlocking { withTimeout(60_000) { state.first(predicate) } }

    /** Runs [test] with the test kit's pack server, an empty data folder and the settings pointing at the server. */
    private fun withPackServer(test: (server: PackServerProcess, packs: Packs, settings: SettingsScreen, data: Path) -> Unit) {
        val dir = Files.createTempDirectory("sentier-packs-screen")
        PackServerProcess(dir.resolve("server")).use { server ->
            val data = dir.resolve("data")
            val packs = Packs.open(data.toString())
            val settings = SettingsScreen.open(data.toString(), listOf("fr"))
            settings.setPackServer(server.url)
            test(server, packs, settings, data)
            packs.close()
        }
    }

    @Test
    fun theServersPackDownloadsIsUsedAtOnceThenIsRemoved() = withPackServer { _, packs, settings, _ ->
        val map = OfflineMap()
        val presenter = PacksPresenter(PacksScreen.open(packs, settings, map))
        val listed = presenter.until { !it.loading && it.available.isNotEmpty() }.available.single()
        assertEquals("demo", listed.id)
        assertTrue(listed.size.endsWith(" Mo") || listed.size.endsWith(" ko"), listed.size)

        presenter.screen.download("demo")
        val downloading = presenter.until { it.available.singleOrNull()?.download != null }
        assertTrue(downloading.available.single().download!!.text.contains(" / "), "the core's figures")
        val installed = presenter.until { it.inUse != null && !it.loading }
        assertTrue(installed.installed.single().inUse, "a first pack is used at once")
        assertTrue(installed.storageUsed.startsWith("Espace utilisé : "), installed.storageUsed)
        val catalog = presenter.screen.catalogInUse()
        assertNotNull(catalog)
        assertTrue(catalog!!.search(TrekQuery(language = "fr", limit = 1u)).total > 0u)
        assertNotNull(map.styleUrl(null, null), "the map serves the pack")
        assertNotNull(settings.state().reportsServerUrl, "reports go to the pack's Geotrek-admin")

        presenter.screen.remove("demo")
        val removed = presenter.until { it.installed.isEmpty() }
        assertNull(removed.inUse)
        assertNull(settings.state().packInUse)
        runBlocking { map.stop() }
        presenter.close()
    }

    @Test
    fun theInstalledPacksShowBeforeTheServersAnswerAndThePackInUseIsRestored() = withPackServer { server, packs, settings, _ ->
        val pack = runBlocking { packs.downloadNow(server.url, "demo") }
        val first = PacksPresenter(PacksScreen.open(packs, settings, null))
        first.screen.usePack(pack.id)
        first.until { it.inUse != null }
        first.close()
        // Offline: the server is gone.
        server.close()

        val relaunched = PacksPresenter(PacksScreen.open(packs, settings, null))
        val listed = relaunched.until { it.installed.isNotEmpty() }
        assertEquals("demo", listed.installed.single().id)
        assertEquals("demo", relaunched.until { it.inUse != null }.inUse?.id, "the pack used last time")
        relaunched.close()
    }
}
