package org.sentier.app

import androidx.compose.runtime.getValue
import androidx.compose.runtime.collectAsState
import androidx.compose.ui.test.assertIsSelected
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import androidx.compose.ui.test.performScrollTo
import org.junit.jupiter.api.Test
import org.sentier.app.report.RangerActions
import org.sentier.app.report.RangerSection
import org.sentier.app.settings.SettingsActions
import org.sentier.app.settings.SettingsScreen
import org.sentier.core.UnitSystem
import org.sentier.presenter.OutboxPresenter

/** The settings with the ranger's section, from the core's settings and outbox over the demo park. */
class SettingsShotsTest {
    @Test
    fun settingsShowTheCoresChoicesAndChangeTheUnits() {
        val outbox = OutboxPresenter(DemoPark.outbox)
        for (language in languages) {
            DemoPark.speak(language)
            shoot("settings", language, { it.settingsTitle }, null, {
                val state by DemoPark.settings.state.collectAsState()
                val ranger by outbox.state.collectAsState()
                SettingsScreen(state, SettingsActions(DemoPark.settings.screen)) {
                    RangerSection(ranger, RangerActions(DemoPark.outbox))
                }
            }) { strings ->
                onNodeWithText(strings.settingsLanguage).assertExists()
                onNodeWithText(strings.settingsUnitsMetric).assertIsSelected()
                onNodeWithText(strings.settingsUnitsImperial).performClick()
                awaitState(DemoPark.settings.state) { it.units == UnitSystem.IMPERIAL }
                waitForIdle()
                onNodeWithText(strings.settingsUnitsImperial).assertIsSelected()
                onNodeWithText(strings.rangerTitle).performScrollTo().assertExists()
                // Back to metric for the picture and the other screens.
                onNodeWithText(strings.settingsUnitsMetric).performScrollTo().performClick()
                awaitState(DemoPark.settings.state) { it.units == UnitSystem.METRIC }
                onNodeWithText(strings.settingsLanguage).performScrollTo()
            }
        }
        outbox.close()
    }
}
