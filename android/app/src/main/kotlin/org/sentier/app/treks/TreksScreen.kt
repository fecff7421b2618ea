package org.sentier.app.treks

import androidx.compose.foundation.clickable
import androidx.compose.foundation.horizontalScroll
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.layout.size
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.itemsIndexed
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.shape.RoundedCornerShape
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.automirrored.filled.List
import androidx.compose.material.icons.filled.Close
import androidx.compose.material.icons.filled.FilterList
import androidx.compose.material.icons.filled.Map
import androidx.compose.material.icons.filled.MyLocation
import androidx.compose.material.icons.filled.Search
import androidx.compose.material.icons.outlined.SearchOff
import androidx.compose.material3.FilterChip
import androidx.compose.material3.HorizontalDivider
import androidx.compose.material3.Icon
import androidx.compose.material3.IconButton
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
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.draw.clip
import androidx.compose.ui.text.style.TextOverflow
import androidx.compose.ui.unit.dp
import org.sentier.app.ui.ErrorCard
import org.sentier.app.ui.LocalPhotos
import org.sentier.app.ui.LocalStrings
import org.sentier.app.ui.MissingPrerequisite
import org.sentier.app.ui.PhotoPlaceholder
import org.sentier.core.TrekFilter
import org.sentier.core.TrekMeasure
import org.sentier.core.TrekRow
import org.sentier.core.TrekSearchState
import org.sentier.core.TreksLayout
import org.sentier.core.ValueRange
import org.sentier.ffi.TrekSearchScreenInterface

/** What the hiker does on the treks screen; each goes to the core's trek search, which does the searching. */
class TreksActions(
    val onText: (String) -> Unit,
    val onToggle: (TrekFilter, id: Long) -> Unit,
    val onRange: (TrekMeasure, ValueRange) -> Unit,
    val onClearFilters: () -> Unit,
    /** On: the glue asks for the position, then searches around it; off: everywhere again. */
    val onNearMe: (Boolean) -> Unit,
    val onLayout: (TreksLayout) -> Unit,
    val onLoadMore: () -> Unit,
    val onOpen: (id: Long) -> Unit,
) {
    /** The search's actions sent to [search]; "near me" (the device's position) and opening a trek are the glue's. */
    constructor(search: TrekSearchScreenInterface, onNearMe: (Boolean) -> Unit, onOpen: (id: Long) -> Unit) : this(
        onText = search::setText,
        onToggle = search::toggle,
        onRange = search::setRange,
        onClearFilters = search::clearFilters,
        onNearMe = onNearMe,
        onLayout = search::setLayout,
        onLoadMore = search::loadMore,
        onOpen = onOpen,
    )
}

/**
 * The treks of the pack in use: search as you type, the filter sheet, "near
 * me", as a list or on the offline map ([map] draws the core's style, which
 * shows the results only).
 */
