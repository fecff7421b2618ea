import Foundation

/// The device's clock and time zone, as the core's dates take them.
extension Date {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    var unixMs: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }

    /// The current time zone's offset from UTC at this moment, in minutes.
    var utcOffsetMinutes: Int32 { Int32(TimeZone.current.secondsFromGMT(for: self) / 60) }
}

extension Int64 {
    /// The current time zone's offset from UTC at this Unix millisecond, in minutes.
    var utcOffsetMinutes: Int32 {
        Date(timeIntervalSince1970: Double(self) / 1000).utcOffsetMinutes
    }
}
