//! Tidy tables: one row per council, quality statement, figure, finding and warning, to write
//! as CSV or JSON lines for spreadsheets, R, pandas or a database.
//!
//! The rows are built from [`Assessment`]s: one council's pages merged by
//! [`Pages`](crate::assessment::Pages) (or one whole report). [`Tables`] collects the five
//! tables for many councils and writes them. The `cqc-la dataset` command writes these tables.
//!
//! ```
//! use cqc_la::Assessment;
//! use cqc_la::rows::Tables;
//!
//! let text = "Northmere County Council: local authority assessment\n\
//!             Safeguarding\nScore: 3\nKey findings for this quality statement\n\
//!             ASCS data (2023-24) showed 70.1% of people felt safe (England average 71.1%).\n";
//! let northmere = Assessment::parse(text)?;
//! let mut tables = Tables::default();
//! tables.add_assessment(&northmere);
//! assert_eq!(tables.assessments[0].safeguarding, Some(3));
//! assert_eq!(tables.metrics[0].measure_id.as_deref(), Some("ascs_feel_safe"));
//!
//! let mut csv = Vec::new();
//! cqc_la::rows::write_csv(&mut csv, &tables.metrics)?;
//! let csv = String::from_utf8(csv).unwrap();
//! assert!(csv.starts_with("authority,ons_code,statement,subheading,measure_id,"));
//! assert!(csv.lines().nth(1).unwrap().contains(",70.1,percent,england,,71.1,"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # The tables and their columns
//!
//! Column names and their order are stable; new columns are only ever added at the end. Empty
//! cells are unknown (the pages do not say, or the crate is not sure): nothing is filled in.
//! Identifiers are the snake_case ids of the JSON form (`good`, `assessing_needs`, `percent`).
//! Lists in one cell are separated by `;`.
//!
//! **`assessments.csv`**, one row per council (all the pages of one council merged):
//!
//! | column | what |
//! | --- | --- |
//! | `authority` | the council's name as its pages print it (the first page that prints one) |
//! | `ons_code` | its ONS code, when the name resolves to one of the 153 councils ([`Authority::resolve`]) |
//! | `region` | its region (`London`, `North East`, ...) |
//! | `kind` | its council type: `county`, `unitary`, `metropolitan_district`, `london_borough` |
//! | `published` | the publication date, `YYYY-MM-DD` |
//! | `rating` | the rating a page prints: `outstanding`, `good`, `requires_improvement`, `inadequate` |
//! | `overall_score` | the overall score out of 100 a page prints |
//! | `statements_covered` | how many of the nine quality statements the pages score |
//! | `assessing_needs` ... `learning_improvement_and_innovation` | nine columns, one per quality statement id in framework order: its score, 1 to 4 |
//! | `derived_percent` | CQC's rule on the known scores: their sum over four times their number, in percent, one decimal |
//! | `derived_rating` | the rating that percentage gives; empty from fewer than nine statements (a partial percentage is not a rating) and between two bands (the printed rating decides) |
//! | `partial` | `true` when fewer than nine statements are scored (the percentage and score cover those only) |
//! | `files` | the files of the council's pages, `;` between them |
//! | `derived_score` | the overall score out of 100 the scores give, as CQC prints it (the percentage rounded up); partial when `partial` is |
//!
//! **`statements.csv`**, one row per council and quality statement its pages cover:
//!
//! | column | what |
//! | --- | --- |
//! | `authority` | as in `assessments.csv` |
//! | `statement` | the quality statement id (`assessing_needs`, ...) |
//! | `theme` | its theme id (`working_with_people`, `providing_support`, `ensuring_safety`, `leadership`) |
//! | `score` | its score, 1 to 4 |
//! | `descriptor` | the descriptor line as the section prints it (`3 - Evidence shows a good standard`) |
//! | `file` | the file of the page holding the statement (the first with its section, else the first listing it) |
//!
//! **`metrics.csv`**, one row per figure the pages cite ([`Metric`]):
//!
//! | column | what |
//! | --- | --- |
//! | `authority`, `ons_code` | as in `assessments.csv` |
//! | `statement` | the quality statement id, or the part of the report for figures outside the statements: `about`, `financial_facts`, `experiences`, `strengths` |
//! | `subheading` | the key findings subheading it sits under |
//! | `measure_id`, `measure_name`, `ascof` | the canonical measure (ASCOF codes, old framework first) |
//! | `value`, `unit` | the value as printed and its unit (`percent`, `rate`, `days`, `weeks`, `months`, `people`, `count`, `years`, `gbp`, `per_100k`) |
//! | `comparator_scope`, `comparator_region`, `comparator_value` | the average it is set against: `england`, `national`, `regional` (with the region) or `unspecified`; the value is empty when the text names the average without a number |
//! | `direction` | the comparison word (`higher`, `lower`, `in_line`, `similar`, ...) |
//! | `band` | CQC's variation band (`significant_negative` ... `significant_positive`) |
//! | `dataset`, `period` | the source (`ascs`, `sace`, `salt`, `ascfr`, `local_authority`, ...) and its period (`2023-24`, `2021`, `2021-2023`, `October 2024`) |
//! | `sentence` | the sentence, verbatim |
//! | `file`, `byte_start`, `byte_end` | the file and the figure's byte span in it (for the financial facts, the bullet's) |
//! | `measure_text` | the subject as written |
//! | `lacks` | what the figure lacks for benchmarking ([`Metric::gaps`]): `measure`, `comparator`, `source`, `period` |
//! | `lacks_why` | why, one phrase per gap |
//!
//! **`findings.csv`**, one row per key findings paragraph:
//!
//! | column | what |
//! | --- | --- |
//! | `authority` | as in `assessments.csv` |
//! | `statement`, `subheading` | the quality statement id and the subheading the paragraph sits under |
//! | `paragraph` | the paragraph (or bullet), verbatim |
//! | `file`, `byte_start`, `byte_end` | the file and the paragraph's byte span in it |
//!
//! **`warnings.csv`**, one row per warning and per file that failed:
//!
//! | column | what |
//! | --- | --- |
//! | `file`, `line`, `column` | where (line and column from 1, column in characters; empty for a file as a whole) |
//! | `kind` | a parser warning's [`WarningKind::id`](crate::WarningKind::id) (`rating_mismatch`, `unplaced_line`, ...), a warning about figures' [`MetricWarning::id`](crate::metrics::MetricWarning::id) (`band_contradicts`, `same_value`, `figures_not_read`, `number_not_read`, and across councils `comparator_disagrees`), a failure (`unreadable`, `too_large`, `empty`, `invalid_utf8`, `not_a_report`, and `no_pages` for a folder without report files) or a finding of the merge (`pages_disagree`, `unnamed_page`, `unknown_authority`) |
//! | `message` | what was noticed |
//! | `level` | `error` for a file that failed (it is in no other table), else `warning` |
//!
//! # Merging a council's pages
//!
//! A council's assessment may come as one full report or as several pages (a summary page and
//! section pages): [`Pages`](crate::assessment::Pages) decides which pages are one council's
//! and merges them, and the tables show its result.
//!
//! - a statement's score is its section's (the first page with a section for it), else its
//!   score list entry's (the first page listing it); the rating, overall score and publication
//!   date are a summary or full report page's, else the first page's that prints them. A page
//!   that says otherwise gives a `pages_disagree` warning (at the value not used) and is not
//!   used.
//! - the figures and findings of a statement are those of the page holding it; the figures
//!   outside the statements (about the area, financial facts, summaries) are the first page's
//!   that has them. A second page with the same section is reported (`pages_disagree`), not
//!   listed twice.

