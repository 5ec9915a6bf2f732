//! The league table on the derived overall percentage.

use std::fmt;
use std::io::Write;

use super::Cohort;
use super::csv::{CsvError, SCORE_COLUMNS};
use super::rank::Standing;
use super::record::score_string;
use crate::model::{Band, OverallScore, QualityStatement, Rating, Score};

/// One authority's line in a [`LeagueTable`].
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct LeagueRow {
    /// Where it stands on the derived percentage, ties shown as a range.
    pub standing: Standing,
    /// The name to show (ONS short name when resolved).
    pub name: String,
    /// The ONS code when resolved.
    pub ons_code: Option<String>,
    /// The rating as published.
    pub published_rating: Option<Rating>,
    /// Sum and count of the known scores.
    pub overall: OverallScore,
    /// The derived percentage over the known scores.
    pub percent: f64,
    /// The band the percentage falls in.
    pub derived: Option<Band>,
    /// The nine scores.
    pub scores: [Option<Score>; 9],
}

impl LeagueRow {
    /// Whether all nine scores are known. A partial row is ranked on the percentage of the
    /// scores it has (CQC's rule counts only scored statements) and marked with `*`.
    pub fn is_complete(&self) -> bool {
        self.overall.scored == 9
    }

    /// Whether the derived band admits the published rating (`None` when either is unknown).
    pub fn rating_agrees(&self) -> Option<bool> {
        Some(self.derived?.admits(self.published_rating?))
    }
}

/// A league table of a cohort on the derived overall percentage (sum of known scores over four
/// times their number), best first, ties sharing a position range and a competition rank;
/// equal percentages are listed by name.
///
/// Decision on missing scores: an authority with some scores missing is ranked on the
/// percentage of the scores it has, as CQC's rule does for statements not assessed, and is
/// flagged as partial (`*`); nothing is filled in. An authority with no scores at all is not
/// ranked and is listed in [`LeagueTable::unranked`].
///
/// # Examples
/// ```
/// use cqc_la::Cohort;
/// let table = Cohort::published().league_table();
/// let westminster = table.row("Westminster City Council").unwrap();
/// assert_eq!(westminster.standing.to_string(), "joint 5th-10th of 72");
/// assert_eq!(westminster.standing.position(), "=5-10");
/// assert_eq!(westminster.standing.rank, 5);
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct LeagueTable {
    /// The cohort's name.
    pub cohort: String,
    /// The ranked rows, best first.
    pub rows: Vec<LeagueRow>,
    /// Members with no known score.
    pub unranked: Vec<String>,
}

impl Cohort {
    /// The league table of this cohort (see [`LeagueTable`]).
    pub fn league_table(&self) -> LeagueTable {
        let values: Vec<Option<f64>> = self
            .members
            .iter()
            .map(|m| {
                let overall = m.overall();
                (overall.scored > 0).then(|| overall.percent())
            })
            .collect();
        let standings = Standing::rank(&values);
        let mut rows = Vec::new();
        let mut unranked = Vec::new();
        for (member, standing) in self.members.iter().zip(standings) {
            let Some(standing) = standing else {
                unranked.push(member.display_name().to_owned());
                continue;
            };
            let overall = member.overall();
            rows.push(LeagueRow {
                standing,
                name: member.display_name().to_owned(),
                ons_code: member.ons_code().map(str::to_owned),
                published_rating: member.rating,
                overall,
                percent: overall.percent(),
                derived: overall.band(),
                scores: member.scores,
            });
        }
        rows.sort_by(|a, b| {
            a.standing
                .rank
                .cmp(&b.standing.rank)
                .then_with(|| a.name.cmp(&b.name))
        });
        LeagueTable {
            cohort: self.name.clone(),
            rows,
            unranked,
        }
    }
}

impl LeagueTable {
    /// The row of the authority a name resolves to, or of an unresolved row with this name.
    pub fn row(&self, name: &str) -> Option<&LeagueRow> {
        super::row_named(&self.rows, name, |r| (r.ons_code.as_deref(), &r.name))
    }

