//! One council's assessment: one or more pages of its report (the summary page, the main report
//! page, any number of section pages, or a whole report) with each page's metrics extracted
//! once, the value that comparison and benchmarking take.
//!
//! - [`Assessment`]: the assembled assessment; each statement's score, findings and metrics
//!   come from the page that holds it.
//! - [`Pages`]: the pages before they are assembled ([`Assessment::from_pages`]), with the rules
//!   for who a page is about and for pages without a name.
//! - [`MergeWarning`]: two pages (or a page and a published record) that disagree on a field;
//!   both are kept.
//! - [`Coverage`]: which of the nine statements an assessment, record, comparison or rank
//!   stands on; what stands on fewer than nine is partial.
//! - [`AssessmentError`]: pages that cannot be one council's assessment.

mod coverage;
mod pages;

use std::fmt;

pub use coverage::Coverage;
pub use pages::{AssessmentError, Conflict, MergeWarning, PageAt, Pages};

use crate::error::ParseError;
use crate::identity::Authority;
use crate::model::{
    Band, Date, Location, Metric, MetricWarning, OverallScore, QualityStatement, Rating, Report,
    Score, Statement, Theme,
};
use crate::parse::ReportParser;

/// One page of an assessment: where it came from, the parsed report, the figures it cites and
/// the warnings about them.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Page {
    /// Where the page came from, as the caller named it (a file name); `page 1` for an
    /// assessment built from one report.
    pub source: String,
    /// The parsed page.
    pub report: Report,
    /// Every figure the page cites, in page order, extracted once when the page was read.
    pub metrics: Vec<Metric>,
    /// What an analyst should check about the figures ([`Report::metric_warnings`]: a band the
    /// values contradict, one value for two measures, a sentence with more figures than are
    /// read), each located when the page was read from its text.
    #[cfg_attr(feature = "serde", serde(default))]
    pub metric_warnings: Vec<FigureWarning>,
}

/// A warning about a page's figures, with its line and column when the page was read from its
/// text ([`Page::parse`]).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct FigureWarning {
    /// What was noticed.
    pub warning: MetricWarning,
    /// Where, in the text (or HTML) the page was read from.
    pub location: Option<Location>,
}

impl Page {
    /// A page from a parsed report: extracts its figures and the warnings about them, once.
    /// For a saved web page, [`Page::parse`] places each figure in the HTML (this places it in
    /// its paragraph as if the paragraph were copied verbatim) and locates the warnings.
    ///
    /// # Examples
    /// ```
    /// use cqc_la::Report;
    /// use cqc_la::assessment::Page;
    /// let report = Report::parse("Safeguarding\nScore: 3\nKey findings for this quality statement\n\
    ///     ASCS data (2023-24) showed 70.1% of people felt safe (England average 71.1%).\n")?;
    /// let page = Page::new("safeguarding.txt", report);
    /// assert_eq!(page.metrics.len(), 1);
    /// assert!(page.metric_warnings.is_empty());
    /// # Ok::<(), cqc_la::ParseError>(())
    /// ```
    #[must_use]
    pub fn new(source: impl Into<String>, report: Report) -> Page {
        let (metrics, warnings) = crate::metrics::extract(&report);
        Page {
            source: source.into(),
            report,
            metrics,
            metric_warnings: warnings
                .into_iter()
                .map(|warning| FigureWarning {
                    warning,
                    location: None,
                })
                .collect(),
        }
    }

    /// Reads one page with `parser`: report text, or (with the `html` feature) a saved web page
    /// told apart by its start ([`ReportParser::looks_like_html`]), every span and location then
    /// in the HTML. Extracts the figures once and locates the warnings about them in `input`.
    /// Safe to call on many threads at once, one page each.
    ///
    /// # Errors
    /// The [`ParseError`] of input that is not a report.
    ///
    /// # Examples
    /// ```
    /// use cqc_la::ReportParser;
    /// use cqc_la::assessment::Page;
    /// let text = "Safeguarding\nScore: 3\nKey findings for this quality statement\n\
    ///     ASCS data (2023-24) showed fewer people (60.5%) felt safe than the England average \
    ///     (71.1%) (positive variation).\n";
    /// let page = Page::parse(&ReportParser::new(), "safeguarding.txt", text)?;
    /// let w = &page.metric_warnings[0];
    /// assert_eq!(w.warning.id(), "band_contradicts");
    /// assert_eq!(w.location.map(|l| (l.line, l.column)), Some((4, 1)));
    /// # Ok::<(), cqc_la::ParseError>(())
    /// ```
    pub fn parse(
        parser: &ReportParser,
        source: impl Into<String>,
        input: &str,
    ) -> Result<Page, ParseError> {
        #[cfg(feature = "html")]
        if ReportParser::looks_like_html(input) {
            return Page::parse_html(parser, source, input);
        }
        let report = parser.parse(input)?;
        let (metrics, warnings) = crate::metrics::extract(&report);
        Ok(Page::located(
            source.into(),
            report,
            metrics,
            warnings,
            input,
        ))
    }

