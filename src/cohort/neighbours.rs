//! Nearest neighbours by score profile or metric profile, and learning partners.
//!
//! Distances, so that every number can be checked by hand:
//!
//! - **Scores**: Euclidean distance over the statements both authorities scored, scaled to
//!   nine statements: `sqrt(9 * sum((a_i - b_i)^2) / k)` for `k` shared statements. Two
//!   identical profiles are at 0; one point apart on one statement is 1; one point apart on all
//!   nine is 3. Authorities sharing fewer than [`Cohort::MIN_SHARED_STATEMENTS`] scored
//!   statements are not neighbours: over fewer, most profiles tie and the distance says little.
//! - **Metrics**: each measure observed for the same period (and unit) for at least three
//!   authorities is standardised over the cohort (`z = (value - mean) / standard deviation`,
//!   population SD; measures with no spread are skipped); figures of different periods are
//!   different measures here, never pooled. The distance is the root mean square of the z
//!   differences over the measures both authorities have, `sqrt(sum((z_a - z_b)^2) / k)`, and
//!   needs at least [`Cohort::MIN_SHARED_METRICS`] shared measures.
//!
//! Ties: every neighbour has a competition rank by distance (equal distances share the best
//! rank, listed by name). When the cut-off falls inside a tie, every member tied with the last
//! one asked for is included, and [`Neighbours::tied_beyond`] says how many that added.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use super::Cohort;
use super::metrics::MeasureKey;
use super::record::ScoreRecord;
use crate::assessment::Coverage;
use crate::model::{QualityStatement, Score};

/// What the distance was measured on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum NeighbourBasis {
    /// The nine quality statement scores.
    Scores,
    /// Standardised metric values.
    Metrics,
}

/// One neighbour.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Neighbour {
    /// Competition rank by distance: one plus the number of strictly nearer neighbours (equal
    /// distances share a rank).
    pub rank: usize,
    /// The name to show.
    pub name: String,
    /// The ONS code when resolved.
    pub ons_code: Option<String>,
    /// The distance (see the module docs).
    pub distance: f64,
    /// How many statements (or measures) both have: what the distance was computed over.
    pub shared: usize,
    /// The statements the neighbour covers.
    pub coverage: Coverage,
    /// The neighbour's sum of scores and number scored, as `27/36`.
    pub total: String,
    /// The neighbour's derived overall percentage (partial when `coverage` is).
    pub percent: Option<f64>,
    /// The neighbour's score on the statement asked about (learning partners only).
    pub score: Option<Score>,
}

/// The nearest authorities to one authority, nearest first.
///
/// Distances:
///
/// - **Scores**: Euclidean distance over the statements both authorities scored, scaled to
///   nine statements: `sqrt(9 * sum((a_i - b_i)^2) / k)` for `k` shared statements. Two
///   identical profiles are at 0; one point apart on one statement is 1; one point apart on all
///   nine is 3. At least [`Cohort::MIN_SHARED_STATEMENTS`] shared statements are needed.
/// - **Metrics**: each measure observed for the same period and unit for at least three
///   authorities is standardised over the cohort (`z = (value - mean) / standard deviation`,
///   population SD; measures with no spread are skipped); the distance is the root mean square
///   of the z differences over the measures both authorities have, `sqrt(sum((z_a - z_b)^2) /
///   k)`, and needs at least [`Cohort::MIN_SHARED_METRICS`] shared measures.
///
/// Equal distances share a rank and are listed by name; a cut-off inside a tie takes every
/// tied member.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Neighbours {
    /// The authority they are near to.
    pub target: String,
    /// The statements the target covers.
    pub target_coverage: Coverage,
    /// The cohort searched.
    pub cohort: String,
    /// What the distance was measured on.
    pub basis: NeighbourBasis,
    /// For learning partners: the statement they scored higher on.
    pub statement: Option<QualityStatement>,
    /// For learning partners: the target's own score on it.
    pub target_score: Option<Score>,
    /// How many were asked for.
    pub asked: usize,
    /// The shared statements (or measures) a neighbour needs.
    pub min_shared: usize,
    /// The neighbours, nearest first, equal distances by name: at least `asked` when there are
    /// that many, more when the cut-off falls inside a tie.
    pub rows: Vec<Neighbour>,
    /// How many rows beyond `asked` are included because they tie with the last one asked.
    pub tied_beyond: usize,
    /// How many members were left out for sharing fewer than `min_shared` statements (or
    /// measures) with the target.
    pub too_few_shared: usize,
}

