package org.sentier.presenter

import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.withContext
import org.sentier.core.Language
import org.sentier.core.ReportException
import org.sentier.ffi.reportProblemMessage

/** Runs [work] on [io]: null when it succeeds, else the core's refusal. */
internal suspend fun refusalOf(io: CoroutineDispatcher, work: suspend () -> Unit): ReportException? = withContext(io) {
    try {
        work()
        null
    } catch (error: ReportException) {
        error
    }
}

/**
 * Runs [work] on [io]: null when it succeeds, else the core's words for why
 * it failed, which the report screens show as they are.
 */
internal suspend fun failureOf(io: CoroutineDispatcher, work: suspend () -> Unit): String? =
    refusalOf(io, work)?.describe()

/**
 * The core's reason, for the errors that carry one; else the error's own message.
 * (The report form shows an incomplete report's problems next to their fields.)
 */
fun ReportException.describe(): String = when (this) {
    is ReportException.InvalidReport -> problems.joinToString(" ") { reportProblemMessage(it.problem, Language.ENGLISH) }
    is ReportException.LoginRefused -> reason
    is ReportException.Network -> reason
    is ReportException.Server -> reason
    is ReportException.PhotoUnreadable -> reason
    else -> message ?: toString()
}
