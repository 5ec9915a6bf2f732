//! Metric statistics across a cohort, on a neutral input record ([`MetricObservation`]) so
//! that any source of metric values (parsed reports, a spreadsheet) can feed them.
//!
//! Figures are grouped by **measure and period** (and unit): a 2019-20 figure and a 2023-24
//! figure of the same measure are two tables, two spine chart rows and two measures for metric
//! neighbours, never one pool. A figure whose period is not stated is a group of its own.

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::io::Write;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::Cohort;
use super::csv::{CsvError, CsvTable};
use super::group::Group;
use super::rank::{Standing, Summary};
use super::record::ScoreRecord;
use crate::assessment::{Assessment, AssessmentError};
use crate::identity::Authority;
use crate::model::{
    Comparator, Dataset, Metric, Period, Polarity, Scope, Unit, Verdict, group_thousands,
};

/// One authority's value for one canonical measure in one period: the neutral input of the
/// cohort's metric statistics and the spine chart.
///
/// # Examples
/// ```
/// use cqc_la::Period;
/// use cqc_la::metrics::{Polarity, Unit, Verdict};
/// use cqc_la::cohort::MetricObservation;
/// let o = MetricObservation::new("Camden", "ascs_feel_safe", "Users who feel safe", 63.93)
///     .with_england(71.06)
///     .with_polarity(Polarity::HigherIsBetter)
///     .with_verdict(Verdict::Worse)
///     .with_period("2023-24".parse::<Period>().unwrap())
///     .with_unit(Unit::Percent);
/// assert_eq!(o.ons_code.as_deref(), Some("E09000007"));
/// assert_eq!(o.figure(), "63.93%");
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MetricObservation {
    /// The authority's name as given.
    pub authority: String,
    /// Its ONS code, when the name resolves.
    pub ons_code: Option<String>,
    /// The canonical measure id, e.g. `"ascs_feel_safe"`.
    pub measure: String,
    /// The measure's name for tables.
    pub name: String,
    /// The value.
    pub value: f64,
    /// The value as printed (`70.0` keeps its precision), when known.
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::float_option"))]
    pub printed: Option<Decimal>,
    /// The unit (percent, days, rate, count, ...), when known.
    pub unit: Option<Unit>,
    /// The period the figure covers, as the source states it, when known.
    pub period: Option<Period>,
    /// The dataset it comes from, when named.
    pub source: Option<Dataset>,
    /// The comparator the report sets it against: scope (England, national, regional with the
    /// region, unspecified) and value as printed.
    pub comparator: Option<Comparator>,
    /// The England (or national) average the report cites, if any.
    pub england: Option<f64>,
    /// Which way is better.
    pub polarity: Polarity,
    /// The report's judgement against England, if any.
    pub verdict: Option<Verdict>,
}

impl MetricObservation {
    /// An observation with no England value, no judgement, no unit, period or source and
    /// polarity [`Polarity::NoJudgement`]; the authority is resolved with
    /// [`Authority::resolve`].
    pub fn new(
        authority: impl Into<String>,
        measure: impl Into<String>,
        name: impl Into<String>,
        value: f64,
    ) -> MetricObservation {
        let authority = authority.into();
        let ons_code = Authority::lookup(&authority).map(|a| a.ons_code.clone());
        MetricObservation {
            authority,
            ons_code,
            measure: measure.into(),
            name: name.into(),
            value,
            printed: None,
            unit: None,
            period: None,
            source: None,
            comparator: None,
            england: None,
            polarity: Polarity::NoJudgement,
            verdict: None,
        }
    }

    /// Sets the England average (and an England comparator with no printed value, unless one
    /// is set).
    #[must_use]
    pub fn with_england(mut self, england: f64) -> MetricObservation {
        self.england = Some(england);
        if self.comparator.is_none() {
            self.comparator = Some(Comparator {
                scope: Scope::England,
                region: None,
                value: shortest_decimal(england),
            });
        }
        self
    }

    /// Sets the polarity.
    #[must_use]
    pub fn with_polarity(mut self, polarity: Polarity) -> MetricObservation {
        self.polarity = polarity;
        self
    }

    /// Sets the judgement.
    #[must_use]
    pub fn with_verdict(mut self, verdict: Verdict) -> MetricObservation {
        self.verdict = Some(verdict);
        self
    }

    /// Sets the period.
    #[must_use]
    pub fn with_period(mut self, period: Period) -> MetricObservation {
        self.period = Some(period);
        self
    }

    /// Sets the unit.
    #[must_use]
    pub fn with_unit(mut self, unit: Unit) -> MetricObservation {
        self.unit = Some(unit);
        self
    }

    /// Sets the dataset.
    #[must_use]
    pub fn with_source(mut self, source: Dataset) -> MetricObservation {
        self.source = Some(source);
        self
    }

    /// Sets the comparator (and the England average when it is England's or national).
    #[must_use]
    pub fn with_comparator(mut self, comparator: Comparator) -> MetricObservation {
        if comparator.scope.is_england() {
            self.england = comparator.value.and_then(|v| v.to_f64());
        }
        self.comparator = Some(comparator);
        self
    }

    /// The value as printed with its unit: `70.0%`, `206 days`, `0.22 (rate)`, `38 (count)`,
    /// `642 people`, `£1,250`; the bare number when the unit is unknown.
    pub fn figure(&self) -> String {
        figure(self.printed, self.value, self.unit)
    }

