package org.sentier.app

import android.content.Context
import android.os.LocaleList
import kotlinx.coroutines.MainScope
import org.sentier.app.trail.TrailServices
import org.sentier.ffi.PacksScreen
import org.sentier.ffi.ReportsOutbox
import org.sentier.ffi.SettingsScreen
import org.sentier.presenter.OutboxPresenter
import org.sentier.presenter.PacksPresenter
import org.sentier.presenter.SettingsPresenter
import org.sentier.presenter.utcOffsetMinutes

/**
 * The app's single instances of the core's services and of the presenters
 * shared by several screens, created once by the application ([ServicesOwner]).
 */
class AppServices(context: Context) {
    /** The core's settings, kept in the app's data folder. */
    val settings = SettingsPresenter(SettingsScreen.open(CoreServices.folder(context).path, deviceLanguageTags()))

    /** Work that lives as long as the app's process (the trail's presenters). */
    val scope = MainScope()
    private val opened = CoreServices.open(context)

    /** The core's stores; null when they could not be opened ([coreError] says why). */
    val core: CoreServices? = opened.getOrNull()
    val coreError: String? = opened.exceptionOrNull()?.let { CoreServices.describe(it, settings.state.value.language) }

    /** The packs and the pack in use (restored by the core at launch). */
    val packs: PacksPresenter? = core?.let { PacksPresenter(PacksScreen.open(it.packs, settings.screen, it.map)) }

    /** The outbox and the ranger's session on the reports server. */
    val outbox: OutboxPresenter? = core?.let {
        val now = System.currentTimeMillis()
        OutboxPresenter(ReportsOutbox.open(it.reports, settings.screen, utcOffsetMinutes(now)))
    }

    private val trailOpened = TrailServices.open(context, settings)

    /** The followed trek and the recorder; null when the tracks store could not be opened ([trailError] says why). */
    val trail: TrailServices? = trailOpened.getOrNull()
    val trailError: String? = trailOpened.exceptionOrNull()?.let { TrailServices.describe(it, settings.state.value.language) }
}

/** The application object, which holds the one [AppServices] of the process. */
interface ServicesOwner {
    val services: AppServices
}

/** The services from any component of the app. */
val Context.services: AppServices
    get() = (applicationContext as ServicesOwner).services

/** The device's preferred languages as BCP 47 tags, most preferred first, which the core negotiates from. */
fun deviceLanguageTags(): List<String> {
    val locales = LocaleList.getAdjustedDefault()
    return (0 until locales.size()).map { locales[it].toLanguageTag() }
}
