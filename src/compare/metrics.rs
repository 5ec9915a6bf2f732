//! Per-measure comparison of two reports' metrics.

use std::fmt;

use rust_decimal::Decimal;

use crate::metrics::across_warnings;
use crate::model::{
    CatalogueStr, Comparator, MeasureDef, Metric, MetricWarning, Period, Polarity, Unit, Verdict,
    by_polarity,
};

/// One report's figure for a measure.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MetricSide {
    /// The value as printed.
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::float"))]
    pub value: Decimal,
    /// Its unit.
    pub unit: Unit,
    /// The benchmark the report sets it against.
    pub comparator: Option<Comparator>,
    /// The period of the figure.
    pub period: Option<Period>,
    /// `value - England average` when the comparator is England's (or national).
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::float_option"))]
    pub gap_to_england: Option<Decimal>,
}

impl MetricSide {
    fn of(m: &Metric) -> Self {
        let gap_to_england = m
            .comparator
            .as_ref()
            .filter(|c| c.scope.is_england())
            .and_then(|c| m.value.checked_sub(c.value?));
        MetricSide {
            value: m.value,
            unit: m.unit,
            comparator: m.comparator.clone(),
            period: m.source.and_then(|s| s.period),
            gap_to_england,
        }
    }
}

/// Which report does better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Ahead {
    /// The first report.
    A,
    /// The second report.
    B,
    /// Neither: the values are equal.
    Equal,
}

/// A canonical measure both reports cite.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MeasureComparison {
    /// The measure's id.
    #[cfg_attr(
        feature = "serde",
        serde(deserialize_with = "crate::model::serde_repr::catalogue_id")
    )]
    pub id: CatalogueStr,
    /// Its name.
    #[cfg_attr(
        feature = "serde",
        serde(deserialize_with = "crate::model::serde_repr::catalogue_name")
    )]
    pub name: CatalogueStr,
    /// Which way is better.
    pub polarity: Polarity,
    /// The first report's figure.
    pub a: MetricSide,
    /// The second report's.
    pub b: MetricSide,
    /// `a - b`, when the units agree.
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::float_option"))]
    pub gap: Option<Decimal>,
    /// Which does better by the measure's polarity (`None` for context measures or when the
    /// units differ).
    pub better: Option<Ahead>,
    /// The two figures are for different periods.
    pub periods_differ: bool,
}

/// A canonical measure only one of the two reports cites.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct OneSided {
    /// The measure's id.
    #[cfg_attr(
        feature = "serde",
        serde(deserialize_with = "crate::model::serde_repr::catalogue_id")
    )]
    pub id: CatalogueStr,
    /// Its name.
    #[cfg_attr(
        feature = "serde",
        serde(deserialize_with = "crate::model::serde_repr::catalogue_name")
    )]
    pub name: CatalogueStr,
    /// The figure the report gives.
    pub figure: MetricSide,
}

/// The metrics of two reports, measure by measure.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MetricComparison {
    /// Measures both cite, in catalogue order.
    pub both: Vec<MeasureComparison>,
    /// Measures only the first cites.
    pub only_a: Vec<OneSided>,
    /// Measures only the second cites.
    pub only_b: Vec<OneSided>,
    /// Comparator disagreements between the two (same measure and period, different England
    /// average).
    pub warnings: Vec<MetricWarning>,
}

/// One pass over a report's metrics: for each measure id, its first benchmarked figure, else
/// its first figure.
/// The result is indexed by position in the catalogue.
fn first_by_measure(metrics: &[Metric]) -> Vec<Option<&Metric>> {
    let mut chosen: Vec<Option<&Metric>> = vec![None; MeasureDef::catalogue().len()];
    for m in metrics {
        let slot = m.measure.canonical.and_then(MeasureDef::index);
        let Some(slot) = slot.and_then(|i| chosen.get_mut(i)) else {
            continue;
        };
        match slot {
            Some(c) if c.comparator.is_none() && m.comparator.is_some() => *c = m,
            Some(_) => {}
            None => *slot = Some(m),
        }
    }
    chosen
}

