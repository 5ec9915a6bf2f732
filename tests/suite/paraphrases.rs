//! Paraphrases of every kind of measure, written for these tests about fictional councils
//! (`tests/fixtures/paraphrases.csv`: measure id, value, sentence): each sentence, read as a
//! key finding, gives the figure with the value and names the measure. Reports phrase the same
//! measure in many ways; the catalogue must name them all alike.

use std::path::PathBuf;

use cqc_la::Report;

fn rows() -> Vec<(String, String, String)> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/paraphrases.csv");
    let mut reader = csv::Reader::from_path(&path).expect("paraphrases.csv");
    reader
        .records()
        .map(|r| {
            let r = r.expect("a row");
            (r[0].to_owned(), r[1].to_owned(), r[2].to_owned())
        })
        .collect()
}

#[test]
fn every_paraphrase_names_its_measure() {
    let rows = rows();
    assert!(rows.len() >= 90, "{}", rows.len());
    let mut failures = Vec::new();
    for (id, value, sentence) in &rows {
        let text = format!(
            "Safeguarding\nScore: 3\n3 - Evidence shows a good standard\nKey findings for this quality statement\n{sentence}\n"
        );
        let report = Report::parse(&text).expect("a section page");
        let metrics = report.metrics();
        let Some(m) = metrics.iter().find(|m| m.value.to_string() == *value) else {
            failures.push(format!("{id} {value}: no figure in \"{sentence}\""));
            continue;
        };
        let got = m.measure.canonical.map_or("", |d| d.id);
        if got != id {
            let why = m
                .measure
                .unmatched
                .map(|u| u.to_string())
                .unwrap_or_default();
            failures.push(format!(
                "{id} {value}: got '{got}' {why} (score {}) in \"{sentence}\"",
                m.measure.score
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} paraphrases fail:\n{}",
        failures.len(),
        rows.len(),
        failures.join("\n")
    );
}

/// `tests/fixtures/comparisons.csv`: sentences about fictional councils in every form of
/// comparator, list, unit, source and period the reports use, with every field expected
/// (value, unit, comparator scope and value, dataset, period, band, and the comparison's words
/// where the column is filled).
#[test]
fn every_form_of_comparison_source_and_period_reads_exactly() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/comparisons.csv");
    let mut reader = csv::Reader::from_path(&path).expect("comparisons.csv");
    let mut failures = Vec::new();
    let mut n = 0;
    for r in reader.records() {
        let r = r.expect("a row");
        n += 1;
        let (value, unit, scope, comparator, dataset, period, band, wording, sentence) = (
            &r[0], &r[1], &r[2], &r[3], &r[4], &r[5], &r[6], &r[7], &r[8],
        );
        let text = format!(
            "Safeguarding\nScore: 3\n3 - Evidence shows a good standard\nKey findings for this quality statement\n{sentence}\n"
        );
        let report = Report::parse(&text).expect("a section page");
        let metrics = report.metrics();
        let Some(m) = metrics
            .iter()
            .find(|m| m.value.to_string() == value && m.unit.id() == unit)
        else {
            let found: Vec<String> = metrics
                .iter()
                .map(|m| format!("{} {}", m.value, m.unit.id()))
                .collect();
            failures.push(format!(
                "{value} {unit}: not found (found {found:?}) in \"{sentence}\""
            ));
            continue;
        };
        let got_scope = m
            .comparator
            .as_ref()
            .map_or(String::new(), |c| match &c.region {
                Some(r) => format!("regional:{r}"),
                None => c.scope.id().to_owned(),
            });
        let got_comp = m
            .comparator
            .as_ref()
            .and_then(|c| c.value)
            .map(|v| v.to_string())
            .unwrap_or_default();
        let got_data = m.source.and_then(|s| s.dataset).map_or("", |d| d.id());
        let got_period = m
            .source
            .and_then(|s| s.period)
            .map(|p| p.to_string())
            .unwrap_or_default();
        let got_band = m.band.map_or("", |b| b.id());
        let got_wording = m.wording.clone().unwrap_or_default();
        let mut diffs = Vec::new();
        for (what, got, want) in [
            ("scope", got_scope.as_str(), scope),
            ("comparator", got_comp.as_str(), comparator),
            ("dataset", got_data, dataset),
            ("period", got_period.as_str(), period),
            ("band", got_band, band),
        ] {
            if got != want {
                diffs.push(format!("{what} '{got}' (want '{want}')"));
            }
        }
        if !wording.is_empty() && got_wording != wording {
            diffs.push(format!("wording '{got_wording}' (want '{wording}')"));
        }
        if !diffs.is_empty() {
            failures.push(format!(
                "{value} {unit}: {} in \"{sentence}\"",
                diffs.join("; ")
            ));
        }
    }
    assert!(n >= 40, "{n}");
    assert!(
        failures.is_empty(),
        "{} of {n} sentences fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
