package org.sentier.app

import android.content.Context
import java.io.File
import org.sentier.app.secrets.KeystoreSecretStorage
import org.sentier.core.Language
import org.sentier.core.PackException
import org.sentier.core.ReportException
import org.sentier.ffi.OfflineMap
import org.sentier.ffi.Packs
import org.sentier.ffi.Reports
import org.sentier.ffi.packErrorMessage
import org.sentier.ffi.reportErrorMessage

/** The core's stores of the app, opened once from its private data folder. */
class CoreServices private constructor(
    val packs: Packs,
    val reports: Reports,
    /** The loopback tile server MapLibre reads the pack in use's map from. */
    val map: OfflineMap,
) {
    companion object {
        /** The app's data folder, where the core keeps its stores and settings. */
        fun folder(context: Context): File = File(context.filesDir, "sentier").apply { mkdirs() }

        /** Opens the stores in the app's files folder; the core's error if one cannot be opened. */
        fun open(context: Context): Result<CoreServices> {
            val folder = folder(context)
            return try {
                Result.success(
                    CoreServices(
                        packs = Packs.open(folder.path),
                        reports = Reports.open(File(folder, "outbox.sqlite").path, KeystoreSecretStorage(context)),
                        map = OfflineMap(),
                    ),
                )
            } catch (error: PackException) {
                Result.failure(error)
            } catch (error: ReportException) {
                Result.failure(error)
            }
        }

        /** The core's words for why [open] failed. */
        fun describe(error: Throwable, language: Language): String = when (error) {
            is PackException -> packErrorMessage(error, language)
            is ReportException -> reportErrorMessage(error, language)
            else -> throw error
        }
    }
}
