//! A location fix as the platforms deliver it, and its basic validity.

/// One location fix pushed by the shell. Only the position is mandatory; a
/// missing timestamp is replaced by the wall clock when the fix is recorded.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Fix {
    /// WGS84 latitude, degrees.
    pub latitude: f64,
    /// WGS84 longitude, degrees.
    pub longitude: f64,
    /// Altitude above sea level, metres.
    pub altitude: Option<f64>,
    /// Horizontal accuracy (68 % radius), metres.
    pub horizontal_accuracy: Option<f64>,
    /// Vertical accuracy, metres.
    pub vertical_accuracy: Option<f64>,
    /// Ground speed reported by the platform, m/s.
    pub speed: Option<f64>,
    /// Direction of travel, degrees clockwise from north.
    pub bearing: Option<f64>,
    /// Milliseconds since the Unix epoch (UTC).
    pub timestamp_ms: Option<i64>,
    /// Altitude from the barometer, metres, when the device has one (Android's
    /// pressure sensor, iOS's altimeter): its level drifts with the weather,
    /// but its changes are exact to a metre, so ascent is counted on it.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub barometric_altitude: Option<f64>,
}

/// Lowest and highest plausible altitudes on Earth for a hiker, metres.
const ALTITUDE_RANGE: std::ops::RangeInclusive<f64> = -500.0..=9_000.0;

/// Timestamps from 1970 to the year 3000, ms: anything else is a broken clock
/// (and keeps differences of timestamps far from overflow).
const TIMESTAMP_RANGE_MS: std::ops::RangeInclusive<i64> = 0..=32_503_680_000_000;

impl Fix {
    /// A fix with only a position and a time, as simulators and GPX files give.
    pub fn at(latitude: f64, longitude: f64, altitude: Option<f64>, timestamp_ms: i64) -> Fix {
        Fix {
            latitude,
            longitude,
            altitude,
            horizontal_accuracy: None,
            vertical_accuracy: None,
            speed: None,
            bearing: None,
            timestamp_ms: Some(timestamp_ms),
            barometric_altitude: None,
        }
    }

    /// Whether every value present is a finite number in its physical range.
    pub fn is_valid(&self) -> bool {
        let optional_in = |value: Option<f64>, range: std::ops::RangeInclusive<f64>| {
            value.is_none_or(|v| v.is_finite() && range.contains(&v))
        };
        self.latitude.is_finite()
            && self.longitude.is_finite()
            && (-90.0..=90.0).contains(&self.latitude)
            && (-180.0..=180.0).contains(&self.longitude)
            && optional_in(self.altitude, ALTITUDE_RANGE)
            && optional_in(self.barometric_altitude, ALTITUDE_RANGE)
            && optional_in(self.horizontal_accuracy, 0.0..=f64::MAX)
            && optional_in(self.vertical_accuracy, 0.0..=f64::MAX)
            && optional_in(self.speed, 0.0..=f64::MAX)
            && optional_in(self.bearing, 0.0..=360.0)
            && self
                .timestamp_ms
                .is_none_or(|time| TIMESTAMP_RANGE_MS.contains(&time))
    }

    /// The fix's timestamp, or `now_ms` when the platform gave none.
    pub fn stamped(mut self, now_ms: i64) -> Fix {
        self.timestamp_ms.get_or_insert(now_ms);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_nan_and_out_of_range_values() {
        let good = Fix::at(44.8, 6.3, Some(1500.0), 0);
        assert!(good.is_valid());
        for bad in [
            Fix {
                latitude: f64::NAN,
                ..good.clone()
            },
            Fix {
                longitude: 181.0,
                ..good.clone()
            },
            Fix {
                altitude: Some(f64::INFINITY),
                ..good.clone()
            },
            Fix {
                altitude: Some(12_000.0),
                ..good.clone()
            },
            Fix {
                horizontal_accuracy: Some(-1.0),
                ..good.clone()
            },
            Fix {
                bearing: Some(400.0),
                ..good.clone()
            },
            Fix {
                timestamp_ms: Some(-1),
                ..good.clone()
            },
        ] {
            assert!(!bad.is_valid(), "{bad:?}");
        }
    }

    #[test]
    fn missing_timestamp_is_filled_in() {
        let mut fix = Fix::at(0.0, 0.0, None, 5);
        assert_eq!(fix.clone().stamped(9).timestamp_ms, Some(5));
        fix.timestamp_ms = None;
        assert_eq!(fix.stamped(9).timestamp_ms, Some(9));
    }
}
