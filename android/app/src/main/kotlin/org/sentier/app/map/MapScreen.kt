package org.sentier.app.map

import androidx.compose.foundation.clickable
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Box
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.ExperimentalLayoutApi
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.Spacer
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.layout.width
import androidx.compose.foundation.selection.toggleable
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.automirrored.filled.KeyboardArrowRight
import androidx.compose.material.icons.filled.Close
import androidx.compose.material.icons.outlined.Map
import androidx.compose.material3.Card
import androidx.compose.material3.CardDefaults
import androidx.compose.material3.FilledTonalButton
import androidx.compose.material3.FilterChip
import androidx.compose.material3.HorizontalDivider
import androidx.compose.material3.Icon
import androidx.compose.material3.IconButton
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Switch
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.LiveRegionMode
import androidx.compose.ui.semantics.Role
import androidx.compose.ui.semantics.liveRegion
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.text.font.FontWeight
import androidx.compose.ui.unit.dp
import org.sentier.app.ui.LocalStrings
import org.sentier.core.BasemapChoice
import org.sentier.core.FollowScreenState
import org.sentier.core.MapLayer
import org.sentier.core.MapTap
import org.sentier.core.MapViewState
import org.sentier.core.OverlayLayer

/** What the map screen hands back to the core's map and follow screens. */
class MapActions(
    val showLayer: (layer: OverlayLayer, shown: Boolean) -> Unit,
    val chooseBasemap: (key: String) -> Unit,
    val dismissTap: () -> Unit,
    /** A trek of the tap's answer was picked. */
    val openTrek: (id: Long) -> Unit,
    val stopFollowing: () -> Unit,
    /** A tap on the followed trek's profile, with the distance along the trek. */
    val profileTap: ((alongM: Double) -> Unit)? = null,
)

/**
 * The offline map of the pack in use as the core's map screen has it ([state]:
 * its style, the layer groups shown, the basemap drawn, what lies where the
 * hiker tapped), drawn by [map]; over it, the follow banner while a trek is
 * followed, the layers panel (open at first when [layersOpen]) and the card
 * listing the tap's answer. Every word and rule is the core's.
 */
@Composable
fun MapScreen(
    state: MapViewState,
    follow: FollowScreenState,
    actions: MapActions,
    map: @Composable (styleUrl: String, modifier: Modifier) -> Unit,
    modifier: Modifier = Modifier,
    layersOpen: Boolean = false,
) {
    val styleUrl = state.styleUrl
    if (styleUrl == null) {
        Text(state.unavailable ?: LocalStrings.current.trailNoMap, modifier.padding(16.dp))
        return
    }
    var panelOpen by remember { mutableStateOf(layersOpen) }
    Box(modifier.fillMaxSize()) {
        map(styleUrl, Modifier.fillMaxSize())
        if (follow.trekId != null) {
            FollowBanner(
                state = follow,
                onStop = actions.stopFollowing,
                onProfileTap = actions.profileTap,
                modifier = Modifier.align(Alignment.TopCenter).fillMaxWidth().padding(8.dp),
            )
        }
        Column(
            Modifier.align(Alignment.BottomCenter).fillMaxWidth().padding(8.dp),
            verticalArrangement = Arrangement.spacedBy(8.dp),
            horizontalAlignment = Alignment.End,
        ) {
            FilledTonalButton(onClick = { panelOpen = !panelOpen }) {
                Icon(Icons.Outlined.Map, contentDescription = null)
                Spacer(Modifier.width(8.dp))
                Text(LocalStrings.current.mapLayers)
            }
            if (panelOpen) LayersPanel(state.layers, state.basemaps, actions, Modifier.fillMaxWidth())
            state.tap?.let { TapCard(it, actions, Modifier.fillMaxWidth()) }
        }
    }
}

/** The layer groups to show or hide and, when the map has several, the basemaps to switch between. */
@OptIn(ExperimentalLayoutApi::class)
@Composable
private fun LayersPanel(layers: List<MapLayer>, basemaps: List<BasemapChoice>, actions: MapActions, modifier: Modifier) {
    val strings = LocalStrings.current
    Card(modifier, colors = CardDefaults.cardColors(containerColor = MaterialTheme.colorScheme.surfaceContainerHigh)) {
        Column(Modifier.padding(horizontal = 16.dp, vertical = 8.dp)) {
            Text(strings.mapLayersTitle, style = MaterialTheme.typography.titleMedium, modifier = Modifier.padding(vertical = 4.dp))
            layers.forEach { layer ->
                Row(
                    Modifier.fillMaxWidth()
                        .toggleable(value = layer.shown, role = Role.Switch, onValueChange = { actions.showLayer(layer.layer, it) })
                        .padding(vertical = 2.dp),
                    verticalAlignment = Alignment.CenterVertically,
                ) {
                    Text(layer.label, Modifier.weight(1f))
                    Switch(checked = layer.shown, onCheckedChange = null)
                }
            }
            if (basemaps.size > 1) {
                HorizontalDivider(Modifier.padding(vertical = 8.dp))
                Text(strings.mapBasemap, style = MaterialTheme.typography.titleSmall)
                FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                    basemaps.forEach { basemap ->
                        FilterChip(
                            selected = basemap.chosen,
                            onClick = { actions.chooseBasemap(basemap.key) },
                            label = { Text(basemap.name) },
                        )
                    }
                }
            }
        }
    }
}

/** What lies where the hiker tapped, nearest first, as the core words it; a trek opens its detail. */
@Composable
private fun TapCard(tap: MapTap, actions: MapActions, modifier: Modifier) {
    Card(
        modifier.semantics { liveRegion = LiveRegionMode.Polite },
        colors = CardDefaults.cardColors(containerColor = MaterialTheme.colorScheme.surfaceContainerHigh),
    ) {
        Row(Modifier.padding(start = 16.dp, top = 4.dp, end = 4.dp), verticalAlignment = Alignment.Top) {
            Column(Modifier.weight(1f).padding(vertical = 8.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
                tap.problem?.let { Text(it, style = MaterialTheme.typography.bodyMedium) }
                tap.rows.forEach { row ->
                    val opens = if (row.opensTrek) Modifier.clickable { actions.openTrek(row.id) } else Modifier
                    Row(opens.fillMaxWidth(), verticalAlignment = Alignment.CenterVertically) {
                        Column(Modifier.weight(1f)) {
                            Text(row.title, style = MaterialTheme.typography.bodyLarge, fontWeight = FontWeight.Medium)
                            Text(row.subtitle, style = MaterialTheme.typography.bodyMedium, color = MaterialTheme.colorScheme.onSurfaceVariant)
                        }
                        if (row.opensTrek) Icon(Icons.AutoMirrored.Filled.KeyboardArrowRight, contentDescription = null)
                    }
                }
            }
            IconButton(onClick = actions.dismissTap) {
                Icon(Icons.Filled.Close, contentDescription = LocalStrings.current.mapTapClose)
            }
        }
    }
}
