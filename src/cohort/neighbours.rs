//! Nearest neighbours by score profile or metric profile, and learning partners.
//!
//! Distances, so that every number can be checked by hand:
//!
//! - **Scores**: Euclidean distance over the statements both authorities scored, scaled to
//!   nine statements: `sqrt(9 / k * sum((a_i - b_i)^2))` for `k` shared statements. Two
//!   identical profiles are at 0; one point apart on one statement is 1; one point apart on all
//!   nine is 3. Authorities sharing no scored statement are not neighbours.
//! - **Metrics**: each measure observed for at least three authorities is standardised over
//!   the cohort (`z = (value - mean) / standard deviation`, population SD; measures with no
//!   spread are skipped); the distance is the root mean square of the z differences over the
//!   measures both authorities have, `sqrt(sum((z_a - z_b)^2) / k)`, and needs at least
//!   [`Cohort::MIN_SHARED_METRICS`] shared measures.
//!
//! Equal distances are listed by name.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use super::Cohort;
use super::record::ScoreRecord;
use crate::model::{QualityStatement, Score};

/// What the distance was measured on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum NeighbourBasis {
    /// The nine quality statement scores.
    Scores,
    /// Standardised metric values.
    Metrics,
}

/// One neighbour.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Neighbour {
    /// The name to show.
    pub name: String,
    /// The ONS code when resolved.
    pub ons_code: Option<String>,
    /// The distance (see the module docs).
    pub distance: f64,
    /// How many statements (or measures) the distance was computed over.
    pub shared: usize,
    /// The neighbour's derived overall percentage.
    pub percent: Option<f64>,
    /// The neighbour's score on the statement asked about (learning partners).
    pub score: Option<Score>,
}

/// The nearest authorities to one authority, nearest first.
///
/// Distances:
///
/// - **Scores**: Euclidean distance over the statements both authorities scored, scaled to
///   nine statements: `sqrt(9 / k * sum((a_i - b_i)^2))` for `k` shared statements. Two
///   identical profiles are at 0; one point apart on one statement is 1; one point apart on all
///   nine is 3. Authorities sharing no scored statement are not neighbours.
/// - **Metrics**: each measure observed for at least three authorities is standardised over
///   the cohort (`z = (value - mean) / standard deviation`, population SD; measures with no
///   spread are skipped); the distance is the root mean square of the z differences over the
///   measures both authorities have, `sqrt(sum((z_a - z_b)^2) / k)`, and needs at least
///   [`Cohort::MIN_SHARED_METRICS`] shared measures.
///
/// Equal distances are listed by name.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Neighbours {
    /// The authority they are near to.
    pub target: String,
    /// The cohort searched.
    pub cohort: String,
    /// What the distance was measured on.
    pub basis: NeighbourBasis,
    /// For learning partners: the statement they scored higher on.
    pub statement: Option<QualityStatement>,
    /// For learning partners: the target's own score on it.
    pub target_score: Option<Score>,
    /// The neighbours, nearest first, equal distances by name.
    pub rows: Vec<Neighbour>,
}

/// Score distance scaled to nine statements, and the number of statements shared.
fn score_distance(a: &ScoreRecord, b: &ScoreRecord) -> Option<(f64, usize)> {
    let mut sum = 0.0;
    let mut shared = 0usize;
    for (x, y) in a.scores.iter().zip(&b.scores) {
        if let (Some(x), Some(y)) = (x, y) {
            let d = f64::from(x.get()) - f64::from(y.get());
            sum += d * d;
            shared += 1;
        }
    }
    (shared > 0).then(|| ((9.0 / shared as f64 * sum).sqrt(), shared))
}

/// A member at a distance, before it is known to be among the nearest.
type Candidate<'a> = (f64, usize, &'a ScoreRecord, Option<Score>);

/// The `count` nearest candidates, nearest first (ties by name), as rows. Selects before it
/// sorts and builds rows (names, codes, percentages) only for those kept: building and sorting
/// all 152 rows was most of the time of neighbours for a whole cohort.
fn nearest(mut candidates: Vec<Candidate<'_>>, count: usize) -> Vec<Neighbour> {
    let order = |a: &Candidate<'_>, b: &Candidate<'_>| {
        a.0.total_cmp(&b.0)
            .then_with(|| a.2.display_name().cmp(b.2.display_name()))
    };
    if count < candidates.len() {
        candidates.select_nth_unstable_by(count, order);
        candidates.truncate(count);
    }
    candidates.sort_by(order);
    candidates
        .into_iter()
        .map(|(distance, shared, m, score)| neighbour(m, distance, shared, score))
        .collect()
}

fn neighbour(m: &ScoreRecord, distance: f64, shared: usize, score: Option<Score>) -> Neighbour {
    let overall = m.overall();
    Neighbour {
        name: m.display_name().to_owned(),
        ons_code: m.ons_code().map(str::to_owned),
        distance,
        shared,
        percent: (overall.scored > 0).then(|| overall.percent()),
        score,
    }
}

impl Cohort {
    /// Measures shared with the target needed for a metric neighbour.
    pub const MIN_SHARED_METRICS: usize = 5;

    /// The `count` members nearest to `target` by score profile (see the distances in
    /// [`Neighbours`]); the target's own authority is left out.
    ///
    /// # Examples
    /// ```
    /// use cqc_la::Cohort;
    /// let cohort = Cohort::published();
    /// let camden = cohort.get("Camden").unwrap();
    /// let near = cohort.neighbours(camden, 3);
    /// assert_eq!(near.rows[0].name, "Wokingham");
    /// ```
    pub fn neighbours(&self, target: &ScoreRecord, count: usize) -> Neighbours {
        let rows = self
            .members
            .iter()
            .filter(|m| !m.same_authority(target))
            .filter_map(|m| score_distance(target, m).map(|(d, shared)| (d, shared, m, None)))
            .collect();
        Neighbours {
            target: target.display_name().to_owned(),
            cohort: self.name.clone(),
            basis: NeighbourBasis::Scores,
            statement: None,
            target_score: None,
            rows: nearest(rows, count),
        }
    }

