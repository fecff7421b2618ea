//! How the apps write measures: distances, elevations, durations, speeds,
//! sizes, positions and dates in the hiker's units and language. The shells
//! never format a number themselves; they ask a [`MeasureFormatter`] built
//! from the settings.
//!
//! Each shipped language has its own forms: decimal mark, thousands
//! separator, units, month names and compass points. A measure that is not a number (NaN, infinite) or lies
//! past anything a hike can have (1e300 m) is written [`NO_VALUE`], never as
//! a 309-digit number or a misleading `0 m`.

use crate::catalog::{BladeLine, RangeOption, TrekMeasure, ValueRange};
use crate::locale::Language;

/// The units the hiker chose in the settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum UnitSystem {
    /// Metres, kilometres, km/h.
    #[default]
    Metric,
    /// Feet, miles, mph.
    Imperial,
}

const METRES_PER_MILE: f64 = 1609.344;
const METRES_PER_FOOT: f64 = 0.3048;
/// Below this, imperial distances are written in feet.
const FEET_UP_TO_METRES: f64 = 0.1 * METRES_PER_MILE;

/// How a measure with no sensible value is written, in every language.
pub const NO_VALUE: &str = "—";
/// Distances, altitudes and climbs past 100,000 km (two and a half times
/// round the Earth) are no hiker's.
const MAX_METRES: f64 = 1e8;
/// Durations past about three years are no trek's or download's.
const MAX_SECONDS: f64 = 1e8;
/// Speeds past 10 km/s (faster than orbit) are no walker's.
const MAX_METRES_PER_SECOND: f64 = 1e4;

/// `value` when it is a number no larger than `limit` either way.
fn plausible(value: f64, limit: f64) -> Option<f64> {
    (value.is_finite() && value.abs() <= limit).then_some(value)
}

/// Writes measures for one unit system and language.
#[derive(Clone, Debug)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Object))]
pub struct MeasureFormatter {
    units: UnitSystem,
    language: Language,
}

#[cfg_attr(feature = "uniffi", uniffi::export)]
impl MeasureFormatter {
    /// `language` is a BCP 47 tag or a bare code (`fr`, `fr-CA`, `en_GB`).
    #[cfg_attr(feature = "uniffi", uniffi::constructor)]
    pub fn new(units: UnitSystem, language: String) -> MeasureFormatter {
        MeasureFormatter::in_language(units, Language::of_tag(&language))
    }

    /// A distance along a trail: `850 m`, `2.4 km`, `12 km`; `450 ft`, `1.5 mi`.
    pub fn distance(&self, metres: f64) -> String {
        let Some(metres) = plausible(metres, MAX_METRES) else {
            return NO_VALUE.to_string();
        };
        let metres = metres.max(0.0);
        match self.units {
            UnitSystem::Metric if metres < 1000.0 => {
                format!("{} m", self.integer(round_to(metres, 10.0)))
            }
            UnitSystem::Metric => self.with_unit(metres / 1000.0, "km"),
            UnitSystem::Imperial if metres < FEET_UP_TO_METRES => {
                format!(
                    "{} ft",
                    self.integer(round_to(metres / METRES_PER_FOOT, 10.0))
                )
            }
            UnitSystem::Imperial => self.with_unit(metres / METRES_PER_MILE, "mi"),
        }
    }

    /// An altitude or a height climbed: `1,234 m` (`1 234 m` in French), `4,049 ft`.
    pub fn elevation(&self, metres: f64) -> String {
        let Some(metres) = plausible(metres, MAX_METRES) else {
            return NO_VALUE.to_string();
        };
        match self.units {
            UnitSystem::Metric => format!("{} m", self.integer(metres.round())),
            UnitSystem::Imperial => {
                format!("{} ft", self.integer((metres / METRES_PER_FOOT).round()))
            }
        }
    }

