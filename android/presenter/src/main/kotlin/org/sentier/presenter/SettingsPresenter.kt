package org.sentier.presenter

import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import org.sentier.core.MeasureFormatter
import org.sentier.core.RecorderConfig
import org.sentier.core.UnitSystem
import org.sentier.core.AddressException
import org.sentier.core.typedServerAddress
import org.sentier.ffi.recorderConfigWith

/** The hiker's choices that the platform keeps (SharedPreferences, UserDefaults). */
data class Settings(
    val units: UnitSystem = UnitSystem.METRIC,
    /** Where packs are listed and downloaded from; null until the hiker picks a territory. */
    val packServerUrl: String? = null,
    /** The Geotrek-admin the hiker typed in, which overrides the pack's own. */
    val adminServerUrl: String? = null,
    /** Fixes less accurate than this are not recorded; null keeps the core's default. */
    val recordingMaxAccuracyM: Double? = null,
    /** Points closer than this to the last one are not recorded; null keeps the core's default. */
    val recordingMinDistanceM: Double? = null,
    /** The installed pack the app shows, restored at launch. */
    val packInUse: String? = null,
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

    /** The Geotrek-admin the pack in use came from (the core's `InstalledPack.adminUrl`). */
    private var packAdminServerUrl: String? = null
    private val reportsServer = MutableStateFlow(current.value.adminServerUrl)

    /**
     * The territory's Geotrek-admin, which reports go to and rangers log in
     * to: the one typed in settings, else the pack's own.
     */
    val reportsServerUrl: StateFlow<String?> = reportsServer.asStateFlow()

    /** The language the core writes names, descriptions and measures in. */
    val currentLanguage: String
        get() = language

    fun setUnits(units: UnitSystem) {
        update(current.value.copy(units = units))
        formatter.value = MeasureFormatter(units, language)
    }

    fun useLanguage(language: String) {
        if (language == this.language) return
        this.language = language
        formatter.value = MeasureFormatter(current.value.units, language)
    }

    /**
     * Keeps the pack server typed in [url], as the core writes an address; a
     * blank entry clears it. False, and nothing kept, when it is not a web address.
     */
    fun setPackServer(url: String): Boolean {
        val address = address(url) ?: return false
        update(current.value.copy(packServerUrl = address.value))
        return true
    }

    /**
     * Keeps the Geotrek-admin typed in [url]; a blank entry clears it, and
     * reports go to the pack's own again. False when it is not a web address.
     */
    fun setAdminServer(url: String): Boolean {
        val address = address(url) ?: return false
        update(current.value.copy(adminServerUrl = address.value))
        return true
    }

    fun setRecordingMaxAccuracy(metres: Double?) {
        update(current.value.copy(recordingMaxAccuracyM = metres))
    }

    fun setRecordingMinDistance(metres: Double?) {
        update(current.value.copy(recordingMinDistanceM = metres))
    }

    /** Remembers the pack the app shows and the Geotrek-admin it came from; null when none. */
    fun usePack(id: String?, adminUrl: String?) {
        packAdminServerUrl = adminUrl
        update(current.value.copy(packInUse = id))
    }

    /** The recorder's configuration: the core's defaults with the hiker's filters. */
    fun recorderConfig(): RecorderConfig =
        recorderConfigWith(current.value.recordingMaxAccuracyM, current.value.recordingMinDistanceM)

    private fun update(settings: Settings) {
        store.save(settings)
        current.value = settings
        reportsServer.value = settings.adminServerUrl ?: packAdminServerUrl
    }

    companion object {
        /** The core's reading of a typed address (its value null when blank); null when refused. */
        private fun address(entry: String): Typed? = try {
            Typed(typedServerAddress(entry))
        } catch (error: AddressException) {
            null
        }

        private class Typed(val value: String?)
    }
}
