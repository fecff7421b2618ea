package org.sentier

import java.nio.file.Files
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.sentier.core.PackKind
import org.sentier.core.TerritoryChoice
import org.sentier.core.TerritoryProgress
import org.sentier.core.TrekQuery
import org.sentier.core.territoryAddress
import org.sentier.ffi.Packs

class TerritoriesTest {
    @Test
    fun aTerritoryIsAddedFromTheTestKitWithOneTreksTilesUpdatedAndItsTreksAreFound() = runBlocking {
        val dir = Files.createTempDirectory("sentier-territories")
        TerritoryServerProcess(dir.resolve("www")).use { server ->
            val packs = Packs.open(dir.resolve("data").toString())
            // What the user typed, with the tree where this test serves it.
            val address = territoryAddress(server.apiUrl).copy(mobileUrl = server.mobileUrl)
            val offer = packs.territoryOffer(address, "fr")
            assertEquals(12uL, offer.trekCount)
            assertNotNull(offer.basemap, "the test kit publishes a Geotrek-mobile tree")
            assertEquals(12, offer.treks.size)

            val first = offer.treks.first()
            val choice = TerritoryChoice(treks = listOf(first.trekId))
            val progress = mutableListOf<TerritoryProgress>()
            val pack = packs.addTerritoryNow(offer, choice, listOf("fr", "en")) { progress += it }
            assertEquals(PackKind.TERRITORY, pack.kind)
            assertTrue(pack.tileFiles.isNotEmpty(), "the basemap and the trek's corridor are installed")
            val downloaded = progress.filterIsInstance<TerritoryProgress.Downloading>().last().progress
            assertEquals(offer.basemap!!.size + first.zip.size, downloaded.bytesTotal)
            assertEquals(downloaded.bytesTotal, downloaded.bytesDone)

            // The treks chosen and the tree given apart are remembered; with nothing
            // new on the admin, the installed version stays.
            val updated = packs.updateTerritoryNow(pack.id)
            assertEquals(pack.version, updated.version)
            assertEquals(pack.tileFiles, updated.tileFiles)

            val catalog = packs.catalog(pack.id)
            val found = catalog.search(TrekQuery(language = "fr"))
            // Only the treks published in French (main's per-language publication).
            assertTrue(found.total > 0uL, "the territory's treks are found offline")
            catalog.close()
            packs.remove(pack.id)
            assertTrue(packs.installed().isEmpty())
            packs.close()
        }
    }
}