    /// The observation of one extracted metric about `authority`, if the metric is a canonical
    /// measure (see [`MeasureDef::catalogue`](crate::metrics::MeasureDef::catalogue)): the
    /// value as printed, unit, period, dataset and comparator as the report gives them. The
    /// England value is taken only from an England (or national) comparator, and the verdict
    /// ([`Metric::judgement`]) only when it is against that comparator.
    pub fn from_metric(authority: &str, metric: &Metric) -> Option<MetricObservation> {
        let def = metric.measure.canonical?;
        let value = metric.value.to_f64()?;
        let mut observation = MetricObservation::new(authority, def.id, def.name, value);
        observation.polarity = def.polarity;
        observation.printed = Some(metric.value);
        observation.unit = Some(metric.unit);
        observation.period = metric.source.and_then(|s| s.period);
        observation.source = metric.source.and_then(|s| s.dataset);
        observation.comparator.clone_from(&metric.comparator);
        if let Some(comparator) = metric.comparator.as_ref().filter(|c| c.scope.is_england()) {
            observation.england = comparator.value.and_then(|v| v.to_f64());
            observation.verdict = metric.judgement().map(|j| j.verdict);
        }
        Some(observation)
    }

    /// The observations of every canonical measure an assessment cites (see
    /// [`MetricObservation::from_metric`]), for its council.
    ///
    /// # Errors
    /// [`AssessmentError::Unnamed`] when the assessment names no council: its figures could not
    /// be told apart from another council's.
    ///
    /// # Examples
    /// ```
    /// use cqc_la::Assessment;
    /// use cqc_la::metrics::Verdict;
    /// use cqc_la::cohort::MetricObservation;
    /// let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/reports/northmere.txt");
    /// let northmere = Assessment::parse(&std::fs::read_to_string(path).unwrap()).unwrap();
    /// let observations = MetricObservation::from_assessment(&northmere).unwrap();
    /// let turnover = observations.iter().find(|o| o.measure == "sfc_staff_turnover").unwrap();
    /// assert_eq!((turnover.value, turnover.england), (0.22, Some(0.25)));
    /// assert_eq!(turnover.verdict, Some(Verdict::Better));
    /// ```
    pub fn from_assessment(
        assessment: &Assessment,
    ) -> Result<Vec<MetricObservation>, AssessmentError> {
        let authority = assessment.authority().ok_or(AssessmentError::Unnamed)?;
        Ok(assessment
            .metrics()
            .iter()
            .filter_map(|m| MetricObservation::from_metric(authority, m))
            .collect())
    }

    /// Reads observations from CSV with the columns `authority, measure, value` and, optionally,
    /// `name` (defaults to the measure id), `england`, `polarity` (`higher_is_better`,
    /// `lower_is_better`, `no_judgement`), `verdict` (`better`, `similar`, `worse`), `period`
    /// (`2023-24` in any spelling, `2021`, `2021-2023`, `October 2024`), `unit` (`percent`,
    /// `rate`, `days`, `weeks`, `months`, `people`, `count`, `years`, `gbp`, `per_100k`),
    /// `source` (a dataset: `ascs`, `sace`, `salt`, ... or its short name) and `comparator`
    /// (`england`, `national`, `regional`, `unspecified`) with `region` and `comparator_value`,
    /// in any order. Blank optional cells stay unknown. The value keeps its printed form
    /// (`70.0`).
    ///
    /// # Errors
    /// [`CsvError`] with the line number for a missing column, a value that is not a number,
    /// an unknown polarity, verdict, period, unit, source or comparator, or malformed CSV.
    ///
    /// # Examples
    /// ```
    /// use cqc_la::metrics::{Polarity, Verdict};
    /// use cqc_la::cohort::MetricObservation;
    /// let csv = "authority,measure,value,england,polarity,verdict,period,unit\n\
    ///            Camden,ascs_feel_safe,63.90,71.06,higher_is_better,worse,2023/24,percent\n";
    /// let obs = MetricObservation::read_csv(csv.as_bytes()).unwrap();
    /// assert_eq!(obs[0].england, Some(71.06));
    /// assert_eq!(obs[0].verdict, Some(Verdict::Worse));
    /// assert_eq!(obs[0].polarity, Polarity::HigherIsBetter);
    /// assert_eq!(obs[0].period.unwrap().to_string(), "2023-24");
    /// assert_eq!(obs[0].figure(), "63.90%");
    /// let bad = MetricObservation::read_csv("authority,measure,value\nKent,x,high\n".as_bytes());
    /// assert_eq!(bad.unwrap_err().to_string(), "line 2: expected a number in column 'value', found 'high'");
    /// ```
    pub fn read_csv(reader: impl std::io::Read) -> Result<Vec<MetricObservation>, CsvError> {
        read_observations(reader, "<reader>")
    }

    /// Reads observations from a CSV file (see [`MetricObservation::read_csv`]).
    ///
    /// # Errors
    /// As [`MetricObservation::read_csv`], plus [`CsvError::Io`] when the file cannot be read.
    pub fn read_csv_path(
        path: impl AsRef<std::path::Path>,
    ) -> Result<Vec<MetricObservation>, CsvError> {
        let path = path.as_ref();
        read_observations(super::csv::open(path)?, &path.display().to_string())
    }

