//! Printing results: text for people, in the language asked (words from the
//! command's own French and English, every figure from the core's
//! `MeasureFormatter`), or exactly one JSON document per command for
//! scripts, errors included; and the small text renderings (tables,
//! sparklines) the commands share.

use std::error::Error;

use sentier_core::catalog::PlaceKind;
use sentier_core::locale;
use sentier_core::measures::{MeasureFormatter, UnitSystem};
use serde::Serialize;

/// How results are printed.
pub struct Output {
    pub json: bool,
}

impl Output {
    /// Prints `value` as JSON when asked, else runs `text`.
    pub fn show<T: Serialize>(&self, value: &T, text: impl FnOnce()) {
        if self.json {
            match serde_json::to_string_pretty(value) {
                Ok(json) => println!("{json}"),
                Err(error) => eprintln!("sentier: cannot print JSON: {error}"),
            }
        } else {
            text();
        }
    }

    /// Narration between results, left out of JSON output.
    pub fn say(&self, text: &str) {
        if !self.json {
            println!("{text}");
        }
    }

    /// Reports a failed command: `{"error": {"message": ...}}` on stdout
    /// with `--json` (the command's one document), else a line on stderr.
    pub fn error(&self, error: &dyn Error) {
        if self.json {
            self.show(&error_json(&error.to_string()), || {});
        } else {
            eprintln!("sentier: {error}");
        }
    }
}

/// The JSON document of a failed command.
pub fn error_json(message: &str) -> serde_json::Value {
    serde_json::json!({ "error": { "message": message } })
}

/// The language text output is written in: the command's words in French
/// or English, and figures as the apps write them in that language.
pub struct Language {
    french: bool,
    measures: MeasureFormatter,
}

impl Language {
    /// `code` is a language tag or a bare code (`fr`, `en-GB`); languages
    /// other than French are written in English.
    pub fn new(code: &str) -> Language {
        Language {
            french: locale::Language::of_tag(code) == locale::Language::French,
            measures: MeasureFormatter::new(UnitSystem::Metric, code.to_string()),
        }
    }

    /// `english` or `french`, as the language asks.
    pub fn pick<'a>(&self, english: &'a str, french: &'a str) -> &'a str {
        if self.french { french } else { english }
    }

    /// How a kind of place is named.
    pub fn place_kind(&self, kind: PlaceKind) -> &'static str {
        match kind {
            PlaceKind::Trek => self.pick("trek", "randonnée"),
            PlaceKind::Poi => self.pick("point of interest", "point d’intérêt"),
            PlaceKind::Signage => self.pick("signpost", "signalétique"),
            PlaceKind::Infrastructure => self.pick("infrastructure", "aménagement"),
            PlaceKind::SensitiveArea => self.pick("sensitive area", "zone sensible"),
            PlaceKind::InformationDesk => self.pick("information desk", "accueil"),
            PlaceKind::TouristicContent => self.pick("tourism", "tourisme"),
            PlaceKind::TouristicEvent => self.pick("event", "événement"),
            PlaceKind::Service => self.pick("service", "service"),
            PlaceKind::OutdoorSite => self.pick("outdoor site", "site outdoor"),
            PlaceKind::OutdoorCourse => self.pick("outdoor course", "parcours outdoor"),
        }
    }

    /// A distance: `850 m`, `2.4 km` (`2,4 km`).
    pub fn distance(&self, metres: f64) -> String {
        self.measures.distance(metres)
    }

    /// A duration in hours: `2 h 45`, `2 d 12 h` (`2 j 12 h`).
    pub fn duration_hours(&self, hours: f64) -> String {
        self.measures.duration(hours * 3600.0)
    }

    /// An altitude: `1,234 m` (`1 234 m`).
    pub fn elevation(&self, metres: f64) -> String {
        self.measures.elevation(metres)
    }

    /// A climb: `+1,234 m`.
    pub fn ascent(&self, metres: f64) -> String {
        self.measures.ascent(metres)
    }

    /// A descent, whatever its sign in the data: `-1,234 m`.
    pub fn descent(&self, metres: f64) -> String {
        format!("-{}", self.measures.elevation(metres.abs()))
    }

    /// The months flagged among twelve: `Dec – Mar` (`déc. – mars`).
    pub fn months(&self, flags: &[bool]) -> String {
        self.measures.months(flags.to_vec())
    }
}

/// Prints rows under a header, each column as wide as its widest cell.
pub fn table(header: &[&str], rows: &[Vec<String>]) {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect();
        println!("{}", padded.join("  ").trim_end());
    };
    line(header.to_vec());
    for row in rows {
        line(row.iter().map(String::as_str).collect());
    }
}

/// `values` drawn as a one-line chart `width` characters wide.
pub fn sparkline(values: &[f64], width: usize) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    if values.is_empty() || width == 0 {
        return String::new();
    }
    let (min, max) = values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(*v), hi.max(*v))
        });
    let span = (max - min).max(f64::EPSILON);
    (0..width.min(values.len()))
        .map(|column| {
            let start = column * values.len() / width.min(values.len());
            let end = ((column + 1) * values.len() / width.min(values.len())).max(start + 1);
            let peak = values[start..end]
                .iter()
                .cloned()
                .fold(f64::NEG_INFINITY, f64::max);
            BARS[(((peak - min) / span) * 7.0).round() as usize]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparkline_spans_the_range() {
        assert_eq!(
            sparkline(&[0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0], 8),
            "▁▂▃▄▅▆▇█"
        );
        assert_eq!(sparkline(&[5.0; 100], 10).chars().count(), 10);
        assert_eq!(sparkline(&[], 10), "");
    }

    #[test]
    fn figures_are_written_in_the_language_asked() {
        let english = Language::new("en");
        assert_eq!(english.distance(9_600.0), "9.6 km");
        assert_eq!(english.duration_hours(60.0), "2 d 12 h");
        assert_eq!(english.pick("Signposts", "Balisage"), "Signposts");
        let french = Language::new("fr");
        assert_eq!(french.distance(9_600.0), "9,6 km");
        assert_eq!(french.duration_hours(60.0), "2 j 12 h");
        assert_eq!(french.descent(-1234.0), "-1\u{202f}234 m");
        assert_eq!(french.pick("Signposts", "Balisage"), "Balisage");
    }
}
