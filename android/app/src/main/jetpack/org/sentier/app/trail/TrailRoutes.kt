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
import org.sentier.app.map.MapLibreMap
import org.sentier.app.map.MapActions
import org.sentier.app.map.MapScreen
import org.sentier.app.recording.RecordingScreen
import org.sentier.app.recording.lastKnownLocation
import org.sentier.app.recording.locationPermissions
import org.sentier.app.recording.toLatLon
import org.sentier.app.treks.TrekDetailScreen
import org.sentier.app.treks.TreksActions
import org.sentier.app.treks.TreksScreen
import org.sentier.app.ui.LocalStrings
import org.sentier.core.LatLon
import org.sentier.presenter.MapViewPresenter
import org.sentier.presenter.SettingsPresenter
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

/**
 * The core's map screen drawn by MapLibre with the follow banner; taps, layer
 * switches and basemap choices go to the core. While a trek is followed the
 * trail service feeds the core (the banner, the session's alerts) with the
 * screen off too; the map asks for location, and for notifications, which
 * carry the alerts.
 */
@Composable
fun MapRoute(mapView: MapViewPresenter, trail: TrailServices, onOpenTrek: (Long) -> Unit, modifier: Modifier = Modifier) {
    val follow = trail.follow
    val map by mapView.state.collectAsStateWithLifecycle()
    val state by follow.state.collectAsStateWithLifecycle()
    val context = LocalContext.current
    var located by remember {
        mutableStateOf(ContextCompat.checkSelfPermission(context, Manifest.permission.ACCESS_FINE_LOCATION) == PackageManager.PERMISSION_GRANTED)
    }
    val notifications = rememberLauncherForActivityResult(ActivityResultContracts.RequestPermission()) {
        // Following works without it; the alerts then only show on the banner.
    }
    val permission = rememberLauncherForActivityResult(ActivityResultContracts.RequestPermission()) { granted ->
        located = granted
        if (granted && Build.VERSION.SDK_INT >= Build.VERSION_CODES.TIRAMISU) notifications.launch(Manifest.permission.POST_NOTIFICATIONS)
    }
    LaunchedEffect(Unit) {
        if (!located) permission.launch(Manifest.permission.ACCESS_FINE_LOCATION)
    }
    LaunchedEffect(state.trekId, located) {
        if (located && state.trekId != null) TrailService.start(context)
    }
    // Where a tap on the followed trek's profile is, as the core maps it.
    var focus by remember { mutableStateOf<LatLon?>(null) }
    val screen = mapView.screen
    MapScreen(
        map,
        state,
        MapActions(
            showLayer = screen::showLayer,
            chooseBasemap = screen::chooseBasemap,
            dismissTap = screen::dismissTap,
            openTrek = onOpenTrek,
            stopFollowing = trail::stopFollowing,
            profileTap = { along -> focus = follow.screen.pointOnProfile(along) },
        ),
        map = { styleUrl, mapModifier ->
            MapLibreMap(
                styleUrl,
                LocalStrings.current.mapDescription,
                followUser = located && map.followsUser && focus == null,
                modifier = mapModifier,
                layers = map.layers,
                onTap = screen::tap,
                focus = focus,
            )
        },
        modifier = modifier,
    )
}

/**
 * The recording screen; the trail service runs while a track is open, GPX
 * exports are shared, a GPX picked in the system's file picker is followed.
 */
@Composable
fun RecordingRoute(trail: TrailServices, settings: SettingsPresenter, modifier: Modifier = Modifier) {
    val presenter = trail.recording
    val importGpx = rememberGpxImport(trail, settings)
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
        if (state.active) TrailService.start(context)
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
        onImportGpx = importGpx,
        modifier = modifier,
    )
}
