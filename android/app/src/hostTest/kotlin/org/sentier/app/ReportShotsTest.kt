package org.sentier.app

import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import androidx.compose.ui.test.performScrollTo
import androidx.compose.ui.test.performTextInput
import androidx.compose.ui.test.hasSetTextAction
import androidx.compose.ui.test.hasText
import androidx.compose.ui.test.onFirst
import org.junit.jupiter.api.Test
import org.sentier.app.ui.Tab
import org.junit.jupiter.api.TestInstance
import org.sentier.app.report.OutboxActions
import org.sentier.app.report.OutboxScreen
import org.sentier.app.report.ReportActions
import org.sentier.app.report.ReportScreen
import org.sentier.core.Circle
import org.sentier.core.LatLon
import org.sentier.core.PlaceKind
import org.sentier.core.ReportField
import org.sentier.core.TrekQuery
import org.sentier.ffi.ReportComposerScreen
import org.sentier.presenter.OutboxPresenter
import org.sentier.presenter.ReportPresenter

/** The report form refusing an incomplete report with the core's problems, then the outbox holding it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportShotsTest {
    /** Beside a signpost of the demo park. */
    private val location: LatLon = run {
        val start = DemoPark.catalog.search(TrekQuery(language = "en", limit = 1u)).treks.single().departure!!
        val signpost = DemoPark.catalog.nearby(Circle(LatLon(start.lat, start.lon), 5000.0), listOf(PlaceKind.SIGNAGE), "en", 1u).single()
        LatLon(signpost.position.lat, signpost.position.lon)
    }

    @Test
    fun sendingAnIncompleteReportShowsItsProblemsThenTheOutboxHoldsIt() {
        val outbox = OutboxPresenter(DemoPark.outbox)
        for (language in languages) {
            DemoPark.speak(language)
            val form = ReportPresenter(ReportComposerScreen.open(DemoPark.reports, DemoPark.catalog, DemoPark.settings.screen, DemoPark.fieldServer.url))
            form.screen.refresh(location)
            awaitState(form.state) { it.position != null && it.categories.isNotEmpty() }
            shoot("report", language, { it.reportTitle }, Tab.REPORT, {
                val state by form.state.collectAsState()
                ReportScreen(state, ReportActions(form.screen, onLocate = {}, onChoosePhotos = {}, onTakePhoto = {}, onOpenOutbox = {}))
            }) { strings ->
                onNodeWithText(strings.reportSend).performScrollTo().performClick()
                val refused = awaitState(form.state) { it.problems.isNotEmpty() }
                waitForIdle()
                onNodeWithText(refused.problems.first { it.field == ReportField.EMAIL }.message).performScrollTo().assertExists()
                onAllNodes(hasSetTextAction()).onFirst().performScrollTo().performTextInput("Balise arrachée au col")
                awaitState(form.state) { it.comment == "Balise arrachée au col" && it.problems.none { p -> p.field == ReportField.COMMENT } }
                waitForIdle()
                onNodeWithText(refused.problems.first { it.field == ReportField.CATEGORY }.message).performScrollTo().assertExists()
            }
            form.close()
        }
        // A complete report, queued: what the outbox shows.
        val form = ReportPresenter(ReportComposerScreen.open(DemoPark.reports, DemoPark.catalog, DemoPark.settings.screen, DemoPark.fieldServer.url))
        form.screen.refresh(location)
        val ready = awaitState(form.state) { it.categories.isNotEmpty() }
        form.screen.setComment("Arbre en travers du sentier")
        form.screen.setCategory(ready.categories.first().id)
        form.screen.setEmail("randonneuse@example.org")
        form.screen.send()
        awaitState(form.state) { it.queued }
        form.close()
        for (language in languages) {
            DemoPark.speak(language)
            DemoPark.outbox.refresh()
            awaitState(outbox.state) { state -> state.rows.isNotEmpty() && !state.busy }
            shoot("outbox", language, { it.outboxTitle }, null, {
                val state by outbox.state.collectAsState()
                OutboxScreen(state, OutboxActions(DemoPark.outbox))
            }) { strings ->
                onNodeWithText(strings.outboxSendNow).assertExists()
                waitForIdle()
                onAllNodes(hasText(outbox.state.value.rows.first().stateLabel)).onFirst().assertExists()
            }
        }
        outbox.close()
    }
}
