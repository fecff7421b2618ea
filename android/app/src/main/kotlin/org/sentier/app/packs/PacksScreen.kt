package org.sentier.app.packs

import androidx.compose.foundation.background
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Box
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.ExperimentalLayoutApi
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.layout.PaddingValues
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.layout.size
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.items
import androidx.compose.foundation.shape.CircleShape
import androidx.compose.foundation.shape.RoundedCornerShape
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.filled.Check
import androidx.compose.material.icons.filled.Download
import androidx.compose.material.icons.outlined.CloudOff
import androidx.compose.material.icons.outlined.Delete
import androidx.compose.material.icons.outlined.Pause
import androidx.compose.material.icons.outlined.PlayArrow
import androidx.compose.material.icons.outlined.Terrain
import androidx.compose.material3.AlertDialog
import androidx.compose.material3.Card
import androidx.compose.material3.CardDefaults
import androidx.compose.material3.FilledTonalButton
import androidx.compose.material3.Icon
import androidx.compose.material3.IconButton
import androidx.compose.material3.LinearProgressIndicator
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.saveable.rememberSaveable
import androidx.compose.runtime.setValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.semantics.stateDescription
import androidx.compose.ui.unit.dp
import org.sentier.app.ui.ErrorCard
import org.sentier.app.ui.LocalStrings
import org.sentier.app.ui.MissingPrerequisite
import org.sentier.app.ui.SectionTitle
import org.sentier.core.PackRow
import org.sentier.core.PacksState
import org.sentier.ffi.PacksScreenInterface

/** What the user does with packs, by pack id; each goes to the core's packs screen. */
class PacksActions(
    /** Starts, resumes or updates. */
    val onDownload: (id: String) -> Unit,
    val onPause: (id: String) -> Unit,
    val onCancel: (id: String) -> Unit,
    val onRemove: (id: String) -> Unit,
    val onUse: (id: String) -> Unit,
    val onOpenSettings: () -> Unit,
) {
    /** Each pack action sent to [screen]; [onOpenSettings] is the navigation's. */
    constructor(screen: PacksScreenInterface, onOpenSettings: () -> Unit) : this(
        onDownload = screen::download,
        onPause = screen::pause,
        onCancel = screen::cancel,
        onRemove = screen::remove,
        onUse = screen::usePack,
        onOpenSettings = onOpenSettings,
    )
}

/**
 * The packs of this device and of the territory's server: download with
 * progress, pause, resume, cancel, update, remove (confirmed), and the pack
 * the app shows; every rule and every figure is the core's packs screen's.
 */
@Composable
fun PacksScreen(state: PacksState, actions: PacksActions, modifier: Modifier = Modifier) {
    val strings = LocalStrings.current
    var removing by rememberSaveable { mutableStateOf<String?>(null) }
    LazyColumn(
        modifier.fillMaxSize(),
        contentPadding = PaddingValues(16.dp),
        verticalArrangement = Arrangement.spacedBy(12.dp),
    ) {
        state.error?.let { error -> item { ErrorCard(error) } }
        if (state.loading) item { LinearProgressIndicator(Modifier.fillMaxWidth()) }
        item { SectionTitle(strings.packsOnDevice) }
        if (state.installed.isEmpty()) {
            item { Hint(strings.packsNoneInstalled) }
        }
        items(state.installed, key = { "installed:" + it.id }) { row ->
            PackCard(row, actions, onRemove = { removing = row.id })
        }
        item { Hint(state.storageUsed) }
        if (state.serverUrl == null) {
            item {
                MissingPrerequisite(
                    icon = Icons.Outlined.CloudOff,
                    title = strings.packsNoServer,
                    message = strings.packsNoServerMessage,
                    action = strings.settingsTitle,
                    onAction = actions.onOpenSettings,
                )
            }
        } else {
            item { SectionTitle(strings.packsAvailable) }
            if (state.available.isEmpty() && !state.loading) {
                item { Hint(strings.packsAllInstalled) }
            }
            items(state.available, key = { "available:" + it.id }) { row -> PackCard(row, actions, onRemove = null) }
        }
    }
    removing?.let { id ->
        val name = state.installed.firstOrNull { it.id == id }?.name ?: id
        AlertDialog(
            onDismissRequest = { removing = null },
            icon = { Icon(Icons.Outlined.Delete, contentDescription = null) },
            title = { Text(strings.packsRemoveTitle(name)) },
            text = { Text(strings.packsRemoveMessage) },
            confirmButton = {
                TextButton(onClick = {
                    actions.onRemove(id)
                    removing = null
                }) { Text(strings.packsRemoveConfirm, color = MaterialTheme.colorScheme.error) }
            },
            dismissButton = { TextButton(onClick = { removing = null }) { Text(strings.packsKeep) } },
        )
    }
}

