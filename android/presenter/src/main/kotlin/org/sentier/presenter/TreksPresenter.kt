package org.sentier.presenter

import kotlinx.coroutines.flow.StateFlow
import org.sentier.core.TrekSearchState
import org.sentier.ffi.TrekSearchListener
import org.sentier.ffi.TrekSearchScreen

/** The core's trek search as a state flow; the screen forwards the hiker's actions to [screen]. */
class TreksPresenter(val screen: TrekSearchScreen) : AutoCloseable {
    private val states = CoreState(screen.state()) { deliver ->
        screen.subscribe(object : TrekSearchListener {
            override fun onState(state: TrekSearchState) = deliver(state)
        })
    }
    val state: StateFlow<TrekSearchState> = states.state

    override fun close() = states.close()
}
