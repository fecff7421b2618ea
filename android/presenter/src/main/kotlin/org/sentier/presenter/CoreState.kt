package org.sentier.presenter

import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import org.sentier.core.TaskHandle

/**
 * A core screen's states as a [StateFlow]: the current one first, then
 * every change the core publishes, until [close]. [subscribe] registers the
 * screen's listener, which hands each state to its argument.
 */
class CoreState<S>(initial: S, subscribe: (deliver: (S) -> Unit) -> TaskHandle) : AutoCloseable {
    private val flow = MutableStateFlow(initial)
    val state: StateFlow<S> = flow.asStateFlow()
    private val handle = subscribe { flow.value = it }

    override fun close() = handle.close()
}
