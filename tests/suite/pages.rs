//! Real pages of 18 councils (`../shared/corpus/pages/`, read at test time) and the fictional
//! pages of `tests/fixtures/forms/`: every row of their `expected-metrics.csv` is found with the
//! exact value, unit, statement, measure (its catalogue id, through
//! `tests/fixtures/measure-ids.csv`), ASCOF code, comparator, dataset, period and band (and for
//! the fictional pages the comparison's wording and whether the band was derived), and no
//! figure is paired with another row's comparator.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use cqc_la::metrics::{Dataset, Part};
use cqc_la::{Metric, Report};

use super::util::corpus_dir;

/// One expected row.
#[derive(Debug, Clone)]
struct Row {
    file: String,
    statement: String,
    measure: String,
    ascof: String,
    value: String,
    unit: String,
    scope: String,
    comparator: String,
    dataset: String,
    period: String,
    band: String,
    /// Only in the fictional pages' table.
    wording: Option<String>,
    derived: Option<bool>,
}

fn read_rows(path: &Path) -> Vec<Row> {
    let mut reader = csv::Reader::from_path(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let headers = reader.headers().expect("header").clone();
    let col = |name: &str| headers.iter().position(|h| h == name);
    let (wording, derived) = (col("direction"), col("band_derived"));
    reader
        .records()
        .map(|r| {
            let r = r.expect("a row");
            let get = |k: usize| r.get(k).unwrap_or("").to_owned();
            Row {
                file: get(0),
                statement: get(1),
                measure: get(2),
                ascof: get(3),
                value: get(4),
                unit: get(5),
                scope: get(6),
                comparator: get(7),
                dataset: get(8),
                period: get(9),
                band: get(10),
                wording: wording.map(&get),
                derived: derived.map(|k| get(k) == "true"),
            }
        })
        .collect()
}

fn measure_ids() -> HashMap<String, String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/measure-ids.csv");
    let mut reader = csv::Reader::from_path(&path).expect("measure-ids.csv");
    reader
        .records()
        .map(|r| {
            let r = r.expect("a row");
            (r[0].to_owned(), r[1].to_owned())
        })
        .collect()
}

fn dataset_name(d: Dataset) -> &'static str {
    match d {
        Dataset::Ascs => "ASCS",
        Dataset::Sace => "SACE",
        Dataset::Salt => "SALT",
        Dataset::Ascfr => "ASCFR",
        Dataset::Ascof => "ASCOF",
        Dataset::SafeguardingAdultsCollection => "SAC",
        Dataset::SkillsForCare => "Skills for Care",
        Dataset::ClientLevelData => "CLD",
        Dataset::LocalAuthority => "local authority",
        Dataset::CqcRatings => "CQC ratings",
        Dataset::Ons => "ONS",
        Dataset::Census => "Census",
        Dataset::Jsna => "other:JSNA",
        _ => "?",
    }
}

fn statement_of(m: &Metric) -> String {
    match (m.statement, m.part) {
        (Some(qs), _) => qs.id().to_owned(),
        (None, Part::About | Part::FinancialFacts) => "about".to_owned(),
        (None, _) => "summary".to_owned(),
    }
}

/// What differs between a row and the metric found for it.
fn differences(row: &Row, m: &Metric, ids: &HashMap<String, String>) -> Vec<String> {
    let mut out = Vec::new();
    let mut check = |what: &str, got: String, want: &str| {
        if got != want {
            out.push(format!("{what} '{got}' (want '{want}')"));
        }
    };
    check("statement", statement_of(m), &row.statement);
    check("unit", m.unit.id().to_owned(), &row.unit);
    let want_id = ids
        .get(&row.measure)
        .unwrap_or_else(|| panic!("no id for measure '{}' in measure-ids.csv", row.measure));
    check(
        "measure",
        m.measure.canonical.map(|d| d.id).unwrap_or("").to_owned(),
        want_id,
    );
    check(
        "ascof",
        m.measure
            .canonical
            .and_then(|d| d.ascof_old)
            .unwrap_or("")
            .to_owned(),
        &row.ascof,
    );
    let (scope, value) = m
        .comparator
        .as_ref()
        .map_or((String::new(), String::new()), |c| {
            let scope = match &c.region {
                Some(r) => format!("regional:{r}"),
                None => c.scope.id().to_owned(),
            };
            (scope, c.value.map(|v| v.to_string()).unwrap_or_default())
        });
    check("comparator scope", scope, &row.scope);
    check("comparator value", value, &row.comparator);
    check(
        "dataset",
        m.source
            .and_then(|s| s.dataset)
            .map(dataset_name)
            .unwrap_or("")
            .to_owned(),
        &row.dataset,
    );
    check(
        "period",
        m.source
            .and_then(|s| s.period)
            .map(|p| p.to_string())
            .unwrap_or_default(),
        &row.period,
    );
    check(
        "band",
        m.band.map(|b| b.id()).unwrap_or("").to_owned(),
        &row.band,
    );
    if let Some(w) = &row.wording {
        check("wording", m.wording.clone().unwrap_or_default(), w);
    }
    if let Some(d) = row.derived {
        check("band derived", m.band_derived.to_string(), &d.to_string());
    }
    out
}

