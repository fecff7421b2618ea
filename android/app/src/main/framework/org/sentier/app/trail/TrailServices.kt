package org.sentier.app.trail

import android.content.Context
import java.io.File
import org.sentier.app.CoreServices
import org.sentier.core.Language
import org.sentier.core.TrailException
import org.sentier.ffi.RecorderScreen
import org.sentier.ffi.TrekFollowScreen
import org.sentier.ffi.trailErrorMessage
import org.sentier.presenter.FollowPresenter
import org.sentier.presenter.RecordingPresenter
import org.sentier.presenter.SettingsPresenter
import org.sentier.presenter.utcOffsetMinutes

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
