package org.sentier.presenter

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.cancel
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.consumeAsFlow
import kotlinx.coroutines.launch
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
import org.sentier.core.Detour
import org.sentier.core.Fix
import org.sentier.core.FollowHeadline
import org.sentier.core.MeasureFormatter
import org.sentier.core.TrekQuery
import org.sentier.core.UnitSystem
import org.sentier.ffi.simulateWalk
import org.sentier.ffi.walkSimulation

/** The follow banner over a demo trek walked by the core's simulator, with a detour. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FollowPresenterTest {
    private val demo = DemoCatalog()
    private val trek = demo.catalog.search(TrekQuery(language = "fr", limit = 100u)).treks.first { (it.lengthM ?: 0.0) > 3_000.0 }
    private val route = demo.catalog.trekRoute(trek.id, "fr")

    @AfterAll
    fun stop() = demo.close()

    @Test
    fun theBannerFollowsTheWalkOffTheTrekAndBackToArrival() = runTest { scope ->
        val detour = Detour(atM = 1_000.0, lengthM = 500.0, offsetM = 150.0)
        val walk = simulateWalk(route.line, walkSimulation(7uL).copy(detours = listOf(detour)))
        val fixes = Channel<Fix>(Channel.UNLIMITED)
        val presenter = FollowPresenter(
            MutableStateFlow(MeasureFormatter(UnitSystem.METRIC, "en")),
            StandardTestDispatcher(testScheduler),
        )
        presenter.select(trek.id)
        scope.launch { presenter.follow(demo.catalog, "fr", fixes.consumeAsFlow()) }

        fixes.send(walk.first())
        advanceUntilIdle()
        val start = presenter.state.value
        assertEquals(route.name, start.trekName)
        assertNull(start.error)
        assertNotNull(start.banner)
        val banner = start.banner!!
        assertTrue(banner.distanceRemaining.endsWith(" km"), banner.distanceRemaining)

        fixes.send(walk[1])
        advanceUntilIdle()
        val acquired = presenter.state.value.banner!!
        assertTrue(Regex("""\d\d:\d\d""").matches(acquired.arrival.orEmpty()), "arrival as a time of day: ${acquired.arrival}")

        val rest = walk.drop(2).iterator()
        while (rest.hasNext() && presenter.state.value.banner?.headline != FollowHeadline.OFF_ROUTE) {
            fixes.send(rest.next())
            advanceUntilIdle()
        }
        val off = presenter.state.value
        assertEquals(FollowHeadline.OFF_ROUTE, off.banner?.headline)
        assertNotNull(off.banner?.offRouteBy)
        assertTrue(off.alert is FollowAlert.OffRoute, "${off.alert}")

        rest.forEach { fixes.send(it) }
        advanceUntilIdle()
        assertEquals(FollowHeadline.ARRIVED, presenter.state.value.banner?.headline)
        assertEquals(FollowAlert.Arrived, presenter.state.value.alert)

        fixes.close()
        advanceUntilIdle()
        presenter.select(null)
        assertNull(presenter.state.value.trekId)
    }

    @Test
    fun crossingASensitiveAreaNamesItInTheBanner() = runTest { scope ->
        val crossing = demo.catalog.search(TrekQuery(language = "fr", limit = 100u)).treks
            .map { it.id to demo.catalog.trekRoute(it.id, "fr") }
            .firstOrNull { (_, route) -> route.sensitiveZones.isNotEmpty() }
        assertNotNull(crossing, "the demo park has a trek through a sensitive area")
        val (id, route) = crossing!!
        val presenter = FollowPresenter(MutableStateFlow(MeasureFormatter(UnitSystem.METRIC, "en")), StandardTestDispatcher(testScheduler))
        presenter.select(id)
        val fixes = Channel<Fix>(Channel.UNLIMITED)
        scope.launch { presenter.follow(demo.catalog, "fr", fixes.consumeAsFlow()) }

        val seen = mutableSetOf<String>()
        simulateWalk(route.line, walkSimulation(11uL)).forEach { fix ->
            fixes.send(fix)
            advanceUntilIdle()
            seen += presenter.state.value.banner?.sensitiveAreas.orEmpty()
        }
        assertTrue(seen.isNotEmpty() && seen.all { name -> route.sensitiveZones.any { it.name == name } }, "$seen")
        fixes.close()
    }

    @Test
    fun anUnknownTrekGivesTheCoresMessage() = runTest { scope ->
        val presenter = FollowPresenter(
            MutableStateFlow(MeasureFormatter(UnitSystem.METRIC, "en")),
            StandardTestDispatcher(testScheduler),
        )
        presenter.select(-1)
        scope.launch { presenter.follow(demo.catalog, "fr", Channel<Fix>().consumeAsFlow()) }
        advanceUntilIdle()
        assertNotNull(presenter.state.value.error)
        assertNull(presenter.state.value.banner)
    }

    private fun runTest(body: suspend TestScope.(CoroutineScope) -> Unit) = kotlinx.coroutines.test.runTest {
        val scope = CoroutineScope(coroutineContext + Job())
        body(scope)
        scope.cancel()
    }
}
