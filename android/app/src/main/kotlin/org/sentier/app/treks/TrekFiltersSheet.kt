package org.sentier.app.treks

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.ExperimentalLayoutApi
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.layout.PaddingValues
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.layout.size
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.filled.Check
import androidx.compose.material3.ExperimentalMaterial3Api
import androidx.compose.material3.FilterChip
import androidx.compose.material3.Icon
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.ModalBottomSheet
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.unit.dp
import org.sentier.app.ui.LocalStrings
import org.sentier.app.ui.SectionTitle
import org.sentier.core.TrekSearchState

/**
 * Narrowing the trek search: the core's filters (practice, difficulty,
 * themes, route type, accessibility) and ranges (duration, length, ascent),
 * each choice titled, labelled and marked selected by the core.
 */
@OptIn(ExperimentalMaterial3Api::class, ExperimentalLayoutApi::class)
@Composable
fun TrekFiltersSheet(state: TrekSearchState, actions: TreksActions, onDismiss: () -> Unit) {
    val strings = LocalStrings.current
    ModalBottomSheet(onDismissRequest = onDismiss) {
        Row(Modifier.fillMaxWidth().padding(horizontal = 16.dp), verticalAlignment = Alignment.CenterVertically) {
            Text(strings.treksFilters, style = MaterialTheme.typography.titleLarge, modifier = Modifier.weight(1f))
            if (state.filtered) {
                TextButton(onClick = actions.onClearFilters) { Text(strings.treksClearFilters) }
            }
        }
        LazyColumn(contentPadding = PaddingValues(start = 16.dp, end = 16.dp, bottom = 24.dp)) {
            state.filters.filter { it.choices.isNotEmpty() }.forEach { group ->
                item {
                    ChoiceGroup(group.title, group.choices.map { it.label to it.selected }) { index ->
                        actions.onToggle(group.filter, group.choices[index].id)
                    }
                }
            }
            state.ranges.forEach { group ->
                item {
                    ChoiceGroup(group.title, group.choices.map { it.label to it.selected }) { index ->
                        actions.onRange(group.measure, group.choices[index].range)
                    }
                }
            }
        }
    }
}

/** A titled group of chips, each a choice (its label, whether selected) that [onClick] toggles by index. */
@OptIn(ExperimentalLayoutApi::class)
@Composable
private fun ChoiceGroup(title: String, choices: List<Pair<String, Boolean>>, onClick: (index: Int) -> Unit) {
    val strings = LocalStrings.current
    Column {
        SectionTitle(title)
        FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
            choices.forEachIndexed { index, (label, selected) ->
                FilterChip(
                    selected = selected,
                    onClick = { onClick(index) },
                    label = { Text(label) },
                    leadingIcon = if (selected) {
                        { Icon(Icons.Filled.Check, contentDescription = strings.treksFilterSelected, modifier = Modifier.size(18.dp)) }
                    } else {
                        null
                    },
                )
            }
        }
    }
}
