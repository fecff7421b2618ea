package org.sentier.app

import android.util.Log
import org.sentier.core.LogLevel
import org.sentier.core.LogRecord
import org.sentier.core.LogSink
import org.sentier.core.setLogSink

/**
 * The core's log in logcat, tagged `Sentier` (`adb logcat -s Sentier`), so a
 * bug report (`adb bugreport`) carries what the core did. The record's
 * module leads each line: logcat tags are short, the core's modules many.
 */
class LogcatSink : LogSink {
    override fun log(record: LogRecord) {
        val priority = when (record.level) {
            LogLevel.ERROR -> Log.ERROR
            LogLevel.WARN -> Log.WARN
            LogLevel.INFO -> Log.INFO
            LogLevel.DEBUG -> Log.DEBUG
            LogLevel.TRACE -> Log.VERBOSE
        }
        Log.println(priority, TAG, "${record.target}: ${record.message}")
    }

    companion object {
        const val TAG = "Sentier"

        /** Sends the core's events up to [level] to logcat. */
        fun install(level: LogLevel = LogLevel.INFO) = setLogSink(LogcatSink(), level)
    }
}
