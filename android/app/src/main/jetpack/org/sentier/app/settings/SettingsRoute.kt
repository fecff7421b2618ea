package org.sentier.app.settings

import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.ui.Modifier
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import org.sentier.presenter.SettingsPresenter

/** The settings screen over the core's settings; a chosen language becomes the app's locale too. */
@Composable
fun SettingsRoute(presenter: SettingsPresenter, modifier: Modifier = Modifier, moreSections: @Composable () -> Unit = {}) {
    val state by presenter.state.collectAsStateWithLifecycle()
    SettingsScreen(state, SettingsActions(presenter.screen, onLanguageChosen = AppLanguage::apply), modifier, moreSections)
}
