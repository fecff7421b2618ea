package org.sentier.app.report

import android.content.pm.PackageManager
import androidx.activity.compose.rememberLauncherForActivityResult
import androidx.activity.result.PickVisualMediaRequest
import androidx.activity.result.contract.ActivityResultContracts
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.outlined.CloudOff
import androidx.compose.material.icons.outlined.Download
import androidx.compose.material.icons.outlined.ErrorOutline
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.rememberCoroutineScope
import androidx.compose.runtime.saveable.rememberSaveable
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalContext
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import java.io.File
import kotlinx.coroutines.launch
import org.sentier.app.AppServices
import org.sentier.app.outbox.OutboxSyncWorker
import org.sentier.app.recording.lastKnownLocation
import org.sentier.app.recording.locationPermissions
import org.sentier.app.trail.rememberPackInUse
import org.sentier.app.ui.LocalStrings
import org.sentier.app.ui.MissingPrerequisite
import org.sentier.app.ui.rememberPresenter
import org.sentier.core.LatLon
import org.sentier.ffi.ReportComposerScreen
import org.sentier.presenter.OutboxPresenter
import org.sentier.presenter.ReportPresenter

/**
 * The report form over the core's composer for the pack in use and the
 * territory's Geotrek-admin, or what is missing for it; the device's part
 * (position, gallery, camera) is done here.
 */
@Composable
fun ReportRoute(
    services: AppServices,
    onOpenOutbox: () -> Unit,
    onOpenPacks: () -> Unit,
    onOpenSettings: () -> Unit,
    modifier: Modifier = Modifier,
) {
    val strings = LocalStrings.current
    val core = services.core
    if (core == null) {
        MissingPrerequisite(Icons.Outlined.ErrorOutline, strings.reportUnavailable, services.coreError.orEmpty(), modifier)
        return
    }
    val pack = rememberPackInUse(services)
    val reportsServer = services.settings.reportsServerUrl.collectAsStateWithLifecycle().value
    when {
        pack == null -> MissingPrerequisite(
            Icons.Outlined.Download, strings.reportNoPack, strings.reportNoPackMessage, modifier, strings.reportOpenPacks, onOpenPacks,
        )
        reportsServer == null -> MissingPrerequisite(
            Icons.Outlined.CloudOff, strings.reportNoServer, strings.reportNoServerMessage, modifier, strings.settingsTitle, onOpenSettings,
        )
        else -> {
            val presenter = rememberPresenter("report:${pack.pack.id}:$reportsServer") {
                ReportPresenter(ReportComposerScreen.open(core.reports, pack.catalog, services.settings.screen, reportsServer))
            }
            ReportForm(presenter, onOpenOutbox, modifier)
        }
    }
}

@Composable
private fun ReportForm(presenter: ReportPresenter, onOpenOutbox: () -> Unit, modifier: Modifier) {
    val state by presenter.state.collectAsStateWithLifecycle()
    val form = presenter.screen
    val context = LocalContext.current
    val files = remember { PhotoFiles(context) }
    val scope = rememberCoroutineScope()
    var unreadable by remember { mutableStateOf(false) }
    var cameraFile by rememberSaveable { mutableStateOf<String?>(null) }

    val locate = rememberLauncherForActivityResult(ActivityResultContracts.RequestMultiplePermissions()) {
        form.refresh(context.lastKnownLocation()?.let { LatLon(it.latitude, it.longitude) })
    }
    LaunchedEffect(form) { locate.launch(locationPermissions) }
    LaunchedEffect(state.queued) {
        if (state.queued) OutboxSyncWorker.deliverSoon(context)
    }
    val takePicture = rememberLauncherForActivityResult(ActivityResultContracts.TakePicture()) { saved ->
        val path = cameraFile ?: return@rememberLauncherForActivityResult
        cameraFile = null
        // The core copies the photo at once; the camera's file goes once it has.
        if (saved) form.addPhoto(path)
        scope.launch {
            form.settled()
            File(path).delete()
        }
    }
    val pickPhotos = rememberLauncherForActivityResult(ActivityResultContracts.PickMultipleVisualMedia()) { uris ->
        scope.launch {
            for (uri in uris) {
                val copy = files.copy(uri)
                unreadable = copy == null
                copy?.let {
                    form.addPhoto(it.path)
                    form.settled()
                    it.delete()
                }
            }
        }
    }
    val hasCamera = remember { context.packageManager.hasSystemFeature(PackageManager.FEATURE_CAMERA_ANY) }
    ReportScreen(
        state,
        ReportActions(
            form,
            onLocate = { locate.launch(locationPermissions) },
            onChoosePhotos = { pickPhotos.launch(PickVisualMediaRequest(ActivityResultContracts.PickVisualMedia.ImageOnly)) },
            onTakePhoto = if (hasCamera) {
                {
                    val (file, uri) = files.forCamera()
                    cameraFile = file.path
                    takePicture.launch(uri)
                }
            } else {
                null
            },
            onOpenOutbox = onOpenOutbox,
        ),
        modifier,
        photoUnreadable = unreadable,
    )
}

/** The outbox screen over the core's outbox, read again each time it shows. */
@Composable
fun OutboxRoute(outbox: OutboxPresenter, modifier: Modifier = Modifier) {
    val state by outbox.state.collectAsStateWithLifecycle()
    LaunchedEffect(outbox) { outbox.screen.refresh() }
    OutboxScreen(state, OutboxActions(outbox.screen), modifier)
}

/** The settings' ranger account over the core's outbox. */
@Composable
fun RangerRoute(outbox: OutboxPresenter) {
    val state by outbox.state.collectAsStateWithLifecycle()
    LaunchedEffect(outbox) { outbox.screen.refresh() }
    RangerSection(state, RangerActions(outbox.screen))
}
