//! Two assessments side by side: scores, themes and the measures both cite.

mod metrics;

use std::fmt::{self, Write as _};

pub use metrics::{Ahead, MeasureComparison, MetricComparison, MetricSide, OneSided};

use crate::assessment::{Assessment, Coverage};
use crate::model::{Band, Date, OverallScore, QualityStatement, Rating, Score, Theme};

/// Compares two assessments: ratings, derived percentages, statement by statement, theme by
/// theme and measure by measure. Never fails: what one side lacks shows as missing.
///
/// Each side says which statements it covers. A side covering fewer than nine has no rating
/// from its scores (its band is `partial_band`, not a rating), and its percentage and score
/// out of 100 are marked partial. The difference in points is computed on the statements both
/// sides cover ([`Comparison::shared`]), and says so when that is fewer than nine.
///
/// # Examples
/// ```
/// use cqc_la::{Assessment, QualityStatement, compare};
/// let a = Assessment::parse("Alderley Council: local authority assessment\nSafeguarding\nScore: 3\n")?;
/// let b = Assessment::parse("Bexwell Council: local authority assessment\nSafeguarding\nScore: 2\n")?;
/// let comparison = compare(&a, &b);
/// let safeguarding = comparison.statement(QualityStatement::Safeguarding).unwrap();
/// assert_eq!(safeguarding.delta, Some(1));
/// assert_eq!(comparison.a_ahead, [QualityStatement::Safeguarding]);
/// println!("{comparison}");
/// # Ok::<(), cqc_la::ParseError>(())
/// ```
#[must_use]
pub fn compare(a: &Assessment, b: &Assessment) -> Comparison {
    let side_a = Side::of(a);
    let side_b = Side::of(b);
    let shared = side_a.coverage.intersection(side_b.coverage);
    let on_shared = |side: &Assessment| {
        let overall =
            OverallScore::from_scores(shared.statements().filter_map(|qs| side.score(qs)));
        (overall.scored > 0).then(|| overall.percent())
    };
    let points = on_shared(a).zip(on_shared(b)).map(|(pa, pb)| pa - pb);
    let statements: Vec<StatementComparison> = QualityStatement::ALL
        .iter()
        .filter(|&&qs| a.statement(qs).is_some() || b.statement(qs).is_some())
        .map(|&qs| StatementComparison::new(qs, a.score(qs), b.score(qs)))
        .collect();
    let themes = Theme::ALL
        .iter()
        .map(|&theme| {
            let (a_mean, b_mean) = (a.theme_mean(theme), b.theme_mean(theme));
            let delta = a_mean.zip(b_mean).map(|(x, y)| x - y);
            ThemeComparison {
                theme,
                a_mean,
                b_mean,
                delta,
            }
        })
        .collect();
    let ahead = |sign: i8| {
        statements
            .iter()
            .filter(|s| s.delta.is_some_and(|d| d.signum() == sign))
            .map(|s| s.statement)
            .collect()
    };
    Comparison {
        metrics: MetricComparison::new(a.metrics(), b.metrics()),
        a_ahead: ahead(1),
        b_ahead: ahead(-1),
        a: side_a,
        b: side_b,
        shared,
        points,
        statements,
        themes,
    }
}

/// The result of [`compare`]. `Display` prints an aligned table; serde gives JSON.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Comparison {
    /// The first report's headline figures.
    pub a: Side,
    /// The second report's headline figures.
    pub b: Side,
    /// The statements both sides cover: what `points` is computed on.
    pub shared: Coverage,
    /// `a`'s percentage minus `b`'s on the statements both cover ([`Comparison::shared`]), in
    /// percentage points; `None` when they share no scored statement.
    pub points: Option<f64>,
    /// Each quality statement either report covers, in framework order.
    pub statements: Vec<StatementComparison>,
    /// Each theme's mean score on both sides.
    pub themes: Vec<ThemeComparison>,
    /// Statements where `a` scored higher.
    pub a_ahead: Vec<QualityStatement>,
    /// Statements where `b` scored higher.
    pub b_ahead: Vec<QualityStatement>,
    /// The canonical measures the reports cite, measure by measure (see
    /// [`MetricComparison`]).
    pub metrics: MetricComparison,
}

