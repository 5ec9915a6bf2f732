//! The `cqc-la` program, run as a subprocess: its help, exit codes, streams and the tables it
//! writes, on the real corpus (`../shared/corpus`) and the fictional fixtures.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use cqc_la::rows::{AssessmentRow, FindingRow, MetricRow, Row, StatementRow, WarningRow};
use cqc_la::{Assessment, QualityStatement, Report};
use serde_json::Value;

use super::util::corpus_dir;

const SUBCOMMANDS: [&str; 6] = [
    "parse",
    "dataset",
    "compare",
    "league",
    "benchmark",
    "chart",
];

/// What a run of the program gave.
#[derive(Debug)]
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

#[track_caller]
fn run<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_cqc-la"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("the program runs");
    Run {
        code: output
            .status
            .code()
            .expect("exited, not killed by a signal"),
        stdout: String::from_utf8(output.stdout).expect("UTF-8 stdout"),
        stderr: String::from_utf8(output.stderr).expect("UTF-8 stderr"),
    }
}

fn manifest(path: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(path)
        .display()
        .to_string()
}

fn text(path: &Path) -> String {
    path.display().to_string()
}

/// A fresh directory for one test's output.
fn out_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("cli")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    dir
}

/// A CSV table as rows of column -> cell, checking the header is `columns`.
#[track_caller]
fn table(path: &Path, columns: &[&str]) -> Vec<HashMap<String, String>> {
    let mut reader = csv::Reader::from_path(path).expect("a CSV table");
    let header: Vec<String> = reader
        .headers()
        .expect("a header")
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header, columns, "{}", path.display());
    reader
        .records()
        .map(|r| {
            let r = r.expect("a CSV record");
            header
                .iter()
                .cloned()
                .zip(r.iter().map(str::to_owned))
                .collect()
        })
        .collect()
}

