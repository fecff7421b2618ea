package org.sentier.app.ui

import androidx.compose.ui.layout.ContentScale
import coil3.compose.AsyncImage
import java.io.File

/** Photos on Android: Coil draws the pack's offline copy (a file path) or, online, the URL. */
val coilPhotos: PhotoContent = { source, description, modifier ->
    AsyncImage(
        model = if (source.startsWith("http://") || source.startsWith("https://")) source else File(source),
        contentDescription = description,
        contentScale = ContentScale.Crop,
        modifier = modifier,
    )
}
