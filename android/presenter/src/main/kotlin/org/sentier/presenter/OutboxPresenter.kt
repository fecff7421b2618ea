package org.sentier.presenter

import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.flow.StateFlow
import org.sentier.core.OutboxState
import org.sentier.ffi.OutboxStateListener
import org.sentier.ffi.ReportsOutbox

/**
 * The core's outbox and ranger account as a state flow; the screens forward
 * the user's actions to [screen]. What is sent when, retried or given up is the core's.
 */
class OutboxPresenter(val screen: ReportsOutbox) : AutoCloseable {
    private val states = CoreState(screen.state()) { deliver ->
        screen.subscribe(object : OutboxStateListener {
            override fun onState(state: OutboxState) = deliver(state)
        })
    }
    val state: StateFlow<OutboxState> = states.state

    /** Runs the core's delivery loop until the calling coroutine is cancelled (while the app is visible). */
    suspend fun deliver(periodSeconds: UInt = 300u) {
        val loop = screen.deliver(periodSeconds)
        try {
            awaitCancellation()
        } finally {
            loop.close()
        }
    }

    override fun close() = states.close()
}
