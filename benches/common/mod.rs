//! Inputs shared by the benches: the real corpus when present, else the fictional examples.

#![allow(dead_code)]

use std::path::PathBuf;

/// The corpus directory: `$CQC_LA_CORPUS`, else `../shared/corpus`.
fn corpus_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("CQC_LA_CORPUS").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"),
        PathBuf::from,
    );
    dir.is_dir().then_some(dir)
}

fn repo_file(path: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// A named input text.
pub struct Input {
    pub name: &'static str,
    pub text: String,
}

/// The full report (Camden's) and a single section page (Camden's governance page), or the
/// fictional Northmere report and a fictional section page when the corpus is absent.
pub fn full_and_section() -> (Input, Input) {
    if let Some(dir) = corpus_dir() {
        let read = |name: &str| std::fs::read_to_string(dir.join(name)).ok();
        if let (Some(full), Some(section)) = (
            read("camden-full-report.txt"),
            read("camden-governance.txt"),
        ) {
            return (
                Input {
                    name: "camden",
                    text: full,
                },
                Input {
                    name: "section",
                    text: section,
                },
            );
        }
    }
    eprintln!(
        "note: the CQC corpus is not at ../shared/corpus (set CQC_LA_CORPUS); benchmarking the fictional example reports instead"
    );
    (
        Input {
            name: "northmere",
            text: repo_file("examples/reports/northmere.txt"),
        },
        Input {
            name: "section",
            text: repo_file("tests/fixtures/single-section-curly.txt"),
        },
    )
}

/// The two fictional full example reports.
pub fn examples() -> (String, String) {
    (
        repo_file("examples/reports/northmere.txt"),
        repo_file("examples/reports/south-fenwick.txt"),
    )
}
