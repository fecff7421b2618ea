package org.sentier.app.trail

import android.Manifest
import android.content.pm.PackageManager
import android.widget.Toast
import androidx.activity.compose.rememberLauncherForActivityResult
import androidx.activity.result.contract.ActivityResultContracts
import androidx.compose.runtime.Composable
import androidx.compose.runtime.rememberCoroutineScope
import androidx.compose.ui.platform.LocalContext
import java.io.IOException
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import org.sentier.app.R
import org.sentier.presenter.SettingsPresenter

/**
 * The types the file picker offers: GPX has no type every phone knows, so
 * file managers often call it XML or plain bytes; the core refuses what is
 * not a GPX, in the hiker's words.
 */
private val GPX_TYPES = arrayOf("application/gpx+xml", "application/xml", "text/xml", "application/octet-stream")

/**
 * Opens the system's file picker for a GPX to follow: the file is read off
 * the main thread and handed to the core ([TrailServices.followGpx]), then the
 * trail service follows it (alerts, the ongoing notification with distance
 * left and arrival) once precise location is granted. A file that cannot be
 * read, or is not a GPX, is said in a toast, in the core's words for the latter.
 */
@Composable
fun rememberGpxImport(trail: TrailServices, settings: SettingsPresenter): () -> Unit {
    val context = LocalContext.current
    val scope = rememberCoroutineScope()
    val location = rememberLauncherForActivityResult(ActivityResultContracts.RequestPermission()) { granted ->
        if (granted) TrailService.start(context)
    }
    val picker = rememberLauncherForActivityResult(ActivityResultContracts.OpenDocument()) { uri ->
        if (uri == null) return@rememberLauncherForActivityResult
        scope.launch {
            val gpx = withContext(Dispatchers.IO) {
                try {
                    context.contentResolver.openInputStream(uri)?.use { it.readBytes().decodeToString() }
                } catch (unreadable: IOException) {
                    null
                } catch (revoked: SecurityException) {
                    null
                }
            }
            if (gpx == null) {
                Toast.makeText(context, R.string.recording_import_unreadable, Toast.LENGTH_LONG).show()
                return@launch
            }
            trail.followGpx(gpx).onSuccess {
                if (context.checkSelfPermission(Manifest.permission.ACCESS_FINE_LOCATION) == PackageManager.PERMISSION_GRANTED) {
                    TrailService.start(context)
                } else {
                    location.launch(Manifest.permission.ACCESS_FINE_LOCATION)
                }
            }.onFailure { error ->
                val message = TrailServices.describe(error, settings.state.value.language)
                Toast.makeText(context, message, Toast.LENGTH_LONG).show()
            }
        }
    }
    return { picker.launch(GPX_TYPES) }
}
