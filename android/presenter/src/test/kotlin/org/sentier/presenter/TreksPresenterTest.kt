package org.sentier.presenter

import java.net.URI
import java.nio.file.Files
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import org.sentier.core.TrekFilter
import org.sentier.core.TrekMeasure
import org.sentier.core.TrekSearchState
import org.sentier.core.ValueRange
import org.sentier.ffi.OfflineMap
import org.sentier.ffi.SettingsScreen
import org.sentier.ffi.TrekSearchScreen

/** The core's trek search through the adapter, over a catalog synced from the local test server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TreksPresenterTest {
    private val demo = DemoCatalog()
    private val settings = SettingsScreen.open(Files.createTempDirectory("sentier-treks").toString(), listOf("fr-FR"))

    @AfterAll
    fun stop() = demo.close()

    private fun presenter(map: OfflineMap? = null) = TreksPresenter(TrekSearchScreen.open(demo.catalog, settings, map))

    /** The state once every action asked so far is carried out, as the adapter's flow shows it. */
    private fun TreksPresenter.settled(): TrekSearchState = runBlocking {
        withTimeout(30_000) {
            screen.settled()
            val now = screen.state()
            state.first { it == now }
        }
    }

    @Test
    fun typingSearchesWithRowsWrittenByTheCore() {
        val presenter = presenter()
        val everything = presenter.settled()
        assertTrue(everything.total > 0u)
        assertEquals("${everything.total} randonnées", everything.totalLabel)

        presenter.screen.setText("e")
        presenter.screen.setText("ec")
        presenter.screen.setText("ecrins")
        val state = presenter.settled()

        assertEquals("ecrins", state.text)
        assertTrue(state.total > 0u && state.total < everything.total, "${state.total} of ${everything.total}")
        val row = state.rows.first { it.figures.isNotEmpty() }
        assertTrue(row.figures.contains(" km") || row.figures.contains(" m "), row.figures)
        presenter.close()
    }

    @Test
    fun aFilterNarrowsAndTogglingItAgainWidens() {
        val presenter = presenter()
        val everything = presenter.settled()
        val practice = everything.filters.first { it.filter == TrekFilter.PRACTICE }.choices.first()

        presenter.screen.toggle(TrekFilter.PRACTICE, practice.id)
        val narrowed = presenter.settled()
        assertTrue(narrowed.filtered && narrowed.total < everything.total)
        assertTrue(narrowed.filters.first { it.filter == TrekFilter.PRACTICE }.choices.first { it.id == practice.id }.selected)

        presenter.screen.toggle(TrekFilter.PRACTICE, practice.id)
        assertEquals(everything.total, presenter.settled().total)
    }

    @Test
    fun aRangeBoundsTheSearchAndAnyLiftsIt() {
        val presenter = presenter()
        val everything = presenter.settled()
        val lengths = everything.ranges.first { it.measure == TrekMeasure.LENGTH_M }
        assertEquals(listOf("Toutes", "Moins de 5 km"), lengths.choices.take(2).map { it.label })

        presenter.screen.setRange(TrekMeasure.LENGTH_M, lengths.choices[1].range)
        assertTrue(presenter.settled().total < everything.total)
        presenter.screen.setRange(TrekMeasure.LENGTH_M, ValueRange())
        assertEquals(everything.total, presenter.settled().total)
    }

    @Test
    fun loadMoreAppendsTheNextPage() {
        val presenter = presenter()
        val first = presenter.settled()
        assertTrue(first.hasMore)
        presenter.screen.loadMore()
        val rows = presenter.settled().rows
        assertEquals(first.rows, rows.take(first.rows.size))
        assertEquals(rows.map { it.id }.distinct(), rows.map { it.id })
    }

    @Test
    fun theMapDrawsEveryMatchingTrekAndOnlyThose() {
        val map = OfflineMap()
        try {
            map.start(demo.catalog.overlays())
            val presenter = presenter(map)
            val everything = presenter.settled()
            assertTrue(everything.total > everything.rows.size.toULong(), "more treks than the first page")
            assertEquals(everything.total.toInt(), drawnTreks(everything.mapStyleUrl!!).size, "every trek, not only the loaded rows")

            presenter.screen.setText("ecrins")
            val found = presenter.settled()
            val drawn = drawnTreks(found.mapStyleUrl!!)
            assertEquals(found.total.toInt(), drawn.size, "the results and nothing else")
            assertTrue(drawn.containsAll(found.rows.map { it.id }))
        } finally {
            runBlocking { map.stop() }
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
}
