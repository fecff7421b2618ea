package org.sentier.app

import android.app.Application

/** Holds the [AppServices] for the activity, the recording service and the outbox job. */
class SentierApplication : Application() {
    val services: AppServices by lazy { AppServices(this) }
}

/** The services from any component of the app. */
val android.content.Context.services: AppServices
    get() = (applicationContext as SentierApplication).services
