//! The financial facts' typed fields as metrics.

use rust_decimal::Decimal;

use crate::model::{
    Attribution, Measure, MeasureDef, Metric, Part, Period, Planned, Source, Unit, group_thousands,
};

/// The financial facts' typed fields as metrics; the sentence is the bullet that states the
/// figure.
pub(super) fn financial_metrics(ff: &crate::model::FinancialFacts, out: &mut Vec<Metric>) {
    // The bullets without markdown emphasis, worked out once for all the figures.
    let plain: Vec<String> = ff.items.iter().map(|t| t.text.replace("**", "")).collect();
    let mut push = |id: &str, value: Decimal, unit: Unit| {
        let Some(def) = MeasureDef::by_id(id) else {
            return;
        };
        // The bullet stating the figure, as written with or without thousands separators.
        let needles = match unit {
            Unit::People => vec![value.to_string(), group_thousands(value)],
            // "£8,340,000 less than estimated" states -8,340,000 without its sign.
            _ => vec![unit.format(value.abs())],
        };
        let item = ff
            .items
            .iter()
            .zip(&plain)
            .find(|(_, plain)| needles.iter().any(|n| contains_figure(plain, n)))
            .map(|(t, _)| t);
        out.push(Metric {
            value,
            unit,
            comparator: None,
            direction: None,
            wording: None,
            band_derived: false,
            gap: None,
            band: None,
            band_label: None,
            // The bullets name no dataset (they are the figures DHSC asks every report to
            // print); their period is the financial year they state.
            source: ff.period.map(|fy| Source {
                dataset: None,
                period: Some(Period::FinancialYear(fy)),
                attribution: Attribution::Period,
            }),
            measure: Measure {
                text: def.name.to_owned(),
                population: Some(def.population),
                canonical: Some(def),
                score: 100,
                unmatched: None,
            },
            statement: None,
            part: Part::FinancialFacts,
            subheading: None,
            sentence: item.map(|t| t.text.as_str()).unwrap_or_default().into(),
            span: item.and_then(|t| t.origin.span()),
            figure_span: None,
        });
    };
    let planned = |p: Option<Planned>| p.unwrap_or_default();
    let budget = planned(ff.total_budget);
    let spend = planned(ff.asc_spend);
    for (id, v) in [
        ("fin_total_budget_estimate", budget.estimate),
        ("fin_total_budget_actual", budget.actual),
        ("fin_asc_spend_estimate", spend.estimate),
        ("fin_asc_spend_actual", spend.actual),
    ] {
        if let Some(v) = v {
            push(id, v, Unit::Pounds);
        }
    }
    for (id, v) in over_estimates(ff) {
        push(id, v, Unit::Pounds);
    }
    if let Some(v) = ff.asc_share {
        push("fin_asc_share", v, Unit::Percent);
    }
    if let Some(v) = ff.precept {
        push("fin_asc_precept", v, Unit::Percent);
    }
    if let Some(v) = ff.long_term_support {
        push("fin_long_term_support", Decimal::from(v), Unit::People);
    }
    if let Some(v) = ff.short_term_support {
        push("fin_short_term_support", Decimal::from(v), Unit::People);
    }
}

/// "which was £158,011,000 more than estimated": by how much actual spend exceeded the
/// estimate (negative for "less than estimated"), for the total budget and for adult social
/// care, as the bullets state it.
fn over_estimates(ff: &crate::model::FinancialFacts) -> Vec<(&'static str, Decimal)> {
    let mut out = Vec::new();
    for item in &ff.items {
        let norm = crate::text::normalize(&item.text).to_ascii_lowercase();
        let id = if norm.contains("on adult social care") || norm.contains("asc spend") {
            "fin_asc_over_estimate"
        } else if norm.contains("total budget") {
            "fin_total_over_estimate"
        } else {
            continue;
        };
        for (i, _) in norm.match_indices('£') {
            let Ok((rest, v)) = crate::text::grammar::money(&norm[i..]) else {
                continue;
            };
            let rest = rest.trim_start();
            let sign = if rest.starts_with("more than") && rest.contains("estimat") {
                Decimal::ONE
            } else if rest.starts_with("less than") && rest.contains("estimat") {
                Decimal::NEGATIVE_ONE
            } else {
                continue;
            };
            out.push((id, v * sign));
        }
    }
    out
}

/// Whether `needle` (a figure as written) occurs in `hay` not as the tail of a longer number.
pub(super) fn contains_figure(hay: &str, needle: &str) -> bool {
    hay.match_indices(needle).any(|(i, _)| {
        !hay.get(..i)
            .and_then(|h| h.chars().next_back())
            .is_some_and(|c| c.is_ascii_digit() || c == '.' || c == ',')
            && !hay
                .get(i + needle.len()..)
                .and_then(|t| t.chars().next())
                .is_some_and(|c| c.is_ascii_digit())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_are_found_whole() {
        assert!(contains_figure("a value of 2%.", "2%"));
        assert!(!contains_figure("spent 12% on care", "2%"));
        assert!(contains_figure("about 1425 people", "1425"));
        assert!(!contains_figure("about 14250 people", "1425"));
    }
}