fn file_stem(file: &str) -> String {
    Path::new(file)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn help_documents_every_subcommand() {
    let help = run(&["--help"]);
    assert_eq!(help.code, 0);
    assert!(help.stderr.is_empty());
    assert!(
        help.stdout
            .starts_with("Turn CQC local authority assessment reports")
    );
    for (name, about) in [
        ("parse", "Parse report files and print each as JSON"),
        ("dataset", "write tidy CSV tables"),
        ("compare", "Compare two reports side by side"),
        ("league", "Rank the published assessments"),
        ("benchmark", "Place reports among the published assessments"),
        ("chart", "Draw a chart as SVG"),
    ] {
        let line = help
            .stdout
            .lines()
            .find(|l| l.trim_start().starts_with(name))
            .unwrap_or_else(|| panic!("{name} is not in the help:\n{}", help.stdout));
        assert!(line.contains(about), "{line}");
    }
    assert!(
        help.stdout
            .contains("Exit status: 0 when every input went through")
    );
    for name in SUBCOMMANDS {
        let sub = run(&[name, "--help"]);
        assert_eq!(sub.code, 0, "{name}");
        assert!(
            sub.stdout.contains(&format!("Usage: cqc-la {name}")),
            "{}",
            sub.stdout
        );
    }
    let dataset = run(&["dataset", "--help"]);
    for table in [
        "assessments.csv",
        "statements.csv",
        "metrics.csv",
        "findings.csv",
        "warnings.csv",
    ] {
        assert!(dataset.stdout.contains(table), "{table}");
    }
    for chart in ["spine", "heat-map"] {
        let sub = run(&["chart", chart, "--help"]);
        assert_eq!(sub.code, 0);
        assert!(sub.stdout.contains("-o, --out <OUT.svg>"), "{}", sub.stdout);
    }
    let version = run(&["--version"]);
    assert_eq!(
        version.stdout,
        format!("cqc-la {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn usage_errors_exit_2_with_one_error_line_and_the_usage() {
    let dir = out_dir("usage");
    for args in [
        vec!["parse"],
        vec!["parse", "--bogus", "x.txt"],
        vec!["dataset", "x.txt"],
        vec!["compare", "a.txt"],
        vec!["chart", "pie"],
        vec!["frobnicate"],
    ] {
        let output = Command::new(env!("CARGO_BIN_EXE_cqc-la"))
            .args(&args)
            .current_dir(&dir)
            .output()
            .unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(output.stdout.is_empty(), "{args:?}");
        assert!(stderr.starts_with("error: "), "{args:?}: {stderr}");
        assert!(stderr.contains("Usage: cqc-la"), "{args:?}: {stderr}");
    }
    // Nothing was taken for a file to write.
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);
}

/// The expected structure of a set of pages, merged per council as the tables merge them.
#[derive(Debug, Default)]
struct Council {
    published: Option<String>,
    rating: Option<String>,
    overall_score: Option<u64>,
    scores: BTreeMap<String, u64>,
    files: Vec<String>,
}

fn expected_councils(path: &Path) -> BTreeMap<String, Council> {
    let text = std::fs::read_to_string(path).expect("expected-structure.json");
    let pages: BTreeMap<String, Value> = serde_json::from_str(&text).expect("JSON");
    let mut councils: BTreeMap<String, Council> = BTreeMap::new();
    for (file, page) in pages {
        let name = page["authority"].as_str().expect("an authority").to_owned();
        let council = councils.entry(name).or_default();
        council.files.push(file);
        let text = |key: &str| page[key].as_str().map(str::to_owned);
        council.published = council.published.take().or_else(|| text("published"));
        council.rating = council.rating.take().or_else(|| text("rating"));
        council.overall_score = council.overall_score.or(page["overall_score"].as_u64());
        for pair in page["scores"].as_array().expect("scores") {
            let id = pair[0].as_str().unwrap().to_owned();
            let score = pair[1].as_u64().unwrap();
            let before = council.scores.insert(id.clone(), score);
            assert!(before.is_none() || before == Some(score), "{id} disagrees");
        }
    }
    councils
}

/// Runs `dataset` on a folder and checks `assessments.csv` and `statements.csv` against its
/// `expected-structure.json`: one row per council, with its scores, rating, date and files.
#[track_caller]
fn check_dataset(pages: &Path, name: &str) -> PathBuf {
    let out = out_dir(name);
    let run = run(&["dataset", &text(pages), "--out", &text(&out), "--quiet"]);
    assert_eq!(run.code, 0, "{run:?}");
    for table in [
        "assessments",
        "statements",
        "metrics",
        "findings",
        "warnings",
    ] {
        assert!(run.stdout.contains(&format!("{table}.csv\t")), "{run:?}");
    }
    let expected = expected_councils(&pages.join("expected-structure.json"));
    let rows = table(&out.join("assessments.csv"), AssessmentRow::COLUMNS);
    for (name, council) in &expected {
        let matching: Vec<_> = rows.iter().filter(|r| &r["authority"] == name).collect();
        assert_eq!(matching.len(), 1, "one assessment for {name}");
        let row = matching[0];
        for qs in QualityStatement::ALL {
            let want = council
                .scores
                .get(qs.id())
                .map(u64::to_string)
                .unwrap_or_default();
            assert_eq!(row[qs.id()], want, "{name}: {}", qs.id());
        }
        let covered = council.scores.len();
        assert_eq!(row["statements_covered"], covered.to_string(), "{name}");
        assert_eq!(row["partial"], (covered < 9).to_string(), "{name}");
        let or_empty = |v: &Option<String>| v.clone().unwrap_or_default();
        assert_eq!(row["published"], or_empty(&council.published), "{name}");
        assert_eq!(row["rating"], or_empty(&council.rating), "{name}");
        // A printed overall score the parser reads is the expected one; none is invented.
        if !row["overall_score"].is_empty() {
            let want = council.overall_score.map(|s| s.to_string());
            assert_eq!(Some(row["overall_score"].clone()), want, "{name}");
        }
        let files: Vec<String> = row["files"].split(';').map(file_stem).collect();
        assert_eq!(files, council.files, "{name}");
    }
    // Rows without a council are pages that name none (the press releases): no scores.
    for row in rows.iter().filter(|r| r["authority"].is_empty()) {
        assert_eq!(row["statements_covered"], "0", "{row:?}");
    }
    assert_eq!(
        rows.iter().filter(|r| !r["authority"].is_empty()).count(),
        expected.len()
    );
    let statements = table(&out.join("statements.csv"), StatementRow::COLUMNS);
    for s in &statements {
        let council = &expected[&s["authority"]];
        assert_eq!(council.scores[&s["statement"]].to_string(), s["score"]);
        let qs = QualityStatement::from_id(&s["statement"]).unwrap();
        assert_eq!(s["theme"], qs.theme().id());
    }
    let total: usize = expected.values().map(|c| c.scores.len()).sum();
    assert_eq!(statements.len(), total);
    out
}

/// Every row of `metrics.csv` is a figure the library extracts from its page, with the
/// library's values (the figures an assessment uses: of each statement, its holding page's).
#[track_caller]
fn check_metrics_are_the_library_metrics(out: &Path) -> Vec<HashMap<String, String>> {
    let rows = table(&out.join("metrics.csv"), MetricRow::COLUMNS);
    let mut files: Vec<String> = rows.iter().map(|r| r["file"].clone()).collect();
    files.sort();
    files.dedup();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let assessment = Assessment::parse(&text).unwrap();
        // Keyed by the figure's span, else (financial facts) the sentence's.
        let mut theirs: HashMap<(String, String), Vec<&cqc_la::Metric>> = HashMap::new();
        for m in assessment.metrics() {
            let span = m.figure_span.or(m.span).expect("a span");
            let key = (span.start.to_string(), span.end.to_string());
            theirs.entry(key).or_default().push(m);
        }
        let mine: Vec<_> = rows.iter().filter(|r| &r["file"] == file).collect();
        for row in &mine {
            let key = (row["byte_start"].clone(), row["byte_end"].clone());
            let m = theirs
                .get(&key)
                .and_then(|ms| {
                    ms.iter().find(|m| {
                        row["measure_id"] == m.measure.canonical.map_or("", |d| d.id)
                            && row["value"].parse::<f64>().ok() == m.value.to_string().parse().ok()
                    })
                })
                .unwrap_or_else(|| panic!("{file}: {row:?} is not a figure the library finds"));
            let span = m.figure_span.or(m.span).unwrap();
            let figure = &text[span.range()];
            assert!(row["sentence"].contains(figure), "{figure} in {row:?}");
            assert_eq!(row["sentence"], *m.sentence);
            let value: f64 = row["value"].parse().unwrap();
            assert_eq!(Some(value), m.value.to_string().parse().ok(), "{row:?}");
            assert_eq!(row["unit"], m.unit.id());
            assert_eq!(row["measure_id"], m.measure.canonical.map_or("", |d| d.id));
            let scope = m.comparator.as_ref().map_or("", |c| c.scope.id());
            assert_eq!(row["comparator_scope"], scope);
            let comparator = m.comparator.as_ref().and_then(|c| c.value);
            assert_eq!(
                row["comparator_value"].parse::<f64>().ok(),
                comparator.and_then(|v| v.to_string().parse().ok())
            );
            let band = m.band.map_or("", cqc_la::metrics::VariationBand::id);
            assert_eq!(row["band"], band);
            let source = m.source.as_ref();
            let dataset = source.and_then(|s| s.dataset);
            assert_eq!(
                row["dataset"],
                dataset.map_or("", cqc_la::metrics::Dataset::id)
            );
            let period = source.and_then(|s| s.period).map(|p| p.to_string());
            assert_eq!(row["period"], period.unwrap_or_default());
            let gaps: Vec<&str> = m.gaps().iter().map(|g| g.id()).collect();
            assert_eq!(row["lacks"], gaps.join(";"));
        }
        assert!(mine.len() <= assessment.metrics().len(), "{file}");
    }
    rows
}

/// The figures of an `expected-metrics.csv` the tables hold: for each expected figure with a
/// value, the row of the same page with the same value and unit, whose statement, comparator
/// and band, where the row has them, are the expected ones (a figure the library is unsure of
/// is left without, never given a wrong one). Returns the expected figures found and missed.
fn expected_metrics_found(
    expected: &Path,
    rows: &[HashMap<String, String>],
) -> (usize, Vec<String>) {
    let mut reader = csv::Reader::from_path(expected).expect("expected-metrics.csv");
    let mut found = 0;
    let mut missed = Vec::new();
    for record in reader.deserialize::<HashMap<String, String>>() {
        let e = record.expect("an expected row");
        let Ok(value) = e["value"].parse::<f64>() else {
            continue; // An England figure quoted without a local one.
        };
        let row = rows.iter().find(|r| {
            file_stem(&r["file"]) == e["file"]
                && r["value"].parse::<f64>().ok() == Some(value)
                && r["unit"] == e["unit"]
        });
        let Some(row) = row else {
            missed.push(format!("{} {} {}", e["file"], e["value"], e["unit"]));
            continue;
        };
        found += 1;
        // The expected tables put financial facts under `about`, the summaries under `summary`.
        let statement = match row["statement"].as_str() {
            "financial_facts" => "about",
            "experiences" | "strengths" => "summary",
            other => other,
        };
        assert_eq!(statement, e["statement"], "{e:?}");
        if !row["comparator_scope"].is_empty() {
            let scope = e["comparator_scope"].split(':').next().unwrap_or_default();
            assert_eq!(row["comparator_scope"], scope, "{e:?}");
        }
        if let Ok(c) = row["comparator_value"].parse::<f64>() {
            assert_eq!(Some(c), e["comparator_value"].parse::<f64>().ok(), "{e:?}");
        }
        if !row["band"].is_empty() {
            assert_eq!(row["band"], e["band"], "{e:?}");
        }
    }
    (found, missed)
}

#[test]
fn dataset_of_the_corpus_pages_has_one_assessment_per_council() {
    let Some(corpus) = corpus_dir() else {
        return;
    };
    let pages = corpus.join("pages");
    let out = check_dataset(&pages, "pages");
    let rows = check_metrics_are_the_library_metrics(&out);
    let (found, missed) = expected_metrics_found(&pages.join("expected-metrics.csv"), &rows);
    // Every figure with a value, as the library finds them (tests/suite/pages.rs).
    assert_eq!((found, missed), (72, Vec::<String>::new()));
    // Every page's parser warnings are in warnings.csv with their line and column.
    let warnings = table(&out.join("warnings.csv"), WarningRow::COLUMNS);
    let surrey = pages.join("004_surrey_pressrelease.txt");
    let report = Report::parse(&std::fs::read_to_string(&surrey).unwrap()).unwrap();
    let listed: Vec<_> = warnings
        .iter()
        .filter(|w| w["file"] == text(&surrey) && w["level"] == "warning" && !w["line"].is_empty())
        .collect();
    assert_eq!(listed.len(), report.warnings.len());
    for (row, w) in listed.iter().zip(&report.warnings) {
        assert_eq!(row["line"], w.location.line.to_string());
        assert_eq!(row["column"], w.location.column.to_string());
        assert_eq!(row["kind"], w.kind.id());
    }
    assert!(
        warnings
            .iter()
            .any(|w| w["file"] == text(&surrey) && w["kind"] == "unnamed_page")
    );
    let findings = table(&out.join("findings.csv"), FindingRow::COLUMNS);
    let darlington = findings
        .iter()
        .find(|f| f["file"].ends_with("031_darlington_assessing_needs_mirror.txt"))
        .expect("a finding of Darlington's assessing needs page");
    let page = std::fs::read_to_string(&darlington["file"]).unwrap();
    let (start, end): (usize, usize) = (
        darlington["byte_start"].parse().unwrap(),
        darlington["byte_end"].parse().unwrap(),
    );
    assert_eq!(page[start..end], darlington["paragraph"]);
    assert_eq!(darlington["statement"], "assessing_needs");
}

#[test]
fn dataset_of_the_fictional_forms_has_one_assessment_per_council() {
    let forms = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/forms");
    let out = check_dataset(&forms, "forms");
    let rows = check_metrics_are_the_library_metrics(&out);
    let (found, missed) = expected_metrics_found(&forms.join("expected-metrics.csv"), &rows);
    // Every figure with a value, as the library finds them (tests/suite/pages.rs).
    assert_eq!((found, missed), (170, Vec::<String>::new()));
}

/// The object `cqc-la parse` prints for a file, made in process.
fn library_json(file: &str) -> Value {
    let report = Report::parse(&std::fs::read_to_string(file).unwrap()).unwrap();
    let mut json = serde_json::to_value(&report).unwrap();
    let object = json.as_object_mut().unwrap();
    object.insert("file".into(), Value::from(file));
    object.insert(
        "metrics".into(),
        serde_json::to_value(report.metrics()).unwrap(),
    );
    json
}

#[test]
fn parse_prints_the_library_json_as_an_array_or_lines() {
    let files = [
        manifest("examples/reports/northmere.txt"),
        manifest("tests/fixtures/summary-section-disagree.txt"),
    ];
    let expected: Vec<Value> = files.iter().map(|f| library_json(f)).collect();
    let pretty = run(&["parse", "-q", &files[0], &files[1]]);
    assert_eq!(pretty.code, 0, "{pretty:?}");
    assert!(pretty.stdout.starts_with("[\n  {\n    \"file\": "));
    assert_eq!(
        serde_json::from_str::<Vec<Value>>(&pretty.stdout).unwrap(),
        expected
    );
    let compact = run(&["parse", "-q", "--compact", &files[0], &files[1]]);
    assert_eq!(compact.stdout.lines().count(), 1);
    assert_eq!(
        serde_json::from_str::<Vec<Value>>(&compact.stdout).unwrap(),
        expected
    );
    let lines = run(&["parse", "-q", "--jsonl", &files[0], &files[1]]);
    let parsed: Vec<Value> = lines
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(parsed, expected);
    let bare = run(&["parse", "--jsonl", "--no-metrics", &files[0]]);
    let bare: Value = serde_json::from_str(&bare.stdout).unwrap();
    assert!(bare.get("metrics").is_none());
    assert_eq!(bare["authority"], "Northmere County Council");
}

#[test]
fn warnings_go_to_stderr_with_file_line_and_column() {
    let file = manifest("tests/fixtures/rating-mismatch.txt");
    let report = Report::parse(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert!(!report.warnings.is_empty());
    let run = run(&["parse", "--jsonl", &file]);
    assert_eq!(run.code, 0);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), report.warnings.len());
    for (line, w) in lines.iter().zip(&report.warnings) {
        let l = w.location;
        assert_eq!(
            *line,
            format!("{file}:{}:{}: warning: {}", l.line, l.column, w.kind)
        );
    }
    let quiet = super::cli::run(&["parse", "--jsonl", "-q", &file]);
    assert!(quiet.stderr.is_empty());
    assert_eq!(quiet.stdout, run.stdout);
}

