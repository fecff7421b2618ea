package org.sentier.presenter

import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import org.sentier.core.MeasureFormatter
import org.sentier.core.UnitSystem

/** The hiker's choices that the platform keeps (SharedPreferences, UserDefaults). */
data class Settings(
    val units: UnitSystem = UnitSystem.METRIC,
    /** Where packs are listed and downloaded from; null until the hiker picks a territory. */
    val packServerUrl: String? = null,
)

/** Platform storage of [Settings]; the app implements it, tests keep it in memory. */
interface SettingsStore {
    fun load(): Settings
    fun save(settings: Settings)
}

/**
 * The settings screen's state, and the [MeasureFormatter] every other screen
 * writes its distances, durations and speeds with. The display language comes
 * from the platform (the system's, or the per-app language the hiker chose),
 * which tells it through [useLanguage].
 */
class SettingsPresenter(private val store: SettingsStore, private var language: String) {
    private val current = MutableStateFlow(store.load())
    val settings: StateFlow<Settings> = current.asStateFlow()

    private val formatter = MutableStateFlow(MeasureFormatter(current.value.units, language))
    val measures: StateFlow<MeasureFormatter> = formatter.asStateFlow()

    fun setUnits(units: UnitSystem) {
        update(current.value.copy(units = units))
        formatter.value = MeasureFormatter(units, language)
    }

    fun useLanguage(language: String) {
        if (language == this.language) return
        this.language = language
        formatter.value = MeasureFormatter(current.value.units, language)
    }

    /** A blank entry clears the server. */
    fun setPackServer(url: String) {
        update(current.value.copy(packServerUrl = url.trim().ifEmpty { null }))
    }

    private fun update(settings: Settings) {
        store.save(settings)
        current.value = settings
    }
}
