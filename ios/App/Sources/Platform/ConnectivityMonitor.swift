import Foundation
import Network
import Sentier

/// Tells the core's outbox when the network comes and goes (NWPathMonitor),
/// so it delivers as soon as a connection is back.
enum ConnectivityMonitor {
    /// Forwards path changes until the calling task is cancelled.
    static func forward(to reports: Reports) async {
        let monitor = NWPathMonitor()
        let paths = AsyncStream<NWPath> { continuation in
            monitor.pathUpdateHandler = { continuation.yield($0) }
            continuation.onTermination = { _ in monitor.cancel() }
            monitor.start(queue: DispatchQueue(label: "org.sentier.connectivity"))
        }
        for await path in paths {
            // A failure here only delays delivery to the next periodic pass.
            try? reports.connectivityChanged(online: path.status == .satisfied)
        }
    }
}