    /// A duration to the minute: `45 min`, `2 h 05`, and with days for
    /// multi-day tours: `2 d 3 h` (`2 j 3 h` in French).
    pub fn duration(&self, seconds: f64) -> String {
        let Some(seconds) = plausible(seconds, MAX_SECONDS) else {
            return NO_VALUE.to_string();
        };
        let minutes = (seconds.max(0.0) / 60.0).round() as u64;
        let (days, hours, minutes) = (minutes / 1440, minutes / 60 % 24, minutes % 60);
        match (days, hours) {
            (0, 0) => format!("{minutes} min"),
            (0, _) => format!("{hours} h {minutes:02}"),
            _ if hours == 0 => format!("{days} {}", self.day_symbol()),
            _ => format!("{days} {} {hours} h", self.day_symbol()),
        }
    }

    /// A download or storage size in decimal units: `850 kB`, `2.4 MB`,
    /// `1.2 GB` (`2,4 Mo`, `1,2 Go` in French, whose units are octets).
    pub fn data_size(&self, bytes: u64) -> String {
        let units: [&str; 4] = match self.language {
            Language::French => ["o", "ko", "Mo", "Go"],
            _ => ["B", "kB", "MB", "GB"],
        };
        let mut value = bytes as f64;
        let mut unit = 0;
        while value >= 999.5 && unit < units.len() - 1 {
            value /= 1000.0;
            unit += 1;
        }
        if unit == 0 {
            format!("{bytes} {}", units[0])
        } else {
            self.with_unit(value, units[unit])
        }
    }

    /// The ranges a trek filter offers for `measure`, each labelled:
    /// `Under 2 h`, `2 h – 4 h`, `Over 8 h` (`Moins de 2 h`, `Plus de 8 h`).
    pub fn trek_range_options(&self, measure: TrekMeasure) -> Vec<RangeOption> {
        measure
            .ranges()
            .into_iter()
            .map(|range| RangeOption {
                label: self.range_label(measure, &range),
                range,
            })
            .collect()
    }

    /// A height to climb, signed: `+1,234 m` (`+1 234 m`), `+4,049 ft`;
    /// `0 m` unsigned.
    pub fn ascent(&self, metres: f64) -> String {
        // Clamped once known plausible: NaN or -∞ is no value, not 0.
        match plausible(metres, MAX_METRES) {
            Some(metres) => self.signed('+', metres.max(0.0)),
            None => NO_VALUE.to_string(),
        }
    }

    /// A height to go down (whatever its sign in the data), signed with a
    /// minus sign: `−1,234 m`, `−4,049 ft`; `0 m` unsigned.
    pub fn descent(&self, metres: f64) -> String {
        self.signed('\u{2212}', metres.abs())
    }

    /// A position to five decimals (about a metre): `44.82791, 6.37350`
    /// (`44,82791 ; 6,37350` in French, whose decimal mark is the comma).
    pub fn coordinates(&self, latitude: f64, longitude: f64) -> String {
        let on_earth = plausible(latitude, 90.0).is_some() && plausible(longitude, 180.0).is_some();
        if !on_earth {
            NO_VALUE.to_string()
        } else {
            match self.language {
                Language::English => format!("{latitude:.5}, {longitude:.5}"),
                Language::French => format!("{latitude:.5} ; {longitude:.5}").replace('.', ","),
                Language::Italian | Language::German | Language::Spanish => {
                    format!("{latitude:.5}; {longitude:.5}").replace('.', ",")
                }
            }
        }
    }

    /// A position in degrees, minutes and seconds to a tenth of a second
    /// (about 3 m), as rescuers and paper maps read it:
    /// `44°49′40.5″ N, 6°22′24.6″ E` (`44°49′40,5″ N, 6°22′24,6″ E`; west is
    /// `O`, ouest, in French, Italian and Spanish; east is `O`, Ost, in German).
    pub fn coordinates_dms(&self, latitude: f64, longitude: f64) -> String {
        let on_earth = plausible(latitude, 90.0).is_some() && plausible(longitude, 180.0).is_some();
        if !on_earth {
            return NO_VALUE.to_string();
        }
        let (east, west) = match self.language {
            Language::English => ("E", "W"),
            Language::French | Language::Italian | Language::Spanish => ("E", "O"),
            Language::German => ("O", "W"),
        };
        format!(
            "{} {}, {} {}",
            self.dms(latitude),
            if latitude < 0.0 { "S" } else { "N" },
            self.dms(longitude),
            if longitude < 0.0 { west } else { east },
        )
    }

