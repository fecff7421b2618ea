package org.sentier

import java.io.BufferedReader
import java.io.File
import java.io.InputStreamReader
import java.nio.file.Path
import java.util.concurrent.TimeUnit

/**
 * A server binary of the test kit run as a child process on loopback for the
 * duration of a test. Its path comes from the system property [property]
 * (set by the Maven and Gradle builds); its address is the first line of its
 * output that matches [address].
 */
open class KitServer(property: String, args: List<String>, address: Regex) : AutoCloseable {
    private val process: Process
    val url: String

    init {
        val binary = System.getProperty(property)
            ?: error("system property $property (path to the test kit's server) is not set")
        check(File(binary).canExecute()) { "$binary is not an executable: build it with cargo build -p sentier-testkit --bins" }
        process = ProcessBuilder(listOf(binary) + args).redirectError(ProcessBuilder.Redirect.INHERIT).start()
        val lines = BufferedReader(InputStreamReader(process.inputStream))
        url = generateSequence { lines.readLine() }.firstNotNullOfOrNull { address.find(it)?.value }
            ?: error("$binary exited without printing its address")
    }

    override fun close() {
        process.destroy()
        process.waitFor(5, TimeUnit.SECONDS)
    }
}

/** Any loopback URL, path included. */
private val LOOPBACK = Regex("""http://127\.0\.0\.1:\d+/\S*""")

/** The Geotrek-API-shaped server (`fake-geotrek`); [apiUrl] is `http://127.0.0.1:PORT/api/v2/`. */
class FakeGeotrek(vararg args: String) :
    KitServer("sentier.fakeGeotrek", args.toList(), Regex("""http://127\.0\.0\.1:\d+/api/v2/""")) {
    val apiUrl: String
        get() = url
}

/** The pack server (`pack-server`): builds a small park's pack into [root] (with [options] such as `--relief`) and serves it. */
class PackServerProcess(root: Path, vararg options: String) :
    KitServer("sentier.packServer", listOf("--root", root.toString()) + options, LOOPBACK)

/**
 * The pack server run with `--territory`: [root] also holds the park's Geotrek-mobile
 * tree, served at [mobileUrl], beside the park's API at [apiUrl].
 */
class TerritoryServerProcess(root: Path) :
    KitServer("sentier.packServer", listOf("--root", root.toString(), "--territory"), Regex("""http://\S+ http://\S+""")) {
    val mobileUrl: String
        get() = url.substringBefore(' ') + "mobile/"
    val apiUrl: String
        get() = url.substringAfter(' ')
}

/** The stand-in for a Geotrek-admin's report endpoints (`field-server`) on [port]. */
class FieldServerProcess(port: Int) : KitServer("sentier.fieldServer", listOf("--port", port.toString()), LOOPBACK)
