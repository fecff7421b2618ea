package org.sentier.app.report

import android.content.Context
import android.net.Uri
import androidx.core.content.FileProvider
import java.io.File
import java.io.IOException
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext

/**
 * The files photos go through on their way to the core, which reads them by
 * path: the camera writes into one (shared through the app's FileProvider),
 * gallery picks are copied into one. The core keeps its own copy; these are
 * deleted once it has read them.
 */
class PhotoFiles(private val context: Context) {
    /** `cache/camera/`, declared in res/xml/file_paths.xml. */
    private val folder = File(context.cacheDir, "camera")

    /** A new file for the camera to write, and the uri to hand it. */
    fun forCamera(): Pair<File, Uri> {
        folder.mkdirs()
        val file = File.createTempFile("photo", ".jpg", folder)
        return file to FileProvider.getUriForFile(context, "${context.packageName}.files", file)
    }

    /** A copy of the picked photo at [uri]; null when it cannot be read. */
    suspend fun copy(uri: Uri): File? = withContext(Dispatchers.IO) {
        folder.mkdirs()
        val file = File.createTempFile("picked", null, folder)
        try {
            val input = context.contentResolver.openInputStream(uri) ?: throw IOException("no content at $uri")
            input.use { source -> file.outputStream().use { source.copyTo(it) } }
            file
        } catch (error: IOException) {
            file.delete()
            null
        } catch (revoked: SecurityException) {
            file.delete()
            null
        }
    }
}
