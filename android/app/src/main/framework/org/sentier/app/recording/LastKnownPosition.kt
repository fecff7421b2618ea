package org.sentier.app.report

import android.Manifest
import android.annotation.SuppressLint
import android.content.Context
import android.content.pm.PackageManager
import android.location.LocationManager
import androidx.core.content.ContextCompat
import org.sentier.core.ReportLocation

/** The permissions asked for before a report reads the position. */
val locationPermissions = arrayOf(Manifest.permission.ACCESS_FINE_LOCATION, Manifest.permission.ACCESS_COARSE_LOCATION)

/**
 * The freshest position the system already knows (from any of its providers),
 * without waking the GPS: where a report is made. Null without permission or
 * without any fix yet.
 */
@SuppressLint("MissingPermission") // Checked first.
fun Context.lastFix(): ReportLocation? {
    val granted = locationPermissions.any { ContextCompat.checkSelfPermission(this, it) == PackageManager.PERMISSION_GRANTED }
    if (!granted) return null
    val manager = getSystemService(LocationManager::class.java)
    return try {
        manager.getProviders(true)
            .mapNotNull { manager.getLastKnownLocation(it) }
            .maxByOrNull { it.time }
            ?.let { ReportLocation(latitude = it.latitude, longitude = it.longitude) }
    } catch (revoked: SecurityException) {
        null
    }
}
