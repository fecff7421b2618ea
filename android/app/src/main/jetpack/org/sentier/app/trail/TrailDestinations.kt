package org.sentier.app.trail

import androidx.compose.foundation.layout.padding
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.DisposableEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.remember
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import androidx.navigation.NavController
import androidx.navigation.NavGraphBuilder
import androidx.navigation.NavType
import androidx.navigation.compose.composable
import androidx.navigation.navArgument
import org.sentier.app.AppServices
import org.sentier.app.ui.LocalStrings
import org.sentier.app.ui.Screen
import org.sentier.core.InstalledPack
import org.sentier.ffi.Catalog
import org.sentier.ffi.MapViewScreen
import org.sentier.ffi.TrekScreen
import org.sentier.ffi.TrekSearchScreen
import org.sentier.presenter.MapViewPresenter
import org.sentier.presenter.TrekDetailPresenter
import org.sentier.presenter.TreksPresenter

/**
 * The trail screens in the navigation graph: treks, trek detail, map with the
 * follow banner, recording, safety. Each screen's presenter lives as long as the screen
 * (and the pack in use); following and recording live with the app.
 */
fun NavGraphBuilder.trailDestinations(services: AppServices, navController: NavController) {
    composable(Screen.Treks.route) {
        WithPack(services) { pack ->
            val presenter = remember(pack.catalog) {
                TreksPresenter(TrekSearchScreen.open(pack.catalog, services.settings.screen, services.core?.map))
            }
            DisposableEffect(presenter) { onDispose { presenter.close() } }
            TreksRoute(presenter, onOpen = { navController.navigate(trekRoute(it)) })
        }
    }
    composable(Screen.Trek.route, arguments = listOf(navArgument(TREK_ID) { type = NavType.LongType })) { entry ->
        val id = entry.arguments?.getLong(TREK_ID) ?: return@composable
        WithPack(services) { pack ->
            val context = LocalContext.current
            val exports = context.exportsFolder().path
            val presenter = remember(pack.catalog, id) {
                TrekDetailPresenter(TrekScreen.open(pack.catalog, id, services.settings.screen, services.trail?.follow?.screen, exports))
            }
            DisposableEffect(presenter) { onDispose { presenter.close() } }
            TrekDetailRoute(
                presenter = presenter,
                onFollow = { trek ->
                    // Without the trek's details the banner still follows; the session's alerts need them.
                    services.trail?.followTrek(pack.catalog, trek)
                    // With location granted the service starts now; else once the map has asked for it.
                    TrailService.start(context)
                    navController.navigate(Screen.Map.route)
                },
                onOpenTrek = { step -> navController.navigate(trekRoute(step)) },
            )
        }
    }
    composable(Screen.Map.route) {
        WithTrail(services) { trail ->
            val map = services.core?.map
            val packs = services.packs
            if (map == null || packs == null) {
                Text(LocalStrings.current.trailNoMap, Modifier.padding(16.dp))
                return@WithTrail
            }
            // The core's map screen: style, layer groups, basemap, what lies where the hiker taps.
            val mapView = remember(map, packs, trail) {
                MapViewPresenter(MapViewScreen.open(map, packs.screen, trail.follow.screen, services.settings.screen))
            }
            DisposableEffect(mapView) { onDispose { mapView.close() } }
            MapRoute(mapView, trail, onOpenTrek = { navController.navigate(trekRoute(it)) })
        }
    }
    composable(Screen.Recording.route) {
        WithTrail(services) { trail -> RecordingRoute(trail, services.settings) }
    }
    composable(Screen.Safety.route) {
        // Offline and without a pack too: 112 and the position need neither.
        SafetyRoute(services.settings.screen, rememberPackInUse(services)?.catalog)
    }
}

/** The route of trek [id]'s detail. */
private fun trekRoute(id: Long) = Screen.Trek.route.replace("{$TREK_ID}", id.toString())

/** The pack in use (the core's packs screen decides which) with its catalog. */
class PackInUse(val pack: InstalledPack, val catalog: Catalog)

/** The pack in use, opened again whenever the core changes it; null when none. */
@Composable
fun rememberPackInUse(services: AppServices): PackInUse? {
    val packs = services.packs ?: return null
    val state by packs.state.collectAsStateWithLifecycle()
    return remember(state.inUse) {
        state.inUse?.let { pack -> packs.screen.catalogInUse()?.let { PackInUse(pack, it) } }
    }
}

/** [content] over the pack in use, or why there is none. */
@Composable
private fun WithPack(services: AppServices, content: @Composable (PackInUse) -> Unit) {
    rememberPackInUse(services)?.let { content(it) } ?: Text(LocalStrings.current.trailNoMap, Modifier.padding(16.dp))
}

/** [content] over the tracks store, or the core's message when it could not be opened. */
@Composable
private fun WithTrail(services: AppServices, content: @Composable (TrailServices) -> Unit) {
    services.trail?.let { content(it) } ?: Text(services.trailError.orEmpty(), Modifier.padding(16.dp))
}

private const val TREK_ID = "id"
