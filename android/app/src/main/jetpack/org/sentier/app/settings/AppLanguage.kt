package org.sentier.app.settings

import androidx.appcompat.app.AppCompatDelegate
import androidx.core.os.LocaleListCompat
import org.sentier.core.Language
import org.sentier.core.languageCode

/**
 * The platform's side of the language: the device's preferred languages,
 * which the core negotiates from, and the per-app locale that makes the
 * app's own resources follow the language chosen in the core's settings.
 */
object AppLanguage {
    /** The device's preferred languages as BCP 47 tags, most preferred first. */
    val deviceTags: List<String>
        get() {
            val locales = LocaleListCompat.getAdjustedDefault()
            return (0 until locales.size()).mapNotNull { locales[it]?.toLanguageTag() }
        }

    /** Makes the app's resources follow [language]; null follows the system again. */
    fun apply(language: Language?) {
        AppCompatDelegate.setApplicationLocales(
            if (language == null) LocaleListCompat.getEmptyLocaleList() else LocaleListCompat.forLanguageTags(languageCode(language)),
        )
    }
}