use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::assessment::Assessment;
use crate::cohort::{ScoreRecord, YearMonth};
use crate::error::{ParseError, ParseErrorKind};
use crate::identity::Authority;
use crate::identity::{AuthorityKind, Region};
use crate::model::{
    Dataset, Date, Direction, MeasureDef, Metric, MetricWarning, Part, QualityStatement, Rating,
    Scope, Score, Theme, Unit, VariationBand, Warning, WarningKind,
};

/// A table's row type: its stable column names, in order.
pub trait Row: Serialize {
    /// The column names, in order (the header of the CSV file).
    const COLUMNS: &'static [&'static str];
    /// The table's name, e.g. `"metrics"`: the `dataset` command writes it to `metrics.csv`
    /// (or `metrics.jsonl`).
    const NAME: &'static str;
}

/// Serialises an exact decimal as a number: an integer when it has no fraction, else the
/// nearest `f64` (`70.0` stays `70.0`).
#[allow(clippy::ref_option)] // serde's `serialize_with` passes a reference.
fn decimal<S: Serializer>(value: &Option<Decimal>, serializer: S) -> Result<S::Ok, S::Error> {
    use rust_decimal::prelude::ToPrimitive;
    match value {
        None => serializer.serialize_none(),
        Some(v) if v.scale() == 0 => match v.to_i64() {
            Some(i) => serializer.serialize_i64(i),
            None => serializer.serialize_str(&v.to_string()),
        },
        Some(v) => match v.to_f64() {
            Some(f) => serializer.serialize_f64(f),
            None => serializer.serialize_str(&v.to_string()),
        },
    }
}

/// Reads what [`decimal`] writes: an integer without a fraction, any other number with at least
/// one decimal place (`70.0` reads back as `70.0`, and writes the same JSON again), a string as
/// written. Trailing zeros past the first are not in the JSON: `59.90` reads back as `59.9`.
fn decimal_back<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Decimal>, D::Error> {
    struct Visitor;
    impl<'de> serde::de::Visitor<'de> for Visitor {
        type Value = Option<Decimal>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a number, a decimal number as a string, or null")
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(self)
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(Some(Decimal::from(v)))
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(Some(Decimal::from(v)))
        }
        fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Self::Value, E> {
            let mut d = v
                .to_string()
                .parse::<Decimal>()
                .map_err(|_| E::custom(format!("{v} is not a decimal number")))?;
            if d.scale() == 0 {
                d.rescale(1);
            }
            Ok(Some(d))
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
            v.parse().map(Some).map_err(|_| {
                E::custom(format!(
                    "'{}' is not a decimal number",
                    crate::identity::excerpt(v)
                ))
            })
        }
    }
    deserializer.deserialize_option(Visitor)
}

/// `&'static str`: an id column. Written through this alias, the column does not make serde's
/// derive borrow from the input (it would otherwise read rows from `'static` input only); the
/// column's `deserialize_with` reads the id back as the crate's own string instead.
type Id = &'static str;

/// The ids an id column takes. Every row reads back from the JSON (or CSV) the crate writes; an
/// id the crate never writes is an error naming the column's kind.
trait Ids {
    /// What the ids name, for error messages.
    const WHAT: &'static str;
    /// The crate's own string for `id`, if it is one.
    fn find(id: &str) -> Option<&'static str>;
}

/// Ids that are the snake_case serde names of an enum whose `id()` gives them.
macro_rules! serde_ids {
    ($($ty:ty: $what:literal),* $(,)?) => {$(
        impl Ids for $ty {
            const WHAT: &'static str = $what;
            fn find(id: &str) -> Option<&'static str> {
                let id = serde::de::value::StrDeserializer::<serde::de::value::Error>::new(id);
                <$ty>::deserialize(id).ok().map(<$ty>::id)
            }
        }
    )*};
}

serde_ids!(
    QualityStatement: "quality statement",
    Theme: "theme",
    AuthorityKind: "council type",
    Unit: "unit",
    Scope: "comparator scope",
    Direction: "comparison direction",
    VariationBand: "variation band",
    Dataset: "dataset",
);

impl Ids for Region {
    const WHAT: &'static str = "region";
    fn find(id: &str) -> Option<&'static str> {
        Region::from_name(id).map(Region::title)
    }
}

/// A canonical measure's id.
struct MeasureId;

impl Ids for MeasureId {
    const WHAT: &'static str = "measure id";
    fn find(id: &str) -> Option<&'static str> {
        MeasureDef::by_id(id).map(|d| d.id)
    }
}

/// A canonical measure's name.
struct MeasureName;

