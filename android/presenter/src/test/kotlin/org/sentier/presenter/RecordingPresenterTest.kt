package org.sentier.presenter

import java.io.File
import java.nio.file.Path
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.cancel
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.test.StandardTestDispatcher
import kotlinx.coroutines.test.TestScope
import kotlinx.coroutines.test.advanceUntilIdle
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import org.sentier.core.Language
import org.sentier.core.MeasureFormatter
import org.sentier.core.Position
import org.sentier.core.RecorderConfig
import org.sentier.core.RecorderState
import org.sentier.core.UnitSystem
import org.sentier.ffi.TrackLibrary
import org.sentier.ffi.defaultRecorderConfig
import org.sentier.ffi.simulateWalk
import org.sentier.ffi.walkSimulation

/** The recording screen and service state over the core's recorder on a temporary store. */
class RecordingPresenterTest {
    /** 3 km north from the Pré de Madame Carle, climbing 450 m. */
    private val line = (0..150).map { Position(lat = 44.92 + it * 20.0 / 111_195.0, lng = 6.40, ele = 1874.0 + it * 3) }
    private val walk = simulateWalk(line, walkSimulation(3uL))
    private val measures = MeasureFormatter(UnitSystem.METRIC, "en")

    private fun TestScope.presenter(dir: Path, scope: CoroutineScope, config: () -> RecorderConfig = ::defaultRecorderConfig) =
        RecordingPresenter(
            dir.resolve("tracks.sqlite").toString(),
            TrackLibrary(dir.resolve("tracks.sqlite").toString()),
            config,
            MutableStateFlow(measures),
            { Language.ENGLISH },
            scope,
            StandardTestDispatcher(testScheduler),
        )

    @Test
    fun aRecordingShowsLiveStatsThenJoinsTheTracks(@TempDir dir: Path) = runTest { scope ->
        val presenter = presenter(dir, scope)
        presenter.start("Glacier Blanc")
        walk.take(walk.size / 2).forEach(presenter::push)
        advanceUntilIdle()
        assertEquals(RecorderState.RECORDING, presenter.state.value.recorder)
        assertTrue(presenter.state.value.active)
        assertNotNull(presenter.state.value.stats)

        presenter.pause()
        advanceUntilIdle()
        assertEquals(RecorderState.PAUSED, presenter.state.value.recorder)
        presenter.resume()
        walk.drop(walk.size / 2).forEach(presenter::push)
        presenter.stop()
        advanceUntilIdle()

        val state = presenter.state.value
        assertEquals(RecorderState.IDLE, state.recorder)
        assertNull(state.stats)
        val track = state.tracks.single()
        assertEquals("Glacier Blanc", track.name)
        assertTrue(track.distance.endsWith(" km"), track.distance)
    }

    @Test
    fun aTrackIsExportedAsGpxAndDeleted(@TempDir dir: Path) = runTest { scope ->
        val presenter = presenter(dir, scope)
        presenter.start()
        walk.forEach(presenter::push)
        presenter.stop()
        advanceUntilIdle()
        val track = presenter.state.value.tracks.single()
        assertTrue(Regex("""Hike of \d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d""").matches(track.name), "named by the core: ${track.name}")

        presenter.exportGpx(track.id, File(dir.toFile(), "exports"))
        advanceUntilIdle()
        val file = presenter.state.value.exported
        assertNotNull(file)
        assertTrue(file!!.readText().contains("<trkpt"))
        presenter.shared()
        assertNull(presenter.state.value.exported)

        presenter.delete(track.id)
        advanceUntilIdle()
        assertEquals(emptyList<TrackRow>(), presenter.state.value.tracks)
    }

    @Test
    fun theSettingsAccuracyFilterReachesTheRecorder(@TempDir dir: Path) = runTest { scope ->
        val strict = defaultRecorderConfig().let { it.copy(filter = it.filter.copy(maxAccuracyM = 0.01)) }
        val presenter = presenter(dir, scope) { strict }
        presenter.start("Nothing accurate enough")
        walk.forEach(presenter::push)
        presenter.stop()
        advanceUntilIdle()

        assertEquals(measures.distance(0.0), presenter.state.value.tracks.single().distance)
    }

    @Test
    fun aRecordingLeftOpenIsRecoveredPaused(@TempDir dir: Path) = runTest { scope ->
        val killed = presenter(dir, scope)
        killed.start("Interrupted")
        walk.take(20).forEach(killed::push)
        // A killed process releases the store's lock; in one JVM, the presenter lets go.
        killed.close()
        advanceUntilIdle()

        val relaunched = presenter(dir, scope)
        advanceUntilIdle()
        assertEquals(RecorderState.PAUSED, relaunched.state.value.recorder)
        relaunched.resume()
        advanceUntilIdle()
        assertEquals(RecorderState.RECORDING, relaunched.state.value.recorder)
    }

    private fun runTest(body: suspend TestScope.(CoroutineScope) -> Unit) = kotlinx.coroutines.test.runTest {
        val scope = CoroutineScope(coroutineContext + Job())
        body(scope)
        scope.cancel()
    }
}
