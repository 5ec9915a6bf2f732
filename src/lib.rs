//! Parse CQC local authority assessment reports into a typed model, then compare and benchmark
//! the councils they assess.
//!
//! Since 2023 the Care Quality Commission assesses how each of England's 153 councils meets its
//! adult social care duties. Each report gives an overall rating, a score of 1 to 4 for each of
//! nine quality statements and pages of findings that cite figures against England averages.
//! This crate turns the text of those reports, as copied from CQC's website, into data.
//!
//! ```
//! use cqc_la::{QualityStatement, Rating, Report, Score};
//!
//! let text = "\
//! Northmere County Council: local authority assessment
//! Assessment published: 14 March 2025
//! Overall summary
//! Local authority rating and score
//! Northmere County Council
//! Good
//! Quality statement scores
//! Assessing needs
//! Score: 3
//! Safeguarding
//! Score: 2
//! Safeguarding
//! Score: 2
//! 2 - Evidence shows some shortfalls
//! The local authority commitment
//! We work with people to understand what being safe means to them.
//! Key findings for this quality statement
//! Safeguarding systems, processes and practices
//! Concerns were triaged within a day and enquiries were completed on time.
//! ";
//! let report: Report = text.parse()?;
//! assert_eq!(report.authority.as_deref(), Some("Northmere County Council"));
//! assert_eq!(report.rating, Some(Rating::Good));
//! assert_eq!(report.score(QualityStatement::Safeguarding), Score::new(2));
//! // CQC's rule: (3 + 2) / (4 x 2) = 62.5 %, between "Requires improvement" and "Good":
//! // the printed rating decides, and the parser says so.
//! assert_eq!(report.warnings[0].kind.id(), "between_bands");
//! # Ok::<(), cqc_la::ParseError>(())
//! ```
//!
//! # Brief overview
//!
//! - [`Report`]: a parsed report (full report, summary page, single section page or 2023 pilot
//!   report). [`Report::parse`], [`str::parse`], [`Report::parse_bytes`] or a configured
//!   [`ReportParser`]; `Display` renders canonical report text that parses back to an equal
//!   report.
//! - [`QualityStatement`] (nine) and [`Theme`] (four), [`Score`] (1-4), [`Rating`],
//!   [`OverallScore`] (CQC's aggregation rule) and [`Band`].
//! - [`Statement`]: what a report says about one quality statement, merging its line in the
//!   overall summary ([`Listed`]) with its [`Section`] (descriptor, "What people expect", the
//!   local authority commitment, key findings with subheadings and paragraphs).
//! - [`Warning`]: everything the parser noticed (rating against scores, descriptor against
//!   score, duplicate sections, lines it could not place), with line and column.
//! - [`compare`]: two reports side by side ([`Comparison`]).
//! - [`Report::metrics`]: every quantitative claim as a [`Metric`]: value and [`Unit`], the
//!   [`Comparator`] it is set against, CQC's [`VariationBand`], the [`Source`] (dataset and
//!   period) and the [`Measure`], matched against a catalogue of canonical measures
//!   ([`MeasureDef::catalogue`], with ASCOF codes and [`Polarity`]).
//!   [`Report::metric_warnings`] and [`metric_warnings_across`] flag figures worth checking;
//!   [`MetricComparison`] (also [`Comparison::metrics`]) compares two reports measure by
//!   measure.
//! - [`Authority`]: the 153 councils (ONS code, [`AuthorityKind`], [`Region`]);
//!   [`Authority::resolve`] turns any name a report or a person uses into one of them.
//! - [`Cohort`]: many assessments ([`ScoreRecord`]s from reports or a scores CSV) benchmarked:
//!   a [`LeagueTable`] with honest ranks for ties ([`Standing`]: "joint 5th-10th of 72",
//!   competition rank, mid-rank percentile, [`Quartile`]), score [`Distributions`], [`Group`]s
//!   (region, council type, named lists), nearest [`Neighbours`] and learning partners, and
//!   per-measure [`MetricTables`] built from [`MetricObservation`]s (from reports' metrics with
//!   [`Cohort::insert_report`], or from CSV). [`Cohort::published`] embeds
//!   the 72 assessments CQC had published by October 2025. Pictures: a heat map of a league table
//!   ([`LeagueTable::heat_map_svg`]) and a [`SpineChart`] as SVG.
//!
//! # Scope
//!
//! Parsing is pure: `&str` in, values out, no I/O. Nothing in the input is silently dropped:
//! every non-blank line is in the model, and a line the parser cannot place is kept in the part
//! of the report it appeared in and reported as a [`Warning`]. Parsing fails only for input
//! that is empty, not UTF-8, larger than the limit ([`DEFAULT_MAX_INPUT`]) or holds nothing a
//! CQC report holds.
#![doc(test(attr(deny(warnings))))]
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(missing_debug_implementations, clippy::all, clippy::pedantic)]
#![allow(
    // Report text is English prose; the docs name CQC, ASCOF, SACE ... without backticks.
    clippy::doc_markdown,
    // Percentages and means of small counts: precision loss is impossible at these sizes.
    clippy::cast_precision_loss,
    // Builders and accessors return values callers may ignore on purpose.
    clippy::must_use_candidate,
    // A two-armed `match` on an Option reads better than `if let ... else` in the assembler.
    clippy::single_match_else,
    clippy::module_name_repetitions
)]

mod cohort;
mod compare;
mod error;
// The entry points are crate-internal until `Report::parse_html` uses them.
#[cfg(feature = "html")]
#[cfg_attr(
    not(test),
    expect(dead_code, reason = "used by the HTML entry point to come")
)]
pub(crate) mod html;
mod identity;
mod metrics;
mod model;
pub(crate) mod parse;
mod render;
mod svg;
mod swar;

pub use cohort::{
    Cohort, CsvError, Distribution, Distributions, Group, GroupComparison, GroupMembers,
    GroupSummary, GroupTable, InvalidYearMonth, LeagueRow, LeagueTable, MeasureRow, MeasureTable,
    MemberValue, MemberVsGroup, MetricObservation, MetricPolarity, MetricTables, Neighbour,
    NeighbourBasis, Neighbours, Quartile, ScoreRecord, SpineChart, SpineRow, Standing,
    StatementVsGroup, Subject, Summary, Verdict, YearMonth, ordinal,
};
pub use compare::{Comparison, Side, StatementComparison, ThemeComparison, Unscored, compare};
pub use error::{ParseError, ParseErrorKind};
pub use identity::{Authority, AuthorityKind, Region, UnknownAuthority};
pub use metrics::{
    Ahead, Assessment, AssessmentKind, Attribution, Comparator, Dataset, Direction, Measure,
    MeasureComparison, MeasureDef, Metric, MetricComparison, MetricSide, MetricWarning, OneSided,
    Part, Polarity, Population, Scope, Source, Unit, VariationBand, compare_metrics,
    metric_warnings_across,
};
pub use model::{
    About, Band, Block, Date, Descriptor, FinancialFacts, FinancialYear, Finding, Findings,
    InvalidDate, InvalidFinancialYear, Listed, Location, MetricsCache, Origin, OverallScore,
    OverallSummary, Planned, QualityStatement, Rating, Report, ReportKind, ReportLines, Score,
    ScoreOutOfRange, Section, Span, Statement, Text, Theme, ThemeIntro, UnknownRating,
    UnknownStatement, Warning, WarningKind,
};
pub use parse::{DEFAULT_MAX_INPUT, ReportParser, parse};
/// Exact decimal numbers as printed (`70.0` keeps its precision), re-exported from
/// `rust_decimal`.
pub use rust_decimal::Decimal;
