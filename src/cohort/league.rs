//! The league table on the derived overall percentage.

use std::fmt;
use std::io::Write;

use super::Cohort;
use super::csv::{CsvError, SCORE_COLUMNS};
use super::rank::{Standing, standings_on_bases};
use super::record::{ScoreRecord, Subject, score_string};
use crate::assessment::Coverage;
use crate::model::{Band, OverallScore, QualityStatement, Rating, Score};

/// One authority's line in a [`LeagueTable`].
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct LeagueRow {
    /// Where it stands on the derived percentage, ties shown as a range, among the records
    /// covering the statements of `basis` (each on those statements).
    pub standing: Standing,
    /// The statements the row is ranked on: the statements it covers. All nine for a complete
    /// row (ranked among the complete rows); for a partial row, its own statements, ranked
    /// among every record covering them, each on those statements.
    pub basis: Coverage,
    /// The name to show (ONS short name when resolved).
    pub name: String,
    /// The ONS code when resolved.
    pub ons_code: Option<String>,
    /// The rating as published.
    pub published_rating: Option<Rating>,
    /// Sum and count of the known scores.
    pub overall: OverallScore,
    /// The derived percentage over the known scores (partial when `basis` is).
    pub percent: f64,
    /// The overall score out of 100 the scores give, as CQC prints it (the percentage rounded
    /// up); partial when `basis` is.
    pub out_of_100: Option<u8>,
    /// The overall score out of 100 a report printed, when known.
    pub printed_score: Option<u8>,
    /// The band the nine scores give; `None` for a partial row (see `partial_band`).
    pub derived: Option<Band>,
    /// For a partial row, the band its percentage falls in: not a rating.
    pub partial_band: Option<Band>,
    /// The nine scores.
    pub scores: [Option<Score>; 9],
}

impl LeagueRow {
    /// Whether all nine scores are known.
    pub fn is_complete(&self) -> bool {
        self.basis.is_complete()
    }

    /// Whether the row covers fewer than nine statements: its percentage, score out of 100 and
    /// band are partial, and it is ranked only among records covering its statements.
    pub fn is_partial(&self) -> bool {
        self.basis.is_partial()
    }

    /// Whether the band of the scores admits the published rating (`None` when either is
    /// unknown). For a partial row, the band of the statements it covers.
    pub fn rating_agrees(&self) -> Option<bool> {
        Some(
            self.derived
                .or(self.partial_band)?
                .admits(self.published_rating?),
        )
    }

    /// The derived rating as tables show it: the band for a complete row, `partial (8 of 9):
    /// <band>` for a partial row (never a bare rating), `-` when unknown.
    pub fn derived_text(&self) -> String {
        match (self.derived, self.partial_band) {
            (Some(band), _) => band.to_string(),
            (None, Some(band)) => format!("partial ({} of 9): {band}", self.basis.count()),
            (None, None) => "-".to_owned(),
        }
    }
}

/// A league table of a cohort on the derived overall percentage (sum of known scores over four
/// times their number), best first, ties sharing a position range and a competition rank;
/// equal percentages are listed by name.
///
/// Ranks are computed only among records covering the same statements: the complete rows
/// (all nine scores) are ranked among themselves and listed first; a partial row (some scores
/// unknown) is ranked on the statements it covers, among every record that covers them, each
/// on those statements, and listed after, grouped by what it covers. Nothing is filled in. An
/// authority with no scores at all is not ranked and is listed in [`LeagueTable::unranked`].
///
/// # Examples
/// ```
/// use cqc_la::Cohort;
/// let table = Cohort::published().league_table();
/// let westminster = table.row("Westminster City Council").unwrap();
/// assert_eq!(westminster.standing.to_string(), "joint 5th-10th of 71");
/// assert_eq!(westminster.standing.position(), "=5-10");
/// assert_eq!(westminster.out_of_100, Some(75));
/// // Warrington's care provision score is unknown: ranked on its eight statements.
/// let warrington = table.row("Warrington").unwrap();
/// assert!(warrington.is_partial());
/// assert_eq!(warrington.standing.to_string(), "joint 65th-69th of 72");
/// assert_eq!(warrington.derived, None);
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct LeagueTable {
    /// The cohort's name.
    pub cohort: String,
    /// The ranked rows: the complete rows best first, then the partial rows, grouped by the
    /// statements they cover (more first), each group best first.
    pub rows: Vec<LeagueRow>,
    /// Members with no known score.
    pub unranked: Vec<String>,
}

