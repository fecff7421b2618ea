package org.sentier.app.packs

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.ExperimentalLayoutApi
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.layout.PaddingValues
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.items
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.filled.CheckCircle
import androidx.compose.material.icons.filled.Delete
import androidx.compose.material3.FilledTonalButton
import androidx.compose.material3.HorizontalDivider
import androidx.compose.material3.Icon
import androidx.compose.material3.IconButton
import androidx.compose.material3.LinearProgressIndicator
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.semantics.stateDescription
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import org.sentier.app.AppServices
import org.sentier.app.R
import org.sentier.app.ui.MissingPrerequisite
import org.sentier.core.PackRow
import org.sentier.ffi.PacksScreen

/**
 * The packs of the territory's server and of this device: download with
 * progress, pause, resume, cancel, update, remove, and the pack the app
 * shows; every rule and every figure is the core's packs screen's.
 */
@Composable
fun PacksScreen(services: AppServices, onOpenSettings: () -> Unit, modifier: Modifier = Modifier) {
    val presenter = services.packs
    if (presenter == null) {
        MissingPrerequisite(stringResource(R.string.packs_unavailable), services.coreError.orEmpty(), modifier)
        return
    }
    val state by presenter.state.collectAsStateWithLifecycle()
    val packs = presenter.screen
    LaunchedEffect(packs) { packs.refresh() }
    LazyColumn(modifier.fillMaxSize(), contentPadding = PaddingValues(16.dp)) {
        state.error?.let { error -> item { Text(error, color = MaterialTheme.colorScheme.error) } }
        if (state.loading && state.installed.isEmpty() && state.available.isEmpty()) {
            item { LinearProgressIndicator(Modifier.fillMaxWidth()) }
        }
        item { Heading(stringResource(R.string.packs_on_device)) }
        items(state.installed, key = { "installed:" + it.id }) { row ->
            InstalledPackRow(row, packs)
            HorizontalDivider()
        }
        item { Text(state.storageUsed, style = MaterialTheme.typography.bodySmall, modifier = Modifier.padding(vertical = 8.dp)) }
        if (state.serverUrl == null) {
            item {
                MissingPrerequisite(
                    title = stringResource(R.string.packs_no_server),
                    message = stringResource(R.string.packs_no_server_message),
                    action = stringResource(R.string.settings_title),
                    onAction = onOpenSettings,
                )
            }
        } else {
            item { Heading(stringResource(R.string.packs_available)) }
            items(state.available, key = { "available:" + it.id }) { row ->
                Column(Modifier.padding(vertical = 8.dp)) {
                    Text(row.name, style = MaterialTheme.typography.titleMedium)
                    Text(row.size, style = MaterialTheme.typography.bodyMedium)
                    DownloadControls(row, packs, start = stringResource(R.string.packs_download))
                }
                HorizontalDivider()
            }
        }
    }
}

@Composable
private fun Heading(text: String) {
    Text(text, style = MaterialTheme.typography.titleLarge, modifier = Modifier.padding(vertical = 8.dp).semantics { heading() })
}

@Composable
private fun InstalledPackRow(row: PackRow, packs: PacksScreen) {
    Column(Modifier.padding(vertical = 8.dp)) {
        Row(verticalAlignment = Alignment.CenterVertically) {
            Column(Modifier.weight(1f)) {
                Row(verticalAlignment = Alignment.CenterVertically) {
                    Text(row.name, style = MaterialTheme.typography.titleMedium)
                    if (row.inUse) {
                        Icon(
                            Icons.Filled.CheckCircle,
                            contentDescription = stringResource(R.string.packs_in_use),
                            tint = MaterialTheme.colorScheme.primary,
                            modifier = Modifier.padding(start = 8.dp),
                        )
                    }
                }
                Text(row.size, style = MaterialTheme.typography.bodyMedium)
            }
            IconButton(onClick = { packs.remove(row.id) }) {
                Icon(Icons.Filled.Delete, contentDescription = stringResource(R.string.packs_remove, row.name))
            }
        }
        if (!row.inUse) {
            OutlinedButton(onClick = { packs.usePack(row.id) }) { Text(stringResource(R.string.packs_use)) }
        }
        row.update?.let { update -> DownloadControls(row, packs, start = update) }
    }
}

/** The download button, or the progress with pause (or resume) and cancel while it runs. */
@OptIn(ExperimentalLayoutApi::class)
@Composable
private fun DownloadControls(row: PackRow, packs: PacksScreen, start: String) {
    val download = row.download
    if (download == null) {
        FilledTonalButton(onClick = { packs.download(row.id) }) { Text(start) }
        return
    }
    LinearProgressIndicator(
        progress = { download.fraction.toFloat() },
        modifier = Modifier.fillMaxWidth().padding(vertical = 4.dp).semantics { stateDescription = download.text },
    )
    Text(download.text, style = MaterialTheme.typography.bodySmall)
    FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
        if (download.paused) {
            TextButton(onClick = { packs.download(row.id) }) { Text(stringResource(R.string.packs_resume)) }
        } else {
            TextButton(onClick = { packs.pause(row.id) }) { Text(stringResource(R.string.packs_pause)) }
        }
        TextButton(onClick = { packs.cancel(row.id) }) {
            Text(stringResource(R.string.packs_cancel), color = MaterialTheme.colorScheme.error)
        }
    }
}
