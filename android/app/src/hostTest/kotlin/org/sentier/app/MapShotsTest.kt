package org.sentier.app

import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import androidx.compose.ui.test.assertIsOff
import androidx.compose.ui.test.assertIsOn
import androidx.compose.ui.test.assertIsSelected
import androidx.compose.ui.test.hasText
import androidx.compose.ui.test.isToggleable
import androidx.compose.ui.test.onNodeWithContentDescription
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import java.nio.file.Files
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import org.sentier.app.map.MapActions
import org.sentier.app.map.MapScreen
import org.sentier.app.ui.Tab
import org.sentier.core.Circle
import org.sentier.core.LatLon
import org.sentier.core.OverlayLayer
import org.sentier.core.PlaceKind
import org.sentier.core.TrekQuery
import org.sentier.ffi.MapViewScreen
import org.sentier.ffi.TrekFollowScreen
import org.sentier.presenter.MapViewPresenter
import org.sentier.squarePng
import org.sentier.writeOneTilePmtiles

/** The core's map screen over the demo park's pack, opened on the follow screen [follow]. */
fun openMap(follow: TrekFollowScreen): MapViewPresenter =
    MapViewPresenter(MapViewScreen.open(DemoPark.map, DemoPark.packsScreen.screen, follow, DemoPark.settings.screen))

/** What the map screen hands the core's map screen [mapView]; the rest goes nowhere on the host. */
fun mapActions(mapView: MapViewPresenter, stopFollowing: () -> Unit = {}, openTrek: (Long) -> Unit = {}) = MapActions(
    showLayer = mapView.screen::showLayer,
    chooseBasemap = mapView.screen::chooseBasemap,
    dismissTap = mapView.screen::dismissTap,
    openTrek = openTrek,
    stopFollowing = stopFollowing,
)

/** The switch of the layer group labelled [label]. */
private fun layerSwitch(label: String) = hasText(label) and isToggleable()

/**
 * The map screen as the core's map screen has it: the layer groups to switch,
 * the basemaps (the demo pack's relief and a second tile set) and the card
 * saying what lies where the hiker tapped, near a point of interest.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MapShotsTest {
    @Test
    fun theMapOffersItsLayersBasemapsAndSaysWhatIsWhereTapped() {
        // Named after its file, as a set without a name is.
        val topo = Files.createTempDirectory("sentier-topo").resolve("topo.pmtiles").toFile().also { writeOneTilePmtiles(it, squarePng()) }
        DemoPark.map.addTileSet("topo", topo.absolutePath)
        try {
            val start = DemoPark.catalog.search(TrekQuery(language = "en", limit = 1u)).treks.single().departure!!
            val poi = DemoPark.catalog.nearby(Circle(start, 20_000.0), listOf(PlaceKind.POI), "en", 1u).single()
            for (language in languages) {
                DemoPark.speak(language)
                val follow = TrekFollowScreen.open(DemoPark.settings.screen)
                val mapView = openMap(follow)
                mapView.screen.tap(LatLon(poi.position.lat, poi.position.lon), 40.0)
                val state = awaitState(mapView.state) { it.tap != null && it.basemaps.size == 2 && it.layers.first().label.isNotEmpty() }
                val row = state.tap!!.rows.first { it.kind == PlaceKind.POI && it.id == poi.id }
                val pois = state.layers.single { it.layer == OverlayLayer.POIS }
                shoot("map-layers", language, { it.mapTitle }, Tab.MAP, {
                    val shown by mapView.state.collectAsState()
                    MapScreen(shown, follow.state(), mapActions(mapView), map = { url, modifier -> MapStandIn(url, modifier) }, layersOpen = true)
                }) { strings ->
                    onNodeWithText(strings.mapLayersTitle).assertExists()
                    // Each group as a switch ("Treks" is also the bottom bar's tab).
                    state.layers.forEach { onNode(layerSwitch(it.label)).assertExists() }
                    // A switch hides the group in the core (kept in the settings), and shows it again.
                    onNode(layerSwitch(pois.label)).assertIsOn().performClick()
                    awaitState(mapView.state) { map -> map.layers.single { it.layer == OverlayLayer.POIS }.shown.not() }
                    waitForIdle()
                    onNode(layerSwitch(pois.label)).assertIsOff().performClick()
                    awaitState(mapView.state) { map -> map.layers.single { it.layer == OverlayLayer.POIS }.shown }
                    // The basemap switch: the pack's relief first, then the other set.
                    onNodeWithText(strings.mapBasemap).assertExists()
                    onNodeWithText(state.basemaps[1].name).performClick()
                    awaitState(mapView.state) { it.basemaps[1].chosen }
                    waitForIdle()
                    onNodeWithText(state.basemaps[1].name).assertIsSelected()
                    onNodeWithText(state.basemaps[0].name).performClick()
                    awaitState(mapView.state) { it.basemaps[0].chosen }
                    // The tap's answer as the core words it, with the kind and the distance.
                    onNodeWithText(row.title).assertExists()
                    onNodeWithText(row.subtitle).assertExists()
                    onNodeWithContentDescription(strings.mapTapClose).assertExists()
                }
                mapView.close()
                follow.close()
            }
        } finally {
            DemoPark.map.removeTileSet(topo.absolutePath)
            topo.delete()
        }
    }

    @Test
    fun closingTheTapsCardDismissesItInTheCore() {
        for (language in languages) {
            DemoPark.speak(language)
            val follow = TrekFollowScreen.open(DemoPark.settings.screen)
            val mapView = openMap(follow)
            val start = DemoPark.catalog.search(TrekQuery(language = "en", limit = 1u)).treks.single().departure!!
            mapView.screen.tap(start, 40.0)
            awaitState(mapView.state) { it.tap != null }
            shoot("map-tap", language, { it.mapTitle }, Tab.MAP, {
                val shown by mapView.state.collectAsState()
                MapScreen(shown, follow.state(), mapActions(mapView), map = { url, modifier -> MapStandIn(url, modifier) })
            }) { strings ->
                onNodeWithContentDescription(strings.mapTapClose).performClick()
                awaitState(mapView.state) { it.tap == null }
                waitForIdle()
                onNodeWithContentDescription(strings.mapTapClose).assertDoesNotExist()
            }
            mapView.close()
            follow.close()
        }
    }
}
