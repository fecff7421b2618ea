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
import org.sentier.app.R
import org.sentier.app.trail.LabeledValue
import org.sentier.app.trail.SectionTitle
import org.sentier.app.trail.exportsFolder
import org.sentier.app.trail.shareGpx
import org.sentier.core.RecorderState
import org.sentier.presenter.RecordingPresenter
import org.sentier.presenter.RecordingStats
import org.sentier.presenter.TrackRow

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
    LaunchedEffect(state.exported) {
        state.exported?.let { file ->
            context.shareGpx(file)
            presenter.shared()
        }
    }

    LazyColumn(modifier.padding(horizontal = 16.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
        item {
            Controls(
                recorder = state.recorder,
                onStart = { location.launch(Manifest.permission.ACCESS_FINE_LOCATION) },
                onPause = presenter::pause,
                onResume = presenter::resume,
                onStop = presenter::stop,
            )
        }
        state.stats?.let { stats -> item { LiveStats(stats) } }
        state.error?.let { error -> item { Text(error, color = MaterialTheme.colorScheme.error) } }
        item { SectionTitle(stringResource(R.string.recording_tracks)) }
        if (state.tracks.isEmpty()) {
            item { Text(stringResource(R.string.recording_no_tracks), style = MaterialTheme.typography.bodyMedium) }
        }
        items(state.tracks, key = { it.id }) { track ->
            TrackItem(
                track = track,
                onShare = { presenter.exportGpx(track.id, context.exportsFolder()) },
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
                    presenter.delete(track.id)
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
    recorder: RecorderState,
    onStart: () -> Unit,
    onPause: () -> Unit,
    onResume: () -> Unit,
    onStop: () -> Unit,
) {
    Column(Modifier.fillMaxWidth().padding(vertical = 8.dp)) {
        Text(
            stringResource(
                when (recorder) {
                    RecorderState.IDLE -> R.string.recording_state_idle
                    RecorderState.RECORDING -> R.string.recording_state_recording
                    RecorderState.PAUSED -> R.string.recording_state_paused
                    RecorderState.AUTO_PAUSED -> R.string.recording_state_auto_paused
                },
            ),
            style = MaterialTheme.typography.titleLarge,
        )
        // FlowRow: the buttons wrap under each other at the largest font sizes.
        FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
            when (recorder) {
                RecorderState.IDLE -> Button(onClick = onStart) {
                    Icon(Icons.Filled.PlayArrow, contentDescription = null)
                    Text(stringResource(R.string.recording_start))
                }
                RecorderState.RECORDING, RecorderState.AUTO_PAUSED -> OutlinedButton(onClick = onPause) {
                    Icon(Icons.Filled.Pause, contentDescription = null)
                    Text(stringResource(R.string.recording_pause))
                }
                RecorderState.PAUSED -> Button(onClick = onResume) {
                    Icon(Icons.Filled.PlayArrow, contentDescription = null)
                    Text(stringResource(R.string.recording_resume))
                }
            }
            if (recorder != RecorderState.IDLE) {
                OutlinedButton(onClick = onStop) {
                    Icon(Icons.Filled.Stop, contentDescription = null)
                    Text(stringResource(R.string.recording_stop))
                }
            }
        }
    }
}

@Composable
private fun LiveStats(stats: RecordingStats) {
    Card(Modifier.fillMaxWidth()) {
        Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(4.dp)) {
            LabeledValue(stringResource(R.string.recording_distance), stats.distance)
            LabeledValue(stringResource(R.string.recording_moving_time), stats.movingTime)
            LabeledValue(stringResource(R.string.recording_elapsed_time), stats.elapsedTime)
            LabeledValue(stringResource(R.string.recording_ascent), stats.ascent)
            LabeledValue(stringResource(R.string.recording_descent), stats.descent)
            LabeledValue(stringResource(R.string.recording_average_speed), stats.averageSpeed)
        }
    }
}

@Composable
private fun TrackItem(track: TrackRow, onShare: () -> Unit, onDelete: () -> Unit) {
    ListItem(
        headlineContent = { Text(track.name) },
        supportingContent = { Text("${track.distance} · ${track.movingTime}") },
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