impl Neighbours {
    /// Whether any two neighbours share a rank.
    pub fn has_ties(&self) -> bool {
        self.rows.windows(2).any(|w| w[0].rank == w[1].rank)
    }
}

/// Score distance scaled to nine statements, and the number of statements shared. The squared
/// distance is one correctly rounded division of two integers, so equal distances (even over
/// different numbers of statements) compare equal.
fn score_distance(a: &ScoreRecord, b: &ScoreRecord) -> (f64, usize) {
    let mut sum = 0u32;
    let mut shared = 0u32;
    for (x, y) in a.scores.iter().zip(&b.scores) {
        if let (Some(x), Some(y)) = (x, y) {
            let d = u32::from(x.get().abs_diff(y.get()));
            sum += d * d;
            shared += 1;
        }
    }
    let distance = if shared == 0 {
        f64::INFINITY
    } else {
        (f64::from(9 * sum) / f64::from(shared)).sqrt()
    };
    (distance, shared as usize)
}

/// A member at a distance, before it is known to be among the nearest.
type Candidate<'a> = (f64, usize, &'a ScoreRecord, Option<Score>);

/// The `count` nearest candidates, nearest first (ties by name), and every candidate tied with
/// the last of them, as rows; and how many the tie added. Selects before it sorts and builds
/// rows (names, codes, percentages) only for those kept: building and sorting all 152 rows was
/// most of the time of neighbours for a whole cohort.
fn nearest(mut candidates: Vec<Candidate<'_>>, count: usize) -> (Vec<Neighbour>, usize) {
    let order = |a: &Candidate<'_>, b: &Candidate<'_>| {
        a.0.total_cmp(&b.0)
            .then_with(|| a.2.display_name().cmp(b.2.display_name()))
    };
    let mut tied_beyond = 0;
    if count == 0 {
        candidates.clear();
    } else if count < candidates.len() {
        candidates.select_nth_unstable_by(count - 1, order);
        let cut = candidates[count - 1].0;
        let (kept, rest) = candidates.split_at_mut(count);
        let mut end = kept.len();
        for i in 0..rest.len() {
            if rest[i].0.total_cmp(&cut).is_eq() {
                rest.swap(i, end - count);
                end += 1;
                tied_beyond += 1;
            }
        }
        candidates.truncate(end);
    }
    candidates.sort_by(order);
    let mut rows = Vec::with_capacity(candidates.len());
    let mut rank = 1;
    for (i, &(distance, shared, m, score)) in candidates.iter().enumerate() {
        if i > 0 && candidates[i - 1].0.total_cmp(&distance).is_ne() {
            rank = i + 1;
        }
        rows.push(neighbour(m, rank, distance, shared, score));
    }
    (rows, tied_beyond)
}

fn neighbour(
    m: &ScoreRecord,
    rank: usize,
    distance: f64,
    shared: usize,
    score: Option<Score>,
) -> Neighbour {
    let overall = m.overall();
    Neighbour {
        rank,
        name: m.display_name().to_owned(),
        ons_code: m.ons_code().map(str::to_owned),
        distance,
        shared,
        coverage: m.coverage(),
        total: format!("{}/{}", overall.total, overall.maximum()),
        percent: (overall.scored > 0).then(|| overall.percent()),
        score,
    }
}

impl Cohort {
    /// Measures shared with the target needed for a metric neighbour.
    pub const MIN_SHARED_METRICS: usize = 5;

    /// Scored statements shared with the target needed for a score neighbour or learning
    /// partner: five, a majority of the nine. Over fewer, most profiles tie (a single page of
    /// one statement scored 3 is at distance 0 from every council that scored that statement 3)
    /// and the distance says little; a single section page has no neighbours.
    pub const MIN_SHARED_STATEMENTS: usize = 5;

    /// The `count` members nearest to `target` by score profile (see the distances in
    /// [`Neighbours`]), and every member tied with the last of them; the target's own
    /// authority is left out, and so are members sharing fewer than
    /// [`Cohort::MIN_SHARED_STATEMENTS`] scored statements with it.
    ///
    /// # Examples
    /// ```
    /// use cqc_la::Cohort;
    /// let cohort = Cohort::published();
    /// let camden = cohort.get("Camden").unwrap();
    /// let near = cohort.neighbours(camden, 3);
    /// assert_eq!(near.rows[0].name, "Wokingham");
    /// assert_eq!(near.rows[0].shared, 9);
    /// ```
    pub fn neighbours(&self, target: &ScoreRecord, count: usize) -> Neighbours {
        let mut too_few = 0;
        let candidates = self
            .members
            .iter()
            .filter(|m| !m.same_authority(target))
            .filter_map(|m| {
                let (d, shared) = score_distance(target, m);
                if shared < Cohort::MIN_SHARED_STATEMENTS {
                    too_few += 1;
                    return None;
                }
                Some((d, shared, m, None))
            })
            .collect();
        let (rows, tied_beyond) = nearest(candidates, count);
        Neighbours {
            target: target.display_name().to_owned(),
            target_coverage: target.coverage(),
            cohort: self.name.clone(),
            basis: NeighbourBasis::Scores,
            statement: None,
            target_score: None,
            asked: count,
            min_shared: Cohort::MIN_SHARED_STATEMENTS,
            rows,
            tied_beyond,
            too_few_shared: too_few,
        }
    }