/// Checks every row of a table against the pages in `dir`; returns the failures and the
/// number of rows.
fn check_table(dir: &Path, rows: &[Row]) -> (Vec<String>, usize) {
    let ids = measure_ids();
    let mut failures = Vec::new();
    let mut files: Vec<&str> = rows.iter().map(|r| r.file.as_str()).collect();
    files.dedup();
    for file in files {
        let path = dir.join(format!("{file}.txt"));
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let report = Report::parse(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
        let metrics = report.metrics();
        let mut used = vec![false; metrics.len()];
        let file_rows: Vec<&Row> = rows.iter().filter(|r| r.file == file).collect();
        for row in &file_rows {
            let want: rust_decimal::Decimal = row.value.parse().expect("a value");
            let candidates: Vec<usize> = (0..metrics.len())
                .filter(|&k| !used[k] && metrics[k].value == want)
                .collect();
            let best = candidates
                .iter()
                .copied()
                .find(|&k| {
                    metrics[k].unit.id() == row.unit && statement_of(&metrics[k]) == row.statement
                })
                .or_else(|| candidates.first().copied());
            let Some(k) = best else {
                failures.push(format!(
                    "{file}: {} {} ({}): not found",
                    row.value, row.unit, row.measure
                ));
                continue;
            };
            used[k] = true;
            let diffs = differences(row, &metrics[k], &ids);
            if !diffs.is_empty() {
                failures.push(format!(
                    "{file}: {} ({}): {}",
                    row.value,
                    row.measure,
                    diffs.join("; ")
                ));
            }
            // Mis-pairing: the comparator's value is another row's, not this one's.
            if let Some(v) = metrics[k].comparator.as_ref().and_then(|c| c.value) {
                let v = v.to_string();
                if v != row.comparator && file_rows.iter().any(|r| r.comparator == v) {
                    failures.push(format!(
                        "{file}: {} paired with another row's comparator {v}",
                        row.value
                    ));
                }
            }
        }
    }
    (failures, rows.len())
}

/// The rows `tests/fixtures/known-misses.csv` lists as not yet read right, for one table:
/// (file, value) pairs.
fn known_misses(table: &str) -> Vec<(String, String)> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/known-misses.csv");
    let mut reader = csv::Reader::from_path(&path).expect("known-misses.csv");
    reader
        .records()
        .map(|r| r.expect("a row"))
        .filter(|r| &r[0] == table)
        .map(|r| (r[1].to_owned(), r[2].to_owned()))
        .collect()
}

/// Fails on any row that is read wrong and not listed as a known miss, and on any listed miss
/// that is now read right (so the list only shrinks).
fn report(name: &str, table: &str, (failures, rows): (Vec<String>, usize)) {
    let known = known_misses(table);
    let is_known = |f: &str| {
        known
            .iter()
            .any(|(file, value)| f.starts_with(&format!("{file}: {value} ")))
    };
    let unexpected: Vec<&String> = failures.iter().filter(|f| !is_known(f)).collect();
    let fixed: Vec<String> = known
        .iter()
        .filter(|(file, value)| {
            !failures
                .iter()
                .any(|f| f.starts_with(&format!("{file}: {value} ")))
        })
        .map(|(file, value)| format!("{file}: {value}"))
        .collect();
    eprintln!(
        "{name}: {} of {rows} rows read exactly ({} known misses)",
        rows - failures.len(),
        known.len()
    );
    assert!(
        unexpected.is_empty() && fixed.is_empty(),
        "{name}: {} of {rows} rows fail that are not known misses:\n{}\n\nknown misses now read right (remove them from known-misses.csv):\n{}",
        unexpected.len(),
        unexpected
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n"),
        fixed.join("\n")
    );
}

#[test]
fn every_real_page_figure_is_read_exactly() {
    let Some(corpus) = corpus_dir() else {
        eprintln!("skipping: the CQC corpus is not at ../shared/corpus; set CQC_LA_CORPUS");
        return;
    };
    let dir = corpus.join("pages");
    let rows = read_rows(&dir.join("expected-metrics.csv"));
    assert_eq!(rows.len(), 72);
    report("real pages", "pages", check_table(&dir, &rows));
}

