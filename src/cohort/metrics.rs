//! Metric statistics across a cohort, on a neutral input record ([`MetricObservation`]) so
//! that any source of metric values (parsed reports, a spreadsheet) can feed them.

use std::collections::BTreeMap;
use std::fmt;
use std::io::Write;

use super::Cohort;
use super::csv::{CsvError, CsvTable};
use super::rank::{Standing, Summary};
use super::record::ScoreRecord;
use crate::assessment::Assessment;
use crate::identity::Authority;
use crate::model::{Metric, Polarity, Verdict};
use rust_decimal::prelude::ToPrimitive;

/// One authority's value for one canonical measure: the neutral input of the cohort's metric
/// statistics and the spine chart.
///
/// # Examples
/// ```
/// use cqc_la::metrics::{Polarity, Verdict};
/// use cqc_la::cohort::MetricObservation;
/// let o = MetricObservation::new("Camden", "ascs_feel_safe", "Users who feel safe", 63.93)
///     .with_england(71.06)
///     .with_polarity(Polarity::HigherIsBetter)
///     .with_verdict(Verdict::Worse);
/// assert_eq!(o.ons_code.as_deref(), Some("E09000007"));
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
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
    /// The England average the report cites, if any.
    pub england: Option<f64>,
    /// Which way is better.
    pub polarity: Polarity,
    /// The report's judgement against England, if any.
    pub verdict: Option<Verdict>,
}

impl MetricObservation {
    /// An observation with no England value, no judgement and polarity
    /// [`Polarity::NoJudgement`]; the authority is resolved with [`Authority::resolve`].
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
            england: None,
            polarity: Polarity::NoJudgement,
            verdict: None,
        }
    }

    /// Sets the England average.
    #[must_use]
    pub fn with_england(mut self, england: f64) -> MetricObservation {
        self.england = Some(england);
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

    /// The observation of one extracted metric about `authority`, if the metric is a canonical
    /// measure (see [`MeasureDef::catalogue`](crate::metrics::MeasureDef::catalogue)). The England value
    /// is taken only from an England (or national) comparator, and the verdict
    /// ([`Metric::judgement`]) only when it is against that comparator.
    pub fn from_metric(authority: &str, metric: &Metric) -> Option<MetricObservation> {
        let def = metric.measure.canonical?;
        let value = metric.value.to_f64()?;
        let mut observation = MetricObservation::new(authority, def.id, def.name, value);
        observation.polarity = def.polarity;
        if let Some(comparator) = metric.comparator.as_ref().filter(|c| c.scope.is_england()) {
            observation.england = comparator.value.and_then(|v| v.to_f64());
            observation.verdict = metric.judgement().map(|j| j.verdict);
        }
        Some(observation)
    }

    /// The observations of every canonical measure an assessment cites (see
    /// [`MetricObservation::from_metric`]), for its authority (`"(unnamed)"` when the report
    /// names none).
    ///
    /// # Examples
    /// ```
    /// use cqc_la::Assessment;
    /// use cqc_la::metrics::Verdict;
    /// use cqc_la::cohort::MetricObservation;
    /// let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/reports/northmere.txt");
    /// let northmere = Assessment::parse(&std::fs::read_to_string(path).unwrap()).unwrap();
    /// let observations = MetricObservation::from_assessment(&northmere);
    /// let turnover = observations.iter().find(|o| o.measure == "sfc_staff_turnover").unwrap();
    /// assert_eq!((turnover.value, turnover.england), (0.22, Some(0.25)));
    /// assert_eq!(turnover.verdict, Some(Verdict::Better));
    /// ```
    pub fn from_assessment(assessment: &Assessment) -> Vec<MetricObservation> {
        let authority = assessment.authority().unwrap_or("(unnamed)");
        assessment
            .metrics()
            .iter()
            .filter_map(|m| MetricObservation::from_metric(authority, m))
            .collect()
    }

    /// Reads observations from CSV with the columns `authority, measure, value` and, optionally,
    /// `name` (defaults to the measure id), `england`, `polarity` (`higher_is_better`,
    /// `lower_is_better`, `no_judgement`) and `verdict` (`better`, `similar`, `worse`), in any
    /// order. Blank optional cells stay unknown.
    ///
    /// # Errors
    /// [`CsvError`] with the line number for a missing column, a value that is not a number,
    /// an unknown polarity or verdict, or malformed CSV.
    ///
    /// # Examples
    /// ```
    /// use cqc_la::metrics::{Polarity, Verdict};
    /// use cqc_la::cohort::MetricObservation;
    /// let csv = "authority,measure,value,england,polarity,verdict\n\
    ///            Camden,ascs_feel_safe,63.93,71.06,higher_is_better,worse\n";
    /// let obs = MetricObservation::read_csv(csv.as_bytes()).unwrap();
    /// assert_eq!(obs[0].england, Some(71.06));
    /// assert_eq!(obs[0].verdict, Some(Verdict::Worse));
    /// assert_eq!(obs[0].polarity, Polarity::HigherIsBetter);
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
        let mut o = MetricObservation::new(who, id, label, number("value", cell(Some(value)))?);
        let text = cell(england);
        if !text.is_empty() {
            o.england = Some(number("england", text)?);
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
        out.push(o);
    }
    Ok(out)
}

