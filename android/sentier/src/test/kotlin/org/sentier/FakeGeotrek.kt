package org.sentier

import java.io.BufferedReader
import java.io.File
import java.io.InputStreamReader
import java.util.concurrent.TimeUnit

/**
 * The test kit's Geotrek-API-shaped server (`fake-geotrek`), run as a child
 * process on loopback for the duration of a test. Its path comes from the
 * `sentier.fakeGeotrek` system property set by the Maven build.
 */
class FakeGeotrek(vararg args: String) : AutoCloseable {
    private val process: Process
    /** The API root, `http://127.0.0.1:PORT/api/v2/`. */
    val apiUrl: String

    init {
        val binary = System.getProperty("sentier.fakeGeotrek")
            ?: error("system property sentier.fakeGeotrek (path to the fake-geotrek binary) is not set")
        check(File(binary).canExecute()) { "$binary is not an executable: build it with cargo build -p sentier-testkit" }
        process = ProcessBuilder(listOf(binary) + args).redirectError(ProcessBuilder.Redirect.INHERIT).start()
        val lines = BufferedReader(InputStreamReader(process.inputStream))
        apiUrl = generateSequence { lines.readLine() }
            .mapNotNull { Regex("""http://127\.0\.0\.1:\d+/api/v2/""").find(it)?.value }
            .firstOrNull() ?: error("fake-geotrek exited without printing its URL")
    }

    override fun close() {
        process.destroy()
        process.waitFor(5, TimeUnit.SECONDS)
    }
}