    /// Whether this observation is about the record's authority.
    pub fn is_for(&self, record: &ScoreRecord) -> bool {
        match (&self.ons_code, record.ons_code()) {
            (Some(a), Some(b)) => a == b,
            _ => self
                .authority
                .trim()
                .eq_ignore_ascii_case(record.name.trim()),
        }
    }

    /// The key that identifies the authority: ONS code, else the lowercased name.
    pub(crate) fn authority_key(&self) -> String {
        self.ons_code
            .clone()
            .unwrap_or_else(|| self.authority.trim().to_lowercase())
    }
}

/// The shortest decimal that reads back as `value` (`71.06`, not the binary float's
/// `71.0600000000000022737...`); `None` for values a decimal cannot hold.
fn shortest_decimal(value: f64) -> Option<Decimal> {
    format!("{value}").parse().ok()
}

/// A value with its unit, from its printed form when known.
fn figure(printed: Option<Decimal>, value: f64, unit: Option<Unit>) -> String {
    let number = printed.map_or_else(|| format!("{value}"), |d| d.to_string());
    match unit {
        None => number,
        Some(Unit::Percent) => format!("{number}%"),
        Some(Unit::Rate) => format!("{number} (rate)"),
        Some(Unit::Count) => format!("{number} (count)"),
        Some(Unit::Pounds) => match printed.or_else(|| shortest_decimal(value)) {
            Some(d) => format!("£{}", group_thousands(d)),
            None => format!("£{number}"),
        },
        Some(Unit::Per100000) => format!("{number} per 100,000"),
        Some(unit) => format!("{number} {unit}"),
    }
}

/// Every comparator scope, for reading CSV.
const SCOPES: [Scope; 4] = [
    Scope::England,
    Scope::National,
    Scope::Regional,
    Scope::Unspecified,
];

// One reader for every optional column: it reads best as one routine.
#[allow(clippy::too_many_lines)]
fn read_observations(
    reader: impl std::io::Read,
    source: &str,
) -> Result<Vec<MetricObservation>, CsvError> {
    let mut table = CsvTable::open(reader, source)?;
    let find = |name: &str| table.find(name);
    let required = |name: &str| table.required(name);
    let (authority, measure, value) = (
        required("authority")?,
        required("measure")?,
        required("value")?,
    );
    let (name, england, polarity, verdict) = (
        find("name"),
        find("england"),
        find("polarity"),
        find("verdict"),
    );
    let (period, unit, dataset) = (find("period"), find("unit"), find("source"));
    let (comparator, region, comparator_value) =
        (find("comparator"), find("region"), find("comparator_value"));
    let mut out = Vec::new();
    for row in table.rows() {
        let (line, row) = row?;
        let cell = |i: Option<usize>| i.and_then(|i| row.get(i)).unwrap_or("");
        let invalid = |column: &str, expected: &'static str, found: &str| CsvError::InvalidValue {
            line,
            column: column.to_owned(),
            expected,
            found: found.to_owned(),
        };
        let number = |column: &str, text: &str| {
            text.parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
                .ok_or_else(|| invalid(column, "a number", text))
        };
        let who = cell(Some(authority));
        let id = cell(Some(measure));
        if who.is_empty() {
            return Err(invalid("authority", "an authority name", who));
        }
        if id.is_empty() {
            return Err(invalid("measure", "a measure id", id));
        }
        let label = match cell(name) {
            "" => id,
            label => label,
        };
        let text = cell(Some(value));
        let mut o = MetricObservation::new(who, id, label, number("value", text)?);
        o.printed = text.parse::<Decimal>().ok();
        let text = cell(england);
        if !text.is_empty() {
            o = o.with_england(number("england", text)?);
            if let Ok(printed) = text.parse::<Decimal>() {
                if let Some(c) = o.comparator.as_mut() {
                    c.value = Some(printed);
                }
            }
        }
        let text = cell(polarity);
        if !text.is_empty() {
            o.polarity = match text.to_ascii_lowercase().replace([' ', '-'], "_").as_str() {
                "higher_is_better" | "higher" | "up" => Polarity::HigherIsBetter,
                "lower_is_better" | "lower" | "down" => Polarity::LowerIsBetter,
                "no_judgement" | "none" | "context" => Polarity::NoJudgement,
                _ => {
                    return Err(invalid(
                        "polarity",
                        "higher_is_better, lower_is_better or no_judgement",
                        text,
                    ));
                }
            };
        }
        let text = cell(verdict);
        if !text.is_empty() {
            o.verdict = Some(match text.to_ascii_lowercase().as_str() {
                "better" => Verdict::Better,
                "similar" => Verdict::Similar,
                "worse" => Verdict::Worse,
                _ => return Err(invalid("verdict", "better, similar or worse", text)),
            });
        }
        let text = cell(period);
        if !text.is_empty() {
            o.period = Some(text.parse::<Period>().map_err(|_| {
                invalid(
                    "period",
                    "a period such as 2023-24, 2021, 2021-2023 or October 2024",
                    text,
                )
            })?);
        }
        let text = cell(unit);
        if !text.is_empty() {
            let lower = text.to_ascii_lowercase();
            o.unit = Some(
                Unit::ALL
                    .into_iter()
                    .find(|u| u.id() == lower || (lower == "%" && *u == Unit::Percent))
                    .ok_or_else(|| {
                        invalid(
                            "unit",
                            "a unit: percent, rate, days, weeks, months, people, count, years, gbp or per_100k",
                            text,
                        )
                    })?,
            );
        }
        let text = cell(dataset);
        if !text.is_empty() {
            let id = text.replace([' ', '-'], "_");
            o.source = Some(
                Dataset::ALL
                    .into_iter()
                    .find(|d| {
                        d.id().eq_ignore_ascii_case(&id)
                            || d.short_name().eq_ignore_ascii_case(text)
                    })
                    .ok_or_else(|| {
                        invalid("source", "a dataset such as ascs, sace or salt", text)
                    })?,
            );
        }
        let text = cell(comparator);
        if !text.is_empty() {
            let scope = SCOPES
                .into_iter()
                .find(|s| s.id().eq_ignore_ascii_case(text))
                .ok_or_else(|| {
                    invalid(
                        "comparator",
                        "england, national, regional or unspecified",
                        text,
                    )
                })?;
            let value_text = cell(comparator_value);
            let value = if value_text.is_empty() {
                None
            } else {
                number("comparator_value", value_text)?;
                value_text.parse::<Decimal>().ok()
            };
            let region = Some(cell(region))
                .filter(|r| !r.is_empty())
                .map(str::to_owned);
            o = o.with_comparator(Comparator {
                scope,
                region,
                value,
            });
        }
        out.push(o);
    }
    Ok(out)
}

