//! parse -> render -> parse gives the same report, and rendering is stable.
//!
//! A line the parser could not place is kept in the `other` lines of the part it appeared in,
//! and rendered at one place in that part, so its position among the part's structural lines is
//! not kept. For reports with such lines the target checks that the rendering parses again and
//! loses or invents no line; for all others, that the report and its rendering are unchanged.

#![no_main]

use libfuzzer_sys::fuzz_target;

const PLACEMENT: &[&str] = &[
    "unplaced_line",
    "unknown_heading",
    "conflicting",
    "duplicate_listing",
    "score_out_of_range",
    "invalid_date",
];

fn non_blank_lines(text: &str) -> usize {
    text.lines().filter(|l| !l.trim().is_empty()).count()
}

fuzz_target!(|text: &str| {
    let Ok(mut first) = cqc_la::Report::parse(text) else {
        return;
    };
    let rendered = first.to_string();
    let mut second = match cqc_la::Report::parse(&rendered) {
        Ok(report) => report,
        Err(err) => panic!("the rendering of a parsed report does not parse: {err}\n{rendered}"),
    };
    let unplaced = first
        .warnings
        .iter()
        .any(|w| PLACEMENT.contains(&w.kind.id()));
    let again = second.to_string();
    if unplaced {
        assert_eq!(
            non_blank_lines(&again),
            non_blank_lines(&rendered),
            "render -> parse -> render lost or invented lines\n{rendered}\n----\n{again}"
        );
        return;
    }
    // Warnings carry positions, which move when the text is re-rendered.
    first.warnings.clear();
    second.warnings.clear();
    assert_eq!(first, second, "render -> parse changed the report\n{rendered}");
    assert_eq!(again, rendered, "rendering is not stable");
});
