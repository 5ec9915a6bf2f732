//! Every value the crate writes as JSON reads back equal: each report of the corpus and of the
//! fictional fixtures and examples, its metrics, its assessment (alone and with the other pages
//! of its council), its comparison with Camden, and everything a cohort built from the
//! published scores gives. Read back, a value also writes the same JSON again, which checks
//! what equality leaves out (the spans of an [`Origin`](cqc_la::Origin)).

use std::fmt::Debug;
use std::path::{Path, PathBuf};

use cqc_la::assessment::Pages;
use cqc_la::cohort::{
    Group, LeagueRow, LoadWarning, MetricObservation, PeerGroups, ScoreRecord, Subject,
};
use cqc_la::compare::MeasureComparison;
use cqc_la::metrics::MetricWarning;
use cqc_la::rows::Tables;
use cqc_la::{
    Assessment, Authority, Cohort, Metric, ParseErrorKind, QualityStatement, Report, compare,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::util::{corpus_dir, corpus_file, model_lines};

/// Writes `value` as JSON, reads it back and checks that it is equal and writes the same JSON
/// again. Returns the JSON.
#[track_caller]
fn round_trip<T: Serialize + DeserializeOwned + PartialEq + Debug>(
    what: &str,
    value: &T,
) -> String {
    let json = serde_json::to_string(value).unwrap_or_else(|e| panic!("{what}: write: {e}"));
    let back: T = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{what}: read: {e}"));
    assert!(back == *value, "{what}: read back differs");
    let again = serde_json::to_string(&back).unwrap_or_else(|e| panic!("{what}: rewrite: {e}"));
    assert!(again == json, "{what}: read back writes other JSON");
    json
}

/// A report's text and where it came from.
struct Source {
    name: String,
    text: String,
}

fn read_txt(dir: &Path, prefix: &str, out: &mut Vec<Source>) {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    for path in paths {
        let name = path.file_name().unwrap().to_string_lossy();
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        out.push(Source {
            name: format!("{prefix}{name}"),
            text,
        });
    }
}

/// Every report of the corpus: the full report and the four section pages at its root, and
/// every page of `pages/`. `None` (with a skip note) when the corpus is absent.
fn corpus() -> Option<Vec<Source>> {
    // Prints the skip note when the corpus is absent.
    corpus_file("camden-full-report.txt")?;
    let dir = corpus_dir()?;
    let mut sources = Vec::new();
    read_txt(&dir, "", &mut sources);
    read_txt(&dir.join("pages"), "pages/", &mut sources);
    assert!(sources.len() >= 61, "{} corpus files", sources.len());
    Some(sources)
}

/// Every fictional report of the repository: the fixtures (and their `forms/` and `html/`
/// text), the regression inputs and the example reports.
fn fictional() -> Vec<Source> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut sources = Vec::new();
    for dir in [
        "tests/fixtures",
        "tests/fixtures/forms",
        "tests/fixtures/html",
        "tests/regressions",
        "examples/reports",
    ] {
        read_txt(&root.join(dir), &format!("{dir}/"), &mut sources);
    }
    sources
}

/// The reports that parse (a fixture that is no report is skipped: its error is the point of
/// it), each with its assessment.
fn parsed(sources: &[Source]) -> Vec<(&Source, Assessment)> {
    sources
        .iter()
        .filter_map(|s| match Report::parse(&s.text) {
            Ok(report) => Some((s, Assessment::new(report))),
            Err(e) => {
                assert!(
                    matches!(e.kind(), ParseErrorKind::NotAReport | ParseErrorKind::Empty),
                    "{}: {e}",
                    s.name
                );
                None
            }
        })
        .collect()
}

/// What [`reports_read_back`] saw, so that each test says it exercised what it claims.
#[derive(Debug, Default)]
struct Seen {
    reports: usize,
    warnings: usize,
    wrapped_texts: usize,
    metrics: usize,
    metric_warnings: usize,
}

