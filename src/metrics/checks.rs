//! Checks on extracted metrics that help analysts: warnings, never errors.

use std::collections::HashMap;

use crate::model::{MeasureDef, Metric, MetricWarning, Period, Unit, Verdict, by_polarity};

/// Bands that contradict the values and polarity; the same value for two different measures.
pub(crate) fn report_warnings(metrics: &[Metric]) -> Vec<MetricWarning> {
    let mut out = Vec::new();
    for m in metrics {
        let (Some(band), Some(c), Some(def)) = (m.band, &m.comparator, m.measure.canonical) else {
            continue;
        };
        let Some(comparator) = c.value else {
            continue;
        };
        let Some(by_values) = by_polarity(def.polarity, m.value, comparator) else {
            continue;
        };
        let stated = band.verdict();
        let contradicts = matches!(
            (stated, by_values),
            (Verdict::Better, Verdict::Worse) | (Verdict::Worse, Verdict::Better)
        );
        if contradicts {
            out.push(MetricWarning::BandContradicts {
                measure: def.id,
                value: m.value,
                comparator,
                band,
                span: m.span,
            });
        }
    }
    // Benchmarked figures only: counts and money repeat for good reasons. The value is compared
    // as printed ("70.0" and "70" differ).
    let mut seen: HashMap<(String, Unit), String> = HashMap::new();
    for m in metrics.iter().filter(|m| m.comparator.is_some()) {
        let key = m
            .measure
            .canonical
            .map_or_else(|| m.measure.text.clone(), |d| d.id.to_owned());
        match seen.get(&(m.value.to_string(), m.unit)) {
            Some(first) if *first != key => out.push(MetricWarning::SameValue {
                value: m.value,
                unit: m.unit,
                first: first.clone(),
                second: key,
                span: m.span,
            }),
            Some(_) => {}
            None => {
                seen.insert((m.value.to_string(), m.unit), key);
            }
        }
    }
    out
}

/// The same measure and period cited with a different England (or national) average in two
/// reports.
pub(crate) fn across_warnings(reports: &[&[Metric]]) -> Vec<MetricWarning> {
    // By catalogue position: each measure's periods with the first report and value seen.
    type Seen = Vec<(Option<Period>, (usize, rust_decimal::Decimal))>;
    let mut first: Vec<Seen> = vec![Vec::new(); MeasureDef::catalogue().len()];
    let mut out = Vec::new();
    for (ri, metrics) in reports.iter().enumerate() {
        for m in *metrics {
            let (Some(def), Some(c)) = (m.measure.canonical, &m.comparator) else {
                continue;
            };
            let Some(value) = c.value.filter(|_| c.scope.is_england()) else {
                continue;
            };
            let Some(seen) = def.index().and_then(|i| first.get_mut(i)) else {
                continue;
            };
            let period = m.source.and_then(|s| s.period);
            match seen.iter().find(|(p, _)| *p == period).map(|(_, v)| *v) {
                Some((rj, v)) if rj != ri && v != value => {
                    out.push(MetricWarning::ComparatorDisagrees {
                        measure: def.id,
                        period,
                        first: (rj, v),
                        second: (ri, value),
                    });
                }
                Some(_) => {}
                None => seen.push((period, (ri, value))),
            }
        }
    }
    out
}
