package org.sentier.app

import android.app.NotificationManager
import android.location.LocationManager
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Test
import org.sentier.app.recording.AndroidLocationRequest
import org.sentier.app.recording.toAndroid
import org.sentier.app.trail.ongoingChannelId
import org.sentier.app.trail.trailChannelSpecs
import org.sentier.core.AlertKind
import org.sentier.core.BatteryMode
import org.sentier.core.Language
import org.sentier.core.RecorderState
import org.sentier.core.VibrationPattern
import org.sentier.core.batteryModes
import org.sentier.core.recordingLocationRequest
import org.sentier.core.trailNotificationChannels
import org.sentier.core.vibrationTimingsMs
import android.location.LocationRequest as PlatformRequest

/**
 * What the trail service hands Android, from the core's descriptions: its
 * notification channels (one per kind of alert, each with the core's words,
 * importance and vibration) and its location requests (the core's battery
 * modes as providers, intervals and qualities).
 */
class TrailServiceMappingTest {
    @Test
    fun eachKindOfAlertHasItsChannelWithTheCoresWordsImportanceAndVibration() {
        val core = trailNotificationChannels(Language.FRENCH)
        val specs = trailChannelSpecs(Language.FRENCH).associateBy { it.id }
        assertEquals(AlertKind.entries.size + 1, specs.size, "one channel per kind of alert, and the ongoing one")
        val offRoute = specs.getValue(core.single { it.kind == AlertKind.OFF_ROUTE }.id)
        assertEquals("Hors du parcours", offRoute.name)
        assertEquals(NotificationManager.IMPORTANCE_HIGH, offRoute.importance, "off the trek is a heads-up")
        assertEquals(vibrationTimingsMs(VibrationPattern.ALARM), offRoute.vibration, "felt through a pocket")
        for (channel in core) {
            val spec = specs.getValue(channel.id)
            assertEquals(channel.description, spec.description)
            assertEquals(vibrationTimingsMs(channel.vibration).ifEmpty { null }, spec.vibration, channel.id)
        }
        val ongoing = specs.getValue(ongoingChannelId(Language.FRENCH))
        assertEquals(NotificationManager.IMPORTANCE_LOW, ongoing.importance, "the ongoing notification makes no sound")
        assertNull(ongoing.vibration)
    }

    @Test
    fun eachBatteryModeIsTheLocationRequestAndroidApplies() {
        val requests = batteryModes().associateBy { it.mode }
        val gps = LocationManager.GPS_PROVIDER
        val high = PlatformRequest.QUALITY_HIGH_ACCURACY
        assertEquals(AndroidLocationRequest(gps, 1_000, 0f, high), requests.getValue(BatteryMode.OFF_ROUTE).toAndroid(fusedProvider = true))
        assertEquals(AndroidLocationRequest(gps, 2_000, 0f, high), requests.getValue(BatteryMode.RECORDING).toAndroid(fusedProvider = true))
        assertEquals(AndroidLocationRequest(gps, 4_000, 0f, high), requests.getValue(BatteryMode.FOLLOWING_ON_ROUTE).toAndroid(fusedProvider = true))
        val stopped = requests.getValue(BatteryMode.STOPPED)
        val balanced = PlatformRequest.QUALITY_BALANCED_POWER_ACCURACY
        assertEquals(AndroidLocationRequest(LocationManager.FUSED_PROVIDER, 20_000, 10f, balanced), stopped.toAndroid(fusedProvider = true))
        // Before Android 12: the GPS, at the stopped mode's slow pace.
        assertEquals(AndroidLocationRequest(gps, 20_000, 10f, balanced), stopped.toAndroid(fusedProvider = false))
    }

    @Test
    fun aRecordingAloneAsksForATrackAndNothingOncePaused() {
        assertEquals(BatteryMode.RECORDING, recordingLocationRequest(RecorderState.RECORDING)?.mode)
        assertEquals(BatteryMode.STOPPED, recordingLocationRequest(RecorderState.AUTO_PAUSED)?.mode)
        assertNull(recordingLocationRequest(RecorderState.PAUSED))
    }
}
