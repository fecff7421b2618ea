package org.sentier.presenter

import kotlinx.coroutines.flow.StateFlow
import org.sentier.core.MeasureFormatter
import org.sentier.core.SettingsState
import org.sentier.core.languageCode
import org.sentier.ffi.SettingsListener
import org.sentier.ffi.SettingsScreen

/**
 * The core's settings (units, language, servers, recording filters, pack
 * in use, kept in the data folder) as state flows: the settings screen
 * draws [state], every other screen writes measures with [measures].
 */
class SettingsPresenter(val screen: SettingsScreen) : AutoCloseable {
    private val states = CoreState(screen.state()) { deliver -> screen.subscribe(listener { deliver(it) }) }
    val state: StateFlow<SettingsState> = states.state

    private val formatters = CoreState(screen.measures()) { deliver -> screen.subscribe(listener { deliver(screen.measures()) }) }
    val measures: StateFlow<MeasureFormatter> = formatters.state

    private val reportsServers = CoreState(screen.state().reportsServerUrl) { deliver ->
        screen.subscribe(listener { deliver(it.reportsServerUrl) })
    }

    /** Where reports go and rangers log in: the typed Geotrek-admin, else the pack in use's. */
    val reportsServerUrl: StateFlow<String?> = reportsServers.state

    /** The language catalogs are read in (`fr`). */
    val catalogLanguage: String
        get() = languageCode(state.value.language)

    override fun close() {
        states.close()
        formatters.close()
        reportsServers.close()
    }

    private fun listener(onState: (SettingsState) -> Unit) = object : SettingsListener {
        override fun onState(state: SettingsState) = onState(state)
    }
}
