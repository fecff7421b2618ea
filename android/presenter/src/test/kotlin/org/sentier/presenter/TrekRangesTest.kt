package org.sentier.presenter

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.cancel
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.test.StandardTestDispatcher
import kotlinx.coroutines.test.advanceUntilIdle
import kotlinx.coroutines.test.runTest
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import org.sentier.core.MeasureFormatter
import org.sentier.core.UnitSystem
import org.sentier.core.ValueRange

/** The filter sheet's ranges: bounds written by the core, and a range narrowing the search. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrekRangesTest {
    private val demo = DemoCatalog()
    private val measures = MeasureFormatter(UnitSystem.METRIC, "en")

    @AfterAll
    fun stop() = demo.close()

    @Test
    fun theRangesCoverEveryValueWithBoundsWrittenByTheCore() {
        TrekRange.entries.forEach { range ->
            assertEquals(null, range.steps.first().min)
            assertEquals(null, range.steps.last().max)
            range.steps.zipWithNext { low, high -> assertEquals(low.max, high.min) }
        }
        assertEquals(null to measures.distance(5_000.0), TrekRange.LENGTH_M.bounds(TrekRange.LENGTH_M.steps.first(), measures))
        assertEquals(measures.duration(8 * 3600.0) to null, TrekRange.DURATION_HOURS.bounds(TrekRange.DURATION_HOURS.steps.last(), measures))
    }

    @Test
    fun aRangeBoundsTheSearchAndAnEmptyOneLiftsIt() = runTest {
        val scope = CoroutineScope(coroutineContext + Job())
        val presenter = TreksPresenter(demo.catalog, MutableStateFlow(measures), "fr", scope, StandardTestDispatcher(testScheduler))
        advanceUntilIdle()
        val everything = presenter.state.value.total

        val short = TrekRange.LENGTH_M.steps.first()
        presenter.setRange(TrekRange.LENGTH_M, short)
        advanceUntilIdle()
        assertEquals(short, presenter.state.value.query.range(TrekRange.LENGTH_M))
        assertTrue(presenter.state.value.total < everything, "${presenter.state.value.total} of $everything")

        presenter.setRange(TrekRange.LENGTH_M, ValueRange())
        advanceUntilIdle()
        assertEquals(everything, presenter.state.value.total)
        scope.cancel()
    }
}
