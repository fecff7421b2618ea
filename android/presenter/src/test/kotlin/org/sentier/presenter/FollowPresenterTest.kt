package org.sentier.presenter

import java.nio.file.Files
import kotlinx.coroutines.flow.asFlow
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import org.sentier.core.Detour
import org.sentier.core.FollowHeadline
import org.sentier.core.FollowScreenState
import org.sentier.core.TrekQuery
import org.sentier.ffi.SettingsScreen
import org.sentier.ffi.TrekFollowScreen
import org.sentier.ffi.simulateWalk
import org.sentier.ffi.walkSimulation

/** The core's follow screen through the adapter, over a demo trek walked by the core's simulator. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FollowPresenterTest {
    private val demo = DemoCatalog()
    private val settings = SettingsScreen.open(Files.createTempDirectory("sentier-follow").toString(), listOf("en"))
    private val trek = demo.catalog.search(TrekQuery(language = "en", limit = 100u)).treks.first { (it.lengthM ?: 0.0) > 3_000.0 }
    private val route = demo.catalog.trekRoute(trek.id, "en")

    @AfterAll
    fun stop() = demo.close()

    private fun FollowPresenter.settled(): FollowScreenState = runBlocking {
        withTimeout(30_000) {
            screen.settled()
            val now = screen.state()
            state.first { it == now }
        }
    }

    @Test
    fun theBannerFollowsTheWalkOffTheTrekAndBackToArrival() {
        val detour = Detour(atM = 1_000.0, lengthM = 500.0, offsetM = 150.0)
        val walk = simulateWalk(route.line, walkSimulation(7uL).copy(detours = listOf(detour)))
        val presenter = FollowPresenter(TrekFollowScreen.open(settings))
        presenter.screen.follow(demo.catalog, trek.id)
        val start = presenter.settled()
        assertEquals(route.name, start.trekName)
        assertNull(start.error)
        assertNull(start.banner, "no banner before the first fix")

        runBlocking { presenter.feed(walk.take(2).asFlow()) }
        val acquired = presenter.settled().banner!!
        assertTrue(acquired.distanceLeft.endsWith(" km to go"), acquired.distanceLeft)
        assertTrue(Regex("""Arrival around \d\d:\d\d \(.+\)""").matches(acquired.arrival.orEmpty()), "${acquired.arrival}")

        val headlines = mutableListOf<FollowHeadline>()
        val alerts = mutableSetOf<String>()
        walk.drop(2).forEach { fix ->
            runBlocking { presenter.feed(listOf(fix).asFlow()) }
            val state = presenter.settled()
            headlines += state.banner!!.headline
            state.alert?.let { alerts += it }
        }
        assertTrue(FollowHeadline.OFF_ROUTE in headlines)
        assertTrue(alerts.any { it.startsWith("Off the trek by ") }, "$alerts")
        assertEquals(FollowHeadline.ARRIVED, headlines.last())
        assertEquals("Arrived", presenter.state.value.alert)

        presenter.screen.follow(null, 0)
        assertNull(presenter.settled().trekId)
        presenter.close()
    }

    @Test
    fun crossingASensitiveAreaNamesItInTheBanner() {
        val crossing = demo.catalog.search(TrekQuery(language = "en", limit = 100u)).treks
            .map { it.id to demo.catalog.trekRoute(it.id, "en") }
            .firstOrNull { (_, route) -> route.sensitiveZones.isNotEmpty() }
        assertNotNull(crossing, "the demo park has a trek through a sensitive area")
        val (id, route) = crossing!!
        val presenter = FollowPresenter(TrekFollowScreen.open(settings))
        presenter.screen.follow(demo.catalog, id)
        val seen = mutableSetOf<String>()
        simulateWalk(route.line, walkSimulation(11uL)).forEach { fix ->
            runBlocking { presenter.feed(listOf(fix).asFlow()) }
            seen += presenter.settled().banner?.sensitiveAreas.orEmpty()
        }
        assertTrue(seen.isNotEmpty() && seen.all { line -> route.sensitiveZones.any { line == "In the sensitive area ${it.name}" } }, "$seen")
    }

    @Test
    fun anUnknownTrekGivesTheCoresMessage() {
        val presenter = FollowPresenter(TrekFollowScreen.open(settings))
        presenter.screen.follow(demo.catalog, -1)
        val state = presenter.settled()
        assertEquals("Item -1 is not in the offline catalog.", state.error)
        assertNull(state.banner)
    }
}
