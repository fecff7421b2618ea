package org.sentier.presenter

import java.io.File
import java.nio.file.Path
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.cancel
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.test.StandardTestDispatcher
import kotlinx.coroutines.test.TestScope
import kotlinx.coroutines.test.advanceUntilIdle
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import org.junit.jupiter.api.io.TempDir
import org.sentier.core.MeasureFormatter
import org.sentier.core.TrekQuery
import org.sentier.core.UnitSystem

/** The trek detail screen's state over a catalog synced from the local test server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrekDetailPresenterTest {
    private val demo = DemoCatalog()
    private val treks = demo.catalog.search(TrekQuery(language = "fr", limit = 100u)).treks
    private val measures = MutableStateFlow(MeasureFormatter(UnitSystem.METRIC, "fr"))

    @AfterAll
    fun stop() = demo.close()

    private fun TestScope.presenter(scope: CoroutineScope, mediaFile: (String) -> String? = { null }) = TrekDetailPresenter(
        demo.catalog,
        measures,
        "fr",
        mediaFile,
        scope,
        StandardTestDispatcher(testScheduler),
    )

    @Test
    fun aTrekShowsItsTextsFiguresAndProfileWrittenByTheCore() = runTest { scope ->
        val trek = treks.first { it.lengthM != null }
        val presenter = presenter(scope)
        presenter.load(trek.id)
        advanceUntilIdle()

        val state = presenter.state.value
        assertNull(state.error)
        assertEquals(trek.name, state.detail?.name)
        assertTrue(state.texts.all { it.second.isNotBlank() })
        val length = state.figures.toMap()[TrekFigure.LENGTH]
        assertNotNull(length)
        assertTrue(length!!.endsWith(" km") || length.endsWith(" m"), length)
        val chart = state.profile
        assertNotNull(chart)
        assertEquals(chart!!.profile.distancesM.size, chart.profile.elevationsM.size)
        assertEquals(state.detail!!.profile, chart.profile)
        assertTrue(chart.lowest.endsWith(" m"), chart.lowest)
        assertEquals(state.detail!!.pois.map { it.name }, state.pois.map { it.name })
    }

    @Test
    fun signpostsAndSensitiveAreasAreWrittenByTheCore() = runTest { scope ->
        val presenter = presenter(scope)
        // The first trek with both signage and a sensitive area on its way.
        val state = treks.asSequence().map { trek ->
            presenter.load(trek.id)
            advanceUntilIdle()
            presenter.state.value
        }.first { it.signage.any { sign -> sign.lines.isNotEmpty() } && it.sensitiveAreas.isNotEmpty() }

        val line = state.signage.flatMap { it.lines }.first()
        assertTrue(line.contains(" · "), "destination · distance: $line")
        state.sensitiveAreas.forEach { row ->
            assertEquals(measures.value.months(row.area.months), row.months)
            assertTrue(row.months.isNotEmpty(), "${row.area.name} is sensitive some months")
        }
    }

    @Test
    fun photosComeFromThePackWhenItHoldsThemElseFromTheirUrl() = runTest { scope ->
        val trek = treks.firstOrNull { summary -> demo.catalog.trekDetail(summary.id, "fr").media.count { it.isImage } >= 2 }
        assertNotNull(trek, "the demo park has a trek with photos")
        val images = demo.catalog.trekDetail(trek!!.id, "fr").media.filter { it.isImage }
        val offline = images.first().url
        val presenter = presenter(scope) { url -> "/pack/media/1.jpg".takeIf { url == offline } }
        presenter.load(trek.id)
        advanceUntilIdle()

        val photos = presenter.state.value.photos
        assertEquals(images.map { it.url }, photos.map { it.url })
        assertEquals(listOf("/pack/media/1.jpg") + images.drop(1).map { null }, photos.map { it.file })
    }

    @Test
    fun theGpxIsWrittenOfflineForSharing(@TempDir dir: Path) = runTest { scope ->
        val trek = treks.first()
        val presenter = presenter(scope)
        presenter.load(trek.id)
        advanceUntilIdle()
        presenter.exportGpx(File(dir.toFile(), "exports"))
        advanceUntilIdle()

        val file = presenter.state.value.exported
        assertNotNull(file)
        assertTrue(file!!.readText().contains("<trk>"), "a GPX track")
        presenter.shared()
        assertNull(presenter.state.value.exported)
    }

    @Test
    fun aMultiDayTourListsItsStepsAsTreks() = runTest { scope ->
        val tour = treks.firstOrNull { demo.catalog.trekDetail(it.id, "fr").steps.isNotEmpty() }
        assertNotNull(tour, "the demo park has a multi-day tour")
        val presenter = presenter(scope)
        presenter.load(tour!!.id)
        advanceUntilIdle()

        val expected = demo.catalog.trekDetail(tour.id, "fr").steps
        assertEquals(expected.map { it.id to it.name }, presenter.state.value.steps.map { it.id to it.name })
    }

    private fun runTest(body: suspend TestScope.(CoroutineScope) -> Unit) = kotlinx.coroutines.test.runTest {
        val scope = CoroutineScope(coroutineContext + Job())
        body(scope)
        scope.cancel()
    }
}
