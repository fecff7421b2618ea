package org.sentier.app.outbox

import android.content.Context
import android.net.ConnectivityManager
import android.net.Network
import org.sentier.core.ReportException
import org.sentier.ffi.ReportsInterface

/**
 * Tells the core's outbox when the network comes and goes (the default
 * network's callback), so the delivery loop sends as soon as a connection is
 * back. Registered once for the app's process.
 */
object ConnectivityForwarder {
    fun register(context: Context, reports: ReportsInterface) {
        val connectivity = context.getSystemService(ConnectivityManager::class.java)
        connectivity.registerDefaultNetworkCallback(object : ConnectivityManager.NetworkCallback() {
            override fun onAvailable(network: Network) = forward(reports, online = true)

            override fun onLost(network: Network) = forward(reports, online = false)
        })
    }

    private fun forward(reports: ReportsInterface, online: Boolean) {
        try {
            reports.connectivityChanged(online)
        } catch (error: ReportException) {
            // Only delays delivery to the next periodic pass; nothing for the user to do.
        }
    }
}