/// One authority's line in a [`MeasureTable`].
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct MeasureRow {
    /// The authority's name as given.
    pub authority: String,
    /// Its ONS code when resolved.
    pub ons_code: Option<String>,
    /// The value.
    pub value: f64,
    /// The England average its report cites.
    pub england: Option<f64>,
    /// `value - england`, in the measure's unit (percentage points for percentages).
    pub vs_england: Option<f64>,
    /// `value - cohort median`.
    pub vs_median: f64,
    /// Where the value stands, better first by the polarity (`None` for no judgement).
    pub standing: Option<Standing>,
    /// The report's judgement against England.
    pub verdict: Option<Verdict>,
}

/// One measure across the cohort: values, median and quartiles, and each authority's deviation
/// from the England average it cites and from the cohort median.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct MeasureTable {
    /// The canonical measure id.
    pub measure: String,
    /// Its name (from the first observation).
    pub name: String,
    /// Which way is better (from the first observation).
    pub polarity: Polarity,
    /// The median of the England values cited (reports of different years may cite different
    /// ones).
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
}

/// Statistics of every measure observed in a cohort, ordered by measure id.
///
/// # Examples
/// ```
/// use cqc_la::Cohort;
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
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct MetricTables {
    /// The cohort's name.
    pub cohort: String,
    /// One table per measure.
    pub tables: Vec<MeasureTable>,
}

impl MetricTables {
    /// The table of one measure.
    pub fn table(&self, measure: &str) -> Option<&MeasureTable> {
        self.tables.iter().find(|t| t.measure == measure)
    }

    /// Writes every row of every table as CSV: `measure, name, authority, ons_code, value,
    /// england, vs_england, cohort_median, vs_median, lower_quartile, upper_quartile, position,
    /// percentile, verdict`.
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
        ])
        .map_err(|e| CsvError::write(&e))?;
        let num = |v: Option<f64>| v.map(|v| format!("{v}")).unwrap_or_default();
        for t in &self.tables {
            for r in &t.rows {
                csv.write_record([
                    t.measure.clone(),
                    t.name.clone(),
                    r.authority.clone(),
                    r.ons_code.clone().unwrap_or_default(),
                    num(Some(r.value)),
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
                ])
                .map_err(|e| CsvError::write(&e))?;
            }
        }
        csv.flush().map_err(|e| CsvError::write(&e))
    }
}

