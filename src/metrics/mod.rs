//! Metric extraction: every quantitative claim a report makes, typed.
//!
//! [`Report::metrics`] walks the report model (the "About" paragraphs, the financial facts, the
//! summaries and every quality statement's findings) and turns each figure into a [`Metric`]:
//! its value and unit, the benchmark it is set against ([`Comparator`]), CQC's variation band
//! ([`VariationBand`]), the data source and period ([`Source`]), the subject ([`Measure`],
//! matched against a [`catalogue`](MeasureDef::catalogue) of canonical measures) and where it
//! was written. Metrics are computed on demand, not while parsing.
//!
//! The pipeline per paragraph (see `extract.rs`): normalise the text once (keeping a map back to
//! the original bytes), split it into sentences, find figures by scanning for digits and `£`,
//! run the nom grammar (`grammar.rs`) on the small pieces around them, pair each value with its
//! own comparator, then attribute bands and sources within the sentence and across the
//! paragraph (a leading "SACE data (2023-24) showed ..." applies forwards, a closing
//! "(All from SACE 2023-2024)" backwards, a band stated for a group in a sentence without figures
//! applies to the comparisons that follow).
//!
//! # Attribution rules
//!
//! - **Pairing.** Each comparator phrase ("England average (65.4%)", "than average (46.55%)",
//!   "compared to 18% nationally", "with the England average being 83.38%", "than in England
//!   (66%)") takes the nearest unpaired value of a compatible unit written before it and after
//!   the previous comparator; failing that, the first one after it and before the next
//!   comparator ("than the England average (19%) with 40% of residents").
//! - **Bands** go to the comparison they stand in or directly follow. A band stated in a
//!   sentence without comparisons ("... was in a 'tending towards negative' band on relevant
//!   metrics.") applies to the comparisons of the following sentences of the paragraph, until
//!   a sentence names a source of its own.
//! - **Sources**, in order of precedence: a closing parenthesis after the figure in its own
//!   sentence ("(SALT 2023-2024)"), else a source leading its own sentence before the figure
//!   ("SACE data (2023-24) showed ..."); else a closing "(All from SACE 2023-2024)" later in the
//!   paragraph, which applies backwards to the sentences since the last one that named a source;
//!   else the last leading source of an earlier sentence of the same paragraph ("ASCS data
//!   (2023-2024) showed fewer people ... . 74.07% of carers felt safe ..."), for a figure with
//!   a comparator (a national collection's figures come with their averages) or when the source
//!   is the authority's own data ("Data provided by the local authority showed ... . Their data
//!   also showed reablement was effective at 86%"). Sources never cross paragraphs. A period written next to the figure ("86% in 2023-2024") is the figure's own.
//!   [`Source::attribution`] says which rule applied.
//! - **Canonical measures** come from [`MeasureDef::catalogue`]: a subject names a measure when
//!   all parts of one of its key phrases occur in it; the qualifiers of the authority's own
//!   figures ("carer", "equipment", "financial assessment") may also stand earlier in the
//!   sentence or in the subheading ("318 carers were waiting ..., with a median wait of 121
//!   days").
//! - **Subjects** ([`Measure::text`]) are the clause between the neighbouring figures, up to the
//!   comparator phrase; for a plain figure, the words leading up to it ("a median waiting time
//!   of 206 days") or, when none do, the words after it ("50% of nursing homes were rated good").

mod attribution;
mod bands;
mod catalogue;
mod checks;
mod comparators;
mod figures;
mod financial;
mod grammar;
mod paragraph;
mod phrases;
mod sentences;
mod sources;
mod subject;
mod wording;

pub use crate::model::{
    Attribution, Comparator, Dataset, Direction, Gap, Judgement, MAX_FIGURES_PER_SENTENCE, Measure,
    MeasureDef, Metric, MetricWarning, Part, Polarity, Population, Scope, Source, Unit, Unmatched,
    VariationBand, Verdict,
};
pub(crate) use checks::across_warnings;

use crate::model::{QualityStatement, Report, Section, Text};

use financial::financial_metrics;
use paragraph::{Scratch, paragraph_metrics_in};

impl Report {
    /// Every quantitative claim in the report, in report order: the demographics, the financial
    /// facts (from their typed fields), the summaries and each quality statement's findings.
    /// Extracted on each call (nothing is stored in the report): keep the result, or build an
    /// [`Assessment`](crate::Assessment), which extracts once.
    ///
    /// # Examples
    /// ```
    /// use cqc_la::Report;
    /// use cqc_la::metrics::{Dataset, Scope, Unit, VariationBand};
    ///
    /// let text = "\
    /// Safeguarding
    /// Score: 3
    /// Key findings for this quality statement
    /// Making safeguarding personal
    /// SACE data (2023/24) showed 74.1% of carers felt safe, compared to the England average (80.9%) (tending towards negative variation).
    /// ";
    /// let report = Report::parse(text)?;
    /// let metrics = report.metrics();
    /// let m = &metrics[0];
    /// assert_eq!((m.value.to_string().as_str(), m.unit), ("74.1", Unit::Percent));
    /// let c = m.comparator.as_ref().unwrap();
    /// assert_eq!((c.scope, c.value.unwrap().to_string().as_str()), (Scope::England, "80.9"));
    /// assert_eq!(m.band, Some(VariationBand::TendingTowardsNegative));
    /// assert_eq!(m.source.unwrap().dataset, Some(Dataset::Sace));
    /// assert_eq!(m.source.unwrap().period.unwrap().to_string(), "2023-24");
    /// assert_eq!(m.measure.canonical.unwrap().id, "sace_felt_safe");
    /// # Ok::<(), cqc_la::ParseError>(())
    /// ```
    #[must_use]
    pub fn metrics(&self) -> Vec<Metric> {
        report_metrics(self).0
    }