#[test]
fn a_closed_stdout_ends_quietly_with_0() {
    let bin = env!("CARGO_BIN_EXE_cqc-la");
    let report = manifest("examples/reports/northmere.txt");
    for command in [
        format!("'{bin}' parse '{report}' '{report}' '{report}' | head -1"),
        format!("'{bin}' parse --jsonl '{report}' '{report}' | head -c 10"),
        format!("'{bin}' league | head -1"),
        format!("'{bin}' league --csv | head -1"),
        format!("'{bin}' compare '{report}' '{report}' | head -1"),
        format!("'{bin}' benchmark -q '{report}' | head -1"),
    ] {
        let output = Command::new("bash")
            .args(["-c", &format!("set -o pipefail; {command}")])
            .output()
            .expect("bash runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{command}: {stderr}");
        assert!(stderr.is_empty(), "{command}: {stderr}");
        assert!(!output.stdout.is_empty());
    }
}

#[test]
fn a_file_that_fails_is_reported_and_the_others_go_through() {
    let out = out_dir("failures");
    let good = manifest("examples/reports/northmere.txt");
    let bad = manifest("tests/fixtures/not-a-report.txt");
    let missing = text(&out.join("missing.txt"));
    let tables = out.join("tables");
    let run = run(&["dataset", &good, &bad, &missing, "--out", &text(&tables)]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stderr.contains(&format!(
        "{bad}: no CQC local authority assessment content found"
    )));
    assert!(run.stderr.contains(&format!(
        "{missing}: cannot read: No such file or directory"
    )));
    let warnings = table(&tables.join("warnings.csv"), WarningRow::COLUMNS);
    let errors: Vec<(&str, &str)> = warnings
        .iter()
        .filter(|w| w["level"] == "error")
        .map(|w| (w["file"].as_str(), w["kind"].as_str()))
        .collect();
    assert_eq!(
        errors,
        [
            (bad.as_str(), "not_a_report"),
            (missing.as_str(), "unreadable")
        ]
    );
    let assessments = table(&tables.join("assessments.csv"), AssessmentRow::COLUMNS);
    assert_eq!(assessments.len(), 1);
    assert_eq!(assessments[0]["authority"], "Northmere County Council");
    assert_eq!(assessments[0]["derived_percent"], "72.2");
    // parse: the failure is an object of its own, and the exit code says so.
    let parse = super::cli::run(&["parse", "--jsonl", "-q", &bad, &good]);
    assert_eq!(parse.code, 1);
    let first: Value = serde_json::from_str(parse.stdout.lines().next().unwrap()).unwrap();
    assert_eq!(first["kind"], "not_a_report");
    assert_eq!(
        (first["line"].as_u64(), first["column"].as_u64()),
        (Some(1), Some(1))
    );
}

