package org.sentier

import java.nio.file.Files
import kotlinx.coroutines.flow.filterIsInstance
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.sentier.core.DeliveryProblem
import org.sentier.core.ReportDraft
import org.sentier.core.ReportKind
import org.sentier.core.LatLon
import org.sentier.core.ReportState
import org.sentier.ffi.Catalog
import org.sentier.ffi.Reports
import org.sentier.ffi.assetRef

class ReportsTest {
    private fun draft(serverUrl: String, n: Int) = ReportDraft(
        kind = ReportKind.PUBLIC,
        serverUrl = serverUrl,
        location = LatLon(lat = 44.8278, lon = 6.3735),
        email = "hiker$n@example.org",
        comment = "Panneau cassé $n",
        categoryId = 2,
        activityId = 1,
        magnitudeId = 1,
        relatedTrekId = null,
        asset = null,
        assetConditionIds = emptyList(),
    )

    @Test
    fun reportsQueuedOfflineAreDeliveredOnceTheServerIsThere() = runBlocking {
        val dir = Files.createTempDirectory("sentier-reports")
        val photo = dir.resolve("photo.png").toFile()
        javax.imageio.ImageIO.write(java.awt.image.BufferedImage(320, 240, java.awt.image.BufferedImage.TYPE_INT_RGB), "png", photo)
        // Queued while the server is not running: nothing can be sent yet.
        val port = java.net.ServerSocket(0).use { it.localPort }
        val serverUrl = "http://127.0.0.1:$port/"
        val reports = Reports.open(dir.resolve("outbox.sqlite").toString(), MemorySecrets())
        val ids = (1..3).map { n ->
            val entry = reports.createDraft(draft(serverUrl, n))
            reports.addPhoto(entry.id, photo.path)
            reports.queue(entry.id, null).id
        }
        val offline = reports.deliverOnce()
        assertEquals(0u, offline.sent)
        assertTrue(reports.list().all { it.state == ReportState.QUEUED && it.canDiscard && !it.canRetry })
        // Why, typed (the core words it for the outbox screen), not only the delivery error's text.
        assertTrue(reports.list().all { it.problem is DeliveryProblem.NotDelivered }, "${reports.list().map { it.problem }}")
        // The core says when the platform should wake the app to try again.
        val due = offline.nextAttemptAtMs
        assertTrue(due != null && due > System.currentTimeMillis(), "next attempt $due")
        assertEquals(due, reports.nextDeliveryAtMs())

        FieldServerProcess(port).use { server ->
            assertEquals(serverUrl, server.url)
            reports.connectivityChanged(true)
            val delivered = mutableSetOf<String>()
            reports.deliveries(periodSeconds = 1u)
                .filterIsInstance<OutboxEvent.ReportChanged>()
                .first { event ->
                    if (event.entry.state == ReportState.SENT) delivered += event.entry.id
                    delivered.containsAll(ids)
                }
            val sent = reports.list()
            assertTrue(sent.all { it.state == ReportState.SENT && it.serverId != null })
            assertEquals(null, reports.nextDeliveryAtMs(), "nothing left to wake for")
            assertEquals(3, sent.map { it.serverId }.toSet().size)
        }
        reports.close()
    }

    @Test
    fun aRangerPicksOfflineFromTheItemsDownloadedAtLogin() = runBlocking {
        val dir = Files.createTempDirectory("sentier-ranger")
        val reports = Reports.open(dir.resolve("outbox.sqlite").toString(), MemorySecrets())
        val port = java.net.ServerSocket(0).use { it.localPort }
        val serverUrl = FieldServerProcess(port).use { server ->
            val session = reports.login(server.url, "ranger", "col-du-lautaret")
            assertTrue(session.permissions.createReports)
            assertEquals(2u, reports.downloadFieldAssets(server.url).items)
            server.url
        }
        // The server is gone: a ranger's report picks from the download.
        val here = LatLon(lat = 44.8279, lon = 6.3735)
        val catalog = Catalog.open(dir.resolve("catalog.sqlite").toString())
        val near = reports.assetsNear(ReportKind.FIELD, serverUrl, here, catalog, "fr")
        assertEquals(listOf(101L, 201L), near.map { it.asset.id })
        assertEquals("S101", near.first().asset.code)
        assertEquals("S101 ${near.first().asset.name}", assetRef(near.first().asset).label, "labelled by the core")
        // A hiker's report, or another server's, picks from the pack's catalog (empty here).
        assertTrue(reports.assetsNear(ReportKind.PUBLIC, serverUrl, here, catalog, "fr").isEmpty())
        assertTrue(reports.assetsNear(ReportKind.FIELD, "https://other.example.org/", here, catalog, "fr").isEmpty())
        catalog.close()
        assertEquals(listOf("Lac du Lauvitel 1h15"), near.first().asset.blades.single().lines)
        assertTrue(near[1].distanceM in 10.0..30.0, "the footbridge is a line 20 m south: ${near[1].distanceM}")
        assertEquals(2u, reports.fieldAssetsStatus(serverUrl)?.items)
        reports.close()
    }
}