/// What figures are grouped by: the measure, the period and the unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct MeasureKey<'a> {
    measure: &'a str,
    period: Option<Period>,
    unit: Option<Unit>,
}

impl<'a> MeasureKey<'a> {
    pub(crate) fn of(o: &'a MetricObservation) -> MeasureKey<'a> {
        MeasureKey {
            measure: o.measure.as_str(),
            period: o.period,
            unit: o.unit,
        }
    }
}

/// One authority's line in a [`MeasureTable`].
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MeasureRow {
    /// The authority's name as given.
    pub authority: String,
    /// Its ONS code when resolved.
    pub ons_code: Option<String>,
    /// The value.
    pub value: f64,
    /// The value as printed, when known.
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::float_option"))]
    pub printed: Option<Decimal>,
    /// The England average its report cites.
    pub england: Option<f64>,
    /// The comparator its report sets it against.
    pub comparator: Option<Comparator>,
    /// The dataset, when named.
    pub source: Option<Dataset>,
    /// `value - england`, in the measure's unit (percentage points for percentages).
    pub vs_england: Option<f64>,
    /// `value - cohort median`.
    pub vs_median: f64,
    /// Where the value stands, better first by the polarity (`None` for no judgement).
    pub standing: Option<Standing>,
    /// The report's judgement against England.
    pub verdict: Option<Verdict>,
}

/// One measure in one period across the cohort: values, median and quartiles, and each
/// authority's deviation from the England average it cites and from the cohort median.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MeasureTable {
    /// The canonical measure id.
    pub measure: String,
    /// Its name (from the first observation).
    pub name: String,
    /// The period every figure of the table covers (`None`: figures whose period is not
    /// stated).
    pub period: Option<Period>,
    /// The unit of every figure of the table, when known.
    pub unit: Option<Unit>,
    /// Which way is better (from the first observation).
    pub polarity: Polarity,
    /// The median of the England values cited for this period.
    pub england: Option<f64>,
    /// Summary of the values.
    pub summary: Summary,
    /// One row per authority (the first observation of each), in input order.
    pub rows: Vec<MeasureRow>,
}

impl MeasureTable {
    /// The row of the authority a name resolves to.
    pub fn row(&self, name: &str) -> Option<&MeasureRow> {
        super::row_named(&self.rows, name, |r| (r.ons_code.as_deref(), &r.authority))
    }

    /// A row's figure as printed, with the table's unit: `70.0%`, `206 days`, `0.10 (rate)`.
    pub fn figure(&self, row: &MeasureRow) -> String {
        figure(row.printed, row.value, self.unit)
    }

    /// The England average a row's report cites, as printed, with the table's unit.
    pub fn england_figure(&self, row: &MeasureRow) -> Option<String> {
        let england = row.england?;
        let printed = row
            .comparator
            .as_ref()
            .filter(|c| c.scope.is_england())
            .and_then(|c| c.value);
        Some(figure(printed, england, self.unit))
    }

    /// The period as tables print it: `2023-24`, or `period not stated`.
    pub fn period_text(&self) -> String {
        self.period
            .map_or_else(|| "period not stated".to_owned(), |p| p.to_string())
    }
}

/// Why [`MetricTables::table`] gives no single table.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MetricTableError {
    /// No figure of the measure.
    #[error("no figures for '{measure}'")]
    NoSuchMeasure {
        /// The measure asked for.
        measure: String,
    },
    /// The measure has figures for several periods (or units), which are not pooled.
    #[error(
        "'{measure}' has figures for {} periods ({}): they are not pooled; pick one with table_for",
        .periods.len(),
        periods_text(.periods)
    )]
    MixedPeriods {
        /// The measure asked for.
        measure: String,
        /// Its periods (`None`: not stated), in order.
        periods: Vec<Option<Period>>,
    },
}

