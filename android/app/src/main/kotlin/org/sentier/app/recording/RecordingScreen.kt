package org.sentier.app.recording

import android.Manifest
import android.os.Build
import androidx.activity.compose.rememberLauncherForActivityResult
import androidx.activity.result.contract.ActivityResultContracts
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
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import java.io.File
import org.sentier.app.R
import org.sentier.app.trail.LabeledValue
import org.sentier.app.trail.SectionTitle
import org.sentier.app.trail.shareGpx
import org.sentier.core.RecordingControl
import org.sentier.core.TrackRow
import org.sentier.presenter.RecordingPresenter

/**
 * Recording: start, pause, resume, stop, the core's live statistics, and the
 * saved tracks with GPX sharing and deletion. Starting asks for precise
 * location, then (Android 13+) for notifications, which show the ongoing
 * recording; the [RecordingService] feeds the recorder while a track is open.
 */
@Composable
fun RecordingScreen(presenter: RecordingPresenter, modifier: Modifier = Modifier) {
    val state by presenter.state.collectAsStateWithLifecycle()
    val context = LocalContext.current
    // The track whose deletion waits for confirmation.
    var deleting by remember { mutableStateOf<TrackRow?>(null) }

    val notifications = rememberLauncherForActivityResult(ActivityResultContracts.RequestPermission()) {
        // Recording works without the notification permission; the service's notification is then hidden.
    }
    val location = rememberLauncherForActivityResult(ActivityResultContracts.RequestPermission()) { granted ->
        if (granted) {
            presenter.start()
            if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.TIRAMISU) notifications.launch(Manifest.permission.POST_NOTIFICATIONS)
        }
    }

    // The service runs while a track is open, including one recovered paused after the app was killed.
    LaunchedEffect(state.active) {
        if (state.active) RecordingService.start(context)
    }
    LaunchedEffect(state.gpxFile) {
        state.gpxFile?.let { file ->
            context.shareGpx(File(file))
            presenter.screen.shared()
        }
    }

    LazyColumn(modifier.padding(horizontal = 16.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
        item {
            Controls(
                status = state.status,
                controls = state.controls,
                onStart = { location.launch(Manifest.permission.ACCESS_FINE_LOCATION) },
                onPause = presenter.screen::pause,
                onResume = presenter.screen::resume,
                onStop = presenter.screen::stop,
            )
        }
        state.recovered?.let { recovered -> item { Text(recovered, style = MaterialTheme.typography.bodyMedium) } }
        if (state.figures.isNotEmpty()) item { LiveFigures(state.figures) }
        state.error?.let { error -> item { Text(error, color = MaterialTheme.colorScheme.error) } }
        item { SectionTitle(stringResource(R.string.recording_tracks)) }
        if (state.tracks.isEmpty()) {
            item { Text(stringResource(R.string.recording_no_tracks), style = MaterialTheme.typography.bodyMedium) }
        }
        items(state.tracks, key = { it.id }) { track ->
            TrackItem(
                track = track,
                onShare = { presenter.screen.exportGpx(track.id) },
                onDelete = { deleting = track },
            )
        }
    }
    deleting?.let { track ->
        AlertDialog(
            onDismissRequest = { deleting = null },
            title = { Text(stringResource(R.string.recording_delete_title, track.name)) },
            text = { Text(stringResource(R.string.recording_delete_message)) },
            confirmButton = {
                TextButton(onClick = {
                    presenter.screen.delete(track.id)
                    deleting = null
                }) { Text(stringResource(R.string.recording_delete)) }
            },
            dismissButton = {
                TextButton(onClick = { deleting = null }) { Text(stringResource(R.string.recording_keep)) }
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
    Column(Modifier.fillMaxWidth().padding(vertical = 8.dp)) {
        Text(status, style = MaterialTheme.typography.titleLarge)
        // FlowRow: the buttons wrap under each other at the largest font sizes.
        FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
            controls.forEach { control ->
                when (control) {
                    RecordingControl.START -> Button(onClick = onStart) {
                        Icon(Icons.Filled.PlayArrow, contentDescription = null)
                        Text(stringResource(R.string.recording_start))
                    }
                    RecordingControl.PAUSE -> OutlinedButton(onClick = onPause) {
                        Icon(Icons.Filled.Pause, contentDescription = null)
                        Text(stringResource(R.string.recording_pause))
                    }
                    RecordingControl.RESUME -> Button(onClick = onResume) {
                        Icon(Icons.Filled.PlayArrow, contentDescription = null)
                        Text(stringResource(R.string.recording_resume))
                    }
                    RecordingControl.STOP -> OutlinedButton(onClick = onStop) {
                        Icon(Icons.Filled.Stop, contentDescription = null)
                        Text(stringResource(R.string.recording_stop))
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
    ListItem(
        headlineContent = { Text(track.name) },
        supportingContent = { Text("${track.date}\n${track.summary}") },
        trailingContent = {
            Row {
                IconButton(onClick = onShare) {
                    Icon(Icons.Filled.Share, contentDescription = stringResource(R.string.trail_share_gpx))
                }
                IconButton(onClick = onDelete) {
                    Icon(Icons.Filled.Delete, contentDescription = stringResource(R.string.recording_delete))
                }
            }
        },
    )
}

