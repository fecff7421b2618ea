package org.sentier

import java.io.File
import java.net.ConnectException
import java.net.HttpURLConnection
import java.net.URI
import java.nio.file.Files
import javax.imageio.ImageIO
import kotlinx.coroutines.test.runTest
import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.sentier.core.OverlayLayer
import org.sentier.core.TileContainer
import org.sentier.core.TileException
import org.sentier.core.TileFormat
import org.sentier.ffi.OfflineMap
import org.sentier.ffi.inspectTileSet
import org.sentier.ffi.overlayStyleLayerId

/** The tile server started through the bindings, read over HTTP like MapLibre Native does. */
class TilesTest {
    private class Reply(val status: Int, val contentType: String?, val body: ByteArray)

    private fun get(url: String): Reply {
        val connection = URI(url).toURL().openConnection() as HttpURLConnection
        val status = connection.responseCode
        val stream = if (status < 400) connection.inputStream else connection.errorStream
        val body = stream?.use { it.readBytes() } ?: ByteArray(0)
        return Reply(status, connection.getHeaderField("Content-Type"), body)
    }

    /** The URL of the treks overlay in a style.json. */
    private fun treksSource(style: String): String =
        Regex(""""treks":\{[^}]*"data":"([^"]+)"""").find(style)?.groupValues?.get(1) ?: error(style)

    @Test
    fun serverStartedThroughTheBindingsServesTilesStyleAndOverlays() = runTest {
        val dir = Files.createTempDirectory("sentier-tiles").toFile()
        val archive = File(dir, "world.pmtiles")
        val tile = squarePng()
        writeOneTilePmtiles(archive, tile)
        val map = OfflineMap()
        try {
            val info = map.install("relief", archive)
            assertEquals(TileContainer.PMTILES, info.container)
            assertEquals(TileFormat.PNG, info.format)
            assertEquals(1UL, info.tileCount)
            assertTrue(inspectTileSet(archive.absolutePath).problems.isEmpty())

            val treks = """{"type":"FeatureCollection","features":[{"type":"Feature","id":3,"properties":{},""" +
                """"geometry":{"type":"LineString","coordinates":[[6.2,44.7],[6.4,44.9]]}}]}"""
            val style = map.startServer(overlaySource { layer, _ ->
                if (layer == OverlayLayer.TREKS) treks else """{"type":"FeatureCollection","features":[]}"""
            })
            assertTrue(style.startsWith("http://127.0.0.1:"), style)
            val base = style.removeSuffix("/style.json")

            val styleReply = get(style)
            assertEquals(200, styleReply.status)
            val styleText = String(styleReply.body)
            assertTrue(styleText.contains("\"basemap-relief\""), styleText)
            assertTrue(styleText.contains("$base/overlays/treks.geojson"), styleText)
            // The layer a tap on a trek line is looked up in, as the shells name it.
            assertTrue(styleText.contains("\"${overlayStyleLayerId(OverlayLayer.TREKS)}\""), styleText)

            val tileReply = get("$base/tiles/relief/0/0/0.png")
            assertEquals(200, tileReply.status)
            assertEquals("image/png", tileReply.contentType)
            assertArrayEquals(tile, tileReply.body)
            // Past the set's zoom 0 the relief is cut from the ancestor and scaled up.
            val overzoomed = get("$base/tiles/relief/2/1/1.png")
            assertEquals(200, overzoomed.status)
            assertEquals(256, ImageIO.read(overzoomed.body.inputStream()).width)
            assertEquals(400, get("$base/tiles/relief/1/5/0.png").status)
            assertEquals(403, get(base.substringBeforeLast('/') + "/tiles/relief/0/0/0.png").status)

            assertEquals(treks, String(get("$base/overlays/treks.geojson").body))
            assertNotNull(map.styleUrl(3L, null)?.takeIf { it.endsWith("?trek=3") })
            // A search's results: only their treks are drawn, the style names the set compactly.
            val found = map.styleUrl(null, listOf(9L, 4L, 5L, 6L))
            assertNotNull(found?.takeIf { it.endsWith("?treks=4-6,9") }, found)
            assertEquals("$base/overlays/treks.geojson?treks=3", treksSource(String(get(map.styleUrl(null, listOf(3L))!!).body)))
            assertTrue(String(get(treksSource(String(get(found!!).body))).body).contains("\"features\":[]"))
            assertEquals(treks, String(get("$base/overlays/treks.geojson?treks=1-3").body))

            val direct = map.tile("relief", 0u, 0u, 0u)
            assertArrayEquals(tile, direct?.bytes)
            assertEquals(TileFormat.PNG, direct?.format)
            assertThrows(TileException.InvalidCoordinate::class.java) { map.tile("relief", 1u, 2u, 0u) }
            assertThrows(TileException.UnknownLayer::class.java) { map.tile("nope", 0u, 0u, 0u) }

            map.stop()
            assertNull(map.styleUrl(null, null))
            assertThrows(ConnectException::class.java) { get("$base/tiles/relief/0/0/0.png") }
        } finally {
            map.close()
            dir.deleteRecursively()
        }
    }

    @Test
    fun aFileThatIsNoTileSetIsATileException() {
        val file = Files.createTempFile("not-tiles", ".mbtiles").toFile()
        try {
            file.writeText("definitely not SQLite nor PMTiles")
            OfflineMap().use { map ->
                assertThrows(TileException.NotATileSet::class.java) { map.addTileSet("relief", file.absolutePath) }
            }
        } finally {
            file.delete()
        }
    }
}