fn periods_text(periods: &[Option<Period>]) -> String {
    periods
        .iter()
        .map(|p| p.map_or_else(|| "not stated".to_owned(), |p| p.to_string()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Statistics of every measure observed in a cohort, one table per measure and period (and
/// unit), ordered by measure id, then period.
///
/// # Examples
/// ```
/// use cqc_la::{Cohort, Period};
/// use cqc_la::metrics::Polarity;
/// use cqc_la::cohort::MetricObservation;
/// let mut cohort = Cohort::new("three");
/// for (name, value) in [("Camden", 60.0), ("Islington", 70.0), ("Westminster", 80.0)] {
///     cohort.add_metrics([MetricObservation::new(name, "ascs_feel_safe", "Feel safe", value)
///         .with_england(71.0)
///         .with_polarity(Polarity::HigherIsBetter)]);
/// }
/// let tables = cohort.metric_tables();
/// let safe = tables.table("ascs_feel_safe").unwrap();
/// assert_eq!(safe.summary.median, 70.0);
/// let camden = safe.row("Camden").unwrap();
/// assert_eq!((camden.vs_england, camden.vs_median), (Some(-11.0), -10.0));
/// assert_eq!(camden.standing.unwrap().rank, 3);
///
/// // A figure of another period is another table, never pooled.
/// let older: Period = "2019-20".parse().unwrap();
/// cohort.add_metrics([MetricObservation::new("Kent", "ascs_feel_safe", "Feel safe", 90.0)
///     .with_period(older)]);
/// let tables = cohort.metric_tables();
/// assert!(tables.table("ascs_feel_safe").is_err());
/// assert_eq!(tables.table_for("ascs_feel_safe", None).unwrap().rows.len(), 3);
/// assert_eq!(tables.table_for("ascs_feel_safe", Some(older)).unwrap().rows.len(), 1);
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MetricTables {
    /// The cohort's name.
    pub cohort: String,
    /// One table per measure and period.
    pub tables: Vec<MeasureTable>,
}

impl MetricTables {
    /// The one table of a measure.
    ///
    /// # Errors
    /// [`MetricTableError::NoSuchMeasure`] when nothing cites it;
    /// [`MetricTableError::MixedPeriods`] when it has figures for more than one period (or
    /// unit): they are never pooled, so ask for one with [`MetricTables::table_for`].
    pub fn table(&self, measure: &str) -> Result<&MeasureTable, MetricTableError> {
        let mut tables = self.tables_of(measure);
        match (tables.next(), tables.next()) {
            (Some(table), None) => Ok(table),
            (None, _) => Err(MetricTableError::NoSuchMeasure {
                measure: measure.to_owned(),
            }),
            (Some(_), Some(_)) => Err(MetricTableError::MixedPeriods {
                measure: measure.to_owned(),
                periods: self.periods_of(measure),
            }),
        }
    }

    /// The table of a measure in one period (`None`: the figures whose period is not stated);
    /// the first by unit when a period has figures in several units.
    pub fn table_for(&self, measure: &str, period: Option<Period>) -> Option<&MeasureTable> {
        self.tables_of(measure).find(|t| t.period == period)
    }

    /// Every table of a measure, by period.
    pub fn tables_of<'a, 'm>(
        &'a self,
        measure: &'m str,
    ) -> impl Iterator<Item = &'a MeasureTable> + use<'a, 'm> {
        self.tables.iter().filter(move |t| t.measure == measure)
    }

    /// The periods a measure has figures for, in order (`None`: not stated).
    pub fn periods_of(&self, measure: &str) -> Vec<Option<Period>> {
        let mut periods: Vec<Option<Period>> = self.tables_of(measure).map(|t| t.period).collect();
        periods.dedup();
        periods
    }

    /// The measures with figures for more than one period (or unit), each shown per period.
    pub fn mixed(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for w in self.tables.windows(2) {
            if w[0].measure == w[1].measure && out.last() != Some(&w[0].measure.as_str()) {
                out.push(&w[0].measure);
            }
        }
        out
    }

    /// Writes every row of every table as CSV: `measure, name, authority, ons_code, value,
    /// england, vs_england, cohort_median, vs_median, lower_quartile, upper_quartile, position,
    /// percentile, verdict, period, unit, source, comparator, region, comparator_value`. The
    /// median and quartiles are those of the row's measure and period.
    ///
    /// # Errors
    /// [`CsvError::Write`] when the writer fails.
    pub fn write_csv(&self, writer: impl Write) -> Result<(), CsvError> {
        let mut csv = csv::Writer::from_writer(writer);
        csv.write_record([
            "measure",
            "name",
            "authority",
            "ons_code",
            "value",
            "england",
            "vs_england",
            "cohort_median",
            "vs_median",
            "lower_quartile",
            "upper_quartile",
            "position",
            "percentile",
            "verdict",
            "period",
            "unit",
            "source",
            "comparator",
            "region",
            "comparator_value",
        ])
        .map_err(|e| CsvError::write(&e))?;
        let num = |v: Option<f64>| v.map(|v| format!("{v}")).unwrap_or_default();
        for t in &self.tables {
            for r in &t.rows {
                let value = r
                    .printed
                    .map_or_else(|| num(Some(r.value)), |d| d.to_string());
                let comparator = r.comparator.as_ref();
                csv.write_record([
                    t.measure.clone(),
                    t.name.clone(),
                    r.authority.clone(),
                    r.ons_code.clone().unwrap_or_default(),
                    value,
                    num(r.england),
                    num(r.vs_england),
                    num(Some(t.summary.median)),
                    num(Some(r.vs_median)),
                    num(Some(t.summary.lower_quartile)),
                    num(Some(t.summary.upper_quartile)),
                    r.standing.map(|s| s.position()).unwrap_or_default(),
                    r.standing
                        .map(|s| format!("{:.1}", s.percentile))
                        .unwrap_or_default(),
                    r.verdict.map(Verdict::title).unwrap_or_default().to_owned(),
                    t.period.map(|p| p.to_string()).unwrap_or_default(),
                    t.unit.map(|u| u.id().to_owned()).unwrap_or_default(),
                    r.source.map(|d| d.id().to_owned()).unwrap_or_default(),
                    comparator
                        .map(|c| c.scope.id().to_owned())
                        .unwrap_or_default(),
                    comparator
                        .and_then(|c| c.region.clone())
                        .unwrap_or_default(),
                    comparator
                        .and_then(|c| c.value)
                        .map(|v| v.to_string())
                        .unwrap_or_default(),
                ])
                .map_err(|e| CsvError::write(&e))?;
            }
        }
        csv.flush().map_err(|e| CsvError::write(&e))
    }
}

impl Cohort {
    /// Statistics of every measure in [`Cohort::metrics`], one table per measure and period
    /// (and unit): figures of different periods are never pooled. One row per authority (the
    /// first observation wins when an authority cites a measure twice for the same period);
    /// standings by the polarity of the first observation, none for
    /// [`Polarity::NoJudgement`]. NaN values are skipped.
    pub fn metric_tables(&self) -> MetricTables {
        let mut by_measure: BTreeMap<MeasureKey<'_>, Vec<&MetricObservation>> = BTreeMap::new();
        for o in self.metrics.iter().filter(|o| !o.value.is_nan()) {
            by_measure.entry(MeasureKey::of(o)).or_default().push(o);
        }
        let tables = by_measure
            .into_iter()
            .filter_map(|(key, observations)| {
                let mut seen = HashSet::new();
                let observations: Vec<&MetricObservation> = observations
                    .into_iter()
                    .filter(|o| seen.insert(o.authority_key()))
                    .collect();
                let first = observations.first()?;
                let summary = Summary::of(observations.iter().map(|o| o.value))?;
                let england =
                    Summary::of(observations.iter().filter_map(|o| o.england)).map(|s| s.median);
                let values: Vec<Option<f64>> = observations.iter().map(|o| Some(o.value)).collect();
                let standings = match first.polarity {
                    Polarity::HigherIsBetter => Standing::rank(&values),
                    Polarity::LowerIsBetter => Standing::rank_ascending(&values),
                    Polarity::NoJudgement => vec![None; values.len()],
                };
                let rows = observations
                    .iter()
                    .zip(standings)
                    .map(|(o, standing)| MeasureRow {
                        authority: o.authority.clone(),
                        ons_code: o.ons_code.clone(),
                        value: o.value,
                        printed: o.printed,
                        england: o.england,
                        comparator: o.comparator.clone(),
                        source: o.source,
                        vs_england: o.england.map(|e| o.value - e),
                        vs_median: o.value - summary.median,
                        standing,
                        verdict: o.verdict,
                    })
                    .collect();
                Some(MeasureTable {
                    measure: key.measure.to_owned(),
                    name: first.name.clone(),
                    period: key.period,
                    unit: key.unit,
                    polarity: first.polarity,
                    england,
                    summary,
                    rows,
                })
            })
            .collect();
        MetricTables {
            cohort: self.name.clone(),
            tables,
        }
    }
}

fn opt(value: Option<f64>, decimals: usize) -> String {
    value.map_or_else(|| "-".to_owned(), |v| format!("{v:.decimals$}"))
}

impl fmt::Display for MetricTables {
    /// One line per measure and period: period, unit, count, England, min, quartiles, median,
    /// max; then which measures have figures for several periods (shown per period).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "Metrics across {}", self.cohort)?;
        let width = self
            .tables
            .iter()
            .map(|t| t.name.chars().count())
            .max()
            .unwrap_or(0)
            .max(7);
        let period_width = self
            .tables
            .iter()
            .map(|t| t.period_text().chars().count())
            .max()
            .unwrap_or(0)
            .max(6);
        writeln!(
            f,
            "{:<width$}  {:<period_width$}  {:<8}  {:>3}  {:>8}  {:>8}  {:>8}  {:>8}  {:>8}  {:>8}",
            "Measure", "Period", "Unit", "n", "England", "min", "q1", "median", "q3", "max"
        )?;
        for t in &self.tables {
            let s = t.summary;
            writeln!(
                f,
                "{:<width$}  {:<period_width$}  {:<8}  {:>3}  {:>8}  {:>8.2}  {:>8.2}  {:>8.2}  {:>8.2}  {:>8.2}",
                t.name,
                t.period_text(),
                t.unit.map_or("-", Unit::id),
                s.count,
                opt(t.england, 2),
                s.min,
                s.lower_quartile,
                s.median,
                s.upper_quartile,
                s.max
            )?;
        }
        let mixed = self.mixed();
        if !mixed.is_empty() {
            writeln!(
                f,
                "Figures for several periods, shown per period and never pooled: {}",
                mixed.join(", ")
            )?;
        }
        Ok(())
    }
}

impl fmt::Display for MeasureTable {
    /// The measure, period and summary, then one line per authority.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} ({}, {}{}): {}; England {}",
            self.name,
            self.measure,
            self.period_text(),
            self.unit.map(|u| format!(", {u}")).unwrap_or_default(),
            self.summary,
            opt(self.england, 2)
        )?;
        let width = self
            .rows
            .iter()
            .map(|r| r.authority.chars().count())
            .max()
            .unwrap_or(0)
            .max(9);
        writeln!(
            f,
            "{:<width$}  {:>12}  {:>8}  {:>8}  {:>8}  {:<22}  Verdict",
            "Authority", "Value", "England", "vs Eng", "vs med", "Position"
        )?;
        for r in &self.rows {
            writeln!(
                f,
                "{:<width$}  {:>12}  {:>8}  {:>8}  {:>+8.2}  {:<22}  {}",
                r.authority,
                figure(r.printed, r.value, self.unit),
                opt(r.england, 2),
                r.vs_england
                    .map_or_else(|| "-".to_owned(), |v| format!("{v:+.2}")),
                r.vs_median,
                r.standing.map_or_else(|| "-".to_owned(), |s| s.to_string()),
                r.verdict.map_or("-", Verdict::title),
            )?;
        }
        Ok(())
    }
}