    /// How far a position may be off, to the metre: `± 8 m`, `± 26 ft`.
    pub fn accuracy(&self, metres: f64) -> String {
        match plausible(metres, MAX_METRES) {
            Some(metres) => format!("± {}", self.elevation(metres.abs())),
            None => NO_VALUE.to_string(),
        }
    }

    /// A direction from true north, as a compass point and degrees:
    /// `NE (42°)`, `W (270°)` (`O (270°)` in French).
    pub fn bearing(&self, degrees: f64) -> String {
        if !degrees.is_finite() {
            return NO_VALUE.to_string();
        }
        let degrees = degrees.rem_euclid(360.0).round() % 360.0;
        let points: [&str; 8] = match self.language {
            Language::English => ["N", "NE", "E", "SE", "S", "SW", "W", "NW"],
            Language::French | Language::Italian | Language::Spanish => {
                ["N", "NE", "E", "SE", "S", "SO", "O", "NO"]
            }
            Language::German => ["N", "NO", "O", "SO", "S", "SW", "W", "NW"],
        };
        let point = points[((degrees / 45.0).round() as usize) % 8];
        format!("{point} ({degrees:.0}°)")
    }

    /// A moment (Unix milliseconds) at `utc_offset_minutes` from UTC, 24-hour:
    /// `29 Nov 2026, 14:05` (`29 nov. 2026, 14:05`, `29. Nov. 2026, 14:05`).
    pub fn date_time(&self, unix_ms: i64, utc_offset_minutes: i32) -> String {
        let local = local_time(unix_ms, utc_offset_minutes);
        let day_mark = if self.language == Language::German {
            "."
        } else {
            ""
        };
        format!(
            "{}{day_mark} {} {}, {:02}:{:02}",
            local.day(),
            self.month_names()[usize::from(u8::from(local.month())) - 1],
            local.year(),
            local.hour(),
            local.minute()
        )
    }

    /// A time of day (Unix milliseconds) at `utc_offset_minutes` from UTC,
    /// 24-hour: `14:05`.
    pub fn clock_time(&self, unix_ms: i64, utc_offset_minutes: i32) -> String {
        let local = local_time(unix_ms, utc_offset_minutes);
        format!("{:02}:{:02}", local.hour(), local.minute())
    }

    /// The months a sensitive area is sensitive (twelve flags, January
    /// first), as runs: `Dec – Mar, Jun` (`déc. – mars, juin`), `All year`;
    /// empty when no month is flagged.
    pub fn months(&self, flags: Vec<bool>) -> String {
        let flagged = |month: usize| flags.get(month % 12).copied().unwrap_or(false);
        if (0..12).all(flagged) {
            return match self.language {
                Language::English => "All year",
                Language::French => "Toute l’année",
                Language::Italian => "Tutto l’anno",
                Language::German => "Ganzjährig",
                Language::Spanish => "Todo el año",
            }
            .to_string();
        }
        if !(0..12).any(flagged) {
            return String::new();
        }
        // Runs read from the month after the year's last gap, so one crossing
        // the new year stays whole and comes first, as the year begins in it.
        let gap = (0..12).rev().find(|month| !flagged(*month)).unwrap_or(11);
        let names = self.month_names();
        let mut runs = Vec::new();
        let mut start = None;
        for step in 1..=12 {
            let month = (gap + step) % 12;
            match (flagged(month), start) {
                (true, None) => start = Some(month),
                (false, Some(first)) => {
                    let last = (month + 11) % 12;
                    runs.push(if first == last {
                        names[first].to_string()
                    } else {
                        format!("{} – {}", names[first], names[last])
                    });
                    start = None;
                }
                _ => {}
            }
        }
        runs.join(", ")
    }

