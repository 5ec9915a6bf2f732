//! The report model: plain owned data, no parsing logic.

use rust_decimal::Decimal;

use super::{
    Band, Date, FinancialYear, Origin, OverallScore, QualityStatement, Rating, Score, Text, Theme,
    Warning,
};

/// A parsed CQC local authority assessment report: a full report, a summary page, a single
/// quality statement page or a 2023 pilot report, in any mix of the layouts CQC's website
/// produces.
///
/// Every non-blank line of the input is somewhere in this value, in order: in a typed field, as
/// a [`Text`] paragraph, or in one of the `other` lists of the section it appeared in (each of
/// which also produced a [`Warning`]).
///
/// With the `serde` feature a report is written as JSON and read back equal, spans included
/// (the spans are not part of equality, see [`Origin`], but they read back all the same):
///
/// ```
/// # #[cfg(feature = "serde")] {
/// use cqc_la::Report;
/// let text = "Northmere County Council: local authority assessment\n\
///             Safeguarding\nScore: 3\n";
/// let report = Report::parse(text)?;
/// let json = serde_json::to_string(&report).unwrap();
/// let back: Report = serde_json::from_str(&json).unwrap();
/// assert_eq!(back, report);
/// let heading = |r: &Report| r.statements[0].section.as_ref().and_then(|s| s.heading.span());
/// assert_eq!(heading(&back), heading(&report));
/// assert!(heading(&back).is_some());
/// assert_eq!(serde_json::to_string(&back).unwrap(), json);
/// # }
/// # Ok::<(), cqc_la::ParseError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Report {
    /// The authority's name as the report prints it ("London Borough of Camden"), from the
    /// header line, the overall summary or the "About ..." heading. `None` for a section page
    /// without a header.
    pub authority: Option<String>,
    /// The publication date.
    pub published: Option<Date>,
    /// The rating the report prints (indicative for a pilot report).
    pub rating: Option<Rating>,
    /// The overall score out of 100 the report prints, if it prints one.
    pub overall_score: Option<u8>,
    /// One entry per quality statement the report covers, in report order, merging its line in
    /// the overall summary's score list with its own section.
    pub statements: Vec<Statement>,
    /// Whether this is a 2023 pilot report, whose scores and rating are indicative, not formal.
    pub indicative: bool,
    /// A pilot report's assessment start date.
    pub assessment_start: Option<Date>,
    /// "About \<authority>": the demographics.
    pub about: Option<About>,
    /// "Financial facts", with typed values.
    pub financial_facts: Option<FinancialFacts>,
    /// "Overall summary": the rating block and the quality statement score list.
    pub summary: Option<OverallSummary>,
    /// "Summary of people's experiences".
    pub experiences: Option<Block>,
    /// "Summary of strengths, areas for development and next steps".
    pub strengths: Option<Block>,
    /// The "Theme N: ..." introductions, with the statements each lists.
    pub themes: Vec<ThemeIntro>,
    /// A second section for a statement that already had one, as a statement entry with only
    /// a section (each also gave a warning).
    pub duplicates: Vec<Statement>,
    /// Page furniture: "Downloads", "How we assess local authorities", "Page last updated: ...".
    pub navigation: Vec<Text>,
    /// Lines before the first section that the parser could not place (each gave a warning).
    pub other: Vec<Text>,
    /// Where the report-level lines stood.
    pub lines: ReportLines,
    /// Everything the parser noticed that a reader should know, with line and column.
    pub warnings: Vec<Warning>,
}

/// Where the single report-level lines stood; `Some` when the line was present.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ReportLines {
    /// `<Authority>: local authority assessment` (or a pilot's `<Authority> assessment`).
    pub header: Option<Origin>,
    /// `Assessment published: <date>` or `Published: <date>`.
    pub published: Option<Origin>,
    /// A pilot report's `Assessment start date: <date>`.
    pub assessment_start: Option<Origin>,
    /// The `© Care Quality Commission` footer.
    pub footer: Option<Origin>,
    /// Whether the header had a 2023 pilot report's form, `<Authority> assessment`, rather
    /// than `<Authority>: local authority assessment`. Rendering writes the header in the same
    /// form.
    pub pilot_header: bool,
    /// Whether a second footer line followed the first (it is kept in
    /// [`Report::navigation`]). Rendering then writes the footer before the navigation, so
    /// that the footer is still the first footer line when the text is read back.
    pub footer_repeated: bool,
}

/// A heading followed by paragraphs.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Block {
    /// Where the heading line stood.
    pub heading: Origin,
    /// The paragraphs (and bullets) under it, in order.
    pub paragraphs: Vec<Text>,
}

