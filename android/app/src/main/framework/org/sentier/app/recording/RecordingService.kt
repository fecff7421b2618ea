package org.sentier.app.recording

import android.Manifest
import android.app.Notification
import android.app.NotificationChannel
import android.app.NotificationManager
import android.app.PendingIntent
import android.app.Service
import android.content.Context
import android.content.Intent
import android.content.pm.PackageManager
import android.content.pm.ServiceInfo
import android.graphics.drawable.Icon
import android.os.Build
import android.os.IBinder
import kotlinx.coroutines.Job
import kotlinx.coroutines.MainScope
import kotlinx.coroutines.cancel
import kotlinx.coroutines.launch
import org.sentier.app.services
import org.sentier.app.ui.AppStrings
import org.sentier.core.languageCode
import org.sentier.presenter.RecordingPresenter
import org.sentier.core.RecordingState

/**
 * Keeps a recording going with the screen off: a foreground service of type
 * location that gives every GPS fix to the core's recorder (its durable store)
 * and shows the live distance and duration in an ongoing notification with a
 * stop action, in the core's language. It stops itself when the recording ends.
 */
class RecordingService : Service() {
    private val scope = MainScope()
    private var feeding: Job? = null

    override fun onBind(intent: Intent?): IBinder? = null

    override fun onStartCommand(intent: Intent?, flags: Int, startId: Int): Int {
        // [start] runs this only with the recorder open and location granted.
        val recording = services.trail?.recording ?: return START_NOT_STICKY.also { stopSelf() }
        if (intent?.action == ACTION_STOP) {
            recording.screen.stop()
            return START_NOT_STICKY
        }
        val notification = notification(recording.state.value)
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.Q) {
            startForeground(NOTIFICATION_ID, notification, ServiceInfo.FOREGROUND_SERVICE_TYPE_LOCATION)
        } else {
            startForeground(NOTIFICATION_ID, notification)
        }
        if (feeding == null) feeding = feed(recording)
        // Not restarted by the system if the process dies: the core recovers the track paused at the next launch.
        return START_NOT_STICKY
    }

    /** Fixes to the recorder and the live figures to the notification, until the track stops. */
    private fun feed(recording: RecordingPresenter): Job = scope.launch {
        val fixes = launch { gpsFixes().collect { recording.screen.pushFixes(listOf(it.toFix())) } }
        launch {
            val notifications = getSystemService(NotificationManager::class.java)
            recording.state.collect { state ->
                if (!state.active) {
                    fixes.cancel()
                    stopForeground(STOP_FOREGROUND_REMOVE)
                    stopSelf()
                } else if (notifications.areNotificationsEnabled()) {
                    notifications.notify(NOTIFICATION_ID, notification(state))
                }
            }
        }
    }

    private fun notification(state: RecordingState): Notification {
        val strings = AppStrings.forLanguage(languageCode(services.settings.state.value.language))
        val launch = packageManager.getLaunchIntentForPackage(packageName) ?: Intent()
        val open = PendingIntent.getActivity(this, 0, launch, PendingIntent.FLAG_IMMUTABLE)
        val stop = PendingIntent.getService(
            this, 0, Intent(this, RecordingService::class.java).setAction(ACTION_STOP), PendingIntent.FLAG_IMMUTABLE,
        )
        val icon = Icon.createWithResource(this, applicationInfo.icon)
        return Notification.Builder(this, channel(strings))
            .setSmallIcon(icon)
            .setContentTitle(strings.recordingNotificationTitle)
            .setContentText(state.summary)
            .setContentIntent(open)
            .addAction(Notification.Action.Builder(icon, strings.recordingStop, stop).build())
            .setOngoing(true)
            .setOnlyAlertOnce(true)
            .apply { if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.S) setForegroundServiceBehavior(Notification.FOREGROUND_SERVICE_IMMEDIATE) }
            .build()
    }

    private fun channel(strings: AppStrings): String {
        val channel = NotificationChannel(CHANNEL, strings.recordingChannel, NotificationManager.IMPORTANCE_LOW)
        getSystemService(NotificationManager::class.java).createNotificationChannel(channel)
        return CHANNEL
    }

    override fun onDestroy() {
        scope.cancel()
        super.onDestroy()
    }

    companion object {
        private const val CHANNEL = "recording"
        private const val NOTIFICATION_ID = 1
        private const val ACTION_STOP = "org.sentier.app.recording.STOP"

        /**
         * Starts feeding the recorder while a track is open; call while the app
         * is visible. Without precise location there is nothing to feed it with.
         */
        fun start(context: Context) {
            val located = context.checkSelfPermission(Manifest.permission.ACCESS_FINE_LOCATION) == PackageManager.PERMISSION_GRANTED
            if (located && context.services.trail != null) {
                context.startForegroundService(Intent(context, RecordingService::class.java))
            }
        }
    }
}
