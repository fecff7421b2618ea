package org.sentier.app.ui

import androidx.compose.foundation.layout.PaddingValues
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.automirrored.filled.ArrowBack
import androidx.compose.material.icons.filled.Download
import androidx.compose.material.icons.filled.FiberManualRecord
import androidx.compose.material.icons.filled.Hiking
import androidx.compose.material.icons.filled.Map
import androidx.compose.material.icons.filled.ReportProblem
import androidx.compose.material.icons.filled.Sos
import androidx.compose.material.icons.outlined.Settings
import androidx.compose.material3.ExperimentalMaterial3Api
import androidx.compose.material3.Icon
import androidx.compose.material3.IconButton
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.NavigationBar
import androidx.compose.material3.NavigationBarItem
import androidx.compose.material3.Scaffold
import androidx.compose.material3.Text
import androidx.compose.material3.TopAppBar
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.graphics.vector.ImageVector
import androidx.compose.ui.text.style.TextOverflow

/** The bottom bar's destinations, as on iOS's tab bar; settings are in the top bar. */
enum class Tab(val icon: ImageVector, val title: (AppStrings) -> String) {
    TREKS(Icons.Filled.Hiking, { it.treksTab }),
    MAP(Icons.Filled.Map, { it.mapTitle }),
    RECORDING(Icons.Filled.FiberManualRecord, { it.recordingTab }),
    REPORT(Icons.Filled.ReportProblem, { it.reportTitle }),
    PACKS(Icons.Filled.Download, { it.packsTitle }),
}

/**
 * The frame of every screen: the top bar with the screen's [title], a back
 * arrow on screens opened from another ([onBack]), the safety button
 * ([onSafety]: 112 and the position for rescuers, one tap away from every
 * screen but the safety screen itself) and the settings button
 * ([onSettings], absent on the settings themselves), and the bottom bar
 * with [selectedTab] marked.
 */
@OptIn(ExperimentalMaterial3Api::class)
@Composable
fun SentierScaffold(
    title: String,
    selectedTab: Tab?,
    onTab: (Tab) -> Unit,
    modifier: Modifier = Modifier,
    onBack: (() -> Unit)? = null,
    onSafety: (() -> Unit)? = null,
    onSettings: (() -> Unit)? = null,
    content: @Composable (PaddingValues) -> Unit,
) {
    val strings = LocalStrings.current
    Scaffold(
        modifier = modifier,
        topBar = {
            TopAppBar(
                title = { Text(title, maxLines = 1, overflow = TextOverflow.Ellipsis) },
                navigationIcon = {
                    if (onBack != null) {
                        IconButton(onClick = onBack) {
                            Icon(Icons.AutoMirrored.Filled.ArrowBack, contentDescription = strings.actionBack)
                        }
                    }
                },
                actions = {
                    if (onSafety != null) {
                        IconButton(onClick = onSafety) {
                            Icon(Icons.Filled.Sos, contentDescription = strings.safetyAction, tint = MaterialTheme.colorScheme.error)
                        }
                    }
                    if (onSettings != null) {
                        IconButton(onClick = onSettings) {
                            Icon(Icons.Outlined.Settings, contentDescription = strings.settingsTitle)
                        }
                    }
                },
            )
        },
        bottomBar = {
            NavigationBar {
                Tab.entries.forEach { tab ->
                    NavigationBarItem(
                        selected = tab == selectedTab,
                        onClick = { onTab(tab) },
                        icon = { Icon(tab.icon, contentDescription = null) },
                        label = { Text(tab.title(strings), maxLines = 1, overflow = TextOverflow.Ellipsis) },
                    )
                }
            }
        },
        content = content,
    )
}
