package org.sentier

import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import org.sentier.core.FixOutcome
import org.sentier.core.Stop
import org.sentier.ffi.TrackRecorder
import org.sentier.ffi.defaultRecorderConfig
import org.sentier.ffi.routeFromGpx
import org.sentier.ffi.simulateWalk
import org.sentier.ffi.walkSimulation
import java.nio.file.Path
import kotlin.math.abs

/**
 * A noisy walk replayed through the bindings as the recording service pushes
 * fixes: the recorder's distance is the walked one, not the GPS jitter's.
 */
class NoisyWalkTest {
    private val straightGpx: String = straightTrekGpx("Straight")

    @Test
    fun theRecordedDistanceOfANoisyWalkIsWithinFivePercentOfTheTruth(@TempDir dir: Path) {
        val route = routeFromGpx(straightGpx)
        val truthM = 3_000.0
        for (seed in 1uL..3uL) {
            // Typical phone noise, and a five-minute halt at 1 km where the fixes wander.
            val walk = walkSimulation(seed).copy(stops = listOf(Stop(atM = 1_000.0, durationS = 300.0)))
            val fixes = simulateWalk(route.line, walk)
            val recorder = TrackRecorder(dir.resolve("tracks-$seed.sqlite").toString(), defaultRecorderConfig())
            recorder.start("noisy walk")
            // In batches, as the platform delivers them after a while in the background.
            val recorded = fixes.chunked(30).sumOf { batch -> recorder.pushFixes(batch).count { it is FixOutcome.Recorded } }
            val stats = recorder.stop().stats
            recorder.close()

            assertTrue(recorded > 100, "seed $seed: $recorded points recorded")
            val error = abs(stats.distance2dM - truthM) / truthM
            assertTrue(error <= 0.05, "seed $seed: ${stats.distance2dM} m recorded for $truthM m walked")
        }
    }
}
