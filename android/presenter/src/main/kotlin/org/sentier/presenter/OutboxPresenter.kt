package org.sentier.presenter

import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Job
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.launch
import org.sentier.OutboxEvent
import org.sentier.core.FieldAssetsStatus
import org.sentier.core.FieldSessionInfo
import org.sentier.core.OutboxEntry
import org.sentier.deliverOnce
import org.sentier.deliveries
import org.sentier.ffi.ReportsInterface

data class OutboxState(
    /** Every report with its state, newest first, as the core's outbox keeps them. */
    val entries: List<OutboxEntry> = emptyList(),
    /** The ranger's field session on the reports server, if logged in. */
    val session: FieldSessionInfo? = null,
    /** The server whose field session ended: the ranger must log in again. */
    val loginRequired: String? = null,
    /** When the signage and infrastructure were last downloaded for the ranger. */
    val fieldAssets: FieldAssetsStatus? = null,
    /** The core's message when the last action failed. */
    val error: String? = null,
    /** A login, download or delivery pass is under way. */
    val busy: Boolean = false,
)

/**
 * The outbox as the report screens show it (each report with its state), the
 * ranger's field session on the reports server, and the core's delivery loop
 * while [deliver] runs. What is sent when, retried or given up is the core's.
 */
class OutboxPresenter(
    val reports: ReportsInterface,
    private val reportsServer: StateFlow<String?>,
    private val scope: CoroutineScope,
    private val io: CoroutineDispatcher = Dispatchers.IO,
) {
    private val current = MutableStateFlow(OutboxState())
    val state: StateFlow<OutboxState> = current.asStateFlow()

    /**
     * Runs the core's delivery loop until the calling coroutine is cancelled
     * (while the app is visible), keeping the list current.
     */
    suspend fun deliver(): Unit = coroutineScope {
        launch { reportsServer.collect { refresh() } }
        reports.deliveries().collect { event ->
            if (event is OutboxEvent.LoginRequired) current.update { it.copy(loginRequired = event.serverUrl) }
            refresh()
        }
    }

    /** Reads the outbox, the session and the downloaded items again. */
    suspend fun refresh() {
        val server = reportsServer.value
        val failure = failureOf(io) {
            val entries = reports.list()
            val session = server?.let { reports.session(it) }
            val assets = server?.let { reports.fieldAssetsStatus(it) }
            current.update { it.copy(entries = entries, session = session, fieldAssets = assets) }
        }
        // Keeps the message of the action that led here when reading works.
        if (failure != null) current.update { it.copy(error = failure) }
    }

    /**
     * Logs in to the reports server, then downloads its signage and
     * infrastructure for picking offline.
     */
    fun logIn(username: String, password: String): Job = onServer { server ->
        val session = reports.login(server, username, password)
        current.update { it.copy(session = session, loginRequired = null) }
        val assets = reports.downloadFieldAssets(server)
        current.update { it.copy(fieldAssets = assets) }
    }

    /** Downloads the signage and infrastructure again. */
    fun refreshFieldAssets(): Job = onServer { server ->
        val assets = reports.downloadFieldAssets(server)
        current.update { it.copy(fieldAssets = assets) }
    }

    fun logOut(): Job = onServer { server ->
        reports.logout(server)
        refresh()
    }

    /** Removes a report; the core refuses one that is being sent. */
    fun discard(id: String): Job = thenRefresh { reports.discard(id) }

    /** Queues a failed report again (the core checks it again); it leaves at the next pass. */
    fun retry(id: String): Job = thenRefresh { reports.queue(id, null) }

    /** Sends what is due now rather than at the next pass. */
    fun sendNow(): Job = scope.launch {
        whileBusy { reports.deliverOnce() }
        refresh()
    }

    private fun thenRefresh(work: suspend () -> Unit): Job = scope.launch {
        attempt(work)
        refresh()
    }

    /** Runs [work] on the reports server, if one is set. */
    private fun onServer(work: suspend (server: String) -> Unit): Job = scope.launch {
        val server = reportsServer.value ?: return@launch
        whileBusy { work(server) }
    }

    private suspend fun whileBusy(work: suspend () -> Unit) {
        current.update { it.copy(busy = true) }
        attempt(work)
        current.update { it.copy(busy = false) }
    }

    private suspend fun attempt(work: suspend () -> Unit) {
        val failure = failureOf(io, work)
        current.update { it.copy(error = failure) }
    }
}
