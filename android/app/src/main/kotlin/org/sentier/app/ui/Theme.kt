package org.sentier.app.ui

import android.os.Build
import androidx.compose.foundation.isSystemInDarkTheme
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.darkColorScheme
import androidx.compose.material3.dynamicDarkColorScheme
import androidx.compose.material3.dynamicLightColorScheme
import androidx.compose.material3.lightColorScheme
import androidx.compose.runtime.Composable
import androidx.compose.ui.graphics.Color
import androidx.compose.ui.platform.LocalContext

private val Forest = Color(0xFF2E5E3A)
private val Lichen = Color(0xFFB7D3A8)
private val Sunrise = Color(0xFFF2A541)

/** Material 3 with the wallpaper's colours where the system offers them (Android 12+). */
@Composable
fun SentierTheme(content: @Composable () -> Unit) {
    val dark = isSystemInDarkTheme()
    val context = LocalContext.current
    val colors = when {
        Build.VERSION.SDK_INT >= Build.VERSION_CODES.S ->
            if (dark) dynamicDarkColorScheme(context) else dynamicLightColorScheme(context)
        dark -> darkColorScheme(primary = Lichen, secondary = Sunrise)
        else -> lightColorScheme(primary = Forest, secondary = Sunrise)
    }
    MaterialTheme(colorScheme = colors, content = content)
}
