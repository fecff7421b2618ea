package org.sentier.app.map

import android.Manifest
import android.content.pm.PackageManager
import androidx.activity.compose.rememberLauncherForActivityResult
import androidx.activity.result.contract.ActivityResultContracts
import androidx.compose.foundation.layout.Box
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.unit.dp
import androidx.core.content.ContextCompat
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import kotlinx.coroutines.flow.map
import org.sentier.app.R
import org.sentier.app.recording.gpsFixes
import org.sentier.app.recording.toFix
import org.sentier.presenter.FollowPresenter

/**
 * The offline map of the pack in use ([styleUrl], from the core's tile server,
 * the followed trek highlighted by the style) with the live position and, when
 * a trek is followed, the follow banner fed by the core's follower with the
 * device's fixes while the map shows.
 */
@Composable
fun MapScreen(
    styleUrl: String?,
    follow: FollowPresenter,
    onOpenTrek: (Long) -> Unit,
    modifier: Modifier = Modifier,
) {
    val state by follow.state.collectAsStateWithLifecycle()
    val context = LocalContext.current
    var located by remember {
        mutableStateOf(ContextCompat.checkSelfPermission(context, Manifest.permission.ACCESS_FINE_LOCATION) == PackageManager.PERMISSION_GRANTED)
    }
    val permission = rememberLauncherForActivityResult(ActivityResultContracts.RequestPermission()) { located = it }
    LaunchedEffect(Unit) {
        if (!located) permission.launch(Manifest.permission.ACCESS_FINE_LOCATION)
    }
    @Suppress("MissingPermission") // gpsFixes runs only once location is granted
    LaunchedEffect(state.trekId, located) {
        if (located && state.trekId != null) follow.feed(context.gpsFixes().map { it.toFix() })
    }

    if (styleUrl == null) {
        Text(stringResource(R.string.trail_no_map), modifier.padding(16.dp))
        return
    }
    Box(modifier.fillMaxSize()) {
        MapLibreMap(
            styleUrl = styleUrl,
            description = stringResource(R.string.map_description),
            followUser = located && state.trekId != null,
            modifier = Modifier.fillMaxSize(),
            onTrekTap = onOpenTrek,
        )
        if (state.trekId != null) {
            FollowBanner(
                state = state,
                onStop = { follow.screen.follow(null, 0) },
                modifier = Modifier.align(Alignment.TopCenter).fillMaxWidth().padding(8.dp),
            )
        }
    }
}
