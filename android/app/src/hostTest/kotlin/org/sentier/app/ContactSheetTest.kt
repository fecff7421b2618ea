package org.sentier.app

import java.awt.Color
import java.awt.RenderingHints
import java.awt.image.BufferedImage
import java.nio.file.Files
import javax.imageio.ImageIO
import kotlin.io.path.name
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Order
import org.junit.jupiter.api.Test

/**
 * `index.png`: every screen the other classes drew, one row per screen
 * (English light and dark, French light and dark), a fifth of their size;
 * and `readme/`, the README's four pictures at a third of their size
 * (`scripts/screens.sh --readme` copies them to docs/screens). Runs after the
 * other classes (junit-platform.properties orders classes by @Order).
 */
@Order(Int.MAX_VALUE)
class ContactSheetTest {
    @Test
    fun everyScreenIsDrawnInEveryLanguageAndLookOnOneSheet() {
        val shots = Files.list(screensFolder).use { files ->
            files.filter { it.name.endsWith(".png") && it.name != "index.png" }.toList()
        }
        val looks = languages.flatMap { language -> listOf("light", "dark").map { "${org.sentier.core.languageCode(language)}-$it" } }
        val screens = shots.groupBy { it.name.removeSuffix(".png").split('-').dropLast(2).joinToString("-") }.toSortedMap()
        screens.forEach { (screen, files) ->
            assertEquals(looks.sorted(), files.map { it.name.removeSuffix(".png").removePrefix("$screen-") }.sorted(), screen)
        }
        val width = (Phone.size.width / 5).toInt()
        val height = (Phone.size.height / 5).toInt()
        val gap = 8
        val sheet = BufferedImage(looks.size * (width + gap) + gap, screens.size * (height + gap) + gap, BufferedImage.TYPE_INT_RGB)
        val graphics = sheet.createGraphics()
        graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR)
        graphics.color = Color.GRAY
        graphics.fillRect(0, 0, sheet.width, sheet.height)
        screens.keys.forEachIndexed { row, screen ->
            looks.forEachIndexed { column, look ->
                val shot = ImageIO.read(screensFolder.resolve("$screen-$look.png").toFile())
                graphics.drawImage(shot, gap + column * (width + gap), gap + row * (height + gap), width, height, null)
            }
        }
        graphics.dispose()
        ImageIO.write(sheet, "png", screensFolder.resolve("index.png").toFile())

        val readme = Files.createDirectories(screensFolder.resolve("readme"))
        for (shot in README_SHOTS) {
            val image = ImageIO.read(screensFolder.resolve("$shot.png").toFile())
            val small = BufferedImage(image.width / 3, image.height / 3, BufferedImage.TYPE_INT_RGB)
            small.createGraphics().apply {
                setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR)
                drawImage(image, 0, 0, small.width, small.height, null)
                dispose()
            }
            ImageIO.write(small, "png", readme.resolve("$shot.png").toFile())
        }
    }

    private companion object {
        /** The README's pictures: searching, a trek, following it on the map, a report refused. */
        val README_SHOTS = listOf("treks-en-light", "trek-fr-light", "map-en-dark", "report-fr-light")
    }
}
