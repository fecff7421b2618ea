package org.sentier.app

import java.nio.file.Files
import java.nio.file.Path
import kotlinx.coroutines.runBlocking
import org.sentier.KitServer
import org.sentier.MemorySecrets
import org.sentier.core.Language
import org.sentier.ffi.Catalog
import org.sentier.ffi.OfflineMap
import org.sentier.ffi.Packs
import org.sentier.ffi.PacksScreen
import org.sentier.ffi.Reports
import org.sentier.ffi.ReportsOutbox
import org.sentier.ffi.SettingsScreen
import org.sentier.presenter.PacksPresenter
import org.sentier.presenter.SettingsPresenter

/** A loopback URL printed by a test kit server. */
private val LOOPBACK = Regex("""http://127\.0\.0\.1:\d+/\S*""")

/**
 * The test kit's pack server publishing the demo park's pack: [relief] adds
 * the synthetic relief as its basemap, [trickleBytesPerSecond] slows every
 * download down enough to be watched and paused.
 */
class DemoPackServer(root: Path, relief: Boolean = false, trickleBytesPerSecond: Long? = null) : KitServer(
    "sentier.packServer",
    listOf("--root", root.toString()) +
        (if (relief) listOf("--relief") else emptyList()) +
        (trickleBytesPerSecond?.let { listOf("--trickle", it.toString()) } ?: emptyList()),
    LOOPBACK,
)

/** The stand-in for a Geotrek-admin's report endpoints (`ranger` / `col-du-lautaret`). */
class FieldServer : KitServer("sentier.fieldServer", emptyList(), LOOPBACK)

/**
 * What every screen test draws from: a phone's data folder in which the demo
 * park's pack (with its relief basemap) was downloaded from the test kit's
 * pack server and is in use, the core's settings, packs screen, map server
 * and outbox, all through the bindings; one per test run, since building the
 * pack takes seconds. Tests that change it (the language) run one at a time.
 */
object DemoPark {
    /** The pack the test kit's pack server publishes. */
    private const val PACK_ID = "demo"

    private val root: Path = Files.createTempDirectory("sentier-screens")
    /** The phone's data folder. */
    val data: Path = root.resolve("phone")
    private val packServer = DemoPackServer(root.resolve("server"), relief = true)
    val fieldServer = FieldServer()

    val settings = SettingsPresenter(SettingsScreen.open(data.toString(), listOf("en-GB")))
    val map = OfflineMap()
    val packs: Packs = Packs.open(data.toString())
    val packsScreen = PacksPresenter(PacksScreen.open(packs, settings.screen, map))
    val reports: Reports = Reports.open(data.resolve("outbox.sqlite").toString(), MemorySecrets())
    /** The outbox and the ranger's account, sending to the field server. */
    val outbox: ReportsOutbox

    /** The demo pack's catalog, in use. */
    val catalog: Catalog

    init {
        settings.screen.setPackServer(packServer.url)
        settings.screen.setAdminServer(fieldServer.url)
        outbox = ReportsOutbox.open(reports, settings.screen, 60)
        // As a user does: the packs screen lists the server's pack, downloads it, and it is used.
        awaitState(packsScreen.state) { state -> state.available.any { it.id == PACK_ID } }
        packsScreen.screen.download(PACK_ID)
        awaitState(packsScreen.state) { state -> state.installed.any { it.id == PACK_ID } }
        packsScreen.screen.usePack(PACK_ID)
        awaitState(packsScreen.state) { state -> state.installed.any { it.id == PACK_ID && it.inUse } }
        catalog = packsScreen.screen.catalogInUse() ?: error("the downloaded pack is not in use")
        Runtime.getRuntime().addShutdownHook(Thread {
            packServer.close()
            fieldServer.close()
            runBlocking { map.stop() }
        })
    }

    /** Sets the language every screen is written in, once the core's settings have it. */
    fun speak(language: Language) {
        settings.screen.setLanguage(language)
        awaitState(settings.state) { it.language == language }
    }
}
