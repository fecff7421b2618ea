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
import org.sentier.core.TrekMeasure
import org.sentier.core.UnitSystem
import org.sentier.core.ValueRange

/** The filter sheet's ranges: the core's options, and a range narrowing the search. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrekRangesTest {
    private val demo = DemoCatalog()
    private val measures = MeasureFormatter(UnitSystem.METRIC, "en")

    @AfterAll
    fun stop() = demo.close()

    @Test
    fun theCoresRangesCoverEveryValueAndAreLabelledInTheHikersLanguage() {
        TrekMeasure.entries.forEach { measure ->
            val ranges = measures.trekRangeOptions(measure).map { it.range }
            assertEquals(null, ranges.first().min)
            assertEquals(null, ranges.last().max)
            ranges.zipWithNext { low, high -> assertEquals(low.max, high.min) }
        }
        val french = MeasureFormatter(UnitSystem.METRIC, "fr")
        assertEquals("Moins de 5 km", french.trekRangeOptions(TrekMeasure.LENGTH_M).first().label)
        assertEquals("Over 8 h", measures.trekRangeOptions(TrekMeasure.DURATION_HOURS).last().label)
    }

    @Test
    fun aRangeBoundsTheSearchAndAnEmptyOneLiftsIt() = runTest {
        val scope = CoroutineScope(coroutineContext + Job())
        val presenter = TreksPresenter(demo.catalog, MutableStateFlow(measures), "fr", scope, StandardTestDispatcher(testScheduler))
        advanceUntilIdle()
        val everything = presenter.state.value.total

        val short = measures.trekRangeOptions(TrekMeasure.LENGTH_M).first().range
        presenter.setRange(TrekMeasure.LENGTH_M, short)
        advanceUntilIdle()
        assertEquals(short, presenter.state.value.query.range(TrekMeasure.LENGTH_M))
        assertTrue(presenter.state.value.total < everything, "${presenter.state.value.total} of $everything")

        presenter.setRange(TrekMeasure.LENGTH_M, ValueRange())
        advanceUntilIdle()
        assertEquals(everything, presenter.state.value.total)
        scope.cancel()
    }
}
