//! How every benchmark prints its result: the figure, the baseline measured in
//! the same run, and their ratio, one line each so runs can be compared by eye
//! or by `grep`.

/// One measured figure and the baseline it is compared with.
pub struct Comparison<'a> {
    /// What was measured, e.g. `full sync of 2000 treks`.
    pub name: &'a str,
    /// The measured value.
    pub value: f64,
    /// The unit of both values, e.g. `s`, `tiles/s`, `MB`.
    pub unit: &'a str,
    /// What the baseline is, e.g. `download + parse only`.
    pub baseline_name: &'a str,
    /// The baseline's value, in the same unit.
    pub baseline: f64,
    /// The goal the issue sets, in words, e.g. `ratio <= 2.0`.
    pub goal: &'a str,
}

/// Prints `comparison` as `BENCH name: value unit | baseline (...): value unit | ratio x | goal`.
pub fn report(comparison: &Comparison) {
    let ratio = if comparison.baseline != 0.0 {
        comparison.value / comparison.baseline
    } else {
        f64::NAN
    };
    println!(
        "BENCH {}: {:.3} {} | baseline ({}): {:.3} {} | ratio {:.3}x | goal: {}",
        comparison.name,
        comparison.value,
        comparison.unit,
        comparison.baseline_name,
        comparison.baseline,
        comparison.unit,
        ratio,
        comparison.goal
    );
}

/// The `q`-quantile (0.0..=1.0) of `samples`, sorting them in place; NaN when empty.
pub fn quantile(samples: &mut [f64], q: f64) -> f64 {
    if samples.is_empty() {
        return f64::NAN;
    }
    samples.sort_by(f64::total_cmp);
    let index = ((samples.len() - 1) as f64 * q.clamp(0.0, 1.0)).round() as usize;
    samples[index]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_pick_sorted_positions() {
        let mut samples = vec![5.0, 1.0, 4.0, 2.0, 3.0];
        assert_eq!(quantile(&mut samples, 0.5), 3.0);
        assert_eq!(quantile(&mut samples, 0.0), 1.0);
        assert_eq!(quantile(&mut samples, 1.0), 5.0);
        assert!(quantile(&mut [], 0.5).is_nan());
    }
}