impl Cohort {
    /// Statistics of every measure in [`Cohort::metrics`]: one row per authority and measure
    /// (the first observation wins when an authority cites a measure twice); standings by the
    /// polarity of the first observation, none for [`Polarity::NoJudgement`]. NaN values
    /// are skipped.
    pub fn metric_tables(&self) -> MetricTables {
        let mut by_measure: BTreeMap<&str, Vec<&MetricObservation>> = BTreeMap::new();
        for o in self.metrics.iter().filter(|o| !o.value.is_nan()) {
            let list = by_measure.entry(o.measure.as_str()).or_default();
            list.push(o);
        }
        let tables = by_measure
            .into_iter()
            .filter_map(|(measure, observations)| {
                let mut seen = std::collections::HashSet::new();
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
                        england: o.england,
                        vs_england: o.england.map(|e| o.value - e),
                        vs_median: o.value - summary.median,
                        standing,
                        verdict: o.verdict,
                    })
                    .collect();
                Some(MeasureTable {
                    measure: measure.to_owned(),
                    name: first.name.clone(),
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
    /// One line per measure: count, England, min, quartiles, median, max.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "Metrics across {}", self.cohort)?;
        let width = self
            .tables
            .iter()
            .map(|t| t.name.chars().count())
            .max()
            .unwrap_or(0)
            .max(7);
        writeln!(
            f,
            "{:<width$}  {:>3}  {:>8}  {:>8}  {:>8}  {:>8}  {:>8}  {:>8}",
            "Measure", "n", "England", "min", "q1", "median", "q3", "max"
        )?;
        for t in &self.tables {
            let s = t.summary;
            writeln!(
                f,
                "{:<width$}  {:>3}  {:>8}  {:>8.2}  {:>8.2}  {:>8.2}  {:>8.2}  {:>8.2}",
                t.name,
                s.count,
                opt(t.england, 2),
                s.min,
                s.lower_quartile,
                s.median,
                s.upper_quartile,
                s.max
            )?;
        }
        Ok(())
    }
}

impl fmt::Display for MeasureTable {
    /// The measure's summary, then one line per authority.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} ({}): {}; England {}",
            self.name,
            self.measure,
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
            "{:<width$}  {:>8}  {:>8}  {:>8}  {:>8}  {:<22}  Verdict",
            "Authority", "Value", "England", "vs Eng", "vs med", "Position"
        )?;
        for r in &self.rows {
            writeln!(
                f,
                "{:<width$}  {:>8.2}  {:>8}  {:>8}  {:>+8.2}  {:<22}  {}",
                r.authority,
                r.value,
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

/// One measure in a [`SpineChart`].
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct SpineRow {
    /// The measure id.
    pub measure: String,
    /// The measure's name.
    pub name: String,
    /// Which way is better.
    pub polarity: Polarity,
    /// The authority's value.
    pub value: f64,
    /// The England average its report cites (else the median of the England values the
    /// cohort's reports cite for the measure).
    pub england: f64,
    /// The cohort's range and quartiles.
    pub summary: Summary,
    /// The report's judgement against England.
    pub verdict: Option<Verdict>,
}

/// One authority's metrics, each against England and the cohort's range and quartiles; render
/// it with [`SpineChart::to_svg`].
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct SpineChart {
    /// The authority's name.
    pub authority: String,
    /// The cohort's name.
    pub cohort: String,
    /// One row per measure the authority has, by measure id.
    pub rows: Vec<SpineRow>,
}

impl MetricTables {
    /// The spine chart of one authority (any name [`Authority::resolve`] accepts): every measure
    /// it has that has an England value (its own report's, else the median of those the cohort
    /// cites) and a polarity; local figures with no England value (waiting lists) and context
    /// measures ([`Polarity::NoJudgement`], such as demographics) are left out. `None`
    /// when no measure qualifies.
    pub fn spine_chart(&self, authority: &str) -> Option<SpineChart> {
        let rows: Vec<SpineRow> = self
            .tables
            .iter()
            .filter_map(|t| {
                if t.polarity == Polarity::NoJudgement {
                    return None;
                }
                let row = t.row(authority)?;
                let england = row.england.or(t.england)?;
                Some(SpineRow {
                    measure: t.measure.clone(),
                    name: t.name.clone(),
                    polarity: t.polarity,
                    value: row.value,
                    england,
                    summary: t.summary,
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
            rows,
        })
    }
}

impl fmt::Display for SpineChart {
    /// One line per measure: value, England, cohort quartiles, verdict.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} against England and {}", self.authority, self.cohort)?;
        let width = self
            .rows
            .iter()
            .map(|r| r.name.chars().count())
            .max()
            .unwrap_or(0)
            .max(7);
        writeln!(
            f,
            "{:<width$}  {:>8}  {:>8}  {:>8}  {:>8}  {:>8}  Verdict",
            "Measure", "Value", "England", "q1", "median", "q3"
        )?;
        for r in &self.rows {
            writeln!(
                f,
                "{:<width$}  {:>8.2}  {:>8.2}  {:>8.2}  {:>8.2}  {:>8.2}  {}",
                r.name,
                r.value,
                r.england,
                r.summary.lower_quartile,
                r.summary.median,
                r.summary.upper_quartile,
                r.verdict.map_or("-", Verdict::title)
            )?;
        }
        Ok(())
    }
}
