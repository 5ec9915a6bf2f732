//! Prints the league table of the embedded cohort (published assessments as of October 2025),
//! with joint positions for ties, then the score distribution per quality statement and theme.
//!
//!     cargo run --example league_table
//!     cargo run --example league_table -- --csv > league.csv

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use cqc_la::Cohort;

const USAGE: &str = "\
usage: league_table [--csv]

Prints the league table of the published CQC local authority assessments embedded in the
crate (ranked on CQC's overall percentage, ties as joint positions), then the distribution of
scores per quality statement and theme.

  --csv    print the league table as CSV instead

example: cargo run --example league_table
";

fn main() -> ExitCode {
    let mut csv = false;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--help" | "-h" => {
                let _ = io::stdout().lock().write_all(USAGE.as_bytes());
                return ExitCode::SUCCESS;
            }
            "--csv" => csv = true,
            other => {
                let _ = write!(
                    io::stderr().lock(),
                    "error: unexpected argument '{other}'\n\n{USAGE}"
                );
                return ExitCode::from(2);
            }
        }
    }
    let cohort = Cohort::published();
    let table = cohort.league_table();
    let mut out = BufWriter::new(io::stdout().lock());
    let written = if csv {
        // A small table: made whole first, so that a closed pipe shows as one I/O error.
        let mut bytes = Vec::new();
        match table.write_csv(&mut bytes) {
            Ok(()) => out.write_all(&bytes),
            Err(e) => Err(io::Error::other(e)),
        }
    } else {
        writeln!(out, "{table}").and_then(|()| writeln!(out, "{}", cohort.distributions()))
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
