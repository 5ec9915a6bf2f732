//! Parses report files and streams a JSON array to stdout, one object per file: `file`, the
//! serde form of the report and its `metrics`, or `{"file", "error"}` for a file that fails.
//! The report's warnings go to stderr as `FILE:LINE:COLUMN: warning: MESSAGE`. Exits 1 if any
//! file failed (after all of them), 2 for a usage error.
//!
//!     cargo run --example parse -- examples/reports/northmere.txt

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use cqc_la::{Metric, Report, ReportParser};
use serde::Serialize;

const USAGE: &str = "\
usage: parse FILE...

Parses CQC local authority assessment reports (text copied from CQC's website, or saved
pages) and prints a JSON array on stdout, one object per file: the report and its metrics.

example: cargo run --example parse -- examples/reports/northmere.txt
";

/// One file's object: `file`, the report's fields and `metrics`, or `file` and `error`.
#[derive(Serialize)]
#[serde(untagged)]
enum Item<'a> {
    Parsed {
        file: &'a str,
        #[serde(flatten)]
        report: Box<Report>,
        metrics: Vec<Metric>,
    },
    Failed {
        file: &'a str,
        error: String,
    },
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--help" || a == "-h") {
        let _ = io::stdout().lock().write_all(USAGE.as_bytes());
        return ExitCode::SUCCESS;
    }
    if let Some(flag) = args.iter().find(|a| a.starts_with('-') && a.len() > 1) {
        return usage_error(&format!("unknown option '{flag}'"));
    }
    if args.is_empty() {
        return usage_error("no FILE given");
    }

    let mut failed = false;
    let items = args.iter().map(|file| {
        // Copied text or a saved web page (HTML), told apart by how it starts.
        let parsed = std::fs::read_to_string(file)
            .map_err(|e| format!("cannot read: {e}"))
            .and_then(|text| {
                ReportParser::new()
                    .parse_page(&text)
                    .map_err(|e| e.to_string())
            });
        let mut err = io::stderr().lock();
        match parsed {
            Ok(report) => {
                for w in &report.warnings {
                    let l = w.location;
                    let _ = writeln!(err, "{file}:{}:{}: warning: {}", l.line, l.column, w.kind);
                }
                let metrics = report.metrics();
                Item::Parsed {
                    file,
                    report: Box::new(report),
                    metrics,
                }
            }
            Err(error) => {
                failed = true;
                let _ = writeln!(err, "{file}: {error}");
                Item::Failed { file, error }
            }
        }
    });

    // Streamed: each file is parsed and written before the next is read.
    let mut out = BufWriter::new(io::stdout().lock());
    let mut json = serde_json::Serializer::pretty(&mut out);
    let written = serde::Serializer::collect_seq(&mut json, items)
        .map_err(io::Error::from)
        .and_then(|()| writeln!(out))
        .and_then(|()| out.flush());
    match written {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            let _ = writeln!(io::stderr(), "cannot write to standard output: {e}");
            ExitCode::FAILURE
        }
        // A closed stdout (`| head`) is not an error.
        Err(_) => ExitCode::SUCCESS,
        Ok(()) if failed => ExitCode::FAILURE,
        Ok(()) => ExitCode::SUCCESS,
    }
}

fn usage_error(message: &str) -> ExitCode {
    let _ = write!(io::stderr().lock(), "error: {message}\n\n{USAGE}");
    ExitCode::from(2)
}