@Composable
fun TreksScreen(
    state: TrekSearchState,
    actions: TreksActions,
    map: @Composable (styleUrl: String, modifier: Modifier) -> Unit,
    modifier: Modifier = Modifier,
) {
    val strings = LocalStrings.current
    var filtersShown by rememberSaveable { mutableStateOf(false) }
    // The field keeps what is typed; the core searches it.
    var text by rememberSaveable { mutableStateOf(state.text) }

    Column(modifier.fillMaxSize()) {
        OutlinedTextField(
            value = text,
            onValueChange = {
                text = it
                actions.onText(it)
            },
            leadingIcon = { Icon(Icons.Filled.Search, contentDescription = null) },
            trailingIcon = if (text.isEmpty()) null else {
                {
                    IconButton(onClick = {
                        text = ""
                        actions.onText("")
                    }) { Icon(Icons.Filled.Close, contentDescription = strings.treksClearSearch) }
                }
            },
            placeholder = { Text(strings.treksSearch) },
            singleLine = true,
            shape = RoundedCornerShape(28.dp),
            modifier = Modifier.fillMaxWidth().padding(horizontal = 16.dp, vertical = 8.dp),
        )
        Row(
            Modifier.fillMaxWidth().horizontalScroll(rememberScrollState()).padding(horizontal = 16.dp),
            horizontalArrangement = Arrangement.spacedBy(8.dp),
        ) {
            FilterChip(
                selected = state.filtered,
                onClick = { filtersShown = true },
                label = { Text(strings.treksFilters) },
                leadingIcon = { Icon(Icons.Filled.FilterList, contentDescription = null, modifier = Modifier.size(18.dp)) },
            )
            FilterChip(
                selected = state.nearMe,
                onClick = { actions.onNearMe(!state.nearMe) },
                label = { Text(strings.treksNearMe) },
                leadingIcon = { Icon(Icons.Filled.MyLocation, contentDescription = null, modifier = Modifier.size(18.dp)) },
            )
        }
        Row(
            Modifier.fillMaxWidth().padding(start = 16.dp, end = 16.dp, top = 4.dp, bottom = 8.dp),
            verticalAlignment = Alignment.CenterVertically,
        ) {
            Text(state.totalLabel, style = MaterialTheme.typography.titleSmall, modifier = Modifier.weight(1f))
            LayoutChoice(state.layout, actions.onLayout)
        }
        state.error?.let { ErrorCard(it, Modifier.padding(horizontal = 16.dp)) }
        when {
            state.layout == TreksLayout.MAP -> state.mapStyleUrl?.let { map(it, Modifier.fillMaxSize()) }
                ?: MissingPrerequisite(Icons.Filled.Map, strings.treksAsMap, strings.trailNoMap)
            state.rows.isEmpty() && state.error == null -> MissingPrerequisite(
                icon = Icons.Outlined.SearchOff,
                title = strings.treksNoMatch,
                message = strings.treksNoMatchMessage,
                action = if (state.filtered) strings.treksClearFilters else null,
                onAction = actions.onClearFilters,
            )
            else -> LazyColumn(Modifier.fillMaxSize()) {
                itemsIndexed(state.rows, key = { _, row -> row.id }) { index, row ->
                    TrekItem(row, onClick = { actions.onOpen(row.id) })
                    if (index < state.rows.lastIndex) HorizontalDivider(Modifier.padding(start = 104.dp, end = 16.dp))
                    if (index == state.rows.lastIndex && state.hasMore) LaunchedEffect(row.id) { actions.onLoadMore() }
                }
            }
        }
    }
    if (filtersShown) {
        TrekFiltersSheet(state, actions, onDismiss = { filtersShown = false })
    }
}

@Composable
private fun LayoutChoice(selected: TreksLayout, onSelect: (TreksLayout) -> Unit) {
    val strings = LocalStrings.current
    SingleChoiceSegmentedButtonRow {
        TreksLayout.entries.forEachIndexed { index, layout ->
            SegmentedButton(
                selected = selected == layout,
                onClick = { onSelect(layout) },
                shape = SegmentedButtonDefaults.itemShape(index, TreksLayout.entries.size),
                icon = {
                    SegmentedButtonDefaults.Icon(active = selected == layout) {
                        Icon(
                            if (layout == TreksLayout.LIST) Icons.AutoMirrored.Filled.List else Icons.Filled.Map,
                            contentDescription = null,
                            modifier = Modifier.size(18.dp),
                        )
                    }
                },
                label = { Text(if (layout == TreksLayout.LIST) strings.treksAsList else strings.treksAsMap) },
            )
        }
    }
}

/** One trek of the results: its photo, practice and difficulty, name and the core's figures. */
@Composable
private fun TrekItem(row: TrekRow, onClick: () -> Unit) {
    val strings = LocalStrings.current
    Row(
        Modifier.fillMaxWidth().clickable(onClick = onClick).padding(horizontal = 16.dp, vertical = 12.dp),
        horizontalArrangement = Arrangement.spacedBy(16.dp),
    ) {
        val thumbnail = Modifier.size(72.dp).clip(RoundedCornerShape(12.dp))
        row.thumbnailUrl?.let { LocalPhotos.current(it, strings.trekPhoto, thumbnail) } ?: PhotoPlaceholder(strings.trekPhoto, thumbnail)
        Column(Modifier.weight(1f), verticalArrangement = Arrangement.spacedBy(2.dp)) {
            if (row.labels.isNotEmpty()) {
                Text(row.labels, style = MaterialTheme.typography.labelMedium, color = MaterialTheme.colorScheme.primary)
            }
            Text(row.name, style = MaterialTheme.typography.titleMedium, maxLines = 2, overflow = TextOverflow.Ellipsis)
            Text(row.figures, style = MaterialTheme.typography.bodyMedium, color = MaterialTheme.colorScheme.onSurfaceVariant)
        }
    }
}