/// Each report, its metrics, its metric warnings and its assessment read back.
fn reports_read_back(reports: &[(&Source, Assessment)]) -> Seen {
    let mut seen = Seen::default();
    for (source, assessment) in reports {
        let name = &source.name;
        let report = assessment.report();
        let json = round_trip(name, report);
        // Equality leaves spans out; every line's span reads back too.
        let back: Report = serde_json::from_str(&json).unwrap();
        let spans = |r: &Report| {
            model_lines(r)
                .into_iter()
                .map(|(span, _)| span)
                .collect::<Vec<_>>()
        };
        assert!(spans(&back) == spans(report), "{name}: spans differ");
        seen.wrapped_texts += json.matches(r#""lines":[["#).count();
        for (warning, json) in report.warnings.iter().zip(
            serde_json::to_value(report).unwrap()["warnings"]
                .as_array()
                .unwrap(),
        ) {
            assert_eq!(json["kind"], warning.kind.id(), "{name}");
            assert_eq!(json["message"], warning.kind.to_string(), "{name}");
        }
        seen.warnings += report.warnings.len();

        let metrics: Vec<Metric> = report.metrics();
        round_trip(&format!("{name}: metrics"), &metrics);
        assert_eq!(metrics, assessment.metrics(), "{name}");
        seen.metrics += metrics.len();
        let warnings: Vec<MetricWarning> = report.metric_warnings();
        round_trip(&format!("{name}: metric warnings"), &warnings);
        seen.metric_warnings += warnings.len();

        round_trip(&format!("{name}: assessment"), assessment);
        round_trip(&format!("{name}: coverage"), &assessment.coverage());
        seen.reports += 1;
    }
    seen
}

#[test]
fn every_corpus_report_reads_back() {
    let Some(sources) = corpus() else { return };
    let reports = parsed(&sources);
    assert_eq!(
        reports.len(),
        sources.len(),
        "every corpus file is a report"
    );
    let seen = reports_read_back(&reports);
    assert!(seen.metrics > 150, "{seen:?}");
    assert!(seen.warnings > 0 && seen.metric_warnings > 0, "{seen:?}");
}

#[test]
fn every_fictional_report_reads_back() {
    let sources = fictional();
    let reports = parsed(&sources);
    assert!(reports.len() >= 50, "{} fictional reports", reports.len());
    let seen = reports_read_back(&reports);
    // Hard-wrapped bullets (one text, several source lines) read back with each line's span.
    assert!(seen.wrapped_texts > 0, "{seen:?}");
    assert!(seen.metrics > 100 && seen.warnings > 10, "{seen:?}");
}

/// The pages of each council put together (`Pages::parse`, so merge warnings carry line and
/// column), each assessment read back.
fn councils(sources: &[Source]) -> Vec<Assessment> {
    let mut pages = Pages::new();
    for s in sources {
        // A fixture that is no report is left out (see `parsed`).
        let _ = pages.parse(s.name.clone(), &s.text);
    }
    let councils = pages.by_authority();
    let mut tables = Tables::default();
    for a in &councils {
        let name = a.authority().unwrap_or("(unnamed)");
        round_trip(
            &format!("{name}: assessment of {} pages", a.pages().len()),
            a,
        );
        round_trip(&format!("{name}: merge warnings"), &a.warnings().to_vec());
    }
    tables.add_assessments(&councils);
    // The tidy rows of every council, as the `dataset` command writes them.
    round_trip("assessment rows", &tables.assessments);
    round_trip("statement rows", &tables.statements);
    round_trip("metric rows", &tables.metrics);
    round_trip("finding rows", &tables.findings);
    round_trip("warning rows", &tables.warnings);
    assert!(!tables.metrics.is_empty() && !tables.warnings.is_empty());
    councils
}

#[test]
fn assessments_of_many_pages_read_back() {
    let fictional = councils(&fictional());
    assert!(fictional.iter().any(|a| a.pages().len() > 1));
    assert!(fictional.iter().any(|a| !a.warnings().is_empty()));
    let Some(sources) = corpus() else { return };
    let corpus = councils(&sources);
    let sunderland = corpus
        .iter()
        .find(|a| a.council().is_some_and(|c| c.name == "Sunderland"))
        .expect("Sunderland's pages");
    assert!(
        sunderland.pages().len() >= 7,
        "{}",
        sunderland.pages().len()
    );
    assert!(sunderland.coverage().is_complete());
    // Read back, each statement is held by the same page.
    let back: Assessment =
        serde_json::from_str(&serde_json::to_string(sunderland).unwrap()).unwrap();
    for qs in QualityStatement::ALL {
        assert_eq!(
            back.page_of(qs).map(|p| &p.source),
            sunderland.page_of(qs).map(|p| &p.source)
        );
    }
    assert_eq!(back.metrics(), sunderland.metrics());
}

#[test]
fn comparisons_with_camden_read_back() {
    let fictional = fictional();
    let mut others = parsed(&fictional);
    let corpus = corpus();
    let camden = match &corpus {
        Some(sources) => {
            others.extend(parsed(sources));
            let text = corpus_file("camden-full-report.txt").expect("the corpus is here");
            Assessment::parse(&text).unwrap()
        }
        // Without the corpus, the fictional Northmere stands in for Camden.
        None => others
            .iter()
            .find(|(s, _)| s.name.ends_with("northmere.txt"))
            .map(|(_, a)| a.clone())
            .expect("examples/reports/northmere.txt"),
    };
    let mut shared_measures = 0;
    for (source, other) in &others {
        let comparison = compare(&camden, other);
        round_trip(&format!("Camden vs {}", source.name), &comparison);
        shared_measures += comparison.metrics.both.len();
        for m in &comparison.metrics.both {
            round_trip(&format!("Camden vs {}: {}", source.name, m.id), m);
        }
    }
    assert!(shared_measures > 0);
}

/// The published cohort with every named assessment of `sources` inserted, each insertion
/// read back.
fn cohort_of(sources: &[Source]) -> Cohort {
    let mut cohort = Cohort::published();
    round_trip("the published cohort", &cohort);
    let mut assessments = councils(sources);
    assessments.retain(|a| a.authority().is_some());
    for a in &assessments {
        let inserted = cohort.insert_assessment(a).unwrap();
        round_trip(&format!("{}: inserted", inserted.record.name), &inserted);
        let observations = MetricObservation::from_assessment(a).unwrap();
        round_trip(
            &format!("{}: observations", inserted.record.name),
            &observations,
        );
    }
    cohort
}

/// Everything the cohort gives, read back.
fn everything_read_back(cohort: &Cohort) {
    round_trip("cohort", cohort);
    for record in &cohort.members {
        round_trip(&record.name, record);
    }
    let table = cohort.league_table();
    round_trip("league table", &table);
    // A cut borrows its rows: they read back as rows.
    let top: Vec<LeagueRow> = table.top(10).rows.to_vec();
    assert!(top.len() >= 10);
    round_trip("top 10", &top);
    round_trip("distributions", &cohort.distributions());
    round_trip(
        "overall distribution",
        &cohort.distribution(Subject::Overall),
    );
    round_trip("theme distributions", &cohort.theme_distributions());
    let mut groups = Group::regions();
    groups.extend(Group::kinds());
    round_trip("groups", &groups);
    round_trip("group table", &cohort.group_table(&groups));
    for group in &groups {
        round_trip(&group.name, &cohort.compare_groups(group, &Group::all()));
    }
    for record in &cohort.members {
        let name = &record.name;
        round_trip(
            &format!("{name}: neighbours"),
            &cohort.neighbours(record, 5),
        );
        round_trip(
            &format!("{name}: metric neighbours"),
            &cohort.metric_neighbours(record, 3),
        );
        round_trip(
            &format!("{name}: learning partners"),
            &cohort.learning_partners(record, QualityStatement::Safeguarding, 3),
        );
        round_trip(
            &format!("{name}: against all"),
            &cohort.against_group(record, &Group::all()),
        );
    }
    let tables = cohort.metric_tables();
    assert!(!tables.tables.is_empty());
    round_trip("metric tables", &tables);
    let (mut charts, mut markers) = (0, 0);
    for record in &cohort.members {
        if let Some(chart) = tables.spine_chart(&record.name) {
            round_trip(&format!("{}: spine chart", record.name), &chart);
            charts += 1;
        }
        if let Some(chart) = tables.spine_chart_against(&record.name, &Group::all()) {
            round_trip(&format!("{}: spine chart against all", record.name), &chart);
            markers += chart.rows.iter().filter(|r| r.marker.is_some()).count();
        }
    }
    assert!(
        charts > 0 && markers > 0,
        "{charts} charts, {markers} markers"
    );
}

#[test]
fn cohort_results_read_back() {
    // The published scores and the fictional councils' figures: runs without the corpus.
    let fictional = cohort_of(&fictional());
    everything_read_back(&fictional);
    let Some(sources) = corpus() else { return };
    let cohort = cohort_of(&sources);
    assert!(cohort.get("Camden").is_some());
    everything_read_back(&cohort);
}

#[test]
fn peer_tables_and_load_warnings_read_back() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/peers");
    let cohort = Cohort::published();
    let mut warnings = 0;
    for file in [
        "nhs-england-peers.csv",
        "nhs-england-distances.csv",
        "cipfa-nearest-neighbours.csv",
    ] {
        let table = PeerGroups::from_csv_path(dir.join(file)).unwrap();
        let back: PeerGroups = serde_json::from_str(&round_trip(file, &table)).unwrap();
        // The index is built again: every council finds its peers.
        for council in table.councils() {
            assert_eq!(back.peers_of(council), table.peers_of(council), "{file}");
        }
        warnings += table.warnings().len();
        round_trip(file, &table.warnings().to_vec());
        for record in &cohort.members {
            round_trip(&record.name, &cohort.against_peers(record, &table));
        }
    }
    assert!(warnings > 0);
    let groups = "group,authority\nNorth,Sunderland\nNorth,Sunderland City Council\n";
    let (_, warnings): (Vec<Group>, Vec<LoadWarning>) =
        Group::load_csv_with_warnings(groups.as_bytes()).unwrap();
    assert_eq!(warnings.len(), 1);
    round_trip("group warnings", &warnings);
}

