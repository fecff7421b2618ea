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
import androidx.compose.foundation.lazy.LazyListState
import androidx.compose.foundation.lazy.rememberLazyListState
import androidx.compose.foundation.lazy.LazyRow
import androidx.compose.foundation.lazy.items
import androidx.compose.foundation.lazy.itemsIndexed
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.automirrored.filled.ArrowForward
import androidx.compose.material.icons.filled.Map
import androidx.compose.material.icons.automirrored.filled.OpenInNew
import androidx.compose.material.icons.outlined.Place
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
import androidx.compose.ui.platform.LocalUriHandler
import androidx.compose.ui.semantics.Role
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import org.sentier.app.ui.LabeledValue
import org.sentier.app.ui.LocalHtml
import org.sentier.app.ui.LocalPhotos
import org.sentier.app.ui.LocalStrings
import org.sentier.app.ui.SectionTitle
import org.sentier.core.AlongRow
import org.sentier.core.InfoSection
import org.sentier.core.TrekDetailState
import org.sentier.core.TrekPhoto

/**
 * One trek: photos, key figures and elevation profile written by the core,
 * texts, the practical sections the park filled in (parking, accessibility,
 * grades, web links opened through the platform, reference points, who
 * manages it), POIs, signage, information desks, sensitive areas, the steps
 * of a multi-day tour, GPX sharing and "Follow on map". [list] is where the
 * list is scrolled to.
 */
@Composable
fun TrekDetailScreen(
    state: TrekDetailState,
    onFollow: (Long) -> Unit,
    onShare: () -> Unit,
    onOpenTrek: (Long) -> Unit,
    modifier: Modifier = Modifier,
    list: LazyListState = rememberLazyListState(),
) {
    val strings = LocalStrings.current
    LazyColumn(modifier.padding(horizontal = 16.dp), state = list, verticalArrangement = Arrangement.spacedBy(8.dp)) {
        state.error?.let { error -> item { Text(error, color = MaterialTheme.colorScheme.error) } }
        if (state.loading) return@LazyColumn
        item { Text(state.name, style = MaterialTheme.typography.headlineSmall, modifier = Modifier.semantics { heading() }) }
        if (state.photos.isNotEmpty()) item { Photos(state.photos) }
        item {
            Actions(
                canFollow = state.canFollow,
                onFollow = { onFollow(state.trekId) },
                onShare = onShare,
            )
        }
        item { Figures(state.labels, state.figures) }
        state.profile?.let { profile -> item { ElevationChart(profile, Modifier.fillMaxWidth()) } }
        state.texts.forEach { text ->
            item { SectionTitle(text.title) }
            item { Text(LocalHtml.current(text.html), style = MaterialTheme.typography.bodyMedium) }
        }
        state.sections.forEach { practical(it) }
        along(strings.trekPois, state.pois)
        along(strings.trekSignage, state.signage)
        if (state.informationDesks.isNotEmpty()) {
            item { SectionTitle(strings.trekInformationDesks) }
            items(state.informationDesks, key = { "desk-${it.id}" }) { desk ->
                ListItem(
                    headlineContent = { Text(desk.name) },
                    supportingContent = { Text(listOfNotNull(desk.address.ifBlank { null }, desk.phone, desk.email, desk.website).joinToString("\n")) },
                )
            }
        }
        if (state.sensitiveAreas.isNotEmpty()) {
            item { SectionTitle(strings.trekSensitiveAreas) }
            items(state.sensitiveAreas, key = { "area-${it.id}" }) { area ->
                ListItem(
                    leadingContent = { Icon(Icons.Filled.Warning, contentDescription = strings.trekSensitiveArea) },
                    headlineContent = { Text(area.name) },
                    supportingContent = {
                        val lines = listOf(area.months, area.practices, LocalHtml.current(area.description).text)
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
            LocalPhotos.current(photo.url, photo.caption ?: LocalStrings.current.trekPhoto, Modifier.width(280.dp).height(180.dp))
        }
    }
}

@OptIn(ExperimentalLayoutApi::class)
@Composable
private fun Actions(canFollow: Boolean, onFollow: () -> Unit, onShare: () -> Unit) {
    val strings = LocalStrings.current
    FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
        Button(onClick = onFollow, enabled = canFollow) {
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
private fun Figures(labels: String, figures: List<org.sentier.core.LabeledValue>) {
    Column(verticalArrangement = Arrangement.spacedBy(4.dp)) {
        if (labels.isNotEmpty()) Text(labels, style = MaterialTheme.typography.titleSmall)
        figures.forEach { LabeledValue(it.label, it.value) }
    }
}

private fun LazyListScope.along(title: String, rows: List<AlongRow>) {
    if (rows.isEmpty()) return
    item { SectionTitle(title) }
    items(rows, key = { "$title-${it.id}" }) { row ->
        ListItem(
            headlineContent = { Text(row.title) },
            supportingContent = { Text((listOf(row.subtitle) + row.lines).filter { it.isNotEmpty() }.joinToString("\n")) },
        )
    }
}

/** A practical section as the core wrote it: facts, the park's texts, photos, links and numbered points. */
private fun LazyListScope.practical(section: InfoSection) {
    item(key = "section-${section.title}") { SectionTitle(section.title) }
    if (section.rows.isNotEmpty()) {
        item { Column(verticalArrangement = Arrangement.spacedBy(4.dp)) { section.rows.forEach { LabeledValue(it.label, it.value) } } }
    }
    section.texts.forEach { text ->
        item {
            Column(verticalArrangement = Arrangement.spacedBy(2.dp)) {
                Text(text.title, style = MaterialTheme.typography.titleSmall)
                Text(LocalHtml.current(text.html), style = MaterialTheme.typography.bodyMedium)
            }
        }
    }
    if (section.photos.isNotEmpty()) item { Photos(section.photos) }
    itemsIndexed(section.links, key = { index, _ -> "link-${section.title}-$index" }) { _, link ->
        val uris = LocalUriHandler.current
        ListItem(
            modifier = Modifier.clickable(role = Role.Button, onClickLabel = link.title) { uris.openUri(link.url) },
            headlineContent = { Text(link.title, color = MaterialTheme.colorScheme.primary) },
            supportingContent = link.kind?.let { kind -> { Text(kind) } },
            trailingContent = { Icon(Icons.AutoMirrored.Filled.OpenInNew, contentDescription = null) },
        )
    }
    items(section.points, key = { "point-${it.number}" }) { point ->
        ListItem(
            leadingContent = { Icon(Icons.Outlined.Place, contentDescription = null) },
            headlineContent = { Text(point.number.toString(), style = MaterialTheme.typography.titleMedium) },
            supportingContent = { Text(point.coordinates) },
        )
    }
}