/// A second reference beside England on a spine chart row: the regional average the report
/// cites, or the median of a group (a region, peers) in the cohort.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Marker {
    /// What it is, e.g. `"North East average"` or `"Peers of Camden median (n=7)"`.
    pub label: String,
    /// The value.
    pub value: f64,
    /// The value as printed, when the report printed it.
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::float_option"))]
    pub printed: Option<Decimal>,
}

/// One measure in one period in a [`SpineChart`].
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SpineRow {
    /// The measure id.
    pub measure: String,
    /// The measure's name.
    pub name: String,
    /// The period of the figure (`None`: not stated).
    pub period: Option<Period>,
    /// The unit, when known.
    pub unit: Option<Unit>,
    /// The dataset, when named.
    pub source: Option<Dataset>,
    /// Which way is better.
    pub polarity: Polarity,
    /// The authority's value.
    pub value: f64,
    /// The value as printed (`70.0` stays `70.0`), when known.
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::float_option"))]
    pub printed: Option<Decimal>,
    /// The England average its report cites (else the median of the England values the
    /// cohort's reports cite for the measure in the same period).
    pub england: f64,
    /// The England average as its report printed it, when it did.
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::float_option"))]
    pub england_printed: Option<Decimal>,
    /// A regional or peer-group value beside England, when there is one.
    pub marker: Option<Marker>,
    /// How many authorities of the cohort have a figure for this measure and period.
    pub count: usize,
    /// The cohort's lowest and highest figure for the measure and period, when at least two
    /// authorities have one.
    pub range: Option<(f64, f64)>,
    /// The cohort's range and quartiles for the measure and period, when at least
    /// [`SpineChart::MIN_FOR_QUARTILES`] authorities have a figure (fewer have no quartiles).
    pub summary: Option<Summary>,
    /// The report's judgement against England.
    pub verdict: Option<Verdict>,
}

