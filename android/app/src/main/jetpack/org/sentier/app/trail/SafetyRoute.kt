package org.sentier.app.trail

import android.Manifest
import android.content.ClipData
import android.content.ClipboardManager
import android.content.Context
import android.content.Intent
import android.content.pm.PackageManager
import android.net.Uri
import androidx.activity.compose.rememberLauncherForActivityResult
import androidx.activity.result.contract.ActivityResultContracts
import androidx.compose.runtime.Composable
import androidx.compose.runtime.DisposableEffect
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.platform.LocalContext
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import org.sentier.app.R
import org.sentier.app.recording.gpsFixes
import org.sentier.app.recording.lastKnownLocation
import org.sentier.app.recording.locationPermissions
import org.sentier.app.recording.toFix
import org.sentier.core.SafetyState
import org.sentier.ffi.Catalog
import org.sentier.ffi.SafetyListener
import org.sentier.ffi.SafetyScreen as CoreSafetyScreen
import org.sentier.ffi.SettingsScreen
import org.sentier.presenter.CoreState

/**
 * The safety screen over the core's: the position the system already knows at
 * once, then every GPS fix while the screen shows; the shell dials (the dialer
 * with the number filled in, no permission needed), copies and shares the
 * core's texts.
 */
@Composable
fun SafetyRoute(settings: SettingsScreen, catalog: Catalog?) {
    val context = LocalContext.current
    val safety = remember(catalog) { CoreSafetyScreen.open(catalog, settings) }
    val states = remember(safety) {
        CoreState(safety.state()) { deliver ->
            safety.subscribe(object : SafetyListener {
                override fun onState(state: SafetyState) = deliver(state)
            })
        }
    }
    DisposableEffect(safety) {
        onDispose {
            states.close()
            safety.close()
        }
    }
    val state by states.state.collectAsStateWithLifecycle()
    var located by remember { mutableStateOf(context.hasPreciseLocation()) }
    val permission = rememberLauncherForActivityResult(ActivityResultContracts.RequestMultiplePermissions()) {
        located = context.hasPreciseLocation()
    }
    LaunchedEffect(Unit) { if (!located) permission.launch(locationPermissions) }
    @Suppress("MissingPermission") // gpsFixes runs only once precise location is granted
    LaunchedEffect(safety, located) {
        context.lastKnownLocation()?.let { safety.updateFix(it.toFix()) }
        if (located) context.gpsFixes().collect { safety.updateFix(it.toFix()) }
    }
    SafetyScreen(
        state,
        onCall = context::dial,
        onCopy = { text -> context.copyPosition(state.title, text) },
        onShare = { text -> context.sharePosition(text, state.position?.geoUri) },
    )
}

private fun Context.hasPreciseLocation() =
    checkSelfPermission(Manifest.permission.ACCESS_FINE_LOCATION) == PackageManager.PERMISSION_GRANTED

/** The dialer with [number] filled in: one more tap calls, and no call permission is needed. */
private fun Context.dial(number: String) {
    startActivity(Intent(Intent.ACTION_DIAL, Uri.fromParts("tel", number, null)))
}

private fun Context.copyPosition(label: String, text: String) {
    getSystemService(ClipboardManager::class.java).setPrimaryClip(ClipData.newPlainText(label, text))
}

/**
 * The core's text to messaging apps, and its `geo:` URI to map apps, in one
 * chooser: a rescuer gets words, a friend's map app gets the point.
 */
private fun Context.sharePosition(text: String, geoUri: String?) {
    val send = Intent(Intent.ACTION_SEND).setType("text/plain").putExtra(Intent.EXTRA_TEXT, text)
    val chooser = Intent.createChooser(send, getString(R.string.safety_share))
    geoUri?.let { chooser.putExtra(Intent.EXTRA_INITIAL_INTENTS, arrayOf(Intent(Intent.ACTION_VIEW, Uri.parse(it)))) }
    startActivity(chooser)
}