impl Comparison {
    /// The row for one statement, if either report covers it.
    #[must_use]
    pub fn statement(&self, statement: QualityStatement) -> Option<&StatementComparison> {
        self.statements.iter().find(|s| s.statement == statement)
    }
}

/// One side's headline figures.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Side {
    /// The authority, if the pages name it.
    pub authority: Option<String>,
    /// The publication date.
    pub published: Option<Date>,
    /// The rating the pages print.
    pub rating: Option<Rating>,
    /// The statements the side scores.
    pub coverage: Coverage,
    /// Whether it scores fewer than nine: its percentage and score out of 100 are partial and
    /// it has no rating from its scores.
    pub partial: bool,
    /// The band the nine scores give; `None` for a partial side (never a rating from fewer).
    pub derived: Option<Band>,
    /// For a partial side, the band its percentage falls in: not a rating.
    pub partial_band: Option<Band>,
    /// The scores' aggregate.
    pub overall: OverallScore,
    /// The derived percentage, when anything is scored (partial when `partial`).
    pub percent: Option<f64>,
    /// The overall score out of 100 the scores give, as CQC prints it (rounded up).
    pub out_of_100: Option<u8>,
    /// The overall score out of 100 the pages print, if any.
    pub printed_score: Option<u8>,
}

impl Side {
    fn of(assessment: &Assessment) -> Side {
        let overall = assessment.overall();
        Side {
            authority: assessment.authority().map(str::to_owned),
            published: assessment.published(),
            rating: assessment.rating(),
            coverage: assessment.coverage(),
            partial: overall.is_partial(),
            derived: overall.complete_band(),
            partial_band: overall.partial_band(),
            overall,
            percent: (overall.scored > 0).then(|| overall.percent()),
            out_of_100: overall.out_of_100(),
            printed_score: assessment.printed_score(),
        }
    }

    fn name(&self, fallback: &str) -> String {
        self.authority
            .clone()
            .unwrap_or_else(|| fallback.to_owned())
    }

    /// The rating from the scores as the table shows it: the band for nine statements,
    /// `none: partial (1 of 9)` otherwise.
    fn derived_text(&self) -> String {
        match (self.derived, self.overall.scored) {
            (Some(band), _) => band.to_string(),
            (None, 0) => "-".to_owned(),
            (None, n) => format!("none: partial ({n} of 9)"),
        }
    }

    /// The score out of 100 from the scores, marked partial, and the printed one beside it.
    fn score_text(&self) -> String {
        let mut text = self
            .out_of_100
            .map_or_else(|| "-".to_owned(), |s| s.to_string());
        if self.partial {
            text.push_str(" (partial)");
        }
        if let Some(printed) = self.printed_score {
            let _ = write!(text, ", printed {printed}");
            if Some(printed) != self.out_of_100 {
                text.push_str(" (differs)");
            }
        }
        text
    }
}

/// Which side did not score a statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Unscored {
    /// The first report gives no score.
    A,
    /// The second report gives no score.
    B,
    /// Neither does.
    Both,
}

/// One quality statement on both sides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct StatementComparison {
    /// The statement.
    pub statement: QualityStatement,
    /// The first report's score.
    pub a: Option<Score>,
    /// The second report's score.
    pub b: Option<Score>,
    /// `a - b` when both are scored.
    pub delta: Option<i8>,
    /// Which side is unscored, if any.
    pub unscored: Option<Unscored>,
}

impl StatementComparison {
    fn new(statement: QualityStatement, a: Option<Score>, b: Option<Score>) -> Self {
        let delta = a
            .zip(b)
            .and_then(|(x, y)| i8::try_from(i16::from(x.get()) - i16::from(y.get())).ok());
        let unscored = match (a, b) {
            (None, None) => Some(Unscored::Both),
            (None, Some(_)) => Some(Unscored::A),
            (Some(_), None) => Some(Unscored::B),
            (Some(_), Some(_)) => None,
        };
        StatementComparison {
            statement,
            a,
            b,
            delta,
            unscored,
        }
    }
}