impl Cohort {
    /// The league table of this cohort (see [`LeagueTable`]).
    pub fn league_table(&self) -> LeagueTable {
        let members: Vec<&ScoreRecord> = self.members.iter().collect();
        let standings = standings_on_bases(&members, Subject::Overall);
        let mut rows = Vec::new();
        let mut unranked = Vec::new();
        for (member, standing) in self.members.iter().zip(standings) {
            let Some((standing, basis)) = standing else {
                unranked.push(member.display_name().to_owned());
                continue;
            };
            let overall = member.overall();
            rows.push(LeagueRow {
                standing,
                basis,
                name: member.display_name().to_owned(),
                ons_code: member.ons_code().map(str::to_owned),
                published_rating: member.rating,
                overall,
                percent: overall.percent(),
                out_of_100: overall.out_of_100(),
                printed_score: member.printed_score,
                derived: overall.complete_band(),
                partial_band: overall.partial_band(),
                scores: member.scores,
            });
        }
        rows.sort_by(|a, b| {
            b.basis
                .is_complete()
                .cmp(&a.basis.is_complete())
                .then_with(|| b.basis.count().cmp(&a.basis.count()))
                .then_with(|| a.basis.cmp(&b.basis))
                .then_with(|| a.standing.rank.cmp(&b.standing.rank))
                .then_with(|| a.name.cmp(&b.name))
        });
        LeagueTable {
            cohort: self.name.clone(),
            rows,
            unranked,
        }
    }
}

/// The first `n` items of a ranked list, extended to every item tied with the `n`th, and how
/// many of those were added for the tie. `rank` gives an item's competition rank, and items
/// must be in rank order.
pub(crate) fn cut_with_ties<T>(items: &[T], n: usize, rank: impl Fn(&T) -> usize) -> (&[T], usize) {
    if n == 0 || items.is_empty() {
        return (&items[..0], 0);
    }
    if n >= items.len() {
        return (items, 0);
    }
    let last = rank(&items[n - 1]);
    let end = n + items[n..].iter().take_while(|i| rank(i) == last).count();
    (&items[..end], end - n)
}

/// The top or bottom of a [`LeagueTable`]: the rows asked for, plus every row tied with the
/// last of them (a cut never falls inside a tie).
///
/// A view into the table: written as JSON (`asked`, `rows`, `tied_beyond`) but not read back,
/// since it borrows its rows; its `rows` read back as a `Vec<LeagueRow>`.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct LeagueCut<'a> {
    /// How many rows were asked for.
    pub asked: usize,
    /// The rows, in table order: at least `asked` (when there are that many), more when the
    /// cut falls inside a tie.
    pub rows: &'a [LeagueRow],
    /// How many rows beyond `asked` are included because they tie with the last one asked.
    pub tied_beyond: usize,
}

impl fmt::Display for LeagueCut<'_> {
    /// One line per row: position, name, total, percentage; then a note when the cut was
    /// widened for a tie.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let width = self
            .rows
            .iter()
            .map(|r| r.name.chars().count())
            .max()
            .unwrap_or(0);
        for r in self.rows {
            writeln!(
                f,
                "{:<7}  {:<width$}  {}/{}  {:.1}%",
                r.standing.position(),
                r.name,
                r.overall.total,
                r.overall.maximum(),
                r.percent
            )?;
        }
        if self.tied_beyond > 0 {
            writeln!(
                f,
                "({} asked; {} more tied with the last, all shown)",
                self.asked, self.tied_beyond
            )?;
        }
        Ok(())
    }
}

