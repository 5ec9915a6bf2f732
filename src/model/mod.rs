//! Plain data: one file per concept. Nothing here reads report text; the parser (`crate::parse`)
//! and the metric extractor (`crate::metrics`) build these values, and the values know nothing
//! of them.

mod date;
mod measure;
mod metric;
mod period;
mod report;
mod score;
mod statement;
mod text;
mod warning;

pub use date::Date;
pub(crate) use date::MONTHS;
pub use measure::MeasureDef;
#[cfg(feature = "serde")]
pub(crate) use metric::serde_repr;
pub use metric::{
    Attribution, Comparator, Dataset, Direction, Gap, Judgement, MAX_FIGURES_PER_SENTENCE, Measure,
    Metric, MetricWarning, Part, Polarity, Population, Scope, Source, Unit, Unmatched,
    VariationBand, Verdict,
};
pub(crate) use metric::{CatalogueStr, by_polarity, group_thousands};
pub use period::{FinancialYear, Period};
pub use report::{
    About, Block, Descriptor, FinancialFacts, Finding, Findings, Listed, OverallSummary, Planned,
    Report, ReportKind, ReportLines, Section, Statement, ThemeIntro,
};
pub use score::{Band, OverallScore, Rating, Score};
pub use statement::{QualityStatement, Theme};
pub use text::{Origin, Span, Text};
pub use warning::{Location, Warning, WarningKind};
