package org.sentier.app.trail

import android.Manifest
import android.content.pm.PackageManager
import android.os.Build
import androidx.activity.compose.rememberLauncherForActivityResult
import androidx.activity.result.contract.ActivityResultContracts
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalContext
import androidx.core.content.ContextCompat
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import java.io.File
import kotlinx.coroutines.flow.map
import org.sentier.app.map.MapLibreMap
import org.sentier.app.map.MapScreen
import org.sentier.app.recording.RecordingScreen
import org.sentier.app.recording.RecordingService
import org.sentier.app.recording.gpsFixes
import org.sentier.app.recording.lastKnownLocation
import org.sentier.app.recording.locationPermissions
import org.sentier.app.recording.toFix
import org.sentier.app.recording.toLatLon
import org.sentier.app.treks.TrekDetailScreen
import org.sentier.app.treks.TreksActions
import org.sentier.app.treks.TreksScreen
import org.sentier.app.ui.LocalStrings
import org.sentier.core.LatLon
import org.sentier.presenter.FollowPresenter
import org.sentier.presenter.RecordingPresenter
import org.sentier.presenter.TrekDetailPresenter
import org.sentier.presenter.TreksPresenter

/** The treks screen over the core's search; "near me" asks for the position first. */
@Composable
fun TreksRoute(presenter: TreksPresenter, onOpen: (Long) -> Unit, modifier: Modifier = Modifier) {
    val state by presenter.state.collectAsStateWithLifecycle()
    val search = presenter.screen
    val context = LocalContext.current
    val nearby = rememberLauncherForActivityResult(ActivityResultContracts.RequestMultiplePermissions()) {
        context.lastKnownLocation()?.let { search.setNear(it.toLatLon()) }
    }
    TreksScreen(
        state,
        TreksActions(search, onNearMe = { on -> if (on) nearby.launch(locationPermissions) else search.setNear(null) }, onOpen = onOpen),
        map = { styleUrl, mapModifier ->
            MapLibreMap(styleUrl, LocalStrings.current.mapDescription, followUser = false, modifier = mapModifier, onTrekTap = onOpen)
        },
        modifier = modifier,
    )
}

/** A trek's detail, opened by its presenter on the core's trek screen; its GPX is offered to the apps that take one. */
@Composable
fun TrekDetailRoute(
    presenter: TrekDetailPresenter,
    onFollow: (Long) -> Unit,
    onOpenTrek: (Long) -> Unit,
    modifier: Modifier = Modifier,
) {
    val state by presenter.state.collectAsStateWithLifecycle()
    val context = LocalContext.current
    LaunchedEffect(state.gpxFile) {
        state.gpxFile?.let { file ->
            context.shareGpx(File(file))
            presenter.screen.shared()
        }
    }
    TrekDetailScreen(state, onFollow, onShare = presenter.screen::exportGpx, onOpenTrek, modifier)
}

/** The map with the follow banner; while a trek is followed the device's fixes go to the core's follower. */
@Composable
fun MapRoute(styleUrl: String?, follow: FollowPresenter, onOpenTrek: (Long) -> Unit, modifier: Modifier = Modifier) {
    val state by follow.state.collectAsStateWithLifecycle()
    val context = LocalContext.current
    var located by remember {
        mutableStateOf(ContextCompat.checkSelfPermission(context, Manifest.permission.ACCESS_FINE_LOCATION) == PackageManager.PERMISSION_GRANTED)
    }
    val permission = rememberLauncherForActivityResult(ActivityResultContracts.RequestPermission()) { located = it }
    LaunchedEffect(Unit) {
        if (!located) permission.launch(Manifest.permission.ACCESS_FINE_LOCATION)
    }
    @Suppress("MissingPermission") // gpsFixes runs only once location is granted
    LaunchedEffect(state.trekId, located) {
        if (located && state.trekId != null) follow.feed(context.gpsFixes().map { it.toFix() })
    }
    // Where a tap on the followed trek's profile is, as the core maps it.
    var focus by remember { mutableStateOf<LatLon?>(null) }
    MapScreen(
        styleUrl,
        state,
        onStopFollowing = { follow.screen.follow(null, 0) },
        map = { url, mapModifier ->
            MapLibreMap(
                url,
                LocalStrings.current.mapDescription,
                followUser = located && state.trekId != null && focus == null,
                modifier = mapModifier,
                onTrekTap = onOpenTrek,
                focus = focus,
            )
        },
        modifier = modifier,
        onProfileTap = { along -> focus = follow.screen.pointOnProfile(along) },
    )
}

/** The recording screen; the foreground service runs while a track is open, GPX exports are shared. */
@Composable
fun RecordingRoute(presenter: RecordingPresenter, modifier: Modifier = Modifier) {
    val state by presenter.state.collectAsStateWithLifecycle()
    val context = LocalContext.current
    val notifications = rememberLauncherForActivityResult(ActivityResultContracts.RequestPermission()) {
        // Recording works without the notification permission; the service's notification is then hidden.
    }
    val location = rememberLauncherForActivityResult(ActivityResultContracts.RequestPermission()) { granted ->
        if (granted) {
            presenter.start()
            if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.TIRAMISU) notifications.launch(Manifest.permission.POST_NOTIFICATIONS)
        }
    }
    // Including a track recovered paused after the app was killed.
    LaunchedEffect(state.active) {
        if (state.active) RecordingService.start(context)
    }
    LaunchedEffect(state.gpxFile) {
        state.gpxFile?.let { file ->
            context.shareGpx(File(file))
            presenter.screen.shared()
        }
    }
    RecordingScreen(
        state,
        onStart = { location.launch(Manifest.permission.ACCESS_FINE_LOCATION) },
        onPause = presenter.screen::pause,
        onResume = presenter.screen::resume,
        onStop = presenter.screen::stop,
        onShare = presenter.screen::exportGpx,
        onDelete = presenter.screen::delete,
        modifier = modifier,
    )
}
