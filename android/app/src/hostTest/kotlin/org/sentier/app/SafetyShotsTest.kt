package org.sentier.app

import androidx.compose.ui.test.assertHasClickAction
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Test
import org.sentier.app.trail.SafetyScreen
import org.sentier.core.Circle
import org.sentier.core.Fix
import org.sentier.core.LatLon
import org.sentier.core.PlaceKind
import org.sentier.ffi.SafetyScreen as CoreSafetyScreen

/** The safety screen over the demo park's pack, the hiker standing near one of its information desks. */
class SafetyShotsTest {
    /** The demo park's information desk the hiker is near. */
    private val desk = DemoPark.catalog.nearby(
        Circle(LatLon(45.0, 6.0), 1_000_000.0),
        listOf(PlaceKind.INFORMATION_DESK),
        "en",
        1u,
    ).single()

    @Test
    fun theCallTheHikersPositionAndTheNearestDeskAreShown() {
        for (language in languages) {
            DemoPark.speak(language)
            CoreSafetyScreen.open(DemoPark.catalog, DemoPark.settings.screen).use { safety ->
                // 300 m due north of the desk, as a phone gives it.
                safety.updateFix(Fix(
                    latitude = desk.position.lat + 0.0027,
                    longitude = desk.position.lon,
                    altitude = 1234.4,
                    horizontalAccuracy = 8.2,
                    verticalAccuracy = null,
                    speed = null,
                    bearing = null,
                    timestampMs = null,
                ))
                runBlocking { safety.settled() }
                val state = safety.state()
                val position = checkNotNull(state.position) { "no position after a fix" }
                val nearest = checkNotNull(state.nearestDesk) { "no desk 300 m away" }
                val call = state.calls.single { it.number == "112" }
                val called = mutableListOf<String>()
                val shared = mutableListOf<String>()
                shoot("safety", language, { state.title }, null, {
                    SafetyScreen(state, onCall = { called += it }, onCopy = {}, onShare = { shared += it })
                }) {
                    onNodeWithText(call.label).assertExists()
                    onNodeWithText("112", substring = true).assertHasClickAction().performClick()
                    check(called == listOf("112")) { "the call button dialled $called" }
                    onNodeWithText(position.decimal).assertExists()
                    onNodeWithText(position.dms).assertExists()
                    onNodeWithText(nearest.name).assertExists()
                    onNodeWithText("${nearest.distance} · ${nearest.bearing}").assertExists()
                    onNodeWithText(state.shareLabel).performClick()
                    check(shared == listOf(position.shareText)) { "shared $shared" }
                }
            }
        }
    }

    @Test
    fun beforeAnyFixTheCallIsThereAndThePositionIsAwaited() {
        for (language in languages) {
            DemoPark.speak(language)
            CoreSafetyScreen.open(DemoPark.catalog, DemoPark.settings.screen).use { safety ->
                runBlocking { safety.settled() }
                val state = safety.state()
                val waiting = checkNotNull(state.waitingForPosition) { "no word for the awaited position" }
                check(state.position == null) { "a position before any fix: ${state.position}" }
                shoot("safety-waiting", language, { state.title }, null, {
                    SafetyScreen(state, onCall = {}, onCopy = {}, onShare = {})
                }) {
                    onNodeWithText("112", substring = true).assertHasClickAction()
                    onNodeWithText(waiting).assertExists()
                    onNodeWithText(state.copyLabel).assertDoesNotExist()
                    state.nearestMissing.forEach { onNodeWithText(it).assertExists() }
                }
            }
        }
    }
}
