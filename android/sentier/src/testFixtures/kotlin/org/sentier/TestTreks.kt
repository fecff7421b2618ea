package org.sentier

/**
 * A 3 km trek due north from the Pré de Madame Carle as a GPX track named
 * [name]: a vertex every 20 m, climbing [climbPerVertexM] metres each.
 */
fun straightTrekGpx(name: String, climbPerVertexM: Int = 1): String = buildString {
    append("""<?xml version="1.0"?><gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">""")
    append("<trk><name>$name</name><trkseg>")
    for (i in 0..150) {
        val lat = 44.92 + i * 20.0 / 111_195.08
        append("""<trkpt lat="$lat" lon="6.40"><ele>${1874 + i * climbPerVertexM}</ele></trkpt>""")
    }
    append("</trkseg></trk></gpx>")
}