impl Ids for MeasureName {
    const WHAT: &'static str = "measure name";
    fn find(id: &str) -> Option<&'static str> {
        MeasureDef::catalogue()
            .iter()
            .find(|d| d.name == id)
            .map(|d| d.name)
    }
}

/// A quality statement's id, or the part of the report a figure outside the statements is in.
struct StatementOrPart;

/// The parts of a report outside the statements, as `metrics.csv` names them.
const PARTS: [&str; 5] = [
    "about",
    "financial_facts",
    "experiences",
    "strengths",
    "findings",
];

impl Ids for StatementOrPart {
    const WHAT: &'static str = "quality statement or part of the report";
    fn find(id: &str) -> Option<&'static str> {
        <QualityStatement as Ids>::find(id).or_else(|| PARTS.into_iter().find(|p| *p == id))
    }
}

/// The kinds of `warnings.csv`: the parser's warnings, the failures and the merge's findings.
struct WarningRowKind;

/// The kinds of a file that failed (parse errors first, see [`error_id`]) and of the merge's
/// findings.
const FAILURE_AND_MERGE_KINDS: [&str; 9] = [
    "empty",
    "not_a_report",
    "invalid_utf8",
    "too_large",
    "unreadable",
    "no_pages",
    "pages_disagree",
    "unnamed_page",
    "unknown_authority",
];

impl Ids for WarningRowKind {
    const WHAT: &'static str = "warning kind";
    fn find(id: &str) -> Option<&'static str> {
        WarningKind::IDS
            .into_iter()
            .chain(MetricWarning::IDS)
            .chain(FAILURE_AND_MERGE_KINDS)
            .find(|k| *k == id)
    }
}

/// Reads an id column back as the crate's own `&'static str`.
fn id<'de, D: Deserializer<'de>, I: Ids>(deserializer: D) -> Result<&'static str, D::Error> {
    let id = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
    I::find(&id).ok_or_else(|| unknown::<D, I>(&id))
}

/// Reads an optional id column back as the crate's own `&'static str`.
fn opt_id<'de, D: Deserializer<'de>, I: Ids>(
    deserializer: D,
) -> Result<Option<&'static str>, D::Error> {
    match Option::<std::borrow::Cow<'de, str>>::deserialize(deserializer)? {
        Some(id) => I::find(&id).map(Some).ok_or_else(|| unknown::<D, I>(&id)),
        None => Ok(None),
    }
}

#[cold]
fn unknown<'de, D: Deserializer<'de>, I: Ids>(id: &str) -> D::Error {
    serde::de::Error::custom(format!(
        "unknown {} '{}'",
        I::WHAT,
        crate::identity::excerpt(id)
    ))
}

/// One council's assessment: `assessments.csv`. See the [module docs](self) for the columns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[allow(missing_docs)] // The columns are documented in the module docs.
pub struct AssessmentRow {
    pub authority: Option<String>,
    pub ons_code: Option<String>,
    #[serde(deserialize_with = "opt_id::<_, Region>")]
    pub region: Option<Id>,
    #[serde(deserialize_with = "opt_id::<_, AuthorityKind>")]
    pub kind: Option<Id>,
    pub published: Option<Date>,
    pub rating: Option<Rating>,
    pub overall_score: Option<u8>,
    pub statements_covered: usize,
    pub assessing_needs: Option<u8>,
    pub supporting_healthier_lives: Option<u8>,
    pub equity_in_experience_and_outcomes: Option<u8>,
    pub care_provision_integration_and_continuity: Option<u8>,
    pub partnerships_and_communities: Option<u8>,
    pub safe_pathways_systems_and_transitions: Option<u8>,
    pub safeguarding: Option<u8>,
    pub governance_management_and_sustainability: Option<u8>,
    pub learning_improvement_and_innovation: Option<u8>,
    pub derived_percent: Option<f64>,
    pub derived_rating: Option<Rating>,
    pub partial: bool,
    pub files: String,
    pub derived_score: Option<u8>,
}

impl Row for AssessmentRow {
    const COLUMNS: &'static [&'static str] = &[
        "authority",
        "ons_code",
        "region",
        "kind",
        "published",
        "rating",
        "overall_score",
        "statements_covered",
        "assessing_needs",
        "supporting_healthier_lives",
        "equity_in_experience_and_outcomes",
        "care_provision_integration_and_continuity",
        "partnerships_and_communities",
        "safe_pathways_systems_and_transitions",
        "safeguarding",
        "governance_management_and_sustainability",
        "learning_improvement_and_innovation",
        "derived_percent",
        "derived_rating",
        "partial",
        "files",
        "derived_score",
    ];
    const NAME: &'static str = "assessments";
}

impl AssessmentRow {
    /// The score of a statement.
    #[must_use]
    pub fn score(&self, statement: QualityStatement) -> Option<u8> {
        use QualityStatement as Q;
        match statement {
            Q::AssessingNeeds => self.assessing_needs,
            Q::SupportingHealthierLives => self.supporting_healthier_lives,
            Q::EquityInExperienceAndOutcomes => self.equity_in_experience_and_outcomes,
            Q::CareProvisionIntegrationAndContinuity => {
                self.care_provision_integration_and_continuity
            }
            Q::PartnershipsAndCommunities => self.partnerships_and_communities,
            Q::SafePathwaysSystemsAndTransitions => self.safe_pathways_systems_and_transitions,
            Q::Safeguarding => self.safeguarding,
            Q::GovernanceManagementAndSustainability => {
                self.governance_management_and_sustainability
            }
            Q::LearningImprovementAndInnovation => self.learning_improvement_and_innovation,
        }
    }
}

impl AssessmentRow {
    /// The council as a [`Cohort`](crate::Cohort) member: its name (the files' names when the
    /// pages name none), printed rating, month of publication and nine scores.
    #[must_use]
    pub fn score_record(&self) -> ScoreRecord {
        let scores = QualityStatement::ALL.map(|qs| self.score(qs).and_then(Score::new));
        let name = self.authority.clone().unwrap_or_else(|| self.files.clone());
        let mut record = ScoreRecord::new(name, scores);
        record.rating = self.rating;
        record.published = self.published.map(YearMonth::from);
        record
    }
}

