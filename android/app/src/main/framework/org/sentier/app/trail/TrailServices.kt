package org.sentier.app.trail

import android.content.Context
import java.io.File
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.combine
import kotlinx.coroutines.flow.distinctUntilChanged
import kotlinx.coroutines.flow.map
import org.sentier.app.CoreServices
import org.sentier.core.CatalogException
import org.sentier.core.ChoiceList
import org.sentier.core.Fix
import org.sentier.core.Language
import org.sentier.core.LocationRequest
import org.sentier.core.OngoingNotification
import org.sentier.core.Route
import org.sentier.core.SessionSettings
import org.sentier.core.SessionUpdate
import org.sentier.core.TrailException
import org.sentier.core.languageCode
import org.sentier.core.recordingLocationRequest
import org.sentier.ffi.Catalog
import org.sentier.ffi.RecorderScreen
import org.sentier.ffi.TrailSession
import org.sentier.ffi.TrekFollowScreen
import org.sentier.ffi.defaultFollowerConfig
import org.sentier.ffi.routeFromGpx
import org.sentier.ffi.trailErrorMessage
import org.sentier.presenter.FollowPresenter
import org.sentier.presenter.RecordingPresenter
import org.sentier.presenter.SettingsPresenter
import org.sentier.presenter.utcOffsetMinutes

/**
 * The trail side of the app, alive as long as its process: the trek followed
 * (on the map's banner, and in the core's [TrailSession] whose alerts, ongoing
 * text and battery mode the trail service applies), and the recorder shared
 * by the recording screen and the trail service (one store of tracks in the
 * app's files). The trail service hands every fix to [push].
 */
class TrailServices private constructor(
    val follow: FollowPresenter,
    val recording: RecordingPresenter,
    private val settings: SettingsPresenter,
) {
    /** The session of the route followed; null while none is. */
    private val sessions = MutableStateFlow<TrailSession?>(null)
    private val session: TrailSession?
        get() = sessions.value

    /** Whether a route is followed with the core's session (its ongoing notification is the session's). */
    val followingRoute: Boolean
        get() = session != null

    /** What is followed and recorded, as it starts and stops. */
    private val outing = combine(follow.state, recording.state, sessions) { followed, recorded, session ->
        Triple(followed.trekId, recorded.recorder.takeIf { recorded.active }, session)
    }.distinctUntilChanged()

    /** Whether a follow or a recording needs the device's fixes, as they start and stop. */
    val outingActive: Flow<Boolean> = outing.map { (trek, recorder, session) -> trek != null || recorder != null || session != null }
        .distinctUntilChanged()

    /** [locationRequest] as following and recording start, pause and stop (a fix may change it too). */
    val locationRequests: Flow<LocationRequest?> = outing.map { locationRequest() }.distinctUntilChanged()

    /**
     * Follows trek [id] of [catalog]: the map's banner, and a new session in
     * the hiker's language whose sensitive areas are filtered by the trek's
     * practice. Without the trek's details (a pack being replaced) the banner
     * still follows; the core's error says why there are no alerts.
     */
    fun followTrek(catalog: Catalog, id: Long): Result<Unit> {
        follow.screen.follow(catalog, id)
        val code = languageCode(settings.state.value.language)
        return startSession { session ->
            session.followTrek(
                catalog.trekDetail(id, code),
                catalog.choices(ChoiceList.SENSITIVE_AREA_PRACTICE, code),
                defaultFollowerConfig(),
            )
        }
    }

    /** Follows [route] (an imported GPX): alerts, ongoing notification and battery mode, without a trek's banner. */
    fun followRoute(route: Route): Result<Unit> {
        follow.screen.follow(null, 0)
        return startSession { session -> session.followRoute(route, defaultFollowerConfig()) }
    }

    /**
     * Follows the GPX document [gpx] (a file the hiker picked): its tracks, or
     * its routes when it has none; the core's typed error when it is not a
     * GPX with a line to follow.
     */
    fun followGpx(gpx: String): Result<Unit> = try {
        followRoute(routeFromGpx(gpx))
    } catch (error: TrailException) {
        Result.failure(error)
    }

    private fun startSession(follow: (TrailSession) -> Unit): Result<Unit> {
        stopSession()
        val now = System.currentTimeMillis()
        val current = settings.state.value
        val started = TrailSession(SessionSettings(current.language, current.units, utcOffsetMinutes(now), false))
        return try {
            follow(started)
            sessions.value = started
            Result.success(Unit)
        } catch (error: TrailException) {
            started.close()
            Result.failure(error)
        } catch (error: CatalogException) {
            started.close()
            Result.failure(error)
        }
    }

    /** Stops following: the banner and the session. */
    fun stopFollowing() {
        follow.screen.follow(null, 0)
        stopSession()
    }

    private fun stopSession() {
        session?.let {
            sessions.value = null
            it.close()
        }
    }

    /** The stop action of the ongoing notification: the follow and the recording (the track is kept). */
    fun stopOuting() {
        stopFollowing()
        if (recording.state.value.active) recording.screen.stop()
    }

    /**
     * One fix of the device: to the map's banner while a trek is followed, to
     * the recorder while a track is open, to the session while a route is
     * followed; the session's update (notifications to post and withdraw, the
     * ongoing text when due, a new location request), null without a session.
     */
    fun push(fix: Fix): SessionUpdate? {
        val at = fix.timestampMs ?: System.currentTimeMillis()
        if (follow.state.value.trekId != null) follow.screen.pushFix(fix, utcOffsetMinutes(at))
        if (recording.state.value.active) recording.screen.pushFixes(listOf(fix))
        return try {
            session?.pushFix(fix)
        } catch (error: TrailException) {
            // The session records nothing (the recording screen's recorder does): an error here loses no fix.
            null
        }
    }

    /** What to ask the device for now, from the core's battery modes; null: no fixes needed. */
    fun locationRequest(): LocationRequest? =
        session?.locationRequest() ?: recordingLocationRequest(recording.state.value.recorder)

    /**
     * The ongoing notification now: the session's (distance left, arrival)
     * while following, else the recording's figures in [recordingTitle]
     * beside [stopLabel]; null when neither runs.
     */
    fun ongoing(ongoingChannel: String, recordingTitle: String, stopLabel: String): OngoingNotification? =
        session?.ongoing() ?: recording.state.value.takeIf { it.active }?.let { state ->
            OngoingNotification(ongoingChannel, recordingTitle, state.summary ?: state.status, stopLabel)
        }

    companion object {
        /** Opens the tracks store; the core's error when it cannot be opened. */
        fun open(context: Context, settings: SettingsPresenter): Result<TrailServices> {
            val folder = CoreServices.folder(context)
            val store = File(folder, "tracks.sqlite").path
            val exports = context.exportsFolder().path
            val now = System.currentTimeMillis()
            return try {
                Result.success(
                    TrailServices(
                        follow = FollowPresenter(TrekFollowScreen.open(settings.screen)),
                        recording = RecordingPresenter(RecorderScreen.open(store, settings.screen, exports, utcOffsetMinutes(now))),
                        settings = settings,
                    ),
                )
            } catch (error: TrailException) {
                Result.failure(error)
            }
        }

        /** The core's words for why [open] failed. */
        fun describe(error: Throwable, language: Language): String =
            if (error is TrailException) trailErrorMessage(error, language) else throw error
    }
}

/** Where the core writes GPX files for sharing (the `exports` cache path of file_paths.xml). */
fun Context.exportsFolder(): File = File(cacheDir, "exports")