/// One theme's mean score on both sides.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ThemeComparison {
    /// The theme.
    pub theme: Theme,
    /// Mean of the first report's scored statements in the theme.
    pub a_mean: Option<f64>,
    /// Mean of the second report's.
    pub b_mean: Option<f64>,
    /// `a_mean - b_mean` when both exist.
    pub delta: Option<f64>,
}

fn opt<T: fmt::Display>(value: Option<T>) -> String {
    value.map_or_else(|| "-".to_owned(), |v| v.to_string())
}

fn signed(value: Option<f64>, decimals: usize) -> String {
    value.map_or_else(|| "-".to_owned(), |v| format!("{v:+.decimals$}"))
}

impl fmt::Display for Comparison {
    // One table, written top to bottom.
    #[allow(clippy::too_many_lines)]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (name_a, name_b) = (self.a.name("Report A"), self.b.name("Report B"));
        let width = 26;
        let col = name_a.chars().count().max(name_b.chars().count()).max(12);
        writeln!(f, "{:width$}  {:col$}  {}", "", name_a, name_b)?;
        let row = |f: &mut fmt::Formatter<'_>, label: &str, a: String, b: String| {
            writeln!(f, "{label:width$}  {a:col$}  {b}")
        };
        row(f, "Published", opt(self.a.published), opt(self.b.published))?;
        row(
            f,
            "Rating (printed)",
            opt(self.a.rating),
            opt(self.b.rating),
        )?;
        row(
            f,
            "Rating (from scores)",
            self.a.derived_text(),
            self.b.derived_text(),
        )?;
        row(
            f,
            "Statements covered",
            self.a.coverage.fraction(),
            self.b.coverage.fraction(),
        )?;
        let score = |s: &Side| {
            if s.overall.scored == 0 {
                "-".to_owned()
            } else {
                s.overall.to_string()
            }
        };
        row(f, "Scores", score(&self.a), score(&self.b))?;
        row(
            f,
            "Overall score out of 100",
            self.a.score_text(),
            self.b.score_text(),
        )?;
        if self.shared.is_complete() || self.points.is_none() {
            writeln!(
                f,
                "{:width$}  {} points",
                "Difference",
                signed(self.points, 1)
            )?;
        } else {
            writeln!(
                f,
                "{:width$}  {} points on the {} both cover",
                "Difference",
                signed(self.points, 1),
                self.shared
            )?;
        }
        writeln!(f)?;
        writeln!(
            f,
            "{:42}  {:>3}  {:>3}  {:>5}",
            "Quality statement", "A", "B", "A-B"
        )?;
        for s in &self.statements {
            let delta = match s.delta {
                None => "-".to_owned(),
                Some(0) => "0".to_owned(),
                Some(d) => format!("{d:+}"),
            };
            writeln!(
                f,
                "{:42}  {:>3}  {:>3}  {:>5}",
                s.statement.title(),
                opt(s.a),
                opt(s.b),
                delta
            )?;
        }
        writeln!(f)?;
        writeln!(
            f,
            "{:42}  {:>5}  {:>5}  {:>5}",
            "Theme (mean score)", "A", "B", "A-B"
        )?;
        for t in &self.themes {
            let mean = |m: Option<f64>| m.map_or_else(|| "-".to_owned(), |m| format!("{m:.2}"));
            writeln!(
                f,
                "{:42}  {:>5}  {:>5}  {:>5}",
                t.theme.title(),
                mean(t.a_mean),
                mean(t.b_mean),
                signed(t.delta, 2)
            )?;
        }
        writeln!(f)?;
        if !self.metrics.both.is_empty()
            || !self.metrics.only_a.is_empty()
            || !self.metrics.only_b.is_empty()
        {
            writeln!(f, "Metrics")?;
            write!(f, "{}", self.metrics)?;
            writeln!(f)?;
        }
        let list = |items: &[QualityStatement]| {
            if items.is_empty() {
                "none".to_owned()
            } else {
                items
                    .iter()
                    .map(|s| s.short_title())
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        };
        writeln!(f, "A = {name_a}: ahead on {}", list(&self.a_ahead))?;
        write!(f, "B = {name_b}: ahead on {}", list(&self.b_ahead))
    }
}