    /// Reads a saved web page with `parser` ([`ReportParser::parse_html`]), whatever its start:
    /// every span and location in the HTML. Extracts the figures once and locates the warnings
    /// about them in the HTML.
    ///
    /// # Errors
    /// The [`ParseError`] of a page that is not a report.
    #[cfg(feature = "html")]
    pub fn parse_html(
        parser: &ReportParser,
        source: impl Into<String>,
        html: &str,
    ) -> Result<Page, ParseError> {
        let (report, metrics, warnings) = parser.parse_html_extracted(html)?;
        Ok(Page::located(
            source.into(),
            report,
            metrics,
            warnings,
            html,
        ))
    }

    /// A page with its warnings located in the text it was read from.
    fn located(
        source: String,
        report: Report,
        metrics: Vec<Metric>,
        warnings: Vec<MetricWarning>,
        input: &str,
    ) -> Page {
        let mut at = crate::text::Locations::new(input);
        let metric_warnings = warnings
            .into_iter()
            .map(|warning| {
                let location = warning.span().and_then(|s| at.get(s.start));
                FigureWarning { warning, location }
            })
            .collect();
        Page {
            source,
            report,
            metrics,
            metric_warnings,
        }
    }
}

/// A council's assessment: one or more pages of its report, each statement's score, findings
/// and metrics taken from the page that holds it, and every figure extracted once.
///
/// [`compare`](crate::compare()) and the [`Cohort`](crate::Cohort) take assessments, so that a
/// report compared with many others has its figures extracted only when it is built.
///
/// An assessment **covers** the statements its pages score ([`Assessment::coverage`]). From
/// fewer than nine, its percentage and score out of 100 are partial and it has no derived rating
/// ([`Assessment::derived_rating`] is `None`; [`Assessment::partial_band`] says where the
/// covered statements stand, which is not a rating).
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
/// assert_eq!(northmere.coverage().count(), 1);
/// assert_eq!(northmere.derived_rating(), None); // one statement is not a rating
/// # Ok::<(), cqc_la::ParseError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assessment {
    authority: Option<String>,
    council: Option<&'static Authority>,
    pages: Vec<Page>,
    /// Per statement, the page holding it: the first with a section, else the first listing it.
    holders: [Option<usize>; 9],
    scores: [Option<Score>; 9],
    published: Option<Date>,
    rating: Option<Rating>,
    overall_score: Option<u8>,
    indicative: bool,
    /// The metrics used, for an assessment of several pages (`None`: all of the one page's).
    selected: Option<Vec<Metric>>,
    warnings: Vec<MergeWarning>,
}

impl Assessment {
    /// The assessment one parsed report makes (a whole report or a single page): extracts its
    /// metrics.
    #[must_use]
    pub fn new(report: Report) -> Assessment {
        pages::build(
            vec![pages::Pending::page(Page::new("page 1", report))],
            &[0],
            None,
        )
    }

    /// Parses report text (see [`Report::parse`]) and extracts its metrics.
    ///
    /// # Errors
    /// See [`ReportParser::parse`](crate::ReportParser::parse).
    pub fn parse(text: &str) -> Result<Assessment, ParseError> {
        Report::parse(text).map(Assessment::new)
    }

    /// The pages of one council's assessment, to assemble with [`Pages::assemble`] (or
    /// [`Pages::by_authority`]); each is `(source, report)`, the source naming the page in
    /// warnings (a file name).
    pub fn from_pages<S: Into<String>>(pages: impl IntoIterator<Item = (S, Report)>) -> Pages {
        pages
            .into_iter()
            .fold(Pages::new(), |p, (source, report)| p.with(source, report))
    }

