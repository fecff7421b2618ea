package org.sentier.presenter

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Test
import org.sentier.core.UnitSystem

class SettingsPresenterTest {
    private class MemoryStore(var saved: Settings = Settings()) : SettingsStore {
        override fun load() = saved
        override fun save(settings: Settings) {
            saved = settings
        }
    }

    @Test
    fun unitsChangeHowEveryMeasureIsWrittenAndArePersisted() {
        val store = MemoryStore()
        val presenter = SettingsPresenter(store, "fr")
        assertEquals("2,4 km", presenter.measures.value.distance(2430.0))

        presenter.setUnits(UnitSystem.IMPERIAL)

        assertEquals("1,5 mi", presenter.measures.value.distance(2414.0))
        assertEquals(UnitSystem.IMPERIAL, store.saved.units)
        assertEquals(UnitSystem.IMPERIAL, SettingsPresenter(store, "fr").settings.value.units)
    }

    @Test
    fun languageChangeRewritesMeasures() {
        val presenter = SettingsPresenter(MemoryStore(), "en")
        assertEquals("1,234 m", presenter.measures.value.elevation(1234.0))

        presenter.useLanguage("fr-FR")

        assertEquals("1\u202F234 m", presenter.measures.value.elevation(1234.0))
    }

    @Test
    fun blankPackServerClearsIt() {
        val store = MemoryStore(Settings(packServerUrl = "https://packs.example.org/"))
        val presenter = SettingsPresenter(store, "en")

        presenter.setPackServer("  ")

        assertNull(presenter.settings.value.packServerUrl)
        assertNull(store.saved.packServerUrl)
    }
}
