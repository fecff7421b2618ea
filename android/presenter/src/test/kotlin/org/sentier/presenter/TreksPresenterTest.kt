package org.sentier.presenter

import java.net.URI
import java.nio.file.Files
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.ExperimentalCoroutinesApi
import kotlinx.coroutines.Job
import kotlinx.coroutines.cancel
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.test.StandardTestDispatcher
import kotlinx.coroutines.test.TestScope
import kotlinx.coroutines.test.advanceUntilIdle
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import org.sentier.FakeGeotrek
import org.sentier.core.MeasureFormatter
import org.sentier.core.SyncOptions
import org.sentier.core.UnitSystem
import org.sentier.ffi.Catalog
import org.sentier.ffi.OfflineMap
import org.sentier.syncNow

/** The trek search screen's state over a catalog synced from the local test server. */
@OptIn(ExperimentalCoroutinesApi::class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TreksPresenterTest {
    private val server = FakeGeotrek("--preset", "demo")
    private lateinit var catalog: Catalog

    @BeforeAll
    fun sync() = runBlocking {
        catalog = Catalog.open(Files.createTempDirectory("sentier-treks").resolve("catalog.sqlite").toString())
        catalog.syncNow(server.apiUrl, SyncOptions(languages = listOf("fr", "en")))
        Unit
    }

    @AfterAll
    fun stop() {
        server.close()
        catalog.close()
    }

    /** The presenter's work runs on the test's virtual clock (typing pauses take no real time). */
    private fun TestScope.presenter(): TreksPresenter {
        val measures = MutableStateFlow(MeasureFormatter(UnitSystem.METRIC, "fr"))
        return TreksPresenter(catalog, measures, "fr", presenterScope, StandardTestDispatcher(testScheduler))
    }

    private lateinit var presenterScope: CoroutineScope

    @Test
    fun typingSearchesOnceThePauseComesWithRowsWrittenByTheCore() = runTest { scope ->
        val presenter = scope.presenter()
        scope.advanceUntilIdle()
        val everything = presenter.state.value.total
        assertTrue(everything > 0u)
        assertTrue(presenter.state.value.options.getValue(TrekFilter.PRACTICE).isNotEmpty())

        presenter.setText("e")
        presenter.setText("ec")
        presenter.setText("ecrins")
        scope.advanceUntilIdle()

        val state = presenter.state.value
        assertEquals("ecrins", state.query.text)
        assertTrue(state.total > 0u && state.total < everything, "${state.total} of $everything")
        val row = state.rows.first { it.figures.isNotEmpty() }
        assertTrue(row.figures.first().endsWith(" km") || row.figures.first().endsWith(" m"), row.figures.toString())
    }

    @Test
    fun aFilterNarrowsAndTogglingItAgainWidens() = runTest { scope ->
        val presenter = scope.presenter()
        scope.advanceUntilIdle()
        val everything = presenter.state.value.total
        val practice = presenter.state.value.options.getValue(TrekFilter.PRACTICE).first()

        presenter.toggle(TrekFilter.PRACTICE, practice.id)
        scope.advanceUntilIdle()
        assertEquals(listOf(practice.id), presenter.state.value.query.practices)
        assertTrue(presenter.state.value.total < everything)

        presenter.toggle(TrekFilter.PRACTICE, practice.id)
        scope.advanceUntilIdle()
        assertEquals(everything, presenter.state.value.total)
    }

    @Test
    fun loadMoreAppendsTheNextPage() = runTest { scope ->
        val presenter = scope.presenter()
        scope.advanceUntilIdle()
        val first = presenter.state.value.rows
        assertNotNull(first.firstOrNull())

        presenter.loadMore()
        scope.advanceUntilIdle()

        val rows = presenter.state.value.rows
        assertTrue(rows.size > first.size || rows.size.toULong() == presenter.state.value.total)
        assertEquals(first, rows.take(first.size))
        assertEquals(rows.map { it.id }.distinct(), rows.map { it.id })
    }

    @Test
    fun theMapDrawsEveryMatchingTrekAndOnlyThose() {
        val map = OfflineMap()
        try {
            map.start(catalog.overlays())
            runTest { scope ->
                val measures = MutableStateFlow(MeasureFormatter(UnitSystem.METRIC, "fr"))
                val presenter = TreksPresenter(catalog, measures, "fr", presenterScope, StandardTestDispatcher(scope.testScheduler), map)
                scope.advanceUntilIdle()
                val everything = presenter.state.value
                assertTrue(everything.total > everything.rows.size.toULong(), "more treks than the first page")
                assertEquals(everything.total.toInt(), drawnTreks(everything.mapStyleUrl!!).size, "every trek, not only the loaded rows")

                presenter.setText("ecrins")
                scope.advanceUntilIdle()
                val found = presenter.state.value
                val drawn = drawnTreks(found.mapStyleUrl!!)
                assertTrue(found.total in 1uL until everything.total, "${found.total}")
                assertEquals(found.total.toInt(), drawn.size, "the results and nothing else")
                assertTrue(drawn.containsAll(found.rows.map { it.id }))

                presenter.setText("zzzzzz")
                scope.advanceUntilIdle()
                assertEquals(0uL, presenter.state.value.total)
                assertTrue(drawnTreks(presenter.state.value.mapStyleUrl!!).isEmpty())
            }
        } finally {
            map.stop()
            map.close()
        }
    }

    /** The ids of the treks the style at [styleUrl] draws, read from its treks overlay. */
    private fun drawnTreks(styleUrl: String): Set<Long> {
        val style = URI(styleUrl).toURL().readText()
        val treksUrl = Regex(""""treks":\{[^}]*"data":"([^"]+)"""").find(style)?.groupValues?.get(1) ?: error(style)
        val treks = URI(treksUrl).toURL().readText()
        return Regex(""""properties":\{"id":(\d+)""").findAll(treks).map { it.groupValues[1].toLong() }.toSet()
    }

    private fun runTest(body: suspend (TestScope) -> Unit) = kotlinx.coroutines.test.runTest {
        presenterScope = CoroutineScope(coroutineContext + Job())
        body(this)
        presenterScope.cancel()
    }
}
