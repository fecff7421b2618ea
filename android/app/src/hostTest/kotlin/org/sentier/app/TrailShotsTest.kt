package org.sentier.app

import androidx.compose.foundation.lazy.rememberLazyListState
import androidx.compose.runtime.CompositionLocalProvider
import androidx.compose.runtime.collectAsState
import androidx.compose.ui.platform.LocalUriHandler
import androidx.compose.ui.platform.UriHandler
import androidx.compose.ui.semantics.SemanticsProperties
import androidx.compose.ui.test.SemanticsMatcher
import androidx.compose.ui.test.hasScrollToKeyAction
import androidx.compose.ui.test.performScrollToKey
import androidx.compose.runtime.getValue
import androidx.compose.ui.test.SkikoComposeUiTest
import androidx.compose.ui.test.assertIsEnabled
import androidx.compose.ui.test.assertIsSelected
import androidx.compose.ui.test.hasSetTextAction
import androidx.compose.ui.test.onAllNodesWithText
import androidx.compose.ui.test.onFirst
import androidx.compose.ui.test.onNodeWithContentDescription
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import androidx.compose.ui.test.performTextInput
import kotlinx.coroutines.flow.asFlow
import kotlinx.coroutines.runBlocking
import java.nio.file.Files
import org.junit.jupiter.api.Test
import org.sentier.app.ui.Tab
import org.junit.jupiter.api.TestInstance
import org.sentier.app.map.MapScreen
import org.sentier.app.treks.TrekDetailScreen
import org.sentier.app.treks.TreksActions
import org.sentier.app.treks.TreksScreen
import org.sentier.app.ui.AppStrings
import org.sentier.core.TrekFilter
import org.sentier.core.TrekQuery
import org.sentier.core.TrekSearchState
import org.sentier.ffi.simulateWalk
import org.sentier.ffi.walkSimulation
import org.sentier.ffi.TrekFollowScreen
import org.sentier.ffi.TrekScreen
import org.sentier.ffi.TrekSearchScreen
import org.sentier.presenter.FollowPresenter
import org.sentier.presenter.TrekDetailPresenter
import org.sentier.presenter.TreksPresenter

