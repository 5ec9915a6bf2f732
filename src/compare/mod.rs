//! Two assessments side by side: scores, themes and the measures both cite.

mod metrics;

use std::fmt;

pub use metrics::{Ahead, MeasureComparison, MetricComparison, MetricSide, OneSided};

use crate::assessment::Assessment;
use crate::model::{Band, Date, OverallScore, QualityStatement, Rating, Score, Theme};

/// Compares two assessments: ratings, derived percentages, statement by statement, theme by
/// theme and measure by measure. Never fails: what one side lacks shows as missing.
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
    let points = match (side_a.percent, side_b.percent) {
        (Some(pa), Some(pb)) => Some(pa - pb),
        _ => None,
    };
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
        points,
        statements,
        themes,
    }
}

/// The result of [`compare`]. `Display` prints an aligned table; serde gives JSON.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Comparison {
    /// The first report's headline figures.
    pub a: Side,
    /// The second report's headline figures.
    pub b: Side,
    /// `a`'s percentage minus `b`'s, in percentage points, when both have scores.
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

/// One report's headline figures.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Side {
    /// The authority, if the report names it.
    pub authority: Option<String>,
    /// The publication date.
    pub published: Option<Date>,
    /// The rating the report prints.
    pub rating: Option<Rating>,
    /// The band the scores give.
    pub derived: Option<Band>,
    /// The scores' aggregate.
    pub overall: OverallScore,
    /// The derived percentage, when anything is scored.
    pub percent: Option<f64>,
}

impl Side {
    fn of(assessment: &Assessment) -> Side {
        let overall = assessment.overall();
        Side {
            authority: assessment.authority().map(str::to_owned),
            published: assessment.published(),
            rating: assessment.rating(),
            derived: overall.band(),
            overall,
            percent: (overall.scored > 0).then(|| overall.percent()),
        }
    }

    fn name(&self, fallback: &str) -> String {
        self.authority
            .clone()
            .unwrap_or_else(|| fallback.to_owned())
    }
}

/// Which side did not score a statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
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
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
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
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
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
            opt(self.a.derived),
            opt(self.b.derived),
        )?;
        let score = |s: &Side| {
            if s.overall.scored == 0 {
                "-".to_owned()
            } else {
                s.overall.to_string()
            }
        };
        row(f, "Scores", score(&self.a), score(&self.b))?;
        writeln!(
            f,
            "{:width$}  {} points",
            "Difference",
            signed(self.points, 1)
        )?;
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
