package org.sentier.app.recording

import android.Manifest
import android.content.Context
import android.location.Location
import android.location.LocationManager
import androidx.annotation.RequiresPermission
import androidx.core.content.ContextCompat
import androidx.core.location.LocationListenerCompat
import androidx.core.location.LocationManagerCompat
import androidx.core.location.LocationRequestCompat
import kotlinx.coroutines.channels.awaitClose
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.callbackFlow

/**
 * Raw GPS fixes while collected. Every fix goes to the core, which filters
 * (accuracy, jumps, duplicates) and records: nothing is dropped here.
 * 2 s keeps a walking track detailed without the battery cost of 1 Hz.
 */
@RequiresPermission(Manifest.permission.ACCESS_FINE_LOCATION)
fun Context.gpsFixes(intervalMillis: Long = 2_000): Flow<Location> = callbackFlow {
    val manager = getSystemService(LocationManager::class.java)
    val listener = LocationListenerCompat { location -> trySend(location) }
    val request = LocationRequestCompat.Builder(intervalMillis)
        .setQuality(LocationRequestCompat.QUALITY_HIGH_ACCURACY)
        .build()
    LocationManagerCompat.requestLocationUpdates(
        manager, LocationManager.GPS_PROVIDER, request, ContextCompat.getMainExecutor(this@gpsFixes), listener,
    )
    awaitClose { LocationManagerCompat.removeUpdates(manager, listener) }
}
