package org.sentier.app.trail

import android.content.Context
import android.content.Intent
import androidx.core.content.FileProvider
import java.io.File
import org.sentier.app.R

/** Offers [file] (a GPX in the cache's exports folder) to the apps that take one, through the FileProvider. */
fun Context.shareGpx(file: File) {
    val uri = FileProvider.getUriForFile(this, "$packageName.files", file)
    val send = Intent(Intent.ACTION_SEND)
        .setType("application/gpx+xml")
        .putExtra(Intent.EXTRA_STREAM, uri)
        .addFlags(Intent.FLAG_GRANT_READ_URI_PERMISSION)
    startActivity(Intent.createChooser(send, getString(R.string.trail_share_gpx)))
}
