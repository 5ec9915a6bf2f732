//! Writes a heat map of the embedded cohort's league table (authorities by quality statements,
//! coloured by score) as SVG, and prints the path it wrote.
//!
//!     cargo run --example heat_map               # writes ./heat_map.svg
//!     cargo run --example heat_map -- out.svg    # writes out.svg

use std::io::{self, Write};
use std::process::ExitCode;

use cqc_la::Cohort;

const USAGE: &str = "\
usage: heat_map [OUT.svg]

Writes the league table of the published CQC local authority assessments embedded in the
crate as an SVG heat map (authorities by quality statements, coloured by score) to OUT.svg
(default heat_map.svg), and prints the path.

example: cargo run --example heat_map -- heat_map.svg
";

fn usage_error(message: &str) -> ExitCode {
    let _ = write!(io::stderr().lock(), "error: {message}\n\n{USAGE}");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let mut path = None;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--help" | "-h" => {
                let _ = io::stdout().lock().write_all(USAGE.as_bytes());
                return ExitCode::SUCCESS;
            }
            // Never a flag taken for a file name.
            flag if flag.starts_with('-') => {
                return usage_error(&format!("unknown option '{flag}'"));
            }
            _ if path.is_some() => return usage_error("more than one OUT.svg given"),
            _ => path = Some(arg),
        }
    }
    let path = path.unwrap_or_else(|| "heat_map.svg".to_owned());
    let svg = Cohort::published().league_table().heat_map_svg();
    if let Err(e) = std::fs::write(&path, svg) {
        let _ = writeln!(io::stderr(), "{path}: cannot write: {e}");
        return ExitCode::FAILURE;
    }
    match writeln!(io::stdout().lock(), "{path}") {
        // A closed stdout (`| head`) is not an error.
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            let _ = writeln!(io::stderr(), "cannot write to standard output: {e}");
            ExitCode::FAILURE
        }
        _ => ExitCode::SUCCESS,
    }
}
