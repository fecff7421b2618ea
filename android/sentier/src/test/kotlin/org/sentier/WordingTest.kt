package org.sentier

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Test
import org.sentier.core.AddressException
import org.sentier.core.Language
import org.sentier.core.negotiateLanguage
import org.sentier.ffi.addressErrorMessage
import org.sentier.core.LatLon
import org.sentier.core.MeasureFormatter
import org.sentier.core.UnitSystem
import org.sentier.core.nearMe
import org.sentier.core.typedServerAddress

/** The core's wording and small decisions the shells call directly, through the bindings. */
class WordingTest {
    private val french = MeasureFormatter(UnitSystem.METRIC, "fr-FR")

    @Test
    fun datesClimbsAndMonthsAreWrittenInTheHikersLanguage() {
        // 2026-11-29T13:05:00Z, seen from Paris (UTC+1).
        val ms = 1_795_957_500_000L
        assertEquals("29 nov. 2026, 14:05", french.dateTime(ms, 60))
        assertEquals("14:05", french.clockTime(ms, 60))
        assertEquals("+1\u202F234 m", french.ascent(1234.4))
        val months = (1..12).map { it in setOf(12, 1, 2, 3, 6) }
        assertEquals("déc. – mars, juin", french.months(months))
    }

    @Test
    fun nearMeAndTypedAddressesAreTheCoresDecisions() {
        val here = LatLon(44.8, 6.3)
        assertEquals(here, nearMe(here).center)
        assertEquals(20_000.0, nearMe(here).radiusM)
        assertEquals("https://geotrek.example.org/", typedServerAddress(" geotrek.example.org "))
        assertEquals(null, typedServerAddress("  "))
        assertThrows(AddressException.NotHttp::class.java) { typedServerAddress("ftp://example.org") }
    }

    @Test
    fun anErrorReachesTheUserInTheCoresWordsNotAsAGeneratedDump() {
        val refused = assertThrows(AddressException.NotHttp::class.java) { typedServerAddress("ftp://example.org") }
        assertEquals("« ftp://example.org » n’est pas une adresse web (http ou https).", addressErrorMessage(refused, Language.FRENCH))
        assertEquals("“ftp://example.org” is not a web address (http or https).", addressErrorMessage(refused, Language.ENGLISH))
        assertEquals(Language.FRENCH, negotiateLanguage(listOf("nl-NL", "fr-CA", "en")))
        assertEquals(Language.GERMAN, negotiateLanguage(listOf("de-AT", "fr")))
        assertEquals(Language.ENGLISH, negotiateLanguage(listOf("nl-NL")))
    }
}
