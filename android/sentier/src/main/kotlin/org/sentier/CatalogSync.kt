package org.sentier

import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.channels.awaitClose
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.buffer
import kotlinx.coroutines.flow.callbackFlow
import kotlinx.coroutines.flow.filterIsInstance
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.onEach
import org.sentier.core.CatalogException
import org.sentier.core.SyncOptions
import org.sentier.core.SyncProgress
import org.sentier.core.SyncReport
import org.sentier.ffi.Catalog
import org.sentier.ffi.SyncListener

/** What a running sync reports: progress after each page, then its report. */
sealed interface SyncEvent {
    data class Progress(val progress: SyncProgress) : SyncEvent
    data class Finished(val report: SyncReport) : SyncEvent
}

/**
 * Syncs [apiUrl] into this catalog as a cold flow: collecting starts the sync on
 * the core's runtime, cancelling the collector cancels it (the catalog then
 * stays as it was), and a failure ends the flow with the core's [CatalogException].
 */
fun Catalog.syncEvents(apiUrl: String, options: SyncOptions): Flow<SyncEvent> = callbackFlow {
    val handle = sync(apiUrl, options, object : SyncListener {
        override fun onProgress(progress: SyncProgress) {
            trySend(SyncEvent.Progress(progress))
        }

        override fun onFinished(report: SyncReport) {
            trySend(SyncEvent.Finished(report))
            close()
        }

        override fun onFailed(error: CatalogException) {
            close(error)
        }
    })
    awaitClose { handle.cancel() }
}.buffer(Channel.UNLIMITED)

/** Syncs and suspends until the catalog has committed, reporting progress on the way. */
suspend fun Catalog.syncNow(
    apiUrl: String,
    options: SyncOptions = SyncOptions(languages = emptyList()),
    onProgress: (SyncProgress) -> Unit = {},
): SyncReport = syncEvents(apiUrl, options)
    .onEach { if (it is SyncEvent.Progress) onProgress(it.progress) }
    .filterIsInstance<SyncEvent.Finished>()
    .first()
    .report