    /// One line of a signpost's blade: `Lac du Lauvitel · 2.4 km · 1h15`.
    pub fn blade_line(&self, line: BladeLine) -> String {
        [
            Some(line.text).filter(|text| !text.trim().is_empty()),
            line.distance_km
                .filter(|km| plausible(km * 1000.0, MAX_METRES).is_some())
                .map(|km| self.distance(km * 1000.0)),
            line.time.filter(|time| !time.trim().is_empty()),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ")
    }

    /// The name a new recording gets, from when it starts:
    /// `Hike of 29 Nov 2026, 14:05` (`Randonnée du 29 nov. 2026, 14:05`).
    pub fn default_track_name(&self, unix_ms: i64, utc_offset_minutes: i32) -> String {
        let when = self.date_time(unix_ms, utc_offset_minutes);
        match self.language {
            Language::English => format!("Hike of {when}"),
            Language::French => format!("Randonnée du {when}"),
            Language::Italian => format!("Escursione del {when}"),
            Language::German => format!("Wanderung vom {when}"),
            Language::Spanish => format!("Excursión del {when}"),
        }
    }

    /// A walking speed: `3.4 km/h` (`3,4 km/h` in French), `2.1 mph`.
    pub fn speed(&self, metres_per_second: f64) -> String {
        let Some(metres_per_second) = plausible(metres_per_second, MAX_METRES_PER_SECOND) else {
            return NO_VALUE.to_string();
        };
        let metres_per_hour = metres_per_second.max(0.0) * 3600.0;
        match self.units {
            UnitSystem::Metric => self.decimal(metres_per_hour / 1000.0, "km/h"),
            UnitSystem::Imperial => self.decimal(metres_per_hour / METRES_PER_MILE, "mph"),
        }
    }
}

impl MeasureFormatter {
    /// Measures in `units`, written in `language`.
    pub fn in_language(units: UnitSystem, language: Language) -> MeasureFormatter {
        MeasureFormatter { units, language }
    }

    /// `metres` (not negative) as a height with `sign`, none when it rounds to nothing.
    fn signed(&self, sign: char, metres: f64) -> String {
        match plausible(metres, MAX_METRES) {
            Some(metres) => {
                let height = self.elevation(metres);
                if height.starts_with('0') {
                    height
                } else {
                    format!("{sign}{height}")
                }
            }
            None => NO_VALUE.to_string(),
        }
    }

    fn range_label(&self, measure: TrekMeasure, range: &ValueRange) -> String {
        let bound = |value: f64| match measure {
            TrekMeasure::DurationHours if value.fract() == 0.0 => format!("{value} h"),
            TrekMeasure::DurationHours => self.duration(value * 3600.0),
            TrekMeasure::LengthM => self.distance(value).replace(".0 ", " ").replace(",0 ", " "),
            TrekMeasure::AscentM => self.elevation(value),
        };
        let (under, over, any) = match self.language {
            Language::English => ("Under", "Over", "Any"),
            Language::French => ("Moins de", "Plus de", "Toutes"),
            Language::Italian => ("Meno di", "Oltre", "Tutte"),
            Language::German => ("Unter", "Über", "Alle"),
            Language::Spanish => ("Menos de", "Más de", "Todas"),
        };
        match (range.min, range.max) {
            (None, Some(max)) => format!("{under} {}", bound(max)),
            (Some(min), None) => format!("{over} {}", bound(min)),
            (Some(min), Some(max)) => format!("{} – {}", bound(min), bound(max)),
            (None, None) => any.to_string(),
        }
    }

    fn month_names(&self) -> [&'static str; 12] {
        match self.language {
            Language::English => [
                "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
            ],
            Language::French => [
                "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
                "nov.", "déc.",
            ],
            Language::Italian => [
                "gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic",
            ],
            Language::German => [
                "Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.",
                "Nov.", "Dez.",
            ],
            Language::Spanish => [
                "ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic",
            ],
        }
    }

    /// One coordinate's magnitude as `44°49′40.5″`, seconds rounded to a
    /// tenth without ever showing `60.0″`.
    fn dms(&self, value: f64) -> String {
        let tenths = (value.abs() * 36_000.0).round() as u64;
        let (degrees, minutes, seconds) = (tenths / 36_000, tenths / 600 % 60, tenths % 600);
        let seconds = format!("{}.{}", seconds / 10, seconds % 10);
        let seconds = self.with_decimal_mark(seconds);
        format!("{degrees}°{minutes:02}′{seconds:0>4}″")
    }

