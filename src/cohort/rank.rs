//! Tie-aware ranks, percentiles, quartiles and summary statistics.
//!
//! Methods, so that every number can be checked by hand:
//!
//! - **Competition rank** ("1224" ranking): one plus the number of values strictly better. Tied
//!   values share the best rank of their run.
//! - **Position range**: the run of positions a tied group occupies, from the competition rank
//!   to `rank + tied - 1` ("joint 5th-10th of 72"). A single rank never hides a tie.
//! - **Percentile** (mid-rank): `(worse + 0.5 * tied) / n * 100`, where `worse` counts the
//!   values strictly worse and `tied` counts the equal values including this one. The best of
//!   ten distinct values is at 95, the worst at 5; ten equal values are all at 50.
//! - **Quartile** from that percentile: below 25 bottom, below 50 lower middle, below 75 upper
//!   middle, otherwise top.
//! - **Median and quartiles of a set of values**: linear interpolation between order statistics
//!   at position `p * (n - 1)` (Hyndman and Fan type 7, the default of R and NumPy).
//!
//! Sorting is `O(n log n)`; a run of ties is found once, so no step is quadratic.

use std::cmp::Ordering;
use std::fmt;

/// Which quarter of a ranked cohort a value falls in, by its mid-rank percentile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Quartile {
    /// Percentile below 25: the worst quarter.
    Bottom,
    /// Percentile from 25 to below 50.
    LowerMiddle,
    /// Percentile from 50 to below 75.
    UpperMiddle,
    /// Percentile 75 and above: the best quarter.
    Top,
}

impl Quartile {
    /// The quartile of a mid-rank percentile (0-100).
    ///
    /// # Examples
    /// ```
    /// use cqc_la::cohort::Quartile;
    /// assert_eq!(Quartile::from_percentile(75.0), Quartile::Top);
    /// assert_eq!(Quartile::from_percentile(74.9), Quartile::UpperMiddle);
    /// assert_eq!(Quartile::from_percentile(5.0), Quartile::Bottom);
    /// ```
    #[must_use]
    pub fn from_percentile(percentile: f64) -> Quartile {
        if percentile >= 75.0 {
            Quartile::Top
        } else if percentile >= 50.0 {
            Quartile::UpperMiddle
        } else if percentile >= 25.0 {
            Quartile::LowerMiddle
        } else {
            Quartile::Bottom
        }
    }

    /// A label for tables, e.g. `"top"`.
    #[must_use]
    pub const fn title(self) -> &'static str {
        match self {
            Quartile::Bottom => "bottom",
            Quartile::LowerMiddle => "lower middle",
            Quartile::UpperMiddle => "upper middle",
            Quartile::Top => "top",
        }
    }
}

impl fmt::Display for Quartile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.title())
    }
}

/// Where one value stands among `of` values, ties shown honestly.
///
/// - **Competition rank** ("1224" ranking): one plus the number of values strictly better;
///   tied values share the best rank of their run.
/// - **Position range**: the positions a tied group occupies, from the competition rank to
///   `rank + tied - 1` ("joint 5th-10th of 72"). A single rank never hides a tie.
/// - **Percentile** (mid-rank): `(worse + 0.5 * tied) / n * 100`, where `worse` counts the
///   values strictly worse and `tied` the equal values including this one. The best of ten
///   distinct values is at 95, the worst at 5; ten equal values are all at 50.
/// - **Quartile**: from the percentile, see [`Quartile::from_percentile`].
///
/// # Examples
/// ```
/// use cqc_la::cohort::Standing;
/// let standings = Standing::rank(&[Some(3.0), Some(4.0), Some(3.0), None, Some(1.0)]);
/// let s = standings[0].unwrap();
/// assert_eq!((s.rank, s.last, s.of, s.tied), (2, 3, 4, 2));
/// assert_eq!(s.to_string(), "joint 2nd-3rd of 4");
/// assert_eq!(s.percentile, 50.0); // (1 worse + 0.5 * 2 tied) / 4
/// assert!(standings[3].is_none());
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Standing {
    /// Competition rank: one plus the number of strictly better values.
    pub rank: usize,
    /// The last position the tied group occupies (`rank + tied - 1`).
    pub last: usize,
    /// How many values were ranked.
    pub of: usize,
    /// How many values equal this one, itself included.
    pub tied: usize,
    /// How many values are strictly worse.
    pub worse: usize,
    /// Mid-rank percentile, `(worse + 0.5 * tied) / of * 100`.
    pub percentile: f64,
    /// The quartile of the percentile.
    pub quartile: Quartile,
}

impl Standing {
    /// Ranks values where higher is better; `None` values are not ranked and get `None`.
    /// NaN values are treated as missing. The result is in input order.
    #[must_use]
    pub fn rank(values: &[Option<f64>]) -> Vec<Option<Standing>> {
        Standing::rank_by(values, true)
    }

