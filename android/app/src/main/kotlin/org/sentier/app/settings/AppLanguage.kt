package org.sentier.app.settings

import androidx.appcompat.app.AppCompatDelegate
import androidx.core.os.LocaleListCompat

/**
 * The per-app language: follows the system unless the hiker picked one in
 * Settings (stored by AppCompat, and by the system on Android 13+).
 */
object AppLanguage {
    /** The languages the app is translated into, as BCP 47 tags. */
    val available = listOf("en", "fr")

    /** The chosen language tag, or null when following the system. */
    val chosen: String?
        get() = AppCompatDelegate.getApplicationLocales()[0]?.toLanguageTag()

    /** The language in use: the chosen one, else the system's. */
    val current: String
        get() = chosen ?: LocaleListCompat.getDefault()[0]?.toLanguageTag() ?: "en"

    /** Null follows the system again. */
    fun choose(tag: String?) {
        AppCompatDelegate.setApplicationLocales(
            if (tag == null) LocaleListCompat.getEmptyLocaleList() else LocaleListCompat.forLanguageTags(tag),
        )
    }
}