    fn day_symbol(&self) -> &'static str {
        match self.language {
            Language::English | Language::Spanish => "d",
            Language::French => "j",
            Language::Italian => "g",
            Language::German => "T",
        }
    }

    /// One decimal below 10, none from 10 on: precision a hiker can use.
    fn with_unit(&self, value: f64, unit: &str) -> String {
        if value < 9.95 {
            self.decimal(value, unit)
        } else {
            format!("{} {unit}", self.integer(value.round()))
        }
    }

    fn decimal(&self, value: f64, unit: &str) -> String {
        format!("{} {unit}", self.with_decimal_mark(format!("{value:.1}")))
    }

    /// `number` (written with a point) with the language's decimal mark:
    /// the comma everywhere but in English.
    fn with_decimal_mark(&self, number: String) -> String {
        match self.language {
            Language::English => number,
            _ => number.replace('.', ","),
        }
    }

    /// A whole number (`value` is already rounded) with thousands grouped:
    /// `1,234`; in French `1 234` with a narrow no-break space; `1.234` in
    /// Italian and German; in Spanish from five digits on, `1234` but `12.345`.
    fn integer(&self, value: f64) -> String {
        let digits = format!("{}", value.abs() as u64);
        let (separator, shortest_grouped) = match self.language {
            Language::English => (',', 4),
            Language::French => ('\u{202F}', 4),
            Language::Italian | Language::German => ('.', 4),
            Language::Spanish => ('.', 5),
        };
        let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
        for (index, digit) in digits.chars().enumerate() {
            if index > 0 && digits.len() >= shortest_grouped && (digits.len() - index) % 3 == 0 {
                grouped.push(separator);
            }
            grouped.push(digit);
        }
        if value <= -1.0 {
            grouped.insert(0, '-');
        }
        grouped
    }
}

/// The moment `unix_ms` (to the second below) on a clock `utc_offset_minutes`
/// from UTC. Moments outside the years ±9999 are clamped to them, and an
/// offset of a day or more is taken as UTC: the shells never send either.
fn local_time(unix_ms: i64, utc_offset_minutes: i32) -> time::OffsetDateTime {
    let seconds = unix_ms.div_euclid(1000);
    let utc = time::OffsetDateTime::from_unix_timestamp(seconds).unwrap_or(if seconds < 0 {
        time::PrimitiveDateTime::MIN.assume_utc()
    } else {
        time::PrimitiveDateTime::MAX.assume_utc()
    });
    let offset = utc_offset_minutes
        .checked_mul(60)
        .and_then(|seconds| time::UtcOffset::from_whole_seconds(seconds).ok())
        .unwrap_or(time::UtcOffset::UTC);
    utc.checked_to_offset(offset).unwrap_or(utc)
}

fn round_to(value: f64, step: f64) -> f64 {
    (value / step).round() * step
}

#[cfg(test)]
mod tests {
    use super::*;

    fn metric(language: &str) -> MeasureFormatter {
        MeasureFormatter::new(UnitSystem::Metric, language.to_string())
    }

    fn imperial() -> MeasureFormatter {
        MeasureFormatter::new(UnitSystem::Imperial, "en".to_string())
    }

    #[test]
    fn trek_filters_offer_labelled_ranges_that_cover_every_value_once() {
        let labels = |formatter: &MeasureFormatter, measure| -> Vec<String> {
            formatter
                .trek_range_options(measure)
                .into_iter()
                .map(|option| option.label)
                .collect()
        };
        assert_eq!(
            labels(&metric("en"), TrekMeasure::DurationHours),
            ["Under 2 h", "2 h – 4 h", "4 h – 8 h", "Over 8 h"]
        );
        assert_eq!(
            labels(&metric("fr"), TrekMeasure::LengthM),
            [
                "Moins de 5 km",
                "5 km – 10 km",
                "10 km – 20 km",
                "Plus de 20 km"
            ]
        );
        assert_eq!(
            labels(&imperial(), TrekMeasure::AscentM),
            [
                "Under 984 ft",
                "984 ft – 2,625 ft",
                "2,625 ft – 4,921 ft",
                "Over 4,921 ft"
            ]
        );
        for measure in TrekMeasure::ALL {
            let ranges = measure.ranges();
            for value in [0.0, 1.0, 2.5, 350.0, 5_000.0, 7_500.0, 1e6] {
                let holding = ranges.iter().filter(|range| range.contains(value)).count();
                // A limit belongs to both ranges it separates; any other value to one.
                assert!((1..=2).contains(&holding), "{measure:?} {value}");
            }
        }
    }

