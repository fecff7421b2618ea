package org.sentier.app.map

import android.Manifest
import android.annotation.SuppressLint
import android.content.Context
import android.content.pm.PackageManager
import android.graphics.PointF
import android.graphics.RectF
import androidx.compose.runtime.Composable
import androidx.compose.runtime.DisposableEffect
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.remember
import androidx.compose.runtime.rememberUpdatedState
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.viewinterop.AndroidView
import androidx.core.content.ContextCompat
import androidx.lifecycle.Lifecycle
import androidx.lifecycle.LifecycleEventObserver
import androidx.lifecycle.compose.LocalLifecycleOwner
import org.maplibre.android.MapLibre
import org.maplibre.android.camera.CameraUpdateFactory
import org.maplibre.android.geometry.LatLng
import org.maplibre.android.location.LocationComponentActivationOptions
import org.maplibre.android.location.modes.CameraMode
import org.maplibre.android.maps.MapLibreMap
import org.maplibre.android.maps.MapView
import org.maplibre.android.maps.Style
import org.maplibre.android.style.layers.Property
import org.maplibre.android.style.layers.PropertyFactory
import org.sentier.core.LatLon
import org.sentier.core.MapLayer
import org.sentier.core.OverlayLayer
import org.sentier.core.LatLon
import org.sentier.ffi.overlayStyleLayerId

/**
 * MapLibre Native showing the style served by the core's loopback tile server
 * (offline basemap, treks, the highlighted trek, POIs, sensitive areas) with
 * the user's live position. What is drawn is the core's business: this hosts
 * the view, loads [styleUrl], shows or hides each of [layers]' style layers
 * as the core says, and hands taps on, without deciding anything.
 */
@Composable
fun MapLibreMap(
    styleUrl: String,
    description: String,
    followUser: Boolean,
    modifier: Modifier = Modifier,
    /** The core's layer groups: each group's style layers are shown or hidden together. */
    layers: List<MapLayer> = emptyList(),
    /** Called with the Geotrek id of the trek line tapped, if any (the search's map). */
    onTrekTap: ((Long) -> Unit)? = null,
    /** Called with where the map was tapped and the finger's reach there, in metres (the map screen's "what is here"). */
    onTap: ((at: LatLon, radiusM: Double) -> Unit)? = null,
    /** A point to bring into view (a tap on the followed trek's profile); the camera stops tracking the user. */
    focus: LatLon? = null,
) {
    val context = LocalContext.current
    val lifecycle = LocalLifecycleOwner.current.lifecycle
    val mapView = remember {
        MapLibre.getInstance(context)
        MapView(context).apply { onCreate(null) }
    }
    DisposableEffect(lifecycle, mapView) {
        val observer = LifecycleEventObserver { _, event ->
            when (event) {
                Lifecycle.Event.ON_START -> mapView.onStart()
                Lifecycle.Event.ON_RESUME -> mapView.onResume()
                Lifecycle.Event.ON_PAUSE -> mapView.onPause()
                Lifecycle.Event.ON_STOP -> mapView.onStop()
                else -> Unit
            }
        }
        lifecycle.addObserver(observer)
        onDispose {
            lifecycle.removeObserver(observer)
            mapView.onDestroy()
        }
    }
    val trekTap by rememberUpdatedState(onTrekTap)
    val mapTap by rememberUpdatedState(onTap)
    DisposableEffect(mapView) {
        var tapped: MapLibreMap? = null
        val listener = MapLibreMap.OnMapClickListener { point ->
            val map = tapped ?: return@OnMapClickListener false
            val density = context.resources.displayMetrics.density
            mapTap?.let { handler ->
                val reach = map.projection.getMetersPerPixelAtLatitude(point.latitude) * FINGER_DP / 2 * density
                handler(LatLon(point.latitude, point.longitude), reach)
                return@OnMapClickListener true
            }
            val handler = trekTap ?: return@OnMapClickListener false
            val trek = map.trekAt(map.projection.toScreenLocation(point), density) ?: return@OnMapClickListener false
            handler(trek)
            true
        }
        mapView.getMapAsync { map ->
            map.addOnMapClickListener(listener)
            tapped = map
        }
        onDispose { tapped?.removeOnMapClickListener(listener) }
    }
    LaunchedEffect(mapView, focus) {
        val point = focus ?: return@LaunchedEffect
        mapView.getMapAsync { map ->
            map.locationComponent.takeIf { it.isLocationComponentActivated }?.cameraMode = CameraMode.NONE
            map.animateCamera(CameraUpdateFactory.newLatLng(LatLng(point.lat, point.lon)))
        }
    }
    AndroidView(
        factory = { mapView },
        modifier = modifier.semantics { contentDescription = description },
        update = { view ->
            view.getMapAsync { map ->
                if (map.style?.uri != styleUrl) {
                    map.setStyle(Style.Builder().fromUri(styleUrl)) { style ->
                        style.showGroups(layers)
                        map.showUserPosition(context, style, followUser)
                    }
                } else {
                    map.style?.let {
                        it.showGroups(layers)
                        map.showUserPosition(context, it, followUser)
                    }
                }
            }
        },
    )
}

/** Each group's style layers visible or not, as the core's map screen says. */
private fun Style.showGroups(groups: List<MapLayer>) {
    for (group in groups) {
        val visibility = PropertyFactory.visibility(if (group.shown) Property.VISIBLE else Property.NONE)
        group.styleLayerIds.forEach { id -> getLayer(id)?.setProperties(visibility) }
    }
}

/**
 * The trek under a tap at [point]: a finger-sized square around it in the
 * style's treks layer (named by the core), whose features carry the trek's id.
 */
private fun MapLibreMap.trekAt(point: PointF, density: Float): Long? {
    val half = FINGER_DP / 2 * density
    val finger = RectF(point.x - half, point.y - half, point.x + half, point.y + half)
    return queryRenderedFeatures(finger, overlayStyleLayerId(OverlayLayer.TREKS)).firstNotNullOfOrNull { feature ->
        feature.id()?.toLongOrNull() ?: feature.takeIf { it.hasProperty("id") }?.getNumberProperty("id")?.toLong()
    }
}

/** The side of the square a finger covers, in dp. */
private const val FINGER_DP = 44f

/** The live position puck, once location permission is granted. */
@SuppressLint("MissingPermission") // checked just before
private fun MapLibreMap.showUserPosition(context: Context, style: Style, followUser: Boolean) {
    val permission = ContextCompat.checkSelfPermission(context, Manifest.permission.ACCESS_FINE_LOCATION)
    if (permission != PackageManager.PERMISSION_GRANTED) return
    if (!locationComponent.isLocationComponentActivated) {
        locationComponent.activateLocationComponent(
            LocationComponentActivationOptions.builder(context, style).build(),
        )
    }
    locationComponent.isLocationComponentEnabled = true
    locationComponent.cameraMode = if (followUser) CameraMode.TRACKING else CameraMode.NONE
}
