package org.sentier.app.ui

import androidx.annotation.StringRes
import androidx.compose.foundation.layout.padding
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.filled.FiberManualRecord
import androidx.compose.material.icons.filled.Hiking
import androidx.compose.material.icons.filled.Map
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
import androidx.navigation.compose.NavHost
import androidx.navigation.compose.composable
import androidx.navigation.compose.currentBackStackEntryAsState
import androidx.navigation.compose.rememberNavController
import org.sentier.app.AppServices
import org.sentier.app.R
import org.sentier.app.settings.SettingsScreen
import org.sentier.app.trail.trailDestinations

/** The screens of the app, each a route of the navigation graph. */
enum class Screen(val route: String, @StringRes val title: Int) {
    Settings("settings", R.string.settings_title),
    Treks("treks", R.string.treks_title),
    Trek("trek/{id}", R.string.trek_title),
    Map("map", R.string.map_title),
    Recording("recording", R.string.recording_title),
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
                    IconButton(onClick = { navController.navigate(Screen.Treks.route) }) {
                        Icon(Icons.Filled.Hiking, contentDescription = stringResource(R.string.treks_title))
                    }
                    IconButton(onClick = { navController.navigate(Screen.Map.route) }) {
                        Icon(Icons.Filled.Map, contentDescription = stringResource(R.string.map_title))
                    }
                    IconButton(onClick = { navController.navigate(Screen.Recording.route) }) {
                        Icon(Icons.Filled.FiberManualRecord, contentDescription = stringResource(R.string.recording_title))
                    }
                    IconButton(onClick = { navController.navigate(Screen.Settings.route) }) {
                        Icon(Icons.Filled.Settings, contentDescription = stringResource(R.string.settings_title))
                    }
                },
            )
        },
    ) { padding ->
        NavHost(navController, startDestination = Screen.Settings.route, modifier = Modifier.padding(padding)) {
            composable(Screen.Settings.route) { SettingsScreen(services.settings) }
            trailDestinations(services, navController)
        }
    }
}