/// One quality statement of one council: `statements.csv`. See the [module docs](self).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[allow(missing_docs)]
pub struct StatementRow {
    pub authority: Option<String>,
    #[serde(deserialize_with = "id::<_, QualityStatement>")]
    pub statement: Id,
    #[serde(deserialize_with = "id::<_, Theme>")]
    pub theme: Id,
    pub score: Option<u8>,
    pub descriptor: Option<String>,
    pub file: String,
}

impl Row for StatementRow {
    const COLUMNS: &'static [&'static str] = &[
        "authority",
        "statement",
        "theme",
        "score",
        "descriptor",
        "file",
    ];
    const NAME: &'static str = "statements";
}

/// One figure: `metrics.csv`. See the [module docs](self).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[allow(missing_docs)]
pub struct MetricRow {
    pub authority: Option<String>,
    pub ons_code: Option<String>,
    #[serde(deserialize_with = "id::<_, StatementOrPart>")]
    pub statement: Id,
    pub subheading: Option<String>,
    #[serde(deserialize_with = "opt_id::<_, MeasureId>")]
    pub measure_id: Option<Id>,
    #[serde(deserialize_with = "opt_id::<_, MeasureName>")]
    pub measure_name: Option<Id>,
    pub ascof: Option<String>,
    #[serde(serialize_with = "decimal", deserialize_with = "decimal_back")]
    pub value: Option<Decimal>,
    #[serde(deserialize_with = "id::<_, Unit>")]
    pub unit: Id,
    #[serde(deserialize_with = "opt_id::<_, Scope>")]
    pub comparator_scope: Option<Id>,
    pub comparator_region: Option<String>,
    #[serde(serialize_with = "decimal", deserialize_with = "decimal_back")]
    pub comparator_value: Option<Decimal>,
    #[serde(deserialize_with = "opt_id::<_, Direction>")]
    pub direction: Option<Id>,
    #[serde(deserialize_with = "opt_id::<_, VariationBand>")]
    pub band: Option<Id>,
    #[serde(deserialize_with = "opt_id::<_, Dataset>")]
    pub dataset: Option<Id>,
    pub period: Option<String>,
    pub sentence: String,
    pub file: String,
    pub byte_start: Option<usize>,
    pub byte_end: Option<usize>,
    pub measure_text: String,
    pub lacks: String,
    pub lacks_why: String,
}

impl Row for MetricRow {
    const COLUMNS: &'static [&'static str] = &[
        "authority",
        "ons_code",
        "statement",
        "subheading",
        "measure_id",
        "measure_name",
        "ascof",
        "value",
        "unit",
        "comparator_scope",
        "comparator_region",
        "comparator_value",
        "direction",
        "band",
        "dataset",
        "period",
        "sentence",
        "file",
        "byte_start",
        "byte_end",
        "measure_text",
        "lacks",
        "lacks_why",
    ];
    const NAME: &'static str = "metrics";
}

/// One key findings paragraph: `findings.csv`. See the [module docs](self).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[allow(missing_docs)]
pub struct FindingRow {
    pub authority: Option<String>,
    #[serde(deserialize_with = "id::<_, QualityStatement>")]
    pub statement: Id,
    pub subheading: Option<String>,
    pub paragraph: String,
    pub file: String,
    pub byte_start: Option<usize>,
    pub byte_end: Option<usize>,
}

impl Row for FindingRow {
    const COLUMNS: &'static [&'static str] = &[
        "authority",
        "statement",
        "subheading",
        "paragraph",
        "file",
        "byte_start",
        "byte_end",
    ];
    const NAME: &'static str = "findings";
}

/// A warning, or a file that failed: `warnings.csv`. See the [module docs](self).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[allow(missing_docs)]
pub struct WarningRow {
    pub file: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    #[serde(deserialize_with = "id::<_, WarningRowKind>")]
    pub kind: Id,
    pub message: String,
    pub level: Level,
}

impl Row for WarningRow {
    const COLUMNS: &'static [&'static str] =
        &["file", "line", "column", "kind", "message", "level"];
    const NAME: &'static str = "warnings";
}

/// Whether a [`WarningRow`] is a warning or a file that failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// The file went through; something in it deserves a look.
    Warning,
    /// The file failed and is in no other table.
    Error,
}

impl WarningRow {
    /// The row of a parser warning.
    #[must_use]
    pub fn from_warning(file: &str, warning: &Warning) -> WarningRow {
        WarningRow {
            file: file.to_owned(),
            line: Some(warning.location.line),
            column: Some(warning.location.column),
            kind: warning.kind.id(),
            message: warning.kind.to_string(),
            level: Level::Warning,
        }
    }

    /// The row of a file that failed to parse. The message is the error's kind; its location
    /// is in `line` and `column`.
    #[must_use]
    pub fn from_error(file: &str, error: &ParseError) -> WarningRow {
        let location = error.location();
        let mut message = error.kind().to_string();
        if !error.snippet().is_empty() {
            let _ = write!(message, ": '{}'", error.snippet());
        }
        WarningRow {
            file: file.to_owned(),
            line: Some(location.line),
            column: Some(location.column),
            kind: error_id(error.kind()),
            message,
            level: Level::Error,
        }
    }

    /// The row of a file that failed for another reason (it could not be read, it is too
    /// large, ...), with a stable snake_case `kind`.
    #[must_use]
    pub fn failure(file: &str, kind: &'static str, message: impl Into<String>) -> WarningRow {
        WarningRow {
            file: file.to_owned(),
            line: None,
            column: None,
            kind,
            message: message.into(),
            level: Level::Error,
        }
    }
}

/// A stable snake_case id for a parse error's kind.
#[must_use]
pub fn error_id(kind: &ParseErrorKind) -> &'static str {
    match kind {
        ParseErrorKind::Empty => "empty",
        ParseErrorKind::NotAReport => "not_a_report",
        ParseErrorKind::InvalidUtf8 { .. } => "invalid_utf8",
        ParseErrorKind::TooLarge { .. } => "too_large",
    }
}