/** The hiker's screens over the demo park's pack: the treks, their filters, a trek, the map following it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrailShotsTest {
    /** Where the trek screen writes its GPX. */
    private val exports = Files.createTempDirectory("sentier-exports")

    /** The demo park's longest trek: the one the detail and the map show. */
    private val trek = DemoPark.catalog.search(TrekQuery(language = "en", limit = 100u)).treks.maxBy { it.lengthM ?: 0.0 }

    /**
     * The treks screen in each language over a new search of the pack in use,
     * as [name]; [check] gets the search and its first state.
     */
    private fun shootTreks(name: String, check: SkikoComposeUiTest.(AppStrings, TreksPresenter, TrekSearchState) -> Unit) {
        for (language in languages + moreLanguages) {
            DemoPark.speak(language)
            val search = TreksPresenter(TrekSearchScreen.open(DemoPark.catalog, DemoPark.settings.screen, DemoPark.map))
            val everything = awaitState(search.state) { it.rows.isNotEmpty() }
            shoot(name, language, { it.treksTitle }, Tab.TREKS, {
                val state by search.state.collectAsState()
                TreksScreen(state, TreksActions(search.screen, onNearMe = {}, onOpen = {}), map = { url, modifier -> MapStandIn(url, modifier) })
            }) { strings -> check(strings, search, everything) }
            search.close()
        }
    }

    @Test
    fun treksAreSearchedAsTyped() = shootTreks("treks") { strings, search, everything ->
        onNodeWithText(everything.totalLabel).assertExists()
        onNodeWithText(everything.rows.first().name).assertExists()
        onNodeWithText(strings.treksFilters).assertExists()
        onNode(hasSetTextAction()).performTextInput("glacier")
        awaitState(search.state) { it.text == "glacier" }
        val found = settledState(search.state, search.screen::settled, search.screen::state)
        check(found.total in 1uL until everything.total) { "glacier: ${found.totalLabel} of ${everything.totalLabel}" }
        waitForIdle()
        onNodeWithText(found.totalLabel).assertExists()
        onNodeWithContentDescription(strings.treksClearSearch).assertExists()
    }

    @Test
    fun aFilterChipNarrowsTheTreks() = shootTreks("treks-filters") { strings, search, everything ->
        val practice = everything.filters.first { it.filter == TrekFilter.PRACTICE }.choices.first()
        onNodeWithText(strings.treksFilters).performClick()
        waitForIdle()
        onNodeWithText(practice.label).performClick()
        awaitState(search.state) { it.filtered && it.total < everything.total }
        waitForIdle()
        onNodeWithText(practice.label).assertIsSelected()
        onNodeWithText(strings.treksClearFilters).assertExists()
    }

    @Test
    fun aTrekShowsItsFiguresProfileAndTexts() {
        for (language in languages + moreLanguages) {
            DemoPark.speak(language)
            val follow = TrekFollowScreen.open(DemoPark.settings.screen)
            val detail = TrekDetailPresenter(TrekScreen.open(DemoPark.catalog, trek.id, DemoPark.settings.screen, follow, exports.toString()))
            val state = awaitState(detail.state) { !it.loading && it.profile != null }
            shoot("trek", language, { it.trekTitle }, null, {
                val shown by detail.state.collectAsState()
                TrekDetailScreen(shown, onFollow = {}, onShare = detail.screen::exportGpx, onOpenTrek = {})
            }) { strings ->
                onNodeWithText(state.name).assertExists()
                onNodeWithText(state.labels).assertExists()
                // Every figure as the core wrote it (two can share a value: 850 m up and down).
                state.figures.forEach { figure ->
                    onNodeWithText(figure.label).assertExists()
                    onAllNodesWithText(figure.value).onFirst().assertExists()
                }
                onNodeWithText(strings.trekFollowOnMap).assertIsEnabled()
                onNodeWithContentDescription(state.profile!!.description).assertExists()
                onNodeWithText(strings.trailShareGpx).performClick()
                awaitState(detail.state) { it.gpxFile != null }
            }
            detail.close()
            follow.close()
        }
    }

    /** The demo trek the park said most about: parking, accessibility, web links, reference points. */
    private val documented = DemoPark.catalog.search(TrekQuery(language = "en", limit = 100u)).treks
        .map { DemoPark.catalog.trekDetail(it.id, "en") }
        .maxBy { trek ->
            listOf(
                trek.webLinks.isNotEmpty(),
                trek.referencePoints.isNotEmpty(),
                trek.accessibilities.isNotEmpty() || trek.accessibility.slopeHtml.isNotEmpty(),
                trek.advisedParkingHtml.isNotEmpty(),
            ).count { it }
        }

    @Test
    fun aTrekShowsItsPracticalSectionsAndOpensItsLinks() {
        for (language in languages) {
            DemoPark.speak(language)
            val detail = TrekDetailPresenter(TrekScreen.open(DemoPark.catalog, documented.id, DemoPark.settings.screen, null, exports.toString()))
            val state = awaitState(detail.state) { !it.loading && it.sections.isNotEmpty() }
            check(state.sections.size >= 4) { "${documented.name}: ${state.sections.map { it.title }}" }
            val opened = mutableListOf<String>()
            val browser = object : UriHandler {
                override fun openUri(uri: String) {
                    opened += uri
                }
            }
            val firstSection = "section-${state.sections.first().title}"
            shoot("trek-sections", language, { it.trekTitle }, null, {
                val shown by detail.state.collectAsState()
                CompositionLocalProvider(LocalUriHandler provides browser) {
                    TrekDetailScreen(shown, onFollow = {}, onShare = {}, onOpenTrek = {}, list = rememberLazyListState())
                }
            }, prepare = { onNode(theDetailsList).performScrollToKey(firstSection) }) {
                val list = onNode(theDetailsList)
                state.sections.forEach { section ->
                    list.performScrollToKey("section-${section.title}")
                    onNodeWithText(section.title).assertExists()
                    section.rows.forEach { row ->
                        onNodeWithText(row.label).assertExists()
                        onNodeWithText(row.value).assertExists()
                    }
                    section.texts.firstOrNull()?.let { text -> onNodeWithText(text.title).assertExists() }
                    section.points.forEach { point ->
                        list.performScrollToKey("point-${point.number}")
                        onNodeWithText(point.coordinates).assertExists()
                    }
                    section.links.forEachIndexed { index, link ->
                        list.performScrollToKey("link-${section.title}-$index")
                        onNodeWithText(link.title).performClick()
                        check(opened.last() == link.url) { "${link.title} opened ${opened.lastOrNull()}" }
                    }
                }
                // The web links and reference points are among them (the trek was chosen for them).
                check(state.sections.any { it.links.isNotEmpty() }) { "no web link" }
                check(state.sections.any { it.points.isNotEmpty() }) { "no reference point" }
                list.performScrollToKey(firstSection)
            }
            detail.close()
        }
    }

    @Test
    fun theMapFollowsATrekWithItsBanner() {
        val route = DemoPark.catalog.trekRoute(trek.id, "en")
        val walk = simulateWalk(route.line, walkSimulation(11uL))
        for (language in languages) {
            DemoPark.speak(language)
            val follow = FollowPresenter(TrekFollowScreen.open(DemoPark.settings.screen))
            follow.screen.follow(DemoPark.catalog, trek.id)
            runBlocking { follow.feed(walk.take(walk.size / 3).asFlow()) }
            val state = settledState(follow.state, follow.screen::settled, follow.screen::state)
            checkNotNull(state.banner) { "no banner after a third of the walk" }
            checkNotNull(state.banner!!.onProfile) { "the hiker not placed on the profile" }
            val mapView = openMap(follow.screen)
            val shownMap = awaitState(mapView.state) { it.highlightedTrek == trek.id && it.styleUrl != null }
            shoot("map", language, { it.mapTitle }, Tab.MAP, {
                val shown by follow.state.collectAsState()
                val mapState by mapView.state.collectAsState()
                MapScreen(mapState, shown, mapActions(mapView, stopFollowing = { follow.screen.follow(null, 0) }), map = { url, modifier -> MapStandIn(url, modifier) })
            }) { strings ->
                onNodeWithContentDescription("map ${shownMap.styleUrl}").assertExists()
                onNodeWithText(state.trekName!!).assertExists()
                onNodeWithText(state.banner!!.distanceLeft).assertExists()
                // The trek's profile with the hiker on it, under the banner's figures.
                onNodeWithContentDescription(state.profile!!.description).assertExists()
                onNodeWithContentDescription(strings.followStop).assertExists()
                onNodeWithText(strings.mapLayers).assertExists()
            }
            mapView.close()
            follow.close()
        }
    }
}

/** The trek detail's own list, not the photos' horizontal row inside it (both scroll to keys). */
private val theDetailsList = hasScrollToKeyAction() and SemanticsMatcher.keyIsDefined(SemanticsProperties.VerticalScrollAxisRange)
