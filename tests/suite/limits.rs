//! The input size limit and pathological inputs. Each of these parses with the right result;
//! how long they take is measured by `benches/limits.rs` (no timing is asserted here).

use cqc_la::{
    DEFAULT_MAX_INPUT, ParseErrorKind, QualityStatement as Q, Rating, Report, ReportParser, Score,
    WarningKind,
};

use super::util::{assert_lossless, parse};

fn section_page(statement: &str) -> String {
    format!("{statement}\nScore: 3\n3 - Evidence shows a good standard\n")
}

#[test]
fn the_default_limit_is_16_mib() {
    assert_eq!(DEFAULT_MAX_INPUT, 16 * 1024 * 1024);
    assert_eq!(ReportParser::new().max_input_size(), DEFAULT_MAX_INPUT);
    assert_eq!(ReportParser::default(), ReportParser::new());
    // More than a hundred times the largest real report (Camden's full report, 116 KB).
    const { assert!(DEFAULT_MAX_INPUT > 100 * 120 * 1024) };
}

#[test]
fn one_byte_over_the_default_limit_fails_at_once() {
    let mut text = section_page("Safeguarding");
    text.push_str(&" ".repeat(DEFAULT_MAX_INPUT + 1 - text.len()));
    let err = Report::parse(&text).unwrap_err();
    assert_eq!(
        err.kind(),
        &ParseErrorKind::TooLarge {
            size: DEFAULT_MAX_INPUT + 1,
            limit: DEFAULT_MAX_INPUT
        }
    );
    assert_eq!(
        err.to_string(),
        "the input is 16777217 bytes, more than the limit of 16777216 bytes (line 1, column 1)"
    );
    // At the limit exactly, it parses.
    text.pop();
    let report = parse(&text);
    assert_eq!(report.score(Q::Safeguarding), Score::new(3));
}

#[test]
fn a_configured_limit_is_inclusive() {
    let text = section_page("Safeguarding");
    let n = text.len();
    assert_eq!(n, 57);
    let at = ReportParser::new().max_input(n).parse(&text).unwrap();
    assert_eq!(at.score(Q::Safeguarding), Score::new(3));
    let err = ReportParser::new()
        .max_input(n - 1)
        .parse(&text)
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "the input is 57 bytes, more than the limit of 56 bytes (line 1, column 1)"
    );
    let err = ReportParser::new()
        .max_input(0)
        .parse_bytes(text.as_bytes())
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "the input is 57 bytes, more than the limit of 0 bytes (line 1, column 1)"
    );
    // An empty input is within any limit and is the "empty" error.
    let err = ReportParser::new().max_input(0).parse("").unwrap_err();
    assert_eq!(err.kind(), &ParseErrorKind::Empty);
}

#[test]
fn a_single_10_mb_line_of_findings() {
    let long = "word ".repeat(2_000_000);
    let text = format!("Safeguarding\nScore: 3\nKey findings for this quality statement\n{long}\n");
    let report = parse(&text);
    let section = report
        .statement(Q::Safeguarding)
        .unwrap()
        .section
        .as_ref()
        .unwrap();
    let groups = &section.findings.as_ref().unwrap().groups;
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0].subheading, None);
    assert_eq!(groups[0].paragraphs.len(), 1);
    assert_eq!(groups[0].paragraphs[0].text.len(), 10_000_000 - 1);
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    assert_lossless(&text, &report);
    let again = parse(&report.to_string());
    assert_eq!(again, report);
}

#[test]
fn a_single_10_mb_line_alone_is_not_a_report() {
    let text = "x".repeat(10_000_000);
    let err = Report::parse(&text).unwrap_err();
    assert_eq!(err.kind(), &ParseErrorKind::NotAReport);
    assert_eq!(err.snippet(), "x".repeat(60));
}

#[test]
fn a_10_mb_line_in_the_section_head_is_kept_with_a_short_warning() {
    let long = "y".repeat(10_000_000);
    let text = format!("Safeguarding\nScore: 3\n{long}\n");
    let report = parse(&text);
    let section = report
        .statement(Q::Safeguarding)
        .unwrap()
        .section
        .as_ref()
        .unwrap();
    assert_eq!(section.other.len(), 1);
    assert_eq!(section.other[0].text.len(), 10_000_000);
    assert_eq!(report.warnings.len(), 1);
    let WarningKind::UnplacedLine {
        text: shown,
        section,
    } = &report.warnings[0].kind
    else {
        panic!("{:?}", report.warnings);
    };
    assert_eq!(shown, &format!("{}...", "y".repeat(80)));
    assert_eq!(section, "the section 'Safeguarding'");
    assert_eq!(report.warnings[0].location.line, 3);
    assert_lossless(&text, &report);
}