/// The five tables, filled council by council.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tables {
    /// `assessments.csv`.
    pub assessments: Vec<AssessmentRow>,
    /// `statements.csv`.
    pub statements: Vec<StatementRow>,
    /// `metrics.csv`.
    pub metrics: Vec<MetricRow>,
    /// `findings.csv`.
    pub findings: Vec<FindingRow>,
    /// `warnings.csv`.
    pub warnings: Vec<WarningRow>,
}

/// Who a council is: its name and, when the name resolves, the council.
struct Identity<'a> {
    name: Option<&'a str>,
    authority: Option<&'static Authority>,
}

impl<'a> Identity<'a> {
    fn of(assessment: &'a Assessment) -> Identity<'a> {
        Identity {
            name: assessment.authority(),
            authority: assessment.council(),
        }
    }

    fn name(&self) -> Option<String> {
        self.name.map(str::to_owned)
    }
}

impl Tables {
    /// Adds the assessments of many councils ([`Tables::add_assessment`]), then checks their
    /// figures across councils: a measure cited with a different England average for the same
    /// period by two councils gives a `comparator_disagrees` warning (one of them is misprinted
    /// or misread).
    ///
    /// # Examples
    /// ```
    /// use cqc_la::Assessment;
    /// use cqc_la::rows::Tables;
    /// let council = |name: &str, average: &str| {
    ///     Assessment::parse(&format!(
    ///         "{name}: local authority assessment\nSafeguarding\nScore: 3\n\
    ///          Key findings for this quality statement\n\
    ///          ASCS data (2023-24) showed 70.0% of people felt safe (England average {average}%).\n"
    ///     ))
    /// };
    /// let councils = [council("Alderley Council", "71.1")?, council("Bexwell Council", "69.0")?];
    /// let mut tables = Tables::default();
    /// tables.add_assessments(&councils);
    /// let w = tables.warnings.iter().find(|w| w.kind == "comparator_disagrees").unwrap();
    /// assert!(w.message.contains("Bexwell Council cites an England average of 69.0"), "{}", w.message);
    /// # Ok::<(), cqc_la::ParseError>(())
    /// ```
    pub fn add_assessments(&mut self, assessments: &[Assessment]) {
        for a in assessments {
            self.add_assessment(a);
        }
        let across =
            crate::metrics::metric_warnings_across(assessments.iter().map(Assessment::metrics));
        for warning in across {
            let MetricWarning::ComparatorDisagrees {
                measure,
                period,
                first,
                second,
            } = warning
            else {
                continue;
            };
            let name = |i: usize| {
                assessments[i]
                    .authority()
                    .unwrap_or("a council without a name")
            };
            // The page of the second council that cites it.
            let (file, span) = assessments[second.0]
                .metrics_with_pages()
                .find(|(_, m)| {
                    m.measure.canonical.is_some_and(|d| d.id == measure)
                        && m.source.and_then(|s| s.period) == period
                        && m.comparator.as_ref().and_then(|c| c.value) == Some(second.1)
                })
                .map_or((String::new(), None), |(p, m)| (p.source.clone(), m.span));
            let period = period.map(|p| format!(" ({p})")).unwrap_or_default();
            self.warnings.push(WarningRow {
                file,
                line: None,
                column: None,
                kind: "comparator_disagrees",
                message: format!(
                    "'{measure}'{period}: {} cites an England average of {}, {} of {}{}",
                    name(second.0),
                    second.1,
                    name(first.0),
                    first.1,
                    span.map(|s| format!(" (bytes {}..{})", s.start, s.end))
                        .unwrap_or_default()
                ),
                level: Level::Warning,
            });
        }
    }

    /// Adds one council's assessment (one or more pages, merged by
    /// [`Pages`](crate::assessment::Pages); see the [module docs](self#merging-a-councils-pages)):
    /// its row, a row per statement its pages cover, the figures it uses, the findings of the
    /// page holding each statement, and as warnings each page's parser warnings, the warnings
    /// about its figures and what its pages disagree on.
    pub fn add_assessment(&mut self, assessment: &Assessment) {
        let who = Identity::of(assessment);
        for page in assessment.pages() {
            let file = page.source.as_str();
            self.warnings.extend(
                page.report
                    .warnings
                    .iter()
                    .map(|w| WarningRow::from_warning(file, w)),
            );
            self.warnings
                .extend(page.metric_warnings.iter().map(|w| WarningRow {
                    file: file.to_owned(),
                    line: w.location.map(|l| l.line),
                    column: w.location.map(|l| l.column),
                    kind: w.warning.id(),
                    message: w.warning.to_string(),
                    level: Level::Warning,
                }));
        }
        self.warnings
            .extend(assessment.warnings().iter().map(|w| WarningRow {
                file: w.other.source.clone(),
                line: w.other.location.map(|l| l.line),
                column: w.other.location.map(|l| l.column),
                kind: "pages_disagree",
                message: w.to_string(),
                level: Level::Warning,
            }));
        if who.name.is_none() {
            for page in assessment.pages() {
                self.warnings.push(WarningRow {
                    file: page.source.clone(),
                    line: None,
                    column: None,
                    kind: "unnamed_page",
                    message: "the page names no authority and fits no council's pages: it is an assessment of its own".into(),
                    level: Level::Warning,
                });
            }
        } else if who.authority.is_none() {
            let name = who.name.unwrap_or_default();
            self.warnings.push(WarningRow {
                file: assessment.pages()[0].source.clone(),
                line: None,
                column: None,
                kind: "unknown_authority",
                message: format!(
                    "'{name}' is not one of the 153 councils: no ONS code, region or type"
                ),
                level: Level::Warning,
            });
        }
        self.assessments.push(assessment_row(&who, assessment));
        self.statements.extend(statement_rows(&who, assessment));
        self.metrics.extend(
            assessment
                .metrics_with_pages()
                .map(|(page, m)| metric_row(&who, &page.source, m)),
        );
        self.add_findings(&who, assessment);
    }

    /// Adds a file that failed to parse.
    pub fn add_error(&mut self, file: &str, error: &ParseError) {
        self.warnings.push(WarningRow::from_error(file, error));
    }

