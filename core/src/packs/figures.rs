//! A pack download's progress in the words and units of the packs screen.

use crate::measures::{MeasureFormatter, NO_VALUE};
use crate::packs::PackProgress;

/// A pack download's progress as the packs screen shows it.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct DownloadFigures {
    /// Bytes done over bytes to fetch, 0 to 1.
    pub fraction: f64,
    /// `12.0 MB / 48.1 MB`.
    pub bytes: String,
    /// `3 / 10` files.
    pub files: String,
    /// `2.4 MB/s`, once bytes flow.
    pub rate: Option<String>,
    /// Time left at the current pace, once known.
    pub remaining: Option<String>,
}

impl PackProgress {
    /// Its fraction, bytes, files, rate and time left, written by `measures`.
    pub fn figures(&self, measures: &MeasureFormatter) -> DownloadFigures {
        DownloadFigures {
            fraction: if self.bytes_total > 0 {
                (self.bytes_done as f64 / self.bytes_total as f64).clamp(0.0, 1.0)
            } else {
                0.0
            },
            bytes: format!(
                "{} / {}",
                measures.data_size(self.bytes_done),
                measures.data_size(self.bytes_total)
            ),
            files: format!("{} / {}", self.files_done, self.files_total),
            rate: (self.bytes_per_second > 0)
                .then(|| format!("{}/s", measures.data_size(self.bytes_per_second))),
            remaining: self
                .eta_seconds
                .map(|seconds| measures.duration(seconds as f64))
                .filter(|text| text != NO_VALUE),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::measures::UnitSystem;

    fn metric(language: &str) -> MeasureFormatter {
        MeasureFormatter::new(UnitSystem::Metric, language.to_string())
    }

    #[test]
    fn a_download_is_written_whole() {
        let progress = PackProgress {
            pack_id: "ecrins".into(),
            bytes_done: 12_000_000,
            bytes_total: 48_100_000,
            files_done: 3,
            files_total: 10,
            bytes_per_second: 2_400_000,
            eta_seconds: Some(15 * 60),
            installing: false,
        };
        let figures = progress.figures(&metric("fr"));
        assert_eq!(figures.bytes, "12 Mo / 48 Mo");
        assert_eq!(figures.files, "3 / 10");
        assert_eq!(figures.rate.as_deref(), Some("2,4 Mo/s"));
        assert_eq!(figures.remaining.as_deref(), Some("15 min"));
        assert!((figures.fraction - 12.0 / 48.1).abs() < 1e-9);
        let starting = PackProgress {
            bytes_done: 0,
            bytes_total: 0,
            bytes_per_second: 0,
            eta_seconds: None,
            ..progress
        }
        .figures(&metric("en"));
        assert_eq!(
            (starting.fraction, starting.rate, starting.remaining),
            (0.0, None, None)
        );
    }

    #[test]
    fn a_stalled_download_has_no_time_left() {
        let stalled = PackProgress {
            pack_id: "p".into(),
            bytes_done: 1,
            bytes_total: 2,
            files_done: 0,
            files_total: 1,
            bytes_per_second: 1,
            eta_seconds: Some(u64::MAX),
            installing: false,
        };
        assert_eq!(stalled.figures(&metric("en")).remaining, None);
    }
}
