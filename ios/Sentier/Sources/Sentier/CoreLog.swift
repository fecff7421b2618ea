import Foundation
import OSLog
import SentierFFI

/// The core's log in the unified log (`os_log`): subsystem `org.sentier.core`,
/// one category per core module, so Console.app and a sysdiagnose attached
/// to a bug report show what the core did. Messages are public: the core
/// logs what it does (addresses, counts, errors), never a user's secrets.
public final class OSLogSink: LogSink {
    private let subsystem: String
    private let lock = NSLock()
    private var loggers: [String: Logger] = [:]

    public init(subsystem: String = "org.sentier.core") {
        self.subsystem = subsystem
    }

    /// Sends the core's events up to `level` to the unified log.
    public static func install(level: LogLevel = .info) {
        setLogSink(sink: OSLogSink(), maxLevel: level)
    }

    public func log(record: LogRecord) {
        let logger = logger(for: record.target)
        switch record.level {
        case .error: logger.error("\(record.message, privacy: .public)")
        case .warn: logger.warning("\(record.message, privacy: .public)")
        case .info: logger.info("\(record.message, privacy: .public)")
        case .debug, .trace: logger.debug("\(record.message, privacy: .public)")
        }
    }

    private func logger(for target: String) -> Logger {
        lock.lock()
        defer { lock.unlock() }
        if let logger = loggers[target] {
            return logger
        }
        let logger = Logger(subsystem: subsystem, category: target)
        loggers[target] = logger
        return logger
    }
}
