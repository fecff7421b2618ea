package org.sentier

import org.sentier.core.Fix
import org.sentier.core.LatLon

/** A phone's fix 300 m due north of [place], 8.2 m accurate at 1,234 m: what the safety screen tests word. */
fun fixNorthOf(place: LatLon): Fix = Fix(
    latitude = place.lat + 0.0027,
    longitude = place.lon,
    altitude = 1234.4,
    horizontalAccuracy = 8.2,
    verticalAccuracy = null,
    speed = null,
    bearing = null,
    timestampMs = null,
)