    /// The first page's report: for an assessment built from one report, the report. An
    /// assessment of several pages has one report per page ([`Assessment::pages`]); the
    /// accessors of this type combine them.
    #[must_use]
    pub fn report(&self) -> &Report {
        &self.pages[0].report
    }

    /// The pages, in the order given.
    #[must_use]
    pub fn pages(&self) -> &[Page] {
        &self.pages
    }

    /// The figures the assessment cites, in page order: for each statement, those of the page
    /// holding it; for the other parts (about, financial facts, summaries), those of the first
    /// page that has them. Each page's own figures are in [`Page::metrics`].
    #[must_use]
    pub fn metrics(&self) -> &[Metric] {
        self.selected
            .as_deref()
            .unwrap_or(self.pages[0].metrics.as_slice())
    }

    /// The figures the assessment cites ([`Assessment::metrics`]), each with the page it comes
    /// from.
    ///
    /// # Examples
    /// ```
    /// use cqc_la::{Assessment, Report};
    /// let summary = Report::parse("Northmere County Council: local authority assessment\n\
    ///     Overall summary\nLocal authority rating and score\nNorthmere County Council\nGood\n\
    ///     Quality statement scores\nSafeguarding\nScore: 3\n")?;
    /// let page = Report::parse("Safeguarding\nScore: 3\nKey findings for this quality statement\n\
    ///     ASCS data (2023-24) showed 70.1% of people felt safe (England average 71.1%).\n")?;
    /// let northmere = Assessment::from_pages([("summary.txt", summary), ("safeguarding.txt", page)])
    ///     .assemble()
    ///     .unwrap();
    /// let (page, metric) = northmere.metrics_with_pages().next().unwrap();
    /// assert_eq!((page.source.as_str(), metric.value.to_string().as_str()), ("safeguarding.txt", "70.1"));
    /// # Ok::<(), cqc_la::ParseError>(())
    /// ```
    pub fn metrics_with_pages(&self) -> impl Iterator<Item = (&Page, &Metric)> {
        pages::selected_metrics(&self.pages, &self.holders).map(|(i, m)| (&self.pages[i], m))
    }

    /// The first page's report and the assessment's figures (for one page, the report and its
    /// figures). See [`Assessment::into_pages`] for every page.
    #[must_use]
    pub fn into_parts(mut self) -> (Report, Vec<Metric>) {
        let first = self.pages.swap_remove(0);
        let metrics = self.selected.take().unwrap_or(first.metrics);
        (first.report, metrics)
    }

    /// The pages, each with its report and figures.
    #[must_use]
    pub fn into_pages(self) -> Vec<Page> {
        self.pages
    }

    /// The authority's name as the first page that prints one prints it, else the name given
    /// with [`Pages::for_authority`].
    #[must_use]
    pub fn authority(&self) -> Option<&str> {
        self.authority.as_deref()
    }