#[test]
fn a_hundred_thousand_percent_signs() {
    // On one line, in the financial facts: the share before them is still read.
    let signs = "%".repeat(100_000);
    let text = format!(
        "Financial facts\n- In 2023/24, 39.36{signs} of the budget was spent on adult social care.\n"
    );
    let report = parse(&text);
    let facts = report.financial_facts.as_ref().unwrap();
    assert_eq!(facts.items.len(), 1);
    assert_eq!(facts.asc_share, Some("39.36".parse().unwrap()));
    assert_eq!(facts.period, Some(cqc_la::FinancialYear::new(2023)));
    assert!(report.warnings.is_empty());
    assert_lossless(&text, &report);

    // One per line after a header: each is kept, with a warning.
    let text = format!(
        "Northmere County Council: local authority assessment\n{}",
        "%\n".repeat(100_000)
    );
    let report = parse(&text);
    assert_eq!(report.other.len(), 100_000);
    assert_eq!(report.warnings.len(), 100_000);
    assert!(
        report
            .warnings
            .iter()
            .all(|w| matches!(w.kind, WarningKind::UnplacedLine { .. }))
    );
    assert_eq!(report.warnings[99_999].location.line, 100_001);
    assert_lossless(&text, &report);
}

#[test]
fn a_hundred_thousand_score_lines() {
    let text = format!("Safeguarding\n{}", "Score: 3\n".repeat(100_000));
    let report = parse(&text);
    assert_eq!(report.score(Q::Safeguarding), Score::new(3));
    let section = report
        .statement(Q::Safeguarding)
        .unwrap()
        .section
        .as_ref()
        .unwrap();
    assert_eq!(section.other.len(), 99_999);
    assert_eq!(report.warnings.len(), 99_999);
    assert_eq!(report.warnings[0].location.line, 3);
    assert_eq!(report.warnings[99_998].location.line, 100_001);
    assert_lossless(&text, &report);

    // Out-of-range and overlong numbers are warnings, not errors.
    let text = format!(
        "Safeguarding\nScore: 99999999999999999999999\n{}",
        "Score: 5\n".repeat(100_000)
    );
    let report = parse(&text);
    assert_eq!(report.score(Q::Safeguarding), None);
    assert_eq!(report.warnings.len(), 100_001);
    assert!(report.warnings.iter().all(|w| matches!(
        &w.kind,
        WarningKind::ScoreOutOfRange {
            statement: Some(Q::Safeguarding),
            ..
        }
    )));
}

#[test]
fn a_hundred_thousand_repeated_statement_sections() {
    let text = "Safeguarding\nScore: 3\n".repeat(100_000);
    let report = parse(&text);
    assert_eq!(report.statements.len(), 1);
    assert_eq!(report.duplicates.len(), 99_999);
    assert_eq!(report.warnings.len(), 99_999);
    assert!(report.warnings.iter().all(|w| w.kind
        == WarningKind::DuplicateSection {
            statement: Q::Safeguarding
        }));
    assert_lossless(&text, &report);
    let rendered = report.to_string();
    let mut again = parse(&rendered);
    let mut first = report;
    again.warnings.clear();
    first.warnings.clear();
    assert_eq!(again, first);
}

#[test]
fn a_hundred_thousand_repeated_list_entries() {
    let text = format!(
        "Overall summary\nQuality statement scores\n{}",
        "Assessing needs\nScore: 3\n".repeat(100_000)
    );
    let report = parse(&text);
    assert_eq!(report.statements.len(), 1);
    assert_eq!(report.score(Q::AssessingNeeds), Score::new(3));
    let listings = report
        .warnings
        .iter()
        .filter(|w| matches!(w.kind, WarningKind::DuplicateListing { .. }))
        .count();
    assert_eq!(listings, 99_999);
    assert_lossless(&text, &report);
}

