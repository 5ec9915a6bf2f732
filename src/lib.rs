//! Parse CQC local authority assessment reports into a typed model, then compare and benchmark
//! the councils they assess.
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
    clippy::module_name_repetitions
)]

mod cohort;
mod error;
mod identity;
mod model;
pub(crate) mod parse;
mod svg;

pub use cohort::{
    Cohort, CsvError, Distribution, Distributions, Group, GroupComparison, GroupMembers,
    GroupSummary, GroupTable, InvalidYearMonth, LeagueRow, LeagueTable, MeasureRow, MeasureTable,
    MemberValue, MemberVsGroup, MetricObservation, MetricPolarity, MetricTables, Neighbour,
    NeighbourBasis, Neighbours, Quartile, ScoreRecord, SpineChart, SpineRow, Standing,
    StatementVsGroup, Subject, Summary, Verdict, YearMonth, ordinal,
};
pub use error::{ParseError, ParseErrorKind};
pub use identity::{Authority, AuthorityKind, Region, UnknownAuthority};
pub use model::{
    About, Band, Block, Date, Descriptor, FinancialFacts, FinancialYear, Finding, Findings,
    InvalidDate, InvalidFinancialYear, Listed, Location, Origin, OverallScore, OverallSummary,
    Planned, QualityStatement, Rating, Report, ReportKind, ReportLines, Score, ScoreOutOfRange,
    Section, Span, Statement, Text, Theme, ThemeIntro, UnknownRating, UnknownStatement, Warning,
    WarningKind,
};
/// Exact decimal numbers as printed (`70.0` keeps its precision), re-exported from
/// `rust_decimal`.
pub use rust_decimal::Decimal;
