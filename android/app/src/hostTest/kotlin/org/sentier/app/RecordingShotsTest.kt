package org.sentier.app

import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import java.nio.file.Files
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import org.junit.jupiter.api.Test
import org.sentier.app.recording.RecordingScreen
import org.sentier.app.ui.Tab
import org.sentier.core.RecorderState
import org.sentier.core.TrekQuery
import org.sentier.ffi.TrackLibrary
import org.sentier.ffi.simulateWalk
import org.sentier.ffi.walkSimulation
import org.sentier.presenter.RecordingPresenter

/** The recording screen over the core's recorder: a saved track, and a walk being recorded, then paused. */
class RecordingShotsTest {
    @Test
    fun aRecordingShowsItsFiguresAndIsPaused() {
        val scope = CoroutineScope(SupervisorJob() + Dispatchers.Default)
        val store = Files.createTempDirectory("sentier-tracks").resolve("tracks.sqlite").toString()
        val trek = DemoPark.catalog.search(TrekQuery(language = "en", limit = 1u)).treks.single()
        val walk = simulateWalk(DemoPark.catalog.trekRoute(trek.id, "en").line, walkSimulation(5uL))
        val recording = RecordingPresenter(
            store,
            TrackLibrary(store),
            DemoPark.settings.screen::recorderConfig,
            DemoPark.settings.measures,
            { DemoPark.settings.state.value.language },
            scope,
        )
        recording.start(trek.name)
        walk.forEach(recording::push)
        recording.stop()
        awaitState(recording.state) { it.recorder == RecorderState.IDLE && it.tracks.isNotEmpty() }
        recording.start()
        walk.take(walk.size / 2).forEach(recording::push)
        awaitState(recording.state) { it.recorder == RecorderState.RECORDING && it.stats != null }
        for (language in languages) {
            DemoPark.speak(language)
            recording.refreshTracks()
            shoot("recording", language, { it.recordingTitle }, Tab.RECORDING, {
                val state by recording.state.collectAsState()
                RecordingScreen(
                    state,
                    onStart = { recording.start() },
                    onPause = recording::pause,
                    onResume = recording::resume,
                    onStop = recording::stop,
                    onShare = {},
                    onDelete = recording::delete,
                )
            }) { strings ->
                onNodeWithText(strings.recordingDistance).assertExists()
                onNodeWithText(trek.name).assertExists()
                onNodeWithText(strings.recordingPause).performClick()
                awaitState(recording.state) { it.recorder == RecorderState.PAUSED }
                waitForIdle()
                onNodeWithText(strings.recordingResume).assertExists()
                onNodeWithText(strings.recordingStatePaused).assertExists()
            }
            recording.resume()
            awaitState(recording.state) { it.recorder == RecorderState.RECORDING }
        }
        recording.stop()
        awaitState(recording.state) { it.recorder == RecorderState.IDLE }
        scope.cancel()
    }
}