    /// Learning partners: the `count` members nearest to `target` by score profile among those
    /// that scored higher than it on `statement` (and share at least
    /// [`Cohort::MIN_SHARED_STATEMENTS`] scored statements with it), and every member tied with
    /// the last of them. Empty when the target has no score there.
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
        let mut too_few = 0;
        let candidates = match own {
            None => Vec::new(),
            Some(own) => self
                .members
                .iter()
                .filter(|m| !m.same_authority(target))
                .filter_map(|m| {
                    let theirs = m.score(statement).filter(|s| *s > own)?;
                    let (d, shared) = score_distance(target, m);
                    if shared < Cohort::MIN_SHARED_STATEMENTS {
                        too_few += 1;
                        return None;
                    }
                    Some((d, shared, m, Some(theirs)))
                })
                .collect(),
        };
        let (rows, tied_beyond) = nearest(candidates, count);
        Neighbours {
            target: target.display_name().to_owned(),
            target_coverage: target.coverage(),
            cohort: self.name.clone(),
            basis: NeighbourBasis::Scores,
            statement: Some(statement),
            target_score: own,
            asked: count,
            min_shared: Cohort::MIN_SHARED_STATEMENTS,
            rows,
            tied_beyond,
            too_few_shared: too_few,
        }
    }

    /// The `count` members nearest to `target` by metric profile (see the distances in
    /// [`Neighbours`]), and every member tied with the last of them; members sharing fewer
    /// than [`Cohort::MIN_SHARED_METRICS`] standardised measures (of the same period) with the
    /// target are left out, so the list may be short or empty.
    pub fn metric_neighbours(&self, target: &ScoreRecord, count: usize) -> Neighbours {
        // Per measure and period: mean and population SD over the first value of each
        // authority.
        let mut values: BTreeMap<MeasureKey<'_>, HashMap<String, f64>> = BTreeMap::new();
        for o in self.metrics.iter().filter(|o| o.value.is_finite()) {
            values
                .entry(MeasureKey::of(o))
                .or_default()
                .entry(o.authority_key())
                .or_insert(o.value);
        }
        let mut z: HashMap<String, BTreeMap<&MeasureKey<'_>, f64>> = HashMap::new();
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
        let mut too_few = 0;
        let candidates = self
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
                if shared < Cohort::MIN_SHARED_METRICS {
                    too_few += 1;
                    return None;
                }
                Some(((sum / shared as f64).sqrt(), shared, m, None))
            })
            .collect();
        let (rows, tied_beyond) = nearest(candidates, count);
        Neighbours {
            target: target.display_name().to_owned(),
            target_coverage: target.coverage(),
            cohort: self.name.clone(),
            basis: NeighbourBasis::Metrics,
            statement: None,
            target_score: None,
            asked: count,
            min_shared: Cohort::MIN_SHARED_METRICS,
            rows,
            tied_beyond,
            too_few_shared: too_few,
        }
    }
}

