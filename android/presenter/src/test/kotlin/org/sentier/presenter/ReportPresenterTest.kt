package org.sentier.presenter

import java.awt.image.BufferedImage
import java.io.File
import java.net.ServerSocket
import java.nio.file.Files
import javax.imageio.ImageIO
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import org.sentier.FakeGeotrek
import org.sentier.FieldServerProcess
import org.sentier.MemorySecrets
import org.sentier.core.Circle
import org.sentier.core.OutboxState
import org.sentier.core.ReportComposerState
import org.sentier.core.LatLon
import org.sentier.core.PlaceKind
import org.sentier.core.ReportField
import org.sentier.core.ReportKind
import org.sentier.core.ReportState
import org.sentier.core.SyncOptions
import org.sentier.core.TrekQuery
import org.sentier.ffi.Catalog
import org.sentier.ffi.ReportComposerScreen
import org.sentier.ffi.Reports
import org.sentier.ffi.ReportsOutbox
import org.sentier.ffi.SettingsScreen
import org.sentier.syncNow

/**
 * The report form and the outbox over the real core: a catalog synced from the
 * test kit's Geotrek API, an outbox file, and the test kit's report server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportPresenterTest {
    private val geotrek = FakeGeotrek("--preset", "demo")
    private lateinit var catalog: Catalog
    private val scope = CoroutineScope(SupervisorJob() + Dispatchers.Default)

    @BeforeAll
    fun sync() = runBlocking {
        catalog = Catalog.open(Files.createTempDirectory("sentier-report-catalog").resolve("catalog.sqlite").toString())
        catalog.syncNow(geotrek.apiUrl, SyncOptions(languages = listOf("fr")))
        Unit
    }

    @AfterAll
    fun stop() {
        scope.cancel()
        geotrek.close()
        catalog.close()
    }

    /** The outbox of a fresh data folder whose settings send reports to its server. */
    private class Kit(serverUrl: String) {
        private val data = Files.createTempDirectory("sentier-outbox")
        val settings = SettingsScreen.open(data.toString(), listOf("fr")).apply { setAdminServer(serverUrl) }
        val reports = Reports.open(data.resolve("outbox.sqlite").toString(), MemorySecrets())
        val outbox = OutboxPresenter(ReportsOutbox.open(reports, settings, 60))
    }

    /** The composer's state once every action asked so far is carried out, as the adapter's flow shows it. */
    private suspend fun ReportPresenter.settled(): ReportComposerState {
        screen.settled()
        val now = screen.state()
        return state.first { it == now }
    }

    /**
     * The outbox read again, once its network calls are over and [until] holds, as the
     * adapter's flow shows it: a value of the flow older than the core's is skipped.
     */
    private suspend fun OutboxPresenter.settled(until: (OutboxState) -> Boolean = { true }): OutboxState {
        screen.refresh()
        screen.settled()
        return state.first { it == screen.state() && !it.busy && until(it) }
    }

    /** A signpost of the catalog: where a hiker reports from. */
    private fun signpostLocation(): LatLon {
        val start = catalog.search(TrekQuery(language = "fr", limit = 1u)).treks.single().departure!!
        val signpost = catalog.nearby(Circle(LatLon(start.lat, start.lon), 5000.0), listOf(PlaceKind.SIGNAGE), "fr", 1u).single()
        return LatLon(signpost.position.lat, signpost.position.lon)
    }

    private fun photo(): File {
        val file = Files.createTempFile("sentier-photo", ".png").toFile()
        ImageIO.write(BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB), "png", file)
        return file
    }

    /** Runs [test] with the report server on loopback, an empty outbox and a report form for that server. */
    private fun withReportServer(test: suspend (kit: Kit, form: ReportPresenter) -> Unit) =
        runBlocking {
            FieldServerProcess(ServerSocket(0).use { it.localPort }).use { server ->
                val kit = Kit(server.url)
                val form = ReportPresenter(ReportComposerScreen.open(kit.reports, catalog, kit.settings, server.url))
                withTimeout(60_000) { test(kit, form) }
                form.close()
                kit.outbox.close()
            }
        }

    @Test
    fun aHikersReportIsRefusedUntilCompleteThenQueuedWithItsPhotoAndSent() = withReportServer { kit, presenter ->
        val outbox = kit.outbox
        val form = presenter.screen
        form.refresh(signpostLocation())
        val prepared = presenter.settled()
        assertTrue(prepared.categories.isNotEmpty())
        assertTrue(Regex("""\d+,\d{5} ; \d+,\d{5}""").matches(prepared.position!!), "the core's French position: ${prepared.position}")
        assertTrue(prepared.nearby.isEmpty(), "a hiker is not offered the signage picker")

        form.send()
        val refused = presenter.settled()
        assertNull(refused.error)
        assertEquals(listOf(ReportField.EMAIL, ReportField.COMMENT, ReportField.CATEGORY), refused.problems.map { it.field }, "the core's validation, field by field")
        assertEquals("Décrivez le problème.", refused.problems.first { it.field == ReportField.COMMENT }.message, "in the user's language")

        // Each problem goes as soon as its field is filled in.
        form.setComment("Balisage effacé après le pont")
        assertEquals(listOf(ReportField.EMAIL, ReportField.CATEGORY), presenter.settled().problems.map { it.field })
        form.setCategory(prepared.categories.first().id)
        form.setEmail("randonneuse@")
        assertEquals(listOf(ReportField.EMAIL), presenter.settled().problems.map { it.field })
        form.setEmail("randonneuse@example.org")
        assertTrue(presenter.settled().problems.isEmpty())
        form.addPhoto(photo().path)
        val withPhoto = presenter.settled()
        assertNull(withPhoto.error)
        assertTrue(withPhoto.photos.single().label.startsWith("640 × 480 · "), withPhoto.photos.single().label)

        form.send()
        val sent = presenter.settled()
        assertNull(sent.error)
        assertTrue(sent.queued)
        assertEquals("", sent.comment, "a new report starts")
        assertEquals("randonneuse@example.org", sent.email, "the e-mail stays")
        val queued = outbox.settled().rows.single()
        assertEquals(ReportState.QUEUED, queued.state)
        assertEquals("En attente d’envoi", queued.stateLabel, "worded by the core")
        assertEquals(1, kit.reports.list().single().photos.size)

        outbox.screen.sendNow()
        val delivered = outbox.settled { it.rows.single().state == ReportState.SENT }.rows.single()
        assertNull(delivered.error)
        assertNotNull(kit.reports.list().single().serverId)
    }

    @Test
    fun theDeliveryLoopSendsWhatIsQueuedAndADraftCanBeDiscarded() = withReportServer { kit, presenter ->
        val outbox = kit.outbox
        presenter.screen.refresh(signpostLocation())
        presenter.screen.addPhoto(photo().path)
        presenter.settled()
        val draft = outbox.settled().rows.single()
        assertEquals(ReportState.DRAFT, draft.state)
        outbox.screen.discard(draft.id)
        assertTrue(outbox.settled().rows.isEmpty())

        val delivery = scope.launch { outbox.deliver() }
        presenter.screen.reset()
        presenter.screen.setComment("Arbre en travers du sentier")
        presenter.screen.setCategory(2)
        presenter.screen.setEmail("randonneur@example.org")
        presenter.screen.send()
        assertTrue(presenter.settled().queued)
        outbox.state.first { state -> state.rows.singleOrNull()?.state == ReportState.SENT }
        delivery.cancel()
    }

    @Test
    fun aRangerLogsInAndPicksFromTheItemsDownloadedForTheTerritory() = withReportServer { kit, presenter ->
        val outbox = kit.outbox
        outbox.screen.logIn("ranger", "wrong")
        val refused = outbox.settled { it.error != null }
        assertTrue(refused.error!!.startsWith("Connexion refusée"), "the core's words: ${refused.error}")
        assertNull(refused.session)

        outbox.screen.logIn("ranger", "col-du-lautaret")
        val loggedIn = outbox.settled { it.session != null }
        assertNull(loggedIn.error)
        assertEquals("Connecté en tant que ranger", loggedIn.session)
        assertTrue(loggedIn.fieldAssets!!.startsWith("2 éléments, téléchargés le "), loggedIn.fieldAssets)

        presenter.screen.refresh(LatLon(lat = 44.8279, lon = 6.3735))
        presenter.screen.setKind(ReportKind.FIELD)
        val picker = presenter.settled()
        assertEquals(listOf(ReportKind.PUBLIC, ReportKind.FIELD), picker.kinds, "a logged-in ranger may report as one")
        assertTrue(picker.nearby.first().label.startsWith("S101"), "the ranger's download, nearest first: ${picker.nearby.first().label}")
        val signpost = picker.nearby.first()
        presenter.screen.chooseAsset(signpost.kind, signpost.id)
        val chosen = presenter.settled()
        assertTrue(chosen.nearby.first().selected)
        assertTrue(chosen.conditions.isNotEmpty(), "signage conditions to pick from")

        // Back to a hiker's report: no picker, no item, no conditions.
        presenter.screen.setKind(ReportKind.PUBLIC)
        val hiker = presenter.settled()
        assertTrue(hiker.nearby.isEmpty() && hiker.conditions.isEmpty())

        outbox.screen.logOut()
        assertNull(outbox.settled().session)
    }

    @Test
    fun aReportTheServerRefusesShowsItsReasonAndCanBeQueuedAgain() = withReportServer { kit, presenter ->
        val outbox = kit.outbox
        // A category the server does not know: only the server can refuse it (no reference lists given).
        presenter.screen.refresh(signpostLocation())
        presenter.screen.setComment("Passerelle emportée")
        presenter.screen.setCategory(99)
        presenter.screen.setEmail("randonneuse@example.org")
        presenter.screen.addPhoto(photo().path)
        presenter.settled()
        val id = outbox.settled().rows.single().id
        kit.reports.queue(id, null)

        outbox.screen.sendNow()
        val failed = outbox.settled { it.rows.single().state == ReportState.FAILED }.rows.single()
        assertNotNull(failed.error, "the server's reason")
        assertTrue(failed.canRetry)

        outbox.screen.retry(id)
        assertEquals(ReportState.QUEUED, outbox.settled().rows.single().state)
    }
}
