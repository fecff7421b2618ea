package org.sentier.presenter

import kotlinx.coroutines.flow.StateFlow
import org.sentier.core.MapViewState
import org.sentier.ffi.MapViewListener
import org.sentier.ffi.MapViewScreen

/**
 * The core's map screen (style URL, layer groups, basemap switch, what lies
 * where the hiker tapped; every rule and word the core's) as a state flow.
 */
class MapViewPresenter(val screen: MapViewScreen) : AutoCloseable {
    private val states = CoreState(screen.state()) { deliver ->
        screen.subscribe(object : MapViewListener {
            override fun onState(state: MapViewState) = deliver(state)
        })
    }
    val state: StateFlow<MapViewState> = states.state

    override fun close() = states.close()
}
