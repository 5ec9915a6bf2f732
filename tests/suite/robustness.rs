//! Parsing never panics and never loses a line, whatever the input: arbitrary text and bytes,
//! and real reports cut, shuffled, doubled and stripped. Every successful parse is checked
//! with `assert_lossless`, every warning must point inside the input, and the report must
//! render and parse again.

use std::sync::OnceLock;

use cqc_la::{Location, ParseErrorKind, Report, Span, WarningKind};
use proptest::prelude::*;
use proptest::sample::select;

use super::util::{assert_lossless, corpus_dir, corpus_file, corpus_files};

/// The location of byte `offset`, computed the slow, obvious way.
fn location_of(input: &str, offset: usize) -> Location {
    let before = &input[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Location {
        line: before.matches('\n').count() + 1,
        column: before[line_start..].chars().count() + 1,
        offset,
    }
}

/// Parses `input` and checks everything that must hold for any input.
#[track_caller]
fn check(input: &str) -> Option<Report> {
    check_with(input, true)
}

/// `check`, with metric extraction and comparison only when `with_metrics` is set (they cost more
/// than parsing; the truncation tests run them on a sample of their thousands of inputs).
#[track_caller]
fn check_with(input: &str, with_metrics: bool) -> Option<Report> {
    match Report::parse(input) {
        Ok(report) => {
            assert_lossless(input, &report);
            for warning in &report.warnings {
                let offset = warning.location.offset;
                assert!(
                    offset < input.len() && input.is_char_boundary(offset),
                    "{warning} points outside the input ({} bytes)",
                    input.len()
                );
                assert_eq!(warning.location, location_of(input, offset), "{warning}");
            }
            assert!(
                report
                    .warnings
                    .windows(2)
                    .all(|w| w[0].location <= w[1].location),
                "warnings are in input order"
            );
            // Metric extraction never panics, and its spans point into the input.
            let metrics = if with_metrics {
                report.metrics()
            } else {
                Vec::new()
            };
            for metric in metrics {
                for span in [metric.span, metric.figure_span].into_iter().flatten() {
                    assert!(
                        span.start <= span.end
                            && span.end <= input.len()
                            && input.is_char_boundary(span.start)
                            && input.is_char_boundary(span.end),
                        "metric span {span:?} outside the input ({} bytes): {metric:?}",
                        input.len()
                    );
                }
            }
            if with_metrics {
                let _ = report.metric_warnings();
                // Comparing (which compares metrics too) never panics either, with itself or
                // a complete report.
                let assessment = cqc_la::Assessment::new(report.clone());
                let comparison = cqc_la::compare(&assessment, &assessment);
                assert!(comparison.a_ahead.is_empty() && comparison.b_ahead.is_empty());
                let _ = cqc_la::compare(&assessment, example()).to_string();
            }
            // The rendering is a report too.
            let rendered = report.to_string();
            if let Err(err) = Report::parse(&rendered) {
                panic!("the rendering does not parse: {err}\n{rendered}");
            }
            Some(report)
        }
        Err(err) => {
            let content = input.trim_start_matches('\u{feff}').trim();
            match err.kind() {
                ParseErrorKind::Empty => assert!(content.is_empty(), "{err}"),
                ParseErrorKind::NotAReport => {
                    assert!(!content.is_empty());
                    let location = err.location();
                    assert_eq!(location, location_of(input, location.offset));
                    assert!(input[location.offset..].starts_with(err.snippet()));
                }
                kind => panic!("unexpected error {kind:?} for text input"),
            }
            None
        }
    }
}

/// A complete fictional report, to compare against.
fn example() -> &'static cqc_la::Assessment {
    static EXAMPLE: OnceLock<cqc_la::Assessment> = OnceLock::new();
    EXAMPLE.get_or_init(|| {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/reports/northmere.txt");
        cqc_la::Assessment::parse(&std::fs::read_to_string(path).expect("example report"))
            .expect("parses")
    })
}

/// Fragments of report text, to build strings that reach deep into the parser.
const FRAGMENTS: &[&str] = &[
    "Score: ",
    "Score ",
    "Indicative score: ",
    "Theme 1: ",
    "Theme 9: ",
    "%",
    "£",
    "**",
    "0",
    "3",
    "4",
    "75",
    "999999999999999999999",
    ",",
    ".",
    ":",
    " - ",
    "\u{2013}",
    "\u{2018}",
    "\u{2019}",
    "\u{201c}",
    "\u{201d}",
    "\u{a0}",
    "\r\n",
    "\n",
    "\n\n",
    "  ",
    "\t",
    "\u{feff}",
    "- ",
    "• ",
    "* ",
    "\u{a9} Care Quality Commission",
    "Assessment published: ",
    "Published: ",
    "28 February 2025",
    "31 February 2025",
    "Assessment start date: ",
    "Northmere County Council",
    ": local authority assessment",
    " assessment",
    "About ",
    "Demographics",
    "Financial facts",
    "2023/24",
    "2023-2024",
    " people were accessing long-term",
    " of the budget",
    "precept",
    "total budget",
    " on adult social care",
    "Overall summary",
    "Local authority rating and score",
    "Quality statement scores",
    "Good",
    "Outstanding",
    "Requires improvement",
    "Indicative rating: ",
    " scored 78 out of 100 overall",
    "Summary of people's experiences",
    "Summary of strengths, areas for development and next steps",
    "This theme includes these quality statements:",
    "We may not always review all quality statements during every assessment.",
    "Assessing needs",
    "Safeguarding",
    "Learning, improvement and innovation",
    "3 - Evidence shows a good standard",
    "1 - Inadequate: Evidence shows significant shortfalls",
    "Evidence shows ",
    "What people expect",
    "The local authority commitment",
    "Key findings for this quality statement",
    "Timeliness of assessments",
    "People told us they waited.",
    "Downloads",
    "Page last updated: 12 August 2025",
];

