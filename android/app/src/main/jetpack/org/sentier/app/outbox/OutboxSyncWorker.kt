package org.sentier.app.outbox

import android.content.Context
import androidx.work.Constraints
import androidx.work.CoroutineWorker
import androidx.work.ExistingPeriodicWorkPolicy
import androidx.work.ExistingWorkPolicy
import androidx.work.NetworkType
import androidx.work.OneTimeWorkRequestBuilder
import androidx.work.PeriodicWorkRequestBuilder
import androidx.work.WorkManager
import androidx.work.WorkerParameters
import java.util.concurrent.TimeUnit
import org.sentier.app.services
import org.sentier.core.ReportException
import org.sentier.deliverOnce

/**
 * Delivers the outbox in the background, once the network is there: one pass
 * of the core's delivery (which decides what is due, retried, given up), then
 * a wake-up when the core says the next report comes due.
 */
class OutboxSyncWorker(context: Context, parameters: WorkerParameters) : CoroutineWorker(context, parameters) {
    override suspend fun doWork(): Result {
        // No outbox when the core's stores could not be opened: nothing to deliver.
        val reports = applicationContext.services.core?.reports ?: return Result.failure()
        return try {
            reports.deliverOnce().nextAttemptAtMs?.let { deliverAt(applicationContext, it) }
            Result.success()
        } catch (error: ReportException) {
            // The outbox store itself failed; the periodic work tries again later.
            Result.failure()
        }
    }

    companion object {
        private const val DELIVERY = "outbox-delivery"
        private const val DUE = "outbox-due"
        private const val PERIODIC = "outbox-periodic"

        private val online = Constraints.Builder().setRequiredNetworkType(NetworkType.CONNECTED).build()

        /**
         * Delivers the reports just queued as soon as the network allows; a
         * delivery already waiting is kept.
         */
        fun deliverSoon(context: Context) {
            val request = OneTimeWorkRequestBuilder<OutboxSyncWorker>().setConstraints(online).build()
            WorkManager.getInstance(context).enqueueUniqueWork(DELIVERY, ExistingWorkPolicy.KEEP, request)
        }

        /**
         * Delivers again at [atMs], when the core's retry schedule (its backoff
         * and the servers' Retry-After) brings the next report due.
         */
        fun deliverAt(context: Context, atMs: Long) {
            val delayMs = (atMs - System.currentTimeMillis()).coerceAtLeast(0)
            val request = OneTimeWorkRequestBuilder<OutboxSyncWorker>()
                .setConstraints(online)
                .setInitialDelay(delayMs, TimeUnit.MILLISECONDS)
                .build()
            // Appended when called from the running wake-up itself, which REPLACE would cancel.
            WorkManager.getInstance(context).enqueueUniqueWork(DUE, ExistingWorkPolicy.APPEND_OR_REPLACE, request)
        }

        /** A pass every few hours while online, for reports whose retry comes due with the app closed. */
        fun schedulePeriodic(context: Context) {
            val request = PeriodicWorkRequestBuilder<OutboxSyncWorker>(3, TimeUnit.HOURS)
                .setConstraints(online)
                .build()
            WorkManager.getInstance(context).enqueueUniquePeriodicWork(PERIODIC, ExistingPeriodicWorkPolicy.KEEP, request)
        }
    }
}

