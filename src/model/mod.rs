//! Plain data: one file per concept. Nothing here parses report text.

mod date;
mod period;
mod report;
mod score;
pub(crate) mod statement;
mod text;
mod warning;

pub use date::{Date, InvalidDate};
pub use period::{FinancialYear, InvalidFinancialYear};
pub use report::{
    About, Block, Descriptor, FinancialFacts, Finding, Findings, Listed, MetricsCache,
    OverallSummary, Planned, Report, ReportKind, ReportLines, Section, Statement, ThemeIntro,
};
pub use score::{Band, OverallScore, Rating, Score, ScoreOutOfRange, UnknownRating};
pub use statement::{QualityStatement, Theme, UnknownStatement};
pub use text::{Origin, Span, Text};
pub use warning::{Location, Warning, WarningKind};
