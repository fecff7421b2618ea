package org.sentier.app

import android.content.Context
import org.sentier.app.settings.AppLanguage
import org.sentier.app.settings.PreferencesSettingsStore
import org.sentier.presenter.SettingsPresenter

/**
 * The app's single instances of the core's services and of the presenters
 * shared by several screens, created once by [SentierApplication].
 */
class AppServices(context: Context) {
    val settings = SettingsPresenter(PreferencesSettingsStore(context), AppLanguage.current)
}