    #[test]
    fn data_sizes_are_decimal_and_french_counts_octets() {
        let (en, fr) = (metric("en"), metric("fr"));
        assert_eq!(en.data_size(512), "512 B");
        assert_eq!(en.data_size(850_000), "850 kB");
        assert_eq!(en.data_size(2_430_000), "2.4 MB");
        assert_eq!(fr.data_size(2_430_000), "2,4 Mo");
        assert_eq!(en.data_size(999_600), "1.0 MB");
        assert_eq!(fr.data_size(1_234_000_000), "1,2 Go");
        assert_eq!(en.data_size(43_000_000_000), "43 GB");
    }

    #[test]
    fn distances_change_unit_and_precision_with_size() {
        let en = metric("en");
        assert_eq!(en.distance(0.0), "0 m");
        assert_eq!(en.distance(847.0), "850 m");
        assert_eq!(en.distance(2430.0), "2.4 km");
        assert_eq!(en.distance(9990.0), "10 km");
        assert_eq!(en.distance(12_400.0), "12 km");
        assert_eq!(en.distance(-5.0), "0 m");
        assert_eq!(metric("fr-FR").distance(2430.0), "2,4 km");
        assert_eq!(imperial().distance(137.0), "450 ft");
        assert_eq!(imperial().distance(2414.0), "1.5 mi");
    }

    #[test]
    fn elevations_group_thousands_by_language() {
        assert_eq!(metric("en").elevation(1234.4), "1,234 m");
        assert_eq!(metric("fr").elevation(1234.4), "1\u{202F}234 m");
        assert_eq!(metric("en").elevation(-12.0), "-12 m");
        assert_eq!(metric("en").elevation(-0.2), "0 m");
        assert_eq!(imperial().elevation(1234.0), "4,049 ft");
    }

    #[test]
    fn italian_german_and_spanish_write_their_own_forms() {
        assert_eq!(metric("it").elevation(1234.0), "1.234 m");
        assert_eq!(metric("de").distance(2400.0), "2,4 km");
        assert_eq!(
            metric("es").elevation(1234.0),
            "1234 m",
            "Spanish groups from five digits"
        );
        assert_eq!(metric("es").elevation(12345.0), "12.345 m");
        assert_eq!(metric("de").bearing(90.0), "O (90°)");
        assert_eq!(metric("it").bearing(270.0), "O (270°)");
        assert_eq!(metric("es").data_size(2_430_000), "2,4 MB");
        assert_eq!(metric("de").duration(2.0 * 86_400.0), "2 T");
        assert_eq!(metric("it").duration(2.0 * 86_400.0), "2 g");
        assert_eq!(metric("de").coordinates(44.5, 6.25), "44,50000; 6,25000");
        assert_eq!(
            metric("de").coordinates_dms(44.5, 6.25),
            "44°30′00,0″ N, 6°15′00,0″ O"
        );
        assert_eq!(metric("es").months(vec![true; 12]), "Todo el año");
        // 29 Nov 2026, 14:05 UTC.
        let moment = 1_795_961_100_000;
        assert_eq!(metric("de").date_time(moment, 0), "29. Nov. 2026, 14:05");
        assert_eq!(metric("it").date_time(moment, 0), "29 nov 2026, 14:05");
        assert_eq!(
            metric("es").default_track_name(moment, 0),
            "Excursión del 29 nov 2026, 14:05"
        );
    }

