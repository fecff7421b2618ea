package org.sentier

import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.test.runTest
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import org.sentier.core.Detour
import org.sentier.core.FixOutcome
import org.sentier.core.FollowStatus
import org.sentier.core.FollowerEvent
import org.sentier.core.RecorderState
import org.sentier.core.TrackStats
import org.sentier.ffi.RecorderListener
import org.sentier.ffi.TrackLibrary
import org.sentier.ffi.TrackRecorder
import org.sentier.ffi.defaultRecorderConfig
import org.sentier.ffi.routeFromGpx
import org.sentier.ffi.simulateWalk
import org.sentier.ffi.walkSimulation
import java.nio.file.Path

/** Replays walks through the bindings: following with a detour, and recording. */
class TrailTest {
    private val trekGpx: String = straightTrekGpx("Glacier Blanc", climbPerVertexM = 3)

    @Test
    fun aDetourGivesOffRouteThenBackOnRouteThenArrival() = runTest {
        val route = routeFromGpx(trekGpx)
        assertEquals("Glacier Blanc", route.name)
        val detour = Detour(atM = 1_000.0, lengthM = 500.0, offsetM = 150.0)
        val fixes = simulateWalk(route.line, walkSimulation(7uL).copy(detours = listOf(detour)))

        val following = TrailFollowing(route)
        fixes.forEach { following.push(it) }
        assertEquals(FollowStatus.ARRIVED, following.state.status)
        following.close()

        val changes = following.events.toList().filter { it !is FollowerEvent.PointAhead }
        assertEquals(3, changes.size, "events: $changes")
        assertTrue(changes[0] is FollowerEvent.OffRoute, "events: $changes")
        assertEquals(FollowerEvent.BackOnRoute, changes[1])
        assertEquals(FollowerEvent.Arrived, changes[2])
    }

    @Test
    fun recordingReportsStatsAndSavesTheTrack(@TempDir dir: Path) {
        val store = dir.resolve("tracks.sqlite").toString()
        val route = routeFromGpx(trekGpx)
        val fixes = simulateWalk(route.line, walkSimulation(3uL))
        val states = mutableListOf<RecorderState>()
        var lastStats: TrackStats? = null

        val recorder = TrackRecorder(store, defaultRecorderConfig())
        recorder.setListener(object : RecorderListener {
            override fun onStats(stats: TrackStats) {
                lastStats = stats
            }

            override fun onState(state: RecorderState) {
                states.add(state)
            }
        })
        val track = recorder.start("Glacier Blanc")
        val outcomes = recorder.pushFixes(fixes)
        val summary = recorder.stop()
        recorder.close()

        assertEquals(listOf(RecorderState.RECORDING, RecorderState.IDLE), states)
        val recorded = outcomes.count { it is FixOutcome.Recorded }
        assertEquals(recorded.toULong(), summary.stats.pointCount)
        assertEquals(summary.stats, lastStats)
        assertTrue(summary.stats.ascentM in 400.0..500.0, "ascent ${summary.stats.ascentM}")

        val library = TrackLibrary(store)
        assertEquals(listOf(track), library.list().map { it.id })
        val gpx = dir.resolve("export.gpx").toString()
        library.exportGpx(track, gpx)
        val imported = library.importGpx(gpx, "again")
        assertEquals(recorded, library.points(imported).size)
        library.delete(track)
        assertEquals(listOf(imported), library.list().map { it.id })
        library.close()
    }
}
