//! Compares two reports side by side.
//!
//!     cargo run --example compare                     # the two embedded example reports
//!     cargo run --example compare -- A.txt B.txt      # two report files
//!     cargo run --example compare -- --json A.txt B.txt
//!
//! With no file arguments it compares two fictional full reports that ship with the crate's
//! examples: Northmere County Council (Good) and the London Borough of South Fenwick (Requires
//! improvement).

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use cqc_la::{Assessment, Report, ReportParser, compare};

const NORTHMERE: &str = include_str!("reports/northmere.txt");
const SOUTH_FENWICK: &str = include_str!("reports/south-fenwick.txt");

const USAGE: &str = "\
usage: compare [--json] [A.txt B.txt]

Compares two CQC local authority assessment reports side by side (scores, themes, the figures
both cite); with no files, the two fictional example reports that ship with the crate.

  --json    print the comparison as JSON

example: cargo run --example compare -- examples/reports/northmere.txt examples/reports/south-fenwick.txt
";

/// A report file parsed, its warnings on stderr; `FILE: message` when it fails.
fn load(file: &str) -> Result<Report, String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("{file}: cannot read: {e}"))?;
    // Copied text or a saved web page (HTML), told apart by how it starts.
    let report = ReportParser::new()
        .parse_page(&text)
        .map_err(|e| format!("{file}: {e}"))?;
    let mut err = io::stderr().lock();
    for w in &report.warnings {
        let l = w.location;
        let _ = writeln!(err, "{file}:{}:{}: warning: {}", l.line, l.column, w.kind);
    }
    Ok(report)
}

fn main() -> ExitCode {
    let mut json = false;
    let mut files = Vec::new();
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--help" | "-h" => {
                let _ = io::stdout().lock().write_all(USAGE.as_bytes());
                return ExitCode::SUCCESS;
            }
            "--json" => json = true,
            flag if flag.starts_with('-') && flag.len() > 1 => {
                return usage_error(&format!("unknown option '{flag}'"));
            }
            _ => files.push(arg),
        }
    }
    let reports = match files.as_slice() {
        [] => Report::parse(NORTHMERE)
            .and_then(|a| Ok((a, Report::parse(SOUTH_FENWICK)?)))
            .map_err(|e| format!("embedded example: {e}")),
        [a, b] => load(a).and_then(|a| Ok((a, load(b)?))),
        _ => return usage_error("give two report files, or none"),
    };
    let (a, b) = match reports {
        Ok(pair) => pair,
        Err(e) => {
            let _ = writeln!(io::stderr(), "{e}");
            return ExitCode::FAILURE;
        }
    };
    let comparison = compare(&Assessment::new(a), &Assessment::new(b));

    let mut out = BufWriter::new(io::stdout().lock());
    let written = if json {
        serde_json::to_writer_pretty(&mut out, &comparison)
            .map_err(io::Error::from)
            .and_then(|()| writeln!(out))
    } else {
        writeln!(out, "{comparison}")
    };
    match written.and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        // A closed stdout (`| head`) is not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(io::stderr(), "cannot write to standard output: {e}");
            ExitCode::FAILURE
        }
    }
}

fn usage_error(message: &str) -> ExitCode {
    let _ = write!(io::stderr().lock(), "error: {message}\n\n{USAGE}");
    ExitCode::from(2)
}
