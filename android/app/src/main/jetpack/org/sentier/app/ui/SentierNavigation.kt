package org.sentier.app.ui

import androidx.annotation.StringRes
import androidx.compose.foundation.layout.padding
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.filled.Download
import androidx.compose.material.icons.filled.FiberManualRecord
import androidx.compose.material.icons.filled.Hiking
import androidx.compose.material.icons.filled.Map
import androidx.compose.material.icons.filled.ReportProblem
import androidx.compose.material.icons.filled.Settings
import androidx.compose.material3.ExperimentalMaterial3Api
import androidx.compose.material3.Icon
import androidx.compose.material3.IconButton
import androidx.compose.material3.NavigationBar
import androidx.compose.material3.NavigationBarItem
import androidx.compose.material3.Scaffold
import androidx.compose.material3.Text
import androidx.compose.material3.TopAppBar
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.graphics.vector.ImageVector
import androidx.compose.ui.res.stringResource
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import androidx.navigation.NavController
import androidx.navigation.NavGraph.Companion.findStartDestination
import androidx.navigation.compose.NavHost
import androidx.navigation.compose.composable
import androidx.navigation.compose.currentBackStackEntryAsState
import androidx.navigation.compose.rememberNavController
import org.sentier.app.AppServices
import org.sentier.app.R
import org.sentier.app.packs.PacksScreen
import org.sentier.app.report.OutboxScreen
import org.sentier.app.report.RangerSection
import org.sentier.app.report.ReportScreen
import org.sentier.app.settings.SettingsScreen
import org.sentier.app.trail.trailDestinations

/** The screens of the app, each a route of the navigation graph. */
enum class Screen(val route: String, @StringRes val title: Int) {
    Treks("treks", R.string.treks_title),
    Trek("trek/{id}", R.string.trek_title),
    Map("map", R.string.map_title),
    Recording("recording", R.string.recording_title),
    Report("report", R.string.report_title),
    Outbox("outbox", R.string.outbox_title),
    Packs("packs", R.string.packs_title),
    Settings("settings", R.string.settings_title),
}

/** The bottom bar's destinations, as on iOS's tab bar; settings are in the top bar. */
private val tabs: List<Pair<Screen, ImageVector>> = listOf(
    Screen.Treks to Icons.Filled.Hiking,
    Screen.Map to Icons.Filled.Map,
    Screen.Recording to Icons.Filled.FiberManualRecord,
    Screen.Report to Icons.Filled.ReportProblem,
    Screen.Packs to Icons.Filled.Download,
)

@OptIn(ExperimentalMaterial3Api::class)
@Composable
fun SentierNavigation(services: AppServices) {
    val navController = rememberNavController()
    val entry by navController.currentBackStackEntryAsState()
    val current = Screen.entries.firstOrNull { it.route == entry?.destination?.route } ?: Screen.Treks
    Scaffold(
        topBar = {
            TopAppBar(
                title = { Text(stringResource(current.title)) },
                actions = {
                    IconButton(onClick = { navController.showTab(Screen.Settings) }) {
                        Icon(Icons.Filled.Settings, contentDescription = stringResource(R.string.settings_title))
                    }
                },
            )
        },
        bottomBar = {
            NavigationBar {
                tabs.forEach { (screen, icon) ->
                    NavigationBarItem(
                        selected = current == screen,
                        onClick = { navController.showTab(screen) },
                        icon = { Icon(icon, contentDescription = null) },
                        label = { Text(stringResource(screen.title)) },
                    )
                }
            }
        },
    ) { padding ->
        NavHost(navController, startDestination = Screen.Treks.route, modifier = Modifier.padding(padding)) {
            trailDestinations(services, navController)
            composable(Screen.Report.route) {
                ReportScreen(
                    services,
                    onOpenOutbox = { navController.navigate(Screen.Outbox.route) },
                    onOpenPacks = { navController.showTab(Screen.Packs) },
                    onOpenSettings = { navController.showTab(Screen.Settings) },
                )
            }
            composable(Screen.Outbox.route) {
                services.outbox?.let { OutboxScreen(it) }
            }
            composable(Screen.Packs.route) {
                PacksScreen(services, onOpenSettings = { navController.showTab(Screen.Settings) })
            }
            composable(Screen.Settings.route) {
                SettingsScreen(services.settings) {
                    services.outbox?.let { RangerSection(it) }
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
