package org.sentier.app.report

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.PaddingValues
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.layout.size
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.items
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.automirrored.filled.Send
import androidx.compose.material.icons.filled.CheckCircle
import androidx.compose.material.icons.filled.Clear
import androidx.compose.material.icons.filled.Error
import androidx.compose.material.icons.filled.Schedule
import androidx.compose.material.icons.filled.Upload
import androidx.compose.material.icons.filled.Warning
import androidx.compose.material.icons.outlined.Delete
import androidx.compose.material.icons.outlined.Edit
import androidx.compose.material.icons.outlined.Outbox
import androidx.compose.material.icons.outlined.Refresh
import androidx.compose.material3.Button
import androidx.compose.material3.Card
import androidx.compose.material3.CardDefaults
import androidx.compose.material3.Icon
import androidx.compose.material3.IconButton
import androidx.compose.material3.LinearProgressIndicator
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.graphics.Color
import androidx.compose.ui.graphics.vector.ImageVector
import androidx.compose.ui.text.style.TextOverflow
import androidx.compose.ui.unit.dp
import org.sentier.app.ui.ErrorCard
import org.sentier.app.ui.LocalStrings
import org.sentier.app.ui.MissingPrerequisite
import org.sentier.core.OutboxRow
import org.sentier.core.OutboxState
import org.sentier.core.ReportState
import org.sentier.ffi.ReportsOutboxInterface

/** What the user does with the outbox; each goes to the core's outbox screen. */
class OutboxActions(
    val onSendNow: () -> Unit,
    val onRetry: (id: String) -> Unit,
    val onDiscard: (id: String) -> Unit,
) {
    /** Each action sent to [outbox]. */
    constructor(outbox: ReportsOutboxInterface) : this(
        onSendNow = outbox::sendNow,
        onRetry = outbox::retry,
        onDiscard = outbox::discard,
    )
}

/** Every report with its state, as the core's outbox words it; send now, retry a failed one, discard. */
@Composable
fun OutboxScreen(state: OutboxState, actions: OutboxActions, modifier: Modifier = Modifier) {
    val strings = LocalStrings.current
    LazyColumn(
        modifier.fillMaxSize(),
        contentPadding = PaddingValues(16.dp),
        verticalArrangement = Arrangement.spacedBy(12.dp),
    ) {
        item {
            Column(verticalArrangement = Arrangement.spacedBy(8.dp)) {
                Button(onClick = actions.onSendNow, enabled = !state.busy && state.rows.isNotEmpty(), modifier = Modifier.fillMaxWidth()) {
                    Icon(Icons.AutoMirrored.Filled.Send, contentDescription = null, modifier = Modifier.size(18.dp))
                    Text(strings.outboxSendNow, modifier = Modifier.padding(start = 8.dp))
                }
                if (state.busy) LinearProgressIndicator(Modifier.fillMaxWidth())
                state.error?.let { ErrorCard(it) }
            }
        }
        if (state.rows.isEmpty()) {
            item { MissingPrerequisite(Icons.Outlined.Outbox, strings.outboxEmpty, strings.outboxEmptyMessage) }
        }
        items(state.rows, key = { it.id }) { row ->
            OutboxRowCard(row, onRetry = { actions.onRetry(row.id) }, onDiscard = { actions.onDiscard(row.id) })
        }
    }
}

@Composable
private fun OutboxRowCard(row: OutboxRow, onRetry: () -> Unit, onDiscard: () -> Unit) {
    val strings = LocalStrings.current
    val (icon, tint) = row.state.look()
    Card(
        Modifier.fillMaxWidth(),
        colors = CardDefaults.cardColors(containerColor = MaterialTheme.colorScheme.surfaceContainerLow),
    ) {
        Row(Modifier.padding(start = 16.dp, top = 12.dp, bottom = 12.dp, end = 4.dp), horizontalArrangement = Arrangement.spacedBy(12.dp)) {
            // The state's words say it; the icon is decoration.
            Icon(icon, contentDescription = null, tint = tint, modifier = Modifier.padding(top = 2.dp).size(24.dp))
            Column(Modifier.weight(1f), verticalArrangement = Arrangement.spacedBy(2.dp)) {
                Text(row.stateLabel, style = MaterialTheme.typography.titleSmall, color = tint)
                if (row.comment.isNotBlank()) {
                    Text(row.comment, style = MaterialTheme.typography.bodyMedium, maxLines = 3, overflow = TextOverflow.Ellipsis)
                }
                Text(row.date, style = MaterialTheme.typography.bodySmall, color = MaterialTheme.colorScheme.onSurfaceVariant)
                row.error?.let { Text(it, color = MaterialTheme.colorScheme.error, style = MaterialTheme.typography.bodySmall) }
            }
            Row(verticalAlignment = Alignment.CenterVertically) {
                if (row.canRetry) {
                    IconButton(onClick = onRetry) { Icon(Icons.Outlined.Refresh, contentDescription = strings.outboxRetry) }
                }
                if (row.canDiscard) {
                    IconButton(onClick = onDiscard) { Icon(Icons.Outlined.Delete, contentDescription = strings.outboxDiscard) }
                }
            }
        }
    }
}

@Composable
private fun ReportState.look(): Pair<ImageVector, Color> = when (this) {
    ReportState.DRAFT -> Icons.Outlined.Edit to MaterialTheme.colorScheme.onSurfaceVariant
    ReportState.QUEUED -> Icons.Filled.Schedule to MaterialTheme.colorScheme.tertiary
    ReportState.SENDING -> Icons.Filled.Upload to MaterialTheme.colorScheme.primary
    ReportState.SENT -> Icons.Filled.CheckCircle to MaterialTheme.colorScheme.primary
    ReportState.FAILED -> Icons.Filled.Error to MaterialTheme.colorScheme.error
    ReportState.POSSIBLY_DELIVERED -> Icons.Filled.Warning to MaterialTheme.colorScheme.tertiary
    ReportState.DAMAGED -> Icons.Filled.Clear to MaterialTheme.colorScheme.error
}
