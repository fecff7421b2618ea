package org.sentier.app

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.sentier.app.ui.AppStrings
import org.sentier.core.languageCode
import org.sentier.core.shippedLanguages

/**
 * The app has all its words in every language the core ships
 * (`shippedLanguages`, the one list), and no word the default language lacks.
 */
class AppStringsTest {
    @Test
    fun everyKeyIsTranslatedInEveryShippedLanguage() {
        val untranslated = AppStrings.all.flatMap { strings -> strings.untranslated.map { "${strings.languageCode}: $it" } }
        assertTrue(
            untranslated.isEmpty(),
            "keys without a valid translation (missing, or placeholders unlike the default text's), " +
                "to add in res/values-<language>/strings*.xml:\n" + untranslated.joinToString("\n"),
        )
        val unknown = AppStrings.all.flatMap { strings -> strings.unknown.map { "${strings.languageCode}: $it" } }
        assertTrue(unknown.isEmpty(), "keys the default language (res/values) lacks:\n" + unknown.joinToString("\n"))
    }

    @Test
    fun theAppShipsTheCoresLanguages() {
        val shipped = shippedLanguages().map(::languageCode)
        val missing = shipped - AppStrings.all.map { it.languageCode }.toSet()
        assertTrue(missing.isEmpty(), "languages the core ships without res/values-<language> folder: $missing")
        assertEquals(shipped.sorted(), AppStrings.all.map { it.languageCode }.sorted())
    }
}
