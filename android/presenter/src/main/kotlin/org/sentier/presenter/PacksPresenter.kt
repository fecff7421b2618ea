package org.sentier.presenter

import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Job
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import org.sentier.PackEvent
import org.sentier.core.InstalledPack
import org.sentier.core.MeasureFormatter
import org.sentier.core.PackException
import org.sentier.core.PackProgress
import org.sentier.core.PackStatus
import org.sentier.core.PackSummary
import org.sentier.downloadEvents
import org.sentier.ffi.PacksInterface

/** A download as the packs screen shows it; every figure written by the core's formatter. */
data class DownloadRow(
    val fraction: Float,
    /** "12,4 Mo / 310 Mo". */
    val bytes: String,
    val files: String,
    /** "2,1 Mo/s", once known. */
    val rate: String?,
    /** "4 min", once known. */
    val remaining: String?,
    val installing: Boolean,
    /** Stopped by the user; downloading again resumes. */
    val paused: Boolean,
)

/** One pack of the server's catalogue or of the device. */
data class PackRow(
    val id: String,
    val name: String,
    /** The size of the pack on the server, or on disk once installed. */
    val size: String,
    /** The pack on this device, if installed. */
    val installed: InstalledPack?,
    /** The server's version when it is newer than the installed one. */
    val updateVersion: ULong?,
    val download: DownloadRow?,
)

data class PacksState(
    /** The pack server of the settings; null lists the installed packs only. */
    val serverUrl: String?,
    val rows: List<PackRow> = emptyList(),
    /** What the installed packs take on disk. */
    val storageUsed: String = "",
    val loading: Boolean = false,
    /** The core's message when the last action failed. */
    val error: String? = null,
)

/**
 * The packs screen: a pack server's catalogue next to the installed packs,
 * downloads with progress, pause (keeps what was received), cancel (deletes
 * it), updates and removal. The core decides everything (what an update
 * fetches, where files go, how sizes read); this only holds its answers.
 */
class PacksPresenter(
    private val packs: PacksInterface,
    private val serverUrl: String?,
    private val measures: MeasureFormatter,
    private val scope: CoroutineScope,
    private val io: CoroutineDispatcher = Dispatchers.IO,
    /** Told of each pack once it is installed (to show it when none is in use). */
    private val onInstalled: (InstalledPack) -> Unit = {},
) {
    private val mutableState = MutableStateFlow(PacksState(serverUrl))
    val state: StateFlow<PacksState> = mutableState.asStateFlow()

    private var published: List<PackSummary> = emptyList()
    private var installed: List<PackStatus> = emptyList()
    private val progress = mutableMapOf<String, PackProgress>()
    private val paused = mutableSetOf<String>()
    private val downloads = mutableMapOf<String, Job>()

    /** Reads the server's catalogue and the installed packs again. */
    fun refresh(): Job = scope.launch {
        // The installed packs at once, from the disk (the servers may take a
        // while to answer, or not at all offline); then their updates and the
        // server's catalogue.
        val known = installed.associate { it.pack.id to it.updateAvailable }
        val local = attempt { installed = withContext(io) { packs.installed().map { PackStatus(it, known[it.id]) } } }
        render(loading = true, error = local)
        val failure = attempt {
            installed = packs.statuses()
            published = serverUrl?.let { packs.serverPacks(it) }.orEmpty()
        }
        render(loading = false, error = failure)
    }

    /**
     * Downloads (or resumes) pack [id] from the pack server, or updates it
     * from the server it was installed from.
     */
    fun download(id: String) {
        val server = installed.find { it.pack.id == id }?.pack?.serverUrl ?: serverUrl ?: return
        downloads.remove(id)?.cancel()
        paused.remove(id)
        downloads[id] = scope.launch {
            val failure = attempt {
                packs.downloadEvents(server, id).collect { event ->
                    when (event) {
                        is PackEvent.Progress -> {
                            progress[id] = event.progress
                            render()
                        }
                        is PackEvent.Installed -> {
                            progress.remove(id)
                            onInstalled(event.pack)
                        }
                    }
                }
            }
            downloads.remove(id)
            if (failure != null) {
                render(error = failure)
            } else {
                refresh()
            }
        }
    }

    /** Stops the download of [id], keeping what was received. */
    fun pause(id: String) {
        downloads.remove(id)?.cancel()
        paused.add(id)
        render()
    }

    /** Stops the download of [id] and deletes what was received. */
    fun cancel(id: String): Job = scope.launch {
        downloads.remove(id)?.cancel()
        val failure = attempt { withContext(io) { packs.cancel(id) } }
        progress.remove(id)
        paused.remove(id)
        render(error = failure)
    }

    /** Removes installed pack [id] and its space. */
    fun remove(id: String): Job = scope.launch {
        val failure = attempt { withContext(io) { packs.remove(id) } }
        if (failure != null) render(error = failure) else refresh().join()
    }

    private suspend fun attempt(work: suspend () -> Unit): String? =
        try {
            work()
            null
        } catch (error: PackException) {
            error.message ?: error.toString()
        }

    private fun render(loading: Boolean = mutableState.value.loading, error: String? = null) {
        val ids = (published.map { it.id } + installed.map { it.pack.id }).distinct()
        val rows = ids.map { id ->
            val summary = published.find { it.id == id }
            val status = installed.find { it.pack.id == id }
            row(id, summary, status?.pack, status?.updateAvailable)
        }
        mutableState.value = PacksState(
            serverUrl = serverUrl,
            rows = rows,
            storageUsed = measures.dataSize(installed.sumOf { it.pack.sizeOnDisk }),
            loading = loading,
            error = error,
        )
    }

    private fun row(id: String, summary: PackSummary?, pack: InstalledPack?, update: ULong?): PackRow {
        val download = progress[id]?.let { p ->
            val figures = measures.downloadFigures(p)
            DownloadRow(
                fraction = figures.fraction.toFloat(),
                bytes = figures.bytes,
                files = figures.files,
                rate = figures.rate,
                remaining = figures.remaining,
                installing = p.installing,
                paused = id in paused,
            )
        }
        return PackRow(
            id = id,
            name = pack?.name ?: summary?.name ?: id,
            size = measures.dataSize(pack?.sizeOnDisk ?: summary?.size ?: 0u),
            installed = pack,
            updateVersion = update,
            download = download,
        )
    }
}
