package org.sentier.presenter

import java.io.File
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Job
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import org.sentier.core.Fix
import org.sentier.core.MeasureFormatter
import org.sentier.core.RecorderConfig
import org.sentier.core.RecorderState
import org.sentier.core.TrackStats
import org.sentier.core.TrackStatus
import org.sentier.core.TrailException
import org.sentier.ffi.RecorderListener
import org.sentier.ffi.TrackLibraryInterface
import org.sentier.core.Language
import org.sentier.ffi.TrackRecorder
import org.sentier.ffi.trailErrorMessage

/** The live figures of the track being recorded, written by the core's formatter. */
data class RecordingStats(
    val distance: String,
    val movingTime: String,
    val elapsedTime: String,
    val ascent: String,
    val descent: String,
    val averageSpeed: String,
)

/** One saved track as the list shows it. */
data class TrackRow(val id: Long, val name: String, val status: TrackStatus, val distance: String, val movingTime: String)

data class RecordingState(
    val recorder: RecorderState = RecorderState.IDLE,
    /** Null when no track is being recorded. */
    val stats: RecordingStats? = null,
    val tracks: List<TrackRow> = emptyList(),
    /** A track written as GPX, waiting to be shared; cleared by [RecordingPresenter.shared]. */
    val exported: File? = null,
    /** The core's message when the last action failed. */
    val error: String? = null,
) {
    /** Whether fixes should keep flowing to the recorder (the foreground service runs). */
    val active: Boolean get() = recorder != RecorderState.IDLE
}

/**
 * The recording screen's and the recording service's shared state: the core's
 * recorder (a durable store: a recording the system killed is recovered
 * paused), fed with every fix by the service, its state and live statistics,
 * and the saved tracks. Which fixes count, auto-pause and the statistics are
 * the core's. Every recorder call runs in order on one worker of [io].
 */
class RecordingPresenter(
    private val storePath: String,
    private val library: TrackLibraryInterface,
    /** The recorder configuration from the settings (accuracy and distance filters). */
    private val config: () -> RecorderConfig,
    private val measures: StateFlow<MeasureFormatter>,
    /** The language the core words its errors in. */
    private val language: () -> Language,
    private val scope: CoroutineScope,
    io: CoroutineDispatcher = Dispatchers.IO,
) {
    private val current = MutableStateFlow(RecordingState())
    val state: StateFlow<RecordingState> = current.asStateFlow()

    private val worker = io.limitedParallelism(1)
    private var recorder: TrackRecorder? = null
    private var recorderConfig: RecorderConfig? = null

    private val listener = object : RecorderListener {
        override fun onStats(stats: TrackStats) {
            current.update { it.copy(stats = stats.written()) }
        }

        override fun onState(state: RecorderState) {
            current.update { it.copy(recorder = state) }
        }
    }

    init {
        perform { open(config()) }
        refreshTracks()
    }

    /**
     * Starts a new track with the settings' filters as they are now, named
     * [name] or, by default, by the core from the time it starts.
     */
    fun start(name: String? = null) = perform {
        val config = config()
        val recorder = recorder.takeIf { config == recorderConfig } ?: open(config)
        val now = System.currentTimeMillis()
        recorder.start(name ?: measures.value.defaultTrackName(now, utcOffsetMinutes(now)))
    }

    fun pause() = perform { recorder?.pause() }

    /** Resumes a paused track, including one recovered after the app was killed. */
    fun resume() = perform { recorder?.resume() }

    /** Ends the track and saves it in the list. */
    fun stop() = perform {
        recorder?.stop()
        current.update { it.copy(stats = null, tracks = rows()) }
    }

    /** Gives the recorder one fix from the device; the core decides whether it counts. */
    fun push(fix: Fix) = perform { recorder?.pushFix(fix) }

    fun refreshTracks() = perform { current.update { it.copy(tracks = rows()) } }

    fun delete(track: Long) = perform {
        library.delete(track)
        current.update { it.copy(tracks = rows()) }
    }

    /** Writes [track] as GPX into [folder]; [RecordingState.exported] holds the file to share. */
    fun exportGpx(track: Long, folder: File) = perform {
        folder.mkdirs()
        val file = File(folder, "track-$track.gpx")
        library.exportGpx(track, file.path)
        current.update { it.copy(exported = file) }
    }

    /**
     * Lets go of the recorder and its store's lock, as the end of the app's
     * process does: a track left open is recovered, paused, by the next
     * recorder opened on the store.
     */
    fun close() = perform {
        recorder?.close()
        recorder = null
        recorderConfig = null
    }

    /** The exported file was handed to the share sheet. */
    fun shared() = current.update { it.copy(exported = null) }

    /** Opens the recorder on its store: its state is the recovered one when a track was left open. */
    private fun open(config: RecorderConfig): TrackRecorder {
        recorder?.close()
        val opened = TrackRecorder(storePath, config)
        opened.setListener(listener)
        recorder = opened
        recorderConfig = config
        current.update { it.copy(recorder = opened.state(), stats = opened.stats()?.written()) }
        return opened
    }

    private fun rows(): List<TrackRow> {
        val measures = measures.value
        return library.list().map {
            TrackRow(it.id, it.name, it.status, measures.distance(it.stats.distance2dM), measures.duration(it.stats.movingS))
        }
    }

    private fun TrackStats.written(): RecordingStats {
        val measures = measures.value
        return RecordingStats(
            distance = measures.distance(distance2dM),
            movingTime = measures.duration(movingS),
            elapsedTime = measures.duration(elapsedS),
            ascent = measures.elevation(ascentM),
            descent = measures.elevation(descentM),
            averageSpeed = measures.speed(averageSpeedMps),
        )
    }

    /** Runs [action] on the recorder's worker; a failure keeps the core's message. */
    private fun perform(action: () -> Unit): Job = scope.launch {
        withContext(worker) {
            try {
                action()
                current.update { it.copy(error = null) }
            } catch (error: TrailException) {
                current.update { it.copy(error = trailErrorMessage(error, language())) }
            }
        }
    }
}
