package org.sentier

import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.channels.awaitClose
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.buffer
import kotlinx.coroutines.flow.callbackFlow
import org.sentier.core.OutboxEntry
import org.sentier.core.SyncSummary
import org.sentier.ffi.OutboxListener
import org.sentier.ffi.ReportsInterface

/** What the outbox's background delivery reports. */
sealed interface OutboxEvent {
    data class ReportChanged(val entry: OutboxEntry) : OutboxEvent
    data class LoginRequired(val serverUrl: String) : OutboxEvent
    data class PassFinished(val summary: SyncSummary) : OutboxEvent
}

/**
 * Delivers the outbox for as long as the flow is collected: collecting starts
 * the core's delivery loop (passes at once, when reports come due, on
 * connectivity, and every [periodSeconds]), cancelling the collector stops it.
 */
fun ReportsInterface.deliveries(periodSeconds: UInt = 300u): Flow<OutboxEvent> = callbackFlow {
    val handle = startSync(object : OutboxListener {
        override fun onReportChanged(entry: OutboxEntry) {
            trySend(OutboxEvent.ReportChanged(entry))
        }

        override fun onLoginRequired(serverUrl: String) {
            trySend(OutboxEvent.LoginRequired(serverUrl))
        }

        override fun onSyncFinished(summary: SyncSummary) {
            trySend(OutboxEvent.PassFinished(summary))
        }
    }, periodSeconds)
    awaitClose { handle.cancel() }
}.buffer(Channel.UNLIMITED)

/**
 * One delivery pass now (the core decides what is due, retried or given up),
 * for a "send now" button or a background job; the entries' changes are read
 * from the outbox afterwards.
 */
suspend fun ReportsInterface.deliverOnce(): SyncSummary = syncNow(object : OutboxListener {
    override fun onReportChanged(entry: OutboxEntry) = Unit

    override fun onLoginRequired(serverUrl: String) = Unit

    override fun onSyncFinished(summary: SyncSummary) = Unit
})