    /// Ranks values where lower is better (e.g. staff turnover), otherwise as [`Standing::rank`].
    #[must_use]
    pub fn rank_ascending(values: &[Option<f64>]) -> Vec<Option<Standing>> {
        Standing::rank_by(values, false)
    }

    fn rank_by(values: &[Option<f64>], higher_is_better: bool) -> Vec<Option<Standing>> {
        let mut order: Vec<(usize, f64)> = values
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.filter(|v| !v.is_nan()).map(|v| (i, v)))
            .collect();
        // Best first.
        order.sort_by(|a, b| {
            let by_value = if higher_is_better {
                b.1.total_cmp(&a.1)
            } else {
                a.1.total_cmp(&b.1)
            };
            by_value.then(a.0.cmp(&b.0))
        });
        let n = order.len();
        let mut out = vec![None; values.len()];
        let mut start = 0;
        while start < n {
            let value = order[start].1;
            let mut end = start + 1;
            while end < n && order[end].1.total_cmp(&value) == Ordering::Equal {
                end += 1;
            }
            let tied = end - start;
            let worse = n - end;
            let percentile = (worse as f64 + 0.5 * tied as f64) / n as f64 * 100.0;
            let standing = Standing {
                rank: start + 1,
                last: end,
                of: n,
                tied,
                worse,
                percentile,
                quartile: Quartile::from_percentile(percentile),
            };
            for &(index, _) in &order[start..end] {
                out[index] = Some(standing);
            }
            start = end;
        }
        out
    }

    /// The standing of a value with `better` values strictly better, `tied` equal (itself
    /// included) and `worse` strictly worse.
    pub(crate) fn place(better: usize, tied: usize, worse: usize) -> Standing {
        let of = better + tied + worse;
        let percentile = (worse as f64 + 0.5 * tied as f64) / of.max(1) as f64 * 100.0;
        Standing {
            rank: better + 1,
            last: better + tied,
            of,
            tied,
            worse,
            percentile,
            quartile: Quartile::from_percentile(percentile),
        }
    }

    /// Whether another value shares this position.
    #[must_use]
    pub const fn is_joint(&self) -> bool {
        self.tied > 1
    }

    /// The position as a short range: `"5"` alone, `"=5-10"` when tied.
    #[must_use]
    pub fn position(&self) -> String {
        if self.is_joint() {
            format!("={}-{}", self.rank, self.last)
        } else {
            self.rank.to_string()
        }
    }
}

impl fmt::Display for Standing {
    /// `"3rd of 72"` or `"joint 5th-10th of 72"`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_joint() {
            write!(
                f,
                "joint {}-{} of {}",
                ordinal(self.rank),
                ordinal(self.last),
                self.of
            )
        } else {
            write!(f, "{} of {}", ordinal(self.rank), self.of)
        }
    }
}

/// `1` -> `"1st"`, `12` -> `"12th"`, `22` -> `"22nd"`.
#[must_use]
pub fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// Five-number summary and mean of a set of values. Quartiles and median interpolate
/// linearly between order statistics at position `p * (n - 1)` (Hyndman and Fan type 7, the
/// default of R and NumPy).
///
/// # Examples
/// ```
/// use cqc_la::cohort::Summary;
/// let s = Summary::of([1.0, 2.0, 3.0, 4.0]).unwrap();
/// assert_eq!((s.min, s.lower_quartile, s.median, s.upper_quartile, s.max), (1.0, 1.75, 2.5, 3.25, 4.0));
/// assert_eq!(s.mean, 2.5);
/// assert!(Summary::of([]).is_none());
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Summary {
    /// How many values.
    pub count: usize,
    /// The smallest value.
    pub min: f64,
    /// The lower quartile (type 7 interpolation).
    pub lower_quartile: f64,
    /// The median.
    pub median: f64,
    /// The upper quartile (type 7 interpolation).
    pub upper_quartile: f64,
    /// The largest value.
    pub max: f64,
    /// The arithmetic mean.
    pub mean: f64,
}

impl Summary {
    /// Summarises the values, ignoring NaN; `None` when there are none.
    pub fn of(values: impl IntoIterator<Item = f64>) -> Option<Summary> {
        let mut sorted: Vec<f64> = values.into_iter().filter(|v| !v.is_nan()).collect();
        sorted.sort_by(f64::total_cmp);
        Summary::of_sorted(&sorted)
    }

