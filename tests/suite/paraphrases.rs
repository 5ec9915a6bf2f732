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