impl fmt::Display for Neighbours {
    /// A heading naming the target and basis, then one line per neighbour with its rank (`=2`
    /// when tied), distance, the statements (or measures) shared, its total and percentage
    /// (and, for learning partners, its score on the statement); then notes on ties and on
    /// members left out.
    // One table, written top to bottom.
    #[allow(clippy::too_many_lines)]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unit = match self.basis {
            NeighbourBasis::Scores => "statements",
            NeighbourBasis::Metrics => "measures",
        };
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
                "Nearest to {} by score profile in {} (Euclidean over shared statements, scaled to nine; at least {} shared)",
                self.target, self.cohort, self.min_shared
            )?,
            (None, NeighbourBasis::Metrics) => writeln!(
                f,
                "Nearest to {} by metric profile in {} (RMS of standardised differences, measures of the same period; at least {} shared)",
                self.target, self.cohort, self.min_shared
            )?,
        }
        if self.rows.is_empty() {
            if self.basis == NeighbourBasis::Scores
                && self.target_coverage.count() < self.min_shared
            {
                return writeln!(
                    f,
                    "  (none: {} covers {}; neighbours need at least {} statements in common)",
                    self.target, self.target_coverage, self.min_shared
                );
            }
            return writeln!(f, "  (none)");
        }
        let width = self
            .rows
            .iter()
            .map(|r| r.name.chars().count())
            .max()
            .unwrap_or(0)
            .max(9);
        let learning = self.statement.is_some();
        write!(
            f,
            "  {:<4}  {:<width$}  {:>8}  {:>6}  {:>6}  {:>6}",
            "Rank", "Authority", "Distance", "Shared", "Total", "%"
        )?;
        if learning {
            write!(f, "  {:>5}", "Score")?;
        }
        writeln!(f)?;
        let joint = |r: &Neighbour| {
            self.rows
                .iter()
                .filter(|other| other.rank == r.rank)
                .count()
                > 1
        };
        for r in &self.rows {
            let rank = if joint(r) {
                format!("={}", r.rank)
            } else {
                r.rank.to_string()
            };
            let partial = if r.coverage.is_partial() { "*" } else { "" };
            write!(
                f,
                "  {:<4}  {:<width$}  {:>8.3}  {:>6}  {:>6}  {:>6}",
                rank,
                r.name,
                r.distance,
                format!("{}/9", r.shared),
                format!("{}{partial}", r.total),
                r.percent
                    .map_or_else(|| "-".to_owned(), |p| format!("{p:.1}{partial}")),
            )?;
            if learning {
                write!(
                    f,
                    "  {:>5}",
                    r.score.map_or_else(|| "-".to_owned(), |s| s.to_string())
                )?;
            }
            writeln!(f)?;
        }
        if self.tied_beyond > 0 {
            writeln!(
                f,
                "  {} asked: the cut-off falls inside a tie, so {} more at the same distance {} shown",
                self.asked,
                self.tied_beyond,
                if self.tied_beyond == 1 { "is" } else { "are" }
            )?;
        }
        if self.has_ties() {
            writeln!(f, "  =n: joint rank, equal distance (listed by name)")?;
        }
        if self.rows.iter().any(|r| r.coverage.is_partial()) {
            writeln!(f, "  * partial: some of the neighbour's scores are unknown")?;
        }
        if self.too_few_shared > 0 {
            writeln!(
                f,
                "  {} left out: fewer than {} {unit} in common",
                self.too_few_shared, self.min_shared
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(name: &str, scores: [u8; 9]) -> ScoreRecord {
        ScoreRecord::new(name, scores.map(Score::new))
    }

    #[test]
    fn a_cut_inside_a_tie_takes_every_tied_member() {
        let target = record("Camden", [3; 9]);
        let others = [
            record("Kent", [3; 9]),
            record("Leeds", [4, 3, 3, 3, 3, 3, 3, 3, 3]),
            record("Essex", [3, 4, 3, 3, 3, 3, 3, 3, 3]),
            record("Wirral", [3, 3, 4, 3, 3, 3, 3, 3, 3]),
            record("Luton", [1; 9]),
        ];
        let candidates = others
            .iter()
            .map(|m| {
                let (d, shared) = score_distance(&target, m);
                (d, shared, m, None)
            })
            .collect();
        let (rows, tied) = nearest(candidates, 2);
        let got: Vec<(usize, &str)> = rows.iter().map(|r| (r.rank, r.name.as_str())).collect();
        assert_eq!(
            got,
            [(1, "Kent"), (2, "Essex"), (2, "Leeds"), (2, "Wirral")]
        );
        assert_eq!(tied, 2);
    }

    #[test]
    fn equal_distances_over_different_counts_are_equal() {
        // One point apart on each of 7 shared statements (9 * 7 / 7) and on each of nine
        // (9 * 9 / 9): both 3, bit for bit.
        let mut seven = [Score::new(3); 9];
        seven[7] = None;
        seven[8] = None;
        let seven = ScoreRecord::new("Seven", seven);
        let fours = record("Fours", [4; 9]);
        let threes = record("Threes", [3; 9]);
        let (over_seven, shared_seven) = score_distance(&seven, &fours);
        let (over_nine, shared_nine) = score_distance(&fours, &threes);
        assert_eq!((shared_seven, shared_nine), (7, 9));
        assert_eq!(over_seven.to_bits(), over_nine.to_bits());
        assert_eq!(over_nine.to_bits(), 3f64.to_bits());
    }
}
