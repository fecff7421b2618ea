package org.sentier.presenter

import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.withContext
import org.sentier.core.ReportException

/**
 * Runs [work] on [io]: null when it succeeds, else the core's words for why
 * it failed, which the report screens show as they are.
 */
internal suspend fun failureOf(io: CoroutineDispatcher, work: suspend () -> Unit): String? = withContext(io) {
    try {
        work()
        null
    } catch (error: ReportException) {
        error.describe()
    }
}

/** The core's reason, for the errors that carry one; else the error's own message. */
fun ReportException.describe(): String = when (this) {
    is ReportException.InvalidReport -> reason
    is ReportException.LoginRefused -> reason
    is ReportException.Network -> reason
    is ReportException.Server -> reason
    is ReportException.PhotoUnreadable -> reason
    else -> message ?: toString()
}
