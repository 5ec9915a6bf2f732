//! Helpers shared by the integration tests.

use std::path::PathBuf;

use cqc_la::{Report, Span, Text};

/// The directory holding the real CQC reports: `$CQC_LA_CORPUS`, else `../shared/corpus`.
pub fn corpus_dir() -> Option<PathBuf> {
    match std::env::var_os("CQC_LA_CORPUS") {
        // Asked for by name: it must be there (CI sets it and never skips).
        Some(dir) => {
            let dir = PathBuf::from(dir);
            assert!(
                dir.is_dir(),
                "CQC_LA_CORPUS is {} but that is not a directory",
                dir.display()
            );
            Some(dir)
        }
        None => {
            let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
            dir.is_dir().then_some(dir)
        }
    }
}

/// Reads a corpus file, or prints a skip note and returns `None` when the corpus is absent.
#[track_caller]
pub fn corpus_file(name: &str) -> Option<String> {
    let Some(dir) = corpus_dir() else {
        eprintln!(
            "skipping: the CQC corpus is not at ../shared/corpus; set CQC_LA_CORPUS to its directory to run this test"
        );
        return None;
    };
    let path = dir.join(name);
    Some(
        std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display())),
    )
}

/// The corpus files' names, sorted, or `None` (with a skip note) when absent.
pub fn corpus_files() -> Option<Vec<String>> {
    let Some(dir) = corpus_dir() else {
        eprintln!("skipping: the CQC corpus is not at ../shared/corpus; set CQC_LA_CORPUS");
        return None;
    };
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("corpus directory readable")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    Some(names)
}

/// A repository fixture (fictional report) from `tests/fixtures`.
#[track_caller]
pub fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Parses, failing the test with the error's message.
#[track_caller]
pub fn parse(text: &str) -> Report {
    Report::parse(text).unwrap_or_else(|e| panic!("parse failed: {e}"))
}

/// Every span of every line the model holds, with the model's text for it (`None` for
/// structural lines whose text the model keeps as a typed value).
pub fn model_lines(report: &Report) -> Vec<(Span, Option<String>)> {
    let mut out = Vec::new();
    let mut origin = |o: &cqc_la::Origin| {
        for span in o.line_spans() {
            out.push((*span, None));
        }
    };
    let l = &report.lines;
    for o in [&l.header, &l.published, &l.assessment_start, &l.footer]
        .into_iter()
        .flatten()
    {
        origin(o);
    }
    let mut texts: Vec<&Text> = Vec::new();
    texts.extend(&report.navigation);
    texts.extend(&report.other);
    if let Some(about) = &report.about {
        texts.push(&about.heading);
        if let Some(o) = &about.demographics {
            origin(o);
        }
        texts.extend(&about.paragraphs);
    }
    if let Some(facts) = &report.financial_facts {
        origin(&facts.heading);
        texts.extend(&facts.items);
        texts.extend(&facts.notes);
    }
    if let Some(s) = &report.summary {
        origin(&s.heading);
        for o in [
            &s.rating_heading,
            &s.rating_line,
            &s.score_line,
            &s.scores_heading,
        ]
        .into_iter()
        .flatten()
        {
            origin(o);
        }
        texts.extend(&s.authority);
        texts.extend(&s.other);
    }
    for block in [&report.experiences, &report.strengths]
        .into_iter()
        .flatten()
    {
        origin(&block.heading);
        texts.extend(&block.paragraphs);
    }
    for theme in &report.themes {
        texts.push(&theme.title);
        for o in [&theme.includes, &theme.note].into_iter().flatten() {
            origin(o);
        }
        for (_, o) in &theme.listed {
            origin(o);
        }
        texts.extend(&theme.other);
    }
    for statement in report.statements.iter().chain(&report.duplicates) {
        if let Some(listed) = &statement.listed {
            origin(&listed.origin);
            if let Some(o) = &listed.score_line {
                origin(o);
            }
        }
        if let Some(section) = &statement.section {
            origin(&section.heading);
            if let Some(o) = &section.score_line {
                origin(o);
            }
            if let Some(d) = &section.descriptor {
                texts.push(&d.text);
            }
            texts.extend(&section.other);
            for block in [&section.expectations, &section.commitment]
                .into_iter()
                .flatten()
            {
                origin(&block.heading);
                texts.extend(&block.paragraphs);
            }
            if let Some(findings) = &section.findings {
                origin(&findings.heading);
                for group in &findings.groups {
                    texts.extend(&group.subheading);
                    texts.extend(&group.paragraphs);
                }
            }
        }
    }
    // A theme title's origin is its heading line; its text is the part after "Theme N:".
    for text in texts {
        let spans = text.origin.line_spans();
        if spans.len() == 1 {
            out.push((spans[0], Some(text.text.clone())));
        } else {
            for span in spans {
                out.push((*span, None));
            }
        }
    }
    out.sort_by_key(|(span, _)| span.start);
    out
}

/// The non-blank lines of `input`: span of the trimmed content (after a BOM) and its text.
pub fn input_lines(input: &str) -> Vec<(Span, &str)> {
    let mut out = Vec::new();
    let mut offset = 0;
    for raw in input.split_inclusive('\n') {
        let start = offset;
        offset += raw.len();
        let body = if start == 0 {
            raw.strip_prefix('\u{feff}').unwrap_or(raw)
        } else {
            raw
        };
        let lead = raw.len() - body.len() + (body.len() - body.trim_start().len());
        let text = body.trim();
        if !text.is_empty() {
            out.push((Span::new(start + lead, start + lead + text.len()), text));
        }
    }
    out
}

/// Asserts that every non-blank input line is in the model exactly once, in order, and that
/// model texts equal the input's text at their span.
#[track_caller]
pub fn assert_lossless(input: &str, report: &Report) {
    let model = model_lines(report);
    let lines = input_lines(input);
    let mut m = 0;
    for (span, text) in &lines {
        // Several model items may share a line (a published line with other text on it).
        let mut covered = false;
        while let Some((mspan, mtext)) = model.get(m) {
            // An empty span at the end of the line (the empty title of a bare `Theme 1:`)
            // belongs to that line.
            let at_end = mspan.is_empty() && mspan.start == span.end;
            if mspan.start >= span.end && !at_end {
                break;
            }
            assert!(
                mspan.start >= span.start && mspan.end <= span.end,
                "model span {mspan:?} crosses input line {span:?} '{text}'"
            );
            if let Some(mtext) = mtext {
                if mspan == span {
                    assert_eq!(mtext, text, "model text differs from the input at {span:?}");
                } else {
                    assert_eq!(
                        mtext,
                        &input[mspan.range()],
                        "model text differs at {mspan:?}"
                    );
                }
            }
            covered = true;
            m += 1;
        }
        assert!(
            covered,
            "input line at {span:?} is not in the model: '{text}'"
        );
    }
    assert_eq!(
        m,
        model.len(),
        "the model holds spans beyond the input's lines: {:?}",
        &model[m..]
    );
}
