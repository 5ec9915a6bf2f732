//! Writes a heat map of the embedded cohort's league table (authorities by quality statements,
//! coloured by score) as SVG, and prints the path it wrote.
//!
//!     cargo run --example heat_map               # writes ./heat_map.svg
//!     cargo run --example heat_map -- out.svg    # writes out.svg

use std::process::ExitCode;

use cqc_la::Cohort;

fn main() -> ExitCode {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "heat_map.svg".to_owned());
    let svg = Cohort::published().league_table().heat_map_svg();
    match std::fs::write(&path, svg) {
        Ok(()) => {
            println!("{path}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("cannot write {path}: {e}");
            ExitCode::FAILURE
        }
    }
}
