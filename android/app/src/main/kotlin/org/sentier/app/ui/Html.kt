package org.sentier.app.ui

import androidx.compose.runtime.staticCompositionLocalOf
import androidx.compose.ui.text.AnnotatedString
import androidx.compose.ui.text.fromHtml

/**
 * How Geotrek-admin's HTML texts (descriptions, advice, sensitive areas)
 * become styled text: Compose's own reader on Android. Compose for desktop has
 * none (its `fromHtml` throws), so the host build provides its own.
 */
val LocalHtml = staticCompositionLocalOf<(html: String) -> AnnotatedString> { { AnnotatedString.fromHtml(it) } }