impl LeagueTable {
    /// The row of the authority a name resolves to, or of an unresolved row with this name.
    pub fn row(&self, name: &str) -> Option<&LeagueRow> {
        super::row_named(&self.rows, name, |r| (r.ons_code.as_deref(), &r.name))
    }

    /// The complete rows (ranked among themselves), best first.
    pub fn complete(&self) -> &[LeagueRow] {
        let end = self.rows.iter().take_while(|r| r.is_complete()).count();
        &self.rows[..end]
    }

    /// The `n` best complete rows, and every row tied with the last of them.
    ///
    /// # Examples
    /// ```
    /// use cqc_la::Cohort;
    /// let table = Cohort::published().league_table();
    /// let top = table.top(1);
    /// // Camden and Kensington and Chelsea share first place: both are shown.
    /// assert_eq!(top.rows.len(), 2);
    /// assert_eq!(top.tied_beyond, 1);
    /// ```
    pub fn top(&self, n: usize) -> LeagueCut<'_> {
        let (rows, tied_beyond) = cut_with_ties(self.complete(), n, |r| r.standing.rank);
        LeagueCut {
            asked: n,
            rows,
            tied_beyond,
        }
    }

    /// The `n` worst complete rows (in table order, best first), and every row tied with the
    /// best of them.
    pub fn bottom(&self, n: usize) -> LeagueCut<'_> {
        let complete = self.complete();
        let asked = n.min(complete.len());
        let mut start = complete.len() - asked;
        if asked > 0 {
            let rank = complete[start].standing.rank;
            while start > 0 && complete[start - 1].standing.rank == rank {
                start -= 1;
            }
        }
        LeagueCut {
            asked: n,
            rows: &complete[start..],
            tied_beyond: complete.len() - start - asked,
        }
    }

    /// Writes the table as CSV: `position, rank, last, of, authority, ons_code, covered,
    /// partial, total, scored, percent, out_of_100, printed_score, published_rating,
    /// derived_rating, percentile, quartile` and the nine score columns of the published-scores
    /// file (blank when unknown). `covered` is how many statements the row covers (and is
    /// ranked on); for a partial row `partial` is `true` and `derived_rating` reads `partial (8
    /// of 9): <band>`, never a bare rating.
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
    /// assert!(text.lines().nth(1).unwrap().starts_with("1-2,1,2,71,Camden,E09000007,9,false,32,9,88.9,89,,"));
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
            "covered",
            "partial",
            "total",
            "scored",
            "percent",
            "out_of_100",
            "printed_score",
            "published_rating",
            "derived_rating",
            "percentile",
            "quartile",
        ];
        header.extend(SCORE_COLUMNS);
        csv.write_record(&header).map_err(|e| CsvError::write(&e))?;
        let number = |v: Option<u8>| v.map(|v| v.to_string()).unwrap_or_default();
        for row in &self.rows {
            let s = row.standing;
            let derived = match row.derived_text().as_str() {
                "-" => String::new(),
                text => text.to_owned(),
            };
            let mut record = vec![
                s.position().trim_start_matches('=').to_owned(),
                s.rank.to_string(),
                s.last.to_string(),
                s.of.to_string(),
                row.name.clone(),
                row.ons_code.clone().unwrap_or_default(),
                row.basis.count().to_string(),
                row.is_partial().to_string(),
                row.overall.total.to_string(),
                row.overall.scored.to_string(),
                format!("{:.1}", row.percent),
                number(row.out_of_100),
                number(row.printed_score),
                row.published_rating
                    .map(Rating::title)
                    .unwrap_or_default()
                    .to_owned(),
                derived,
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
    /// The complete rows, then each group of partial rows under a heading saying what they
    /// cover and what they are ranked among: position (`=4-6` for a tie), competition rank,
    /// authority, total, percentage, the score out of 100 the scores give (and the printed one
    /// when known), published and derived rating, the nine scores.
    // One table, written top to bottom.
    #[allow(clippy::too_many_lines)]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let complete = self.complete().len();
        writeln!(
            f,
            "{}: {complete} authorities covering all nine statements ranked by derived overall percentage",
            self.cohort
        )?;
        let printed = self.rows.iter().any(|r| r.printed_score.is_some());
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
            .map(|r| match r.rating_agrees() {
                Some(false) => format!("{} (differs)", r.derived_text()),
                _ => r.derived_text(),
            })
            .collect();
        let derived_width = derived
            .iter()
            .map(|d| d.chars().count())
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
        let header = |f: &mut fmt::Formatter<'_>| {
            write!(
                f,
                "{:<pos_width$}  {:>4}  {:<name_width$}  {:<6}  {:>6}  {:>4}",
                "Pos", "Rank", "Authority", "Total", "%", "/100"
            )?;
            if printed {
                write!(f, "  {:>7}", "Printed")?;
            }
            writeln!(
                f,
                "  {:<rating_width$}  {:<derived_width$}  {}",
                "Published",
                "Derived",
                ABBREVIATIONS.join(" ")
            )
        };
        header(f)?;
        let mut group: Option<Coverage> = Some(Coverage::ALL);
        for (r, derived) in self.rows.iter().zip(&derived) {
            if group != Some(r.basis) {
                group = Some(r.basis);
                let of = r.standing.of;
                writeln!(f)?;
                writeln!(
                    f,
                    "Partial: covering {}; ranked on these statements among the {of} records that cover them",
                    r.basis
                )?;
                header(f)?;
            }
            let mark = if r.is_partial() { "*" } else { "" };
            let total = format!("{}/{}{mark}", r.overall.total, r.overall.maximum());
            let percent = format!("{:.1}{mark}", r.percent);
            let score = r
                .out_of_100
                .map_or_else(|| "-".to_owned(), |s| format!("{s}{mark}"));
            let scores = score_string(&r.scores).replace(' ', "  ");
            write!(
                f,
                "{:<pos_width$}  {:>4}  {:<name_width$}  {:<6}  {:>6}  {:>4}",
                r.standing.position(),
                r.standing.rank,
                r.name,
                total,
                percent,
                score,
            )?;
            if printed {
                let text = r.printed_score.map_or_else(
                    || "-".to_owned(),
                    |p| {
                        if Some(p) == r.out_of_100 {
                            p.to_string()
                        } else {
                            format!("{p} (!)")
                        }
                    },
                );
                write!(f, "  {text:>7}")?;
            }
            writeln!(
                f,
                "  {:<rating_width$}  {:<derived_width$}  {}",
                r.published_rating.map_or("-", Rating::title),
                derived,
                scores,
            )?;
        }
        writeln!(
            f,
            "Published: the rating CQC published; Derived: the band the scores give; /100: the overall score the scores give, as CQC prints it (the percentage rounded up)"
        )?;
        if printed {
            writeln!(
                f,
                "Printed: the overall score a report printed; (!) where it differs from the scores'"
            )?;
        }
        writeln!(
            f,
            "Pos =a-b: joint a-th to b-th; Rank: competition rank (ties share the best)"
        )?;
        writeln!(f, "Scores: {}", legend())?;
        if self.rows.iter().any(LeagueRow::is_partial) {
            writeln!(
                f,
                "* partial: some scores unknown; the percentage and score are over the statements covered, the band is not a rating, and the rank is among the records covering those statements"
            )?;
        }
        if !self.unranked.is_empty() {
            writeln!(f, "Not ranked (no scores): {}", self.unranked.join(", "))?;
        }
        Ok(())
    }
}
