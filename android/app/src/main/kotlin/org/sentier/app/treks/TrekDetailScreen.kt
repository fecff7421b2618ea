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
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.layout.ContentScale
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.text.AnnotatedString
import androidx.compose.ui.text.fromHtml
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import coil3.compose.AsyncImage
import java.io.File
import org.sentier.app.R
import org.sentier.app.trail.LabeledValue
import org.sentier.app.trail.SectionTitle
import org.sentier.app.trail.shareGpx
import org.sentier.core.AlongRow
import org.sentier.core.TrekPhoto
import org.sentier.presenter.TrekDetailPresenter

/**
 * One trek: photos, key figures and elevation profile written by the core,
 * texts, POIs, signage, information desks, sensitive areas, the steps of a
 * multi-day tour, GPX sharing and "Follow on map".
 */
@Composable
fun TrekDetailScreen(
    presenter: TrekDetailPresenter,
    onFollow: (Long) -> Unit,
    onOpenTrek: (Long) -> Unit,
    modifier: Modifier = Modifier,
) {
    val state by presenter.state.collectAsStateWithLifecycle()
    val context = LocalContext.current
    LazyColumn(modifier.padding(horizontal = 16.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
        state.error?.let { error -> item { Text(error, color = MaterialTheme.colorScheme.error) } }
        if (state.loading) return@LazyColumn
        item { Text(state.name, style = MaterialTheme.typography.headlineSmall, modifier = Modifier.semantics { heading() }) }
        if (state.photos.isNotEmpty()) item { Photos(state.photos) }
        item {
            Actions(
                canFollow = state.canFollow,
                onFollow = { onFollow(state.trekId) },
                onShare = { presenter.screen.exportGpx() },
            )
        }
        item { Figures(state.labels, state.figures) }
        state.profile?.let { profile -> item { ElevationChart(profile, Modifier.fillMaxWidth()) } }
        state.texts.forEach { text ->
            item { SectionTitle(text.title) }
            item { Text(AnnotatedString.fromHtml(text.html), style = MaterialTheme.typography.bodyMedium) }
        }
        along(R.string.trek_pois, state.pois)
        along(R.string.trek_signage, state.signage)
        if (state.informationDesks.isNotEmpty()) {
            item { SectionTitle(stringResource(R.string.trek_information_desks)) }
            items(state.informationDesks, key = { "desk-${it.id}" }) { desk ->
                ListItem(
                    headlineContent = { Text(desk.name) },
                    supportingContent = { Text(listOfNotNull(desk.address.ifBlank { null }, desk.phone, desk.email, desk.website).joinToString("\n")) },
                )
            }
        }
        if (state.sensitiveAreas.isNotEmpty()) {
            item { SectionTitle(stringResource(R.string.trek_sensitive_areas)) }
            items(state.sensitiveAreas, key = { "area-${it.id}" }) { area ->
                ListItem(
                    leadingContent = { Icon(Icons.Filled.Warning, contentDescription = stringResource(R.string.trek_sensitive_area)) },
                    headlineContent = { Text(area.name) },
                    supportingContent = {
                        val lines = listOf(area.months, area.practices, AnnotatedString.fromHtml(area.description).text)
                        Text(lines.filter { it.isNotBlank() }.joinToString("\n"))
                    },
                )
            }
        }
        if (state.steps.isNotEmpty()) {
            item { SectionTitle(stringResource(R.string.trek_steps)) }
            items(state.steps, key = { "step-${it.id}" }) { step ->
                ListItem(
                    modifier = Modifier.clickable { onOpenTrek(step.id) },
                    headlineContent = { Text(step.name) },
                    supportingContent = { Text(step.figures) },
                    trailingContent = {
                        Icon(Icons.AutoMirrored.Filled.ArrowForward, contentDescription = stringResource(R.string.trek_open_step, step.name))
                    },
                )
            }
        }
    }
    LaunchedEffect(state.gpxFile) {
        state.gpxFile?.let { file ->
            context.shareGpx(File(file))
            presenter.screen.shared()
        }
    }
}

@Composable
private fun Photos(photos: List<TrekPhoto>) {
    LazyRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
        items(photos, key = { it.url }) { photo ->
            AsyncImage(
                model = photo.url,
                contentDescription = photo.caption ?: stringResource(R.string.trek_photo),
                contentScale = ContentScale.Crop,
                modifier = Modifier.width(280.dp).height(180.dp),
            )
        }
    }
}

@OptIn(ExperimentalLayoutApi::class)
@Composable
private fun Actions(canFollow: Boolean, onFollow: () -> Unit, onShare: () -> Unit) {
    FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
        Button(onClick = onFollow, enabled = canFollow) {
            Icon(Icons.Filled.Map, contentDescription = null)
            Text(stringResource(R.string.trek_follow_on_map))
        }
        OutlinedButton(onClick = onShare) {
            Icon(Icons.Filled.Share, contentDescription = null)
            Text(stringResource(R.string.trail_share_gpx))
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

private fun LazyListScope.along(title: Int, rows: List<AlongRow>) {
    if (rows.isEmpty()) return
    item { SectionTitle(stringResource(title)) }
    items(rows, key = { "$title-${it.id}" }) { row ->
        ListItem(
            headlineContent = { Text(row.title) },
            supportingContent = { Text((listOf(row.subtitle) + row.lines).filter { it.isNotEmpty() }.joinToString("\n")) },
        )
    }
}
