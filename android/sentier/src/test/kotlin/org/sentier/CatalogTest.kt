package org.sentier

import java.nio.file.Files
import java.util.concurrent.CompletableFuture
import java.util.concurrent.TimeUnit
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import org.sentier.core.CatalogException
import org.sentier.core.Circle
import org.sentier.core.LatLon
import org.sentier.core.PlaceKind
import org.sentier.core.AssetKind
import org.sentier.core.SyncOptions
import org.sentier.core.TrekQuery
import org.sentier.ffi.Catalog
import org.sentier.ffi.SafetyScreen
import org.sentier.ffi.SettingsScreen
import org.sentier.ffi.TrekFollowScreen
import org.sentier.ffi.routeFromGpx
import org.sentier.ffi.simulateWalk
import org.sentier.ffi.walkSimulation

/** The catalog through the generated bindings, synced from the local test server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogTest {
    private val server = FakeGeotrek("--preset", "demo")
    private val dir = Files.createTempDirectory("sentier-catalog")
    private lateinit var catalog: Catalog

    @BeforeAll
    fun sync() = runBlocking {
        catalog = Catalog.open(dir.resolve("catalog.sqlite").toString())
        val progress = mutableListOf<Long>()
        val report = catalog.syncNow(server.apiUrl, SyncOptions(languages = listOf("fr", "en"))) {
            progress += it.objectsDone.toLong()
        }
        assertFalse(report.incremental)
        assertTrue(report.objectsUpserted > 100u, "stored ${report.objectsUpserted}")
        assertTrue(progress.isNotEmpty(), "progress was reported")
    }

    @AfterAll
    fun stop() {
        server.close()
        catalog.close()
    }

    @Test
    fun accentFreeSearchFindsAccentedNames() {
        val page = catalog.search(TrekQuery(text = "ecrins", language = "fr"))
        assertTrue(page.total > 0u)
        // A match in the name ranks first; other treks mention the park in their texts.
        assertEquals("Col des Écrins", page.treks.first().name, page.treks.map { it.name }.toString())
    }

    @Test
    fun aFollowedTrekPlacesTheHikerOnItsProfileAndATapOnTheMap() = runBlocking {
        val trek = catalog.search(TrekQuery(language = "fr", limit = 100u)).treks.maxBy { it.lengthM ?: 0.0 }
        val line = catalog.trekRoute(trek.id, "fr").line
        val walk = simulateWalk(line, walkSimulation(5uL))
        val settings = SettingsScreen.open(dir.resolve("phone").toString(), listOf("fr"))
        TrekFollowScreen.open(settings).use { follow ->
            follow.follow(catalog, trek.id)
            follow.settled()
            val profile = checkNotNull(follow.state().profile) { "the followed trek's profile" }
            assertTrue(profile.description.startsWith("Profil altimétrique"), profile.description)
            // Halfway through the walk the marker is about halfway along the profile...
            walk.take(walk.size / 2).forEach { follow.pushFix(it, 60) }
            follow.settled()
            val banner = checkNotNull(follow.state().banner)
            val marker = checkNotNull(banner.onProfile) { "the hiker on the profile" }
            val share = marker.alongM / profile.distancesM.last()
            assertTrue(share in 0.35..0.65, "the marker at $share of the profile")
            assertTrue(marker.elevationM in profile.minM..profile.maxM)
            // ...and its map point is where the hiker is.
            val here = walk[walk.size / 2 - 1]
            val point = checkNotNull(follow.pointOnProfile(marker.alongM))
            assertEquals(here.latitude, point.lat, 0.001)
            assertEquals(here.longitude, point.lon, 0.001)
            // The profile's end is the trek's end.
            val end = checkNotNull(follow.pointOnProfile(profile.distancesM.last()))
            assertEquals(line.last().lat, end.lat, 1e-6)
            assertEquals(line.last().lon, end.lon, 1e-6)
        }
        settings.close()
    }

    @Test
    fun trekDetailCarriesProfileAndSurroundings() {
        val first = catalog.search(TrekQuery(language = "en", limit = 1u)).treks.single()
        val detail = catalog.trekDetail(first.id, "en")
        assertEquals(first.id, detail.id)
        assertTrue(detail.geometry.size > 100)
        assertTrue(detail.profile.maxM > detail.profile.minM)
        assertTrue(detail.profile.ascentM > 0.0)
    }

    @Test
    fun aTrekExportsAsAGpxThatFollowsLikeTheTrek() {
        val first = catalog.search(TrekQuery(language = "fr", limit = 1u)).treks.single()
        val file = dir.resolve("trek.gpx")
        catalog.exportTrekGpx(first.id, "fr", file.toString())
        val route = catalog.trekRoute(first.id, "fr")
        val exported = routeFromGpx(Files.readString(file))
        assertEquals(route.name, exported.name)
        assertEquals(route.line, exported.line)
        assertEquals(route.points.map { it.name }, exported.points.map { it.name })
        val missing = assertThrows(CatalogException.NotFound::class.java) {
            catalog.exportTrekGpx(-1, "fr", dir.resolve("none.gpx").toString())
        }
        assertEquals(-1L, missing.id)
        assertFalse(Files.exists(dir.resolve("none.gpx")))
    }

    @Test
    fun nearbyIsNearestFirst() {
        val start = catalog.search(TrekQuery(language = "fr", limit = 1u)).treks.single().departure!!
        val places = catalog.nearby(Circle(LatLon(start.lat, start.lon), 3000.0), listOf(PlaceKind.POI, PlaceKind.SIGNAGE), "fr", 20u)
        assertTrue(places.isNotEmpty())
        assertEquals(places.sortedBy { it.distanceM }, places)
    }

    @Test
    fun aReportPicksTheSignageAtItsLocationWithTheCatalogsLists() {
        val start = catalog.search(TrekQuery(language = "fr", limit = 1u)).treks.single().departure!!
        val signpost = catalog.nearby(Circle(LatLon(start.lat, start.lon), 5000.0), listOf(PlaceKind.SIGNAGE), "fr", 1u).single()
        val assets = catalog.reportAssetsNear(LatLon(signpost.position.lat, signpost.position.lon), "fr")
        assertEquals(signpost.id, assets.first().asset.id)
        assertEquals(AssetKind.SIGNAGE, assets.first().asset.kind)
        assertTrue(assets.first().distanceM < 1.0)
        assertEquals(assets.sortedBy { it.distanceM }, assets)
        assertTrue(assets.all { it.distanceM <= 50.0 })
        val lists = catalog.reportReferences("fr")
        assertTrue(lists.categories.isNotEmpty() && lists.magnitudes.isNotEmpty() && lists.activities.isNotEmpty())
    }

    @Test
    fun cancellingASyncKeepsTheCatalog(): Unit = runBlocking {
        val before = catalog.status()
        // The listener's end is the signal; the timeout only guards a hung core.
        val ended = CompletableFuture<Any>()
        val handle = catalog.sync(server.apiUrl, SyncOptions(languages = listOf("fr")), object : org.sentier.ffi.SyncListener {
            override fun onProgress(progress: org.sentier.core.SyncProgress) {}
            override fun onFinished(report: org.sentier.core.SyncReport) { ended.complete(report) }
            override fun onFailed(error: CatalogException) { ended.complete(error) }
        })
        handle.cancel()
        val outcome = ended.get(120, TimeUnit.SECONDS)
        assertTrue(outcome is CatalogException.Cancelled || outcome is org.sentier.core.SyncReport, "$outcome")
        assertEquals(before.treks, catalog.status().treks)
        assertThrows(CatalogException.InvalidInput::class.java) {
            runBlocking { catalog.syncEvents("not a url", SyncOptions(emptyList())).toList() }
        }
    }

    @Test
    fun theSafetyScreenWordsThePositionAndTheNearestDeskInFrench() = runBlocking {
        val desk = catalog.nearby(Circle(LatLon(45.0, 6.0), 1_000_000.0), listOf(PlaceKind.INFORMATION_DESK), "fr", 1u).single()
        val settings = SettingsScreen.open(dir.resolve("safety").toString(), listOf("fr"))
        SafetyScreen.open(catalog, settings).use { safety ->
            assertEquals("112", safety.state().calls.single().number, "112 before any fix")
            assertTrue(safety.state().position == null && safety.state().waitingForPosition != null)
            // 300 m due north of the desk, as a phone gives it.
            safety.updateFix(fixNorthOf(desk.position))
            safety.settled()
            val state = safety.state()
            val position = checkNotNull(state.position)
            assertEquals("± 8 m", position.accuracy)
            assertTrue(position.geoUri.startsWith("geo:") && position.geoUri.endsWith(",1234;u=8"), position.geoUri)
            assertTrue(position.shareText.startsWith("Ma position : "), position.shareText)
            val nearest = checkNotNull(state.nearestDesk)
            assertEquals(desk.name, nearest.name)
            assertEquals("300 m", nearest.distance)
            assertEquals("S (180°)", nearest.bearing)
        }
    }
}
