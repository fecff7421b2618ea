package org.sentier.app.map

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.ExperimentalLayoutApi
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.padding
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.automirrored.filled.ArrowForward
import androidx.compose.material.icons.automirrored.filled.TrendingUp
import androidx.compose.material.icons.filled.Close
import androidx.compose.material.icons.filled.Schedule
import androidx.compose.material.icons.filled.Warning
import androidx.compose.material3.Card
import androidx.compose.material3.CardDefaults
import androidx.compose.material3.Icon
import androidx.compose.material3.IconButton
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.graphics.vector.ImageVector
import androidx.compose.ui.semantics.LiveRegionMode
import androidx.compose.ui.semantics.liveRegion
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import org.sentier.app.treks.ElevationChart
import org.sentier.app.ui.LocalStrings
import org.sentier.core.FollowScreenState

/**
 * What the core's follow screen says: the status, distance and climb left,
 * the arrival time, the point ahead, the sensitive areas the hiker is in,
 * the trek's profile with the hiker on it (a tap hands [onProfileTap] the
 * distance along it), and its latest alert (announced by screen readers),
 * all worded by the core.
 */
@OptIn(ExperimentalLayoutApi::class)
@Composable
fun FollowBanner(
    state: FollowScreenState,
    onStop: () -> Unit,
    modifier: Modifier = Modifier,
    onProfileTap: ((alongM: Double) -> Unit)? = null,
) {
    val strings = LocalStrings.current
    Card(modifier, colors = CardDefaults.cardColors(containerColor = MaterialTheme.colorScheme.surfaceContainerHigh)) {
        Column(Modifier.padding(12.dp), verticalArrangement = Arrangement.spacedBy(4.dp)) {
            Row(verticalAlignment = Alignment.CenterVertically) {
                Text(
                    state.trekName.orEmpty(),
                    style = MaterialTheme.typography.titleMedium,
                    modifier = Modifier.weight(1f),
                )
                IconButton(onClick = onStop) {
                    Icon(Icons.Filled.Close, contentDescription = strings.followStop)
                }
            }
            state.error?.let { Text(it, color = MaterialTheme.colorScheme.error) }
            val banner = state.banner
            if (banner == null) {
                Text(strings.followWaiting)
            } else {
                Text(banner.status, style = MaterialTheme.typography.bodyLarge)
                FlowRow(horizontalArrangement = Arrangement.spacedBy(12.dp)) {
                    Figure(Icons.AutoMirrored.Filled.ArrowForward, banner.distanceLeft)
                    Figure(Icons.AutoMirrored.Filled.TrendingUp, banner.ascentLeft)
                    banner.arrival?.let { Figure(Icons.Filled.Schedule, it) }
                }
                banner.pointAhead?.let { Text(it) }
                banner.sensitiveAreas.forEach { Figure(Icons.Filled.Warning, it) }
            }
            state.profile?.let { profile ->
                ElevationChart(profile, marker = state.banner?.onProfile, onTap = onProfileTap, height = 64.dp)
            }
            state.alert?.let { alert ->
                Text(
                    alert,
                    style = MaterialTheme.typography.labelLarge,
                    color = MaterialTheme.colorScheme.primary,
                    modifier = Modifier.semantics { liveRegion = LiveRegionMode.Polite },
                )
            }
        }
    }
}

@Composable
private fun Figure(icon: ImageVector, text: String) {
    Row(verticalAlignment = Alignment.CenterVertically, horizontalArrangement = Arrangement.spacedBy(4.dp)) {
        // The text says it all; the icon is decoration.
        Icon(icon, contentDescription = null)
        Text(text, style = MaterialTheme.typography.bodyMedium)
    }
}
