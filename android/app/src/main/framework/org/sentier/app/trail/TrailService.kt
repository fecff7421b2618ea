package org.sentier.app.trail

import android.Manifest
import android.app.Notification
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
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.collectLatest
import kotlinx.coroutines.flow.distinctUntilChanged
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.launch
import org.sentier.app.recording.hasFusedProvider
import org.sentier.app.recording.locationUpdates
import org.sentier.app.recording.toAndroid
import org.sentier.app.recording.toFix
import org.sentier.app.services
import org.sentier.app.ui.AppStrings
import org.sentier.core.LocationRequest
import org.sentier.core.SessionUpdate
import org.sentier.core.languageCode

/**
 * Keeps the outing going with the screen off: a foreground service of type
 * location, started when following or recording starts (while the app is
 * visible), that asks for fixes as the core's battery mode says, hands each
 * to [TrailServices.push] (the banner, the recorder's durable store, the
 * core's session), posts the session's alerts in their channels and
 * withdraws those whose episode is over, and keeps the ongoing notification
 * (distance left and arrival, or the recording's figures) with a stop
 * action, rewritten only when the core says it is due. It stops itself when
 * neither a follow nor a recording runs.
 */
class TrailService : Service() {
    private val scope = MainScope()
    private var running: Job? = null

    override fun onBind(intent: Intent?): IBinder? = null

    override fun onStartCommand(intent: Intent?, flags: Int, startId: Int): Int {
        // [start] runs this only with the trail services open and location granted.
        val trail = services.trail ?: return START_NOT_STICKY.also { stopSelf() }
        if (intent?.action == ACTION_STOP) {
            trail.stopOuting()
            return START_NOT_STICKY
        }
        val notifications = getSystemService(NotificationManager::class.java)
        notifications.createTrailChannels(services.settings.state.value.language)
        // Started for an outing that already ended: Android still wants a notification, which goes at once.
        val first = ongoing(trail) ?: Notification.Builder(this, ongoingChannelId(services.settings.state.value.language))
            .setSmallIcon(Icon.createWithResource(this, applicationInfo.icon))
            .build()
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.Q) {
            startForeground(ONGOING_ID, first, ServiceInfo.FOREGROUND_SERVICE_TYPE_LOCATION)
        } else {
            startForeground(ONGOING_ID, first)
        }
        if (running == null) running = run(trail, notifications)
        // Not restarted by the system if the process dies: the core recovers the track paused at the next launch.
        return START_NOT_STICKY
    }

    /** Fixes as the core's battery mode asks, until neither a follow nor a recording runs. */
    private fun run(trail: TrailServices, notifications: NotificationManager): Job = scope.launch {
        val requests = MutableStateFlow(trail.locationRequest())
        launch {
            // Neither following nor recording: the end.
            trail.outingActive.collect { active ->
                if (!active) {
                    stopForeground(STOP_FOREGROUND_REMOVE)
                    stopSelf()
                }
            }
        }
        launch { trail.locationRequests.collect { requests.value = it } }
        launch {
            // A recording alone: its figures when their words change (the session times a follow's).
            trail.recording.state.map { it.summary }.distinctUntilChanged().collect {
                if (!trail.followingRoute) ongoing(trail)?.let { notifications.notifyIfAllowed(ONGOING_ID, it) }
            }
        }
        val fused = hasFusedProvider()
        requests.collectLatest { request: LocationRequest? ->
            request ?: return@collectLatest
            locationUpdates(request.toAndroid(fused)).collect { location ->
                trail.push(location.toFix())?.let { show(it, notifications) }
                requests.value = trail.locationRequest()
            }
        }
    }

    /** The session's update as the phone shows it. */
    private fun show(update: SessionUpdate, notifications: NotificationManager) {
        update.withdrawnTags.forEach { notifications.cancel(it, ALERT_ID) }
        if (!notifications.areNotificationsEnabled()) return
        // The tag: a notification replaces the one of its episode (back on the trek replaces off it).
        update.notifications.forEach { notifications.notify(it.tag, ALERT_ID, alertNotification(it, openApp())) }
        update.ongoing?.let { notifications.notify(ONGOING_ID, ongoingNotification(it, openApp(), stopAction())) }
    }

    private fun NotificationManager.notifyIfAllowed(id: Int, notification: Notification) {
        if (areNotificationsEnabled()) notify(id, notification)
    }

    /** The ongoing notification now, in the app's words for a recording alone. */
    private fun ongoing(trail: TrailServices): Notification? {
        val language = services.settings.state.value.language
        val strings = AppStrings.forLanguage(languageCode(language))
        val ongoing = trail.ongoing(ongoingChannelId(language), strings.recordingNotificationTitle, strings.recordingStop)
            ?: return null
        return ongoingNotification(ongoing, openApp(), stopAction())
    }

    private fun openApp(): PendingIntent {
        val launch = packageManager.getLaunchIntentForPackage(packageName) ?: Intent()
        return PendingIntent.getActivity(this, 0, launch, PendingIntent.FLAG_IMMUTABLE)
    }

    private fun stopAction(): PendingIntent =
        PendingIntent.getService(this, 0, Intent(this, TrailService::class.java).setAction(ACTION_STOP), PendingIntent.FLAG_IMMUTABLE)

    override fun onDestroy() {
        scope.cancel()
        super.onDestroy()
    }

    companion object {
        private const val ONGOING_ID = 1
        private const val ALERT_ID = 2
        private const val ACTION_STOP = "org.sentier.app.trail.STOP"

        /**
         * Starts the outing's fixes once a follow or a recording has started;
         * call while the app is visible. Without precise location there is
         * nothing to feed them with.
         */
        fun start(context: Context) {
            val located = context.checkSelfPermission(Manifest.permission.ACCESS_FINE_LOCATION) == PackageManager.PERMISSION_GRANTED
            if (located && context.services.trail != null) {
                context.startForegroundService(Intent(context, TrailService::class.java))
            }
        }
    }
}
