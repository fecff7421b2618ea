package org.sentier.app.report

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
import org.sentier.app.R
import org.sentier.core.OutboxRow
import org.sentier.core.ReportState
import org.sentier.presenter.OutboxPresenter

/** Every report with its state, as the core's outbox words it; send now, retry a failed one, discard. */
@Composable
fun OutboxScreen(outbox: OutboxPresenter, modifier: Modifier = Modifier) {
    val state by outbox.state.collectAsStateWithLifecycle()
    LaunchedEffect(outbox) { outbox.screen.refresh() }
    LazyColumn(modifier.fillMaxSize()) {
        item {
            Column(Modifier.padding(16.dp)) {
                Button(onClick = { outbox.screen.sendNow() }, enabled = !state.busy, modifier = Modifier.fillMaxWidth()) {
                    Text(stringResource(R.string.outbox_send_now))
                }
                state.error?.let { Text(it, color = MaterialTheme.colorScheme.error, modifier = Modifier.padding(top = 8.dp)) }
                if (state.rows.isEmpty()) {
                    Text(stringResource(R.string.outbox_empty), modifier = Modifier.padding(top = 16.dp))
                }
            }
        }
        items(state.rows, key = { it.id }) { row ->
            OutboxRowItem(row, onRetry = { outbox.screen.retry(row.id) }, onDiscard = { outbox.screen.discard(row.id) })
            HorizontalDivider()
        }
    }
}

@Composable
private fun OutboxRowItem(row: OutboxRow, onRetry: () -> Unit, onDiscard: () -> Unit) {
    ListItem(
        leadingContent = { Icon(row.state.icon(), contentDescription = null) }, // The headline says the state.
        headlineContent = { Text(row.stateLabel) },
        supportingContent = {
            Column {
                if (row.comment.isNotBlank()) Text(row.comment, maxLines = 2)
                Text(row.date, style = MaterialTheme.typography.bodySmall)
                row.error?.let { Text(it, color = MaterialTheme.colorScheme.error, style = MaterialTheme.typography.bodySmall) }
            }
        },
        trailingContent = {
            Row {
                if (row.canRetry) {
                    IconButton(onClick = onRetry) {
                        Icon(Icons.Filled.Refresh, contentDescription = stringResource(R.string.outbox_retry))
                    }
                }
                if (row.canDiscard) {
                    IconButton(onClick = onDiscard) {
                        Icon(Icons.Filled.Delete, contentDescription = stringResource(R.string.outbox_discard))
                    }
                }
            }
        },
    )
}

private fun ReportState.icon(): ImageVector = when (this) {
    ReportState.DRAFT -> Icons.Filled.Edit
    ReportState.QUEUED -> Icons.Filled.Schedule
    ReportState.SENDING -> Icons.Filled.Upload
    ReportState.SENT -> Icons.Filled.CheckCircle
    ReportState.FAILED -> Icons.Filled.Error
    ReportState.POSSIBLY_DELIVERED -> Icons.Filled.Warning
    ReportState.DAMAGED -> Icons.Filled.Clear
}