/// "About \<authority>" and its "Demographics" paragraphs.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct About {
    /// The "About \<authority>" heading as written.
    pub heading: Text,
    /// Where the "Demographics" subheading stood, if present.
    pub demographics: Option<Origin>,
    /// The paragraphs.
    pub paragraphs: Vec<Text>,
}

/// An estimate and the actual figure, in pounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Planned {
    /// What the authority estimated, in pounds.
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::float_option"))]
    pub estimate: Option<Decimal>,
    /// What it actually spent, in pounds.
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::float_option"))]
    pub actual: Option<Decimal>,
}

/// The "Financial facts" block: the bullets as written, and the figures read from them.
///
/// The figures are read when the report is parsed; a bullet the parser cannot read stays in
/// `items` and leaves its figure `None`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct FinancialFacts {
    /// Where the "Financial facts" heading stood.
    pub heading: Origin,
    /// The bullets, as written (hard-wrapped bullets joined).
    pub items: Vec<Text>,
    /// Paragraphs after the bullets (the disclaimer about DHSC's request).
    pub notes: Vec<Text>,
    /// The financial year the figures are for.
    pub period: Option<FinancialYear>,
    /// The authority's total budget.
    pub total_budget: Option<Planned>,
    /// Its spend on adult social care.
    pub asc_spend: Option<Planned>,
    /// The share of the budget spent on adult social care, in percent.
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::float_option"))]
    pub asc_share: Option<Decimal>,
    /// The adult social care precept raised, in percent.
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::float_option"))]
    pub precept: Option<Decimal>,
    /// Approximate number of people on long-term support.
    pub long_term_support: Option<u32>,
    /// Approximate number of people on short-term support.
    pub short_term_support: Option<u32>,
}

/// The "Overall summary" block's own lines (its score list lives in [`Statement::listed`]).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct OverallSummary {
    /// Where the "Overall summary" heading stood.
    pub heading: Origin,
    /// Where "Local authority rating and score" stood.
    pub rating_heading: Option<Origin>,
    /// The authority name line under it.
    pub authority: Option<Text>,
    /// Where the rating line stood.
    pub rating_line: Option<Origin>,
    /// Where the overall score line stood (`Score: 75`, or `... scored 78 out of 100 overall`).
    pub score_line: Option<Origin>,
    /// Where "Quality statement scores" stood.
    pub scores_heading: Option<Origin>,
    /// Lines in the block the parser could not place (each gave a warning).
    pub other: Vec<Text>,
}

/// A "Theme N: ..." introduction.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ThemeIntro {
    /// The theme.
    pub theme: Theme,
    /// The heading after `Theme N: `, as written ("How London Borough of Camden works with
    /// people").
    pub title: Text,
    /// Where "This theme includes these quality statements:" stood.
    pub includes: Option<Origin>,
    /// The statements it lists, with where each stood.
    pub listed: Vec<(QualityStatement, Origin)>,
    /// Where "We may not always review all quality statements ..." stood.
    pub note: Option<Origin>,
    /// Lines in the introduction the parser could not place (each gave a warning).
    pub other: Vec<Text>,
}

/// What a report says about one quality statement: its line in the overall summary's score
/// list and its own section, either of which may be missing.
///
/// JSON: `statement`, `score` (the score the report gives, [`Statement::score`]: written for
/// readers, ignored when read back since it follows from the other two), `listed` and `section`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize))]
pub struct Statement {
    /// Which statement.
    pub statement: QualityStatement,
    /// Its entry in the overall summary's score list.
    pub listed: Option<Listed>,
    /// Its section.
    pub section: Option<Section>,
}

impl Statement {
    /// A statement with neither list entry nor section (fill them in).
    #[must_use]
    pub fn new(statement: QualityStatement) -> Self {
        Statement {
            statement,
            listed: None,
            section: None,
        }
    }

    /// The score the report gives: the section's, else the score list's.
    #[must_use]
    pub fn score(&self) -> Option<Score> {
        self.section
            .as_ref()
            .and_then(|s| s.score)
            .or_else(|| self.listed.as_ref()?.score)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Statement {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Statement", 4)?;
        s.serialize_field("statement", &self.statement)?;
        s.serialize_field("score", &self.score())?;
        s.serialize_field("listed", &self.listed)?;
        s.serialize_field("section", &self.section)?;
        s.end()
    }
}

/// A statement's entry in the overall summary's score list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Listed {
    /// The score listed (`None` if the entry had no valid score).
    pub score: Option<Score>,
    /// Where the statement's name stood.
    pub origin: Origin,
    /// Where its score stood: its own line, or the title's line for `Assessing needs: Score 3`.
    pub score_line: Option<Origin>,
}

