package org.sentier.app

import android.content.Context
import kotlinx.coroutines.MainScope
import org.sentier.app.settings.AppLanguage
import org.sentier.app.settings.PreferencesSettingsStore
import org.sentier.app.trail.TrailServices
import org.sentier.presenter.SettingsPresenter

/**
 * The app's single instances of the core's services and of the presenters
 * shared by several screens, created once by [SentierApplication].
 */
class AppServices(context: Context) {
    val settings = SettingsPresenter(PreferencesSettingsStore(context), AppLanguage.current)

    private val trailOpened = TrailServices.open(context, settings, MainScope())

    /** The followed trek and the recorder; null when the tracks store could not be opened ([trailError] says why). */
    val trail: TrailServices? = trailOpened.getOrNull()
    val trailError: String? = trailOpened.exceptionOrNull()?.message
}
