package org.sentier.app

import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import androidx.compose.ui.test.SkikoComposeUiTest
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import androidx.compose.ui.test.performScrollTo
import androidx.compose.ui.test.performTextInput
import org.junit.jupiter.api.Test
import org.sentier.app.report.RangerActions
import org.sentier.app.report.RangerSection
import org.sentier.app.settings.SettingsActions
import org.sentier.app.settings.SettingsScreen
import org.sentier.app.ui.AppStrings
import org.sentier.core.languageCode
import org.sentier.presenter.OutboxPresenter

/**
 * The ranger's login dialog over the real core and the demo park's field
 * server: the right password gives a session and closes the dialog; a wrong
 * one keeps the dialog open with the core's words. The light picture shows
 * the refusal, the dark one the dialog as it opens.
 */
class RangerShotsTest {
    @Test
    fun theRightPasswordLogsInAndAWrongOneIsWordedByTheCore() {
        val outbox = OutboxPresenter(DemoPark.outbox)
        for (language in languages) {
            DemoPark.speak(language)
            val strings = AppStrings.forLanguage(languageCode(language))
            shoot(
                "ranger-login", language, { it.settingsTitle }, null,
                {
                    val state by DemoPark.settings.state.collectAsState()
                    val ranger by outbox.state.collectAsState()
                    SettingsScreen(state, SettingsActions(DemoPark.settings.screen)) {
                        RangerSection(ranger, RangerActions(DemoPark.outbox))
                    }
                },
                prepare = { onNodeWithText(strings.rangerLogIn).performScrollTo().performClick() },
            ) {
                onNodeWithText(strings.rangerLoginTitle).assertExists()
                logIn(strings, "ranger", "col-du-lautaret")
                awaitState(outbox.state) { it.session != null && !it.busy }
                waitForIdle()
                onNodeWithText(strings.rangerLoginTitle).assertDoesNotExist()
                onNodeWithText(outbox.state.value.session!!).assertExists()

                onNodeWithText(strings.rangerLogOut).performScrollTo().performClick()
                awaitState(outbox.state) { it.session == null && !it.busy }
                waitForIdle()
                onNodeWithText(strings.rangerLogIn).performScrollTo().performClick()
                logIn(strings, "ranger", "not-the-password")
                val refused = awaitState(outbox.state) { it.error != null && !it.busy }
                waitForIdle()
                onNodeWithText(strings.rangerLoginTitle).assertExists()
                onNodeWithText(refused.error!!).assertExists()
                onNodeWithText(strings.rangerLogInShort).assertExists()
            }
        }
        outbox.close()
    }

    private fun SkikoComposeUiTest.logIn(strings: AppStrings, username: String, password: String) {
        onNodeWithText(strings.rangerUsername).performTextInput(username)
        onNodeWithText(strings.rangerPassword).performTextInput(password)
        onNodeWithText(strings.rangerLogInShort).performClick()
    }
}
