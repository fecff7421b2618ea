package org.sentier.app.recording

import android.annotation.SuppressLint
import android.content.Context
import android.location.Location
import android.location.LocationListener
import android.location.LocationManager
import android.os.Build
import android.os.Looper
import kotlinx.coroutines.channels.awaitClose
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.callbackFlow
import android.location.LocationRequest as PlatformRequest
import org.sentier.core.LocationAccuracy
import org.sentier.core.LocationRequest

/**
 * What [locationUpdates] asks the system for: the core's [LocationRequest]
 * in Android's terms, a provider and a [PlatformRequest] quality.
 */
data class AndroidLocationRequest(
    val provider: String,
    val intervalMillis: Long,
    val minDistanceMeters: Float,
    /** [PlatformRequest.QUALITY_HIGH_ACCURACY] or [PlatformRequest.QUALITY_BALANCED_POWER_ACCURACY]. */
    val quality: Int,
)

/**
 * The core's request (its battery mode's interval, distance and accuracy) as
 * Android applies it: satellites for high accuracy; for balanced, the fused
 * provider where the phone has one ([fusedProvider], Android 12+), which
 * lets the GPS rest, else the GPS at the core's slower interval.
 */
fun LocationRequest.toAndroid(fusedProvider: Boolean): AndroidLocationRequest = when (accuracy) {
    LocationAccuracy.HIGH -> AndroidLocationRequest(
        LocationManager.GPS_PROVIDER, intervalMs.toLong(), minDistanceM.toFloat(), PlatformRequest.QUALITY_HIGH_ACCURACY,
    )
    LocationAccuracy.BALANCED -> AndroidLocationRequest(
        if (fusedProvider) LocationManager.FUSED_PROVIDER else LocationManager.GPS_PROVIDER,
        intervalMs.toLong(),
        minDistanceM.toFloat(),
        PlatformRequest.QUALITY_BALANCED_POWER_ACCURACY,
    )
}

/** Whether [LocationManager.FUSED_PROVIDER] can serve a balanced request here. */
fun Context.hasFusedProvider(): Boolean =
    Build.VERSION.SDK_INT >= Build.VERSION_CODES.S && getSystemService(LocationManager::class.java).hasProvider(LocationManager.FUSED_PROVIDER)

/**
 * Raw fixes as [request] asks for them, while collected; call once precise
 * location is granted. Every fix goes to the core, which filters (accuracy,
 * jumps, duplicates): nothing is dropped here.
 */
@SuppressLint("MissingPermission") // The callers ask for precise location first.
fun Context.locationUpdates(request: AndroidLocationRequest): Flow<Location> = callbackFlow {
    val manager = getSystemService(LocationManager::class.java)
    val listener = LocationListener { location -> trySend(location) }
    if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.S) {
        val platform = PlatformRequest.Builder(request.intervalMillis)
            .setQuality(request.quality)
            .setMinUpdateDistanceMeters(request.minDistanceMeters)
            .build()
        manager.requestLocationUpdates(request.provider, platform, mainExecutor, listener)
    } else {
        manager.requestLocationUpdates(request.provider, request.intervalMillis, request.minDistanceMeters, listener, Looper.getMainLooper())
    }
    awaitClose { manager.removeUpdates(listener) }
}

/**
 * GPS fixes every [intervalMillis] while a screen shows (the safety screen,
 * the position before a follow starts); the trail service asks with the
 * core's battery mode instead.
 */
fun Context.gpsFixes(intervalMillis: Long = 2_000): Flow<Location> =
    locationUpdates(AndroidLocationRequest(LocationManager.GPS_PROVIDER, intervalMillis, 0f, PlatformRequest.QUALITY_HIGH_ACCURACY))
