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
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.semantics.LiveRegionMode
import androidx.compose.ui.semantics.liveRegion
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import org.sentier.app.R
import org.sentier.core.FollowHeadline
import org.sentier.presenter.FollowAlert
import org.sentier.presenter.FollowBanner
import org.sentier.presenter.FollowScreenState

/**
 * What the core's follower says: the status, distance and climb left, the
 * arrival time, the point ahead, the sensitive areas the hiker is in, and its
 * latest alert (announced by screen readers).
 */
@OptIn(ExperimentalLayoutApi::class)
@Composable
fun FollowBanner(
    state: FollowScreenState,
    onStop: () -> Unit,
    modifier: Modifier = Modifier,
) {
    Card(modifier, colors = CardDefaults.cardColors(containerColor = MaterialTheme.colorScheme.surfaceContainerHigh)) {
        Column(Modifier.padding(12.dp), verticalArrangement = Arrangement.spacedBy(4.dp)) {
            Row(verticalAlignment = Alignment.CenterVertically) {
                Text(
                    state.trekName.orEmpty(),
                    style = MaterialTheme.typography.titleMedium,
                    modifier = Modifier.weight(1f),
                )
                IconButton(onClick = onStop) {
                    Icon(Icons.Filled.Close, contentDescription = stringResource(R.string.follow_stop))
                }
            }
            state.error?.let { Text(it, color = MaterialTheme.colorScheme.error) }
            val banner = state.banner
            if (banner == null) {
                Text(stringResource(R.string.follow_waiting))
            } else {
                Text(status(banner), style = MaterialTheme.typography.bodyLarge)
                FlowRow(horizontalArrangement = Arrangement.spacedBy(12.dp)) {
                    Figure(Icons.AutoMirrored.Filled.ArrowForward, stringResource(R.string.follow_to_go, banner.distanceRemaining))
                    Figure(Icons.AutoMirrored.Filled.TrendingUp, stringResource(R.string.follow_ascent_left, banner.ascentRemaining))
                    banner.arrival?.let { arrival ->
                        Figure(
                            Icons.Filled.Schedule,
                            stringResource(R.string.follow_arrival, arrival, banner.timeRemaining.orEmpty()),
                        )
                    }
                }
                banner.pointAhead?.let { Text(stringResource(R.string.follow_point_ahead, it.name, it.distance)) }
                banner.sensitiveAreas.forEach { area ->
                    Figure(Icons.Filled.Warning, stringResource(R.string.follow_in_sensitive_area, area))
                }
            }
            state.alert?.let { alert ->
                Text(
                    alertText(alert),
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

@Composable
private fun status(banner: FollowBanner): String = when (banner.headline) {
    FollowHeadline.OFF_ROUTE -> stringResource(R.string.follow_off_route, banner.offRouteBy.orEmpty())
    FollowHeadline.WRONG_DIRECTION -> stringResource(R.string.follow_wrong_direction)
    FollowHeadline.ARRIVED -> stringResource(R.string.follow_arrived)
    FollowHeadline.WAITING -> stringResource(R.string.follow_waiting)
    FollowHeadline.ON_ROUTE -> stringResource(R.string.follow_on_route)
}

@Composable
private fun alertText(alert: FollowAlert): String = when (alert) {
    is FollowAlert.OffRoute -> stringResource(R.string.follow_off_route, alert.distance)
    FollowAlert.BackOnRoute -> stringResource(R.string.follow_back_on_route)
    FollowAlert.WrongDirection -> stringResource(R.string.follow_wrong_direction)
    FollowAlert.RightDirection -> stringResource(R.string.follow_right_direction)
    is FollowAlert.PointAhead -> stringResource(R.string.follow_point_ahead, alert.point.name, alert.point.distance)
    is FollowAlert.EnteredSensitiveArea -> stringResource(R.string.follow_entered_sensitive_area, alert.name)
    is FollowAlert.LeftSensitiveArea -> stringResource(R.string.follow_left_sensitive_area, alert.name)
    FollowAlert.Arrived -> stringResource(R.string.follow_arrived)
}
