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
import org.sentier.core.MeasureFormatter
import org.sentier.core.TrekMeasure
import org.sentier.core.ValueRange
import org.sentier.presenter.TrekFilter
import org.sentier.presenter.TreksPresenter
import org.sentier.presenter.range
import org.sentier.presenter.selected
import org.sentier.presenter.setRange

/**
 * Narrowing the trek search: the core's choice lists (practice, difficulty,
 * themes, route type, accessibility) and duration, length and ascent ranges
 * whose bounds the core writes.
 */
@OptIn(ExperimentalMaterial3Api::class, ExperimentalLayoutApi::class)
@Composable
fun TrekFiltersSheet(presenter: TreksPresenter, measures: MeasureFormatter, onDismiss: () -> Unit) {
    val state by presenter.state.collectAsStateWithLifecycle()
    ModalBottomSheet(onDismissRequest = onDismiss) {
        LazyColumn(Modifier.padding(horizontal = 16.dp)) {
            TrekFilter.entries.forEach { filter ->
                val choices = state.options[filter].orEmpty()
                if (choices.isEmpty()) return@forEach
                item { SectionTitle(stringResource(filter.title)) }
                item {
                    FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                        choices.forEach { choice ->
                            val selected = choice.id in state.query.selected(filter)
                            FilterChip(
                                selected = selected,
                                onClick = { presenter.toggle(filter, choice.id) },
                                label = { Text(choice.label) },
                                leadingIcon = if (selected) {
                                    { Icon(Icons.Filled.Check, contentDescription = stringResource(R.string.treks_filter_selected)) }
                                } else {
                                    null
                                },
                            )
                        }
                    }
                }
            }
            TrekMeasure.entries.forEach { measure ->
                item { SectionTitle(stringResource(measure.title)) }
                item {
                    val current = state.query.range(measure)
                    FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                        FilterChip(
                            selected = current == ValueRange(),
                            onClick = { presenter.setRange(measure, ValueRange()) },
                            label = { Text(stringResource(R.string.treks_range_any)) },
                        )
                        measures.trekRangeOptions(measure).forEach { option ->
                            FilterChip(
                                selected = current == option.range,
                                onClick = { presenter.setRange(measure, option.range) },
                                label = { Text(option.label) },
                            )
                        }
                    }
                }
            }
        }
    }
}

private val TrekFilter.title: Int
    get() = when (this) {
        TrekFilter.PRACTICE -> R.string.treks_filter_practice
        TrekFilter.DIFFICULTY -> R.string.treks_filter_difficulty
        TrekFilter.THEME -> R.string.treks_filter_theme
        TrekFilter.ROUTE -> R.string.treks_filter_route
        TrekFilter.ACCESSIBILITY -> R.string.treks_filter_accessibility
    }

private val TrekMeasure.title: Int
    get() = when (this) {
        TrekMeasure.DURATION_HOURS -> R.string.trek_duration
        TrekMeasure.LENGTH_M -> R.string.trek_length
        TrekMeasure.ASCENT_M -> R.string.trek_ascent
    }