    /// Checks on the report's figures: bands that contradict the values and polarity, and the
    /// same value given for two different measures.
    ///
    /// # Examples
    /// ```
    /// use cqc_la::Report;
    /// use cqc_la::metrics::MetricWarning;
    ///
    /// let text = "\
    /// Safeguarding
    /// Score: 2
    /// Key findings for this quality statement
    /// ASCS data (2023-24) showed fewer people (60.5%) felt safe than the England average (71.1%) (positive variation).
    /// ";
    /// let warnings = Report::parse(text)?.metric_warnings();
    /// assert!(matches!(warnings[0], MetricWarning::BandContradicts { measure: "ascs_feel_safe", .. }));
    /// # Ok::<(), cqc_la::ParseError>(())
    /// ```
    #[must_use]
    pub fn metric_warnings(&self) -> Vec<MetricWarning> {
        extract(self).1
    }
}

/// The report's metrics and every warning about them (those of reading them and the checks of
/// [`Report::metric_warnings`]), in one extraction.
pub(crate) fn extract(report: &Report) -> (Vec<Metric>, Vec<MetricWarning>) {
    let (metrics, mut warnings) = report_metrics(report);
    warnings.extend(checks::report_warnings(&metrics));
    (metrics, warnings)
}

/// Checks across reports' metrics: a measure cited with a different England average for the
/// same period in two reports. Report indices in the warnings are positions in `reports`.
///
/// # Examples
/// ```
/// use cqc_la::Report;
/// use cqc_la::metrics::{MetricWarning, metric_warnings_across};
///
/// let report = |value: &str| {
///     Report::parse(&format!(
///         "Safeguarding\nScore: 3\nKey findings for this quality statement\n\
///          ASCS data (2023-24) showed 70.0% of people felt safe (England average {value}%).\n"
///     ))
/// };
/// let (a, b) = (report("71.1")?, report("69.0")?);
/// let warnings = metric_warnings_across([&a.metrics()[..], &b.metrics()[..]]);
/// assert!(matches!(
///     warnings[0],
///     MetricWarning::ComparatorDisagrees { first: (0, _), second: (1, _), .. }
/// ));
/// # Ok::<(), cqc_la::ParseError>(())
/// ```
pub fn metric_warnings_across<'a>(
    reports: impl IntoIterator<Item = &'a [Metric]>,
) -> Vec<MetricWarning> {
    let all: Vec<&[Metric]> = reports.into_iter().collect();
    checks::across_warnings(&all)
}

/// The figures that are not fully resolved, each with what it lacks ([`Metric::gaps`]): no
/// canonical measure (and why), no comparator for a figure of a national collection, no source
/// or no period. A user sees these gaps instead of trusting a silent blank.
///
/// # Examples
/// ```
/// use cqc_la::Report;
/// use cqc_la::metrics::{Gap, unresolved};
///
/// let text = "\
/// Safeguarding
/// Score: 3
/// Key findings for this quality statement
/// ASCS data (2023-24) showed 70.0% of people felt safe (England average 71.1%). The team ran 14 sessions.
/// ";
/// let metrics = Report::parse(text)?.metrics();
/// let open = unresolved(&metrics);
/// assert_eq!(open.len(), 1);
/// assert_eq!(open[0].0.value.to_string(), "14");
/// assert!(matches!(open[0].1[0], Gap::Measure { .. }));
/// # Ok::<(), cqc_la::ParseError>(())
/// ```
#[must_use]
pub fn unresolved(metrics: &[Metric]) -> Vec<(&Metric, Vec<Gap>)> {
    metrics
        .iter()
        .map(|m| (m, m.gaps()))
        .filter(|(_, gaps)| !gaps.is_empty())
        .collect()
}

/// Where a paragraph sits in the report.
#[derive(Debug, Clone, Copy)]
struct Context<'a> {
    statement: Option<QualityStatement>,
    part: Part,
    subheading: Option<&'a str>,
}

/// All metrics of a report, in report order, and the warnings of reading them.
fn report_metrics(report: &Report) -> (Vec<Metric>, Vec<MetricWarning>) {
    let mut out = Vec::new();
    let scratch = &mut Scratch::default();
    if let Some(about) = &report.about {
        let ctx = Context {
            statement: None,
            part: Part::About,
            subheading: None,
        };
        for p in &about.paragraphs {
            paragraph_metrics_in(scratch, p, ctx, &mut out);
        }
    }
    if let Some(ff) = &report.financial_facts {
        financial_metrics(ff, &mut out);
    }
    for (block, part) in [
        (&report.experiences, Part::Experiences),
        (&report.strengths, Part::Strengths),
    ] {
        if let Some(block) = block {
            let ctx = Context {
                statement: None,
                part,
                subheading: None,
            };
            for p in &block.paragraphs {
                paragraph_metrics_in(scratch, p, ctx, &mut out);
            }
        }
    }
    for st in &report.statements {
        if let Some(section) = &st.section {
            section_metrics(scratch, section, Some(st.statement), &mut out);
        }
    }
    for st in &report.duplicates {
        if let Some(section) = &st.section {
            section_metrics(scratch, section, Some(st.statement), &mut out);
        }
    }
    (out, std::mem::take(&mut scratch.warnings))
}

fn section_metrics(
    scratch: &mut Scratch,
    section: &Section,
    statement: Option<QualityStatement>,
    out: &mut Vec<Metric>,
) {
    let Some(findings) = &section.findings else {
        return;
    };
    for group in &findings.groups {
        let ctx = Context {
            statement,
            part: Part::Findings,
            subheading: group.subheading.as_ref().map(Text::as_str),
        };
        for p in &group.paragraphs {
            paragraph_metrics_in(scratch, p, ctx, out);
        }
    }
}