impl SpineRow {
    /// The authority's figure with its unit, as printed (`70.0%`, `206 days`, `0.10 (rate)`).
    pub fn figure(&self) -> String {
        figure(self.printed, self.value, self.unit)
    }

    /// England's figure with the unit.
    pub fn england_figure(&self) -> String {
        match self.england_printed {
            Some(d) => figure(Some(d), self.england, self.unit),
            None => figure(
                Decimal::from_f64_retain(self.england).map(|d| d.round_dp(2).normalize()),
                self.england,
                self.unit,
            ),
        }
    }

    /// The marker's figure with the unit.
    pub fn marker_figure(&self) -> Option<String> {
        let m = self.marker.as_ref()?;
        Some(match m.printed {
            Some(d) => figure(Some(d), m.value, self.unit),
            None => figure(
                Decimal::from_f64_retain(m.value).map(|d| d.round_dp(2).normalize()),
                m.value,
                self.unit,
            ),
        })
    }

    /// The measure's name with its period: `Users who feel safe (ASCS 2023-24)`.
    pub fn label(&self) -> String {
        let period = self
            .period
            .map_or_else(|| "period not stated".to_owned(), |p| p.to_string());
        match self.source {
            Some(d) => format!("{} ({d} {period})", self.name),
            None => format!("{} ({period})", self.name),
        }
    }
}

/// One authority's figures, each against England (and a regional or peer marker when there is
/// one) and the cohort's range and quartiles for the same measure and period; render it with
/// [`SpineChart::to_svg`].
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SpineChart {
    /// The authority's name.
    pub authority: String,
    /// The cohort's name.
    pub cohort: String,
    /// The group whose median is the marker, when one was asked for.
    pub group: Option<String>,
    /// One row per measure and period the authority has, by measure id then period.
    pub rows: Vec<SpineRow>,
}

impl SpineChart {
    /// Authorities needed for a row's range and quartiles: with fewer, a row shows the value
    /// against England only (quartiles of two or three values are not quartiles).
    pub const MIN_FOR_QUARTILES: usize = 4;
}

impl MetricTables {
    /// The spine chart of one authority (any name [`Authority::resolve`] accepts): every
    /// measure and period it has a figure for that has an England value (its own report's,
    /// else the median of those the cohort cites for that period) and a polarity; local
    /// figures with no England value (waiting lists) and context measures
    /// ([`Polarity::NoJudgement`], such as demographics) are left out. The marker beside
    /// England is the regional average the report cites, when it cites one. `None` when no
    /// measure qualifies.
    pub fn spine_chart(&self, authority: &str) -> Option<SpineChart> {
        self.chart(authority, None)
    }

