package org.sentier.app.map

import androidx.compose.foundation.layout.Box
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.unit.dp
import org.sentier.app.ui.LocalStrings
import org.sentier.core.FollowScreenState

/**
 * The offline map of the pack in use ([styleUrl], from the core's tile server,
 * the followed trek highlighted by the style), drawn by [map], and, when a
 * trek is followed, the follow banner with what the core's follower says;
 * a tap on its profile hands [onProfileTap] the distance along the trek.
 */
@Composable
fun MapScreen(
    styleUrl: String?,
    follow: FollowScreenState,
    onStopFollowing: () -> Unit,
    map: @Composable (styleUrl: String, modifier: Modifier) -> Unit,
    modifier: Modifier = Modifier,
    onProfileTap: ((alongM: Double) -> Unit)? = null,
) {
    if (styleUrl == null) {
        Text(LocalStrings.current.trailNoMap, modifier.padding(16.dp))
        return
    }
    Box(modifier.fillMaxSize()) {
        map(styleUrl, Modifier.fillMaxSize())
        if (follow.trekId != null) {
            FollowBanner(
                state = follow,
                onStop = onStopFollowing,
                onProfileTap = onProfileTap,
                modifier = Modifier.align(Alignment.TopCenter).fillMaxWidth().padding(8.dp),
            )
        }
    }
}