#[test]
fn a_file_over_the_size_limit_is_refused_from_its_size_on_disk() {
    let out = out_dir("size");
    // A sparse file of 64 GiB: refused from its metadata, never read.
    let big = out.join("big.txt");
    std::fs::File::create(&big)
        .and_then(|f| f.set_len(64 << 30))
        .expect("a sparse file");
    let run = run(&["parse", &text(&big)]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        format!(
            "{}: the file is 68719476736 bytes, more than the limit of 16777216 bytes (see --max-size)\n",
            text(&big)
        )
    );
    let small = manifest("examples/reports/northmere.txt");
    let size = std::fs::metadata(&small).unwrap().len();
    let limited = super::cli::run(&[
        "dataset",
        "--max-size",
        "1000",
        &small,
        "--out",
        &text(&out),
    ]);
    assert_eq!(limited.code, 1);
    assert!(limited.stderr.contains(&format!(
        "the file is {size} bytes, more than the limit of 1000 bytes"
    )));
}

#[test]
fn compare_league_benchmark_and_chart_do_the_examples_jobs() {
    let northmere = manifest("examples/reports/northmere.txt");
    let fenwick = manifest("examples/reports/south-fenwick.txt");
    let compared = run(&["compare", &northmere, &fenwick]);
    assert_eq!(compared.code, 0);
    assert!(compared.stdout.contains("Northmere County Council"));
    assert!(compared.stdout.contains("London Borough of South Fenwick"));
    let json = run(&["compare", "--json", &northmere, &fenwick]);
    let json: Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(json["a"]["overall"]["total"], 26);
    assert_eq!(json["b"]["overall"]["total"], 21);

    let league = run(&["league", "--csv"]);
    assert_eq!(league.stdout.lines().count(), 73);
    assert!(
        league
            .stdout
            .lines()
            .nth(1)
            .unwrap()
            .starts_with("1-2,1,2,71,Camden,E09000007,9,false,32,9,88.9,89,")
    );
    let with_mine = run(&["league", "--csv", &northmere]);
    assert_eq!(with_mine.stdout.lines().count(), 74);
    assert!(
        with_mine
            .stdout
            .contains(",Northmere County Council,,9,false,26,9,72.2,73,")
    );

    let benchmark = run(&["benchmark", &northmere]);
    assert_eq!(benchmark.code, 0, "{benchmark:?}");
    assert!(
        benchmark
            .stdout
            .starts_with("Northmere County Council: not one of the 153 councils")
    );
    assert!(benchmark.stdout.contains("of 73"));

    let out = out_dir("charts");
    let heat = out.join("heat.svg");
    let drawn = run(&["chart", "heat-map", "-o", &text(&heat)]);
    assert_eq!(drawn.stdout, format!("{}\n", text(&heat)));
    let svg = std::fs::read_to_string(&heat).unwrap();
    assert!(svg.starts_with("<svg") && svg.contains("Camden"));
    let to_stdout = run(&["chart", "heat-map"]);
    assert_eq!(to_stdout.stdout, svg);
    let spine = out.join("spine.svg");
    let metrics = manifest("examples/metrics/fictional-metrics.csv");
    let drawn = run(&["chart", "spine", &metrics, "-o", &text(&spine)]);
    assert_eq!(drawn.code, 0, "{drawn:?}");
    assert!(
        drawn
            .stdout
            .starts_with("Northmere: figures against England")
    );
    assert!(std::fs::read_to_string(&spine).unwrap().starts_with("<svg"));
}

