package org.sentier.presenter

import java.nio.file.Files
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Test
import org.sentier.core.Language
import org.sentier.core.UnitSystem
import org.sentier.ffi.SettingsScreen

/** The core's settings through the adapter: persisted by the core, worded by the core. */
class SettingsPresenterTest {
    private val dir = Files.createTempDirectory("sentier-settings").toString()

    private fun <T> eventually(flow: kotlinx.coroutines.flow.Flow<T>, predicate: (T) -> Boolean): T =
        runBlocking { withTimeout(10_000) { flow.first(predicate) } }

    @Test
    fun unitsAndLanguageRewriteEveryMeasureAndAreKeptByTheCore() {
        val presenter = SettingsPresenter(SettingsScreen.open(dir, listOf("fr-FR")))
        assertEquals("2,4 km", presenter.measures.value.distance(2430.0))

        presenter.screen.setUnits(UnitSystem.IMPERIAL)
        assertEquals("1,5 mi", eventually(presenter.measures) { it.distance(2414.0).endsWith("mi") }.distance(2414.0))
        presenter.screen.setLanguage(Language.ENGLISH)
        eventually(presenter.state) { it.language == Language.ENGLISH }
        assertEquals("en", presenter.catalogLanguage)
        presenter.close()

        val reopened = SettingsPresenter(SettingsScreen.open(dir, listOf("fr-FR")))
        assertEquals(UnitSystem.IMPERIAL, reopened.state.value.units)
        assertEquals("1.5 mi", reopened.measures.value.distance(2414.0))
        reopened.screen.setLanguage(null)
        assertEquals(Language.FRENCH, eventually(reopened.state) { it.languageChoice == null }.language)
    }

    @Test
    fun aRefusedAddressChangesNothingAndIsExplainedInTheUsersLanguage() {
        val presenter = SettingsPresenter(SettingsScreen.open(dir, listOf("fr")))
        presenter.screen.setAdminServer(" rangers.example ")
        assertEquals("https://rangers.example/", eventually(presenter.reportsServerUrl) { it != null })

        presenter.screen.setAdminServer("ftp://rangers.example")
        val refused = eventually(presenter.state) { it.adminServerProblem != null }
        assertEquals("« ftp://rangers.example » n’est pas une adresse web (http ou https).", refused.adminServerProblem)
        assertEquals("https://rangers.example/", refused.reportsServerUrl)

        presenter.screen.setAdminServer("")
        assertNull(eventually(presenter.state) { it.adminServerUrl == null }.adminServerProblem)
    }

    @Test
    fun theRecordingFiltersAreTheCoresChoicesAndReachTheRecorder() {
        val presenter = SettingsPresenter(SettingsScreen.open(dir, listOf("en")))
        val defaults = presenter.screen.recorderConfig()
        val options = presenter.state.value.accuracyOptions
        assertNull(options.first().metres, "the core's default first")
        val strict = options.last().metres!!

        presenter.screen.setRecordingMaxAccuracy(strict)

        assertEquals(defaults.copy(filter = defaults.filter.copy(maxAccuracyM = strict)), presenter.screen.recorderConfig())
        assertEquals(strict, eventually(presenter.state) { it.recordingMaxAccuracyM != null }.recordingMaxAccuracyM)
    }
}
