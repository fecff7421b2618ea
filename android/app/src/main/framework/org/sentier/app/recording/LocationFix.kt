package org.sentier.app.recording

import android.location.Location
import org.sentier.core.Fix
import org.sentier.core.LatLon

/** The platform's fix as the core takes it; every optional the device did not measure stays null. */
fun Location.toFix(): Fix = Fix(
    latitude = latitude,
    longitude = longitude,
    altitude = altitude.takeIf { hasAltitude() },
    horizontalAccuracy = accuracy.toDouble().takeIf { hasAccuracy() },
    verticalAccuracy = verticalAccuracyMeters.toDouble().takeIf { hasVerticalAccuracy() },
    speed = speed.toDouble().takeIf { hasSpeed() },
    bearing = bearing.toDouble().takeIf { hasBearing() },
    timestampMs = time,
)

/** This location as the core's position: where a trek search is centred ("near me"), where a report is made. */
fun Location.toLatLon(): LatLon = LatLon(latitude, longitude)
