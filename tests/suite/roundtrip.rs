//! Render -> parse gives the same report.

use super::util::{corpus_file, corpus_files, parse};

#[test]
fn every_corpus_file_round_trips_after_one_parse() {
    let Some(files) = corpus_files() else { return };
    for file in files {
        let Some(text) = corpus_file(&file) else {
            return;
        };
        let first = parse(&text);
        let rendered = first.to_string();
        let second = parse(&rendered);
        assert_eq!(second, first, "{file} changed after render -> parse");
        assert_eq!(
            second.to_string(),
            rendered,
            "{file}: rendering is not stable"
        );
    }
}

#[test]
fn every_fixture_and_example_round_trips_after_one_parse() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<std::path::PathBuf> = ["tests/fixtures", "examples/reports"]
        .iter()
        .flat_map(|dir| std::fs::read_dir(root.join(dir)).expect("directory"))
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert!(files.len() >= 28, "{files:?}");
    for path in files {
        let text = std::fs::read_to_string(&path).expect("readable");
        let Ok(mut first) = cqc_la::Report::parse(&text) else {
            // The "not a report" fixture.
            continue;
        };
        let rendered = first.to_string();
        let mut second = parse(&rendered);
        assert_eq!(
            second.to_string(),
            rendered,
            "{}: rendering is not stable",
            path.display()
        );
        first.warnings.clear();
        second.warnings.clear();
        assert_eq!(
            second,
            first,
            "{} changed after render -> parse",
            path.display()
        );
    }
}
