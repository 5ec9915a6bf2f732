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