    /// The findings of the page holding each statement, in page order.
    fn add_findings(&mut self, who: &Identity<'_>, assessment: &Assessment) {
        for page in assessment.pages() {
            let report = &page.report;
            for statement in report.statements.iter().chain(&report.duplicates) {
                let holds = assessment
                    .page_of(statement.statement)
                    .is_some_and(|p| std::ptr::eq(p, page));
                let findings = statement.section.as_ref().and_then(|s| s.findings.as_ref());
                let (true, Some(findings)) = (holds, findings) else {
                    continue;
                };
                let id = statement.statement.id();
                for group in &findings.groups {
                    let subheading = group.subheading.as_ref().map(|t| t.text.clone());
                    for paragraph in &group.paragraphs {
                        let span = paragraph.origin.span();
                        self.findings.push(FindingRow {
                            authority: who.name(),
                            statement: id,
                            subheading: subheading.clone(),
                            paragraph: paragraph.text.clone(),
                            file: page.source.clone(),
                            byte_start: span.map(|s| s.start),
                            byte_end: span.map(|s| s.end),
                        });
                    }
                }
            }
        }
    }

    /// Writes the five tables as CSV files into a directory (which must exist), named after
    /// [`Row::NAME`]: `assessments.csv`, `statements.csv`, `metrics.csv`, `findings.csv` and
    /// `warnings.csv`. Returns the paths written.
    ///
    /// # Errors
    /// The first I/O error.
    pub fn write_csv_dir(&self, dir: &Path) -> io::Result<Vec<PathBuf>> {
        self.write_dir(dir, false)
    }

    /// Writes the five tables as JSON lines files into a directory (which must exist):
    /// `assessments.jsonl`, `statements.jsonl`, ... Returns the paths written.
    ///
    /// # Errors
    /// The first I/O error.
    pub fn write_jsonl_dir(&self, dir: &Path) -> io::Result<Vec<PathBuf>> {
        self.write_dir(dir, true)
    }

