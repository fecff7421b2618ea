package org.sentier.presenter

import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.StateFlow
import org.sentier.core.Fix
import org.sentier.core.FollowScreenState
import org.sentier.ffi.FollowListener
import org.sentier.ffi.TrekFollowScreen

/**
 * The core's follow screen (banner and alerts, every judgement and word the
 * core's) as a state flow, fed with the device's fixes while the map shows.
 */
class FollowPresenter(val screen: TrekFollowScreen) : AutoCloseable {
    private val states = CoreState(screen.state()) { deliver ->
        screen.subscribe(object : FollowListener {
            override fun onState(state: FollowScreenState) = deliver(state)
        })
    }
    val state: StateFlow<FollowScreenState> = states.state

    /** Hands [fixes] to the core's follower until they end or the caller is cancelled. */
    suspend fun feed(fixes: Flow<Fix>) = fixes.collect { fix ->
        screen.pushFix(fix, utcOffsetMinutes(fix.timestampMs ?: System.currentTimeMillis()))
    }

    override fun close() = states.close()
}
