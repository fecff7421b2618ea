package org.sentier.app

import android.app.Application
import org.sentier.app.outbox.ConnectivityForwarder
import org.sentier.app.outbox.OutboxSyncWorker

/** Holds the [AppServices] for the activity, the recording service and the outbox job. */
class SentierApplication : Application() {
    val services: AppServices by lazy { AppServices(this) }

    override fun onCreate() {
        super.onCreate()
        // Android's trust for every server the core talks to: before any of them.
        runCatching { PlatformTls.init(this) }
        LogcatSink.install()
        services.core?.let { ConnectivityForwarder.register(this, it.reports) }
        OutboxSyncWorker.schedulePeriodic(this)
    }
}

/** The services from any component of the app. */
val android.content.Context.services: AppServices
    get() = (applicationContext as SentierApplication).services
