package org.sentier.app.treks

import androidx.compose.foundation.Canvas
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.height
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.geometry.Offset
import androidx.compose.ui.graphics.Path
import androidx.compose.ui.graphics.drawscope.Stroke
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.clearAndSetSemantics
import androidx.compose.ui.unit.dp
import org.sentier.core.ProfileChart

/**
 * The core's elevation profile drawn to fit the width: the line and the area
 * under it, from the lowest to the highest point. Screen readers get the
 * core's figures instead of the drawing.
 */
@Composable
fun ElevationChart(chart: ProfileChart, modifier: Modifier = Modifier) {
    val line = MaterialTheme.colorScheme.primary
    val fill = MaterialTheme.colorScheme.primaryContainer
    val description = chart.description
    Column(modifier.clearAndSetSemantics { contentDescription = description }) {
        Text(chart.highest, style = MaterialTheme.typography.labelMedium)
        Canvas(Modifier.fillMaxWidth().height(120.dp)) {
            val length = chart.distancesM.last().takeIf { it > 0 } ?: return@Canvas
            val span = (chart.maxM - chart.minM).takeIf { it > 0 } ?: 1.0
            val points = chart.distancesM.zip(chart.elevationsM) { along, elevation ->
                Offset((along / length * size.width).toFloat(), ((1 - (elevation - chart.minM) / span) * size.height).toFloat())
            }
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
        }
        Text(chart.lowest, style = MaterialTheme.typography.labelMedium)
    }
}
