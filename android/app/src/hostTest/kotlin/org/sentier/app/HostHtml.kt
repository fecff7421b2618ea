package org.sentier.app

import androidx.compose.ui.text.AnnotatedString
import androidx.compose.ui.text.SpanStyle
import androidx.compose.ui.text.buildAnnotatedString
import androidx.compose.ui.text.font.FontStyle
import androidx.compose.ui.text.font.FontWeight

private val TAG = Regex("""<(/?)([a-zA-Z0-9]+)[^>]*?(/?)>""")
private val ENTITIES = mapOf("&amp;" to "&", "&lt;" to "<", "&gt;" to ">", "&quot;" to "\"", "&#39;" to "'", "&nbsp;" to "\u00a0", "&rsquo;" to "’")

/**
 * Geotrek-admin's HTML as styled text on the host, where Compose for desktop
 * has no `fromHtml`: paragraphs and line breaks as new lines, bold and
 * italics kept, other tags dropped, the common entities decoded.
 */
fun hostHtml(html: String): AnnotatedString = buildAnnotatedString {
    var at = 0
    var styles = 0
    fun text(until: Int) {
        var chunk = html.substring(at, until).replace(Regex("""\s+"""), " ")
        ENTITIES.forEach { (entity, character) -> chunk = chunk.replace(entity, character) }
        append(chunk)
    }
    for (tag in TAG.findAll(html)) {
        text(tag.range.first)
        at = tag.range.last + 1
        val closing = tag.groupValues[1] == "/"
        when (tag.groupValues[2].lowercase()) {
            "br" -> append('\n')
            "p", "div", "li" -> if (closing && length > 0) append('\n')
            "b", "strong", "i", "em" -> when {
                !closing -> styles += 1.also {
                    val bold = tag.groupValues[2].lowercase() in setOf("b", "strong")
                    pushStyle(if (bold) SpanStyle(fontWeight = FontWeight.Bold) else SpanStyle(fontStyle = FontStyle.Italic))
                }
                styles > 0 -> styles -= 1.also { pop() }
            }
        }
    }
    text(html.length)
}.let { AnnotatedString(it.text.trimEnd(), it.spanStyles) }
