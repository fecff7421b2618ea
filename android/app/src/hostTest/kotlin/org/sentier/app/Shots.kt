package org.sentier.app

import androidx.compose.foundation.background
import androidx.compose.foundation.layout.Box
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.outlined.Map
import androidx.compose.material3.Icon
import androidx.compose.material3.MaterialTheme
import androidx.compose.runtime.Composable
import androidx.compose.runtime.CompositionLocalProvider
import androidx.compose.foundation.layout.padding
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.geometry.Size
import androidx.compose.ui.graphics.asSkiaBitmap
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.test.SkikoComposeUiTest
import androidx.compose.ui.test.runSkikoComposeUiTest
import androidx.compose.ui.unit.Density
import java.nio.file.Files
import java.nio.file.Path
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeoutOrNull
import org.jetbrains.skia.EncodedImageFormat
import org.jetbrains.skia.Image
import org.sentier.app.ui.AppStrings
import org.sentier.app.ui.LocalHtml
import org.sentier.app.ui.LocalPhotos
import org.sentier.app.ui.SentierScaffold
import org.sentier.app.ui.SentierTheme
import org.sentier.app.ui.Tab
import org.sentier.core.Language
import org.sentier.core.languageCode

/** The phone every screen is drawn for: 1080 × 2400 pixels at density 2.625 (411 × 914 dp). */
object Phone {
    val size = Size(1080f, 2400f)
    val density = Density(2.625f)
}

/**
 * The languages every screen is drawn in: French and English. The other
 * shipped languages ([moreLanguages]) are drawn for a few screens, where
 * their longer words would show first.
 */
val languages = listOf(Language.ENGLISH, Language.FRENCH)

/** The shipped languages beyond [languages]. */
val moreLanguages = org.sentier.core.shippedLanguages() - languages.toSet()

/** Where the PNGs go: `target/screens/android` of the repository (set by the Maven build). */
val screensFolder: Path = Path.of(System.getProperty("sentier.screens") ?: "target/screens/android")

/**
 * Draws [content] in [language] ([DemoPark] speaks it first, so the core's
 * words are in it too) inside the app's frame (top bar titled [title], bottom
 * bar with [tab] marked, a back arrow on a screen opened from another, the
 * safety button but on the safety screen itself ([safety])),
 * light then dark, at the phone's size; [check] asserts the texts and actions
 * through the semantics tree and may act on the screen (it runs on the light
 * one only, the dark one shows the state it left), then the screen is saved as
 * `<name>-<lang>-<light|dark>.png`. [prepare] runs on both first (a scroll to
 * the part of the screen the picture is about).
 */
fun shoot(
    name: String,
    language: Language,
    title: (AppStrings) -> String,
    tab: Tab?,
    content: @Composable () -> Unit,
    safety: Boolean = true,
    prepare: SkikoComposeUiTest.() -> Unit = {},
    check: SkikoComposeUiTest.(AppStrings) -> Unit = {},
) {
    val code = languageCode(language)
    val strings = AppStrings.forLanguage(code)
    check(strings.languageCode == code) { "the app has no words in $code" }
    for (dark in listOf(false, true)) {
        runSkikoComposeUiTest(Phone.size, Phone.density) {
            setContent {
                SentierTheme(strings, darkTheme = dark) {
                    CompositionLocalProvider(LocalHtml provides ::hostHtml, LocalPhotos provides hostPhotos) {
                        SentierScaffold(
                            title(strings),
                            selectedTab = tab,
                            onTab = {},
                            onBack = if (tab == null) ({}) else null,
                            onSafety = if (safety) ({}) else null,
                            onSettings = {},
                        ) { padding -> Box(Modifier.padding(padding)) { content() } }
                    }
                }
            }
            waitForIdle()
            prepare()
            waitForIdle()
            if (!dark) check(strings)
            waitForIdle()
            // The other shipped languages go to a folder of their own, beside the contact sheet's.
            val folder = if (language in languages) screensFolder else screensFolder.resolve("languages")
            save(captureToImage(), folder, "$name-$code-${if (dark) "dark" else "light"}")
        }
    }
}

internal fun save(image: androidx.compose.ui.graphics.ImageBitmap, folder: Path, name: String) {
    val png = Image.makeFromBitmap(image.asSkiaBitmap()).encodeToData(EncodedImageFormat.PNG)
        ?: error("cannot encode $name as PNG")
    Files.createDirectories(folder)
    Files.write(folder.resolve("$name.png"), png.bytes)
}

/** Waits (at most a minute) for the first value of [flow] that [until] accepts: the core's state after an action. */
fun <S> awaitState(flow: StateFlow<S>, until: (S) -> Boolean): S = runBlocking {
    withTimeoutOrNull(60_000) { flow.first(until) } ?: error("the core's state never came; the last one: ${flow.value}")
}

/** The core screen's state once every action asked so far is carried out ([settle]), as [flow] shows it. */
fun <S> settledState(flow: StateFlow<S>, settle: suspend () -> Unit, now: () -> S): S = runBlocking {
    withTimeoutOrNull(60_000) {
        settle()
        val current = now()
        flow.first { it == current }
    } ?: error("the core's state never settled; the last one: ${flow.value}")
}

/**
 * The map on the host: a neutral area the size of the map, named for screen
 * readers, so that everything drawn around and over it can be seen and
 * tested (MapLibre Native draws the core's style on Android).
 */
@Composable
fun MapStandIn(styleUrl: String, modifier: Modifier) {
    Box(
        modifier.fillMaxSize().background(MaterialTheme.colorScheme.surfaceContainerHighest).semantics { contentDescription = "map $styleUrl" },
        contentAlignment = Alignment.Center,
    ) {
        Icon(Icons.Outlined.Map, contentDescription = null, tint = MaterialTheme.colorScheme.outline)
    }
}
