package org.sentier.app.treks

import android.Manifest
import android.annotation.SuppressLint
import android.content.Context
import android.location.LocationManager
import androidx.activity.compose.rememberLauncherForActivityResult
import androidx.activity.result.contract.ActivityResultContracts
import androidx.compose.foundation.clickable
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.ExperimentalLayoutApi
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.layout.size
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.itemsIndexed
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.automirrored.filled.List
import androidx.compose.material.icons.filled.FilterList
import androidx.compose.material.icons.filled.Map
import androidx.compose.material.icons.filled.MyLocation
import androidx.compose.material.icons.filled.Search
import androidx.compose.material3.ExperimentalMaterial3Api
import androidx.compose.material3.FilterChip
import androidx.compose.material3.Icon
import androidx.compose.material3.ListItem
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.SegmentedButton
import androidx.compose.material3.SegmentedButtonDefaults
import androidx.compose.material3.SingleChoiceSegmentedButtonRow
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.saveable.rememberSaveable
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.layout.ContentScale
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import coil3.compose.AsyncImage
import org.sentier.app.R
import org.sentier.app.map.MapLibreMap
import org.sentier.core.LatLon
import org.sentier.core.TrekRow
import org.sentier.core.TreksLayout
import org.sentier.presenter.TreksPresenter

/**
 * The treks of the pack in use: search as you type, the filter sheet, "near
 * me", as a list or on the offline map, which draws the results only.
 */
@OptIn(ExperimentalLayoutApi::class, ExperimentalMaterial3Api::class)
@Composable
fun TreksScreen(
    presenter: TreksPresenter,
    onOpen: (Long) -> Unit,
    modifier: Modifier = Modifier,
) {
    val state by presenter.state.collectAsStateWithLifecycle()
    val search = presenter.screen
    val context = LocalContext.current
    var filtersShown by rememberSaveable { mutableStateOf(false) }
    var text by rememberSaveable { mutableStateOf(state.text) }
    val nearby = rememberLauncherForActivityResult(ActivityResultContracts.RequestPermission()) { granted ->
        if (granted) context.lastKnownPosition()?.let { search.setNear(it) }
    }

    Column(modifier.padding(horizontal = 16.dp)) {
        OutlinedTextField(
            value = text,
            onValueChange = {
                text = it
                search.setText(it)
            },
            leadingIcon = { Icon(Icons.Filled.Search, contentDescription = null) },
            label = { Text(stringResource(R.string.treks_search)) },
            singleLine = true,
            modifier = Modifier.fillMaxWidth(),
        )
        FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp), modifier = Modifier.fillMaxWidth()) {
            FilterChip(
                selected = state.filtered,
                onClick = { filtersShown = true },
                label = { Text(stringResource(R.string.treks_filters)) },
                leadingIcon = { Icon(Icons.Filled.FilterList, contentDescription = null) },
            )
            FilterChip(
                selected = state.nearMe,
                onClick = {
                    if (state.nearMe) search.setNear(null) else nearby.launch(Manifest.permission.ACCESS_FINE_LOCATION)
                },
                label = { Text(stringResource(R.string.treks_near_me)) },
                leadingIcon = { Icon(Icons.Filled.MyLocation, contentDescription = null) },
            )
            SingleChoiceSegmentedButtonRow {
                TreksLayout.entries.forEachIndexed { index, layout ->
                    SegmentedButton(
                        selected = state.layout == layout,
                        onClick = { search.setLayout(layout) },
                        shape = SegmentedButtonDefaults.itemShape(index, TreksLayout.entries.size),
                        icon = {
                            Icon(
                                if (layout == TreksLayout.LIST) Icons.AutoMirrored.Filled.List else Icons.Filled.Map,
                                contentDescription = null,
                            )
                        },
                        label = { Text(stringResource(if (layout == TreksLayout.LIST) R.string.treks_as_list else R.string.treks_as_map)) },
                    )
                }
            }
        }
        Text(
            state.totalLabel,
            style = MaterialTheme.typography.labelLarge,
            modifier = Modifier.padding(vertical = 4.dp),
        )
        state.error?.let { Text(it, color = MaterialTheme.colorScheme.error) }
        when (state.layout) {
            TreksLayout.LIST -> LazyColumn(Modifier.fillMaxSize()) {
                itemsIndexed(state.rows, key = { _, row -> row.id }) { index, row ->
                    TrekItem(row, onClick = { onOpen(row.id) })
                    if (index == state.rows.lastIndex && state.hasMore) LaunchedEffect(row.id) { search.loadMore() }
                }
            }
            TreksLayout.MAP -> state.mapStyleUrl?.let { styleUrl ->
                MapLibreMap(
                    styleUrl = styleUrl,
                    description = stringResource(R.string.treks_map_description),
                    followUser = false,
                    modifier = Modifier.fillMaxSize(),
                    onTrekTap = onOpen,
                )
            } ?: Text(stringResource(R.string.trail_no_map))
        }
    }
    if (filtersShown) TrekFiltersSheet(presenter, onDismiss = { filtersShown = false })
}

@Composable
private fun TrekItem(row: TrekRow, onClick: () -> Unit) {
    ListItem(
        modifier = Modifier.clickable(onClick = onClick),
        leadingContent = row.thumbnailUrl?.let { url ->
            {
                AsyncImage(
                    model = url,
                    contentDescription = stringResource(R.string.trek_photo),
                    contentScale = ContentScale.Crop,
                    modifier = Modifier.size(64.dp),
                )
            }
        },
        headlineContent = { Text(row.name) },
        overlineContent = row.labels.takeIf { it.isNotEmpty() }?.let { labels -> { Text(labels) } },
        supportingContent = { Text(row.figures) },
    )
}

/** The device's last known position, if location is allowed and one is known. */
@SuppressLint("MissingPermission") // asked for just before
private fun Context.lastKnownPosition(): LatLon? {
    val manager = getSystemService(LocationManager::class.java)
    return manager.getProviders(true)
        .mapNotNull { manager.getLastKnownLocation(it) }
        .maxByOrNull { it.time }
        ?.let { LatLon(it.latitude, it.longitude) }
}
