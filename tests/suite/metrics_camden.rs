//! Metric extraction on the real Camden report: every row of
//! `camden-full-report.metrics.csv` must be found with the exact value, comparator, dataset,
//! period and band, and no value may be paired with another row's comparator.
//!
//! The report is read from `../shared/corpus` (relative to the crate root) or from the directory
//! in `CQC_LA_CORPUS`; without it the tests print a skip note and pass.

use cqc_la::metrics::{Dataset, Part, Scope, Unit, VariationBand};
use cqc_la::{Metric, QualityStatement, Report};

use super::util::{corpus_dir, corpus_file, parse};

fn read(name: &str) -> Option<String> {
    corpus_file(name)
}

fn camden() -> Option<(Report, Vec<Metric>)> {
    let text = read("camden-full-report.txt")?;
    let report = parse(&text);
    let metrics = report.metrics().to_vec();
    Some((report, metrics))
}

#[derive(Debug)]
#[allow(dead_code)]
struct Row {
    statement: String,
    measure: String,
    value: String,
    unit: String,
    comparator_scope: String,
    comparator_value: String,
    dataset: String,
    period: String,
    band: String,
}

fn rows() -> Option<Vec<Row>> {
    let path = corpus_dir()?.join("camden-full-report.metrics.csv");
    let mut reader = csv::Reader::from_path(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let rows = reader
        .records()
        .map(|r| {
            let r = r.expect("a valid CSV row");
            let f = |i: usize| r.get(i).unwrap_or("").to_owned();
            Row {
                statement: f(0),
                measure: f(1),
                value: f(2),
                unit: f(3),
                comparator_scope: f(4),
                comparator_value: f(5),
                dataset: f(6),
                period: f(7),
                band: f(8),
            }
        })
        .collect();
    Some(rows)
}

fn statement_of(row: &Row) -> Option<QualityStatement> {
    if row.statement == "about" {
        None
    } else {
        Some(QualityStatement::from_id(&row.statement).expect("a statement id"))
    }
}

fn datasets(row: &Row) -> Vec<Dataset> {
    // The CSV notes: either dataset is acceptable for these two rows.
    if row.value == "57.56" || row.value == "74.07" {
        return vec![Dataset::Ascs, Dataset::Salt, Dataset::Sace];
    }
    match row.dataset.as_str() {
        "ASCS" => vec![Dataset::Ascs],
        "SACE" => vec![Dataset::Sace],
        "SALT" => vec![Dataset::Salt],
        "ASCFR/SALT" => vec![Dataset::Ascfr, Dataset::Salt],
        "Skills for Care" => vec![Dataset::SkillsForCare],
        "SAC" => vec![Dataset::SafeguardingAdultsCollection],
        "" => vec![],
        other => panic!("unknown dataset {other}"),
    }
}

#[test]
fn camden_finds_every_csv_row_with_its_own_comparator() {
    let (Some((_, metrics)), Some(rows)) = (camden(), rows()) else {
        return;
    };
    let mut failures = Vec::new();
    let mut mispairings = Vec::new();
    for row in &rows {
        let st = statement_of(row);
        let part_ok = |m: &&Metric| {
            if st.is_none() {
                m.part == Part::About
            } else {
                m.statement == st
            }
        };
        let candidates: Vec<&Metric> = metrics
            .iter()
            .filter(part_ok)
            .filter(|m| m.value.to_string() == row.value)
            .collect();
        let Some(m) = candidates
            .iter()
            .find(|m| m.comparator.is_some())
            .or(candidates.first())
        else {
            failures.push(format!("{} {}: not found", row.statement, row.value));
            continue;
        };
        let mut fail = |what: String| {
            failures.push(format!(
                "{} {} ({}): {what}",
                row.statement, row.value, row.measure
            ))
        };
        let unit = match row.unit.as_str() {
            "percent" => Unit::Percent,
            "rate" => Unit::Rate,
            "days" => Unit::Days,
            other => panic!("unit {other}"),
        };
        if m.unit != unit {
            fail(format!("unit {:?}", m.unit));
        }
        match &m.comparator {
            None => fail("no comparator".into()),
            Some(c) => {
                let value = c.value.map(|v| v.to_string()).unwrap_or_default();
                if value != row.comparator_value {
                    let other_row = rows.iter().any(|r| r.comparator_value == value);
                    if other_row {
                        mispairings.push(format!(
                            "{} {} paired with {}",
                            row.statement, row.value, value
                        ));
                    }
                    fail(format!(
                        "comparator value {} (want {})",
                        value, row.comparator_value
                    ));
                }
                let scope = match (c.scope, &c.region) {
                    (Scope::Regional, Some(r)) => format!("regional:{r}"),
                    (s, _) => s.id().to_owned(),
                };
                if scope != row.comparator_scope {
                    fail(format!("scope {scope} (want {})", row.comparator_scope));
                }
            }
        }
        let want = datasets(row);
        let got = m.source.and_then(|s| s.dataset);
        if !want.is_empty() && !got.is_some_and(|d| want.contains(&d)) {
            fail(format!("dataset {got:?} (want {})", row.dataset));
        }
        let period = m
            .source
            .and_then(|s| s.period)
            .map(|p| p.to_string())
            .unwrap_or_default();
        if !row.period.is_empty() && period != row.period {
            fail(format!("period '{period}' (want {})", row.period));
        }
        if m.measure.canonical.is_none() {
            fail("no canonical measure".into());
        }
        let band = m.band.map(VariationBand::id).unwrap_or_default();
        if band != row.band {
            fail(format!("band '{band}' (want '{}')", row.band));
        }
    }
    assert_eq!(rows.len(), 41);
    assert!(mispairings.is_empty(), "mis-pairings: {mispairings:#?}");
    assert!(
        failures.is_empty(),
        "{} of 41 rows fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn find<'a>(metrics: &'a [Metric], value: &str, unit: Unit) -> &'a Metric {
    metrics
        .iter()
        .find(|m| m.value.to_string() == value && m.unit == unit)
        .unwrap_or_else(|| panic!("no metric {value} {unit}"))
}

#[test]
fn camden_local_figures_are_typed() {
    let Some((_, metrics)) = camden() else { return };
    let list = find(&metrics, "642", Unit::People);
    assert_eq!(list.statement, Some(QualityStatement::AssessingNeeds));
    assert_eq!(
        list.source.and_then(|s| s.dataset),
        Some(Dataset::LocalAuthority)
    );
    assert!(list.comparator.is_none());
    assert_eq!(
        list.measure.canonical.map(|m| m.id),
        Some("la_carers_assessment_waiting_list")
    );
    let median = find(&metrics, "206", Unit::Days);
    assert_eq!(
        median.measure.canonical.map(|m| m.id),
        Some("la_carers_assessment_median_wait")
    );
    let max = find(&metrics, "1018", Unit::Days);
    assert_eq!(
        max.measure.canonical.map(|m| m.id),
        Some("la_carers_assessment_maximum_wait")
    );
    let fin = find(&metrics, "14.5", Unit::Days);
    assert_eq!(
        fin.measure.canonical.map(|m| m.id),
        Some("la_financial_assessment_median_wait")
    );
    let eq = find(&metrics, "49", Unit::Days);
    assert_eq!(
        eq.statement,
        Some(QualityStatement::SupportingHealthierLives)
    );
    assert_eq!(
        eq.measure.canonical.map(|m| m.id),
        Some("la_equipment_median_wait")
    );
    let eq_list = find(&metrics, "295", Unit::People);
    assert_eq!(
        eq_list.measure.canonical.map(|m| m.id),
        Some("la_equipment_waiting_list")
    );
    find(&metrics, "3.74", Unit::Days);
    find(&metrics, "220", Unit::People);
    let reablement = find(&metrics, "86", Unit::Percent);
    assert_eq!(
        reablement.statement,
        Some(QualityStatement::PartnershipsAndCommunities)
    );
    assert_eq!(
        reablement
            .source
            .and_then(|s| s.period)
            .map(|p| p.to_string())
            .as_deref(),
        Some("2023-24")
    );
    assert_eq!(
        reablement.source.and_then(|s| s.dataset),
        Some(Dataset::LocalAuthority)
    );
    let before = find(&metrics, "75", Unit::Percent);
    assert_eq!(
        before
            .source
            .and_then(|s| s.period)
            .map(|p| p.to_string())
            .as_deref(),
        Some("2021-22")
    );
    let advocacy = find(&metrics, "514", Unit::People);
    assert_eq!(
        advocacy
            .source
            .and_then(|s| s.period)
            .map(|p| p.to_string())
            .as_deref(),
        Some("2023-24")
    );
}

#[test]
fn camden_financial_facts_are_metrics() {
    let Some((_, metrics)) = camden() else { return };
    let fin: Vec<&Metric> = metrics
        .iter()
        .filter(|m| m.part == Part::FinancialFacts)
        .collect();
    let by_id = |id: &str| {
        fin.iter()
            .find(|m| m.measure.canonical.is_some_and(|d| d.id == id))
            .unwrap_or_else(|| panic!("no {id} in {fin:#?}"))
    };
    for (id, value, unit) in [
        ("fin_total_budget_estimate", "589322000", Unit::Pounds),
        ("fin_total_budget_actual", "608572000", Unit::Pounds),
        ("fin_asc_spend_estimate", "122330000", Unit::Pounds),
        ("fin_asc_spend_actual", "113990000", Unit::Pounds),
        ("fin_asc_share", "18.73", Unit::Percent),
        ("fin_asc_precept", "2", Unit::Percent),
        ("fin_long_term_support", "1425", Unit::People),
        ("fin_short_term_support", "3420", Unit::People),
        // "£19,250,000 more than estimated", "£8,340,000 less than estimated".
        ("fin_total_over_estimate", "19250000", Unit::Pounds),
        ("fin_asc_over_estimate", "-8340000", Unit::Pounds),
    ] {
        let m = by_id(id);
        assert_eq!(
            (m.value.to_string().as_str(), m.unit),
            (value, unit),
            "{id}"
        );
        assert_eq!(m.statement, None);
        assert_eq!(
            m.source
                .and_then(|s| s.period)
                .map(|p| p.to_string())
                .as_deref(),
            Some("2023-24"),
            "{id}"
        );
        assert!(!m.sentence.is_empty(), "{id}: the bullet stating it");
        assert!(m.span.is_some(), "{id}");
    }
    assert_eq!(fin.len(), 10);
}

#[test]
fn camden_spans_point_at_the_sentence() {
    let Some(text) = read("camden-full-report.txt") else {
        return;
    };
    let report = parse(&text);
    let metrics = report.metrics();
    assert!(metrics.len() > 60, "{} metrics", metrics.len());
    for m in metrics {
        if m.part == Part::FinancialFacts {
            continue;
        }
        let span = m.span.expect("a parsed report has spans");
        assert_eq!(&text[span.range()], &*m.sentence);
        let fig = m.figure_span.expect("figure span");
        assert!(span.start <= fig.start && fig.end <= span.end);
        assert!(
            text[fig.range()].contains(|c: char| c.is_ascii_digit()),
            "{}",
            &text[fig.range()]
        );
    }
}

#[test]
fn camden_flags_the_repeated_feel_safe_value() {
    let Some((report, _)) = camden() else { return };
    let warnings = report.metric_warnings();
    assert!(
        warnings.iter().any(|w| matches!(w, cqc_la::metrics::MetricWarning::SameValue { value, .. } if value.to_string() == "63.93")),
        "{warnings:#?}"
    );
    assert!(
        !warnings.iter().any(|w| w.id() == "band_contradicts"),
        "{warnings:#?}"
    );
}

#[test]
fn camden_metrics_json_has_the_documented_fields() {
    let Some((_, metrics)) = camden() else { return };
    let json = serde_json::to_value(&metrics).expect("serialises");
    let first = json
        .as_array()
        .and_then(|a| a.iter().find(|m| !m["comparator"].is_null()))
        .expect("a compared metric");
    let keys: Vec<&str> = first
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    // The documented fields are all there; later versions may add fields.
    for key in [
        "band",
        "comparator",
        "measure",
        "sentence",
        "source",
        "span",
        "statement",
        "unit",
        "value",
    ] {
        assert!(keys.contains(&key), "{key} missing from {keys:?}");
    }
    let mkeys: Vec<&str> = first["measure"]
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    for key in ["ascof", "id", "population", "text"] {
        assert!(mkeys.contains(&key), "{key} missing from {mkeys:?}");
    }
    let c = &first["comparator"];
    assert!(c["scope"].is_string() && c["value"].is_number() && c.get("region").is_some());
    assert!(first["value"].is_number());
    assert!(first["span"].as_array().is_some_and(|s| s.len() == 2));
}