fn report_like() -> impl Strategy<Value = String> {
    prop::collection::vec(select(FRAGMENTS), 0..80).prop_map(|parts| parts.concat())
}

/// The real reports (when the corpus is present) and the fictional examples.
fn texts() -> &'static [(String, String)] {
    static TEXTS: OnceLock<Vec<(String, String)>> = OnceLock::new();
    TEXTS.get_or_init(|| {
        let mut out = Vec::new();
        if corpus_dir().is_some() {
            for name in corpus_files().unwrap_or_default() {
                if let Some(text) = corpus_file(&name) {
                    out.push((name, text));
                }
            }
        }
        let examples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/reports");
        for name in ["northmere.txt", "south-fenwick.txt"] {
            let text = std::fs::read_to_string(examples.join(name)).expect("example report");
            out.push((name.to_owned(), text));
        }
        out
    })
}

/// What to do to a report's lines.
#[derive(Debug, Clone)]
enum Mutation {
    Shuffle(u64),
    Duplicate(Vec<prop::sample::Index>),
    Drop(Vec<prop::sample::Index>),
    Truncate(prop::sample::Index),
    Insert(Vec<(prop::sample::Index, char)>),
    RemoveWhitespace,
    DoubleEveryLine,
    Splice(
        prop::sample::Index,
        prop::sample::Index,
        prop::sample::Index,
    ),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let index = any::<prop::sample::Index>();
    prop_oneof![
        any::<u64>().prop_map(Mutation::Shuffle),
        prop::collection::vec(index.clone(), 1..40).prop_map(Mutation::Duplicate),
        prop::collection::vec(index.clone(), 1..80).prop_map(Mutation::Drop),
        index.clone().prop_map(Mutation::Truncate),
        prop::collection::vec(
            (
                index.clone(),
                prop_oneof![
                    any::<char>(),
                    select(vec![
                        '\n', ' ', ':', '%', '£', '-', '*', '\u{2019}', '3', '\r'
                    ])
                ]
            ),
            1..40
        )
        .prop_map(Mutation::Insert),
        Just(Mutation::RemoveWhitespace),
        Just(Mutation::DoubleEveryLine),
        (index.clone(), index.clone(), index).prop_map(|(a, b, c)| Mutation::Splice(a, b, c)),
    ]
}

