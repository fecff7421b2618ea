package org.sentier.app.settings

import android.content.Context
import androidx.core.content.edit
import org.sentier.core.UnitSystem
import org.sentier.presenter.Settings
import org.sentier.presenter.SettingsStore

/** [Settings] in the app's SharedPreferences. */
class PreferencesSettingsStore(context: Context) : SettingsStore {
    private val preferences = context.getSharedPreferences("settings", Context.MODE_PRIVATE)

    override fun load(): Settings {
        val units = preferences.getString(UNITS, null)
            ?.let { name -> UnitSystem.entries.firstOrNull { it.name == name } }
        return Settings(
            units = units ?: Settings().units,
            packServerUrl = preferences.getString(PACK_SERVER, null),
            adminServerUrl = preferences.getString(ADMIN_SERVER, null),
            recordingMaxAccuracyM = preferences.getString(MAX_ACCURACY, null)?.toDoubleOrNull(),
            recordingMinDistanceM = preferences.getString(MIN_DISTANCE, null)?.toDoubleOrNull(),
            packInUse = preferences.getString(PACK_IN_USE, null),
        )
    }

    override fun save(settings: Settings) {
        preferences.edit {
            putString(UNITS, settings.units.name)
            putString(PACK_SERVER, settings.packServerUrl)
            putString(ADMIN_SERVER, settings.adminServerUrl)
            putString(MAX_ACCURACY, settings.recordingMaxAccuracyM?.toString())
            putString(MIN_DISTANCE, settings.recordingMinDistanceM?.toString())
            putString(PACK_IN_USE, settings.packInUse)
        }
    }

    private companion object {
        const val UNITS = "units"
        const val PACK_SERVER = "pack_server"
        const val ADMIN_SERVER = "admin_server"
        const val MAX_ACCURACY = "recording_max_accuracy_m"
        const val MIN_DISTANCE = "recording_min_distance_m"
        const val PACK_IN_USE = "pack_in_use"
    }
}
