package org.sentier.presenter

import kotlinx.coroutines.flow.StateFlow
import org.sentier.core.PacksState
import org.sentier.ffi.PacksListener
import org.sentier.ffi.PacksScreen

/** The core's packs screen and pack in use as a state flow; actions go to [screen]. */
class PacksPresenter(val screen: PacksScreen) : AutoCloseable {
    private val states = CoreState(screen.state()) { deliver ->
        screen.subscribe(object : PacksListener {
            override fun onState(state: PacksState) = deliver(state)
        })
    }
    val state: StateFlow<PacksState> = states.state

    override fun close() = states.close()
}