/// The char boundary at or before `i`.
fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn apply(text: &str, mutation: &Mutation) -> String {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    if lines.is_empty() {
        return text.to_owned();
    }
    match mutation {
        Mutation::Shuffle(seed) => {
            // A small deterministic shuffle (xorshift), so the case replays from its seed.
            let mut lines = lines;
            let mut state = seed | 1;
            for i in (1..lines.len()).rev() {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                let j = usize::try_from(state % (i as u64 + 1)).unwrap();
                lines.swap(i, j);
            }
            lines.concat()
        }
        Mutation::Duplicate(at) => {
            let mut lines = lines;
            for index in at {
                let i = index.index(lines.len());
                lines.insert(i, lines[i]);
            }
            lines.concat()
        }
        Mutation::Drop(at) => {
            let mut lines = lines;
            for index in at {
                if lines.is_empty() {
                    break;
                }
                lines.remove(index.index(lines.len()));
            }
            lines.concat()
        }
        Mutation::Truncate(at) => {
            let end = floor_boundary(text, at.index(text.len() + 1));
            text[..end].to_owned()
        }
        Mutation::Insert(inserts) => {
            let mut text = text.to_owned();
            for (index, c) in inserts {
                let i = floor_boundary(&text, index.index(text.len() + 1));
                text.insert(i, *c);
            }
            text
        }
        Mutation::RemoveWhitespace => text.chars().filter(|c| !c.is_whitespace()).collect(),
        Mutation::DoubleEveryLine => lines.iter().flat_map(|l| [*l, *l]).collect(),
        Mutation::Splice(from, len, to) => {
            // Moves a run of lines elsewhere: sections land inside other sections.
            let mut lines = lines;
            let start = from.index(lines.len());
            let n = len.index(lines.len() - start).max(1);
            let run: Vec<&str> = lines.drain(start..start + n).collect();
            let at = to.index(lines.len() + 1);
            lines.splice(at..at, run);
            lines.concat()
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_strings_never_panic(input in any::<String>()) {
        check(&input);
    }

    #[test]
    fn report_like_strings_never_panic(input in report_like()) {
        check(&input);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        match std::str::from_utf8(&bytes) {
            Ok(text) => {
                let by_str = Report::parse(text);
                let by_bytes = Report::parse_bytes(&bytes);
                prop_assert_eq!(by_str.is_ok(), by_bytes.is_ok());
                check(text);
            }
            Err(utf8) => {
                let err = Report::parse_bytes(&bytes).unwrap_err();
                let offset = utf8.valid_up_to();
                prop_assert_eq!(err.kind(), &ParseErrorKind::InvalidUtf8 { byte: bytes[offset] });
                let valid = std::str::from_utf8(&bytes[..offset]).unwrap();
                prop_assert_eq!(err.location(), location_of(valid, offset));
            }
        }
    }

    #[test]
    fn bytes_around_a_report_never_panic(
        prefix in prop::collection::vec(any::<u8>(), 0..16),
        suffix in prop::collection::vec(any::<u8>(), 0..16),
    ) {
        let mut bytes = prefix;
        bytes.extend_from_slice(texts()[0].1.as_bytes());
        bytes.extend(suffix);
        match std::str::from_utf8(&bytes) {
            Ok(text) => { check(text); }
            Err(utf8) => {
                let err = Report::parse_bytes(&bytes).unwrap_err();
                prop_assert_eq!(err.location().offset, utf8.valid_up_to());
            }
        }
    }
}

proptest! {
    // Each case parses a whole report (up to 116 KB) more than once.
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn mutated_reports_never_panic_or_lose_lines(
        which in any::<prop::sample::Index>(),
        mutations in prop::collection::vec(mutation(), 1..3),
    ) {
        let (_, text) = which.get(texts());
        let mut text = text.clone();
        for m in &mutations {
            text = apply(&text, m);
        }
        check(&text);
    }
}

/// Every prefix of a section page, cut at every character boundary.
#[test]
fn every_truncation_of_a_section_page() {
    let page = corpus_file("islington-partnerships.txt")
        .unwrap_or_else(|| super::util::fixture("single-section-curly.txt"));
    let mut parsed = 0;
    for (n, (end, _)) in page.char_indices().enumerate() {
        if check_with(&page[..end], n % 97 == 0).is_some() {
            parsed += 1;
        }
    }
    // Everything from the first line that is a report's on parses.
    assert!(parsed > page.len() * 9 / 10, "{parsed} of {}", page.len());
}

/// Prefixes of the full report at sampled positions (every 613th byte and around each line
/// break).
#[test]
fn sampled_truncations_of_the_full_report() {
    let Some(report) = corpus_file("camden-full-report.txt") else {
        return;
    };
    let mut ends: Vec<usize> = (0..report.len()).step_by(613).collect();
    ends.extend(
        report
            .match_indices('\n')
            .step_by(7)
            .flat_map(|(i, _)| [i, i + 1]),
    );
    for (n, end) in ends.into_iter().enumerate() {
        let end = floor_boundary(&report, end);
        check_with(&report[..end], n % 17 == 0);
    }
}

#[test]
fn every_report_with_all_whitespace_removed() {
    for (name, text) in texts() {
        let squashed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        // One line, mostly prose: parses or is "not a report", never panics.
        let _ = check(&squashed);
        assert!(!name.is_empty());
    }
}

#[test]
fn every_report_with_every_line_doubled() {
    for (name, text) in texts() {
        let doubled: String = text.split_inclusive('\n').flat_map(|l| [l, l]).collect();
        let report = check(&doubled).unwrap_or_else(|| panic!("{name} no longer parses"));
        let single = check(text).unwrap();
        // Every statement section is still found, each once more as a duplicate.
        let sections = single
            .statements
            .iter()
            .filter(|s| s.section.is_some())
            .count();
        assert_eq!(
            report
                .warnings
                .iter()
                .filter(|w| matches!(w.kind, WarningKind::DuplicateSection { .. }))
                .count(),
            report.duplicates.len(),
            "{name}"
        );
        assert!(report.statements.len() >= sections, "{name}");
    }
}

#[test]
fn every_report_shuffled_by_lines() {
    for (name, text) in texts() {
        for seed in [1, 2, 3] {
            let shuffled = apply(text, &Mutation::Shuffle(seed));
            assert_eq!(shuffled.len(), text.len(), "{name}");
            check(&shuffled);
        }
    }
}

#[test]
fn location_helper_agrees_with_spans() {
    let text = "a\n\u{2019}b\nc";
    assert_eq!(
        location_of(text, 6),
        Location {
            line: 2,
            column: 3,
            offset: 6
        }
    );
    assert_eq!(Span::new(2, 6).len(), 4);
}