    /// Learning partners: the `count` members nearest to `target` by score profile among those
    /// that scored higher than it on `statement`. Empty when the target has no score there.
    ///
    /// # Examples
    /// ```
    /// use cqc_la::{Cohort, QualityStatement};
    /// let cohort = Cohort::published();
    /// let blackpool = cohort.get("Blackpool").unwrap();
    /// let partners = cohort.learning_partners(blackpool, QualityStatement::Safeguarding, 5);
    /// assert!(partners.rows.iter().all(|p| p.score.unwrap().get() > 1));
    /// ```
    pub fn learning_partners(
        &self,
        target: &ScoreRecord,
        statement: QualityStatement,
        count: usize,
    ) -> Neighbours {
        let own = target.score(statement);
        let rows = match own {
            None => Vec::new(),
            Some(own) => self
                .members
                .iter()
                .filter(|m| !m.same_authority(target))
                .filter_map(|m| {
                    let theirs = m.score(statement).filter(|s| *s > own)?;
                    score_distance(target, m).map(|(d, shared)| (d, shared, m, Some(theirs)))
                })
                .collect(),
        };
        Neighbours {
            target: target.display_name().to_owned(),
            cohort: self.name.clone(),
            basis: NeighbourBasis::Scores,
            statement: Some(statement),
            target_score: own,
            rows: nearest(rows, count),
        }
    }

    /// The `count` members nearest to `target` by metric profile (see the distances in
    /// [`Neighbours`]); members sharing fewer than [`Cohort::MIN_SHARED_METRICS`] standardised
    /// measures with the target are left out, so the list may be short or empty.
    pub fn metric_neighbours(&self, target: &ScoreRecord, count: usize) -> Neighbours {
        // Per measure: mean and population SD over the first value of each authority.
        let mut values: BTreeMap<&str, HashMap<String, f64>> = BTreeMap::new();
        for o in self.metrics.iter().filter(|o| o.value.is_finite()) {
            values
                .entry(o.measure.as_str())
                .or_default()
                .entry(o.authority_key())
                .or_insert(o.value);
        }
        let mut z: HashMap<String, BTreeMap<&str, f64>> = HashMap::new();
        for (measure, by_authority) in &values {
            let n = by_authority.len();
            if n < 3 {
                continue;
            }
            let mean = by_authority.values().sum::<f64>() / n as f64;
            let variance = by_authority
                .values()
                .map(|v| (v - mean).powi(2))
                .sum::<f64>()
                / n as f64;
            let sd = variance.sqrt();
            if sd <= f64::EPSILON {
                continue;
            }
            for (authority, value) in by_authority {
                z.entry(authority.clone())
                    .or_default()
                    .insert(measure, (value - mean) / sd);
            }
        }
        let empty = BTreeMap::new();
        let own = z.get(&target.key()).unwrap_or(&empty);
        let rows = self
            .members
            .iter()
            .filter(|m| !m.same_authority(target))
            .filter_map(|m| {
                let theirs = z.get(&m.key())?;
                let mut sum = 0.0;
                let mut shared = 0;
                for (measure, a) in own {
                    if let Some(b) = theirs.get(measure) {
                        sum += (a - b).powi(2);
                        shared += 1;
                    }
                }
                (shared >= Cohort::MIN_SHARED_METRICS)
                    .then(|| ((sum / shared as f64).sqrt(), shared, m, None))
            })
            .collect();
        Neighbours {
            target: target.display_name().to_owned(),
            cohort: self.name.clone(),
            basis: NeighbourBasis::Metrics,
            statement: None,
            target_score: None,
            rows: nearest(rows, count),
        }
    }
}

impl fmt::Display for Neighbours {
    /// A heading naming the target and basis, then one line per neighbour.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.statement, self.basis) {
            (Some(qs), _) => writeln!(
                f,
                "Learning partners for {} on {} (scored {}): nearest by score profile in {} that scored higher",
                self.target,
                qs.title(),
                self.target_score
                    .map_or_else(|| "-".to_owned(), |s| s.to_string()),
                self.cohort
            )?,
            (None, NeighbourBasis::Scores) => writeln!(
                f,
                "Nearest to {} by score profile in {} (Euclidean over shared statements, scaled to nine)",
                self.target, self.cohort
            )?,
            (None, NeighbourBasis::Metrics) => writeln!(
                f,
                "Nearest to {} by metric profile in {} (RMS of standardised differences)",
                self.target, self.cohort
            )?,
        }
        if self.rows.is_empty() {
            return writeln!(f, "  (none)");
        }
        let width = self
            .rows
            .iter()
            .map(|r| r.name.chars().count())
            .max()
            .unwrap_or(0)
            .max(9);
        writeln!(
            f,
            "  {:<width$}  {:>8}  {:>6}  {:>6}  {:>5}",
            "Authority", "Distance", "Shared", "%", "Score"
        )?;
        for r in &self.rows {
            writeln!(
                f,
                "  {:<width$}  {:>8.3}  {:>6}  {:>6}  {:>5}",
                r.name,
                r.distance,
                r.shared,
                r.percent
                    .map_or_else(|| "-".to_owned(), |p| format!("{p:.1}")),
                r.score.map_or_else(|| "-".to_owned(), |s| s.to_string()),
            )?;
        }
        Ok(())
    }
}
