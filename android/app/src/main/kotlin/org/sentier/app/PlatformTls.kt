package org.sentier.app

import android.content.Context

/**
 * Lets the core verify servers with Android's trust store (the certificates a
 * user or an organisation installed included) through rustls-platform-verifier.
 * Call [init] once, at start, before any network call; without it the core
 * trusts only the roots compiled into it.
 */
object PlatformTls {
    init {
        // The core's library, already loaded by JNA for the bindings; JNI
        // needs it registered with the JVM too.
        System.loadLibrary("sentier_ffi")
    }

    @JvmStatic
    external fun init(context: Context)
}
