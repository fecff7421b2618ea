package org.sentier.app.recording

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.ExperimentalLayoutApi
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.items
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.filled.Delete
import androidx.compose.material.icons.filled.Pause
import androidx.compose.material.icons.filled.PlayArrow
import androidx.compose.material.icons.filled.Share
import androidx.compose.material.icons.filled.Stop
import androidx.compose.material.icons.outlined.FileOpen
import androidx.compose.material3.AlertDialog
import androidx.compose.material3.Button
import androidx.compose.material3.Card
import androidx.compose.material3.Icon
import androidx.compose.material3.IconButton
import androidx.compose.material3.ListItem
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.unit.dp
import org.sentier.app.ui.LabeledValue
import org.sentier.app.ui.LocalStrings
import org.sentier.app.ui.SectionTitle
import org.sentier.core.RecordingControl
import org.sentier.core.RecordingState
import org.sentier.core.TrackRow

/**
 * Recording: start, pause, resume, stop, the core's live statistics, and the
 * saved tracks with GPX sharing and deletion, and the import of a GPX to
 * follow ([onImportGpx]: the system's file picker). Starting asks for precise
 * location, then (Android 13+) for notifications, which show the ongoing
 * recording; the trail service feeds the recorder while a track is open.
 */
@Composable
fun RecordingScreen(
    state: RecordingState,
    onStart: () -> Unit,
    onPause: () -> Unit,
    onResume: () -> Unit,
    onStop: () -> Unit,
    onShare: (trackId: Long) -> Unit,
    onDelete: (trackId: Long) -> Unit,
    onImportGpx: () -> Unit,
    modifier: Modifier = Modifier,
) {
    val strings = LocalStrings.current
    // The track whose deletion waits for confirmation.
    var deleting by remember { mutableStateOf<TrackRow?>(null) }

    LazyColumn(modifier.padding(horizontal = 16.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
        item {
            Controls(
                status = state.status,
                controls = state.controls,
                onStart = onStart,
                onPause = onPause,
                onResume = onResume,
                onStop = onStop,
            )
        }
        state.recovered?.let { recovered -> item { Text(recovered, style = MaterialTheme.typography.bodyMedium) } }
        if (state.figures.isNotEmpty()) item { LiveFigures(state.figures) }
        state.error?.let { error -> item { Text(error, color = MaterialTheme.colorScheme.error) } }
        item { SectionTitle(strings.recordingTracks) }
        item {
            OutlinedButton(onClick = onImportGpx, modifier = Modifier.fillMaxWidth()) {
                Icon(Icons.Outlined.FileOpen, contentDescription = null)
                Text(strings.recordingImportGpx, modifier = Modifier.padding(start = 8.dp))
            }
        }
        if (state.tracks.isEmpty()) {
            item { Text(strings.recordingNoTracks, style = MaterialTheme.typography.bodyMedium) }
        }
        items(state.tracks, key = { it.id }) { track ->
            TrackItem(
                track = track,
                onShare = { onShare(track.id) },
                onDelete = { deleting = track },
            )
        }
    }
    deleting?.let { track ->
        AlertDialog(
            onDismissRequest = { deleting = null },
            title = { Text(strings.recordingDeleteTitle(track.name)) },
            text = { Text(strings.recordingDeleteMessage) },
            confirmButton = {
                TextButton(onClick = {
                    onDelete(track.id)
                    deleting = null
                }) { Text(strings.recordingDelete) }
            },
            dismissButton = {
                TextButton(onClick = { deleting = null }) { Text(strings.recordingKeep) }
            },
        )
    }
}

@OptIn(ExperimentalLayoutApi::class)
@Composable
private fun Controls(
    status: String,
    controls: List<RecordingControl>,
    onStart: () -> Unit,
    onPause: () -> Unit,
    onResume: () -> Unit,
    onStop: () -> Unit,
) {
    val strings = LocalStrings.current
    Column(Modifier.fillMaxWidth().padding(vertical = 8.dp), verticalArrangement = Arrangement.spacedBy(12.dp)) {
        Text(status, style = MaterialTheme.typography.titleLarge)
        // FlowRow: the buttons wrap under each other at the largest font sizes.
        FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
            controls.forEach { control ->
                when (control) {
                    RecordingControl.START -> Button(onClick = onStart) {
                        Icon(Icons.Filled.PlayArrow, contentDescription = null)
                        Text(strings.recordingStart)
                    }
                    RecordingControl.PAUSE -> OutlinedButton(onClick = onPause) {
                        Icon(Icons.Filled.Pause, contentDescription = null)
                        Text(strings.recordingPause)
                    }
                    RecordingControl.RESUME -> Button(onClick = onResume) {
                        Icon(Icons.Filled.PlayArrow, contentDescription = null)
                        Text(strings.recordingResume)
                    }
                    RecordingControl.STOP -> OutlinedButton(onClick = onStop) {
                        Icon(Icons.Filled.Stop, contentDescription = null)
                        Text(strings.recordingStop)
                    }
                }
            }
        }
    }
}

@Composable
private fun LiveFigures(figures: List<org.sentier.core.LabeledValue>) {
    Card(Modifier.fillMaxWidth()) {
        Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(4.dp)) {
            figures.forEach { LabeledValue(it.label, it.value) }
        }
    }
}

@Composable
private fun TrackItem(track: TrackRow, onShare: () -> Unit, onDelete: () -> Unit) {
    val strings = LocalStrings.current
    ListItem(
        headlineContent = { Text(track.name) },
        supportingContent = { Text("${track.date}\n${track.summary}") },
        trailingContent = {
            Row {
                IconButton(onClick = onShare) {
                    Icon(Icons.Filled.Share, contentDescription = strings.trailShareGpx)
                }
                IconButton(onClick = onDelete) {
                    Icon(Icons.Filled.Delete, contentDescription = strings.recordingDelete)
                }
            }
        },
    )
}

