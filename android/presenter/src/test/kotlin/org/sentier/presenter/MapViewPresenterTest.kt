package org.sentier.presenter

import java.io.File
import java.net.URI
import java.nio.file.Files
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.sentier.PackServerProcess
import org.sentier.squarePng
import org.sentier.writeOneTilePmtiles
import org.sentier.core.Circle
import org.sentier.core.LatLon
import org.sentier.core.MapViewState
import org.sentier.core.OverlayLayer
import org.sentier.core.PlaceKind
import org.sentier.core.TrekQuery
import org.sentier.ffi.MapViewScreen
import org.sentier.ffi.OfflineMap
import org.sentier.ffi.Packs
import org.sentier.ffi.PacksScreen
import org.sentier.ffi.SettingsScreen
import org.sentier.ffi.TrekFollowScreen

/**
 * The core's map screen through the adapter, over the demo park's pack
 * downloaded from the test kit's pack server with its relief basemap: what
 * the Android and iOS maps draw and forward.
 */
class MapViewPresenterTest {
    private fun MapViewPresenter.settledState(): MapViewState {
        runBlocking { screen.settled() }
        return screen.state()
    }

    @Test
    fun theMapTogglesAGroupSwitchesBasemapAndSaysWhatIsWhereTapped() {
        val dir = Files.createTempDirectory("sentier-map-screen")
        PackServerProcess(dir.resolve("server"), "--relief").use { server ->
            val data = dir.resolve("data").toString()
            val packs = Packs.open(data)
            val settings = SettingsScreen.open(data, listOf("fr"))
            settings.setPackServer(server.url)
            val map = OfflineMap()
            val packsScreen = PacksPresenter(PacksScreen.open(packs, settings, map))
            packsScreen.screen.download("demo")
            runBlocking { withTimeout(60_000) { packsScreen.state.first { it.inUse != null } } }
            // A second basemap beside the pack's relief (the test kit's packs carry one),
            // another layer of the map as a pack's vector set would be.
            val topo = File(dir.toFile(), "topo.pmtiles").also { writeOneTilePmtiles(it, squarePng()) }
            map.addTileSet("topo", topo.absolutePath)
            val follow = TrekFollowScreen.open(settings)
            val mapView = MapViewPresenter(MapViewScreen.open(map, packsScreen.screen, follow, settings))

            val opened = runBlocking { withTimeout(60_000) { mapView.state.first { it.styleUrl != null } } }
            assertNull(opened.unavailable)
            assertEquals(listOf("basemap", "topo"), opened.basemaps.map { it.key })
            assertEquals(listOf(true, false), opened.basemaps.map { it.chosen }, "the first basemap is drawn")
            assertEquals("Points d’intérêt", opened.layers.single { it.layer == OverlayLayer.POIS }.label)
            assertTrue(opened.layers.all { it.shown && it.styleLayerIds.isNotEmpty() }, "every group shown, with its style layers")

            mapView.screen.chooseBasemap("topo")
            val switched = mapView.settledState()
            assertEquals(listOf(false, true), switched.basemaps.map { it.chosen })
            val style = URI(switched.styleUrl!!).toURL().readText()
            assertTrue(style.contains("\"basemap-topo\""), "the style draws the chosen basemap")
            assertFalse(style.contains("\"basemap-basemap\""), "and only it")

            mapView.screen.showLayer(OverlayLayer.POIS, false)
            val hidden = mapView.settledState()
            assertFalse(hidden.layers.single { it.layer == OverlayLayer.POIS }.shown)
            assertTrue(hidden.layers.filter { it.layer != OverlayLayer.POIS }.all { it.shown })
            assertEquals(listOf(OverlayLayer.POIS), settings.state().hiddenMapLayers)
            // Kept in the settings: the next launch hides it too.
            assertEquals(listOf(OverlayLayer.POIS), SettingsScreen.open(data, listOf("fr")).state().hiddenMapLayers)

            val catalog = packsScreen.screen.catalogInUse()!!
            val start = catalog.search(TrekQuery(language = "fr", limit = 1u)).treks.single().departure!!
            val poi = catalog.nearby(Circle(start, 20_000.0), listOf(PlaceKind.POI), "fr", 1u).single()
            mapView.screen.tap(LatLon(poi.position.lat, poi.position.lon), 40.0)
            val tapped = mapView.settledState().tap
            assertNotNull(tapped)
            assertNull(tapped!!.problem)
            val row = tapped.rows.single { it.kind == PlaceKind.POI && it.id == poi.id }
            assertEquals(poi.name, row.title)
            assertTrue(row.subtitle.startsWith("Point d’intérêt · ") && row.subtitle.endsWith(" m"), row.subtitle)
            assertFalse(row.opensTrek)
            assertEquals(tapped.places.map { it.id }, tapped.rows.map { it.id }, "rows in the places' order, nearest first")

            mapView.screen.dismissTap()
            assertNull(mapView.settledState().tap)

            mapView.close()
            packsScreen.close()
            runBlocking { map.stop() }
            packs.close()
        }
    }
}