    #[test]
    fn a_descent_is_signed_unless_it_is_none() {
        assert_eq!(metric("en").descent(851.0), "\u{2212}851 m");
        assert_eq!(metric("en").descent(-851.0), "\u{2212}851 m");
        assert_eq!(metric("fr").descent(0.3), "0 m");
        assert_eq!(metric("en").ascent(851.0), "+851 m");
        assert_eq!(metric("en").ascent(0.2), "0 m");
    }

    #[test]
    fn durations_are_written_to_the_minute() {
        let en = metric("en");
        assert_eq!(en.duration(45.0 * 60.0), "45 min");
        assert_eq!(en.duration(2.0 * 3600.0 + 5.0 * 60.0 + 20.0), "2 h 05");
        assert_eq!(en.duration(48.0 * 3600.0), "2 d");
        assert_eq!(en.duration(51.0 * 3600.0), "2 d 3 h");
        assert_eq!(metric("fr").duration(51.0 * 3600.0), "2 j 3 h");
        assert_eq!(en.duration(-3.0), "0 min");
    }

    #[test]
    fn speeds_use_the_unit_system_and_decimal_mark() {
        assert_eq!(metric("en").speed(1.0), "3.6 km/h");
        assert_eq!(metric("fr").speed(1.0), "3,6 km/h");
        assert_eq!(imperial().speed(1.0), "2.2 mph");
    }

    #[test]
    fn unknown_languages_fall_back_to_english_forms() {
        assert_eq!(metric("nl_BE").elevation(2500.0), "2,500 m");
        assert_eq!(metric("").duration(90.0 * 60.0), "1 h 30");
    }

    #[test]
    fn dates_and_track_names_read_in_the_hiker_s_language_and_time_zone() {
        // 2026-11-29T13:05:00Z, seen from Paris (UTC+1).
        let ms = 1_795_957_500_000;
        assert_eq!(metric("en").date_time(ms, 60), "29 Nov 2026, 14:05");
        assert_eq!(metric("fr-FR").date_time(ms, 60), "29 nov. 2026, 14:05");
        assert_eq!(metric("en").date_time(ms, -14 * 60), "28 Nov 2026, 23:05");
        assert_eq!(metric("en").date_time(0, 0), "1 Jan 1970, 00:00");
        assert_eq!(
            metric("en").date_time(951_825_600_000, 0),
            "29 Feb 2000, 12:00"
        );
        assert_eq!(metric("en").date_time(-1_000, 0), "31 Dec 1969, 23:59");
        assert_eq!(metric("fr").clock_time(ms, 60), "14:05");
        assert_eq!(metric("en").clock_time(ms, 5 * 60 + 30), "18:35");
        assert_eq!(
            metric("fr").default_track_name(ms, 60),
            "Randonnée du 29 nov. 2026, 14:05"
        );
        assert_eq!(
            metric("en").default_track_name(ms, 60),
            "Hike of 29 Nov 2026, 14:05"
        );
    }

    #[test]
    fn positions_and_climbs_are_written_whole() {
        assert_eq!(
            metric("en").coordinates(44.827_912, 6.3735),
            "44.82791, 6.37350"
        );
        assert_eq!(
            metric("fr").coordinates(44.827_912, -6.3735),
            "44,82791 ; -6,37350"
        );
        assert_eq!(metric("fr").ascent(1234.4), "+1\u{202F}234 m");
    }

