package org.sentier.app.recording

import android.annotation.SuppressLint
import android.content.Context
import android.location.Location
import android.location.LocationListener
import android.location.LocationManager
import android.os.Looper
import kotlinx.coroutines.channels.awaitClose
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.callbackFlow

/**
 * Raw GPS fixes while collected; call once precise location is granted.
 * Every fix goes to the core, which filters (accuracy, jumps, duplicates)
 * and records: nothing is dropped here. 2 s keeps a walking track detailed
 * without the battery cost of 1 Hz.
 */
@SuppressLint("MissingPermission") // The callers ask for precise location first.
fun Context.gpsFixes(intervalMillis: Long = 2_000): Flow<Location> = callbackFlow {
    val manager = getSystemService(LocationManager::class.java)
    val listener = LocationListener { location -> trySend(location) }
    manager.requestLocationUpdates(LocationManager.GPS_PROVIDER, intervalMillis, 0f, listener, Looper.getMainLooper())
    awaitClose { manager.removeUpdates(listener) }
}