#[test]
fn deeply_repeated_theme_headings() {
    let text = "Theme 1: How Northmere County Council works with people\n".repeat(100_000);
    let report = parse(&text);
    assert_eq!(report.themes.len(), 100_000);
    assert!(report.warnings.is_empty());
    assert_lossless(&text, &report);

    // Each with its list and a section, 20,000 times: every listed statement is kept.
    let block = "Theme 4: Leadership\nThis theme includes these quality statements:\n- Governance, management and sustainability\n- Learning, improvement and innovation\nGovernance, management and sustainability\nScore: 2\n";
    let text = block.repeat(20_000);
    let report = parse(&text);
    assert_eq!(report.themes.len(), 20_000);
    assert!(report.themes.iter().all(|t| t.listed.len() == 2));
    assert_eq!(report.duplicates.len(), 19_999);
    assert_eq!(
        report.score(Q::GovernanceManagementAndSustainability),
        Score::new(2)
    );
    assert_lossless(&text, &report);
    let mut again = parse(&report.to_string());
    let mut first = report;
    again.warnings.clear();
    first.warnings.clear();
    assert_eq!(again, first);
}

#[test]
fn a_bullet_hard_wrapped_over_a_hundred_thousand_lines() {
    let text = format!(
        "Financial facts\n- The local authority raised the adult social care precept\n{}  with a value of 2%.\n",
        "  and more words\n".repeat(100_000)
    );
    let report = parse(&text);
    let facts = report.financial_facts.as_ref().unwrap();
    assert_eq!(facts.items.len(), 1);
    assert_eq!(facts.items[0].origin.line_spans().len(), 100_002);
    assert_eq!(facts.precept, Some(2.into()));
    assert!(
        facts.items[0]
            .text
            .ends_with("and more words with a value of 2%.")
    );
    assert_lossless(&text, &report);
}

#[test]
fn a_bullet_of_a_hundred_thousand_numbers() {
    let text = format!(
        "Financial facts\n- Approximately {}people were accessing long-term adult social care support.\n",
        "7 ".repeat(100_000)
    );
    let report = parse(&text);
    let facts = report.financial_facts.as_ref().unwrap();
    assert_eq!(facts.long_term_support, Some(7));
    assert_eq!(facts.short_term_support, None);
    assert_lossless(&text, &report);
}

#[test]
fn a_hundred_thousand_pound_signs_and_ratings() {
    let text = format!(
        "Financial facts\n- Its total budget would be {}£1,000.\n",
        "£".repeat(100_000)
    );
    let report = parse(&text);
    let budget = report
        .financial_facts
        .as_ref()
        .unwrap()
        .total_budget
        .unwrap();
    assert_eq!(budget.estimate, Some(1000.into()));
    assert_eq!(budget.actual, None);

    let text = format!("Overall summary\nGood\n{}", "Outstanding\n".repeat(100_000));
    let report = parse(&text);
    assert_eq!(report.rating, Some(Rating::Good));
    assert_eq!(report.warnings.len(), 100_000);
    assert!(report.warnings.iter().all(|w| matches!(
        &w.kind,
        WarningKind::Conflicting { what, .. } if what == "rating"
    )));
    assert_lossless(&text, &report);
}

#[test]
fn a_sentence_of_too_many_figures_reads_the_first_and_says_how_many_were_not() {
    // "5% average " a thousand times in one key-findings sentence: the sentence is cut into
    // bounded pieces; each piece's first figures are read and the rest reported, with where.
    let run = "5% average ".repeat(1000);
    let text = format!(
        "Safeguarding\nScore: 3\n3 - Evidence shows a good standard\nKey findings for this quality statement\n{run}\n"
    );
    let report = parse(&text);
    let metrics = report.metrics();
    let max = cqc_la::metrics::MAX_FIGURES_PER_SENTENCE;
    let warnings = report.metric_warnings();
    let not_read: Vec<(usize, cqc_la::Span)> = warnings
        .iter()
        .filter_map(|w| match w {
            cqc_la::metrics::MetricWarning::FiguresNotRead { count, span } => {
                Some((*count, span.expect("a parsed report has spans")))
            }
            _ => None,
        })
        .collect();
    // 11,000 bytes in pieces of at most 4,096: three pieces.
    assert_eq!(not_read.len(), 3);
    assert_eq!(metrics.len(), 3 * max);
    assert_eq!(
        not_read.iter().map(|(c, _)| c).sum::<usize>() + metrics.len(),
        1000
    );
    let line_start = text.find("5% average").unwrap();
    assert_eq!(not_read[0].1.start, line_start);
    assert!(warnings[0].to_string().contains("more were not read"));
}