    fn write_dir(&self, dir: &Path, jsonl: bool) -> io::Result<Vec<PathBuf>> {
        fn one<R: Row>(dir: &Path, jsonl: bool, rows: &[R]) -> io::Result<PathBuf> {
            let path = dir
                .join(R::NAME)
                .with_extension(if jsonl { "jsonl" } else { "csv" });
            let mut out = io::BufWriter::new(std::fs::File::create(&path)?);
            if jsonl {
                write_jsonl(&mut out, rows)?;
            } else {
                write_csv(&mut out, rows)?;
            }
            out.flush()?;
            Ok(path)
        }
        Ok(vec![
            one(dir, jsonl, &self.assessments)?,
            one(dir, jsonl, &self.statements)?,
            one(dir, jsonl, &self.metrics)?,
            one(dir, jsonl, &self.findings)?,
            one(dir, jsonl, &self.warnings)?,
        ])
    }
}

/// Writes rows as CSV with a header line, also when there are no rows. Pass a buffered writer.
///
/// # Errors
/// The writer's I/O error (its [`io::ErrorKind`] kept, so a closed pipe is `BrokenPipe`).
pub fn write_csv<R: Row>(writer: impl Write, rows: &[R]) -> io::Result<()> {
    let mut csv = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(writer);
    csv.write_record(R::COLUMNS).map_err(csv_io)?;
    for row in rows {
        csv.serialize(row).map_err(csv_io)?;
    }
    csv.flush()
}

/// Writes rows as JSON lines: one object per row, keys in column order. Pass a buffered
/// writer.
///
/// # Errors
/// The writer's I/O error (its [`io::ErrorKind`] kept).
pub fn write_jsonl<R: Row>(mut writer: impl Write, rows: &[R]) -> io::Result<()> {
    for row in rows {
        serde_json::to_writer(&mut writer, row)?;
        writer.write_all(b"\n")?;
    }
    writer.flush()
}

/// A csv error as an I/O error, keeping an I/O error's kind.
fn csv_io(error: csv::Error) -> io::Error {
    if !error.is_io_error() {
        return io::Error::other(error);
    }
    match error.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// The statement id, or the part of the report for figures outside the statements.
fn statement_or_part(metric: &Metric) -> &'static str {
    if let Some(statement) = metric.statement {
        return statement.id();
    }
    match metric.part {
        Part::About => PARTS[0],
        Part::FinancialFacts => PARTS[1],
        Part::Experiences => PARTS[2],
        Part::Strengths => PARTS[3],
        Part::Findings => PARTS[4],
    }
}

/// The council's row.
fn assessment_row(who: &Identity<'_>, a: &Assessment) -> AssessmentRow {
    let scores: [Option<u8>; 9] = a.scores().map(|s| s.map(Score::get));
    let overall = a.overall();
    let derived_percent = (overall.scored > 0).then(|| (overall.percent() * 10.0).round() / 10.0);
    let files: Vec<&str> = a.pages().iter().map(|p| p.source.as_str()).collect();
    let [
        assessing_needs,
        supporting_healthier_lives,
        equity_in_experience_and_outcomes,
        care_provision_integration_and_continuity,
        partnerships_and_communities,
        safe_pathways_systems_and_transitions,
        safeguarding,
        governance_management_and_sustainability,
        learning_improvement_and_innovation,
    ] = scores;
    AssessmentRow {
        authority: who.name(),
        ons_code: who.authority.map(|c| c.ons_code.clone()),
        region: who.authority.map(|c| c.region.title()),
        kind: who.authority.map(|c| c.kind.id()),
        published: a.published(),
        rating: a.rating(),
        overall_score: a.printed_score(),
        statements_covered: a.coverage().count(),
        assessing_needs,
        supporting_healthier_lives,
        equity_in_experience_and_outcomes,
        care_provision_integration_and_continuity,
        partnerships_and_communities,
        safe_pathways_systems_and_transitions,
        safeguarding,
        governance_management_and_sustainability,
        learning_improvement_and_innovation,
        derived_percent,
        derived_rating: a.derived_rating(),
        partial: a.is_partial() || overall.scored == 0,
        files: files.join(";"),
        derived_score: a.out_of_100(),
    }
}

/// A row per statement the pages cover, in framework order, from the page holding it.
fn statement_rows(who: &Identity<'_>, a: &Assessment) -> Vec<StatementRow> {
    QualityStatement::ALL
        .into_iter()
        .filter_map(|qs| {
            let page = a.page_of(qs)?;
            let statement = page.report.statement(qs)?;
            Some(StatementRow {
                authority: who.name(),
                statement: qs.id(),
                theme: qs.theme().id(),
                score: a.score(qs).map(Score::get),
                descriptor: statement
                    .section
                    .as_ref()
                    .and_then(|s| s.descriptor.as_ref())
                    .map(|d| d.text.text.clone()),
                file: page.source.clone(),
            })
        })
        .collect()
}

fn metric_row(who: &Identity<'_>, file: &str, m: &Metric) -> MetricRow {
    let canonical = m.measure.canonical;
    let span = m.figure_span.or(m.span);
    let gaps = m.gaps();
    let comparator = m.comparator.as_ref();
    let source = m.source.as_ref();
    MetricRow {
        authority: who.name(),
        ons_code: who.authority.map(|a| a.ons_code.clone()),
        statement: statement_or_part(m),
        subheading: m.subheading.as_deref().map(str::to_owned),
        measure_id: canonical.map(|d| d.id),
        measure_name: canonical.map(|d| d.name),
        ascof: canonical
            .map(|d| d.ascof().join(";"))
            .filter(|s| !s.is_empty()),
        value: Some(m.value),
        unit: m.unit.id(),
        comparator_scope: comparator.map(|c| c.scope.id()),
        comparator_region: comparator.and_then(|c| c.region.clone()),
        comparator_value: comparator.and_then(|c| c.value),
        direction: m.direction.map(Direction::id),
        band: m.band.map(VariationBand::id),
        dataset: source.and_then(|s| s.dataset).map(Dataset::id),
        period: source.and_then(|s| s.period).map(|p| p.to_string()),
        sentence: m.sentence.to_string(),
        file: file.to_owned(),
        byte_start: span.map(|s| s.start),
        byte_end: span.map(|s| s.end),
        measure_text: m.measure.text.clone(),
        lacks: gaps.iter().map(|g| g.id()).collect::<Vec<_>>().join(";"),
        lacks_why: gaps
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("; "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The header a row type's serde form gives, to check against [`Row::COLUMNS`].
    fn serde_header<R: Row>(row: &R) -> Vec<String> {
        let mut csv = csv::Writer::from_writer(Vec::new());
        csv.serialize(row).unwrap();
        let bytes = csv.into_inner().unwrap();
        let text = String::from_utf8(bytes).unwrap();
        text.lines()
            .next()
            .unwrap()
            .split(',')
            .map(str::to_owned)
            .collect()
    }

    const TEXT: &str = "Northmere County Council: local authority assessment\n\
        Assessment published: 14 March 2025\n\
        Overall summary\nLocal authority rating and score\nNorthmere County Council\nGood\n\
        Quality statement scores\nAssessing needs\nScore: 3\nSafeguarding\nScore: 2\n\
        Safeguarding\nScore: 3\n3 - Evidence shows a good standard\n\
        Key findings for this quality statement\nSafe systems\n\
        ASCS data (2023-24) showed 70.1% of people felt safe (England average 71.1%).\n";

    #[test]
    fn columns_are_the_serde_field_names() {
        let a = Assessment::parse(TEXT).unwrap();
        let mut t = Tables::default();
        t.add_assessment(&a);
        assert_eq!(serde_header(&t.assessments[0]), AssessmentRow::COLUMNS);
        assert_eq!(serde_header(&t.statements[0]), StatementRow::COLUMNS);
        assert_eq!(serde_header(&t.metrics[0]), MetricRow::COLUMNS);
        assert_eq!(serde_header(&t.findings[0]), FindingRow::COLUMNS);
        assert_eq!(serde_header(&t.warnings[0]), WarningRow::COLUMNS);
        // The nine score columns are the statement ids, in framework order.
        let ids: Vec<&str> = QualityStatement::ALL.iter().map(|q| q.id()).collect();
        assert_eq!(AssessmentRow::COLUMNS[8..17], ids[..]);
    }

    #[test]
    fn a_section_score_wins_over_a_score_list_and_the_merge_says_so() {
        let a = Assessment::parse(TEXT).unwrap();
        let mut t = Tables::default();
        t.add_assessment(&a);
        let row = &t.assessments[0];
        assert_eq!(row.safeguarding, Some(3));
        assert_eq!(row.assessing_needs, Some(3));
        assert_eq!(row.statements_covered, 2);
        assert_eq!(row.derived_percent, Some(75.0));
        assert_eq!(row.derived_score, Some(75));
        // Two statements make a partial percentage, not a rating.
        assert_eq!(row.derived_rating, None);
        assert!(row.partial);
        // Within one page the parser warns (summary_mismatch); across pages the merge does.
        assert!(t.warnings.iter().any(|w| w.kind == "summary_mismatch"));
        let section = "Northmere County Council: local authority assessment\n\
            Safeguarding\nScore: 1\n";
        let mut pages = crate::assessment::Pages::new();
        pages.parse("a.txt", TEXT).unwrap();
        pages.parse("b.txt", section).unwrap();
        let mut t = Tables::default();
        t.add_assessment(&pages.assemble().unwrap());
        assert_eq!(t.assessments[0].safeguarding, Some(3));
        assert_eq!(t.assessments[0].files, "a.txt;b.txt");
        let w = t
            .warnings
            .iter()
            .find(|w| w.kind == "pages_disagree")
            .unwrap();
        assert_eq!(
            (w.file.as_str(), w.line, w.column),
            ("b.txt", Some(3), Some(1))
        );
        assert!(
            w.message
                == "the score of Safeguarding: 3 in a.txt:13:1 but 1 in b.txt:3:1; both kept, 3 used",
            "{}",
            w.message
        );
    }

    #[test]
    fn a_section_two_pages_print_is_listed_once_and_reported() {
        // The same section again, on a page of its own.
        let section = format!(
            "Northmere County Council: local authority assessment\n{}",
            &TEXT[TEXT.find("Safeguarding\nScore: 3").unwrap()..]
        );
        let mut pages = crate::assessment::Pages::new();
        pages.parse("a.txt", TEXT).unwrap();
        pages.parse("b.txt", &section).unwrap();
        let mut t = Tables::default();
        t.add_assessment(&pages.assemble().unwrap());
        assert_eq!(t.metrics.len(), 1);
        assert_eq!(t.findings.len(), 1);
        assert_eq!(t.metrics[0].file, "a.txt");
        assert_eq!(t.findings[0].subheading.as_deref(), Some("Safe systems"));
        let kinds: Vec<(&str, &str)> = t
            .warnings
            .iter()
            .map(|w| (w.file.as_str(), w.kind))
            .collect();
        assert_eq!(
            kinds,
            [
                ("a.txt", "summary_mismatch"),
                ("b.txt", "pages_disagree"),
                ("a.txt", "unknown_authority"),
            ]
        );
        assert!(
            t.warnings[1]
                .message
                .starts_with("a second section for Safeguarding: b.txt:3:1 repeats a.txt:13:1"),
            "{}",
            t.warnings[1].message
        );
    }

    #[test]
    fn warnings_about_figures_are_rows_with_their_line() {
        let text = "Northmere County Council: local authority assessment\n\
            Safeguarding\nScore: 2\nKey findings for this quality statement\n\
            ASCS data (2023-24) showed fewer people (60.5%) felt safe than the England average \
            (71.1%) (positive variation).\n";
        let mut pages = crate::assessment::Pages::new();
        pages.parse("n.txt", text).unwrap();
        let mut t = Tables::default();
        t.add_assessment(&pages.assemble().unwrap());
        let w = &t.warnings[0];
        assert_eq!(
            (w.file.as_str(), w.line, w.column, w.kind),
            ("n.txt", Some(5), Some(1), "band_contradicts")
        );
        assert!(
            w.message.starts_with("'ascs_feel_safe': 60.5 against 71.1"),
            "{}",
            w.message
        );
        assert_eq!(
            WarningRowKind::find("band_contradicts"),
            Some("band_contradicts")
        );
        // A number read as no figure is reported where it stands, not dropped.
        let text = "Northmere County Council: local authority assessment\n\
            Safeguarding\nScore: 3\nKey findings for this quality statement\n\
            There were 1,120 people waiting. Of these, 310 had been waiting since June.\n";
        let mut pages = crate::assessment::Pages::new();
        pages.parse("n.txt", text).unwrap();
        let mut t = Tables::default();
        t.add_assessment(&pages.assemble().unwrap());
        let w = t
            .warnings
            .iter()
            .find(|w| w.kind == "number_not_read")
            .unwrap();
        assert_eq!((w.line, w.column), (Some(5), Some(44)));
        assert!(w.message.starts_with("'310' has no unit"), "{}", w.message);
    }

    #[test]
    fn every_kind_the_crate_writes_reads_back() {
        let errors = [
            ParseErrorKind::Empty,
            ParseErrorKind::NotAReport,
            ParseErrorKind::InvalidUtf8 { byte: 0xff },
            ParseErrorKind::TooLarge { size: 2, limit: 1 },
        ];
        let span = None;
        let figures = [
            MetricWarning::BandContradicts {
                measure: "ascs_feel_safe",
                value: Decimal::ONE,
                comparator: Decimal::TWO,
                band: VariationBand::Positive,
                span,
            },
            MetricWarning::SameValue {
                value: Decimal::ONE,
                unit: Unit::Percent,
                first: "a".into(),
                second: "b".into(),
                span,
            },
            MetricWarning::ComparatorDisagrees {
                measure: "ascs_feel_safe",
                period: None,
                first: (0, Decimal::ONE),
                second: (1, Decimal::TWO),
            },
            MetricWarning::FiguresNotRead { count: 1, span },
            MetricWarning::NumberNotRead {
                number: "310".into(),
                span,
            },
        ];
        assert_eq!(
            figures.iter().map(MetricWarning::id).collect::<Vec<_>>(),
            MetricWarning::IDS
        );
        for kind in errors
            .iter()
            .map(error_id)
            .chain(WarningKind::IDS)
            .chain(MetricWarning::IDS)
        {
            assert_eq!(WarningRowKind::find(kind), Some(kind));
        }
        assert_eq!(WarningRowKind::find("rating"), None);
        assert_eq!(
            StatementOrPart::find("financial_facts"),
            Some("financial_facts")
        );
        assert_eq!(StatementOrPart::find("safeguarding"), Some("safeguarding"));
        assert_eq!(Region::find("north_east"), Some("North East"));
    }

    #[test]
    fn rows_read_back_from_json_lines() {
        /// Writes rows as JSON lines and reads them back.
        fn back<R: Row + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug>(rows: &[R]) {
            let mut json = Vec::new();
            write_jsonl(&mut json, rows).unwrap();
            let json = String::from_utf8(json).unwrap();
            let read: Vec<R> = json
                .lines()
                .map(|l| serde_json::from_str(l).unwrap())
                .collect();
            assert_eq!(read, rows);
        }
        let a = Assessment::parse(TEXT).unwrap();
        let mut t = Tables::default();
        t.add_assessment(&a);
        back(&t.assessments);
        back(&t.statements);
        back(&t.metrics);
        back(&t.findings);
        back(&t.warnings);
        let err = serde_json::from_str::<StatementRow>(
            r#"{"authority":null,"statement":"safe_guarding","theme":"leadership","score":3,"descriptor":null,"file":"n.txt"}"#,
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown quality statement 'safe_guarding' at line 1 column 45"
        );
    }

    #[test]
    fn values_are_numbers_in_json_and_as_printed_in_csv() {
        let a = Assessment::parse(TEXT).unwrap();
        let mut t = Tables::default();
        t.add_assessment(&a);
        let mut json = Vec::new();
        write_jsonl(&mut json, &t.metrics).unwrap();
        let json = String::from_utf8(json).unwrap();
        assert!(json.contains(r#""value":70.1,"unit":"percent""#), "{json}");
        assert_eq!(json.lines().count(), 1);
        let mut csv = Vec::new();
        write_csv(&mut csv, &t.warnings[..0]).unwrap();
        assert_eq!(
            String::from_utf8(csv).unwrap(),
            "file,line,column,kind,message,level\n"
        );
    }
}
