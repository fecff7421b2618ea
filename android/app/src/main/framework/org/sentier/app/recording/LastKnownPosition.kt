package org.sentier.app.recording

import android.Manifest
import android.annotation.SuppressLint
import android.content.Context
import android.content.pm.PackageManager
import android.location.Location
import android.location.LocationManager

/** The permissions asked for before a screen reads the position. */
val locationPermissions = arrayOf(Manifest.permission.ACCESS_FINE_LOCATION, Manifest.permission.ACCESS_COARSE_LOCATION)

/**
 * The freshest position the system already knows (from any of its providers),
 * without waking the GPS: where a report is made, where "near me" searches
 * from. Null without permission or without any fix yet.
 */
@SuppressLint("MissingPermission") // Checked first.
fun Context.lastKnownLocation(): Location? {
    val granted = locationPermissions.any { checkSelfPermission(it) == PackageManager.PERMISSION_GRANTED }
    if (!granted) return null
    val manager = getSystemService(LocationManager::class.java)
    return try {
        manager.getProviders(true)
            .mapNotNull { manager.getLastKnownLocation(it) }
            .maxByOrNull { it.time }
    } catch (revoked: SecurityException) {
        null
    }
}
