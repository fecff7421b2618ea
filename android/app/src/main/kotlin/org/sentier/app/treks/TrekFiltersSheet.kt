package org.sentier.app.treks

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.ExperimentalLayoutApi
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.filled.Check
import androidx.compose.material3.ExperimentalMaterial3Api
import androidx.compose.material3.FilterChip
import androidx.compose.material3.Icon
import androidx.compose.material3.ModalBottomSheet
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import org.sentier.app.R
import org.sentier.app.trail.SectionTitle
import org.sentier.presenter.TreksPresenter

/**
 * Narrowing the trek search: the core's filters (practice, difficulty,
 * themes, route type, accessibility) and ranges (duration, length, ascent),
 * each choice titled, labelled and marked selected by the core.
 */
@OptIn(ExperimentalMaterial3Api::class, ExperimentalLayoutApi::class)
@Composable
fun TrekFiltersSheet(presenter: TreksPresenter, onDismiss: () -> Unit) {
    val state by presenter.state.collectAsStateWithLifecycle()
    val search = presenter.screen
    ModalBottomSheet(onDismissRequest = onDismiss) {
        LazyColumn(Modifier.padding(horizontal = 16.dp)) {
            state.filters.forEach { group ->
                item { SectionTitle(group.title) }
                item {
                    FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                        group.choices.forEach { choice ->
                            FilterChip(
                                selected = choice.selected,
                                onClick = { search.toggle(group.filter, choice.id) },
                                label = { Text(choice.label) },
                                leadingIcon = if (choice.selected) {
                                    { Icon(Icons.Filled.Check, contentDescription = stringResource(R.string.treks_filter_selected)) }
                                } else {
                                    null
                                },
                            )
                        }
                    }
                }
            }
            state.ranges.forEach { group ->
                item { SectionTitle(group.title) }
                item {
                    FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                        group.choices.forEach { choice ->
                            FilterChip(
                                selected = choice.selected,
                                onClick = { search.setRange(group.measure, choice.range) },
                                label = { Text(choice.label) },
                            )
                        }
                    }
                }
            }
        }
    }
}
