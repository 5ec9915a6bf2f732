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
//! - [`Report`]: a parsed page or report (full report, summary page, single section page or
//!   2023 pilot report): [`Report::parse`], [`str::parse`], [`Report::parse_bytes`] or a
//!   configured [`ReportParser`]. `Display` renders canonical report text that parses back to
//!   an equal report. Its parts (sections, findings, financial facts, ...) are in [`report`].
//!   A page saved from the browser: `Report::parse_html` (feature `html`, on by default), with
//!   every span in the HTML.
//! - [`QualityStatement`] (nine) and [`Theme`] (four), [`Score`] (1-4), [`Rating`],
//!   [`OverallScore`] (CQC's aggregation rule) and [`Band`].
//! - [`Statement`]: what a report says about one quality statement, merging its line in the
//!   overall summary with its section (descriptor, "What people expect", the local authority
//!   commitment, key findings with subheadings and paragraphs).
//! - [`Warning`]: everything the parser noticed (rating against scores, descriptor against
//!   score, duplicate sections, lines it could not place), with line and column.
//! - [`Metric`]: a quantitative claim of a report, from [`Report::metrics`]: its value and
//!   unit, the comparator it is set against, CQC's variation band, the source and period, and
//!   the canonical measure it names (the [`metrics`] module has the parts and the catalogue).
//! - [`Assessment`]: one council's assessment from one or more pages of its report, each
//!   page's metrics extracted once; the pages, merge warnings and [`Coverage`](assessment::Coverage)
//!   (which statements a value stands on) are in [`assessment`]. [`compare()`] two assessments
//!   side by side ([`Comparison`], parts in [`compare`](mod@compare)).
//! - `rows` (feature `serde`): tidy tables of assessments, statements, metrics, findings and
//!   warnings, written as CSV or JSON lines (what the `cqc-la` program's `dataset` writes).
//! - [`Authority`]: the 153 councils (ONS code, type and region, in [`authority`]);
//!   [`Authority::resolve`] turns any name a report or a person uses into one of them.
//! - [`Cohort`]: many assessments benchmarked: league tables with honest ranks for ties, score
//!   distributions, groups, neighbours, learning partners, metric tables and charts (parts in
//!   [`cohort`]). [`Cohort::published`] embeds the 72 assessments CQC had published by October
//!   2025.
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

pub mod assessment;
pub mod cohort;
pub mod compare;
mod error;
#[cfg(feature = "html")]
pub(crate) mod html;
#[cfg(feature = "html")]
mod html_spans;
mod identity;
pub mod metrics;
mod model;
mod parse;
mod render;
#[cfg(feature = "serde")]
pub mod rows;
mod svg;
mod text;

pub use assessment::Assessment;
pub use cohort::Cohort;
pub use compare::{Comparison, compare};
pub use error::{ParseError, ParseErrorKind, ValueError, ValueKind};
pub use identity::Authority;
pub use model::{
    Band, Date, FinancialYear, Location, Metric, Origin, OverallScore, Period, QualityStatement,
    Rating, Report, ReportKind, Score, Span, Statement, Text, Theme, Warning, WarningKind,
};
pub use parse::{DEFAULT_MAX_INPUT, ReportParser};

/// The parts of a [`Report`]: the blocks and lines a report is made of.
pub mod report {
    pub use crate::model::{
        About, Block, Descriptor, FinancialFacts, Finding, Findings, Listed, OverallSummary,
        Planned, ReportLines, Section, ThemeIntro,
    };
}

/// The 153 councils with adult social care duties: names, ONS codes, types and regions.
pub mod authority {
    pub use crate::identity::{Authority, AuthorityKind, Region, UnknownAuthority};
}

/// Exact decimal numbers as printed (`70.0` keeps its precision), re-exported from
/// `rust_decimal`.
pub use rust_decimal::Decimal;
