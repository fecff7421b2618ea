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
import android.os.IBinder
import androidx.core.app.NotificationCompat
import androidx.core.app.NotificationManagerCompat
import androidx.core.app.ServiceCompat
import androidx.core.content.ContextCompat
import kotlinx.coroutines.Job
import kotlinx.coroutines.MainScope
import kotlinx.coroutines.cancel
import kotlinx.coroutines.launch
import org.sentier.app.MainActivity
import org.sentier.app.R
import org.sentier.app.services
import org.sentier.presenter.RecordingPresenter
import org.sentier.presenter.RecordingState

/**
 * Keeps a recording going with the screen off: a foreground service of type
 * location that gives every GPS fix to the core's recorder (its durable store)
 * and shows the live distance and duration in an ongoing notification with a
 * stop action. It stops itself when the recording ends.
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
        ServiceCompat.startForeground(
            this, NOTIFICATION_ID, notification(recording.state.value), ServiceInfo.FOREGROUND_SERVICE_TYPE_LOCATION,
        )
        if (feeding == null) feeding = feed(recording)
        // Not restarted by the system if the process dies: the core recovers the track paused at the next launch.
        return START_NOT_STICKY
    }

    /** Fixes to the recorder and the live figures to the notification, until the track stops. */
    private fun feed(recording: RecordingPresenter): Job = scope.launch {
        val fixes = launch {
            @Suppress("MissingPermission") // checked by start()
            gpsFixes().collect { recording.screen.pushFixes(listOf(it.toFix())) }
        }
        launch {
            recording.state.collect { state ->
                if (!state.active) {
                    fixes.cancel()
                    ServiceCompat.stopForeground(this@RecordingService, ServiceCompat.STOP_FOREGROUND_REMOVE)
                    stopSelf()
                } else if (NotificationManagerCompat.from(this@RecordingService).areNotificationsEnabled()) {
                    @Suppress("MissingPermission") // areNotificationsEnabled covers POST_NOTIFICATIONS
                    NotificationManagerCompat.from(this@RecordingService).notify(NOTIFICATION_ID, notification(state))
                }
            }
        }
    }

    private fun notification(state: RecordingState): Notification {
        val open = PendingIntent.getActivity(
            this, 0, Intent(this, MainActivity::class.java), PendingIntent.FLAG_IMMUTABLE,
        )
        val stop = PendingIntent.getService(
            this, 0, Intent(this, RecordingService::class.java).setAction(ACTION_STOP), PendingIntent.FLAG_IMMUTABLE,
        )
        return NotificationCompat.Builder(this, channel())
            .setSmallIcon(R.drawable.ic_launcher)
            .setContentTitle(getString(R.string.recording_notification_title))
            .setContentText(state.summary)
            .setContentIntent(open)
            .addAction(0, getString(R.string.recording_stop), stop)
            .setOngoing(true)
            .setOnlyAlertOnce(true)
            .setSilent(true)
            .setForegroundServiceBehavior(NotificationCompat.FOREGROUND_SERVICE_IMMEDIATE)
            .build()
    }

    private fun channel(): String {
        val channel = NotificationChannel(CHANNEL, getString(R.string.recording_channel), NotificationManager.IMPORTANCE_LOW)
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
            val located = ContextCompat.checkSelfPermission(context, Manifest.permission.ACCESS_FINE_LOCATION) == PackageManager.PERMISSION_GRANTED
            if (located && context.services.trail != null) {
                ContextCompat.startForegroundService(context, Intent(context, RecordingService::class.java))
            }
        }
    }
}