    /// Writes the table as CSV: `position, rank, last, of, authority, ons_code, total, scored,
    /// percent, published_rating, derived_rating, percentile, quartile` and the nine score
    /// columns of the published-scores file (blank when unknown).
    ///
    /// # Errors
    /// [`CsvError::Write`] when the writer fails.
    ///
    /// # Examples
    /// ```
    /// use cqc_la::Cohort;
    /// let mut out = Vec::new();
    /// Cohort::published().league_table().write_csv(&mut out).unwrap();
    /// let text = String::from_utf8(out).unwrap();
    /// assert!(text.lines().nth(1).unwrap().starts_with("1-2,1,2,72,Camden,E09000007,32,9,88.9,"));
    /// ```
    pub fn write_csv(&self, writer: impl Write) -> Result<(), CsvError> {
        let mut csv = csv::Writer::from_writer(writer);
        let mut header = vec![
            "position",
            "rank",
            "last",
            "of",
            "authority",
            "ons_code",
            "total",
            "scored",
            "percent",
            "published_rating",
            "derived_rating",
            "percentile",
            "quartile",
        ];
        header.extend(SCORE_COLUMNS);
        csv.write_record(&header).map_err(|e| CsvError::write(&e))?;
        for row in &self.rows {
            let s = row.standing;
            let mut record = vec![
                s.position().trim_start_matches('=').to_owned(),
                s.rank.to_string(),
                s.last.to_string(),
                s.of.to_string(),
                row.name.clone(),
                row.ons_code.clone().unwrap_or_default(),
                row.overall.total.to_string(),
                row.overall.scored.to_string(),
                format!("{:.1}", row.percent),
                row.published_rating
                    .map(Rating::title)
                    .unwrap_or_default()
                    .to_owned(),
                row.derived.map(|b| b.to_string()).unwrap_or_default(),
                format!("{:.1}", s.percentile),
                s.quartile.to_string(),
            ];
            record.extend(
                row.scores
                    .iter()
                    .map(|s| s.map(|s| s.to_string()).unwrap_or_default()),
            );
            csv.write_record(&record).map_err(|e| CsvError::write(&e))?;
        }
        csv.flush().map_err(|e| CsvError::write(&e))
    }
}

/// Two-letter column labels for the nine statements, in framework order.
pub(crate) const ABBREVIATIONS: [&str; 9] = ["AN", "HL", "EQ", "CP", "PC", "SP", "SG", "GV", "LI"];

pub(crate) fn legend() -> String {
    QualityStatement::ALL
        .iter()
        .zip(ABBREVIATIONS)
        .map(|(qs, a)| format!("{a} {}", qs.short_title()))
        .collect::<Vec<_>>()
        .join(", ")
}

impl fmt::Display for LeagueTable {
    /// An aligned table: position (`=4-6` for a tie), competition rank, authority, total,
    /// percentage, published and derived rating, the nine scores.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.rows.len();
        writeln!(
            f,
            "{}: {n} authorities ranked by derived overall percentage",
            self.cohort
        )?;
        let name_width = self
            .rows
            .iter()
            .map(|r| r.name.chars().count())
            .max()
            .unwrap_or(0)
            .max("Authority".len());
        let pos_width = self
            .rows
            .iter()
            .map(|r| r.standing.position().len())
            .max()
            .unwrap_or(0)
            .max(3);
        let derived: Vec<String> = self
            .rows
            .iter()
            .map(|r| match (r.derived, r.rating_agrees()) {
                (Some(band), Some(false)) => format!("{band} (differs)"),
                (Some(band), _) => band.to_string(),
                (None, _) => "-".to_owned(),
            })
            .collect();
        let derived_width = derived
            .iter()
            .map(String::len)
            .max()
            .unwrap_or(0)
            .max("Derived".len());
        let rating_width = self
            .rows
            .iter()
            .map(|r| r.published_rating.map_or(1, |r| r.title().len()))
            .max()
            .unwrap_or(0)
            .max("Published".len());
        writeln!(
            f,
            "{:<pos_width$}  {:>4}  {:<name_width$}  {:<6}  {:>5}  {:<rating_width$}  {:<derived_width$}  {}",
            "Pos",
            "Rank",
            "Authority",
            "Total",
            "%",
            "Published",
            "Derived",
            ABBREVIATIONS.join(" "),
        )?;
        for (r, derived) in self.rows.iter().zip(&derived) {
            let total = format!(
                "{}/{}{}",
                r.overall.total,
                r.overall.maximum(),
                if r.is_complete() { "" } else { "*" }
            );
            let scores = score_string(&r.scores).replace(' ', "  ");
            writeln!(
                f,
                "{:<pos_width$}  {:>4}  {:<name_width$}  {:<6}  {:>5.1}  {:<rating_width$}  {:<derived_width$}  {}",
                r.standing.position(),
                r.standing.rank,
                r.name,
                total,
                r.percent,
                r.published_rating.map_or("-", Rating::title),
                derived,
                scores,
            )?;
        }
        writeln!(
            f,
            "Published: the rating CQC published; Derived: the band the scores give"
        )?;
        writeln!(
            f,
            "Pos =a-b: joint a-th to b-th; Rank: competition rank (ties share the best)"
        )?;
        writeln!(f, "Scores: {}", legend())?;
        if self.rows.iter().any(|r| !r.is_complete()) {
            writeln!(f, "* some scores unknown: percentage over the scores known")?;
        }
        if !self.unranked.is_empty() {
            writeln!(f, "Not ranked (no scores): {}", self.unranked.join(", "))?;
        }
        Ok(())
    }
}
