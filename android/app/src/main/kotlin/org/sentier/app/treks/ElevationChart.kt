package org.sentier.app.treks

import androidx.compose.foundation.Canvas
import androidx.compose.foundation.gestures.detectTapGestures
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.height
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.geometry.Offset
import androidx.compose.ui.graphics.Path
import androidx.compose.ui.input.pointer.pointerInput
import androidx.compose.ui.graphics.drawscope.Stroke
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.clearAndSetSemantics
import androidx.compose.ui.unit.Dp
import androidx.compose.ui.unit.dp
import org.sentier.core.ProfileChart
import org.sentier.core.ProfileMarker

/**
 * The core's elevation profile drawn to fit the width: the line and the area
 * under it, from the lowest to the highest point, and, when following, the
 * hiker's [marker] (where the core placed them on the profile). A tap hands
 * [onTap] the distance along the profile under the finger (the core maps it
 * to the map's point). Screen readers get the core's figures instead of the
 * drawing.
 */
@Composable
fun ElevationChart(
    chart: ProfileChart,
    modifier: Modifier = Modifier,
    marker: ProfileMarker? = null,
    onTap: ((alongM: Double) -> Unit)? = null,
    height: Dp = 120.dp,
) {
    val line = MaterialTheme.colorScheme.primary
    val fill = MaterialTheme.colorScheme.primaryContainer
    val hiker = MaterialTheme.colorScheme.tertiary
    val halo = MaterialTheme.colorScheme.surface
    val description = chart.description
    val length = chart.distancesM.last()
    val taps = if (onTap == null || length <= 0) {
        Modifier
    } else {
        Modifier.pointerInput(chart, onTap) {
            detectTapGestures { at -> onTap(at.x / size.width * length) }
        }
    }
    Column(modifier.clearAndSetSemantics { contentDescription = description }) {
        Text(chart.highest, style = MaterialTheme.typography.labelMedium)
        Canvas(Modifier.fillMaxWidth().height(height).then(taps)) {
            if (length <= 0) return@Canvas
            val span = (chart.maxM - chart.minM).takeIf { it > 0 } ?: 1.0
            val at = { along: Double, elevation: Double ->
                Offset((along / length * size.width).toFloat(), ((1 - (elevation - chart.minM) / span) * size.height).toFloat())
            }
            val points = chart.distancesM.zip(chart.elevationsM, at)
            val outline = Path().apply {
                moveTo(points.first().x, points.first().y)
                points.drop(1).forEach { lineTo(it.x, it.y) }
            }
            val area = Path().apply {
                addPath(outline)
                lineTo(points.last().x, size.height)
                lineTo(points.first().x, size.height)
                close()
            }
            drawPath(area, fill)
            drawPath(outline, line, style = Stroke(width = 2.dp.toPx()))
            marker?.let {
                val here = at(it.alongM, it.elevationM)
                drawLine(hiker, Offset(here.x, 0f), Offset(here.x, size.height), strokeWidth = 1.5.dp.toPx())
                drawCircle(halo, radius = 7.dp.toPx(), center = here)
                drawCircle(hiker, radius = 5.dp.toPx(), center = here)
            }
        }
        Text(chart.lowest, style = MaterialTheme.typography.labelMedium)
    }
}