#[test]
fn every_fictional_form_is_read_exactly() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/forms");
    let rows = read_rows(&dir.join("expected-metrics.csv"));
    assert_eq!(rows.len(), 170);
    report("fictional forms", "forms", check_table(&dir, &rows));
}

/// The structure of each page of a table `expected-structure.json`: authority as the header
/// prints it, publication date, rating, overall score out of 100 and every statement score
/// the page prints (no other statement scored). Returns the differences.
fn check_structure(dir: &Path) -> (Vec<String>, usize) {
    let json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("expected-structure.json"))
            .expect("expected-structure.json"),
    )
    .expect("valid JSON");
    let pages = json.as_object().expect("an object of pages");
    let mut failures = Vec::new();
    let mut fields = 0;
    for (file, want) in pages {
        let text = std::fs::read_to_string(dir.join(format!("{file}.txt"))).expect("the page");
        let report = match Report::parse(&text) {
            Ok(r) => r,
            Err(e) => {
                failures.push(format!("{file}: does not parse: {e}"));
                continue;
            }
        };
        let mut check = |what: &str, got: String, want: String| {
            fields += 1;
            if got != want {
                failures.push(format!("{file}: {what} '{got}' (want '{want}')"));
            }
        };
        let s = |v: Option<&serde_json::Value>| match v {
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(serde_json::Value::Number(n)) => n.to_string(),
            _ => String::new(),
        };
        check(
            "authority",
            report.authority.clone().unwrap_or_default(),
            s(want.get("authority")),
        );
        check(
            "published",
            report.published.map(|d| d.to_string()).unwrap_or_default(),
            s(want.get("published")),
        );
        check(
            "rating",
            report.rating.map(|r| r.id().to_owned()).unwrap_or_default(),
            s(want.get("rating")),
        );
        check(
            "overall score",
            report
                .overall_score
                .map(|n| n.to_string())
                .unwrap_or_default(),
            s(want.get("overall_score")),
        );
        let want_scores: Vec<(String, String)> = want
            .get("scores")
            .and_then(|v| v.as_array())
            .map(|a| a.iter().map(|p| (s(p.get(0)), s(p.get(1)))).collect())
            .unwrap_or_default();
        for qs in cqc_la::QualityStatement::ALL {
            let got = report
                .score(qs)
                .map(|sc| sc.get().to_string())
                .unwrap_or_default();
            let want = want_scores
                .iter()
                .find(|(id, _)| id == qs.id())
                .map(|(_, v)| v.clone())
                .unwrap_or_default();
            check(&format!("score of {}", qs.id()), got, want);
        }
    }
    (failures, fields)
}

#[test]
fn every_real_page_structure_field_is_read() {
    let Some(corpus) = corpus_dir() else {
        eprintln!("skipping: the CQC corpus is not at ../shared/corpus; set CQC_LA_CORPUS");
        return;
    };
    let (failures, fields) = check_structure(&corpus.join("pages"));
    report("real page structure", "structure-pages", (failures, fields));
}

#[test]
fn every_fictional_structure_field_is_read() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/forms");
    let (failures, fields) = check_structure(&dir);
    report("fictional structure", "structure-forms", (failures, fields));
}

#[test]
fn an_empty_rating_block_parses_with_a_warning_and_nothing_invented() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/forms/summary-empty-rating-block.txt");
    let text = std::fs::read_to_string(path).expect("fixture");
    let report = Report::parse(&text).expect("parses");
    assert_eq!(
        report.authority.as_deref(),
        Some("Dunhallow Borough Council")
    );
    assert_eq!((report.rating, report.overall_score), (None, None));
    assert!(report.scores().iter().all(Option::is_none));
    let kinds: Vec<&str> = report.warnings.iter().map(|w| w.kind.id()).collect();
    assert_eq!(kinds, ["empty_rating_block"]);
    let at = text
        .find("Local authority rating and score")
        .expect("the heading");
    assert_eq!(report.warnings[0].location.offset, at);
}

#[test]
fn printed_overall_scores_in_every_form() {
    for (line, want) in [
        ("Overall rating for Ashwick County Council: 75%", 75),
        ("Score: 56%", 56),
        ("Score: 81", 81),
        ("Ashwick County Council scored 62 out of 100 overall", 62),
        ("Overall score for Ashwick County Council: 64", 64),
    ] {
        let text = format!(
            "Ashwick County Council: local authority assessment\nOverall summary\nLocal authority rating and score\nAshwick County Council\nGood\n{line}\nQuality statement scores\n"
        );
        let report = Report::parse(&text).expect("parses");
        assert_eq!(report.overall_score, Some(want), "{line}");
    }
}
