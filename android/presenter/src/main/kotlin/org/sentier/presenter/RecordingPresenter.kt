package org.sentier.presenter

import kotlinx.coroutines.flow.StateFlow
import org.sentier.core.RecordingState
import org.sentier.ffi.RecorderScreen
import org.sentier.ffi.RecordingListener

/**
 * The core's recording screen (controls, live figures, recovery, saved
 * tracks; every rule and word the core's) as a state flow, shared by the
 * recording screen and the service that feeds it the device's fixes.
 */
class RecordingPresenter(val screen: RecorderScreen) : AutoCloseable {
    private val states = CoreState(screen.state()) { deliver ->
        screen.subscribe(object : RecordingListener {
            override fun onState(state: RecordingState) = deliver(state)
        })
    }
    val state: StateFlow<RecordingState> = states.state

    /** Starts a track named [name], by default by the core from when it starts on the device's clock. */
    fun start(name: String? = null) = System.currentTimeMillis().let { now -> screen.start(name, utcOffsetMinutes(now)) }

    override fun close() = states.close()
}
