package org.sentier.app

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test
import org.sentier.app.ui.AppStrings
import org.sentier.core.languageCode

/** Every language the app ships has all its words, and the core speaks each of them. */
class AppStringsTest {
    @Test
    fun everyKeyIsTranslatedInEveryLanguage() {
        for (strings in AppStrings.all) {
            assertEquals(emptyList<String>(), strings.untranslated, "keys without a valid ${strings.languageCode} translation")
            assertEquals(emptyList<String>(), strings.unknown, "${strings.languageCode} keys the default language lacks")
        }
    }

    @Test
    fun theAppShipsTheCoresLanguages() {
        assertEquals(languages.map(::languageCode).sorted(), AppStrings.all.map { it.languageCode }.sorted())
    }
}
