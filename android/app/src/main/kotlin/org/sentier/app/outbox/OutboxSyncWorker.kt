package org.sentier.app.outbox

import android.content.Context
import androidx.work.BackoffPolicy
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
import org.sentier.core.SyncSummary
import org.sentier.deliverOnce

/**
 * Delivers the outbox in the background, once the network is there: one pass
 * of the core's delivery (which decides what is due, retried, given up),
 * whose summary becomes the work's result.
 */
class OutboxSyncWorker(context: Context, parameters: WorkerParameters) : CoroutineWorker(context, parameters) {
    override suspend fun doWork(): Result {
        // No outbox when the core's stores could not be opened: nothing to deliver.
        val reports = applicationContext.services.core?.reports ?: return Result.failure()
        return try {
            reports.deliverOnce().toWorkResult()
        } catch (error: ReportException) {
            // The outbox store itself failed; the periodic work tries again later.
            Result.failure()
        }
    }

    /**
     * Reports left to try again ask WorkManager for a retry (with its backoff);
     * reports sent, refused for good, or held for a ranger's login need none.
     */
    private fun SyncSummary.toWorkResult(): Result = if (retrying > 0u) Result.retry() else Result.success()

    companion object {
        private const val DELIVERY = "outbox-delivery"
        private const val PERIODIC = "outbox-periodic"

        private val online = Constraints.Builder().setRequiredNetworkType(NetworkType.CONNECTED).build()

        /**
         * Delivers the reports just queued as soon as the network allows,
         * backing off while the server cannot take them; a delivery already
         * waiting is kept.
         */
        fun deliverSoon(context: Context) {
            val request = OneTimeWorkRequestBuilder<OutboxSyncWorker>()
                .setConstraints(online)
                .setBackoffCriteria(BackoffPolicy.EXPONENTIAL, 1, TimeUnit.MINUTES)
                .build()
            WorkManager.getInstance(context).enqueueUniqueWork(DELIVERY, ExistingWorkPolicy.KEEP, request)
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

