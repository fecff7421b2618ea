//! Timestamps as a French Geotrek-admin writes them: in Europe/Paris time
//! (`+01:00` in winter, `+02:00` in summer) with microseconds, e.g.
//! `2026-11-28T16:57:50.884086+01:00`; and dates compared the way Django's
//! `date_update__date` does (the local calendar day).

use rand::Rng;
use time::format_description::BorrowedFormatItem;
use time::macros::{datetime, format_description};
use time::{Date, Duration, Month, OffsetDateTime, UtcOffset, Weekday};

const FORMAT: &[BorrowedFormatItem<'static>] = format_description!(
    "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:6][offset_hour sign:mandatory]:[offset_minute]"
);

/// The earliest creation date of generated objects.
const GENERATION_START: OffsetDateTime = datetime!(2019-03-01 08:00 UTC);
/// The latest date a generated object was last modified: safely in the past,
/// so anything touched "now" is newer.
const GENERATION_END: OffsetDateTime = datetime!(2025-12-15 18:00 UTC);

fn last_sunday(year: i32, month: Month) -> Option<Date> {
    let mut day = Date::from_calendar_date(year, month, month.length(year)).ok()?;
    while day.weekday() != Weekday::Sunday {
        day = day.previous_day()?;
    }
    Some(day)
}

/// The Europe/Paris offset at an instant (EU summer time rules).
pub fn paris_offset(instant: OffsetDateTime) -> UtcOffset {
    let utc = instant.to_offset(UtcOffset::UTC);
    // Summer time runs from 01:00 UTC on the last Sunday of March to 01:00 UTC
    // on the last Sunday of October.
    let switch = |month| {
        last_sunday(utc.year(), month)
            .and_then(|day| day.with_hms(1, 0, 0).ok())
            .map(|instant| instant.assume_utc())
    };
    let summer = switch(Month::March)
        .zip(switch(Month::October))
        .is_some_and(|(start, end)| utc >= start && utc < end);
    let hours = if summer { 2 } else { 1 };
    UtcOffset::from_hms(hours, 0, 0).unwrap_or(UtcOffset::UTC)
}

/// `instant` in Paris time, as Geotrek's serializers write it.
pub fn format_datetime(instant: OffsetDateTime) -> String {
    let local = instant.to_offset(paris_offset(instant));
    local.format(FORMAT).unwrap_or_else(|_| local.to_string())
}

/// The Paris calendar day of `instant` (what `__date` filters compare).
pub fn paris_date(instant: OffsetDateTime) -> Date {
    instant.to_offset(paris_offset(instant)).date()
}

/// The wall clock, to the microsecond.
pub fn now() -> OffsetDateTime {
    let now = OffsetDateTime::now_utc();
    now.replace_nanosecond(now.microsecond() * 1_000)
        .unwrap_or(now)
}

/// A creation and a later modification instant, both in the generated past.
pub fn generated_lifetime(rng: &mut impl Rng) -> (OffsetDateTime, OffsetDateTime) {
    let span = (GENERATION_END - GENERATION_START).whole_seconds();
    let created = GENERATION_START + Duration::seconds(rng.random_range(0..span));
    let remaining = (GENERATION_END - created).whole_seconds().max(1);
    let updated = created + Duration::seconds(rng.random_range(0..remaining));
    let micros =
        |rng: &mut dyn rand::RngCore| Duration::microseconds(rng.random_range(0..1_000_000));
    (created + micros(rng), updated + micros(rng))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paris_time_follows_summer_time() {
        assert_eq!(
            format_datetime(datetime!(2026-11-28 15:57:50.884086 UTC)),
            "2026-11-28T16:57:50.884086+01:00"
        );
        assert_eq!(
            format_datetime(datetime!(2025-07-14 10:00 UTC)),
            "2025-07-14T12:00:00.000000+02:00"
        );
        // Late evening UTC is already the next day in Paris.
        assert_eq!(
            paris_date(datetime!(2025-07-14 23:30 UTC)),
            time::macros::date!(2025 - 07 - 15)
        );
    }
}
