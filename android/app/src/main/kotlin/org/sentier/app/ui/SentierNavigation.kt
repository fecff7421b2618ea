package org.sentier.app.ui

import androidx.annotation.StringRes
import androidx.compose.foundation.layout.padding
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.filled.Download
import androidx.compose.material.icons.filled.ReportProblem
import androidx.compose.material.icons.filled.Settings
import androidx.compose.material3.ExperimentalMaterial3Api
import androidx.compose.material3.Icon
import androidx.compose.material3.IconButton
import androidx.compose.material3.Scaffold
import androidx.compose.material3.Text
import androidx.compose.material3.TopAppBar
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import androidx.lifecycle.compose.collectAsStateWithLifecycle
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

/** The screens of the app, each a route of the navigation graph. */
enum class Screen(val route: String, @StringRes val title: Int) {
    Settings("settings", R.string.settings_title),
    Packs("packs", R.string.packs_title),
    Report("report", R.string.report_title),
    Outbox("outbox", R.string.outbox_title),
}

@OptIn(ExperimentalMaterial3Api::class)
@Composable
fun SentierNavigation(services: AppServices) {
    val navController = rememberNavController()
    val entry by navController.currentBackStackEntryAsState()
    val current = Screen.entries.firstOrNull { it.route == entry?.destination?.route } ?: Screen.Settings
    Scaffold(
        topBar = {
            TopAppBar(
                title = { Text(stringResource(current.title)) },
                actions = {
                    IconButton(onClick = { navController.navigate(Screen.Report.route) }) {
                        Icon(Icons.Filled.ReportProblem, contentDescription = stringResource(R.string.report_title))
                    }
                    IconButton(onClick = { navController.navigate(Screen.Packs.route) }) {
                        Icon(Icons.Filled.Download, contentDescription = stringResource(R.string.packs_title))
                    }
                    IconButton(onClick = { navController.navigate(Screen.Settings.route) }) {
                        Icon(Icons.Filled.Settings, contentDescription = stringResource(R.string.settings_title))
                    }
                },
            )
        },
    ) { padding ->
        NavHost(navController, startDestination = Screen.Settings.route, modifier = Modifier.padding(padding)) {
            composable(Screen.Settings.route) {
                SettingsScreen(services.settings) {
                    val reportsServer by services.settings.reportsServerUrl.collectAsStateWithLifecycle()
                    services.outbox?.let { RangerSection(it, reportsServer) }
                }
            }
            composable(Screen.Packs.route) {
                PacksScreen(services, onOpenSettings = { navController.navigate(Screen.Settings.route) })
            }
            composable(Screen.Report.route) {
                ReportScreen(
                    services,
                    onOpenOutbox = { navController.navigate(Screen.Outbox.route) },
                    onOpenPacks = { navController.navigate(Screen.Packs.route) },
                    onOpenSettings = { navController.navigate(Screen.Settings.route) },
                )
            }
            composable(Screen.Outbox.route) { services.outbox?.let { OutboxScreen(it) } }
        }
    }
}
