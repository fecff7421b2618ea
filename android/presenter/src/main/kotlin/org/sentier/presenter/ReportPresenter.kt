package org.sentier.presenter

import kotlinx.coroutines.flow.StateFlow
import org.sentier.core.ReportComposerState
import org.sentier.ffi.ReportComposerListener
import org.sentier.ffi.ReportComposerScreen

/** The core's report composer as a state flow; the form forwards the user's actions to [screen]. */
class ReportPresenter(val screen: ReportComposerScreen) : AutoCloseable {
    private val states = CoreState(screen.state()) { deliver ->
        screen.subscribe(object : ReportComposerListener {
            override fun onState(state: ReportComposerState) = deliver(state)
        })
    }
    val state: StateFlow<ReportComposerState> = states.state

    override fun close() = states.close()
}
