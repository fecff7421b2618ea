package org.sentier

import java.awt.image.BufferedImage
import java.io.ByteArrayOutputStream
import java.io.File
import java.nio.ByteBuffer
import java.nio.ByteOrder
import javax.imageio.ImageIO

/** One 256-pixel PNG: green with a red square. */
fun squarePng(): ByteArray {
    val image = BufferedImage(256, 256, BufferedImage.TYPE_INT_RGB)
    for (x in 0 until 256) for (y in 0 until 256) {
        image.setRGB(x, y, if (x in 64..191 && y in 64..191) 0xCC2222 else 0x44AA44)
    }
    return ByteArrayOutputStream().also { ImageIO.write(image, "png", it) }.toByteArray()
}

private fun varint(out: ByteArrayOutputStream, value: Long) {
    var v = value
    while (v >= 0x80) {
        out.write(((v and 0x7F) or 0x80).toInt())
        v = v ushr 7
    }
    out.write(v.toInt())
}

/**
 * A PMTiles v3 archive holding [tile] as tile 0/0/0, without metadata, written
 * here from the spec (uncompressed directory) so the core's reader is checked
 * against a second writer; a tile set the map can add beside a pack's.
 */
fun writeOneTilePmtiles(file: File, tile: ByteArray) {
    val directory = ByteArrayOutputStream()
    listOf(1L, 0L, 1L, tile.size.toLong(), 1L).forEach { varint(directory, it) }
    val root = directory.toByteArray()
    val header = ByteBuffer.allocate(127).order(ByteOrder.LITTLE_ENDIAN)
    header.put("PMTiles".toByteArray()).put(3)
    val afterRoot = 127L + root.size
    listOf(127L, root.size.toLong(), afterRoot, 0L, afterRoot, 0L, afterRoot, tile.size.toLong(), 1L, 1L, 1L)
        .forEach { header.putLong(it) }
    header.put(1).put(1).put(1).put(2).put(0).put(0) // clustered, no compression, no compression, png, z0-0
    listOf(-1_800_000_000, -850_511_287, 1_800_000_000, 850_511_287).forEach { header.putInt(it) }
    header.put(0).putInt(0).putInt(0)
    file.writeBytes(header.array() + root + tile)
}