impl MetricComparison {
    /// Compares the canonical measures two reports cite, given their metrics. For a measure
    /// cited more than once, the first benchmarked figure counts (else the first figure).
    ///
    /// # Examples
    /// ```
    /// use cqc_la::Report;
    /// use cqc_la::compare::{Ahead, MetricComparison};
    ///
    /// let metrics = |value: &str| {
    ///     Report::parse(&format!(
    ///         "Safeguarding\nScore: 3\nKey findings for this quality statement\n\
    ///          ASCS data (2023-24) showed {value}% of people felt safe (England average 71.1%).\n"
    ///     ))
    ///     .map(|r| r.metrics())
    /// };
    /// let c = MetricComparison::new(&metrics("75.0")?, &metrics("68.5")?);
    /// let safe = &c.both[0];
    /// assert_eq!(safe.id, "ascs_feel_safe");
    /// assert_eq!(safe.gap.unwrap().to_string(), "6.5");
    /// assert_eq!(safe.better, Some(Ahead::A));
    /// println!("{c}");
    /// # Ok::<(), cqc_la::ParseError>(())
    /// ```
    #[must_use]
    pub fn new(ma: &[Metric], mb: &[Metric]) -> Self {
        let (ia, ib) = (first_by_measure(ma), first_by_measure(mb));
        let mut out = MetricComparison::default();
        for ((def, a), b) in MeasureDef::catalogue().iter().zip(ia).zip(ib) {
            match (a.map(MetricSide::of), b.map(MetricSide::of)) {
                (Some(sa), Some(sb)) => {
                    let same_unit = sa.unit == sb.unit;
                    let gap = if same_unit {
                        sa.value.checked_sub(sb.value)
                    } else {
                        None
                    };
                    let better = if same_unit {
                        by_polarity(def.polarity, sa.value, sb.value).map(|k| match k {
                            Verdict::Better => Ahead::A,
                            Verdict::Worse => Ahead::B,
                            Verdict::Similar => Ahead::Equal,
                        })
                    } else {
                        None
                    };
                    let periods_differ =
                        sa.period.is_some() && sb.period.is_some() && sa.period != sb.period;
                    out.both.push(MeasureComparison {
                        id: def.id,
                        name: def.name,
                        polarity: def.polarity,
                        a: sa,
                        b: sb,
                        gap,
                        better,
                        periods_differ,
                    });
                }
                (Some(figure), None) => out.only_a.push(OneSided {
                    id: def.id,
                    name: def.name,
                    figure,
                }),
                (None, Some(figure)) => out.only_b.push(OneSided {
                    id: def.id,
                    name: def.name,
                    figure,
                }),
                (None, None) => {}
            }
        }
        out.warnings = across_warnings(&[ma, mb]);
        out
    }
}

fn side_text(s: &MetricSide) -> String {
    let mut t = s.unit.format(s.value);
    if let Some(p) = s.period {
        t = format!("{t} ({p})");
    }
    t
}

/// A gap in the unit's terms: `+6.8 pp`, `-£1,250`, `+3`.
fn gap_text(unit: Unit, d: Option<Decimal>) -> String {
    let Some(d) = d else { return "-".to_owned() };
    let sign = if d.is_sign_negative() { "-" } else { "+" };
    match unit {
        Unit::Percent => format!("{sign}{} pp", d.abs()),
        Unit::Pounds => format!("{sign}£{}", crate::model::group_thousands(d.abs())),
        _ => format!("{sign}{}", d.abs()),
    }
}

impl fmt::Display for MetricComparison {
    /// An aligned table: measure, A, A's England average, B, B's England average, A - B,
    /// better, and a `*` where the periods differ; then the measures only one side cites.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let england = |s: &MetricSide| {
            s.comparator
                .as_ref()
                .filter(|c| c.scope.is_england())
                .and_then(|c| c.value)
                .map_or_else(|| "-".to_owned(), |v| v.to_string())
        };
        let mut rows: Vec<[String; 7]> = vec![[
            "measure".into(),
            "A".into(),
            "A England".into(),
            "B".into(),
            "B England".into(),
            "A - B".into(),
            "better".into(),
        ]];
        for c in &self.both {
            rows.push([
                format!("{}{}", c.name, if c.periods_differ { " *" } else { "" }),
                side_text(&c.a),
                england(&c.a),
                side_text(&c.b),
                england(&c.b),
                gap_text(c.a.unit, c.gap),
                match c.better {
                    Some(Ahead::A) => "A".into(),
                    Some(Ahead::B) => "B".into(),
                    Some(Ahead::Equal) => "=".into(),
                    None => "-".into(),
                },
            ]);
        }
        let mut widths = [0usize; 7];
        for r in &rows {
            for (w, cell) in widths.iter_mut().zip(r) {
                *w = (*w).max(cell.chars().count());
            }
        }
        for r in &rows {
            let mut line = String::new();
            for (i, (cell, w)) in r.iter().zip(widths).enumerate() {
                if i > 0 {
                    line.push_str("  ");
                }
                line.push_str(cell);
                if i + 1 < r.len() {
                    line.extend(std::iter::repeat_n(' ', w - cell.chars().count()));
                }
            }
            writeln!(f, "{}", line.trim_end())?;
        }
        if self.both.iter().any(|c| c.periods_differ) {
            writeln!(f, "* the two figures are for different periods")?;
        }
        for (label, list) in [("only A", &self.only_a), ("only B", &self.only_b)] {
            if list.is_empty() {
                continue;
            }
            writeln!(f, "{label}:")?;
            for one in list {
                writeln!(f, "  {}: {}", one.name, side_text(&one.figure))?;
            }
        }
        for w in &self.warnings {
            writeln!(f, "warning: {w}")?;
        }
        Ok(())
    }
}