    #[test]
    fn positions_read_in_degrees_minutes_seconds_and_directions_as_compass_points() {
        let (en, fr) = (metric("en"), metric("fr"));
        assert_eq!(
            en.coordinates_dms(44.827_912, 6.3735),
            "44°49′40.5″ N, 6°22′24.6″ E"
        );
        assert_eq!(
            fr.coordinates_dms(-44.827_912, -6.3735),
            "44°49′40,5″ S, 6°22′24,6″ O"
        );
        assert_eq!(en.coordinates_dms(0.0, -0.5), "0°00′00.0″ N, 0°30′00.0″ W");
        // 59.99″ rounds up into the next minute, never to 60.0″.
        assert_eq!(
            en.coordinates_dms(45.0 + 59.0 / 60.0 + 59.99 / 3600.0, 6.0),
            "46°00′00.0″ N, 6°00′00.0″ E"
        );
        assert_eq!(en.coordinates_dms(91.0, 6.0), NO_VALUE);
        assert_eq!(en.accuracy(7.6), "± 8 m");
        assert_eq!(imperial().accuracy(8.0), "± 26 ft");
        assert_eq!(en.accuracy(f64::NAN), NO_VALUE);
        assert_eq!(en.bearing(42.4), "NE (42°)");
        assert_eq!(en.bearing(-90.0), "W (270°)");
        assert_eq!(fr.bearing(270.0), "O (270°)");
        assert_eq!(fr.bearing(359.6), "N (0°)");
        assert_eq!(fr.bearing(200.0), "S (200°)");
        assert_eq!(en.bearing(f64::INFINITY), NO_VALUE);
    }

    #[test]
    fn sensitive_months_read_as_runs_across_the_new_year() {
        let flags = |months: &[usize]| (1..=12).map(|m| months.contains(&m)).collect::<Vec<_>>();
        let en = metric("en");
        assert_eq!(en.months(flags(&[12, 1, 2, 3, 6])), "Dec – Mar, Jun");
        assert_eq!(en.months(flags(&[1, 2, 3, 11])), "Jan – Mar, Nov");
        assert_eq!(metric("fr").months(flags(&[4, 5, 6, 7])), "avr. – juil.");
        assert_eq!(en.months(flags(&[1])), "Jan");
        assert_eq!(en.months(flags(&(1..=12).collect::<Vec<_>>())), "All year");
        assert_eq!(en.months(flags(&[])), "");
        assert_eq!(
            en.months(vec![true; 3]),
            "Jan – Mar",
            "a short list counts missing months as unflagged"
        );
    }

    #[test]
    fn absurd_numbers_are_written_as_no_value() {
        let absurd = [
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            1e300,
            -1e300,
            1.1e8,
        ];
        for formatter in [metric("en"), metric("fr"), imperial()] {
            for value in absurd {
                assert_eq!(formatter.distance(value), NO_VALUE, "distance {value}");
                assert_eq!(formatter.elevation(value), NO_VALUE, "elevation {value}");
                assert_eq!(formatter.ascent(value), NO_VALUE, "ascent {value}");
                assert_eq!(formatter.duration(value), NO_VALUE, "duration {value}");
                assert_eq!(formatter.speed(value * 1e3), NO_VALUE, "speed {value}");
                assert_eq!(formatter.coordinates(value, 6.0), NO_VALUE, "lat {value}");
                assert_eq!(formatter.coordinates(44.0, value), NO_VALUE, "lon {value}");
            }
        }
        // Out of range but finite positions, and the largest plausible figures.
        let en = metric("en");
        assert_eq!(en.coordinates(90.5, 6.0), NO_VALUE);
        assert_eq!(en.coordinates(44.0, -180.5), NO_VALUE);
        assert_eq!(en.elevation(99_999_999.0), "99,999,999 m");
        assert_eq!(en.distance(1e8), "100,000 km");
        assert_eq!(en.duration(1e8), "1157 d 9 h");
        // A blade leaves out a distance it cannot write.
        let line = BladeLine {
            text: "Refuge".into(),
            distance_km: Some(f64::NAN),
            time: None,
            pictograms: Vec::new(),
        };
        assert_eq!(en.blade_line(line), "Refuge");
    }

    #[test]
    fn a_blade_line_joins_what_it_has() {
        let line = |text: &str, km: Option<f64>, time: Option<&str>| BladeLine {
            text: text.into(),
            distance_km: km,
            time: time.map(str::to_string),
            pictograms: Vec::new(),
        };
        assert_eq!(
            metric("fr").blade_line(line("Lac du Lauvitel", Some(2.4), Some("1h15"))),
            "Lac du Lauvitel · 2,4 km · 1h15"
        );
        assert_eq!(
            metric("en").blade_line(line("Refuge", None, Some(" "))),
            "Refuge"
        );
    }
}
