package org.sentier.app

import androidx.compose.foundation.Image
import androidx.compose.runtime.remember
import androidx.compose.ui.graphics.toComposeImageBitmap
import androidx.compose.ui.layout.ContentScale
import java.io.File
import java.net.URI
import org.jetbrains.skia.Image as SkiaImage
import org.sentier.app.ui.PhotoContent
import org.sentier.app.ui.PhotoPlaceholder

/**
 * Photos on the host as a phone without signal shows them: a file of the pack
 * in use (a path or a `file:` URL) is decoded by Skia; a server's URL
 * (nothing offline to draw) stays a placeholder.
 */
val hostPhotos: PhotoContent = { source, description, modifier ->
    val file = if (source.startsWith("file:")) File(URI(source)) else File(source)
    val bitmap = remember(source) {
        if (file.isFile) SkiaImage.makeFromEncoded(file.readBytes()).toComposeImageBitmap() else null
    }
    if (bitmap == null) {
        PhotoPlaceholder(description, modifier)
    } else {
        Image(bitmap, description, modifier, contentScale = ContentScale.Crop)
    }
}