    /// The council the name resolves to, if it does.
    #[must_use]
    pub fn council(&self) -> Option<&'static Authority> {
        self.council
    }

    /// The publication date (a summary or full report page's first).
    #[must_use]
    pub fn published(&self) -> Option<Date> {
        self.published
    }

    /// The rating the pages print (a summary or full report page's first).
    #[must_use]
    pub fn rating(&self) -> Option<Rating> {
        self.rating
    }

    /// The overall score out of 100 the pages print, if any (see
    /// [`Assessment::out_of_100`] for the one the scores give).
    #[must_use]
    pub fn printed_score(&self) -> Option<u8> {
        self.overall_score
    }

    /// The overall score out of 100 the scores give, as CQC prints it (the percentage rounded
    /// up, see [`OverallScore::out_of_100`]); partial from fewer than nine statements.
    #[must_use]
    pub fn out_of_100(&self) -> Option<u8> {
        self.overall().out_of_100()
    }

    /// Whether a page is a 2023 pilot report (indicative scores and rating).
    #[must_use]
    pub fn is_indicative(&self) -> bool {
        self.indicative
    }

    /// What the page holding a statement says about it (the first page with its section, else
    /// the first listing it).
    #[must_use]
    pub fn statement(&self, statement: QualityStatement) -> Option<&Statement> {
        self.page_of(statement)?.report.statement(statement)
    }

    /// The page holding a statement.
    #[must_use]
    pub fn page_of(&self, statement: QualityStatement) -> Option<&Page> {
        self.holders[statement.index()].map(|i| &self.pages[i])
    }

    /// Every page that says something about a statement, the page holding it first.
    pub fn statement_pages(
        &self,
        statement: QualityStatement,
    ) -> impl Iterator<Item = (&Page, &Statement)> {
        let holder = self.holders[statement.index()];
        let first = holder.map(|i| &self.pages[i]);
        first
            .into_iter()
            .chain(
                self.pages
                    .iter()
                    .enumerate()
                    .filter(move |(i, _)| Some(*i) != holder)
                    .map(|(_, p)| p),
            )
            .filter_map(move |p| p.report.statement(statement).map(|s| (p, s)))
    }

    /// The score of a statement: a section's (the first page's with one), else a score list's.
    #[must_use]
    pub fn score(&self, statement: QualityStatement) -> Option<Score> {
        self.scores[statement.index()]
    }

    /// The nine scores in framework order.
    #[must_use]
    pub fn scores(&self) -> [Option<Score>; 9] {
        self.scores
    }

    /// The statements scored.
    #[must_use]
    pub fn coverage(&self) -> Coverage {
        Coverage::of_scores(&self.scores)
    }

    /// Whether some but not all nine statements are scored.
    #[must_use]
    pub fn is_partial(&self) -> bool {
        self.coverage().is_partial()
    }

    /// CQC's aggregate of the scores (partial from fewer than nine).
    #[must_use]
    pub fn overall(&self) -> OverallScore {
        OverallScore::from_scores(self.scores.iter().flatten().copied())
    }

    /// The band the scores give when all nine are scored; `None` otherwise (see
    /// [`Assessment::partial_band`]).
    #[must_use]
    pub fn derived_band(&self) -> Option<Band> {
        self.overall().complete_band()
    }

    /// The rating the nine scores give (`None` from fewer, or between bands).
    #[must_use]
    pub fn derived_rating(&self) -> Option<Rating> {
        self.derived_band().and_then(Band::rating)
    }

    /// Where the scored statements stand when fewer than nine are scored: not a rating.
    #[must_use]
    pub fn partial_band(&self) -> Option<Band> {
        self.overall().partial_band()
    }

    /// The mean score of a theme's scored statements.
    #[must_use]
    pub fn theme_mean(&self, theme: Theme) -> Option<f64> {
        let overall =
            OverallScore::from_scores(theme.statements().iter().filter_map(|&qs| self.score(qs)));
        (overall.scored > 0).then(|| f64::from(overall.total) / f64::from(overall.scored))
    }

    /// What the pages disagree on (both values kept), in framework order then field.
    #[must_use]
    pub fn warnings(&self) -> &[MergeWarning] {
        &self.warnings
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

impl fmt::Display for Assessment {
    /// The council, the pages and what they cover, the printed and derived figures (marked
    /// partial from fewer than nine statements), each statement's score with the page holding
    /// it, and the merge warnings.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = self.authority().unwrap_or("(no council named)");
        match self.council {
            Some(c) => write!(f, "{name} ({}, {}, {})", c.ons_code, c.kind, c.region)?,
            None => f.write_str(name)?,
        }
        let pages = self.pages.len();
        writeln!(
            f,
            ": {pages} page{}, {}",
            if pages == 1 { "" } else { "s" },
            self.coverage()
        )?;
        let opt = |v: Option<String>| v.unwrap_or_else(|| "-".to_owned());
        writeln!(
            f,
            "Published {}; printed rating {}; printed overall score {}",
            opt(self.published.map(|d| d.to_string())),
            opt(self.rating.map(|r| r.to_string())),
            opt(self.overall_score.map(|s| s.to_string())),
        )?;
        let overall = self.overall();
        if overall.scored == 0 {
            writeln!(f, "No statement scored")?;
        } else if overall.is_partial() {
            writeln!(
                f,
                "Scores {overall}; score out of 100 {} (partial); no rating from scores ({} band on the statements covered, not a rating)",
                opt(overall.out_of_100().map(|s| s.to_string())),
                opt(overall.band().map(|b| b.to_string())),
            )?;
        } else {
            writeln!(
                f,
                "Scores {overall}; score out of 100 {}; rating from scores {}",
                opt(overall.out_of_100().map(|s| s.to_string())),
                opt(overall.band().map(|b| b.to_string())),
            )?;
        }
        for qs in QualityStatement::ALL {
            let score = self
                .score(qs)
                .map_or_else(|| "-".to_owned(), |s| s.to_string());
            let page = self.page_of(qs).map_or("-", |p| p.source.as_str());
            writeln!(f, "  {:<42}  {score}  {page}", qs.title())?;
        }
        for w in &self.warnings {
            writeln!(f, "warning: {w}")?;
        }
        Ok(())
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Assessment {
    /// `authority`, `ons_code`, `coverage`, `partial`, `published`, `rating`, `printed_score`,
    /// `out_of_100`, `overall`, `derived_band` (nine statements only), `partial_band`,
    /// `scores` (each with the page holding it), `pages`, `metrics` and `warnings`.
    ///
    /// Read back (see the `Deserialize` impl), an assessment equals the one written.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        #[derive(serde::Serialize)]
        struct Held<'a> {
            statement: QualityStatement,
            score: Option<Score>,
            page: Option<&'a str>,
        }
        let scores: Vec<Held<'_>> = QualityStatement::ALL
            .into_iter()
            .map(|qs| Held {
                statement: qs,
                score: self.score(qs),
                page: self.page_of(qs).map(|p| p.source.as_str()),
            })
            .collect();
        let mut s = serializer.serialize_struct("Assessment", 15)?;
        s.serialize_field("authority", &self.authority)?;
        s.serialize_field("ons_code", &self.council.map(|c| c.ons_code.as_str()))?;
        s.serialize_field("coverage", &self.coverage())?;
        s.serialize_field("partial", &self.is_partial())?;
        s.serialize_field("published", &self.published)?;
        s.serialize_field("rating", &self.rating)?;
        s.serialize_field("printed_score", &self.overall_score)?;
        s.serialize_field("out_of_100", &self.out_of_100())?;
        s.serialize_field("overall", &self.overall())?;
        s.serialize_field("derived_band", &self.derived_band())?;
        s.serialize_field("partial_band", &self.partial_band())?;
        s.serialize_field("scores", &scores)?;
        s.serialize_field("pages", &self.pages)?;
        s.serialize_field("metrics", self.metrics())?;
        s.serialize_field("warnings", &self.warnings)?;
        s.end()
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Assessment {
    /// Reads what `Serialize` writes: the name, the council (by `ons_code`), the printed
    /// values, the scores, the pages, the figures used and the warnings. What follows from
    /// them is worked out again rather than read: `coverage`, `partial`, `out_of_100`,
    /// `overall` and the bands from the scores, each statement's page (the first page with its
    /// section, else the first listing it, as when the pages were assembled) and whether the
    /// assessment is indicative (a page is). `metrics` is the pages' figures for one page.
    ///
    /// An assessment without pages, or an ONS code that is no council's, is an error.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error as _;
        #[derive(serde::Deserialize)]
        struct Held {
            statement: QualityStatement,
            score: Option<Score>,
        }
        #[derive(serde::Deserialize)]
        struct Repr {
            authority: Option<String>,
            ons_code: Option<String>,
            published: Option<Date>,
            rating: Option<Rating>,
            printed_score: Option<u8>,
            scores: Vec<Held>,
            pages: Vec<Page>,
            metrics: Vec<Metric>,
            warnings: Vec<MergeWarning>,
        }
        let r = <Repr as serde::Deserialize>::deserialize(deserializer)?;
        if r.pages.is_empty() {
            return Err(D::Error::custom(
                "an assessment has at least one page, found none",
            ));
        }
        let council = match &r.ons_code {
            Some(code) => Some(Authority::by_ons_code(code).ok_or_else(|| {
                D::Error::custom(format!(
                    "unknown authority: no council has the ONS code '{}'",
                    crate::identity::excerpt(code)
                ))
            })?),
            None => None,
        };
        let mut scores = [None; 9];
        for held in &r.scores {
            scores[held.statement.index()] = held.score;
        }
        let holders =
            QualityStatement::ALL.map(|qs| pages::holder(r.pages.iter().map(|p| &p.report), qs));
        Ok(Assessment {
            authority: r.authority,
            council,
            indicative: r.pages.iter().any(|p| p.report.indicative),
            selected: (r.pages.len() > 1).then_some(r.metrics),
            pages: r.pages,
            holders,
            scores,
            published: r.published,
            rating: r.rating,
            overall_score: r.printed_score,
            warnings: r.warnings,
        })
    }
}