/// `value`'s JSON with `edit` applied, read back as `T`: the error's message.
#[track_caller]
fn error_after<T: Serialize + DeserializeOwned + Debug>(
    value: &T,
    edit: impl FnOnce(&mut Value),
) -> String {
    let mut json = serde_json::to_value(value).unwrap();
    edit(&mut json);
    serde_json::from_value::<T>(json).unwrap_err().to_string()
}

#[test]
fn unknown_names_in_json_are_errors() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/reports/northmere.txt"),
    )
    .unwrap();
    let northmere = Assessment::parse(&text).unwrap();
    let metric = northmere
        .metrics()
        .iter()
        .find(|m| m.measure.canonical.is_some())
        .unwrap()
        .clone();
    assert_eq!(
        error_after(&metric, |j| j["measure"]["id"] = "no_such_measure".into()),
        "unknown measure id 'no_such_measure'"
    );
    assert_eq!(
        error_after(northmere.report(), |j| {
            j["statements"][0]["statement"] = "safe_guarding".into();
        }),
        "unknown variant `safe_guarding`, expected one of `assessing_needs`, \
         `supporting_healthier_lives`, `equity_in_experience_and_outcomes`, \
         `care_provision_integration_and_continuity`, `partnerships_and_communities`, \
         `safe_pathways_systems_and_transitions`, `safeguarding`, \
         `governance_management_and_sustainability`, `learning_improvement_and_innovation`"
    );

    let camden = ScoreRecord::new("Camden", [None; 9]);
    assert_eq!(
        error_after(&camden, |j| j["authority"]["ons_code"] = "E99999999".into()),
        "unknown authority 'Camden': no council has the ONS code 'E99999999'"
    );
    assert_eq!(
        error_after(&camden, |j| j["authority"]["name"] = "Camdon".into()),
        "unknown authority 'Camdon': the ONS code 'E09000007' is Camden's"
    );
    let sunderland = Assessment::parse(
        "Sunderland City Council: local authority assessment\nSafeguarding\nScore: 3\n",
    )
    .unwrap();
    assert_eq!(
        sunderland.council().map(|c| c.ons_code.as_str()),
        Some("E08000024")
    );
    assert_eq!(
        error_after(&sunderland, |j| j["ons_code"] = "E00000000".into()),
        "unknown authority: no council has the ONS code 'E00000000'"
    );
    assert_eq!(
        error_after(&sunderland, |j| j["pages"] = Value::Array(Vec::new())),
        "an assessment has at least one page, found none"
    );

    let south_fenwick = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/reports/south-fenwick.txt"),
    )
    .unwrap();
    let comparison = compare(&northmere, &Assessment::parse(&south_fenwick).unwrap());
    let shared: &MeasureComparison = comparison.metrics.both.first().expect("a shared measure");
    assert_eq!(
        error_after(shared, |j| j["name"] = "Feeling safer".into()),
        "unknown measure name 'Feeling safer'"
    );
    assert_eq!(
        error_after(shared, |j| j["id"] = "feeling_safer".into()),
        "unknown measure id 'feeling_safer'"
    );

    let warning = MetricWarning::FiguresNotRead {
        count: 3,
        span: None,
    };
    round_trip("a metric warning", &warning);
    let mut json = serde_json::json!({
        "kind": "band_contradicts", "measure": "no_such_measure", "value": 70.1,
        "comparator": 71.1, "band": "tending_towards_negative", "span": null
    });
    assert_eq!(
        serde_json::from_value::<MetricWarning>(json.clone())
            .unwrap_err()
            .to_string(),
        "unknown measure id 'no_such_measure'"
    );
    json["measure"] = "ascs_feel_safe".into();
    let read: MetricWarning = serde_json::from_value(json).unwrap();
    assert_eq!(read.id(), "band_contradicts");

    let text = cqc_la::Text::new("a wrapped bullet");
    assert_eq!(
        serde_json::from_str::<cqc_la::Text>(
            r#"{"text": "a wrapped bullet", "span": [0, 9], "lines": [[0, 5], [6, 10]]}"#
        )
        .unwrap_err()
        .to_string(),
        "a text's span [0, 9] is not the span of its lines [0, 10]"
    );
    let read: cqc_la::Text = serde_json::from_str(
        r#"{"text": "a wrapped bullet", "span": [0, 10], "lines": [[0, 5], [6, 10]]}"#,
    )
    .unwrap();
    assert_eq!(read, text);
    assert_eq!(read.origin.line_spans().len(), 2);
    assert_eq!(read.origin.source_offset(6), Some(6));
    let resolved: &'static Authority = serde_json::from_str(
        r#"{"name": "Camden", "ons_code": "E09000007", "kind": "london_borough", "region": "london"}"#,
    )
    .unwrap();
    assert!(std::ptr::eq(
        resolved,
        Authority::resolve("Camden").unwrap()
    ));
}
