//! Nothing in the input is lost: every non-blank line is in the model, in order.

use super::util::{assert_lossless, corpus_file, corpus_files, parse};

#[test]
fn every_corpus_file_is_kept_whole() {
    let Some(files) = corpus_files() else { return };
    assert!(
        files.len() >= 5,
        "expected the five corpus reports, found {files:?}"
    );
    for file in files {
        let Some(text) = corpus_file(&file) else {
            return;
        };
        let report = parse(&text);
        assert_lossless(&text, &report);
    }
}
