package org.sentier.presenter

/** [Settings] kept in memory, as the platform's preferences would keep them. */
class MemorySettingsStore(var saved: Settings = Settings()) : SettingsStore {
    override fun load() = saved
    override fun save(settings: Settings) {
        saved = settings
    }
}
