package org.sentier

import java.io.File
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext
import org.sentier.core.OverlayLayer
import org.sentier.core.OverlaySource
import org.sentier.core.TileStoreInfo
import org.sentier.ffi.OfflineMap

/**
 * Coroutine-friendly use of the core's offline map: the tile sets of installed packs,
 * served to MapLibre Native by the loopback tile server inside the core.
 * Opening files and starting the server touch the disk and block briefly, so
 * they run on [Dispatchers.IO]; stopping it is the core's own suspending `stop()`.
 */

/** Adds the MBTiles or PMTiles [file] on top of [layer]; served at once if the server runs. */
suspend fun OfflineMap.install(layer: String, file: File): TileStoreInfo =
    withContext(Dispatchers.IO) { addTileSet(layer, file.absolutePath) }

/** Starts the tile server (if needed) and returns the style URL to give MapLibre. */
suspend fun OfflineMap.startServer(overlays: OverlaySource? = null): String =
    withContext(Dispatchers.IO) { start(overlays) }

/** Overlays given by a Kotlin function returning a GeoJSON FeatureCollection per layer. */
fun overlaySource(geojson: (layer: OverlayLayer, selectedTrek: Long?) -> String): OverlaySource =
    object : OverlaySource {
        override fun overlay(layer: OverlayLayer, selectedTrek: Long?): String = geojson(layer, selectedTrek)
    }