/// A `parse` object without what differs between a page's HTML and its copied text: the
/// file, every span (`[start, end]`) and the warnings' positions.
fn without_positions(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter(|(k, _)| !matches!(k.as_str(), "file" | "line" | "column" | "offset"))
                .map(|(k, v)| (k, without_positions(v)))
                .collect(),
        ),
        Value::Array(items) if items.len() == 2 && items.iter().all(Value::is_u64) => Value::Null,
        Value::Array(items) => Value::Array(items.into_iter().map(without_positions).collect()),
        other => other,
    }
}

#[test]
fn a_saved_page_parses_as_its_copied_text() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html");
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    pages.sort();
    assert!(pages.len() >= 4, "the HTML fixtures");
    for page in pages {
        let copied = page.with_extension("txt");
        let html = run(&["parse", "--jsonl", "-q", &text(&page)]);
        let txt = run(&["parse", "--jsonl", "-q", &text(&copied)]);
        assert_eq!((html.code, txt.code), (0, 0));
        let html: Value = serde_json::from_str(&html.stdout).unwrap();
        let txt: Value = serde_json::from_str(&txt.stdout).unwrap();
        assert_eq!(
            html["warnings"].as_array().map(Vec::len),
            txt["warnings"].as_array().map(Vec::len)
        );
        assert_eq!(
            without_positions(html.clone()),
            without_positions(txt),
            "{}",
            page.display()
        );
        // Spans point into the HTML: the first statement's title is there.
        let source = std::fs::read_to_string(&page).unwrap();
        let title = &html["statements"][0]["section"]["heading"];
        if let Some([start, end]) = title.as_array().map(|a| [a[0].as_u64(), a[1].as_u64()]) {
            let (start, end) = (start.unwrap() as usize, end.unwrap() as usize);
            let id = html["statements"][0]["statement"].as_str().unwrap();
            let qs = QualityStatement::from_id(id).unwrap();
            assert_eq!(
                source[start..end].to_lowercase(),
                qs.title().to_lowercase().replace('\'', "&#39;")
            );
        }
    }
}