@Composable
private fun Hint(text: String) {
    Text(text, style = MaterialTheme.typography.bodyMedium, color = MaterialTheme.colorScheme.onSurfaceVariant)
}

/** One pack: its name, size and state, and what can be done with it now. */
@Composable
private fun PackCard(row: PackRow, actions: PacksActions, onRemove: (() -> Unit)?) {
    val strings = LocalStrings.current
    Card(
        Modifier.fillMaxWidth(),
        colors = CardDefaults.cardColors(containerColor = MaterialTheme.colorScheme.surfaceContainerLow),
    ) {
        Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(12.dp)) {
            Row(verticalAlignment = Alignment.CenterVertically, horizontalArrangement = Arrangement.spacedBy(16.dp)) {
                Box(
                    Modifier.size(40.dp).background(MaterialTheme.colorScheme.secondaryContainer, CircleShape),
                    contentAlignment = Alignment.Center,
                ) {
                    Icon(Icons.Outlined.Terrain, contentDescription = null, tint = MaterialTheme.colorScheme.onSecondaryContainer)
                }
                Column(Modifier.weight(1f), verticalArrangement = Arrangement.spacedBy(2.dp)) {
                    Text(row.name, style = MaterialTheme.typography.titleMedium)
                    Text(row.size, style = MaterialTheme.typography.bodyMedium, color = MaterialTheme.colorScheme.onSurfaceVariant)
                    if (row.inUse) InUseBadge()
                }
                if (onRemove != null) {
                    IconButton(onClick = onRemove) {
                        Icon(Icons.Outlined.Delete, contentDescription = strings.packsRemove(row.name))
                    }
                }
            }
            if (row.installed && !row.inUse) {
                OutlinedButton(onClick = { actions.onUse(row.id) }) { Text(strings.packsUse) }
            }
            when {
                !row.installed -> DownloadControls(row, actions, start = strings.packsDownload)
                row.update != null -> DownloadControls(row, actions, start = row.update!!)
            }
        }
    }
}

@Composable
private fun InUseBadge() {
    Row(
        Modifier
            .padding(top = 4.dp)
            .background(MaterialTheme.colorScheme.primaryContainer, RoundedCornerShape(8.dp))
            .padding(horizontal = 8.dp, vertical = 2.dp),
        verticalAlignment = Alignment.CenterVertically,
        horizontalArrangement = Arrangement.spacedBy(4.dp),
    ) {
        Icon(Icons.Filled.Check, contentDescription = null, tint = MaterialTheme.colorScheme.onPrimaryContainer, modifier = Modifier.size(14.dp))
        Text(LocalStrings.current.packsInUse, style = MaterialTheme.typography.labelMedium, color = MaterialTheme.colorScheme.onPrimaryContainer)
    }
}

/** The download button, or the progress with pause (or resume) and cancel while it runs. */
@OptIn(ExperimentalLayoutApi::class)
@Composable
private fun DownloadControls(row: PackRow, actions: PacksActions, start: String) {
    val strings = LocalStrings.current
    val download = row.download
    if (download == null) {
        FilledTonalButton(onClick = { actions.onDownload(row.id) }) {
            Icon(Icons.Filled.Download, contentDescription = null, modifier = Modifier.size(18.dp))
            Text(start, modifier = Modifier.padding(start = 8.dp))
        }
        return
    }
    Column(verticalArrangement = Arrangement.spacedBy(4.dp)) {
        LinearProgressIndicator(
            progress = { download.fraction.toFloat() },
            modifier = Modifier.fillMaxWidth().semantics { stateDescription = download.text },
        )
        Text(download.text, style = MaterialTheme.typography.bodySmall, color = MaterialTheme.colorScheme.onSurfaceVariant)
        FlowRow(Modifier.fillMaxWidth(), horizontalArrangement = Arrangement.spacedBy(8.dp, Alignment.End)) {
            TextButton(onClick = { actions.onCancel(row.id) }) {
                Text(strings.packsCancel, color = MaterialTheme.colorScheme.error)
            }
            if (download.paused) {
                FilledTonalButton(onClick = { actions.onDownload(row.id) }) {
                    Icon(Icons.Outlined.PlayArrow, contentDescription = null, modifier = Modifier.size(18.dp))
                    Text(strings.packsResume, modifier = Modifier.padding(start = 8.dp))
                }
            } else {
                OutlinedButton(onClick = { actions.onPause(row.id) }) {
                    Icon(Icons.Outlined.Pause, contentDescription = null, modifier = Modifier.size(18.dp))
                    Text(strings.packsPause, modifier = Modifier.padding(start = 8.dp))
                }
            }
        }
    }
}
