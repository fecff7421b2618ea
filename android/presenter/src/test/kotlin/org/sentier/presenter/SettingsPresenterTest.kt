package org.sentier.presenter

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.sentier.core.UnitSystem
import org.sentier.ffi.recordingFilterChoices

class SettingsPresenterTest {
    @Test
    fun unitsChangeHowEveryMeasureIsWrittenAndArePersisted() {
        val store = MemorySettingsStore()
        val presenter = SettingsPresenter(store, "fr")
        assertEquals("2,4 km", presenter.measures.value.distance(2430.0))

        presenter.setUnits(UnitSystem.IMPERIAL)

        assertEquals("1,5 mi", presenter.measures.value.distance(2414.0))
        assertEquals(UnitSystem.IMPERIAL, store.saved.units)
        assertEquals(UnitSystem.IMPERIAL, SettingsPresenter(store, "fr").settings.value.units)
    }

    @Test
    fun languageChangeRewritesMeasures() {
        val presenter = SettingsPresenter(MemorySettingsStore(), "en")
        assertEquals("1,234 m", presenter.measures.value.elevation(1234.0))

        presenter.useLanguage("fr-FR")

        assertEquals("1\u202F234 m", presenter.measures.value.elevation(1234.0))
    }

    @Test
    fun blankPackServerClearsIt() {
        val store = MemorySettingsStore(Settings(packServerUrl = "https://packs.example.org/"))
        val presenter = SettingsPresenter(store, "en")

        presenter.setPackServer("  ")

        assertNull(presenter.settings.value.packServerUrl)
        assertNull(store.saved.packServerUrl)
    }

    @Test
    fun reportsGoToThePacksAdminUnlessAnotherIsEntered() {
        val store = MemorySettingsStore()
        val presenter = SettingsPresenter(store, "fr")
        assertNull(presenter.reportsServerUrl.value)

        presenter.usePack("ecrins", "https://admin.ecrins.example/")
        assertEquals("https://admin.ecrins.example/", presenter.reportsServerUrl.value)
        assertEquals("ecrins", store.saved.packInUse)

        assertTrue(presenter.setAdminServer(" rangers.example "))
        assertEquals("https://rangers.example/", presenter.reportsServerUrl.value, "the core's form of the address")
        assertFalse(presenter.setAdminServer("ftp://rangers.example"))
        assertFalse(presenter.setPackServer("packs example"))
        assertEquals("https://rangers.example/", presenter.reportsServerUrl.value, "a refused address changes nothing")

        presenter.setAdminServer("")
        assertEquals("https://admin.ecrins.example/", presenter.reportsServerUrl.value)
        presenter.usePack(null, null)
        assertNull(presenter.reportsServerUrl.value)
    }

    @Test
    fun theRecordingAccuracyFilterChangesOnlyThatOfTheCoresDefaults() {
        val store = MemorySettingsStore()
        val presenter = SettingsPresenter(store, "en")
        val defaults = presenter.recorderConfig()

        presenter.setRecordingMaxAccuracy(20.0)

        val config = presenter.recorderConfig()
        assertEquals(20.0, config.filter.maxAccuracyM)
        assertEquals(defaults.copy(filter = defaults.filter.copy(maxAccuracyM = 20.0)), config)
        assertEquals(20.0, SettingsPresenter(store, "en").settings.value.recordingMaxAccuracyM)
        presenter.setRecordingMaxAccuracy(null)
        assertEquals(defaults, presenter.recorderConfig())
    }

    @Test
    fun thePointSpacingIsOneOfTheCoresChoicesAndIsKept() {
        val store = MemorySettingsStore()
        val presenter = SettingsPresenter(store, "en")
        val defaults = presenter.recorderConfig()
        val sparse = recordingFilterChoices().minDistanceM.last()
        assertTrue(sparse > defaults.filter.minDistanceM)

        presenter.setRecordingMinDistance(sparse)

        assertEquals(defaults.copy(filter = defaults.filter.copy(minDistanceM = sparse)), presenter.recorderConfig())
        assertEquals(sparse, SettingsPresenter(store, "en").settings.value.recordingMinDistanceM)
    }
}
