package org.sentier.app.ui

import androidx.compose.foundation.layout.padding
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.ui.Modifier
import androidx.navigation.NavController
import androidx.navigation.NavGraph.Companion.findStartDestination
import androidx.navigation.compose.NavHost
import androidx.navigation.compose.composable
import androidx.navigation.compose.currentBackStackEntryAsState
import androidx.navigation.compose.rememberNavController
import org.sentier.app.AppServices
import org.sentier.app.packs.PacksRoute
import org.sentier.app.report.OutboxRoute
import org.sentier.app.report.RangerRoute
import org.sentier.app.report.ReportRoute
import org.sentier.app.settings.SettingsRoute
import org.sentier.app.trail.trailDestinations

/** The screens of the app, each a route of the navigation graph, with its title and the tab it belongs to. */
enum class Screen(val route: String, val title: (AppStrings) -> String, val tab: Tab?) {
    Treks("treks", { it.treksTitle }, Tab.TREKS),
    Trek("trek/{id}", { it.trekTitle }, null),
    Map("map", { it.mapTitle }, Tab.MAP),
    Recording("recording", { it.recordingTitle }, Tab.RECORDING),
    Report("report", { it.reportTitle }, Tab.REPORT),
    Outbox("outbox", { it.outboxTitle }, null),
    Packs("packs", { it.packsTitle }, Tab.PACKS),
    Settings("settings", { it.settingsTitle }, null),
    Safety("safety", { it.safetyTitle }, null),
}

/** The screen a tab opens. */
private val Tab.screen: Screen
    get() = Screen.entries.first { it.tab == this }

/** The app's frame (SentierScaffold, as the host renders it) around the navigation graph. */
@Composable
fun SentierNavigation(services: AppServices) {
    val navController = rememberNavController()
    val entry by navController.currentBackStackEntryAsState()
    val current = Screen.entries.firstOrNull { it.route == entry?.destination?.route } ?: Screen.Treks
    SentierScaffold(
        title = current.title(LocalStrings.current),
        selectedTab = current.tab,
        onTab = { navController.showTab(it.screen) },
        onBack = if (current.tab == null) ({ navController.popBackStack() }) else null,
        // Two taps from anywhere to 112: this button, then the call.
        onSafety = if (current == Screen.Safety) null else ({ navController.navigate(Screen.Safety.route) { launchSingleTop = true } }),
        onSettings = if (current == Screen.Settings) null else ({ navController.showTab(Screen.Settings) }),
    ) { padding ->
        NavHost(navController, startDestination = Screen.Treks.route, modifier = Modifier.padding(padding)) {
            trailDestinations(services, navController)
            composable(Screen.Report.route) {
                ReportRoute(
                    services,
                    onOpenOutbox = { navController.navigate(Screen.Outbox.route) },
                    onOpenPacks = { navController.showTab(Screen.Packs) },
                    onOpenSettings = { navController.showTab(Screen.Settings) },
                )
            }
            composable(Screen.Outbox.route) {
                services.outbox?.let { OutboxRoute(it) }
            }
            composable(Screen.Packs.route) {
                PacksRoute(services, onOpenSettings = { navController.showTab(Screen.Settings) })
            }
            composable(Screen.Settings.route) {
                SettingsRoute(services.settings) {
                    services.outbox?.let { RangerRoute(it) }
                }
            }
        }
    }
}

/** Shows a top-level screen, keeping one copy of each on the back stack. */
private fun NavController.showTab(screen: Screen) = navigate(screen.route) {
    popUpTo(graph.findStartDestination().id) { saveState = true }
    launchSingleTop = true
    restoreState = true
}
