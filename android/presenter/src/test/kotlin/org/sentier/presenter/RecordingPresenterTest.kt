package org.sentier.presenter

import java.io.File
import java.nio.file.Path
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import org.sentier.core.LatLon
import org.sentier.core.RecorderState
import org.sentier.core.RecordingControl
import org.sentier.core.RecordingState
import org.sentier.ffi.RecorderScreen
import org.sentier.ffi.SettingsScreen
import org.sentier.ffi.simulateWalk
import org.sentier.ffi.walkSimulation

/** The core's recording screen through the adapter, on a temporary track store. */
class RecordingPresenterTest {
    /** 3 km north from the Pré de Madame Carle, climbing 450 m. */
    private val line = (0..150).map { LatLon(lat = 44.92 + it * 20.0 / 111_195.0, lon = 6.40, ele = 1874.0 + it * 3) }
    private val walk = simulateWalk(line, walkSimulation(3uL))

    private fun settings(dir: Path) = SettingsScreen.open(dir.toString(), listOf("en"))

    private fun open(dir: Path, settings: SettingsScreen = settings(dir)) = RecordingPresenter(
        RecorderScreen.open(dir.resolve("tracks.sqlite").toString(), settings, dir.resolve("exports").toString(), 0),
    )

    /** The state once every action asked so far shows in the flow. */
    private fun RecordingPresenter.settled(): RecordingState = runBlocking {
        withTimeout(30_000) {
            screen.settled()
            val now = screen.state()
            state.first { it == now }
        }
    }

    @Test
    fun aRecordingShowsLiveFiguresThenJoinsTheTracks(@TempDir dir: Path) {
        val presenter = open(dir)
        assertEquals(listOf(RecordingControl.START), presenter.settled().controls)
        presenter.start("Glacier Blanc")
        presenter.screen.pushFixes(walk.take(walk.size / 2))
        val recording = presenter.settled()
        assertEquals(RecorderState.RECORDING, recording.recorder)
        assertTrue(recording.active)
        assertEquals(listOf(RecordingControl.PAUSE, RecordingControl.STOP), recording.controls)
        assertEquals("Distance", recording.figures.first().label)

        presenter.screen.pause()
        assertEquals(RecorderState.PAUSED, presenter.settled().recorder)
        presenter.screen.resume()
        presenter.screen.pushFixes(walk.drop(walk.size / 2))
        presenter.screen.stop()

        val state = presenter.settled()
        assertEquals(RecorderState.IDLE, state.recorder)
        assertTrue(state.figures.isEmpty())
        val track = state.tracks.single()
        assertEquals("Glacier Blanc", track.name)
        assertTrue(track.summary.contains(" km · "), track.summary)
    }

    @Test
    fun aTrackIsRenamedExportedAsGpxAndDeleted(@TempDir dir: Path) {
        val presenter = open(dir)
        presenter.start()
        presenter.screen.pushFixes(walk)
        presenter.screen.stop()
        val track = presenter.settled().tracks.single()
        assertTrue(Regex("""Hike of \d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d""").matches(track.name), "named by the core: ${track.name}")

        presenter.screen.rename(track.id, "Lac de l'Eychauda")
        presenter.screen.exportGpx(track.id)
        val exported = presenter.settled()
        assertEquals("Lac de l'Eychauda", exported.tracks.single().name)
        assertNotNull(exported.gpxFile)
        val file = File(exported.gpxFile!!)
        assertEquals("Lac de l'Eychauda.gpx", file.name)
        assertTrue(file.readText().contains("<trkpt"))
        presenter.screen.shared()
        assertNull(presenter.settled().gpxFile)

        presenter.screen.delete(track.id)
        assertEquals(emptyList<Any>(), presenter.settled().tracks)
    }

    @Test
    fun theSettingsAccuracyFilterReachesTheNextRecording(@TempDir dir: Path) {
        val settings = settings(dir)
        val presenter = open(dir, settings)
        settings.setRecordingMaxAccuracy(0.01)
        presenter.start("Nothing accurate enough")
        presenter.screen.pushFixes(walk)
        presenter.screen.stop()

        val track = presenter.settled().tracks.single()
        assertTrue(track.summary.startsWith("0 m · "), track.summary)
    }

    @Test
    fun aRecordingLeftOpenIsRecoveredPausedAndSaidSo(@TempDir dir: Path) {
        val killed = open(dir)
        killed.start("Interrupted")
        killed.screen.pushFixes(walk.take(20))
        killed.settled()
        killed.close()
        killed.screen.close()

        val relaunched = open(dir)
        val recovered = relaunched.settled()
        assertEquals(RecorderState.PAUSED, recovered.recorder)
        assertEquals("Interrupted", recovered.trackName)
        assertNotNull(recovered.recovered)
        relaunched.screen.resume()
        assertEquals(RecorderState.RECORDING, relaunched.settled().recorder)
    }
}
