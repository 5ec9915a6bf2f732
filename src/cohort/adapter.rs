//! From the metrics extracted from parsed reports to the cohort's neutral metric input.

use rust_decimal::prelude::ToPrimitive;

use super::Cohort;
use super::metrics::{MetricObservation, MetricPolarity, Verdict};
use super::record::ScoreRecord;
use crate::metrics::{AssessmentKind, Metric, Polarity};
use crate::model::Report;

impl MetricObservation {
    /// The observation of one extracted metric of a report about `authority`, if the metric is
    /// a canonical measure (see [`MeasureDef::catalogue`](crate::MeasureDef::catalogue)).
    /// The England value is taken only from an England (or national) comparator, and the
    /// verdict ([`Metric::assessment`]) only when it is against that comparator.
    pub fn from_metric(authority: &str, metric: &Metric) -> Option<MetricObservation> {
        let def = metric.measure.canonical?;
        let value = metric.value.to_f64()?;
        let mut observation = MetricObservation::new(authority, def.id, def.name, value);
        observation.polarity = match def.polarity {
            Polarity::HigherIsBetter => MetricPolarity::HigherIsBetter,
            Polarity::LowerIsBetter => MetricPolarity::LowerIsBetter,
            Polarity::NoJudgement => MetricPolarity::NoJudgement,
        };
        if let Some(comparator) = metric.comparator.as_ref().filter(|c| c.scope.is_england()) {
            observation.england = comparator.value.to_f64();
            observation.verdict = metric.assessment().map(|a| match a.kind {
                AssessmentKind::Better => Verdict::Better,
                AssessmentKind::Similar => Verdict::Similar,
                AssessmentKind::Worse => Verdict::Worse,
            });
        }
        Some(observation)
    }

    /// The observations of every canonical measure a report cites (see
    /// [`MetricObservation::from_metric`]), for the report's authority (`"(unnamed)"` when the
    /// report names none).
    ///
    /// # Examples
    /// ```
    /// use cqc_la::{MetricObservation, Report, Verdict};
    /// let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/reports/northmere.txt");
    /// let report = Report::parse(&std::fs::read_to_string(path).unwrap()).unwrap();
    /// let observations = MetricObservation::from_report(&report);
    /// let turnover = observations.iter().find(|o| o.measure == "sfc_staff_turnover").unwrap();
    /// assert_eq!((turnover.value, turnover.england), (0.22, Some(0.25)));
    /// assert_eq!(turnover.verdict, Some(Verdict::Better));
    /// ```
    pub fn from_report(report: &Report) -> Vec<MetricObservation> {
        let authority = report.authority.as_deref().unwrap_or("(unnamed)");
        report
            .metrics()
            .iter()
            .filter_map(|m| MetricObservation::from_metric(authority, m))
            .collect()
    }
}

impl Cohort {
    /// Adds a parsed report: its scores (replacing, and returning, an earlier record of the same
    /// authority, see [`Cohort::insert`]) and the observations of its canonical metrics
    /// (replacing that authority's earlier observations).
    ///
    /// # Examples
    /// ```
    /// use cqc_la::{Cohort, Report};
    /// let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/reports/northmere.txt");
    /// let report = Report::parse(&std::fs::read_to_string(path).unwrap()).unwrap();
    /// let mut cohort = Cohort::published();
    /// cohort.insert_report(&report);
    /// assert_eq!(cohort.len(), 73);
    /// let chart = cohort.metric_tables().spine_chart("Northmere County Council").unwrap();
    /// assert!(chart.to_svg().starts_with("<svg"));
    /// ```
    pub fn insert_report(&mut self, report: &Report) -> Option<ScoreRecord> {
        let record = ScoreRecord::from(report);
        self.metrics.retain(|o| !o.is_for(&record));
        self.metrics.extend(MetricObservation::from_report(report));
        self.insert(record)
    }
}