#[test]
fn dataset_reads_saved_pages_with_spans_into_them() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html");
    let out = out_dir("html");
    let run = run(&["dataset", "-q", &text(&dir), "--out", &text(&out)]);
    assert_eq!(run.code, 0, "{run:?}");
    // The HTML and the copied text of each page are one council's two pages.
    let assessments = table(&out.join("assessments.csv"), AssessmentRow::COLUMNS);
    let councils: Vec<(&str, &str)> = assessments
        .iter()
        .map(|r| (r["authority"].as_str(), r["files"].as_str()))
        .collect();
    assert_eq!(councils.len(), 4, "{councils:?}");
    for (_, files) in &councils {
        let stems: Vec<String> = files.split(';').map(file_stem).collect();
        assert_eq!(stems.len(), 2, "{files}");
        assert_eq!(stems[0], stems[1]);
    }
    let pennford = assessments
        .iter()
        .find(|r| r["authority"] == "Pennford City Council")
        .unwrap();
    assert_eq!(pennford["rating"], "good");
    assert_eq!(pennford["derived_percent"], "69.4");
    // Figures and paragraphs of a saved page point into it.
    let metrics = table(&out.join("metrics.csv"), MetricRow::COLUMNS);
    let findings = table(&out.join("findings.csv"), FindingRow::COLUMNS);
    let span = |row: &HashMap<String, String>| {
        let source = std::fs::read_to_string(&row["file"]).unwrap();
        let (start, end): (usize, usize) = (
            row["byte_start"].parse().unwrap(),
            row["byte_end"].parse().unwrap(),
        );
        visible(&source[start..end])
    };
    let from_html: Vec<_> = metrics
        .iter()
        .filter(|m| m["file"].ends_with(".html"))
        .collect();
    assert!(!from_html.is_empty());
    for row in from_html {
        let figure = span(row);
        assert!(figure.starts_with(|c: char| c.is_ascii_digit()), "{figure}");
        assert!(row["sentence"].contains(&figure), "{figure}");
    }
    let from_html: Vec<_> = findings
        .iter()
        .filter(|m| m["file"].ends_with(".html"))
        .collect();
    assert!(from_html.len() >= 10);
    for row in from_html {
        // From the paragraph's first word to its last (hidden elements between them aside).
        let paragraph = row["paragraph"].trim_start_matches("- ");
        let shown = span(row);
        let first = paragraph.split(' ').next().unwrap();
        let last = paragraph.rsplit(' ').next().unwrap();
        assert!(shown.starts_with(first) && shown.ends_with(last), "{shown}");
    }
}

