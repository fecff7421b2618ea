package org.sentier.presenter

import kotlinx.coroutines.flow.StateFlow
import org.sentier.core.TrekDetailState
import org.sentier.ffi.TrekDetailListener
import org.sentier.ffi.TrekScreen

/**
 * The core's trek detail screen (figures, texts, profile, photos from the
 * pack, what lies along the trek, its GPX; every word the core's) as a state flow.
 */
class TrekDetailPresenter(val screen: TrekScreen) : AutoCloseable {
    private val states = CoreState(screen.state()) { deliver ->
        screen.subscribe(object : TrekDetailListener {
            override fun onState(state: TrekDetailState) = deliver(state)
        })
    }
    val state: StateFlow<TrekDetailState> = states.state

    override fun close() = states.close()
}
