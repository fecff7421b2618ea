//! Printing results as text for people or JSON for scripts, and the small
//! text renderings (tables, sparklines, figures) the commands share.

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

/// How the terminal writes measures: the core's formatter, metric, in English.
fn measures() -> MeasureFormatter {
    MeasureFormatter::new(UnitSystem::Metric, "en".to_string())
}

/// A distance as the apps write it: `850 m`, `2.4 km`, `12 km`.
pub fn distance(metres: f64) -> String {
    measures().distance(metres)
}

/// A duration in hours as the apps write it: `2 h 45`.
pub fn duration(hours: f64) -> String {
    measures().duration(hours * 3600.0)
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
    fn figures_read_naturally() {
        assert_eq!(distance(850.0), "850 m");
        assert_eq!(distance(2_420.0), "2.4 km");
        assert_eq!(distance(12_345.0), "12 km");
        assert_eq!(duration(2.75), "2 h 45");
    }
}
