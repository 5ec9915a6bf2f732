//! Compares two reports side by side.
//!
//!     cargo run --example compare                     # the two embedded example reports
//!     cargo run --example compare -- A.txt B.txt      # two report files
//!     cargo run --example compare -- --json A.txt B.txt
//!
//! With no file arguments it compares two fictional full reports that ship with the crate's
//! examples: Northmere County Council (Good) and the London Borough of South Fenwick (Requires
//! improvement).

use std::process::ExitCode;

use cqc_la::{Assessment, Report, compare};

const NORTHMERE: &str = include_str!("reports/northmere.txt");
const SOUTH_FENWICK: &str = include_str!("reports/south-fenwick.txt");

fn load(path: &str) -> Result<Report, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    Report::parse_bytes(&bytes).map_err(|e| format!("{path}: {e}"))
}

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let json = args.iter().any(|a| a == "--json");
    args.retain(|a| a != "--json");
    let reports = match args.as_slice() {
        [] => Report::parse(NORTHMERE)
            .and_then(|a| Ok((a, Report::parse(SOUTH_FENWICK)?)))
            .map_err(|e| format!("embedded example: {e}")),
        [a, b] => load(a).and_then(|a| Ok((a, load(b)?))),
        _ => Err("usage: compare [--json] [A.txt B.txt]".to_owned()),
    };
    let (a, b) = match reports {
        Ok(pair) => pair,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    for (report, name) in [(&a, "A"), (&b, "B")] {
        for warning in &report.warnings {
            eprintln!("warning ({name}): {warning}");
        }
    }
    let comparison = compare(&Assessment::new(a), &Assessment::new(b));
    if json {
        match serde_json::to_string_pretty(&comparison) {
            Ok(s) => println!("{s}"),
            Err(e) => {
                eprintln!("cannot write JSON: {e}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        println!("{comparison}");
    }
    ExitCode::SUCCESS
}