/// A quality statement's section.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Section {
    /// Where the statement's title line stood.
    pub heading: Origin,
    /// The score (`Score: N`).
    pub score: Option<Score>,
    /// Where the score line stood.
    pub score_line: Option<Origin>,
    /// The descriptor line (`3 - Evidence shows a good standard`).
    pub descriptor: Option<Descriptor>,
    /// "What people expect": the I statements (absent for the Leadership statements).
    pub expectations: Option<Block>,
    /// "The local authority commitment": the We statement.
    pub commitment: Option<Block>,
    /// "Key findings for this quality statement".
    pub findings: Option<Findings>,
    /// Lines in the section's head the parser could not place (each gave a warning).
    pub other: Vec<Text>,
}

/// A descriptor line such as `3 - Evidence shows a good standard` or
/// `1 - Inadequate: Evidence shows significant shortfalls`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Descriptor {
    /// The number the line starts with.
    pub score: Score,
    /// The rating word, when the line has one.
    pub rating: Option<Rating>,
    /// The score whose descriptor the phrase is, when it is one.
    pub phrase: Option<Score>,
    /// The line as written.
    pub text: Text,
}

impl Descriptor {
    /// The canonical descriptor line for a score, e.g. `3 - Evidence shows a good standard`.
    #[must_use]
    pub fn canonical(score: Score) -> Self {
        Descriptor {
            score,
            rating: None,
            phrase: Some(score),
            text: Text::new(format!("{} - {}", score, score.descriptor())),
        }
    }
}

/// "Key findings for this quality statement": subheadings with their paragraphs.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Findings {
    /// Where the "Key findings ..." line stood.
    pub heading: Origin,
    /// The findings in order. When a page has its subheadings stripped, there is one group
    /// without a subheading.
    pub groups: Vec<Finding>,
}

/// One subheading (if any) and its paragraphs.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Finding {
    /// The subheading, e.g. "Timeliness of assessments, care planning and reviews".
    pub subheading: Option<Text>,
    /// The paragraphs under it.
    pub paragraphs: Vec<Text>,
}

/// What kind of page a report is, judged from what it contains.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum ReportKind {
    /// A whole report: a summary and statement sections.
    Full,
    /// A summary page: the overall summary without statement sections.
    Summary,
    /// One or more statement sections without an overall summary.
    Section,
    /// Anything else (for example only an "About" block).
    Partial,
}

impl Report {
    /// The entry for a statement, if the report covers it.
    #[must_use]
    pub fn statement(&self, statement: QualityStatement) -> Option<&Statement> {
        self.statements.iter().find(|s| s.statement == statement)
    }

    /// The score the report gives a statement (its section's, else the score list's).
    #[must_use]
    pub fn score(&self, statement: QualityStatement) -> Option<Score> {
        self.statement(statement).and_then(Statement::score)
    }

    /// The score of each of the nine statements, in framework order (`None` where the report
    /// gives none).
    #[must_use]
    pub fn scores(&self) -> [Option<Score>; 9] {
        QualityStatement::ALL.map(|qs| self.score(qs))
    }

    /// CQC's aggregate of the scores the report gives.
    #[must_use]
    pub fn overall(&self) -> OverallScore {
        OverallScore::from_scores(self.statements.iter().filter_map(Statement::score))
    }

    /// The band the scores put the report in (`None` if nothing is scored).
    #[must_use]
    pub fn derived_band(&self) -> Option<Band> {
        self.overall().band()
    }

    /// The rating the scores give: the printed rating's rule applied to the scores (`None`
    /// when nothing is scored or the percentage falls between bands).
    #[must_use]
    pub fn derived_rating(&self) -> Option<Rating> {
        self.overall().rating()
    }

    /// The mean score of a theme's scored statements.
    #[must_use]
    pub fn theme_mean(&self, theme: Theme) -> Option<f64> {
        let scores: Vec<u8> = theme
            .statements()
            .iter()
            .filter_map(|&qs| self.score(qs))
            .map(Score::get)
            .collect();
        if scores.is_empty() {
            return None;
        }
        Some(scores.iter().map(|&s| f64::from(s)).sum::<f64>() / scores.len() as f64)
    }

    /// What kind of page this is.
    #[must_use]
    pub fn kind(&self) -> ReportKind {
        let sections = self.statements.iter().any(|s| s.section.is_some());
        match (self.summary.is_some(), sections) {
            (true, true) => ReportKind::Full,
            (true, false) => ReportKind::Summary,
            (false, true) => ReportKind::Section,
            (false, false) => ReportKind::Partial,
        }
    }
}
