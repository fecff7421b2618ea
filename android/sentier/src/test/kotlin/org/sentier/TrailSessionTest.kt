package org.sentier

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import java.nio.file.Files
import java.nio.file.Path
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import org.junit.jupiter.api.io.TempDir
import org.sentier.core.AlertKind
import org.sentier.core.BatteryMode
import org.sentier.core.Detour
import org.sentier.core.Fix
import org.sentier.core.Language
import org.sentier.core.SessionSettings
import org.sentier.core.TrailException
import org.sentier.core.TrailNotification
import org.sentier.core.UnitSystem
import org.sentier.core.VibrationPattern
import org.sentier.core.batteryModes
import org.sentier.core.trailNotificationChannels
import org.sentier.ffi.TrailSession
import org.sentier.ffi.defaultFollowerConfig
import org.sentier.ffi.routeFromGpx
import org.sentier.ffi.simulateWalk
import org.sentier.ffi.walkSimulation

/**
 * The trail session through the bindings, as the trail service drives it: a
 * replayed walk with a detour gives the notifications the phone posts,
 * worded by the core in the hiker's language, one per episode.
 */
class TrailSessionTest {
    private val straightGpx: String = straightTrekGpx("Lac du Pontet")

    private fun replay(language: Language): Pair<List<TrailNotification>, List<BatteryMode>> {
        val route = routeFromGpx(straightGpx)
        val walk = walkSimulation(11uL).copy(detours = listOf(Detour(atM = 1_500.0, lengthM = 400.0, offsetM = -130.0)))
        val fixes = simulateWalk(route.line, walk)
        TrailSession(SessionSettings(language, UnitSystem.METRIC, 60, false)).use { session ->
            session.followRoute(route, defaultFollowerConfig())
            // In batches, as the platform delivers them after a while in the background.
            val updates = fixes.chunked(30).flatMap { session.pushFixes(it) }
            return updates.flatMap { it.notifications } to updates.mapNotNull { it.locationRequest?.mode }
        }
    }

    @Test
    fun aDetourIsOneOffTheTrekAlertThenBackOnItThenTheArrival() {
        val (notifications, modes) = replay(Language.ENGLISH)
        assertEquals(
            listOf(AlertKind.OFF_ROUTE, AlertKind.BACK_ON_ROUTE, AlertKind.ARRIVAL),
            notifications.map { it.kind },
        )
        val (off, back, arrival) = notifications
        assertTrue(off.title.startsWith("Off the trek by "), off.title)
        assertEquals("Lac du Pontet: head back to the trek. The way back is shown on the map.", off.body)
        assertEquals(VibrationPattern.ALARM, off.vibration)
        assertEquals("route", off.tag)
        assertEquals(off.tag, back.tag, "back on the trek replaces the off-the-trek notification")
        assertEquals("Back on the trek", back.title)
        assertEquals("Arrived: Lac du Pontet", arrival.title)
        assertTrue(arrival.body.endsWith("Well done!"), arrival.body)
        assertEquals(listOf(BatteryMode.FOLLOWING_ON_ROUTE, BatteryMode.OFF_ROUTE, BatteryMode.FOLLOWING_ON_ROUTE), modes.take(3))
    }

    @Test
    fun theSameWalkIsToldInFrench() {
        val (notifications, _) = replay(Language.FRENCH)
        assertTrue(notifications[0].title.startsWith("Hors du parcours de "), notifications[0].title)
        assertEquals("De retour sur le parcours", notifications[1].title)
        assertEquals("Arrivée : Lac du Pontet", notifications[2].title)
    }

    @Test
    fun channelsAndBatteryModesComeFromTheCore() {
        val channels = trailNotificationChannels(Language.FRENCH)
        assertEquals(AlertKind.values().size + 1, channels.size, "one per kind of alert and the ongoing one")
        assertEquals("Hors du parcours", channels.first { it.kind == AlertKind.OFF_ROUTE }.name)
        assertEquals(listOf(3600u, 1800u, 900u, 180u), batteryModes().map { it.fixesPerHour })
    }

    /**
     * A GPX the hiker picked in the file picker, as the app's import reads it
     * (the file's bytes to the core): followed at once, its first fix gives
     * the follower's state and the ongoing notification with the distance left.
     */
    @Test
    fun anImportedGpxFileIsFollowedFromItsFirstFix(@TempDir folder: Path) {
        val file = folder.resolve("picked.gpx")
        Files.writeString(file, straightTrekGpx("Boucle importée"))
        val route = routeFromGpx(Files.readAllBytes(file).decodeToString())
        assertEquals("Boucle importée", route.name)
        TrailSession(SessionSettings(Language.ENGLISH, UnitSystem.METRIC, 60, false)).use { session ->
            session.followRoute(route, defaultFollowerConfig())
            val start = route.line.first()
            val update = session.pushFix(Fix(start.lat, start.lon, null, 5.0, null, 1.2, 0.0, System.currentTimeMillis()))
            val follow = checkNotNull(update.follow) { "no follower state after the first fix" }
            assertTrue(follow.distanceRemainingM > 2_900.0, "${follow.distanceRemainingM} m left at the start of a 3 km line")
            val ongoing = checkNotNull(update.ongoing) { "the first fix gives the ongoing notification" }
            assertTrue(ongoing.title.contains("Boucle importée"), ongoing.title)
            assertTrue(ongoing.text.contains("km"), ongoing.text)
            assertEquals(BatteryMode.FOLLOWING_ON_ROUTE, session.locationRequest()?.mode)
        }
    }

    @Test
    fun aFileThatIsNotAGpxIsRefusedWithTheCoresError() {
        assertThrows<TrailException> { routeFromGpx("%PDF-1.7 not a track") }
    }
}
