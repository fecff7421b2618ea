package org.sentier.presenter

import java.io.File
import java.nio.file.Files
import java.nio.file.Path
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import org.junit.jupiter.api.io.TempDir
import org.sentier.core.TrekDetailState
import org.sentier.core.TrekQuery
import org.sentier.ffi.SettingsScreen
import org.sentier.ffi.TrekScreen

/** The core's trek detail screen through the adapter, over a catalog synced from the local test server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrekDetailPresenterTest {
    private val demo = DemoCatalog()
    private val settings = SettingsScreen.open(Files.createTempDirectory("sentier-detail").toString(), listOf("en"))
    private val treks = demo.catalog.search(TrekQuery(language = "en", limit = 100u)).treks

    @AfterAll
    fun stop() = demo.close()

    private fun open(id: Long, exports: Path = Files.createTempDirectory("sentier-exports"), settings: SettingsScreen = this.settings) =
        TrekDetailPresenter(TrekScreen.open(demo.catalog, id, settings, null, exports.toString()))

    /** The state once every action asked so far shows in the flow. */
    private fun TrekDetailPresenter.settled(): TrekDetailState = runBlocking {
        withTimeout(30_000) {
            screen.settled()
            val now = screen.state()
            state.first { it == now }
        }
    }

    @Test
    fun aTrekShowsItsTextsFiguresAndProfileWordedByTheCore() {
        val trek = treks.first { it.lengthM != null }
        val state = open(trek.id).settled()

        assertNull(state.error)
        assertFalse(state.loading)
        assertEquals(trek.name, state.name)
        assertTrue(state.texts.all { it.title.isNotBlank() && it.html.isNotBlank() }, "${state.texts}")
        val length = state.figures.first { it.label == "Length" }.value
        assertTrue(length.endsWith(" km") || length.endsWith(" m"), length)
        val profile = state.profile
        assertNotNull(profile)
        profile!!
        assertEquals(profile.distancesM.size, profile.elevationsM.size)
        assertTrue(profile.lowest.endsWith(" m"), profile.lowest)
        assertTrue(profile.description.startsWith("Elevation profile over "), profile.description)
    }

    @Test
    fun photosWithoutAPackComeFromTheirServer() {
        val state = treks.asSequence().map { open(it.id).settled() }.first { it.photos.isNotEmpty() }
        assertTrue(state.photos.all { it.url.startsWith("http") }, "${state.photos}")
    }

    @Test
    fun theGpxIsWrittenOfflineForSharing(@TempDir dir: Path) {
        val presenter = open(treks.first().id, dir)
        presenter.settled()
        presenter.screen.exportGpx()
        val written = presenter.settled().gpxFile
        assertNotNull(written)
        val file = File(written!!)
        assertEquals(dir.toFile(), file.parentFile)
        assertTrue(file.readText().contains("<trk>"), "a GPX track")
        presenter.screen.shared()
        assertNull(presenter.settled().gpxFile)
    }

    @Test
    fun aMultiDayTourListsItsStepsAsTreks() {
        // The demo park publishes its multi-day tours in French only, as parks often do.
        val french = SettingsScreen.open(Files.createTempDirectory("sentier-detail-fr").toString(), listOf("fr"))
        val treks = demo.catalog.search(TrekQuery(language = "fr", limit = 100u)).treks
        val tour = treks.firstOrNull { demo.catalog.trekDetail(it.id, "fr").steps.isNotEmpty() }
        assertNotNull(tour, "the demo park has a multi-day tour")
        val expected = demo.catalog.trekDetail(tour!!.id, "fr").steps
        val steps = open(tour.id, settings = french).settled().steps
        assertEquals(expected.map { it.id to it.name }, steps.map { it.id to it.name })
    }
}