/// The text a piece of HTML shows: tags dropped, whitespace collapsed, the fixtures' character
/// references decoded.
fn visible(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        if c == '<' {
            rest = rest.split_once('>').map_or("", |(_, r)| r);
            continue;
        }
        let entity = [
            ("&nbsp;", " "),
            ("&rsquo;", "’"),
            ("&#8217;", "’"),
            ("&#x2019;", "’"),
            ("&amp;", "&"),
            ("&#39;", "'"),
            ("&ndash;", "–"),
        ]
        .into_iter()
        .find(|(name, _)| rest.starts_with(name));
        match entity {
            Some((name, decoded)) => {
                out.push_str(decoded);
                rest = &rest[name.len()..];
            }
            None => {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn benchmark_against_peers_from_a_peer_table() {
    let Some(corpus) = corpus_dir() else {
        return;
    };
    let out = out_dir("peers");
    let peers = out.join("peers.csv");
    std::fs::write(
        &peers,
        "authority,neighbour,rank\nCamden,Islington,1\nCamden,Hackney,2\nCamden,Westminster,3\n",
    )
    .unwrap();
    let camden = text(&corpus.join("camden-full-report.txt"));
    let run = run(&["benchmark", &camden, "--peers", &text(&peers)]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stdout
            .starts_with("Camden: Camden (E09000007, London borough, London)\n")
    );
    assert!(run.stdout.contains(
        "Camden against Peers of Camden (2 others, on all nine statements): 88.9% vs mean 73.6% (+15.3), median 73.6%; 1st of 3"
    ));
    assert!(run.stdout.contains(
        "Peers, nearest first: Islington (1), Hackney (2, not in the cohort), Westminster (3)"
    ));
}

#[test]
fn a_folder_without_pages_is_a_failure() {
    let empty = out_dir("empty");
    for command in ["parse", "benchmark", "league"] {
        let run = run(&[command, &text(&empty)]);
        assert_eq!(run.code, 1, "{command}: {run:?}");
        assert_eq!(
            run.stderr,
            format!(
                "{}: no .txt, .html or .htm file in this folder\n",
                text(&empty)
            )
        );
    }
}

/// Fictional pages of two councils, in a folder: a summary page and two section pages of
/// Northmere (one without a name, one contradicting the summary's score list), and a section
/// page of Bexwell citing a different England average for the same figure, and Bexwell's
/// assessing needs section (so that the page without a name fits Northmere's pages only).
fn two_councils(dir: &Path) {
    let pages = [
        (
            "a_northmere_summary.txt",
            "Northmere County Council: local authority assessment\n\
             Assessment published: 14 March 2025\n\
             Overall summary\nLocal authority rating and score\nNorthmere County Council\nGood\n\
             Quality statement scores\nAssessing needs\nScore: 3\nSafeguarding\nScore: 3\n",
        ),
        (
            "b_unnamed_assessing_needs.txt",
            "Assessing needs\nScore: 3\n3 - Evidence shows a good standard\n\
             Key findings for this quality statement\nAssessment timeliness\n\
             People waited a median of 21 days for an assessment.\n",
        ),
        (
            "c_northmere_safeguarding.txt",
            "Northmere County Council: local authority assessment\n\
             Safeguarding\nScore: 2\n2 - Evidence shows some shortfalls\n\
             Key findings for this quality statement\nSafe systems\n\
             ASCS data (2023-24) showed fewer people (60.5%) felt safe than the England \
             average (71.1%) (positive variation).\n",
        ),
        (
            "d_bexwell_safeguarding.txt",
            "Bexwell Borough Council: local authority assessment\n\
             Safeguarding\nScore: 3\n3 - Evidence shows a good standard\n\
             Key findings for this quality statement\n\
             ASCS data (2023-24) showed 72.0% of people felt safe (England average 69.0%).\n",
        ),
        (
            "e_bexwell_assessing_needs.txt",
            "Bexwell Borough Council: local authority assessment\n\
             Assessing needs\nScore: 2\n2 - Evidence shows some shortfalls\n",
        ),
    ];
    for (name, text) in pages {
        std::fs::write(dir.join(name), text).expect("a fixture page");
    }
}

#[test]
fn dataset_merges_pages_as_the_library_does_and_lists_every_warning() {
    let dir = out_dir("merging");
    let pages = dir.join("pages");
    std::fs::create_dir_all(&pages).unwrap();
    two_councils(&pages);
    let out = dir.join("tables");
    let run = run(&["dataset", "-q", &text(&pages), "--out", &text(&out)]);
    assert_eq!(run.code, 0, "{run:?}");
    let file = |name: &str| text(&pages.join(name));

    // One row per council: the page without a name joins Northmere, whose pages it fits.
    let rows = table(&out.join("assessments.csv"), AssessmentRow::COLUMNS);
    let councils: Vec<(&str, &str, &str, &str)> = rows
        .iter()
        .map(|r| {
            (
                r["authority"].as_str(),
                r["assessing_needs"].as_str(),
                r["safeguarding"].as_str(),
                r["statements_covered"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        councils,
        [
            ("Bexwell Borough Council", "2", "3", "2"),
            // The section's score (2) wins over the summary's list (3).
            ("Northmere County Council", "3", "2", "2"),
        ]
    );
    let northmere = &rows[1];
    assert_eq!(
        northmere["files"],
        [
            file("a_northmere_summary.txt"),
            file("b_unnamed_assessing_needs.txt"),
            file("c_northmere_safeguarding.txt"),
        ]
        .join(";")
    );
    // Two statements: a partial percentage and score, never a rating.
    assert_eq!(
        (
            northmere["rating"].as_str(),
            northmere["derived_percent"].as_str(),
            northmere["derived_score"].as_str(),
            northmere["derived_rating"].as_str(),
            northmere["partial"].as_str(),
        ),
        ("good", "62.5", "63", "", "true")
    );

    // Each statement from the page holding it.
    let statements = table(&out.join("statements.csv"), StatementRow::COLUMNS);
    let held: Vec<(&str, &str)> = statements
        .iter()
        .filter(|s| s["authority"] == "Northmere County Council")
        .map(|s| (s["statement"].as_str(), s["file"].as_str()))
        .collect();
    assert_eq!(
        held,
        [
            (
                "assessing_needs",
                file("b_unnamed_assessing_needs.txt").as_str()
            ),
            (
                "safeguarding",
                file("c_northmere_safeguarding.txt").as_str()
            ),
        ]
    );
    let findings = table(&out.join("findings.csv"), FindingRow::COLUMNS);
    assert_eq!(findings.len(), 3);
    assert!(
        findings
            .iter()
            .all(|f| f["authority"] != "Northmere County Council"
                || f["file"] != file("a_northmere_summary.txt"))
    );

    // Warnings: where pages disagree (at the value not used), a band the values contradict,
    // and two councils citing different England averages for the same measure and period.
    let warnings = table(&out.join("warnings.csv"), WarningRow::COLUMNS);
    let found: Vec<(&str, &str, &str, &str)> = warnings
        .iter()
        .map(|w| {
            (
                w["file"].as_str(),
                w["line"].as_str(),
                w["column"].as_str(),
                w["kind"].as_str(),
            )
        })
        .collect();
    let summary = file("a_northmere_summary.txt");
    let safeguarding = file("c_northmere_safeguarding.txt");
    let bexwell = file("d_bexwell_safeguarding.txt");
    assert_eq!(
        found,
        [
            (summary.as_str(), "11", "1", "pages_disagree"),
            (summary.as_str(), "", "", "unknown_authority"),
            (safeguarding.as_str(), "7", "1", "band_contradicts"),
            (safeguarding.as_str(), "", "", "comparator_disagrees"),
            (bexwell.as_str(), "", "", "unknown_authority"),
        ]
    );
    let message = |kind: &str| &warnings.iter().find(|w| w["kind"] == kind).unwrap()["message"];
    assert_eq!(
        message("pages_disagree"),
        &format!(
            "the score of Safeguarding: 2 in {safeguarding}:3:1 but 3 in {summary}:11:1; both kept, 2 used"
        )
    );
    assert!(
        message("comparator_disagrees").starts_with(
            "'ascs_feel_safe' (2023-24): Northmere County Council cites an England average of 71.1, Bexwell Borough Council of 69.0"
        ),
        "{}",
        message("comparator_disagrees")
    );
}

#[test]
fn benchmark_of_one_page_combines_with_the_published_record() {
    let Some(corpus) = corpus_dir() else {
        return;
    };
    let page = corpus.join("pages/040_hillingdon_healthier_lives_section.txt");
    let run = run(&["benchmark", "-q", &text(&page)]);
    assert_eq!(run.code, 0, "{run:?}");
    // The page's one score joins the published nine: never a replacement by fewer scores.
    let record = run.stdout.lines().nth(1).unwrap_or_default();
    assert!(
        record.starts_with(
            "Hillingdon  E09000017  Good  2024-12  3 3 2 3 3 3 3 3 3  26/36 (72.2%)  73/100"
        ),
        "{run:?}"
    );
    assert!(!run.stdout.contains("partial"), "{run:?}");
}
