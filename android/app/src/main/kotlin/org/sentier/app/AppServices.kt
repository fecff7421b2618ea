package org.sentier.app

import android.content.Context
import kotlinx.coroutines.MainScope
import org.sentier.app.settings.AppLanguage
import org.sentier.app.settings.PreferencesSettingsStore
import org.sentier.app.trail.TrailServices
import org.sentier.presenter.CurrentPack
import org.sentier.presenter.OutboxPresenter
import org.sentier.presenter.SettingsPresenter

/**
 * The app's single instances of the core's services and of the presenters
 * shared by several screens, created once by [SentierApplication].
 */
class AppServices(context: Context) {
    val settings = SettingsPresenter(PreferencesSettingsStore(context), AppLanguage.current)

    /** Work that lives as long as the app's process (pack in use, outbox). */
    val scope = MainScope()
    private val opened = CoreServices.open(context)

    /** The core's stores; null when they could not be opened ([coreError] says why). */
    val core: CoreServices? = opened.getOrNull()
    val coreError: String? = opened.exceptionOrNull()?.message

    /** The installed pack the app shows. */
    val currentPack: CurrentPack? = core?.let { CurrentPack(it.packs, it.map, settings, scope) }

    /** The outbox and the ranger's session on the reports server. */
    val outbox: OutboxPresenter? = core?.let { OutboxPresenter(it.reports, settings.reportsServerUrl, scope) }

    private val trailOpened = TrailServices.open(context, settings, scope)

    /** The followed trek and the recorder; null when the tracks store could not be opened ([trailError] says why). */
    val trail: TrailServices? = trailOpened.getOrNull()
    val trailError: String? = trailOpened.exceptionOrNull()?.message
}
