package org.sentier.app.trail

import android.app.Notification
import android.app.NotificationChannel
import android.app.NotificationManager
import android.app.PendingIntent
import android.content.Context
import android.graphics.drawable.Icon
import org.sentier.core.Language
import org.sentier.core.NotificationPriority
import org.sentier.core.OngoingNotification
import org.sentier.core.TrailNotification
import org.sentier.core.trailNotificationChannels
import org.sentier.core.vibrationTimingsMs
import org.sentier.core.NotificationChannel as CoreChannel

/**
 * The trail's notification channels as Android creates them: one per kind of
 * alert and the ongoing one, each with the core's name, description,
 * importance and vibration waveform, so the hiker can silence one kind in
 * the system's settings.
 */
data class ChannelSpec(
    val id: String,
    val name: String,
    val description: String,
    /** [NotificationManager.IMPORTANCE_LOW], `_DEFAULT` or `_HIGH` (heads-up). */
    val importance: Int,
    /** Off, on, off, on... in milliseconds; null: the channel does not vibrate. */
    val vibration: List<Long>?,
)

/** The importance of a channel whose alerts have the core's [NotificationPriority]. */
fun NotificationPriority.importance(): Int = when (this) {
    NotificationPriority.LOW -> NotificationManager.IMPORTANCE_LOW
    NotificationPriority.DEFAULT -> NotificationManager.IMPORTANCE_DEFAULT
    NotificationPriority.HIGH -> NotificationManager.IMPORTANCE_HIGH
}

/** The core's channel in Android's terms. */
fun CoreChannel.toSpec(): ChannelSpec = ChannelSpec(
    id = id,
    name = name,
    description = description,
    importance = priority.importance(),
    vibration = vibrationTimingsMs(vibration).takeIf { it.isNotEmpty() },
)

/** The trail's channels in [language], as the core words them. */
fun trailChannelSpecs(language: Language): List<ChannelSpec> = trailNotificationChannels(language).map { it.toSpec() }

/** The channel of the ongoing notification, the one of no alert kind. */
fun ongoingChannelId(language: Language): String = trailNotificationChannels(language).single { it.kind == null }.id

/**
 * Creates (or renames, in a new language) the trail's channels. Android keeps
 * the hiker's own choices of importance and vibration once a channel exists.
 */
fun NotificationManager.createTrailChannels(language: Language) {
    createNotificationChannels(
        trailChannelSpecs(language).map { spec ->
            NotificationChannel(spec.id, spec.name, spec.importance).apply {
                description = spec.description
                enableVibration(spec.vibration != null)
                spec.vibration?.let { vibrationPattern = it.toLongArray() }
            }
        },
    )
}

/** An alert as the core wrote it; tapping it opens the app ([open]). */
fun Context.alertNotification(alert: TrailNotification, open: PendingIntent): Notification =
    Notification.Builder(this, alert.channelId)
        .setSmallIcon(Icon.createWithResource(this, applicationInfo.icon))
        .setContentTitle(alert.title)
        .setContentText(alert.body)
        .setStyle(Notification.BigTextStyle().bigText(alert.body))
        .setCategory(Notification.CATEGORY_NAVIGATION)
        .setWhen(alert.atMs)
        .setShowWhen(true)
        .setContentIntent(open)
        .setAutoCancel(true)
        .build()

/**
 * The notification that stays while following or recording (distance left
 * and arrival, or the recording's figures), with its stop action ([stop]).
 */
fun Context.ongoingNotification(ongoing: OngoingNotification, open: PendingIntent, stop: PendingIntent): Notification {
    val icon = Icon.createWithResource(this, applicationInfo.icon)
    return Notification.Builder(this, ongoing.channelId)
        .setSmallIcon(icon)
        .setContentTitle(ongoing.title)
        .setContentText(ongoing.text)
        .setContentIntent(open)
        .addAction(Notification.Action.Builder(icon, ongoing.stopLabel, stop).build())
        .setCategory(Notification.CATEGORY_NAVIGATION)
        .setOngoing(true)
        .setOnlyAlertOnce(true)
        .apply { if (android.os.Build.VERSION.SDK_INT >= android.os.Build.VERSION_CODES.S) setForegroundServiceBehavior(Notification.FOREGROUND_SERVICE_IMMEDIATE) }
        .build()
}