    /// The spine chart of one authority with a group's median (a region, its peers from
    /// [`PeerGroups::group`](crate::cohort::PeerGroups::group)) as the marker beside England,
    /// for each measure and period at least one other member of the group has; else the
    /// regional average the report cites (see [`MetricTables::spine_chart`]).
    pub fn spine_chart_against(&self, authority: &str, group: &Group) -> Option<SpineChart> {
        self.chart(authority, Some(group))
    }

    fn chart(&self, authority: &str, group: Option<&Group>) -> Option<SpineChart> {
        let rows: Vec<SpineRow> = self
            .tables
            .iter()
            .filter_map(|t| {
                if t.polarity == Polarity::NoJudgement {
                    return None;
                }
                let row = t.row(authority)?;
                let own_england = row.england;
                let england = own_england.or(t.england)?;
                let england_printed = own_england.and(
                    row.comparator
                        .as_ref()
                        .filter(|c| c.scope.is_england())
                        .and_then(|c| c.value),
                );
                let regional = row
                    .comparator
                    .as_ref()
                    .filter(|c| c.scope == Scope::Regional)
                    .and_then(|c| {
                        Some(Marker {
                            label: format!("{} average", c.region.as_deref().unwrap_or("regional")),
                            value: c.value?.to_f64()?,
                            printed: c.value,
                        })
                    });
                let group_marker = group.and_then(|g| {
                    let values = t.rows.iter().filter(|r| {
                        !std::ptr::eq(*r, row) && g.contains_code(r.ons_code.as_deref())
                    });
                    let summary = Summary::of(values.map(|r| r.value))?;
                    Some(Marker {
                        label: format!("{} median (n={})", g.name, summary.count),
                        value: summary.median,
                        printed: None,
                    })
                });
                Some(SpineRow {
                    measure: t.measure.clone(),
                    name: t.name.clone(),
                    period: t.period,
                    unit: t.unit,
                    source: row.source,
                    polarity: t.polarity,
                    value: row.value,
                    printed: row.printed,
                    england,
                    england_printed,
                    marker: group_marker.or(regional),
                    count: t.summary.count,
                    range: (t.summary.count >= 2).then_some((t.summary.min, t.summary.max)),
                    summary: (t.summary.count >= SpineChart::MIN_FOR_QUARTILES)
                        .then_some(t.summary),
                    verdict: row.verdict,
                })
            })
            .collect();
        if rows.is_empty() {
            return None;
        }
        let name =
            Authority::lookup(authority).map_or_else(|| authority.to_owned(), |a| a.name.clone());
        Some(SpineChart {
            authority: name,
            cohort: self.cohort.clone(),
            group: group.map(|g| g.name.clone()),
            rows,
        })
    }
}

impl fmt::Display for SpineChart {
    /// One line per measure and period: the figure with its unit, England's, the marker's, the
    /// cohort's quartiles (when there are enough figures) and the verdict.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{}: figures against England and {}",
            self.authority, self.cohort
        )?;
        let width = self
            .rows
            .iter()
            .map(|r| r.label().chars().count())
            .max()
            .unwrap_or(0)
            .max(7);
        let marker = self.rows.iter().any(|r| r.marker.is_some());
        write!(
            f,
            "{:<width$}  {:>14}  {:>14}",
            "Measure (source period)", "Value", "England"
        )?;
        if marker {
            write!(f, "  {:>14}", "Marker")?;
        }
        writeln!(
            f,
            "  {:>3}  {:>8}  {:>8}  {:>8}  Verdict",
            "n", "q1", "median", "q3"
        )?;
        let quartile = |r: &SpineRow, q: fn(&Summary) -> f64| {
            r.summary
                .as_ref()
                .map_or_else(|| "-".to_owned(), |s| format!("{:.2}", q(s)))
        };
        for r in &self.rows {
            write!(
                f,
                "{:<width$}  {:>14}  {:>14}",
                r.label(),
                r.figure(),
                r.england_figure()
            )?;
            if marker {
                write!(
                    f,
                    "  {:>14}",
                    r.marker_figure().unwrap_or_else(|| "-".to_owned())
                )?;
            }
            writeln!(
                f,
                "  {:>3}  {:>8}  {:>8}  {:>8}  {}",
                r.count,
                quartile(r, |s| s.lower_quartile),
                quartile(r, |s| s.median),
                quartile(r, |s| s.upper_quartile),
                r.verdict.map_or("-", Verdict::title)
            )?;
        }
        let markers: Vec<&str> = {
            let mut labels: Vec<&str> = self
                .rows
                .iter()
                .filter_map(|r| r.marker.as_ref().map(|m| m.label.as_str()))
                .collect();
            labels.sort_unstable();
            labels.dedup();
            labels
        };
        if !markers.is_empty() {
            writeln!(f, "Marker: {}", markers.join("; "))?;
        }
        if self.rows.iter().any(|r| r.summary.is_none()) {
            writeln!(
                f,
                "Quartiles only where at least {} councils have the figure for the period",
                SpineChart::MIN_FOR_QUARTILES
            )?;
        }
        Ok(())
    }
}