    /// Summarises values already sorted ascending (with no NaN).
    pub(crate) fn of_sorted(sorted: &[f64]) -> Option<Summary> {
        if sorted.is_empty() {
            return None;
        }
        let n = sorted.len();
        let at = |p: f64| {
            let position = p * (n - 1) as f64;
            // position is in 0..=n-1, so the casts cannot truncate a meaningful value.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let low = position.floor() as usize;
            let high = (low + 1).min(n - 1);
            let fraction = position - low as f64;
            sorted[low] + (sorted[high] - sorted[low]) * fraction
        };
        Some(Summary {
            count: n,
            min: sorted[0],
            lower_quartile: at(0.25),
            median: at(0.5),
            upper_quartile: at(0.75),
            max: sorted[n - 1],
            mean: sorted.iter().sum::<f64>() / n as f64,
        })
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "n={} min={:.2} q1={:.2} median={:.2} q3={:.2} max={:.2} mean={:.2}",
            self.count,
            self.min,
            self.lower_quartile,
            self.median,
            self.upper_quartile,
            self.max,
            self.mean
        )
    }
}

/// Standings of the records on a subject, ranks computed only among records covering the same
/// statements: each record with a value is ranked on its basis (the statements its value stands
/// on, [`ScoreRecord::basis`](super::ScoreRecord::basis)) among every record that covers all
/// of them, each on those statements; itself included. A complete record is thus ranked among
/// complete records, a partial one among those that cover its statements. In input order, with
/// the basis.
pub(crate) fn standings_on_bases(
    records: &[&super::ScoreRecord],
    subject: super::Subject,
) -> Vec<Option<(Standing, crate::assessment::Coverage)>> {
    use std::collections::HashMap;
    let bases: Vec<crate::assessment::Coverage> =
        records.iter().map(|r| r.basis(subject)).collect();
    let mut sorted: HashMap<crate::assessment::Coverage, Vec<f64>> = HashMap::new();
    records
        .iter()
        .zip(&bases)
        .map(|(record, &basis)| {
            let own = record.value_on(subject, basis)?;
            let values = sorted.entry(basis).or_insert_with(|| {
                let mut values: Vec<f64> = records
                    .iter()
                    .filter_map(|r| r.value_on(subject, basis))
                    .collect();
                values.sort_by(f64::total_cmp);
                values
            });
            Some((place_in(values, own), basis))
        })
        .collect()
}

/// The standing of `own` among `sorted` values (ascending, `own` among them), higher better.
pub(crate) fn place_in(sorted: &[f64], own: f64) -> Standing {
    let worse = sorted.partition_point(|x| x.total_cmp(&own).is_lt());
    let not_better = sorted.partition_point(|x| x.total_cmp(&own).is_le());
    Standing::place(
        sorted.len() - not_better,
        (not_better - worse).max(1),
        worse,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals() {
        let got: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111, 112]
            .map(ordinal)
            .to_vec();
        assert_eq!(
            got,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd",
                "101st", "111th", "112th"
            ]
        );
    }

    #[test]
    fn all_equal() {
        let s = Standing::rank(&[Some(1.0); 4]);
        for x in s {
            let x = x.unwrap();
            assert_eq!((x.rank, x.last, x.tied, x.worse), (1, 4, 4, 0));
            assert!((x.percentile - 50.0).abs() < 1e-12);
        }
    }

    proptest::proptest! {
        #[test]
        fn ranks_are_consistent(values in proptest::collection::vec(proptest::option::of(0u16..6), 0..60)) {
            let as_f64: Vec<Option<f64>> = values.iter().map(|v| v.map(f64::from)).collect();
            let standings = Standing::rank(&as_f64);
            let known: Vec<u16> = values.iter().flatten().copied().collect();
            let mut percentile_sum = 0.0;
            for (value, standing) in values.iter().zip(&standings) {
                proptest::prop_assert_eq!(value.is_some(), standing.is_some());
                let (Some(v), Some(s)) = (value, standing) else { continue };
                let better = known.iter().filter(|k| *k > v).count();
                let equal = known.iter().filter(|k| *k == v).count();
                let worse = known.iter().filter(|k| *k < v).count();
                proptest::prop_assert_eq!((s.rank, s.tied, s.worse, s.of), (better + 1, equal, worse, known.len()));
                proptest::prop_assert_eq!(s.last, s.rank + s.tied - 1);
                proptest::prop_assert!(s.percentile > 0.0 && s.percentile < 100.0);
                percentile_sum += s.percentile;
            }
            if !known.is_empty() {
                // Mid-rank percentiles always average 50.
                proptest::prop_assert!((percentile_sum / known.len() as f64 - 50.0).abs() < 1e-9);
            }
        }
    }

    #[test]
    fn ascending() {
        let s = Standing::rank_ascending(&[Some(0.1), Some(0.3), Some(0.2)]);
        assert_eq!(
            s.iter().map(|x| x.unwrap().rank).collect::<Vec<_>>(),
            [1, 3, 2]
        );
    }
}
