package org.sentier.app.ui

import androidx.compose.foundation.background
import androidx.compose.foundation.layout.Box
import androidx.compose.foundation.layout.size
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.outlined.Landscape
import androidx.compose.material3.Icon
import androidx.compose.material3.MaterialTheme
import androidx.compose.runtime.Composable
import androidx.compose.runtime.staticCompositionLocalOf
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp

/**
 * Draws the photo at `source` (a file of the pack in use or an http(s) URL),
 * cropped to fill `modifier`'s size: Coil on Android, the pack's files
 * decoded by Skia on the host. `description` is what screen readers say.
 */
typealias PhotoContent = @Composable (source: String, description: String, modifier: Modifier) -> Unit

/** How photos are drawn; the glue provides it, the screens call it. */
val LocalPhotos = staticCompositionLocalOf<PhotoContent> { { _, description, modifier -> PhotoPlaceholder(description, modifier) } }

/** A photo that is not there (yet): a neutral tile with a landscape. */
@Composable
fun PhotoPlaceholder(description: String, modifier: Modifier = Modifier) {
    Box(
        modifier.background(MaterialTheme.colorScheme.surfaceVariant).semantics { contentDescription = description },
        contentAlignment = Alignment.Center,
    ) {
        Icon(Icons.Outlined.Landscape, contentDescription = null, tint = MaterialTheme.colorScheme.onSurfaceVariant, modifier = Modifier.size(32.dp))
    }
}
