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
import kotlinx.coroutines.flow.MutableStateFlow
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
import org.sentier.core.AssetKind
import org.sentier.core.Circle
import org.sentier.core.LatLon
import org.sentier.core.MeasureFormatter
import org.sentier.core.PlaceKind
import org.sentier.core.ReportField
import org.sentier.core.ReportKind
import org.sentier.core.ReportLocation
import org.sentier.core.ReportState
import org.sentier.core.SyncOptions
import org.sentier.core.TrekQuery
import org.sentier.core.UnitSystem
import org.sentier.ffi.Catalog
import org.sentier.ffi.Reports
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
    private val measures = MutableStateFlow(MeasureFormatter(UnitSystem.METRIC, "fr"))

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

    private fun outbox(serverUrl: String) = OutboxPresenter(
        Reports.open(Files.createTempDirectory("sentier-outbox").resolve("outbox.sqlite").toString(), MemorySecrets()),
        MutableStateFlow(serverUrl),
        scope,
    )

    /** A signpost of the catalog: where a hiker reports from. */
    private fun signpostLocation(): ReportLocation {
        val start = catalog.search(TrekQuery(language = "fr", limit = 1u)).treks.single().departure!!
        val signpost = catalog.nearby(Circle(LatLon(start.lat, start.lon), 5000.0), listOf(PlaceKind.SIGNAGE), "fr", 1u).single()
        return ReportLocation(signpost.position.lat, signpost.position.lon)
    }

    private fun photo(): File {
        val file = Files.createTempFile("sentier-photo", ".png").toFile()
        ImageIO.write(BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB), "png", file)
        return file
    }

    /** Runs [test] with the report server on loopback, an empty outbox and a report form for that server. */
    private fun withReportServer(test: suspend (outbox: OutboxPresenter, form: ReportPresenter) -> Unit) =
        runBlocking {
            FieldServerProcess(ServerSocket(0).use { it.localPort }).use { server ->
                val outbox = outbox(server.url)
                val form = ReportPresenter(outbox, catalog, server.url, "fr", measures, scope)
                withTimeout(60_000) { test(outbox, form) }
            }
        }

    @Test
    fun aHikersReportIsRefusedUntilCompleteThenQueuedWithItsPhotoAndSent() = withReportServer { outbox, presenter ->
        presenter.prepare(signpostLocation()).join()
        val prepared = presenter.state.value
        assertTrue(prepared.references!!.categories.isNotEmpty())
        assertTrue(Regex("""\d+,\d{5} ; \d+,\d{5}""").matches(prepared.position!!), "the core's French position: ${prepared.position}")
        val nearest = prepared.nearby.first()
        assertEquals(AssetKind.SIGNAGE, nearest.asset.asset.kind)
        assertTrue(nearest.distance.endsWith(" m"), nearest.distance)

        presenter.send().join()
        val refused = presenter.state.value
        assertNull(refused.error)
        assertEquals(setOf(ReportField.EMAIL, ReportField.COMMENT, ReportField.CATEGORY), refused.problems.keys, "the core's validation, field by field")
        assertEquals("Décrivez le problème.", refused.problems[ReportField.COMMENT], "in the form's language")
        assertTrue(outbox.state.value.entries.single().state == ReportState.DRAFT)

        // Each problem goes as soon as its field is filled in.
        presenter.setComment("Balisage effacé après le pont")
        assertEquals(setOf(ReportField.EMAIL, ReportField.CATEGORY), presenter.state.value.problems.keys)
        presenter.setCategory(1)
        presenter.setEmail("randonneuse@")
        assertEquals(setOf(ReportField.EMAIL), presenter.state.value.problems.keys)
        presenter.setEmail("randonneuse@example.org")
        assertTrue(presenter.state.value.problems.isEmpty())
        presenter.addPhoto(photo().path).join()
        val withPhoto = presenter.state.value
        assertNull(withPhoto.error)
        assertTrue(withPhoto.photos.single().size.startsWith("640 × 480 · "), withPhoto.photos.single().size)

        presenter.send().join()
        val sent = presenter.state.value
        assertNull(sent.error)
        assertTrue(sent.queued)
        assertEquals("", sent.form.comment, "a new report starts")
        assertEquals("randonneuse@example.org", sent.form.email, "the e-mail stays")
        val queued = outbox.state.value.entries.single()
        assertEquals(ReportState.QUEUED, queued.state)
        assertEquals(1, queued.photos.size)

        outbox.sendNow().join()
        val delivered = outbox.state.value.entries.single()
        assertEquals(ReportState.SENT, delivered.state)
        assertNotNull(delivered.serverId)
    }

    @Test
    fun theDeliveryLoopSendsWhatIsQueuedAndADraftCanBeDiscarded() = withReportServer { outbox, presenter ->
        presenter.prepare(signpostLocation()).join()
        presenter.addPhoto(photo().path).join()
        outbox.refresh()
        val draft = outbox.state.value.entries.single()
        assertEquals(ReportState.DRAFT, draft.state)
        outbox.discard(draft.id).join()
        assertTrue(outbox.state.value.entries.isEmpty())

        val delivery = scope.launch { outbox.deliver() }
        presenter.reset()
        presenter.setComment("Arbre en travers du sentier")
        presenter.setCategory(2)
        presenter.setEmail("randonneur@example.org")
        presenter.send().join()
        outbox.state.first { state -> state.entries.singleOrNull()?.state == ReportState.SENT }
        delivery.cancel()
    }

    @Test
    fun aRangerLogsInAndPicksFromTheItemsDownloadedForTheTerritory() = withReportServer { outbox, presenter ->
        outbox.logIn("ranger", "wrong").join()
        assertNotNull(outbox.state.value.error)
        assertNull(outbox.state.value.session)

        outbox.logIn("ranger", "col-du-lautaret").join()
        val loggedIn = outbox.state.value
        assertNull(loggedIn.error)
        assertEquals("ranger", loggedIn.session?.username)
        assertEquals(2u, loggedIn.fieldAssets?.items)

        presenter.prepare(ReportLocation(latitude = 44.8279, longitude = 6.3735)).join()
        presenter.setKind(ReportKind.FIELD).join()
        val picker = presenter.state.value
        assertEquals("S101", picker.nearby.first().code, "the ranger's download, nearest first")
        val signpost = picker.nearby.first().asset
        presenter.setAsset(signpost)
        assertTrue(presenter.state.value.conditionChoices.isNotEmpty(), "signage conditions to pick from")

        outbox.logOut().join()
        assertNull(outbox.state.value.session)
    }

    @Test
    fun aReportTheServerRefusesShowsItsReasonAndCanBeQueuedAgain() = withReportServer { outbox, presenter ->
        // A category the server does not know: only the server can refuse it (no reference lists given).
        presenter.prepare(signpostLocation()).join()
        presenter.setComment("Passerelle emportée")
        presenter.setCategory(99)
        presenter.setEmail("randonneuse@example.org")
        presenter.addPhoto(photo().path).join()
        outbox.refresh()
        val id = outbox.state.value.entries.single().id
        outbox.reports.queue(id, null)

        outbox.sendNow().join()
        val failed = outbox.state.value.entries.single()
        assertEquals(ReportState.FAILED, failed.state)
        assertNotNull(failed.lastError, "the server's reason")

        outbox.retry(id).join()
        assertEquals(ReportState.QUEUED, outbox.state.value.entries.single().state)
    }
}
