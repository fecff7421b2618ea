package org.sentier.app.treks

import androidx.compose.foundation.clickable
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.ExperimentalLayoutApi
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.height
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.layout.width
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.LazyListScope
import androidx.compose.foundation.lazy.LazyRow
import androidx.compose.foundation.lazy.items
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.automirrored.filled.ArrowForward
import androidx.compose.material.icons.filled.Map
import androidx.compose.material.icons.filled.Share
import androidx.compose.material.icons.filled.Warning
import androidx.compose.material3.Button
import androidx.compose.material3.Icon
import androidx.compose.material3.ListItem
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import org.sentier.app.ui.AppStrings
import org.sentier.app.ui.LabeledValue
import org.sentier.app.ui.LocalPhotos
import org.sentier.app.ui.LocalHtml
import org.sentier.app.ui.LocalStrings
import org.sentier.app.ui.SectionTitle
import org.sentier.core.TrekDetail
import org.sentier.presenter.AlongRow
import org.sentier.presenter.TrekFigure
import org.sentier.presenter.TrekDetailState
import org.sentier.presenter.TrekPhoto
import org.sentier.presenter.TrekText

/**
 * One trek: photos, key figures and elevation profile written by the core,
 * texts, POIs, signage, information desks, sensitive areas, the steps of a
 * multi-day tour, GPX sharing and "Follow on map".
 */
@Composable
fun TrekDetailScreen(
    state: TrekDetailState,
    onFollow: (Long) -> Unit,
    onShare: () -> Unit,
    onOpenTrek: (Long) -> Unit,
    modifier: Modifier = Modifier,
) {
    val strings = LocalStrings.current
    val detail = state.detail
    LazyColumn(modifier.padding(horizontal = 16.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
        state.error?.let { error -> item { Text(error, color = MaterialTheme.colorScheme.error) } }
        if (detail == null) return@LazyColumn
        item { Text(detail.name, style = MaterialTheme.typography.headlineSmall, modifier = Modifier.semantics { heading() }) }
        if (state.photos.isNotEmpty()) item { Photos(state.photos) }
        item {
            Actions(
                onFollow = { onFollow(detail.id) },
                onShare = onShare,
            )
        }
        item { Figures(state.figures, detail) }
        state.profile?.let { profile -> item { ElevationChart(profile, Modifier.fillMaxWidth()) } }
        state.texts.forEach { (text, html) ->
            item { SectionTitle(text.title(strings)) }
            item { Text(LocalHtml.current(html), style = MaterialTheme.typography.bodyMedium) }
        }
        along(strings.trekPois, state.pois)
        along(strings.trekSignage, state.signage)
        if (detail.informationDesks.isNotEmpty()) {
            item { SectionTitle(strings.trekInformationDesks) }
            items(detail.informationDesks, key = { "desk-${it.id}" }) { desk ->
                ListItem(
                    headlineContent = { Text(desk.name) },
                    supportingContent = { Text(listOfNotNull(desk.address.ifBlank { null }, desk.phone, desk.email, desk.website).joinToString("\n")) },
                )
            }
        }
        if (state.sensitiveAreas.isNotEmpty()) {
            item { SectionTitle(strings.trekSensitiveAreas) }
            items(state.sensitiveAreas, key = { "area-${it.area.id}" }) { row ->
                val area = row.area
                ListItem(
                    leadingContent = { Icon(Icons.Filled.Warning, contentDescription = strings.trekSensitiveArea) },
                    headlineContent = { Text(area.name) },
                    supportingContent = {
                        val lines = listOf(row.months, area.practiceLabels.joinToString(), LocalHtml.current(area.description).text)
                        Text(lines.filter { it.isNotBlank() }.joinToString("\n"))
                    },
                )
            }
        }
        if (state.steps.isNotEmpty()) {
            item { SectionTitle(strings.trekSteps) }
            items(state.steps, key = { "step-${it.id}" }) { step ->
                ListItem(
                    modifier = Modifier.clickable { onOpenTrek(step.id) },
                    headlineContent = { Text(step.name) },
                    supportingContent = { Text(step.figures) },
                    trailingContent = {
                        Icon(Icons.AutoMirrored.Filled.ArrowForward, contentDescription = strings.trekOpenStep(step.name))
                    },
                )
            }
        }
    }
}

@Composable
private fun Photos(photos: List<TrekPhoto>) {
    LazyRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
        items(photos, key = { it.url }) { photo ->
            LocalPhotos.current(photo.file ?: photo.url, photo.title ?: LocalStrings.current.trekPhoto, Modifier.width(280.dp).height(180.dp))
        }
    }
}

@OptIn(ExperimentalLayoutApi::class)
@Composable
private fun Actions(onFollow: () -> Unit, onShare: () -> Unit) {
    val strings = LocalStrings.current
    FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
        Button(onClick = onFollow) {
            Icon(Icons.Filled.Map, contentDescription = null)
            Text(strings.trekFollowOnMap)
        }
        OutlinedButton(onClick = onShare) {
            Icon(Icons.Filled.Share, contentDescription = null)
            Text(strings.trailShareGpx)
        }
    }
}

@Composable
private fun Figures(figures: List<Pair<TrekFigure, String>>, detail: TrekDetail) {
    val strings = LocalStrings.current
    Column(verticalArrangement = Arrangement.spacedBy(4.dp)) {
        listOfNotNull(detail.practice?.label, detail.difficulty?.label).takeIf { it.isNotEmpty() }?.let {
            Text(it.joinToString(" · "), style = MaterialTheme.typography.titleSmall)
        }
        figures.forEach { (figure, value) -> LabeledValue(figure.label(strings), value) }
        if (detail.departure.isNotBlank()) LabeledValue(strings.trekDeparture, detail.departure)
        if (detail.arrival.isNotBlank()) LabeledValue(strings.trekArrival, detail.arrival)
    }
}

private fun LazyListScope.along(title: String, rows: List<AlongRow>) {
    if (rows.isEmpty()) return
    item { SectionTitle(title) }
    items(rows, key = { "$title-${it.id}" }) { row ->
        ListItem(
            headlineContent = { Text(row.name) },
            supportingContent = { Text((listOf(listOfNotNull(row.type, row.along).joinToString(" · ")) + row.lines).filter { it.isNotEmpty() }.joinToString("\n")) },
        )
    }
}

private fun TrekText.title(strings: AppStrings): String = when (this) {
    TrekText.DESCRIPTION -> strings.trekDescription
    TrekText.AMBIANCE -> strings.trekAmbiance
    TrekText.ACCESS -> strings.trekAccess
    TrekText.ADVICE -> strings.trekAdvice
    TrekText.GEAR -> strings.trekGear
    TrekText.PUBLIC_TRANSPORT -> strings.trekPublicTransport
}

private fun TrekFigure.label(strings: AppStrings): String = when (this) {
    TrekFigure.LENGTH -> strings.trekLength
    TrekFigure.DURATION -> strings.trekDuration
    TrekFigure.ASCENT -> strings.trekAscent
    TrekFigure.DESCENT -> strings.trekDescent
    TrekFigure.MIN_ELEVATION -> strings.trekMinElevation
    TrekFigure.MAX_ELEVATION -> strings.trekMaxElevation
}
