package org.sentier.app.trail

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.ExperimentalLayoutApi
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.layout.size
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.items
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.filled.Call
import androidx.compose.material.icons.filled.ContentCopy
import androidx.compose.material.icons.filled.Share
import androidx.compose.material.icons.outlined.GpsFixed
import androidx.compose.material.icons.outlined.Terrain
import androidx.compose.material3.Button
import androidx.compose.material3.ButtonDefaults
import androidx.compose.material3.Card
import androidx.compose.material3.Icon
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.graphics.Color
import androidx.compose.ui.graphics.vector.ImageVector
import androidx.compose.ui.text.font.FontWeight
import androidx.compose.ui.unit.dp
import org.sentier.app.ui.SectionTitle
import org.sentier.core.EmergencyCall
import org.sentier.core.NearestHelp
import org.sentier.core.SafetyPosition
import org.sentier.core.SafetyState

/**
 * Safety, offline: the numbers to call first, as large red buttons, then the
 * hiker's position as rescuers read it (decimal degrees, degrees-minutes-seconds,
 * accuracy, altitude) with copy and share, then the nearest information desk
 * and signpost with their distance and bearing, or why none is shown. Every
 * word comes from the core's [SafetyState] (its title goes to the frame's top
 * bar, whose arrow leads back, as on every screen opened from another); the
 * shell dials, copies and shares.
 */
@Composable
fun SafetyScreen(
    state: SafetyState,
    onCall: (number: String) -> Unit,
    onCopy: (text: String) -> Unit,
    onShare: (text: String) -> Unit,
    modifier: Modifier = Modifier,
) {
    LazyColumn(modifier.padding(horizontal = 16.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
        items(state.calls, key = { it.number }) { call -> CallButton(call, onCall) }
        item { SectionTitle(state.positionLabel) }
        item {
            val position = state.position
            if (position != null) {
                PositionCard(position, state.copyLabel, state.shareLabel, onCopy, onShare)
            } else {
                state.waitingForPosition?.let { Text(it, style = MaterialTheme.typography.bodyLarge) }
            }
        }
        listOfNotNull(state.nearestDesk, state.nearestSignpost).forEach { help ->
            item { HelpCard(help) }
        }
        items(state.nearestMissing) { missing ->
            Text(missing, style = MaterialTheme.typography.bodyMedium, color = MaterialTheme.colorScheme.onSurfaceVariant)
        }
    }
}

/**
 * The call buttons' red, the same in the dark theme (whose error colour is a
 * pale pink): an emergency button looks like one day and night.
 */
private val EMERGENCY_RED = Color(0xFFB3261E)

/** A number to call: red, full width, tall enough to hit with a glove. */
@Composable
private fun CallButton(call: EmergencyCall, onCall: (String) -> Unit) {
    Button(
        onClick = { onCall(call.number) },
        colors = ButtonDefaults.buttonColors(containerColor = EMERGENCY_RED, contentColor = Color.White),
        modifier = Modifier.fillMaxWidth().heightIn(min = 72.dp).padding(top = 8.dp),
    ) {
        Icon(Icons.Filled.Call, contentDescription = null, modifier = Modifier.size(32.dp))
        Text(
            call.label,
            style = MaterialTheme.typography.headlineSmall,
            fontWeight = FontWeight.Bold,
            modifier = Modifier.padding(start = 12.dp),
        )
    }
}

/** The position as the core words it, large enough to be read aloud over the phone. */
@OptIn(ExperimentalLayoutApi::class)
@Composable
private fun PositionCard(
    position: SafetyPosition,
    copyLabel: String,
    shareLabel: String,
    onCopy: (String) -> Unit,
    onShare: (String) -> Unit,
) {
    Card(Modifier.fillMaxWidth()) {
        Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(6.dp)) {
            Text(position.decimal, style = MaterialTheme.typography.titleLarge, fontWeight = FontWeight.Bold)
            Text(position.dms, style = MaterialTheme.typography.titleMedium)
            position.accuracy?.let { IconLine(Icons.Outlined.GpsFixed, it) }
            position.altitude?.let { IconLine(Icons.Outlined.Terrain, it) }
            // FlowRow: the buttons go under each other at the largest font sizes.
            FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp), modifier = Modifier.padding(top = 4.dp)) {
                OutlinedButton(onClick = { onCopy(position.shareText) }) {
                    Icon(Icons.Filled.ContentCopy, contentDescription = null)
                    Text(copyLabel, modifier = Modifier.padding(start = 8.dp))
                }
                OutlinedButton(onClick = { onShare(position.shareText) }) {
                    Icon(Icons.Filled.Share, contentDescription = null)
                    Text(shareLabel, modifier = Modifier.padding(start = 8.dp))
                }
            }
        }
    }
}

@Composable
private fun IconLine(icon: ImageVector, text: String) {
    Row(verticalAlignment = Alignment.CenterVertically) {
        Icon(icon, contentDescription = null, tint = MaterialTheme.colorScheme.onSurfaceVariant, modifier = Modifier.size(20.dp))
        Text(text, style = MaterialTheme.typography.bodyLarge, modifier = Modifier.padding(start = 8.dp))
    }
}

/** The nearest desk or signpost: its kind, name, how far and which way. */
@Composable
private fun HelpCard(help: NearestHelp) {
    Card(Modifier.fillMaxWidth()) {
        Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(4.dp)) {
            Text(help.kindLabel, style = MaterialTheme.typography.labelLarge, color = MaterialTheme.colorScheme.primary)
            Text(help.name, style = MaterialTheme.typography.titleMedium)
            Text("${help.distance} · ${help.bearing}", style = MaterialTheme.typography.bodyLarge)
        }
    }
}
