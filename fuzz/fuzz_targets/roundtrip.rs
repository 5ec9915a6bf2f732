//! parse -> render -> parse gives the same report, and rendering is stable.
//!
//! Both parses must keep every line (the integration tests' `assert_lossless`). A line the
//! parser could not place is kept in the `other` lines of the part it appeared in and rendered
//! at one place in that part, where it may read differently (a stray list entry after the list
//! is a list entry again). For reports with such lines the target checks that the rendering
//! parses and loses nothing; for all others, that the report and its rendering are unchanged.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[allow(dead_code)]
#[path = "../../tests/suite/util.rs"]
mod util;

const PLACEMENT: &[&str] = &[
    "unplaced_line",
    "unknown_heading",
    "conflicting",
    "duplicate_listing",
    "score_out_of_range",
    "invalid_date",
];

fuzz_target!(|text: &str| {
    let Ok(mut first) = cqc_la::Report::parse(text) else {
        return;
    };
    util::assert_lossless(text, &first);
    let rendered = first.to_string();
    let mut second = match cqc_la::Report::parse(&rendered) {
        Ok(report) => report,
        Err(err) => panic!("the rendering of a parsed report does not parse: {err}\n{rendered}"),
    };
    let unplaced = first
        .warnings
        .iter()
        .any(|w| PLACEMENT.contains(&w.kind.id()));
    util::assert_lossless(&rendered, &second);
    if unplaced {
        return;
    }
    let again = second.to_string();
    // Warnings carry positions, which move when the text is re-rendered.
    first.warnings.clear();
    second.warnings.clear();
    assert_eq!(first, second, "render -> parse changed the report\n{rendered}");
    assert_eq!(again, rendered, "rendering is not stable");
});
