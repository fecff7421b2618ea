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
import org.sentier.app.ui.rememberPresenter
import org.sentier.presenter.CurrentPack
import org.sentier.presenter.DownloadRow
import org.sentier.presenter.PackRow
import org.sentier.presenter.PacksPresenter

/**
 * The packs of the territory's server and of this device: download with
 * progress, pause, resume, cancel, update, remove, and the pack the app shows.
 */
@Composable
fun PacksScreen(services: AppServices, onOpenSettings: () -> Unit, modifier: Modifier = Modifier) {
    val core = services.core
    val currentPack = services.currentPack
    if (core == null || currentPack == null) {
        MissingPrerequisite(stringResource(R.string.packs_unavailable), services.coreError.orEmpty(), modifier)
        return
    }
    val settings by services.settings.settings.collectAsStateWithLifecycle()
    val measures by services.settings.measures.collectAsStateWithLifecycle()
    val server = settings.packServerUrl
    val presenter = rememberPresenter("packs:$server:${settings.units}") { scope ->
        PacksPresenter(core.packs, server, measures, scope, onInstalled = { pack ->
            // A new pack is shown at once when none is, and an updated one again.
            val shown = currentPack.inUse.value?.pack?.id
            if (shown == null || shown == pack.id) currentPack.use(pack)
        })
    }
    LaunchedEffect(presenter) { presenter.refresh() }
    PacksList(presenter, currentPack, onOpenSettings, modifier)
}

@Composable
private fun PacksList(presenter: PacksPresenter, currentPack: CurrentPack, onOpenSettings: () -> Unit, modifier: Modifier) {
    val state by presenter.state.collectAsStateWithLifecycle()
    val inUse by currentPack.inUse.collectAsStateWithLifecycle()
    val useError by currentPack.error.collectAsStateWithLifecycle()
    val (installed, available) = state.rows.partition { it.installed != null }
    LazyColumn(modifier.fillMaxSize(), contentPadding = PaddingValues(16.dp)) {
        (state.error ?: useError)?.let { error ->
            item { Text(error, color = MaterialTheme.colorScheme.error) }
        }
        if (state.loading && state.rows.isEmpty()) {
            item { LinearProgressIndicator(Modifier.fillMaxWidth()) }
        }
        item { Heading(stringResource(R.string.packs_on_device)) }
        items(installed, key = { "installed:" + it.id }) { row ->
            InstalledPackRow(
                row = row,
                inUse = inUse?.pack?.id == row.id,
                presenter = presenter,
                onUse = { row.installed?.let(currentPack::use) },
                onRemove = {
                    currentPack.removed(row.id)
                    presenter.remove(row.id)
                },
            )
            HorizontalDivider()
        }
        item {
            Text(
                stringResource(R.string.packs_storage_used, state.storageUsed),
                style = MaterialTheme.typography.bodySmall,
                modifier = Modifier.padding(vertical = 8.dp),
            )
        }
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
            items(available, key = { "available:" + it.id }) { row ->
                Column(Modifier.padding(vertical = 8.dp)) {
                    Text(row.name, style = MaterialTheme.typography.titleMedium)
                    Text(row.size, style = MaterialTheme.typography.bodyMedium)
                    DownloadControls(row, presenter, start = stringResource(R.string.packs_download))
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
private fun InstalledPackRow(row: PackRow, inUse: Boolean, presenter: PacksPresenter, onUse: () -> Unit, onRemove: () -> Unit) {
    Column(Modifier.padding(vertical = 8.dp)) {
        Row(verticalAlignment = Alignment.CenterVertically) {
            Column(Modifier.weight(1f)) {
                Row(verticalAlignment = Alignment.CenterVertically) {
                    Text(row.name, style = MaterialTheme.typography.titleMedium)
                    if (inUse) {
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
            IconButton(onClick = onRemove) {
                Icon(Icons.Filled.Delete, contentDescription = stringResource(R.string.packs_remove, row.name))
            }
        }
        if (!inUse) {
            OutlinedButton(onClick = onUse) { Text(stringResource(R.string.packs_use)) }
        }
        row.updateVersion?.let { version ->
            DownloadControls(row, presenter, start = stringResource(R.string.packs_update, version.toString()))
        }
    }
}

/** The download button, or the progress with pause (or resume) and cancel while it runs. */
@OptIn(ExperimentalLayoutApi::class)
@Composable
private fun DownloadControls(row: PackRow, presenter: PacksPresenter, start: String) {
    val download = row.download
    if (download == null) {
        FilledTonalButton(onClick = { presenter.download(row.id) }) { Text(start) }
        return
    }
    val progress = progressText(download)
    LinearProgressIndicator(
        progress = { download.fraction },
        modifier = Modifier.fillMaxWidth().padding(vertical = 4.dp).semantics { stateDescription = progress },
    )
    Text(progress, style = MaterialTheme.typography.bodySmall)
    FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
        if (download.paused) {
            TextButton(onClick = { presenter.download(row.id) }) { Text(stringResource(R.string.packs_resume)) }
        } else {
            TextButton(onClick = { presenter.pause(row.id) }) { Text(stringResource(R.string.packs_pause)) }
        }
        TextButton(onClick = { presenter.cancel(row.id) }) {
            Text(stringResource(R.string.packs_cancel), color = MaterialTheme.colorScheme.error)
        }
    }
}

/** The core's figures of a download, joined as the row reads them. */
@Composable
private fun progressText(download: DownloadRow): String {
    if (download.installing) return stringResource(R.string.packs_installing)
    val paused = if (download.paused) stringResource(R.string.packs_paused) else null
    return listOfNotNull(paused, download.bytes, download.rate, download.remaining).joinToString(" · ")
}
