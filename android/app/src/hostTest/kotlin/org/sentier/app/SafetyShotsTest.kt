package org.sentier.app

import androidx.compose.foundation.layout.Box
import androidx.compose.foundation.layout.padding
import androidx.compose.material3.Text
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.test.assertHasClickAction
import androidx.compose.ui.test.onNodeWithContentDescription
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import androidx.compose.ui.test.runSkikoComposeUiTest
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Test
import org.sentier.app.trail.SafetyScreen
import org.sentier.app.ui.AppStrings
import org.sentier.app.ui.SentierScaffold
import org.sentier.app.ui.SentierTheme
import org.sentier.app.ui.Tab
import org.sentier.core.Circle
import org.sentier.fixNorthOf
import org.sentier.core.LatLon
import org.sentier.core.PlaceKind
import org.sentier.core.languageCode
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
                safety.updateFix(fixNorthOf(desk.position))
                runBlocking { safety.settled() }
                val state = safety.state()
                val position = checkNotNull(state.position) { "no position after a fix" }
                val nearest = checkNotNull(state.nearestDesk) { "no desk 300 m away" }
                val call = state.calls.single { it.number == "112" }
                val called = mutableListOf<String>()
                val shared = mutableListOf<String>()
                shoot("safety", language, { state.title }, null, {
                    SafetyScreen(state, onCall = { called += it }, onCopy = {}, onShare = { shared += it })
                }, safety = false) {
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
                }, safety = false) {
                    onNodeWithText("112", substring = true).assertHasClickAction()
                    onNodeWithText(waiting).assertExists()
                    onNodeWithText(state.copyLabel).assertDoesNotExist()
                    state.nearestMissing.forEach { onNodeWithText(it).assertExists() }
                }
            }
        }
    }

    /**
     * Two taps from anywhere: the top bar's safety button (on a tab's screen,
     * as on every screen but the safety screen) opens the safety screen, whose
     * first button is the call. The frame is driven as SentierNavigation drives
     * it: the button is gone on the safety screen, a back arrow leads back.
     */
    @OptIn(ExperimentalTestApi::class)
    @Test
    fun theTopBarsSafetyButtonOpensTheSafetyScreen() {
        for (language in languages) {
            DemoPark.speak(language)
            val strings = AppStrings.forLanguage(languageCode(language))
            CoreSafetyScreen.open(DemoPark.catalog, DemoPark.settings.screen).use { safety ->
                runBlocking { safety.settled() }
                val state = safety.state()
                for (dark in listOf(false, true)) runSkikoComposeUiTest(Phone.size, Phone.density) {
                    setContent {
                        SentierTheme(strings, darkTheme = dark) {
                            var onSafetyScreen by remember { mutableStateOf(false) }
                            SentierScaffold(
                                title = if (onSafetyScreen) strings.safetyTitle else strings.treksTitle,
                                selectedTab = if (onSafetyScreen) null else Tab.TREKS,
                                onTab = { onSafetyScreen = false },
                                onBack = if (onSafetyScreen) ({ onSafetyScreen = false }) else null,
                                onSafety = if (onSafetyScreen) null else ({ onSafetyScreen = true }),
                                onSettings = {},
                            ) { padding ->
                                Box(Modifier.padding(padding)) {
                                    if (onSafetyScreen) {
                                        SafetyScreen(state, onCall = {}, onCopy = {}, onShare = {})
                                    } else {
                                        Text("treks")
                                    }
                                }
                            }
                        }
                    }
                    val shot = "${languageCode(language)}-${if (dark) "dark" else "light"}"
                    onNodeWithContentDescription(strings.safetyAction).assertHasClickAction()
                    onNodeWithText(state.calls.first().label).assertDoesNotExist()
                    save(captureToImage(), screensFolder, "safety-button-$shot")
                    onNodeWithContentDescription(strings.safetyAction).performClick()
                    waitForIdle()
                    onNodeWithText(strings.safetyTitle).assertExists()
                    onNodeWithText(state.calls.first().label).assertHasClickAction()
                    onNodeWithContentDescription(strings.safetyAction).assertDoesNotExist()
                    onNodeWithContentDescription(strings.actionBack).assertHasClickAction()
                    save(captureToImage(), screensFolder, "safety-opened-$shot")
                }
            }
        }
    }
}
