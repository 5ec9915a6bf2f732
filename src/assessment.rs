//! One council's assessment: its report (one or more pages of it) with the metrics extracted
//! once, the value that comparison and benchmarking take.

use crate::error::ParseError;
use crate::model::{
    Band, Date, Metric, OverallScore, QualityStatement, Rating, Report, Score, Statement, Theme,
};

/// A council's assessment: its report and every figure the report cites, extracted once.
///
/// [`compare`](crate::compare()) and the [`Cohort`](crate::Cohort) take assessments, so that a
/// report compared with many others has its figures extracted only when it is built.
///
/// # Examples
/// ```
/// use cqc_la::{Assessment, QualityStatement, Score};
/// let text = "Northmere County Council: local authority assessment\n\
///             Safeguarding\nScore: 3\nKey findings for this quality statement\n\
///             ASCS data (2023-24) showed 70.1% of people felt safe (England average 71.1%).\n";
/// let northmere = Assessment::parse(text)?;
/// assert_eq!(northmere.authority(), Some("Northmere County Council"));
/// assert_eq!(northmere.score(QualityStatement::Safeguarding), Score::new(3));
/// assert_eq!(northmere.metrics()[0].measure.canonical.unwrap().id, "ascs_feel_safe");
/// # Ok::<(), cqc_la::ParseError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Assessment {
    report: Report,
    metrics: Vec<Metric>,
}

impl Assessment {
    /// The assessment a parsed report makes: extracts its metrics.
    #[must_use]
    pub fn new(report: Report) -> Assessment {
        let metrics = report.metrics();
        Assessment { report, metrics }
    }

    /// Parses report text (see [`Report::parse`]) and extracts its metrics.
    ///
    /// # Errors
    /// See [`ReportParser::parse`](crate::ReportParser::parse).
    pub fn parse(text: &str) -> Result<Assessment, ParseError> {
        Report::parse(text).map(Assessment::new)
    }

    /// The report.
    #[must_use]
    pub fn report(&self) -> &Report {
        &self.report
    }

    /// Every figure the report cites, in report order.
    #[must_use]
    pub fn metrics(&self) -> &[Metric] {
        &self.metrics
    }

    /// The report and its metrics.
    #[must_use]
    pub fn into_parts(self) -> (Report, Vec<Metric>) {
        (self.report, self.metrics)
    }

    /// The authority's name as the report prints it.
    #[must_use]
    pub fn authority(&self) -> Option<&str> {
        self.report.authority.as_deref()
    }

    /// The publication date.
    #[must_use]
    pub fn published(&self) -> Option<Date> {
        self.report.published
    }

    /// The rating the report prints.
    #[must_use]
    pub fn rating(&self) -> Option<Rating> {
        self.report.rating
    }

    /// What the report says about a statement, if it covers it.
    #[must_use]
    pub fn statement(&self, statement: QualityStatement) -> Option<&Statement> {
        self.report.statement(statement)
    }

    /// The score of a statement.
    #[must_use]
    pub fn score(&self, statement: QualityStatement) -> Option<Score> {
        self.report.score(statement)
    }

    /// The nine scores in framework order.
    #[must_use]
    pub fn scores(&self) -> [Option<Score>; 9] {
        self.report.scores()
    }

    /// CQC's aggregate of the scores.
    #[must_use]
    pub fn overall(&self) -> OverallScore {
        self.report.overall()
    }

    /// The band the scores give.
    #[must_use]
    pub fn derived_band(&self) -> Option<Band> {
        self.report.derived_band()
    }

    /// The mean score of a theme's scored statements.
    #[must_use]
    pub fn theme_mean(&self, theme: Theme) -> Option<f64> {
        self.report.theme_mean(theme)
    }
}

impl From<Report> for Assessment {
    fn from(report: Report) -> Self {
        Assessment::new(report)
    }
}

impl std::str::FromStr for Assessment {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Assessment::parse(s)
    }
}
