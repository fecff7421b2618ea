package org.sentier.app.trail

import android.content.Context
import java.io.File
import kotlinx.coroutines.CoroutineScope
import org.sentier.app.CoreServices
import org.sentier.core.Language
import org.sentier.core.TrailException
import org.sentier.ffi.TrackLibrary
import org.sentier.ffi.TrekFollowScreen
import org.sentier.ffi.trailErrorMessage
import org.sentier.presenter.FollowPresenter
import org.sentier.presenter.RecordingPresenter
import org.sentier.presenter.SettingsPresenter

/**
 * The trail side of the app, alive as long as its process: the trek followed
 * on the map, and the recorder shared by the recording screen and the
 * recording service (one store of tracks in the app's files).
 */
class TrailServices private constructor(
    val follow: FollowPresenter,
    val recording: RecordingPresenter,
) {
    companion object {
        /** Opens the tracks store; the core's error when it cannot be opened. */
        fun open(context: Context, settings: SettingsPresenter, scope: CoroutineScope): Result<TrailServices> {
            val store = File(CoreServices.folder(context), "tracks.sqlite").path
            val language = { settings.state.value.language }
            return try {
                Result.success(
                    TrailServices(
                        follow = FollowPresenter(TrekFollowScreen.open(settings.screen)),
                        recording = RecordingPresenter(store, TrackLibrary(store), settings.screen::recorderConfig, settings.measures, language, scope),
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
