package org.sentier.app

import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import androidx.compose.ui.test.assertHasClickAction
import androidx.compose.ui.test.onAllNodesWithText
import androidx.compose.ui.test.onFirst
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import java.nio.file.Files
import org.junit.jupiter.api.Test
import org.sentier.app.recording.RecordingScreen
import org.sentier.app.ui.Tab
import org.sentier.core.RecorderState
import org.sentier.core.TrekQuery
import org.sentier.ffi.RecorderScreen
import org.sentier.ffi.simulateWalk
import org.sentier.ffi.walkSimulation
import org.sentier.presenter.RecordingPresenter

/** The recording screen over the core's recorder screen: a saved track, and a walk being recorded, then paused. */
class RecordingShotsTest {
    @Test
    fun aRecordingShowsItsFiguresAndIsPaused() {
        val folder = Files.createTempDirectory("sentier-tracks")
        val trek = DemoPark.catalog.search(TrekQuery(language = "en", limit = 1u)).treks.single()
        val walk = simulateWalk(DemoPark.catalog.trekRoute(trek.id, "en").line, walkSimulation(5uL))
        val recording = RecordingPresenter(
            RecorderScreen.open(folder.resolve("tracks.sqlite").toString(), DemoPark.settings.screen, folder.resolve("exports").toString(), 0),
        )
        val screen = recording.screen
        recording.start(trek.name)
        screen.pushFixes(walk)
        screen.stop()
        awaitState(recording.state) { it.recorder == RecorderState.IDLE && it.tracks.isNotEmpty() }
        recording.start()
        screen.pushFixes(walk.take(walk.size / 2))
        awaitState(recording.state) { it.recorder == RecorderState.RECORDING && it.figures.isNotEmpty() }
        // How often the screen asked for the system's file picker.
        var imports = 0
        for (language in languages + moreLanguages) {
            val before = recording.state.value.status
            val changes = DemoPark.settings.state.value.language != language
            DemoPark.speak(language)
            // The core rewords the screen when the settings' language changes.
            val state = if (changes) {
                awaitState(recording.state) { it.status != before }
            } else {
                settledState(recording.state, screen::settled, screen::state)
            }
            shoot("recording", language, { it.recordingTitle }, Tab.RECORDING, {
                val shown by recording.state.collectAsState()
                RecordingScreen(
                    shown,
                    onStart = { recording.start() },
                    onPause = screen::pause,
                    onResume = screen::resume,
                    onStop = screen::stop,
                    onShare = screen::exportGpx,
                    onDelete = screen::delete,
                    onImportGpx = { imports += 1 },
                )
            }) { strings ->
                // In English the status can be the top bar's title too ("Recording").
                onAllNodesWithText(state.status).onFirst().assertExists()
                state.figures.forEach { onNodeWithText(it.label).assertExists() }
                onNodeWithText(trek.name).assertExists()
                onNodeWithText(state.tracks.single().summary, substring = true).assertExists()
                onNodeWithText(strings.recordingImportGpx).assertHasClickAction().performClick()
                check(imports == 1) { "the GPX import was asked $imports times" }
                imports = 0
                onNodeWithText(strings.recordingPause).performClick()
                val paused = awaitState(recording.state) { it.recorder == RecorderState.PAUSED }
                waitForIdle()
                onNodeWithText(strings.recordingResume).assertExists()
                onNodeWithText(paused.status).assertExists()
            }
            screen.resume()
            awaitState(recording.state) { it.recorder == RecorderState.RECORDING }
        }
        screen.stop()
        awaitState(recording.state) { it.recorder == RecorderState.IDLE }
        recording.close()
        screen.close()
    }
}
