package org.sentier.app.report

import androidx.annotation.StringRes
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.items
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.filled.CheckCircle
import androidx.compose.material.icons.filled.Clear
import androidx.compose.material.icons.filled.Delete
import androidx.compose.material.icons.filled.Edit
import androidx.compose.material.icons.filled.Error
import androidx.compose.material.icons.filled.Refresh
import androidx.compose.material.icons.filled.Schedule
import androidx.compose.material.icons.filled.Upload
import androidx.compose.material.icons.filled.Warning
import androidx.compose.material3.Button
import androidx.compose.material3.HorizontalDivider
import androidx.compose.material3.Icon
import androidx.compose.material3.IconButton
import androidx.compose.material3.ListItem
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.graphics.vector.ImageVector
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import org.sentier.core.MeasureFormatter
import org.sentier.presenter.utcOffsetMinutes
import org.sentier.app.R
import org.sentier.core.OutboxEntry
import org.sentier.core.ReportState
import org.sentier.presenter.OutboxPresenter

/** Every report with its state as the core's outbox keeps it; send now, retry a failed one, discard. */
@Composable
fun OutboxScreen(outbox: OutboxPresenter, measures: MeasureFormatter, modifier: Modifier = Modifier) {
    val state by outbox.state.collectAsStateWithLifecycle()
    LaunchedEffect(outbox) { outbox.refresh() }
    LazyColumn(modifier.fillMaxSize()) {
        item {
            Column(Modifier.padding(16.dp)) {
                Button(onClick = { outbox.sendNow() }, enabled = !state.busy, modifier = Modifier.fillMaxWidth()) {
                    Text(stringResource(R.string.outbox_send_now))
                }
                state.error?.let { Text(it, color = MaterialTheme.colorScheme.error, modifier = Modifier.padding(top = 8.dp)) }
                if (state.entries.isEmpty()) {
                    Text(stringResource(R.string.outbox_empty), modifier = Modifier.padding(top = 16.dp))
                }
            }
        }
        items(state.entries, key = { it.id }) { entry ->
            OutboxRow(entry, measures, onRetry = { outbox.retry(entry.id) }, onDiscard = { outbox.discard(entry.id) })
            HorizontalDivider()
        }
    }
}

@Composable
private fun OutboxRow(entry: OutboxEntry, measures: MeasureFormatter, onRetry: () -> Unit, onDiscard: () -> Unit) {
    val look = entry.state.look()
    ListItem(
        leadingContent = { Icon(look.icon, contentDescription = null) }, // The headline says the state.
        headlineContent = { Text(stringResource(look.title)) },
        supportingContent = {
            Column {
                if (entry.draft.comment.isNotBlank()) Text(entry.draft.comment, maxLines = 2)
                Text(
                    measures.dateTime(entry.createdAtMs, utcOffsetMinutes(entry.createdAtMs)),
                    style = MaterialTheme.typography.bodySmall,
                )
                entry.lastError?.let { Text(it, color = MaterialTheme.colorScheme.error, style = MaterialTheme.typography.bodySmall) }
            }
        },
        trailingContent = {
            Row {
                if (entry.canRetry) {
                    IconButton(onClick = onRetry) {
                        Icon(Icons.Filled.Refresh, contentDescription = stringResource(R.string.outbox_retry))
                    }
                }
                if (entry.canDiscard) {
                    IconButton(onClick = onDiscard) {
                        Icon(Icons.Filled.Delete, contentDescription = stringResource(R.string.outbox_discard))
                    }
                }
            }
        },
    )
}

private class StateLook(@StringRes val title: Int, val icon: ImageVector)

private fun ReportState.look() = when (this) {
    ReportState.DRAFT -> StateLook(R.string.outbox_state_draft, Icons.Filled.Edit)
    ReportState.QUEUED -> StateLook(R.string.outbox_state_queued, Icons.Filled.Schedule)
    ReportState.SENDING -> StateLook(R.string.outbox_state_sending, Icons.Filled.Upload)
    ReportState.SENT -> StateLook(R.string.outbox_state_sent, Icons.Filled.CheckCircle)
    ReportState.FAILED -> StateLook(R.string.outbox_state_failed, Icons.Filled.Error)
    ReportState.POSSIBLY_DELIVERED -> StateLook(R.string.outbox_state_possibly_delivered, Icons.Filled.Warning)
    ReportState.DAMAGED -> StateLook(R.string.outbox_state_damaged, Icons.Filled.Clear)
}
